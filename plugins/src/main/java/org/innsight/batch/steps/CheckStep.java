package org.innsight.batch.steps;

import java.util.List;
import java.util.Locale;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;

import ij.ImagePlus;

/**
 * {@code "check"}: refuses scans that are not what the rest of the pipeline expects, with a reason a person can
 * act on, before any real work is spent on them. Options (all optional):
 * <ul>
 * <li>{@code dimensions}: 2 (one plane), 3 (x, y and bands), 4 or 5 (hyperstacks);</li>
 * <li>{@code bands}: exact number of spectral bands (the channels, or the planes of a plain stack);
 * {@code minBands}: at least that many;</li>
 * <li>{@code width}, {@code height}: exact size; {@code minSize}: smallest allowed width and height;</li>
 * <li>{@code bitDepth}: 8, 16, 24 (RGB) or 32;</li>
 * <li>{@code maxNonFinite}: largest allowed fraction of NaN or infinite pixels (default 0.5); a scan without
 * any finite pixel always fails.</li>
 * </ul>
 * Passes its input on unchanged and writes nothing.
 */
public final class CheckStep implements Step<CheckStep.Config> {

	/** Validated options; -1 = not checked. */
	public record Config(int dimensions, int bands, int minBands, int width, int height, int minSize, int bitDepth, double maxNonFinite) {}

	@Override
	public String name() {
		return "check";
	}

	@Override
	public String description() {
		return "Refuse scans with the wrong dimensions, band count, size, bit depth or too many NaN pixels.";
	}

	@Override
	public Config configure(final StepOptions o) {
		final int bitDepth = o.integer("bitDepth", -1, 8, 32);
		if (bitDepth != -1 && bitDepth != 8 && bitDepth != 16 && bitDepth != 24 && bitDepth != 32)
			throw o.bad("bitDepth", "must be 8, 16, 24 or 32, got " + bitDepth);
		return new Config(o.integer("dimensions", -1, 2, 5), o.integer("bands", -1, 1, 1 << 20), o.integer("minBands", -1, 1, 1 << 20),
			o.integer("width", -1, 1, Integer.MAX_VALUE), o.integer("height", -1, 1, Integer.MAX_VALUE),
			o.integer("minSize", -1, 1, Integer.MAX_VALUE), bitDepth, o.number("maxNonFinite", 0.5, 0, 1));
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of();
	}

	@Override
	public StepResult run(final ImagePlus imp, final Config c, final StepContext context) {
		final String shape = Images.shape(imp);
		final int dims = Images.dimensions(imp);
		if (c.dimensions() != -1 && dims != c.dimensions())
			throw new IllegalArgumentException("expected " + c.dimensions() + " dimensions, found " + dims + " (" + shape + ")");
		final int bands = Images.bands(imp);
		if (c.bands() != -1 && bands != c.bands())
			throw new IllegalArgumentException("expected " + c.bands() + " bands, found " + bands + " (" + shape + ")");
		if (c.minBands() != -1 && bands < c.minBands())
			throw new IllegalArgumentException("expected at least " + c.minBands() + " bands, found " + bands + " (" + shape + ")");
		if (c.width() != -1 && imp.getWidth() != c.width())
			throw new IllegalArgumentException("expected width " + c.width() + ", found " + imp.getWidth());
		if (c.height() != -1 && imp.getHeight() != c.height())
			throw new IllegalArgumentException("expected height " + c.height() + ", found " + imp.getHeight());
		if (c.minSize() != -1 && Math.min(imp.getWidth(), imp.getHeight()) < c.minSize())
			throw new IllegalArgumentException("expected at least " + c.minSize() + " pixels per side, found " + shape);
		if (c.bitDepth() != -1 && imp.getBitDepth() != c.bitDepth())
			throw new IllegalArgumentException("expected " + c.bitDepth() + "-bit pixels, found " + imp.getBitDepth() + "-bit");
		final long total = Images.pixels(imp);
		final long nonFinite = total - countFinite(imp);
		if (nonFinite == total) throw new IllegalArgumentException("no finite pixel: every pixel is NaN or infinite");
		final double fraction = nonFinite / (double) total;
		if (fraction > c.maxNonFinite())
			throw new IllegalArgumentException(String.format(Locale.ROOT, "%.1f%% of pixels are NaN or infinite (allowed: %.1f%%)",
				100 * fraction, 100 * c.maxNonFinite()));
		if (nonFinite > 0) context.warn(String.format(Locale.ROOT, "%.2f%% of pixels are NaN or infinite", 100 * fraction));
		return StepResult.none();
	}

	private static long countFinite(final ImagePlus imp) {
		if (imp.getBitDepth() != 32) return Images.pixels(imp);
		long finite = 0;
		for (int z = 1; z <= imp.getStackSize(); z++)
			for (final float v : (float[]) imp.getStack().getPixels(z))
				if (Float.isFinite(v)) finite++;
		return finite;
	}
}
