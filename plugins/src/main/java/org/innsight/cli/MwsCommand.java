package org.innsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import java.util.function.IntPredicate;

import org.innsight.batch.Shard;
import org.innsight.io.ImageFiles;
import org.innsight.mws.Affinities;
import org.innsight.mws.AffinityMeaning;
import org.innsight.mws.BlockGrid;
import org.innsight.mws.BlockLabels;
import org.innsight.mws.BlockwiseMws;
import org.innsight.mws.Hdf5AffinitySource;
import org.innsight.mws.MwsImages;
import org.innsight.mws.MwsOptions;
import org.innsight.mws.Offsets;
import org.innsight.mws.AffinityFiles;
import org.innsight.mws.AffinityModel;
import org.innsight.mws.MwsInput;
import org.innsight.mws.MwsRequest;
import org.innsight.mws.MwsSegmentation;
import org.innsight.request.Setting;

import ij.ImagePlus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight mws}: Mutex Watershed segmentation from affinities (file, network or image). */
@Command(name = "mws", mixinStandardHelpOptions = true, subcommands = { MwsSampleCommand.class, MwsStitchCommand.class },
	description = { "Mutex Watershed: partition a 2D/3D image from attractive and repulsive affinities, without seeds or thresholds.",
		"Affinities come from exactly one of: --affinities FILE (HDF5 shaped (C,[Z,]Y,X) as affogato and elf take it, or a TIFF " +
			"hyperstack with the affinity channels as C); --image FILE --from boundary|gradient; --model DIR --image FILE (TorchScript).",
		"Offsets are in numpy order (dz,dy,dx) for HDF5 files and model cards and in (dx,dy,dz) for TIFF and derived affinities, " +
			"unless --offset-order says otherwise.",
		"Writes a label image (.tif, .h5 or .nii; 0 = background). 'innsight mws sample --out DIR' writes the sample data.",
		"Blockwise (volumes too large for memory): --affinities FILE.h5 --block Z,Y,X --halo N reads and solves one block at a time; " +
			"with --blocks-only DIR [--shard i/n] it writes block files for 'innsight mws stitch --blocks DIR -o labels.tif'." })
final class MwsCommand implements Callable<Integer>, SettingOptions.Owner {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--affinities", paramLabel = "FILE", description = "Affinities: HDF5 (dataset --dataset) or TIFF hyperstack.")
	Path affinities;

	@Option(names = "--dataset", paramLabel = "NAME", description = "HDF5 dataset of the affinities (default: ${DEFAULT-VALUE}).")
	String dataset;

	@Option(names = "--image", paramLabel = "FILE", description = "Image for --from or --model (one channel; z as slices).")
	Path image;

	@Option(names = "--from", paramLabel = "boundary|gradient",
		description = "Derive affinities from --image: a boundary probability map, or the gradient magnitude.")
	String from;

	@Option(names = "--sigma", paramLabel = "PX", description = "Gaussian smoothing for --from (default: ${DEFAULT-VALUE}: 0 for boundary, 1 for gradient).")
	String sigma;

	@Option(names = "--model", paramLabel = "DIR", description = "TorchScript affinity model folder (card kind mws-affinities).")
	Path model;

	@Option(names = "--tile", paramLabel = "N[,N..]", description = "Core tile size for --model, in offset order (default: the card's).")
	String tile;

	@Option(names = "--offsets", paramLabel = "LIST", description = "Offsets, e.g. [[-1,0],[0,-1],[-9,0]] (default: the file's, the card's, or built in for --from).")
	String offsets;

	@Option(names = "--offset-order", paramLabel = "auto|zyx|xyz",
		description = "Axis order of --offsets, --strides and --tile (default: ${DEFAULT-VALUE}: zyx for HDF5 and models, else xyz).")
	String offsetOrder;

	@Option(names = "--attractive", paramLabel = "K",
		description = "The first K channels attract (default: ${DEFAULT-VALUE}: the file's or card's, else one per dimension).")
	int attractive;

	@Option(names = "--meaning", paramLabel = "auto|same-object|boundary",
		description = "What a high affinity means (default: ${DEFAULT-VALUE}: the card's, else same-object).")
	String meaning;

	@Option(names = "--strides", paramLabel = "S,S[,S]", description = "Keep repulsive edges only from pixels on this grid (offset order; default ${DEFAULT-VALUE}).")
	String strides;

