package org.innsight.batch.steps;

import java.util.List;
import java.util.Locale;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * {@code "normalise"}: rescales intensities to a common range so scans from different sessions compare,
 * giving a 32-bit output {@code normalised}. Methods: {@code minmax} (min -> 0, max -> 1), {@code zscore}
 * (mean -> 0, sample std -> 1) and {@code percentile} (percentile {@code low} -> 0, {@code high} -> 1; default
 * 1 and 99; {@code clip} limits the result to [0, 1]). {@code perBand}: each band on its own (default false: one
 * scale for the whole scan, keeping band ratios, i.e. the spectrum's shape). NaN stays NaN; slice labels,
 * calibration and properties are kept.
 */
public final class NormaliseStep implements Step<NormaliseStep.Config> {

	public record Config(String method, double low, double high, boolean clip, boolean perBand) {}

	@Override
	public String name() {
		return "normalise";
	}

	@Override
	public String description() {
		return "Rescale intensities (minmax, zscore or percentile) to a 32-bit image \"normalised\".";
	}

	@Override
	public Config configure(final StepOptions o) {
		final String method = o.choice("method", "percentile", "minmax", "zscore", "percentile");
		final double low = o.number("low", 1, 0, 100), high = o.number("high", 99, 0, 100);
		final boolean clip = o.flag("clip", false);
		final boolean perBand = o.flag("perBand", false);
		if (!method.equals("percentile") && (o.has("low") || o.has("high")))
			throw o.bad("low", "and \"high\" apply to method percentile only");
		if (low >= high) throw o.bad("low", "must be below \"high\" (" + low + " >= " + high + ")");
		return new Config(method, low, high, clip, perBand);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of(OutputSpec.tif("normalised"));
	}

	@Override
	public StepResult run(final ImagePlus imp, final Config c, final StepContext context) {
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException("cannot normalise an RGB image; split its channels first");
		final ImageStack in = imp.getStack();
		final ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		final double[] whole = c.perBand() ? null : scale(imp, c, context, "the scan");
		for (int z = 1; z <= in.getSize(); z++) {
			final double[] s = whole != null ? whole
				: scale(new ImagePlus("", in.getProcessor(z)), c, context, "band " + z);
			final int n = imp.getWidth() * imp.getHeight();
			final float[] px = new float[n];
			final var ip = in.getProcessor(z);
			for (int i = 0; i < n; i++) {
				double v = (ip.getf(i) - s[0]) / s[1];
				if (c.clip()) v = Math.min(1, Math.max(0, v));
				px[i] = (float) v;
			}
			out.addSlice(null, px);
		}
		return StepResult.image("normalised", Images.derive(imp, out));
	}

	/** {offset, divisor} so that (v - offset) / divisor is the normalised value. */
	private static double[] scale(final ImagePlus imp, final Config c, final StepContext context, final String what) {
		final float[] v = Images.finiteSorted(imp);
		if (v.length == 0) throw new IllegalArgumentException("no finite pixel in " + what + " to normalise");
		final double offset, top;
		switch (c.method()) {
		case "minmax" -> {
			offset = v[0];
			top = v[v.length - 1];
		}
		case "zscore" -> {
			double sum = 0, ss = 0;
			for (final float x : v)
				sum += x;
			offset = sum / v.length;
			for (final float x : v)
				ss += (x - offset) * (x - offset);
			top = offset + (v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1)));
		}
		default -> {
			offset = Images.percentile(v, c.low() / 100);
			top = Images.percentile(v, c.high() / 100);
		}
		}
		if (!(top > offset)) {
			context.warn(String.format(Locale.ROOT, "%s is constant (%g) within the %s range; normalised to 0", what, offset, c.method()));
			return new double[] { offset, 1 };
		}
		return new double[] { offset, top - offset };
	}
}
