package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.engine.ModelFolder;
import org.innsight.mws.Affinities;
import org.innsight.mws.AffinityMeaning;
import org.innsight.mws.AffinityModel;
import org.innsight.mws.MutexWatershed;
import org.innsight.mws.MwsImages;
import org.innsight.mws.MwsOptions;
import org.innsight.progress.ProgressListener;

import ij.ImagePlus;

/**
 * {@code "mws"}: Mutex Watershed instance segmentation, as {@code innsight mws} does. Affinities come from exactly
 * one of
 * <ul>
 * <li>{@code "from": "boundary"} or {@code "gradient"}: derived from the scan (one channel, 2D or 3D with z as
 * slices), smoothed by {@code sigma} (default 0 for boundary, 1 for gradient) — the scan is a boundary map, or an
 * image whose gradient marks the boundaries; {@code offsets} default to direct neighbours plus long-range ones;</li>
 * <li>{@code "affinities": true}: the scan's channels are affinities, one per offset in {@code offsets} (required);</li>
 * <li>{@code "model"}: a TorchScript affinity network (model folder or name, card kind mws-affinities), loaded once
 * per run and run on the device; optional {@code tile}.</li>
 * </ul>
 * Further options, named as the CLI's in camelCase: {@code offsets} (lists like [[-1, 0], [0, -1]]),
 * {@code offsetOrder} (xyz (default) or zyx: the axis order of offsets, strides and tile), {@code attractive}
 * (how many leading channels attract; default the model card's, else one per dimension), {@code meaning}
 * (same-object or boundary), {@code strides}, {@code randomStrides}, {@code seed}, {@code minSize} and
 * {@code format} (tif, nii, nii.gz or h5). Output {@code labels}: 0 = background, segments 1..n, 16-bit (32-bit
 * beyond 65535 segments). Statistics: {@code segments}, {@code largest_segment_px}, {@code median_segment_px}
 * (pixels, or voxels in 3D).
 */
public final class MwsStep implements Step<MwsStep.Config> {

	/**
	 * @param source where affinities come from; null for a model
	 * @param offsets (dx, dy[, dz]) per channel, or null for the defaults of derived affinities / the model card's
	 * @param attractive leading attractive channels, or -1 for the default
	 * @param meaning null for the default (same-object, or the model card's)
	 * @param strides (x, y[, z]) or one value, or null for 1
	 * @param tile core tile (x, y[, z]) for the model, or null for the card's
	 * @param network the loaded model, or null; shared by all jobs (each prediction has its own predictor)
	 */
	public record Config(MwsImages.Source source, int[][] offsets, double sigma, int attractive, AffinityMeaning meaning, int[] strides,
		boolean randomStrides, long seed, int minSize, int[] tile, String format, Path model, AffinityModel.Network network) implements AutoCloseable {

		@Override
		public void close() {
			if (network != null) network.close();
		}
	}

	@Override
	public String name() {
		return "mws";
	}

	@Override
	public String description() {
		return "Mutex Watershed segments from affinities: derived from the image, the image's channels, or a network (output \"labels\").";
	}

	@Override
	public Config configure(final StepOptions o) {
		// every option is read before any check, so an unknown key's message lists them all
		final String from = o.choice("from", null, "boundary", "gradient");
		final boolean affinities = o.flag("affinities", false);
		final boolean hasModel = o.has("model");
		final boolean zyx = o.choice("offsetOrder", "xyz", "xyz", "zyx").equals("zyx");
		final int[][] typedOffsets = o.integerLists("offsets");
		final int attractive = o.integer("attractive", -1, 0, 1 << 20);
		final String meaning = o.choice("meaning", null, "same-object", "boundary");
		final int[] typedStrides = o.integers("strides", 1, 1 << 20, (int[]) null);
		final boolean randomStrides = o.flag("randomStrides", false);
		final long seed = o.integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
		final int minSize = o.integer("minSize", 0, 0, Integer.MAX_VALUE);
		final int[] typedTile = o.integers("tile", 1, 1 << 20, (int[]) null);
		final String format = o.choice("format", "tif", "tif", "nii", "nii.gz", "h5");
		final double sigma = o.number("sigma", "gradient".equals(from) ? 1 : 0, 0, 1000);

		final int sources = (from != null ? 1 : 0) + (affinities ? 1 : 0) + (hasModel ? 1 : 0);
		if (sources != 1)
			throw o.bad(from != null ? "from" : affinities ? "affinities" : hasModel ? "model" : "from", sources == 0
				? "is required: give one of \"from\": \"boundary\" or \"gradient\", \"affinities\": true, or \"model\": a model folder"
				: "conflicts: give only one of \"from\", \"affinities\": true and \"model\"");
		final int[][] offsets = typedOffsets == null ? null : zyx ? Affinities.reverseEach(typedOffsets) : typedOffsets;
		if (offsets != null && offsets[0].length != 2 && offsets[0].length != 3)
			throw o.bad("offsets", "must have 2 (2D) or 3 (3D) components each, got " + offsets[0].length);
		if (affinities && offsets == null) throw o.bad("offsets", "is required with \"affinities\": true (one offset per channel of the scan)");
		if (hasModel && offsets != null) throw o.bad("offsets", "cannot change a model's offsets (they are in its card)");
		if (offsets != null && attractive > offsets.length)
			throw o.bad("attractive", "must be at most the number of offsets (" + offsets.length + "), got " + attractive);
		final int[] strides = typedStrides == null ? null : zyx ? Affinities.reverseEach(new int[][] { typedStrides })[0] : typedStrides;
		if (strides != null && strides.length != 1 && strides.length != 2 && strides.length != 3)
			throw o.bad("strides", "needs one value or one per dimension, got " + strides.length);
		if (strides != null && offsets != null && strides.length != 1 && strides.length != offsets[0].length)
			throw o.bad("strides", "needs " + offsets[0].length + " values like the offsets, got " + strides.length);
		if (typedTile != null && !hasModel) throw o.bad("tile", "only applies to a \"model\"");
		final int[] tile = typedTile == null ? null : zyx ? Affinities.reverseEach(new int[][] { typedTile })[0] : typedTile;
		final AffinityMeaning m = meaning == null ? null : AffinityMeaning.parse(meaning);
		final MwsImages.Source source = from == null ? affinities ? MwsImages.Source.AFFINITIES : null
			: from.equals("boundary") ? MwsImages.Source.BOUNDARY_MAP : MwsImages.Source.GRADIENT;
		if (!hasModel) return new Config(source, offsets, sigma, attractive, m, strides, randomStrides, seed, minSize, null, format, null, null);

		final ModelFolder folder = o.model("model", null);
		final AffinityModel model;
		try {
			model = AffinityModel.of(folder);
		}
		catch (final IllegalArgumentException e) {
			throw o.bad("model", e.getMessage());
		}
		if (tile != null && tile.length != model.numDimensions())
			throw o.bad("tile", "needs " + model.numDimensions() + " values for the " + model.numDimensions() + "D model, got " + tile.length);
		if (attractive > model.offsets().length)
			throw o.bad("attractive", "must be at most the model's " + model.offsets().length + " channels, got " + attractive);
		try {
			return new Config(null, null, sigma, attractive, m, strides, randomStrides, seed, minSize, tile, format, folder.dir(),
				model.open(o.device()));
		}
		catch (final IOException | RuntimeException e) {
			throw o.bad("model", "cannot be loaded onto " + o.device() + ": " + e.getMessage());
		}
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(new OutputSpec("labels", c.format()));
	}