	@Option(names = "--random-strides", description = "Keep each repulsive edge with probability 1/prod(strides) instead of the grid.")
	boolean randomStrides;

	@Option(names = "--seed", paramLabel = "N", description = "Seed for --random-strides (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--mask", paramLabel = "FILE", description = "Foreground mask (non-zero = foreground); background gets label 0.")
	Path mask;

	@Option(names = "--seeds", paramLabel = "FILE", description = "Seed labels (0 = none): segments take their seed's label.")
	Path seeds;

	@Option(names = "--min-size", paramLabel = "PX", description = "Merge segments smaller than this into their most attracted neighbour.")
	int minSize;

	@Option(names = "--save-affinities", paramLabel = "FILE.h5", description = "Also save the affinities used (HDF5, numpy order).")
	Path saveAffinities;

	@Option(names = { "-o", "--out" }, paramLabel = "FILE", description = "Label image to write (.tif, .h5 or .nii).")
	Path out;

	@Option(names = "--block", paramLabel = "Z,Y,X",
		description = "Blockwise: solve blocks of this size (numpy order, Y,X in 2D) with --halo and stitch them; needs an HDF5 --affinities.")
	String block;

	@Option(names = "--halo", defaultValue = "-1", paramLabel = "N",
		description = "Blockwise: pixels added on each side of a block (default: the largest offset component).")
	int halo;

	@Option(names = "--blocks-only", paramLabel = "DIR",
		description = "Blockwise: only write block files (DIR/block-NNNNNN.mwsblock) for 'innsight mws stitch'; with --shard only this shard's blocks.")
	Path blocksOnly;

	@Option(names = "--shard", paramLabel = "i/n", description = "With --blocks-only: write blocks i, i+n, i+2n, ... (1-based) of the block order.")
	String shard;

	@Override
	public List<Setting<?>> settings() {
		return MwsRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		if (block != null || blocksOnly != null || shard != null) return blockwise();
		if (out == null) throw new IllegalArgumentException("give the label image to write with -o/--out (or use 'innsight mws sample')");
		final MwsRequest request = new MwsRequest(SettingOptions.read(cli.spec(), MwsRequest.SETTINGS));
		output.check(out, saveAffinities);
		final List<Path> inputs = new ArrayList<>();
		MwsInput input;
		if (affinities != null) {
			inputs.add(affinities);
			input = MwsInput.affinities(affinities);
		}
		else {
			if (image != null) inputs.add(image);
			input = MwsInput.image(image == null ? null : ImageFiles.open(image));
		}
		if (model != null) inputs.add(model);
		if (mask != null) {
			inputs.add(mask);
			input = input.withMask(ImageFiles.open(mask));
		}
		if (seeds != null) {
			inputs.add(seeds);
			input = input.withSeeds(ImageFiles.open(seeds));
		}
		final MwsSegmentation.Result result;
		try (AffinityModel.Network network = model == null ? null : AffinityModel.load(model).open(cli.device());
			TerminalProgress bar = TerminalProgress.start("mws"))
		{
			result = MwsSegmentation.run(input.withThreads(cli.threads()), request, network, bar);
		}
		final Map<String, Object> s = result.outputs().statistics();
		final int attractiveChannels = (Integer) s.get("attractive_channels");
		if (saveAffinities != null) AffinityFiles.writeHdf5(saveAffinities, AffinityFiles.DEFAULT_DATASET, result.affinities(), attractiveChannels, inputs);
		final ImagePlus labels = result.outputs().image(MwsSegmentation.LABELS);
		labels.setTitle(out.getFileName().toString().replaceAll("\\.(tif|tiff|h5|hdf5|nii|nii\\.gz)$", ""));
		ImageFiles.save(labels, out, inputs);
		final int[] dims = result.affinities().dims();
		cli.out().printf(Locale.ROOT, "%d segments in %s image %s, %d channels (%d attractive, %s); affinities %.2f s, mws %.2f s; wrote %s%n",
			s.get("largest_label"), dims.length + "D", Arrays.toString(dims), result.affinities().channels(), attractiveChannels, s.get("meaning"),
			s.get("affinities_s"), s.get("mws_s"), out);
		return 0;
	}

