package org.innsight.batch.steps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;
import org.innsight.engine.ModelFolder;
import org.innsight.mws.AffinityModel;
import org.innsight.mws.MwsInput;
import org.innsight.mws.MwsRequest;
import org.innsight.mws.MwsSegmentation;
import org.innsight.mws.Offsets;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.Setting;
import org.innsight.request.Settings;

import ij.ImagePlus;

/**
 * {@code "mws"}: Mutex Watershed instance segmentation, as {@code innsight mws} does. Affinities come from exactly
 * one of
 * <ul>
 * <li>{@code "from": "boundary"} or {@code "gradient"}: derived from the scan (one channel, 2D or 3D with z as
 * slices), smoothed by {@code sigma} (default auto: 0 for boundary, 1 for gradient) — the scan is a boundary map, or an
 * image whose gradient marks the boundaries; {@code offsets} default to direct neighbours plus long-range ones;</li>
 * <li>{@code "affinities": true}: the scan's channels are affinities, one per offset in {@code offsets} (required);</li>
 * <li>{@code "model"}: a TorchScript affinity network (model folder or name, card kind mws-affinities), loaded once
 * per run and run on the device; optional {@code tile}.</li>
 * </ul>
 * Further options are those of {@link MwsRequest}, by their keys: {@code offsets} (lists like [[-1, 0], [0, -1]]),
 * {@code offsetOrder} (auto (default: zyx for a model, else xyz), zyx or xyz: the axis order of offsets, strides
 * and tile), {@code attractive} (how many leading channels attract; 0 (default): the model card's, else one per
 * dimension), {@code meaning} (auto, same-object or boundary), {@code strides}, {@code randomStrides},
 * {@code seed}, {@code minSize}; and {@code format} (tif, nii, nii.gz or h5). Output {@code labels}: 0 = background, segments 1..n, 16-bit (32-bit
 * beyond 65535 segments). Statistics: {@code segments}, {@code largest_segment_px}, {@code median_segment_px}
 * (pixels, or voxels in 3D).
 */
public final class MwsStep implements Step<MwsStep.Config> {

	/** The request's settings a pipeline offers: all but the HDF5 dataset (a pipeline's scans are images, not affinity files). */
	private static final List<Setting<?>> SETTINGS = MwsRequest.SETTINGS.stream().filter(s -> s != MwsRequest.DATASET).toList();

	/** The statistics of the facade a pipeline reports, by name. */
	private static final List<String> STATISTICS = List.of("segments", "largest_segment_px", "median_segment_px");

	/**
	 * @param request the options
	 * @param affinities whether the scan's channels are the affinities ({@code "affinities": true})
	 * @param format file format of the labels
	 * @param model the model folder, or null
	 * @param network the loaded model, or null; shared by all jobs (each prediction has its own predictor)
	 */
	public record Config(MwsRequest request, boolean affinities, String format, Path model, AffinityModel.Network network) implements AutoCloseable {

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
	public List<Setting<?>> settings() {
		return SETTINGS;
	}

	@Override
	public Config configure(final StepOptions o) {
		// every option is read before any check, so an unknown key's message lists them all
		final String from = o.choice("from", null, "boundary", "gradient");
		final boolean affinities = o.flag("affinities", false);
		final boolean hasModel = o.has("model");
		final MwsRequest request = new MwsRequest(read(o)).with(MwsRequest.FROM, from);
		final String format = o.choice("format", "tif", "tif", "nii", "nii.gz", "h5");

		final List<MwsSegmentation.Source> given = MwsSegmentation.Source.given(affinities, from != null, hasModel);
		if (given.size() != 1)
			throw o.bad(from != null ? "from" : affinities ? "affinities" : hasModel ? "model" : "from", given.isEmpty()
				? "is required: give one of \"from\": \"boundary\" or \"gradient\", \"affinities\": true, or \"model\": a model folder"
				: "conflicts: give only one of \"from\", \"affinities\": true and \"model\"");
		if (affinities && request.typedOffsets() == null) throw o.bad("offsets", "is required with \"affinities\": true (one offset per channel of the scan)");
		if (!hasModel && request.typedTile() != null) throw o.bad("tile", "only applies to a \"model\"");
		check(o, request.problems(null));
		if (!hasModel) return new Config(request, affinities, format, null, null);

		final ModelFolder folder = o.model("model", null);
		final AffinityModel model;
		try {
			model = AffinityModel.of(folder);
		}
		catch (final IllegalArgumentException e) {
			throw o.bad("model", e.getMessage());
		}
		check(o, request.problems(model));
		try {
			return new Config(request, false, format, folder.dir(), model.open(o.device()));
		}
		catch (final IOException | RuntimeException e) {
			throw o.bad("model", "cannot be loaded onto " + o.device() + ": " + e.getMessage());
		}
	}

