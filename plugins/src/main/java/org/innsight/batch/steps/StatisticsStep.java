package org.innsight.batch.steps;

import java.math.BigDecimal;
import java.util.List;

import org.innsight.batch.OutputSpec;
import org.innsight.batch.Step;
import org.innsight.batch.StepContext;
import org.innsight.batch.StepOptions;
import org.innsight.batch.StepResult;

import ij.ImagePlus;

/**
 * {@code "statistics"}: key numbers of the image it is given, over all planes and finite pixels only, for the
 * report and {@code summary.csv}: width, height, bands, min, max, mean, std (sample), median, chosen
 * percentiles ({@code "percentiles": [1, 99]} by default; keys {@code p1}, {@code p99}, {@code p2_5}) and
 * the fraction of NaN/infinite pixels. Writes nothing and passes its input on.
 */
public final class StatisticsStep implements Step<StatisticsStep.Config> {

	public record Config(double[] percentiles) {}

	@Override
	public String name() {
		return "statistics";
	}

	@Override
	public String description() {
		return "Key numbers per scan (min, max, mean, std, median, percentiles, NaN fraction) for the report.";
	}

	@Override
	public Config configure(final StepOptions o) {
		final double[] p = o.numbers("percentiles", 1, 99);
		for (final double v : p)
			if (!(v >= 0 && v <= 100)) throw o.bad("percentiles", "must lie between 0 and 100, got " + v);
		return new Config(p);
	}

	@Override
	public List<OutputSpec> outputs(final Config c) {
		return List.of();
	}

	@Override
	public StepResult run(final ImagePlus imp, final Config c, final StepContext context) {
		final float[] v = Images.finiteSorted(imp);
		final long total = Images.pixels(imp);
		final StepResult r = StepResult.none()
			.statistic("width", imp.getWidth())
			.statistic("height", imp.getHeight())
			.statistic("bands", Images.bands(imp));
		double sum = 0;
		for (final float x : v)
			sum += x;
		final double mean = v.length == 0 ? Double.NaN : sum / v.length;
		double ss = 0;
		for (final float x : v)
			ss += (x - mean) * (x - mean);
		r.statistic("min", v.length == 0 ? Double.NaN : v[0])
			.statistic("max", v.length == 0 ? Double.NaN : v[v.length - 1])
			.statistic("mean", mean)
			.statistic("std", v.length < 2 ? Double.NaN : Math.sqrt(ss / (v.length - 1)))
			.statistic("median", Images.percentile(v, 0.5));
		for (final double p : c.percentiles())
			r.statistic(key(p), Images.percentile(v, p / 100));
		return r.statistic("non_finite_fraction", (total - v.length) / (double) total);
	}

	static String key(final double percentile) {
		return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString().replace('.', '_');
	}
}
