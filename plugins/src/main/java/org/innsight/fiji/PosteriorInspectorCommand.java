package org.innsight.fiji;

import org.innsight.plots.PosteriorPlots;
import org.innsight.posterior.PosteriorImages;
import org.innsight.image.DerivedImages;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.image.SpectralImage;
import org.innsight.posterior.PixelInspector;
import org.innsight.posterior.PosteriorModel;
import org.innsight.posterior.PosteriorOptions;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

/**
 * {@code Plugins > InnSight > Posterior Pixel Inspector}: the posterior of one pixel or a small region in detail,
 * one plot per parameter (histogram, density, median) titled {@code <image>_<parameter>_posterior}; the summaries
 * go to the Log. The pixel is {@code x, y} (a region: also {@code width, height}), or, with x = -1, the image's
 * selection (a point, or the bounding box of an area). Macro:
 * {@code run("Posterior Pixel Inspector", "image=[scan.tif] model=msi-tissue-16band x=40 y=60");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Posterior Pixel Inspector",
	description = "Plot the posterior of the tissue parameters at one pixel or a small region.")
public class PosteriorInspectorCommand extends InnSightCommand {

	@Parameter(label = "Spectral image", style = DialogFields.SPECTRAL)
	private ImagePlus image;

	@Parameter(label = "Model", description = "name of a model in InnSight's models folder, or the path of a model folder",
		style = DialogFields.MODEL + "posterior-cinn")
	private String model = "msi-tissue-16band";

	@Parameter(label = "x (-1: use the selection)", persist = false)
	private int x = -1;

	@Parameter(label = "y", persist = false)
	private int y = -1;

	@Parameter(label = "Region width", min = "1", persist = false)
	private int width = 1;

	@Parameter(label = "Region height", min = "1", persist = false)
	private int height = 1;

	@Parameter(label = "Samples per pixel", min = "2", max = "1000000")
	private int samples = 1000;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Device", description = "auto (first GPU if present, else CPU), cpu, gpu or gpu:N", style = DialogFields.DEVICE)
	private String device = "auto";

	@Override
	protected void check() {
		Dialogs.spectral(image, "image");
	}

	@Override
	protected void execute() {
		final Rectangle r = region();
		final PosteriorOptions options = new PosteriorOptions();
		options.samples = samples;
		options.seed = seed;
		options.saturation = PosteriorImages.saturationOf(image);
		try (PosteriorModel m = PosteriorModel.load(model, Device.parse(device))) {
			final PixelInspector.Inspection result = PixelInspector.inspect(SpectralImage.of(image), r.x, r.y, r.width, r.height,
				image.getT() - 1, m, options);
			if (result.parameters().isEmpty()) throw new IllegalArgumentException("no estimable pixel at " + result.where() + ": " + result.counts());
			for (final PixelInspector.ParameterPosterior p : result.parameters()) {
				ResultImages.show(PosteriorPlots.inspection(result, p).getImagePlus(), DerivedImages.title(image, p.name() + "_posterior"));
				final String unit = p.unit() == null || p.unit().isEmpty() || p.unit().equals("1") ? "" : " (" + p.unit() + ")";
				IJ.log(String.format(Locale.ROOT, "%s at %s: median %.4g, mean %.4g, IQR %.4g, %d mode(s)%s", p.name(), result.where(), p.median(),
					p.mean(), p.iqr(), p.modes(), unit));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot load model '" + model + "': " + e.getMessage(), e);
		}
	}

	private Rectangle region() {
		if (x >= 0) return new Rectangle(x, y, width, height);
		final Roi roi = image.getRoi();
		if (roi == null) throw new IllegalArgumentException("give x and y, or select a point or a small area on image '" + image.getTitle() + "'");
		final Rectangle b = roi.getBounds();
		return roi.isArea() ? b : new Rectangle(b.x, b.y, 1, 1);
	}
}
