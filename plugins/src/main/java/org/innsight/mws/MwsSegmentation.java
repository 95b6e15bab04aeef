package org.innsight.mws;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.innsight.io.ImageFiles;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;

import ij.ImagePlus;

/**
 * The one way to run a Mutex Watershed, for the Fiji command, {@code innsight mws}, the pipeline step and the
 * demo: it chooses where the affinities come from (given, derived from the image, or predicted by a network),
 * turns typed offsets, strides and tile into (x, y[, z]) ({@link MwsRequest#OFFSET_ORDER}), segments, and names
 * what it made: the image {@value #LABELS} (0 = background; titled {@value #LABELS}, calibrated as the input)
 * and the statistics {@code segments}, {@code largest_segment_px}, {@code median_segment_px} (pixels, or voxels
 * in 3D), {@code largest_label}, {@code attractive_channels}, {@code meaning}, {@code affinities_s} and
 * {@code mws_s} (seconds).
 */
public final class MwsSegmentation {

	public static final String LABELS = "labels";

	/** Where the affinities come from; a run needs exactly one. */
	public enum Source {
		/** Given: an affinity file, or an image whose channels are the affinities. */
		AFFINITIES,
		/** Derived from an image ({@link MwsRequest#FROM}: boundary or gradient). */
		DERIVED,
		/** Predicted from an image by an affinity network. */
		MODEL;

		/** The sources given, in this order: a run needs exactly one (front ends name them in their words). */
		public static List<Source> given(final boolean affinities, final boolean derived, final boolean model) {
			final List<Source> given = new ArrayList<>();
			if (affinities) given.add(AFFINITIES);
			if (derived) given.add(DERIVED);
			if (model) given.add(MODEL);
			return given;
		}