	@Override
	public Map<String, Path> models(final Config c) {
		return c.model() == null ? Map.of() : Map.of("mws", c.model());
	}

	@Override
	public StepResult run(final ImagePlus scan, final Config c, final StepContext context) throws Exception {
		final MwsOptions options = new MwsOptions().meaning(c.meaning()).threads(context.threads()).randomStrides(c.randomStrides(), c.seed())
			.minSize(c.minSize());
		if (c.attractive() >= 0) options.attractive(c.attractive());
		if (c.strides() != null) options.strides(c.strides());
		if (c.source() != MwsImages.Source.AFFINITIES) requireOneChannel(scan, c);
		final ImagePlus labels;
		if (c.network() == null) labels = MwsImages.segment(scan, c.source(), c.offsets(), c.sigma(), options, null, null, "labels");
		else {
			final AffinityModel model = c.network().model();
			final MwsImages.Pixels p = MwsImages.pixels(scan);
			final Affinities a = context.onDevice(() -> c.network().predict(p.values, p.dims, c.tile(), ProgressListener.NONE));
			if (c.attractive() < 0) options.attractive(model.attractive());
			if (c.meaning() == null) options.meaning(model.meaning());
			labels = MwsImages.labels(MutexWatershed.segment(a, options), a.dims(), "labels", scan.getCalibration());
		}
		return statistics(StepResult.image("labels", labels), labels);
	}

	/** A derived or predicted affinity map needs a single-channel 2D or 3D scan whose dimensions match the offsets. */
	private static void requireOneChannel(final ImagePlus scan, final Config c) {
		if (scan.getNChannels() > 1 || scan.getNFrames() > 1)
			throw new IllegalArgumentException("the scan has " + scan.getNChannels() + " channels and " + scan.getNFrames() + " time points (" +
				Images.shape(scan) + "); affinities " + (c.network() != null ? "from a model" : "\"from\" an image") +
				" need one channel, 2D or 3D (z as slices)");
		final int dims = scan.getStackSize() > 1 ? 3 : 2;
		final int expected = c.network() != null ? c.network().model().numDimensions() : c.offsets() != null ? c.offsets()[0].length : dims;
		if (dims != expected)
			throw new IllegalArgumentException("the scan is " + dims + "D (" + Images.shape(scan) + ") but the " +
				(c.network() != null ? "model is " : "offsets are ") + expected + "D");
	}

	/** Segment count and sizes, from the label image as written. */
	static StepResult statistics(final StepResult result, final ImagePlus labels) {
		final int[] sizes = segmentSizes(labels);
		final long largest = sizes.length == 0 ? 0 : sizes[sizes.length - 1];
		final double median = sizes.length == 0 ? 0 : sizes.length % 2 == 1 ? sizes[sizes.length / 2]
			: (sizes[sizes.length / 2 - 1] + (double) sizes[sizes.length / 2]) / 2;
		return result.statistic("segments", sizes.length).statistic("largest_segment_px", largest).statistic("median_segment_px", median);
	}

	/** Pixels of every non-empty segment (label > 0), ascending. */
	private static int[] segmentSizes(final ImagePlus labels) {
		int[] counts = new int[256];
		for (int z = 1; z <= labels.getStackSize(); z++) {
			final var ip = labels.getStack().getProcessor(z);
			for (int i = 0; i < ip.getPixelCount(); i++) {
				final int l = (int) ip.getf(i);
				if (l <= 0) continue;
				if (l >= counts.length) counts = Arrays.copyOf(counts, Math.max(l + 1, 2 * counts.length));
				counts[l]++;
			}
		}
		return Arrays.stream(counts).filter(n -> n > 0).sorted().toArray();
	}
}
