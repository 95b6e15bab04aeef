package org.innsight.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.innsight.io.AtomicFiles;
import org.innsight.io.ImageFiles;
import org.innsight.measure.MapImage;
import org.innsight.measure.MapKind;
import org.innsight.measure.Measure;
import org.innsight.measure.MeasureRequest;
import org.innsight.measure.Measurements;
import org.innsight.measure.Regions;
import org.innsight.request.Setting;

import ij.ImagePlus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight measure}: measurements of maps per region, written as a CSV table. */
@Command(name = "measure", mixinStandardHelpOptions = true,
	description = { "Measure maps per region and frame into a CSV table: posterior maps (median of the pixel medians, pooled quantiles and",
		"credible interval, mean IQR, share of multimodal and of excluded pixels), OOD maps (share flagged, mean score), a DALSA class map",
		"(voxels and volume in ml per class; Dice with --truth) or a Mutex Watershed label map (segment count and sizes).",
		"Regions: the labels of --labels, the nonzero pixels of --mask, or else the whole image. See docs/measure.md." })
final class MeasureCommand implements Callable<Integer>, SettingOptions.Owner {

	/** The files a folder given to --maps may hold. */
	private static final String IMAGES = "(?i).*\\.(tif|tiff|nii|nii\\.gz|h5|hdf5)$";

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--maps", required = true, paramLabel = "DIR|FILE", split = ",",
		description = { "Maps to measure: a folder (its posterior and OOD maps, e.g. the --out of innsight posterior and ood, or a batch's output",
			"folder) or map files (a label map is given as a file). Repeatable, or comma-separated." })
	List<Path> maps;

	@ArgGroup(exclusive = true)
	Where where;

	static final class Where {
		@Option(names = "--labels", paramLabel = "FILE", description = "Label image: each label > 0 is a region (0 = none).")
		Path labels;

		@Option(names = "--mask", paramLabel = "FILE", description = "Mask: its nonzero pixels are one region.")
		Path mask;
	}

	@Option(names = "--truth", paramLabel = "FILE", description = "Truth label image for a class map: Dice per class.")
	Path truth;

	@Option(names = "--out", required = true, paramLabel = "TABLE.csv", description = "The table to write.")
	Path out;

	@Option(names = "--label-kind", paramLabel = "auto|classes|segments", description = "How a label map is measured (default: ${DEFAULT-VALUE}).")
	String labelKind;

	@Option(names = "--interval", paramLabel = "P", description = "Level of the credible interval (default: ${DEFAULT-VALUE}).")
	Double interval;

	@Option(names = "--per-slice", description = "Measure each z slice of a 3D map on its own.")
	Boolean perSlice;

	@Option(names = "--class-names", paramLabel = "1=NAME,...", description = "Class names by label, e.g. 1=healthy,2=tumour.")
	String classNames;

	@Override
	public List<Setting<?>> settings() {
		return MeasureRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final MeasureRequest request = new MeasureRequest(SettingOptions.read(cli.spec(), MeasureRequest.SETTINGS)).checked();
		if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
			throw new IllegalArgumentException("--out " + out + ": the table is a .csv file");
		output.check(out);
		final List<Path> inputs = new ArrayList<>();
		final List<String> skipped = new ArrayList<>();
		final List<Found> found = new ArrayList<>();
		for (final Path p : maps) {
			if (Files.isDirectory(p)) for (final Path f : folder(p)) add(f, true, found, skipped, inputs);
			else add(p, false, found, skipped, inputs);
		}
		final Map<String, List<MapImage>> images = byImage(found);
		if (images.isEmpty()) throw new IllegalArgumentException("no maps in " + maps + " (a folder gives its posterior and OOD maps, e.g. " +
			"sO2_median.tif, ood_mask.tif; give a label map as a file)");
		final Path regionFile = where == null ? null : where.labels != null ? where.labels : where.mask;
		final Regions regions = regionFile == null ? null : where.labels != null ? Regions.ofLabels(read(regionFile, "regions", inputs), Map.of())
			: Regions.ofMask(read(regionFile, "mask", inputs));
		final MapImage truthMap = truth == null ? null : read(truth, "truth", inputs);
		final Measurements table = new Measurements();
		for (final Map.Entry<String, List<MapImage>> e : images.entrySet())
			table.addAll(Measure.run(e.getKey(), e.getValue(), regions, truthMap, request));
		if (!skipped.isEmpty()) table.note("skipped (not a posterior or OOD map; give a label map as a file): " + String.join(", ", skipped));
		AtomicFiles.writeBytes(out, inputs, table.csv().getBytes(StandardCharsets.UTF_8));
		int count = 0;
		for (final List<MapImage> l : images.values()) count += l.size();
		cli.out().printf(Locale.ROOT, "measured %d map%s of %s in %s: %d rows, %d columns; wrote %s%n", count, count == 1 ? "" : "s",
			String.join(", ", images.keySet()), regionFile == null ? "the whole image" : regionFile, table.rows().size(), table.headings().size(), out);
		for (final String note : table.notes()) cli.out().println("note: " + note);
		return 0;
	}

	/** The image files of a folder, sorted by name. */
	private static List<Path> folder(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(IMAGES) && !f.getFileName().toString().startsWith("."))
				.sorted().toList();
		}
	}

	/** A map read from a file, with the image its name gives (empty: none) and the name of its folder. */
	private record Found(String image, String folder, MapImage map) {}

	/** Opens a map; from a folder only posterior and OOD maps. */
	private static void add(final Path file, final boolean fromFolder, final List<Found> found, final List<String> skipped, final List<Path> inputs)
		throws IOException
	{
		final ImagePlus imp = ImageFiles.open(file);
		final MapKind.Named named = MapKind.name(imp, stem(file));
		if (fromFolder && MapKind.of(named.map()).type() == MapKind.Type.LABELS) {
			skipped.add(file.getFileName().toString());
			return;
		}
		inputs.add(file);
		final Path parent = file.toAbsolutePath().normalize().getParent();
		final String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
		found.add(new Found(named.image(), folder, MapImage.of(named.map(), imp, file.toString())));
	}

	/**
	 * The maps by image. A map whose name carries no image ({@code innsight posterior} writes {@code sO2_median.tif},
	 * {@code innsight ood} writes {@code scan_ood_mask.tif}) belongs to the one image the other names give, if they give
	 * one; else to its folder's name.
	 */
	private static Map<String, List<MapImage>> byImage(final List<Found> found) {
		final TreeSet<String> named = new TreeSet<>();
		for (final Found f : found) if (!f.image().isEmpty()) named.add(f.image());
		final Map<String, List<MapImage>> images = new LinkedHashMap<>();
		for (final Found f : found) {
			final String image = !f.image().isEmpty() ? f.image() : named.size() == 1 ? named.first() : f.folder();
			images.computeIfAbsent(image, k -> new ArrayList<>()).add(f.map());
		}
		return images;
	}

	private static MapImage read(final Path file, final String name, final List<Path> inputs) throws IOException {
		inputs.add(file);
		return MapImage.of(name, ImageFiles.open(file), file.toString());
	}

	/** The file name without its image extension. */
	private static String stem(final Path file) {
		return file.getFileName().toString().replaceAll("(?i)(\\.ome)?\\.(tiff?|h5|hdf5|nii|nii\\.gz)$", "");
	}
}
