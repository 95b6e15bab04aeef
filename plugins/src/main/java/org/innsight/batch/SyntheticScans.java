package org.innsight.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * Generated spectral scans for tests and {@code innsight bench batch}: good ones with known content, and the
 * broken kinds a night's batch meets (truncated, wrong band count, NaN-filled, wrong dimensionality,
 * unreadable, a folder named like a scan). Everything derives from a seed, so runs compare byte for byte.
 */
public final class SyntheticScans {

	public static final int BANDS = 8;

	/** The pipeline tests and the benchmark run over these scans: check, statistics, normalise, 16-bit copy. */
	public static final String PIPELINE_JSON = """
		[
		  {"step": "check", "options": {"dimensions": 3, "bands": %d, "maxNonFinite": 0.1}},
		  {"step": "statistics"},
		  {"step": "normalise", "options": {"method": "minmax"}},
		  {"step": "convert", "options": {"bitDepth": 16}, "from": "input", "as": "u16"}
		]""".formatted(BANDS);

	private SyntheticScans() {}

	/**
	 * A scan of {@code bands} float planes labelled 500nm, 520nm, ...: plane b holds (b + 1) * 10 + noise in
	 * [0, 1), so its minimum is above 10 and its maximum below 10 * bands + 1.
	 */
	public static ImagePlus scan(final int width, final int height, final int bands, final long seed) {
		final Random random = new Random(seed);
		final ImageStack stack = new ImageStack(width, height);
		for (int b = 0; b < bands; b++) {
			final float[] px = new float[width * height];
			for (int i = 0; i < px.length; i++)
				px[i] = (b + 1) * 10 + random.nextFloat();
			stack.addSlice((500 + 20 * b) + "nm", new FloatProcessor(width, height, px));
		}
		return new ImagePlus("scan", stack);
	}

	public static Path write(final ImagePlus imp, final Path file) throws IOException {
		Files.createDirectories(file.getParent());
		if (!new FileSaver(imp).saveAsTiff(file.toString())) throw new IOException("could not write fixture " + file);
		return file;
	}

	/**
	 * Writes {@code good} good scans (some in a subfolder) and one of each broken kind into {@code in}; returns
	 * the broken ones' relative paths with the step at which each must fail.
	 */
	public static Map<String, String> cohort(final Path in, final int good, final int width, final int height) throws IOException {
		return cohort(in, good, seed -> scan(width, height, BANDS, seed), "check", "check");
	}

