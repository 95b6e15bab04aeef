package org.innsight.measure;

import java.util.Arrays;
import java.util.Map;

import org.innsight.measure.Measurements.Column;
import org.innsight.posterior.Modes;
import org.innsight.posterior.SampleStatistics;

/**
 * The measurements of one posterior parameter (e.g. sO2) over a region, from its maps ({@code sO2_median},
 * {@code sO2_IQR}, {@code sO2_modes}) and, when kept, its sample stack ({@code sO2_samples}). A pixel counts as
 * estimated where the median map (else the first map of the parameter, else the samples) is finite; the posterior
 * leaves the others NaN (outside the mask, excluded, or a non-finite, all-zero or saturated spectrum).
 * <ul>
 * <li>{@code P_median}: the median of the estimated pixels' medians;</li>
 * <li>{@code P_pooled_q25}, {@code P_pooled_median}, {@code P_pooled_q75} and the credible interval
 * {@code P_ci90_low}..{@code P_ci90_high} (5% and 95% quantiles for the default level 0.9): quantiles of all
 * posterior samples of the estimated pixels pooled together (the region's posterior as a mixture of its pixels'),
 * when the sample stack is given; else of the pixel medians, and {@code P_pooled} says which ({@code samples} or
 * {@code medians}): the spread of the medians over the region, not a posterior;</li>
 * <li>{@code P_IQR_mean}: the mean of the pixels' interquartile ranges (the IQR map, else computed from the samples);</li>
 * <li>{@code P_multimodal_share}: the share of estimated pixels whose posterior has two or more modes (the modes map,
 * else counted from the samples as the posterior counts them);</li>
 * <li>{@code excluded_share} (once per row, from the first parameter): the share of the region's pixels without an
 * estimate.</li>
 * </ul>
 * Quantiles interpolate between order statistics (R's type 7), as the posterior's own maps do.
 */
final class PosteriorMeasures {

	private final String parameter;
	private final MeasureRequest request;
	private MapImage median, iqr, modes, samples, first;

	PosteriorMeasures(final String parameter, final MeasureRequest request) {
		this.parameter = parameter;
		this.request = request;
	}

	/** Takes a map of this parameter; false for a statistic that is not measured (mean, sd, q05, ...). */
	boolean add(final MapKind kind, final MapImage map) {
		if (kind.type() == MapKind.Type.SAMPLES) {
			samples = map;
			return true;
		}
		if (first == null) first = map;
		switch (kind.statistic()) {
			case "median" -> median = map;
			case "IQR" -> iqr = map;
			case "modes" -> modes = map;
			default -> {
				return false;
			}
		}
		return true;
	}

	/** Whether some map of this parameter gives a measurement. */
	boolean measurable() {
		return median != null || iqr != null || modes != null || samples != null;
	}

	void notes(final Measurements out) {
		if (samples == null && median != null)
			out.note(parameter + ": no sample stack (" + parameter + "_samples), so the pooled quantiles and the credible interval are those of " +
				"the pixel medians, not of the posterior samples (keep the samples: --keep-samples, keepSamples, sample_stack)");
		if (samples == null && median == null) out.note(parameter + ": neither a median map nor the samples; no pooled quantiles");
	}

	/** Adds this parameter's columns for {@code pixels} of frame {@code t} ({@code excluded_share} too when {@code first}). */
	void measure(final int t, final int[] pixels, final Map<Column, Object> values, final boolean firstParameter) {
		final String unit = (median != null ? median : samples != null ? samples : first).valueUnitOrEmpty();
		final int[] estimated = estimated(t, pixels);
		if (firstParameter) values.put(new Column("excluded_share", ""), 1 - (double) estimated.length / pixels.length);
		final int n = estimated.length;
		if (median != null) values.put(new Column(parameter + "_median", unit), quantile(gather(median, t, estimated), n, 0.5));
		if (samples != null || median != null) {
			final float[] pooled = samples != null ? pooledSamples(t, estimated) : gather(median, t, estimated);
			final int m = samples != null ? finiteFirst(pooled) : n;
			Arrays.sort(pooled, 0, m);
			final double p = request.interval(), lo = (1 - p) / 2, hi = (1 + p) / 2;
			values.put(new Column(parameter + "_pooled_q25", unit), quantileSorted(pooled, m, 0.25));
			values.put(new Column(parameter + "_pooled_median", unit), quantileSorted(pooled, m, 0.5));
			values.put(new Column(parameter + "_pooled_q75", unit), quantileSorted(pooled, m, 0.75));
			values.put(new Column(parameter + "_" + request.intervalName() + "_low", unit), quantileSorted(pooled, m, lo));
			values.put(new Column(parameter + "_" + request.intervalName() + "_high", unit), quantileSorted(pooled, m, hi));
			values.put(new Column(parameter + "_pooled", ""), samples != null ? "samples" : "medians");
		}
		if (iqr != null || samples != null) values.put(new Column(parameter + "_IQR_mean", unit), meanIqr(t, estimated));
		if (modes != null || samples != null) values.put(new Column(parameter + "_multimodal_share", ""), multimodalShare(t, estimated));
	}