	/** The blockwise path: affinities read per block from an HDF5 file; labels written whole or as block files. */
	private int blockwise() throws Exception {
		if (block == null) throw new IllegalArgumentException("--blocks-only and --shard need --block Z,Y,X");
		if (shard != null && blocksOnly == null) throw new IllegalArgumentException("--shard needs --blocks-only DIR (stitch the shards with 'innsight mws stitch')");
		if (affinities == null || !affinities.getFileName().toString().matches("(?i).*\\.(h5|hdf5)$"))
			throw new IllegalArgumentException("--block reads the affinities block by block from an HDF5 file: give --affinities FILE.h5");
		if (image != null || model != null || mask != null || seeds != null || minSize > 1 || saveAffinities != null)
			throw new IllegalArgumentException("--block takes only --affinities (no --image, --model, --mask, --seeds, --min-size or --save-affinities)");
		if (blocksOnly == null && out == null) throw new IllegalArgumentException("give the label image to write with -o/--out, or --blocks-only DIR");
		if (blocksOnly != null && out != null) throw new IllegalArgumentException("--blocks-only writes block files, not -o; stitch them with 'innsight mws stitch'");
		final MwsRequest request = new MwsRequest(SettingOptions.read(cli.spec(), MwsRequest.SETTINGS));
		if (request.randomStrides()) throw new IllegalArgumentException("--block needs grid strides; leave out --random-strides");
		if (!request.numpyOrder(true)) throw new IllegalArgumentException("--block reads HDF5 affinities: give offsets and strides in numpy order (--offset-order zyx)");
		if (out != null) output.check(out);
		final int[][] typed = request.typedOffsets();
		try (Hdf5AffinitySource source = new Hdf5AffinitySource(affinities, request.dataset(), typed)) {
			final int nd = source.dims().length;
			final int[] blockZyx = Offsets.ints(block, "--block");
			if (blockZyx.length != nd) throw new IllegalArgumentException("--block needs " + nd + " values (numpy order) for " + affinities + ", got " + blockZyx.length);
			int largest = 0;
			for (final int[] o : source.offsets()) for (final int v : o) largest = Math.max(largest, Math.abs(v));
			final int h = halo < 0 ? largest : halo;
			final int[] stridesTyped = request.typedStrides();
			if (stridesTyped.length != 1 && stridesTyped.length != nd)
				throw new IllegalArgumentException("--strides needs 1 or " + nd + " values for " + affinities + ", got " + stridesTyped.length);
			final MwsOptions options = new MwsOptions().threads(cli.threads())
				.attractive(request.attractive() > 0 ? request.attractive() : source.attractive() != null ? source.attractive() : nd)
				.meaning(request.meaning() == null ? AffinityMeaning.SAME_OBJECT : request.meaning())
				.strides(stridesTyped.length == 1 ? stridesTyped : Affinities.reversed(stridesTyped));
			final BlockGrid grid = new BlockGrid(source.dims(), Affinities.reversed(blockZyx), h);
			final long t0 = System.nanoTime();
			if (blocksOnly != null) {
				final Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
				final IntPredicate mine = i -> i % part.count() == part.index() - 1;
				final List<Path> targets = new ArrayList<>();
				for (int i = 0; i < grid.blocks(); i++) if (mine.test(i)) targets.add(blocksOnly.resolve(BlockLabels.fileName(i)));
				output.check(targets);
				final List<Path> written = BlockwiseMws.writeBlocks(source, grid, options, mine, blocksOnly, List.of(affinities), cli.out()::println);
				cli.out().printf(Locale.ROOT, "wrote %d of %d block files (shard %s, halo %d) in %.2f s to %s%n", written.size(), grid.blocks(), part, h,
					(System.nanoTime() - t0) / 1e9, blocksOnly);
				return 0;
			}
			final int[] labels = BlockwiseMws.segment(source, Affinities.reversed(blockZyx), h, options);
			final int segments = Arrays.stream(labels).max().orElse(0);
			final ImagePlus imp = MwsImages.labels(labels, source.dims(), out.getFileName().toString().replaceAll("\\.(tif|tiff|h5|hdf5|nii|nii\\.gz)$", ""), null);
			ImageFiles.save(imp, out, List.of(affinities));
			cli.out().printf(Locale.ROOT, "%d segments in %s, %d blocks of %s (z,y,x) with halo %d, %.2f s; wrote %s%n", segments,
				Arrays.toString(source.dims()), grid.blocks(), block, h, (System.nanoTime() - t0) / 1e9, out);
			return 0;
		}
	}
}