	/**
	 * As above with good scans from {@code source} (seed -> scan, e.g. crops of a real image). The broken ones
	 * derive from it too: truncated (fails at read), three bands fewer (two more for a source of at most three
	 * planes; fails at {@code bandsStep}, the first
	 * step that checks the band count), NaN-filled and a 4-D hyperstack (fail at {@code checkStep}), unreadable
	 * and a folder named like a scan (read).
	 */
	public static Map<String, String> cohort(final Path in, final int good, final LongFunction<ImagePlus> source, final String bandsStep,
		final String checkStep) throws IOException
	{
		for (int i = 0; i < good; i++) {
			final String name = String.format("scan%03d.tif", i);
			write(source.apply(i), i % 5 == 4 ? in.resolve("sub").resolve(name) : in.resolve(name));
		}
		final Map<String, String> broken = new LinkedHashMap<>();
		// truncated: a good scan cut in half
		final Path truncated = write(source.apply(1000), in.resolve("broken-truncated.tif"));
		try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
			f.setLength(f.length() / 2);
		}
		broken.put("broken-truncated.tif", "read");
		// wrong band count: the last three planes dropped (a source of at most three planes gets two more instead)
		final ImagePlus fewer = source.apply(1001);
		final ImageStack planes = fewer.getStack();
		if (planes.getSize() > 3) for (int k = 0; k < 3; k++)
			planes.deleteLastSlice();
		else for (int k = 0; k < 2; k++)
			planes.addSlice(planes.getSliceLabel(1), planes.getProcessor(1).duplicate());
		fewer.setStack(planes);
		write(fewer, in.resolve("broken-bands.tif"));
		broken.put("broken-bands.tif", bandsStep);
		// NaN-filled
		final ImagePlus nan = source.apply(1002);
		for (int b = 1; b <= nan.getStackSize(); b++)
			java.util.Arrays.fill((float[]) nan.getStack().getPixels(b), Float.NaN);
		write(nan, in.resolve("broken-nan.tif"));
		broken.put("broken-nan.tif", checkStep);
		// wrong dimensionality: a 4-D hyperstack (2 channels x bands/2 slices) instead of x, y, bands
		final ImagePlus hyper = source.apply(1003);
		final ImageStack four = hyper.getStack();
		while (four.getSize() < 4 || four.getSize() % 2 != 0) // a one-plane source: repeat its plane
			four.addSlice(four.getSliceLabel(1), four.getProcessor(1).duplicate());
		hyper.setStack(four);
		hyper.setDimensions(2, hyper.getStackSize() / 2, 1);
		hyper.setOpenAsHyperStack(true);
		write(hyper, in.resolve("broken-dims.tif"));
		broken.put("broken-dims.tif", checkStep);
		// unreadable
		broken.put(unreadable(in, source.apply(1004)), "read");
		// a folder named like a scan
		Files.createDirectories(in.resolve("broken-folder.tif"));
		broken.put("broken-folder.tif", "read");
		return broken;
	}

	/**
	 * Crops of {@code width x height} at seeded random places of a (spectral) image, keeping slice labels and
	 * calibration: realistic scans for benchmarks of the capability steps.
	 */
	public static LongFunction<ImagePlus> crops(final ImagePlus image, final int width, final int height) {
		if (width > image.getWidth() || height > image.getHeight())
			throw new IllegalArgumentException("crops of " + width + " x " + height + " do not fit into " + image.getWidth() + " x " + image.getHeight());
		return seed -> {
			final Random random = new Random(seed);
			final int x = random.nextInt(image.getWidth() - width + 1), y = random.nextInt(image.getHeight() - height + 1);
			return crop(image, x, y, width, height, image.getStackSize());
		};
	}

	/**
	 * The {@code width x height} rectangle at (x, y) of the first {@code planes} planes of an image, as 32-bit
	 * planes with their slice labels (wavelengths) and the image's calibration.
	 */
	public static ImagePlus crop(final ImagePlus image, final int x, final int y, final int width, final int height, final int planes) {
		final ImageStack in = image.getStack(), out = new ImageStack(width, height);
		for (int z = 1; z <= planes; z++) {
			final var ip = in.getProcessor(z).convertToFloat();
			ip.setRoi(x, y, width, height);
			out.addSlice(in.getSliceLabel(z), ip.crop());
		}
		final ImagePlus c = new ImagePlus("crop", out);
		c.setCalibration(image.getCalibration().copy());
		return c;
	}

	/**
	 * An unreadable scan. chmod 000 stops ordinary users, but not root (tests often run as root in containers),
	 * so when the file stays readable after chmod 000 it is replaced by a symbolic link to a missing file, which
	 * nobody can read.
	 */
	public static String unreadable(final Path in, final int width, final int height) throws IOException {
		return unreadable(in, scan(width, height, BANDS, 1004));
	}

	static String unreadable(final Path in, final ImagePlus scan) throws IOException {
		final Path file = write(scan, in.resolve("broken-unreadable.tif"));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
		if (canRead(file)) {
			Files.delete(file);
			Files.createSymbolicLink(file, in.resolve("no-such-target.tif"));
		}
		return "broken-unreadable.tif";
	}

	public static boolean canRead(final Path file) {
		try (InputStream s = Files.newInputStream(file)) {
			s.read();
			return true;
		}
		catch (final IOException e) {
			return false;
		}
	}
}
