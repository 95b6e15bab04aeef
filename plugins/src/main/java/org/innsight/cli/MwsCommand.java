package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.io.ImageFiles;
import org.innsight.mws.Affinities;
import org.innsight.mws.AffinitiesFromImage;
import org.innsight.mws.AffinityFiles;
import org.innsight.mws.AffinityMeaning;
import org.innsight.mws.AffinityModel;
import org.innsight.mws.MutexWatershed;
import org.innsight.mws.MwsImages;
import org.innsight.mws.MwsOptions;
import org.innsight.mws.Offsets;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code innsight mws}: Mutex Watershed segmentation from affinities (file, network or image). */
@Command(name = "mws", mixinStandardHelpOptions = true, subcommands = { MwsSampleCommand.class },
	description = { "Mutex Watershed: partition a 2D/3D image from attractive and repulsive affinities, without seeds or thresholds.",
		"Affinities come from exactly one of: --affinities FILE (HDF5 shaped (C,[Z,]Y,X) as affogato and elf take it, or a TIFF " +
			"hyperstack with the affinity channels as C); --image FILE --from boundary|gradient; --model DIR --image FILE (TorchScript).",
		"Offsets are in numpy order (dz,dy,dx) for HDF5 files and model cards and in (dx,dy,dz) for TIFF and derived affinities, " +
			"unless --offset-order says otherwise.",
		"Writes a label image (.tif, .h5 or .nii; 0 = background). 'innsight mws sample --out DIR' writes the sample data." })
