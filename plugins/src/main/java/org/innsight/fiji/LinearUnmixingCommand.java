package org.innsight.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.innsight.image.DerivedImages;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.unmixing.Unmixing;
import org.innsight.unmixing.UnmixingRequest;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

/**
 * {@code Plugins > InnSight > Linear Unmixing (baseline)}: sO2 and relative total haemoglobin of a reflectance image
 * by linear spectral unmixing (modified Beer-Lambert law, see docs/unmixing.md), the classical baseline to Tissue
 * Posterior Estimation. Shows {@code <image>_sO2_unmixed} and {@code <image>_tHb_unmixed} (mM cm, relative). Macro:
 * {@code run("Linear Unmixing (baseline)", "image=[scan.tif] camera=msi-16band mask=none exclude=none use_selection=true slope=false saturation=auto accept_units=false");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Linear Unmixing (baseline)",
	description = "sO2 and relative total haemoglobin by linear spectral unmixing of reflectance (the classical baseline).")
public class LinearUnmixingCommand extends InnSightCommand {

	@Parameter(label = "Reflectance image", description = "channels (or the slices of a plain stack) labelled with wavelengths, e.g. 520nm", style = DialogFields.SPECTRAL)
	private ImagePlus image;

	@Parameter(label = "Camera", description = "the camera the image was taken with: msi-16band, hsi-100band, pai-16wl, or the path of a camera JSON")
	private String camera = "msi-16band";

	// not remembered between runs: a mask belongs to one image
	@Parameter(label = "Mask image", description = "title of an image whose nonzero pixels are unmixed, or none", persist = false,
		style = DialogFields.IMAGE)
	private String mask = "none";

	@Parameter(label = "Exclusion flags", description = "title of an image whose nonzero pixels are skipped (e.g. out-of-distribution flags), or none",
		persist = false, style = DialogFields.IMAGE)
	private String exclude = "none";

	@Parameter(label = "Only inside the selection", description = "with an area selection on the image, unmix only inside it")
	private boolean use_selection = true;

	@Parameter(label = "Fit a scattering slope", description = "also fit a loss linear in wavelength (default: a constant loss only)")
	private boolean slope = UnmixingRequest.SLOPE.defaultValue();

	@Parameter(label = "Saturation level", description = "a band at or above it marks a pixel saturated; auto: 255 (8-bit), 65535 (16-bit), none (32-bit)",
		style = DialogFields.AUTO_NUMBER)
	private String saturation = UnmixingRequest.SATURATION.format(UnmixingRequest.SATURATION.defaultValue());

	// not remembered between runs: accepting one image's units must not let the next wrong image through unnoticed
	@Parameter(label = "Accept the units", description = "run even when the image does not look like reflectance (negative spectra, " +
		"most pixels above 1.5): a warning in the Log instead of a refusal", persist = false)
	private boolean accept_units = UnmixingRequest.ACCEPT_UNITS.defaultValue();

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void check() {
		Dialogs.spectral(image, "image");
		new UnmixingRequest(FijiSettings.read(this, UnmixingRequest.SETTINGS)).checked();
		openImage(mask, "mask");
		openImage(exclude, "exclusion flags");
	}

	@Override
	protected void execute() {
		final UnmixingRequest request = new UnmixingRequest(FijiSettings.read(this, UnmixingRequest.SETTINGS)).checked();
		final Camera cam;
		try {
			cam = CameraJson.load(camera.trim());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e.getMessage(), e);
		}
		final Unmixing.Result r = Unmixing.run(image, openImage(mask, "mask"), openImage(exclude, "exclusion flags"), use_selection, cam, request,
			StatusProgress.of(status));
		for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) ResultImages.show(e.getValue(), DerivedImages.title(image, e.getKey()));
		report(r.outputs());
		IJ.log("Linear unmixing (" + cam.name() + (request.slope() ? ", offset + slope" : ", offset") + String.format(", %.1f s", r.seconds()) + "): " +
			r.counts());
	}

	private static ImagePlus openImage(final String title, final String what) {
		if ("none".equalsIgnoreCase(title.trim())) return null;
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("no open image titled '" + title + "' for the " + what);
		return imp;
	}
}
