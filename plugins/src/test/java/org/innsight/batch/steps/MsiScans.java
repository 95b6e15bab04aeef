package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.batch.FileOutcome;
import org.innsight.batch.SyntheticScans;
import org.innsight.cli.InnSightCli;
import org.innsight.io.ImageFiles;

import ij.ImagePlus;

/** The bundled 16-band sample scan, crops of it, and pixels of written files, for the spectral step tests. */
final class MsiScans {

	private MsiScans() {}

	static Path repo() {
		return Path.of(System.getProperty("innsight.repo", "..")).toAbsolutePath().normalize();
	}

	static Path sample(final String file) {
		return repo().resolve("sample-data/msi").resolve(file);
	}

	/** {@code bands} channels from the first, of the rectangle at (x, y), labels and wavelengths kept. */
	static ImagePlus crop(final ImagePlus scan, final int x, final int y, final int w, final int h, final int bands) {
		final ImagePlus out = SyntheticScans.crop(scan, x, y, w, h, bands);
		final double[] nm = new double[bands];
		final String label = scan.getStack().getSliceLabel(1);
		for (int c = 1; label != null && c <= bands; c++)
			nm[c - 1] = Double.parseDouble(scan.getStack().getSliceLabel(c).replace("nm", ""));
		out.setDimensions(bands, 1, 1);
		if (label != null)
			out.setProp("wavelengths", String.join(",", Arrays.stream(nm).mapToObj(v -> Long.toString(Math.round(v))).toList()));
		return out;
	}

	static Path write(final ImagePlus imp, final Path file) throws IOException {
		Files.createDirectories(file.getParent());
		ImageFiles.save(imp, file, List.of());
		return file;
	}

	/** Every pixel of every plane, plane after plane, as float. */
	static float[] pixels(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final float[] out = new float[n * imp.getStackSize()];
		for (int z = 1; z <= imp.getStackSize(); z++) {
			final var ip = imp.getStack().getProcessor(z);
			for (int i = 0; i < n; i++) out[(z - 1) * n + i] = ip.getf(i);
		}
		return out;
	}

	static float[] pixels(final Path file) throws IOException {
		return pixels(ImageFiles.open(file));
	}

	/** The median of the finite values, computed here without the steps' helpers. */
	static double median(final float[] values) {
		final float[] v = new float[values.length];
		int n = 0;
		for (final float x : values) if (!Float.isNaN(x) && !Float.isInfinite(x)) v[n++] = x;
		Arrays.sort(v, 0, n);
		if (n == 0) return Double.NaN;
		return n % 2 == 1 ? v[n / 2] : ((double) v[n / 2 - 1] + v[n / 2]) / 2;
	}

	static long finite(final float[] values) {
		long n = 0;
		for (final float x : values) if (Float.isFinite(x)) n++;
		return n;
	}

	static double number(final FileOutcome outcome, final String statistic) {
		final Object v = outcome.statistics().get(statistic);
		if (!(v instanceof Number n)) throw new AssertionError("no statistic " + statistic + " in " + outcome.statistics());
		return n.doubleValue();
	}

	static FileOutcome outcome(final List<FileOutcome> outcomes, final String relative) {
		return outcomes.stream().filter(o -> o.relative().equals(relative)).findFirst()
			.orElseThrow(() -> new AssertionError("no outcome for " + relative + " in " + outcomes));
	}

	/** Runs {@code innsight ARGS} in this JVM (the CLI the steps must agree with); fails on a non-zero exit. */
	static void cli(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final int code;
		try {
			System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(o, true, StandardCharsets.UTF_8));
			code = InnSightCli.run(args);
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
		assertEquals(0, code, () -> "innsight " + String.join(" ", args) + ": " + o.toString(StandardCharsets.UTF_8));
	}
}