final class MwsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--affinities", paramLabel = "FILE", description = "Affinities: HDF5 (dataset --dataset) or TIFF hyperstack.")
	Path affinities;

	@Option(names = "--dataset", defaultValue = AffinityFiles.DEFAULT_DATASET, paramLabel = "NAME",
		description = "HDF5 dataset of the affinities (default: ${DEFAULT-VALUE}).")
	String dataset;

	@Option(names = "--image", paramLabel = "FILE", description = "Image for --from or --model (one channel; z as slices).")
	Path image;

	@Option(names = "--from", paramLabel = "boundary|gradient",
		description = "Derive affinities from --image: a boundary probability map, or the gradient magnitude.")
	String from;

	@Option(names = "--sigma", paramLabel = "PX", description = "Gaussian smoothing for --from (default: 0 for boundary, 1 for gradient).")
	Double sigma;

	@Option(names = "--model", paramLabel = "DIR", description = "TorchScript affinity model folder (card kind mws-affinities).")
	Path model;

	@Option(names = "--tile", paramLabel = "N[,N..]", description = "Core tile size for --model, in offset order (default: the card's).")
	String tile;

	@Option(names = "--offsets", paramLabel = "LIST", description = "Offsets, e.g. [[-1,0],[0,-1],[-9,0]] (default: the file's, the card's, or built in for --from).")
	String offsets;

	@Option(names = "--offset-order", defaultValue = "auto", paramLabel = "auto|zyx|xyz",
		description = "Axis order of --offsets, --strides and --tile (default: ${DEFAULT-VALUE}: zyx for HDF5 and models, else xyz).")
	String offsetOrder;

	@Option(names = "--attractive", paramLabel = "K", description = "The first K channels attract (default: the file's or card's, else one per dimension).")
	Integer attractive;

	@Option(names = "--meaning", paramLabel = "same-object|boundary", description = "What a high affinity means (default: same-object, or the card's).")
	String meaning;

	@Option(names = "--strides", paramLabel = "S,S[,S]", description = "Keep repulsive edges only from pixels on this grid (offset order; default 1).")
	String strides;

	@Option(names = "--random-strides", description = "Keep each repulsive edge with probability 1/prod(strides) instead of the grid.")
	boolean randomStrides;

	@Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed for --random-strides (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--mask", paramLabel = "FILE", description = "Foreground mask (non-zero = foreground); background gets label 0.")
	Path mask;

	@Option(names = "--seeds", paramLabel = "FILE", description = "Seed labels (0 = none): segments take their seed's label.")
	Path seeds;

	@Option(names = "--min-size", defaultValue = "0", paramLabel = "PX", description = "Merge segments smaller than this into their most attracted neighbour.")
	int minSize;

	@Option(names = "--save-affinities", paramLabel = "FILE.h5", description = "Also save the affinities used (HDF5, numpy order).")
	Path saveAffinities;

	@Option(names = { "-o", "--out" }, paramLabel = "FILE", description = "Label image to write (.tif, .h5 or .nii).")
	Path out;

	@Override
	public Integer call() throws Exception {
		if (out == null) throw new IllegalArgumentException("give the label image to write with -o/--out (or use 'innsight mws sample')");
		final int sources = (affinities != null ? 1 : 0) + (from != null ? 1 : 0) + (model != null ? 1 : 0);
		if (sources != 1) throw new IllegalArgumentException("give exactly one of --affinities FILE, --from boundary|gradient, --model DIR");
		if ((from != null || model != null) && image == null) throw new IllegalArgumentException("--from and --model need --image FILE");
		final InnSightCli root = (InnSightCli) spec.root().userObject();
		final List<Path> inputs = new ArrayList<>();
		final long t0 = System.nanoTime();
		Affinities a;
		Integer fileAttractive = null;
		AffinityMeaning cardMeaning = null;
		ImagePlus reference = null;
		if (affinities != null) {
			inputs.add(affinities);
			final boolean hdf5 = ImageFiles.formatOf(affinities) == ImageFiles.Format.HDF5;
			if (hdf5) {
				final int[][] given = offsets == null ? null : numpyOrder(Offsets.parse(offsets), true);
				final AffinityFiles.Loaded l = AffinityFiles.readHdf5(affinities, dataset, given);
				a = l.affinities;
				fileAttractive = l.attractive;
			}
			else {
				if (offsets == null) throw new IllegalArgumentException("give --offsets for the channels of " + affinities);
				reference = ImageFiles.open(affinities);
				a = MwsImages.affinities(reference, xyz(Offsets.parse(offsets), false));
			}
		}
		else {
			inputs.add(image);
			reference = ImageFiles.open(image);
			final MwsImages.Pixels p = MwsImages.pixels(reference);
			if (model != null) {
				inputs.add(model);
				final AffinityModel m = AffinityModel.load(model);
				if (offsets != null) throw new IllegalArgumentException("--offsets cannot change a model's offsets (they are in its card)");
				final int[] tileXyz = tile == null ? null : xyz(new int[][] { Offsets.ints(tile, "--tile") }, true)[0];
				try (TerminalProgress bar = TerminalProgress.start("affinities")) {
					a = m.predict(p.values, p.dims, root.device(), tileXyz, bar);
				}
				fileAttractive = m.attractive();
				cardMeaning = m.meaning();
			}
			else {
				final String kind = from.toLowerCase(Locale.ROOT);
				final int[][] o = offsets == null ? Offsets.defaults(p.dims.length) : xyz(Offsets.parse(offsets), false);
				if (kind.equals("boundary")) a = AffinitiesFromImage.fromBoundaryMap(p.values, p.dims, o, sigma == null ? 0 : sigma, root.threads());
				else if (kind.equals("gradient")) a = AffinitiesFromImage.fromGradient(p.values, p.dims, o, sigma == null ? 1 : sigma, root.threads());
				else throw new IllegalArgumentException("--from must be boundary or gradient, got '" + from + "'");
			}
		}
		final int[] dims = a.dims();
		final boolean numpyInput = affinities != null && ImageFiles.formatOf(affinities) == ImageFiles.Format.HDF5 || model != null;
		final MwsOptions options = new MwsOptions().attractive(attractive != null ? attractive : fileAttractive != null ? fileAttractive : dims.length)
			.meaning(meaning != null ? AffinityMeaning.parse(meaning) : cardMeaning).threads(root.threads()).randomStrides(randomStrides, seed)
			.minSize(minSize);
		if (strides != null) options.strides(xyz(new int[][] { Offsets.ints(strides, "--strides") }, numpyInput)[0]);
		if (mask != null) {
			inputs.add(mask);
			options.mask(MwsImages.mask(ImageFiles.open(mask), dims));
		}
		if (seeds != null) {
			inputs.add(seeds);
			options.seeds(MwsImages.seeds(ImageFiles.open(seeds), dims));
		}
		if (saveAffinities != null) AffinityFiles.writeHdf5(saveAffinities, AffinityFiles.DEFAULT_DATASET, a, options.attractiveFor(dims.length), inputs);
		final long t1 = System.nanoTime();
		final int[] labels;
		try (TerminalProgress bar = TerminalProgress.start("mws")) {
			labels = MutexWatershed.segment(a, options.progress(bar));
		}
		final long t2 = System.nanoTime();
		int segments = 0;
		for (final int l : labels) segments = Math.max(segments, l);
		final String title = out.getFileName().toString().replaceAll("\\.(tif|tiff|h5|hdf5|nii|nii\\.gz)$", "");
		ImageFiles.save(MwsImages.labels(labels, dims, title, reference == null ? null : reference.getCalibration()), out, inputs);
		System.out.printf(Locale.ROOT, "%d segments in %s image %s, %d channels (%d attractive, %s); affinities %.2f s, mws %.2f s; wrote %s%n",
			segments, dims.length + "D", java.util.Arrays.toString(dims), a.channels(), options.attractiveFor(dims.length), options.meaning(),
			(t1 - t0) / 1e9, (t2 - t1) / 1e9, out);
		return 0;
	}

	/** Vectors typed in the user's order to (x, y[, z]). */
	private int[][] xyz(final int[][] typed, final boolean numpyByDefault) {
		return numpy(numpyByDefault) ? org.innsight.mws.Affinities.reverseEach(typed) : typed;
	}

	/** Vectors typed in the user's order to numpy order. */
	private int[][] numpyOrder(final int[][] typed, final boolean numpyByDefault) {
		return numpy(numpyByDefault) ? typed : org.innsight.mws.Affinities.reverseEach(typed);
	}

	private boolean numpy(final boolean byDefault) {
		switch (offsetOrder.toLowerCase(Locale.ROOT)) {
			case "auto":
				return byDefault;
			case "zyx":
			case "yx":
				return true;
			case "xyz":
			case "xy":
				return false;
			default:
				throw new IllegalArgumentException("--offset-order must be auto, zyx or xyz, got '" + offsetOrder + "'");
		}
	}
}