		/** The one source given; else an error that lists the three. */
		public static Source one(final List<Source> given) {
			if (given.size() != 1) throw new IllegalArgumentException("give exactly one source of affinities: affinities (a file, or an image of " +
				"affinity channels), from boundary|gradient with an image, or a model with an image" +
				(given.isEmpty() ? "" : "; got " + given.stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(" and "))));
			return given.get(0);
		}
	}

	/** What a run made: the named outputs, and the affinities it segmented (to save them, e.g.). */
	public record Result(Outputs outputs, Affinities affinities) {}

	private MwsSegmentation() {}

	/**
	 * Segments {@code input} as {@code request} says.
	 *
	 * @param network the affinity network for {@link Source#MODEL}, or null
	 * @throws IllegalArgumentException when the request, the inputs or the two together are wrong
	 * @throws IOException when an affinity file cannot be read or the network fails
	 */
	public static Result run(final MwsInput input, final MwsRequest request, final AffinityModel.Network network, final ProgressListener progress)
		throws IOException
	{
		final Source source = Source.one(Source.given(input.hasAffinities(), request.from() != null, network != null));
		final List<MwsRequest.Problem> problems = request.problems(network == null ? null : network.model());
		if (!problems.isEmpty())
			throw new IllegalArgumentException(problems.stream().map(MwsRequest.Problem::toString).collect(Collectors.joining("; ")));
		if (source != Source.AFFINITIES && input.image() == null)
			throw new IllegalArgumentException("affinities " + (source == Source.MODEL ? "from a model" : "derived from an image") + " need an image");
		final MwsOptions options = new MwsOptions().threads(input.threads()).randomStrides(request.randomStrides(), request.seed())
			.minSize(request.minSize()).progress(progress);
		final long t0 = System.nanoTime();
		Affinities a;
		Integer attractive = null;
		AffinityMeaning meaning = null;
		ImagePlus reference = input.image();
		boolean numpy = false;
		if (source == Source.AFFINITIES) {
			reference = input.affinityImage();
			if (input.affinityFile() != null && ImageFiles.formatOf(input.affinityFile()) == ImageFiles.Format.HDF5) {
				numpy = request.numpyOrder(true);
				final int[][] typed = request.typedOffsets();
				final AffinityFiles.Loaded l = AffinityFiles.readHdf5(input.affinityFile(), request.dataset(), numpy ? typed : Affinities.reverseEach(typed));
				a = l.affinities;
				attractive = l.attractive;
			}
			else {
				if (input.affinityFile() != null) reference = ImageFiles.open(input.affinityFile());
				if (request.typedOffsets() == null) throw new IllegalArgumentException("give the offsets of the affinity channels of '" + reference.getTitle() + "'");
				numpy = request.numpyOrder(false);
				a = MwsImages.affinities(reference, xyz(request.typedOffsets(), numpy));
			}
			if (request.typedOffsets() != null) requireWithin(a.offsets(), a.dims());
		}
		else {
			final MwsImages.Pixels p = MwsImages.pixels(input.image());
			if (source == Source.MODEL) {
				numpy = request.numpyOrder(true);
				final int[] tile = request.typedTile() == null ? null : xyz(new int[][] { request.typedTile() }, numpy)[0];
				a = onDevice(input, () -> network.predict(p.values, p.dims, tile, progress));
				attractive = network.model().attractive();
				meaning = network.model().meaning();
			}
			else {
				numpy = request.numpyOrder(false);
				final int[][] o = request.typedOffsets() == null ? Offsets.defaults(p.dims.length) : xyz(request.typedOffsets(), numpy);
				if (request.typedOffsets() != null) requireWithin(o, p.dims); // before the work
				a = request.from().equals("boundary") ? AffinitiesFromImage.fromBoundaryMap(p.values, p.dims, o, request.sigma(), options.threads())
					: AffinitiesFromImage.fromGradient(p.values, p.dims, o, request.sigma(), options.threads());
			}
		}
		final int[] dims = a.dims();
		options.attractive(request.attractive() > 0 ? request.attractive() : attractive != null ? attractive : dims.length)
			.meaning(request.meaning() != null ? request.meaning() : meaning);
		options.strides(xyz(new int[][] { request.typedStrides() }, numpy)[0]);
		if (input.mask() != null) options.mask(MwsImages.mask(input.mask(), dims));
		if (input.seeds() != null) options.seeds(MwsImages.seeds(input.seeds(), dims));
		final long t1 = System.nanoTime();
		final int[] labels = MutexWatershed.segment(a, options);
		final long t2 = System.nanoTime();
		final ImagePlus image = MwsImages.labels(labels, dims, LABELS, reference == null ? null : reference.getCalibration());
		final Outputs out = new Outputs().image(LABELS, image);
		segmentStatistics(out, labels);
		out.statistic("attractive_channels", options.attractiveFor(dims.length)).statistic("meaning", options.meaning().toString())
			.statistic("affinities_s", (t1 - t0) / 1e9).statistic("mws_s", (t2 - t1) / 1e9);
		return new Result(out, a);
	}

	private static Affinities onDevice(final MwsInput input, final java.util.concurrent.Callable<Affinities> work) throws IOException {
		try {
			return input.device().run(work);
		}
		catch (final IOException | RuntimeException e) {
			throw e;
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the device", e);
		}
		catch (final Exception e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** Refuses typed offsets that reach outside the image (an offset of -100000 on a 256x256 image would find no pair). */
	private static void requireWithin(final int[][] xyz, final int[] dims) {
		final String problem = Offsets.outside(xyz, dims);
		if (problem != null) throw new IllegalArgumentException(new MwsRequest.Problem(MwsRequest.OFFSETS, problem + "; give offsets shorter than the image").toString());
	}

	/** Vectors typed in numpy order (or not) as (x, y[, z]). */
	private static int[][] xyz(final int[][] typed, final boolean numpy) {
		return numpy ? Affinities.reverseEach(typed) : typed;
	}

	/** Segment count and sizes (non-empty labels > 0) and the largest label. */
	private static void segmentStatistics(final Outputs out, final int[] labels) {
		int[] counts = new int[256];
		int largestLabel = 0;
		for (final int l : labels) {
			if (l <= 0) continue;
			if (l >= counts.length) counts = Arrays.copyOf(counts, Math.max(l + 1, 2 * counts.length));
			counts[l]++;
			largestLabel = Math.max(largestLabel, l);
		}
		final int[] sizes = Arrays.stream(counts).filter(n -> n > 0).sorted().toArray();
		final long largest = sizes.length == 0 ? 0 : sizes[sizes.length - 1];
		final double median = sizes.length == 0 ? 0 : sizes.length % 2 == 1 ? sizes[sizes.length / 2]
			: (sizes[sizes.length / 2 - 1] + (double) sizes[sizes.length / 2]) / 2;
		out.statistic("segments", sizes.length).statistic("largest_segment_px", largest).statistic("median_segment_px", median)
			.statistic("largest_label", largestLabel);
	}
}
