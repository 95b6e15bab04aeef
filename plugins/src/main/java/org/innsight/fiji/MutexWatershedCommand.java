package org.innsight.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.innsight.image.DerivedImages;
import org.innsight.mws.MwsInput;
import org.innsight.mws.MwsRequest;
import org.innsight.mws.MwsSegmentation;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * {@code Plugins > InnSight > Mutex Watershed}: partitions a 2D image or 3D stack into segments from affinities
 * (a hyperstack with one channel per offset, or derived from a boundary map or the gradient). The result is a
 * label image titled {@code <input title without extension>_mws} with a glasbey-like LUT. Macro:
 * {@code run("Mutex Watershed", "image=cells source=[boundary map] min_size=20");} Options are those of
 * {@link MwsRequest}; offsets and strides are always in (x, y[, z]) order here.
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Mutex Watershed",
	description = "Mutex Watershed segmentation from attractive and repulsive affinities (2D and 3D).")
public class MutexWatershedCommand extends InnSightCommand {

	public static final String SUFFIX = "mws";

	@Parameter(label = "Image", description = "affinities (one channel per offset, z as slices), or a boundary map / image to derive them from")
	private ImagePlus image;

	// One list for the request's "from" (boundary, gradient) and "the image is the affinities".
	@Parameter(label = "Affinities from", choices = { "affinities", "boundary map", "gradient" })
	private String source = "affinities";

	// Not persisted: offsets of one affinity image rarely fit the next image, and a stale 2D list breaks a 3D run.
	@Parameter(label = "Offsets (x,y[,z])", required = false, persist = false,
		description = "one vector per channel, e.g. [[-1,0],[0,-1],[-9,0],[0,-9]]; empty = built-in set (derived affinities only)")
	private String offsets = "";

	@Parameter(label = "Attractive channels", min = "0", description = "the first K channels attract; 0 = one per dimension")
	private int attractive = MwsRequest.ATTRACTIVE.defaultValue();

	@Parameter(label = "Affinity meaning", choices = { "auto", "same-object", "boundary" }, description = "auto = same-object")
	private String meaning = MwsRequest.MEANING.defaultValue();

	@Parameter(label = "Strides (x,y[,z])", description = "keep repulsive edges only from pixels on this grid; one value for all axes")
	private String strides = MwsRequest.STRIDES.defaultValue();

	@Parameter(label = "Thin randomly", description = "keep each repulsive edge with probability 1/prod(strides) instead")
	private boolean randomize = MwsRequest.RANDOM_STRIDES.defaultValue();

	@Parameter(label = "Random seed")
	private long random_seed = MwsRequest.SEED.defaultValue();

	@Parameter(label = "Smoothing sigma (px)", description = "for derived affinities: blur of the boundary map / image; auto = 0 for a boundary map, 1 for the gradient")
	private String sigma = MwsRequest.SIGMA.format(MwsRequest.SIGMA.defaultValue());

	@Parameter(label = "Minimum segment size (px)", min = "0")
	private int min_size = MwsRequest.MIN_SIZE.defaultValue();

	// Not persisted: a title remembered from an earlier run would silently mask the next image.
	@Parameter(label = "Mask image", required = false, persist = false, description = "an open image: non-zero = foreground; none (or empty) = no mask",
		style = DialogFields.IMAGE)
	private String mask = Dialogs.NONE;

	@Parameter(label = "Seed image", required = false, persist = false, description = "an open label image of seeds (0 = none); none (or empty) = no seeds",
		style = DialogFields.IMAGE)
	private String seeds = Dialogs.NONE;

	@Parameter(required = false)
	private StatusService status;

	@Override
	protected void check() {
		MwsRequest request = new MwsRequest(FijiSettings.read(this, MwsRequest.SETTINGS));
		if (!source.equals("affinities")) request = request.with(MwsRequest.FROM, source.equals("gradient") ? "gradient" : "boundary");
		final java.util.List<String> problems = request.validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		Dialogs.image(mask, "mask");
		Dialogs.image(seeds, "seeds");
	}

	@Override
	protected void execute() {
		MwsRequest request = new MwsRequest(FijiSettings.read(this, MwsRequest.SETTINGS));
		final MwsInput input;
		if (source.equals("affinities")) input = MwsInput.affinities(image);
		else {
			request = request.with(MwsRequest.FROM, source.equals("gradient") ? "gradient" : "boundary");
			input = MwsInput.image(image);
		}
		final ImagePlus labels;
		try {
			labels = MwsSegmentation.run(input.withMask(Dialogs.image(mask, "mask")).withSeeds(Dialogs.image(seeds, "seeds")), request, null, StatusProgress.of(status)).outputs()
				.image(MwsSegmentation.LABELS);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		ResultImages.show(labels, DerivedImages.title(image, SUFFIX));
	}
}