	private static void check(final StepOptions o, final List<MwsRequest.Problem> problems) {
		if (!problems.isEmpty()) throw o.bad(problems.get(0).setting().key(), problems.get(0).text());
	}

	/** The settings as the options give them, in a pipeline's own syntax: vectors as JSON lists, numbers as numbers. */
	private static Settings read(final StepOptions o) {
		Settings values = Settings.defaults(MwsRequest.SETTINGS);
		for (final Setting<?> s : SETTINGS)
			if (s != MwsRequest.FROM && o.has(s.key())) values = values.withValue(s, value(o, s));
		return values;
	}

	private static Object value(final StepOptions o, final Setting<?> s) {
		final String key = s.key();
		if (s == MwsRequest.OFFSETS) return Offsets.format(o.integerLists(key));
		if (s == MwsRequest.STRIDES || s == MwsRequest.TILE)
			return Arrays.stream(o.integers(key, 1, 1 << 20)).mapToObj(Integer::toString).collect(Collectors.joining(","));
		if (s.choices() != null) return o.choice(key, null, s.choices().toArray(new String[0]));
		if (s.type() == String.class) return o.string(key, null);
		if (s.type() == Boolean.class) return o.flag(key, false);
		if (s.type() == Integer.class) return o.integer(key, 0, (int) s.min(), (int) s.max());
		if (s.type() == Long.class) {
			final double v = o.number(key, 0);
			if (v != Math.rint(v) || Math.abs(v) > 1L << 53) throw o.bad(key, "must be a whole number, got " + v);
			return (long) v;
		}
		try {
			return o.number(key, 0, s.min(), s.max());
		}
		catch (final IllegalArgumentException notANumber) {
			final String word;
			try {
				word = o.string(key, null);
			}
			catch (final IllegalArgumentException e) {
				throw notANumber;
			}
			if (s.autoWord() != null && s.autoWord().equalsIgnoreCase(word)) return Double.NaN;
			throw notANumber;
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
		if (!c.affinities()) requireOneChannel(scan, c);
		final MwsInput input = (c.affinities() ? MwsInput.affinities(scan) : MwsInput.image(scan)).withThreads(context.threads())
			.withDevice(context::onDevice);
		final Outputs out = MwsSegmentation.run(input, c.request(), c.network(), ProgressListener.NONE).outputs();
		final StepResult result = StepResult.image("labels", out.image(MwsSegmentation.LABELS));
		for (final String name : STATISTICS) result.statistic(name, out.statistics().get(name));
		return result;
	}

	/** A derived or predicted affinity map needs a single-channel 2D or 3D scan whose dimensions match the offsets. */
	private static void requireOneChannel(final ImagePlus scan, final Config c) {
		if (scan.getNChannels() > 1 || scan.getNFrames() > 1)
			throw new IllegalArgumentException("the scan has " + scan.getNChannels() + " channels and " + scan.getNFrames() + " time points (" +
				Images.shape(scan) + "); affinities " + (c.network() != null ? "from a model" : "\"from\" an image") +
				" need one channel, 2D or 3D (z as slices)");
		final int dims = scan.getStackSize() > 1 ? 3 : 2;
		final int[][] offsets = c.request().typedOffsets();
		final int expected = c.network() != null ? c.network().model().numDimensions() : offsets != null ? offsets[0].length : dims;
		if (dims != expected)
			throw new IllegalArgumentException("the scan is " + dims + "D (" + Images.shape(scan) + ") but the " +
				(c.network() != null ? "model is " : "offsets are ") + expected + "D");
	}
}
