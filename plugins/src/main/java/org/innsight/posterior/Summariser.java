package org.innsight.posterior;

import java.util.Arrays;
import java.util.List;

/**
 * Summarises each observation's posterior samples into the chosen {@link Statistic}s, parameter by parameter.
 * Holds work arrays (sorted copies, the mode-finding density): one instance per thread.
 */
public final class Summariser {

	private final Statistic[] statistics;
	private final int parameters;
	private final int samples;
	private final Modes modes;
	private final float[] work;

	public Summariser(final List<Statistic> statistics, final int parameters, final int samples, final Modes modes) {
		if (samples < 1) throw new IllegalArgumentException("need at least one posterior sample per observation, not " + samples);
		this.statistics = statistics.toArray(new Statistic[0]);
		this.parameters = parameters;
		this.samples = samples;
		this.modes = modes;
		this.work = new float[samples];
	}

	/** Values written per observation: parameters x statistics. */
	public int valuesPerObservation() {
		return parameters * statistics.length;
	}

	/**
	 * Writes the summaries of observation {@code i} (samples as {@link PosteriorSampler#sample} lays them out) to
	 * {@code out[offset + t * statistics + s]} for parameter t and statistic s.
	 */
	public void summarise(final float[] sampleRows, final int i, final float[] out, final int offset) {
		for (int t = 0; t < parameters; t++) {
			final int base = i * samples * parameters + t;
			for (int k = 0; k < samples; k++) work[k] = sampleRows[base + k * parameters];
			Arrays.sort(work);
			double mean = Double.NaN;
			for (int s = 0; s < statistics.length; s++) {
				final double v;
				switch (statistics[s]) {
					case MEDIAN -> v = SampleStatistics.quantileSorted(work, samples, 0.5);
					case MEAN -> v = mean = Double.isNaN(mean) ? SampleStatistics.mean(work, samples) : mean;
					case IQR -> v = SampleStatistics.quantileSorted(work, samples, 0.75) - SampleStatistics.quantileSorted(work, samples, 0.25);
					case MODES -> v = modes.countSorted(work, samples);
					case SD -> {
						if (Double.isNaN(mean)) mean = SampleStatistics.mean(work, samples);
						v = Math.sqrt(SampleStatistics.variance(work, samples, mean));
					}
					case Q05 -> v = SampleStatistics.quantileSorted(work, samples, 0.05);
					case Q25 -> v = SampleStatistics.quantileSorted(work, samples, 0.25);
					case Q75 -> v = SampleStatistics.quantileSorted(work, samples, 0.75);
					case Q95 -> v = SampleStatistics.quantileSorted(work, samples, 0.95);
					default -> throw new IllegalStateException(statistics[s].toString());
				}
				out[offset + t * statistics.length + s] = (float) v;
			}
		}
	}
}