	/** The pixels with an estimate: finite in the median map, else in the parameter's first map, else in the first sample. */
	private int[] estimated(final int t, final int[] pixels) {
		final int[] out = new int[pixels.length];
		int n = 0;
		for (final int i : pixels) {
			final float v = median != null ? Measure.value(median, t, i) : first != null ? Measure.value(first, t, i) : sample(t, i, 0);
			if (Float.isFinite(v)) out[n++] = i;
		}
		return Arrays.copyOf(out, n);
	}

	private double meanIqr(final int t, final int[] pixels) {
		if (pixels.length == 0) return Double.NaN;
		if (iqr != null) return Measure.finiteMean(iqr, t, pixels);
		final float[] s = new float[samples.depth()];
		double sum = 0;
		long n = 0;
		for (final int i : pixels) {
			final int m = sortedSamples(t, i, s);
			if (m == 0) continue;
			sum += SampleStatistics.quantileSorted(s, m, 0.75) - SampleStatistics.quantileSorted(s, m, 0.25);
			n++;
		}
		return n == 0 ? Double.NaN : sum / n;
	}

	private double multimodalShare(final int t, final int[] pixels) {
		if (pixels.length == 0) return Double.NaN;
		long multi = 0, n = 0;
		if (modes != null) {
			for (final int i : pixels) {
				final float v = Measure.value(modes, t, i);
				if (!Float.isFinite(v)) continue;
				n++;
				if (v >= 2) multi++;
			}
		}
		else {
			final Modes counter = new Modes();
			final float[] s = new float[samples.depth()];
			for (final int i : pixels) {
				final int m = sortedSamples(t, i, s);
				if (m == 0) continue;
				n++;
				if (counter.countSorted(s, m) >= 2) multi++;
			}
		}
		return n == 0 ? Double.NaN : (double) multi / n;
	}

	/** All samples of {@code pixels}, one after the other. */
	private float[] pooledSamples(final int t, final int[] pixels) {
		final int k = samples.depth();
		final float[] out = new float[pixels.length * k];
		for (int p = 0; p < pixels.length; p++)
			for (int j = 0; j < k; j++) out[p * k + j] = sample(t, pixels[p], j);
		return out;
	}

	/** The finite samples of pixel {@code i}, sorted into the start of {@code into}; their number. */
	private int sortedSamples(final int t, final int i, final float[] into) {
		int m = 0;
		for (int j = 0; j < into.length; j++) {
			final float v = sample(t, i, j);
			if (Float.isFinite(v)) into[m++] = v;
		}
		Arrays.sort(into, 0, m);
		return m;
	}

	private float sample(final int t, final int i, final int j) {
		final int plane = samples.width() * samples.height();
		return samples.values()[((samples.frames() == 1 ? 0 : t) * samples.depth() + j) * plane + i];
	}

	private static float[] gather(final MapImage map, final int t, final int[] pixels) {
		final float[] v = new float[pixels.length];
		for (int p = 0; p < pixels.length; p++) v[p] = Measure.value(map, t, pixels[p]);
		return v;
	}

	/** Moves the finite values to the front; their number. */
	private static int finiteFirst(final float[] v) {
		int n = 0;
		for (int i = 0; i < v.length; i++) if (Float.isFinite(v[i])) v[n++] = v[i];
		return n;
	}

	private static double quantile(final float[] v, final int n, final double q) {
		Arrays.sort(v, 0, n);
		return quantileSorted(v, n, q);
	}

	private static double quantileSorted(final float[] sorted, final int n, final double q) {
		return n == 0 ? Double.NaN : SampleStatistics.quantileSorted(sorted, n, q);
	}
}
