package org.innsight.posterior;

import java.util.Arrays;
import java.util.List;

/**
 * What validation keeps of each posterior: per observation and parameter the truth, the rank of the truth among
 * the samples, and the posterior's median, mean, sd and IQR; per observation the re-simulation error and its
 * noise floor (NaN when not measured). Filled chunk by chunk, so the samples themselves need not be kept;
 * {@link ValidationMetrics} computes the figures for any subset afterwards.
 */
public final class PosteriorRecords {

	private final List<String> parameters;
	private final int samples;
	private final int t;
	private int count;
	private float[] truth = new float[0], median = new float[0], mean = new float[0], sd = new float[0], iqr = new float[0];
	private int[] rank = new int[0];
	private double[] resimulation = new double[0], noiseFloor = new double[0];
	private final float[] work;

	/** @param samples posterior samples per observation (L) */
	public PosteriorRecords(final List<String> parameters, final int samples) {
		if (parameters.isEmpty()) throw new IllegalArgumentException("no parameters");
		if (samples < 1) throw new IllegalArgumentException("need at least one posterior sample, not " + samples);
		this.parameters = List.copyOf(parameters);
		this.samples = samples;
		this.t = parameters.size();
		this.work = new float[samples];
	}

	/**
	 * Adds {@code observations} posteriors.
	 *
	 * @param truthRows observations x parameters, row-major
	 * @param sampleRows (observation * samples + k) x parameters, row-major
	 */
	public void add(final float[] truthRows, final float[] sampleRows, final int observations) {
		if (truthRows.length < observations * t || sampleRows.length < (long) observations * samples * t)
			throw new IllegalArgumentException("arrays too short for " + observations + " observations");
		ensure(count + observations);
		for (int p = 0; p < observations; p++) {
			for (int j = 0; j < t; j++) {
				for (int k = 0; k < samples; k++) work[k] = sampleRows[((p * samples) + k) * t + j];
				Arrays.sort(work);
				final int i = (count + p) * t + j;
				final float truthValue = truthRows[p * t + j];
				truth[i] = truthValue;
				rank[i] = SampleStatistics.rankSorted(work, samples, truthValue);
				median[i] = (float) SampleStatistics.quantileSorted(work, samples, 0.5);
				final double m = SampleStatistics.mean(work, samples);
				mean[i] = (float) m;
				sd[i] = (float) Math.sqrt(SampleStatistics.variance(work, samples, m));
				iqr[i] = (float) (SampleStatistics.quantileSorted(work, samples, 0.75) - SampleStatistics.quantileSorted(work, samples, 0.25));
			}
			resimulation[count + p] = Double.NaN;
			noiseFloor[count + p] = Double.NaN;
		}
		count += observations;
	}

	/** Records the re-simulation error and its noise floor of observation {@code index} (see {@link Resimulation}). */
	public void setResimulation(final int index, final double error, final double floor) {
		if (index < 0 || index >= count) throw new IndexOutOfBoundsException(index);
		resimulation[index] = error;
		noiseFloor[index] = floor;
	}

	private void ensure(final int n) {
		if (n <= resimulation.length) return;
		final int cap = Math.max(n, resimulation.length * 2);
		truth = Arrays.copyOf(truth, cap * t);
		median = Arrays.copyOf(median, cap * t);
		mean = Arrays.copyOf(mean, cap * t);
		sd = Arrays.copyOf(sd, cap * t);
		iqr = Arrays.copyOf(iqr, cap * t);
		rank = Arrays.copyOf(rank, cap * t);
		resimulation = Arrays.copyOf(resimulation, cap);
		noiseFloor = Arrays.copyOf(noiseFloor, cap);
	}

	public List<String> parameters() {
		return parameters;
	}

	public int samples() {
		return samples;
	}

	public int count() {
		return count;
	}

	public float truth(final int observation, final int parameter) {
		return truth[observation * t + parameter];
	}

	public int rank(final int observation, final int parameter) {
		return rank[observation * t + parameter];
	}

	public float median(final int observation, final int parameter) {
		return median[observation * t + parameter];
	}

	public float mean(final int observation, final int parameter) {
		return mean[observation * t + parameter];
	}

	public float sd(final int observation, final int parameter) {
		return sd[observation * t + parameter];
	}

	public float iqr(final int observation, final int parameter) {
		return iqr[observation * t + parameter];
	}

	public double resimulation(final int observation) {
		return resimulation[observation];
	}

	public double noiseFloor(final int observation) {
		return noiseFloor[observation];
	}
}
