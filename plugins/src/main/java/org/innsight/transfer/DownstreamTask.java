package org.innsight.transfer;

import java.util.Arrays;

import org.innsight.forest.ForestSettings;
import org.innsight.forest.RandomForest;
import org.innsight.forest.TrainingSet;
import org.innsight.progress.ProgressListener;

/**
 * The downstream check of the paper's protocol: a random forest classifies spectra into bins of a tissue parameter
 * (default: sO2 in three bins, [0, 1/3), [1/3, 2/3), [2/3, 1]) and is scored by balanced accuracy (the mean of the
 * per-class recalls, so chance is 1/bins whatever the class sizes). Uses the weighted forest of the DALSA package,
 * unweighted unless row weights are given. Spectra with a NaN value are left out.
 */
public final class DownstreamTask {

	public static final int DEFAULT_TREES = 100;

	private final String parameter;
	private final double[] edges;
	private final ForestSettings forest;

	/**
	 * @param parameter the table column to bin (e.g. sO2)
	 * @param edges inner bin edges, ascending: k edges make k + 1 classes
	 */
	public DownstreamTask(final String parameter, final double[] edges, final int trees, final long seed, final int threads) {
		if (edges.length < 1) throw new IllegalArgumentException("need at least one bin edge");
		for (int i = 1; i < edges.length; i++)
			if (!(edges[i] > edges[i - 1])) throw new IllegalArgumentException("bin edges must increase: " + Arrays.toString(edges));
		this.parameter = parameter;
		this.edges = edges.clone();
		this.forest = ForestSettings.defaults().withTrees(trees).withSeed(seed).withThreads(threads);
	}

	/** sO2 in thirds. */
	public static DownstreamTask so2Thirds(final int trees, final long seed, final int threads) {
		return new DownstreamTask("sO2", new double[] { 1.0 / 3, 2.0 / 3 }, trees, seed, threads);
	}

	public String parameter() {
		return parameter;
	}

	public int classCount() {
		return edges.length + 1;
	}

	public double[] edges() {
		return edges.clone();
	}

	public int classOf(final double value) {
		int c = 0;
		while (c < edges.length && value >= edges[c]) c++;
		return c;
	}

	public int[] classes(final float[] values) {
		final int[] c = new int[values.length];
		for (int i = 0; i < c.length; i++) c[i] = classOf(values[i]);
		return c;
	}

	/** A forest trained on rows x bands spectra (row-major) with their classes; rows with NaN are skipped. */
	public RandomForest train(final float[] rows, final int bands, final int[] classes) {
		return train(rows, bands, classes, null);
	}

	/**
	 * A forest trained on rows x bands spectra with their classes and a weight per row (null: all 1; the weights enter
	 * the bootstrap counts and the split scores, see {@link RandomForest}); rows with NaN are skipped.
	 */
	public RandomForest train(final float[] rows, final int bands, final int[] classes, final float[] weights) {
		final int n = classes.length;
		if (weights != null && weights.length != n) throw new IllegalArgumentException(weights.length + " weights for " + n + " rows");
		final boolean[] ok = finiteRows(rows, bands, n);
		int m = 0;
		for (final boolean b : ok) if (b) m++;
		if (m < 2) throw new IllegalArgumentException("fewer than 2 usable spectra to train the downstream classifier");
		final float[][] features = new float[bands][m];
		final int[] cls = new int[m];
		final float[] w = new float[m];
		for (int i = 0, k = 0; i < n; i++) {
			if (!ok[i]) continue;
			for (int f = 0; f < bands; f++) features[f][k] = rows[i * bands + f];
			w[k] = weights == null ? 1f : weights[i];
			cls[k++] = classes[i];
		}
		return RandomForest.train(new TrainingSet(features, cls, w, classCount()), forest, ProgressListener.NONE);
	}

	/** Balanced accuracy of a forest on rows with known classes (rows with NaN count as wrong). */
	public double balancedAccuracy(final RandomForest rf, final float[] rows, final int bands, final int[] classes) {
		final int n = classes.length, k = classCount();
		final float[] p = new float[n * k];
		final float[] clean = rows.clone();
		final boolean[] ok = finiteRows(rows, bands, n);
		for (int i = 0; i < n; i++) if (!ok[i]) Arrays.fill(clean, i * bands, (i + 1) * bands, 0f);
		rf.predict(clean, n, p);
		final int[] predicted = new int[n];
		for (int i = 0; i < n; i++) {
			int best = 0;
			for (int c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
			predicted[i] = ok[i] ? best : -1;
		}
		return balancedAccuracy(classes, predicted, k);
	}

	/** Mean over the classes present in {@code truth} of the share of their rows predicted correctly. */
	public static double balancedAccuracy(final int[] truth, final int[] predicted, final int classes) {
		final int[] right = new int[classes], all = new int[classes];
		for (int i = 0; i < truth.length; i++) {
			all[truth[i]]++;
			if (predicted[i] == truth[i]) right[truth[i]]++;
		}
		double sum = 0;
		int present = 0;
		for (int c = 0; c < classes; c++)
			if (all[c] > 0) {
				sum += (double) right[c] / all[c];
				present++;
			}
		if (present == 0) throw new IllegalArgumentException("no rows to score");
		return sum / present;
	}

	/**
	 * pi_target(c) / pi_source(c) per source row (class shares counted in the two arrays); a class the target has but
	 * the source lacks cannot be weighted in.
	 */
	static float[] classMixWeights(final int[] sourceClasses, final int[] targetClasses, final int classes) {
		final double[] ns = new double[classes], nt = new double[classes];
		for (final int c : sourceClasses) ns[c]++;
		for (final int c : targetClasses) nt[c]++;
		for (int c = 0; c < classes; c++)
			if (nt[c] > 0 && ns[c] == 0) throw new IllegalArgumentException("tissue class " + c + " is in the target but not in the source table: its share cannot be matched");
		final float[] w = new float[sourceClasses.length];
		for (int i = 0; i < w.length; i++) {
			final int c = sourceClasses[i];
			w[i] = (float) ((nt[c] / targetClasses.length) / (ns[c] / sourceClasses.length));
		}
		return w;
	}

	/**
	 * The class-aware normalisation baseline: per tissue class, the domain normalisation ({@link DomainNormalisation},
	 * L2 + per-band standardisation) fitted on that class's source rows, inverted with the one fitted on its target
	 * rows, and the result L2-normalised again (rows with NaN, and the rows of a class with fewer than 2 usable rows in
	 * either table, stay NaN).
	 */
	static float[] classStandardised(final float[] source, final int[] sourceClasses, final float[] target, final int[] targetClasses,
		final int classes, final int b)
	{
		final float[] out = new float[source.length];
		Arrays.fill(out, Float.NaN);
		for (int c = 0; c < classes; c++) {
			final Spectra s = classRows(source, sourceClasses, c, b), t = classRows(target, targetClasses, c, b);
			if (s.rows() < 2 || t.rows() < 2) continue;
			final DomainNormalisation from = DomainNormalisation.fit(s), to = DomainNormalisation.fit(t);
			final float[] row = new float[b];
			for (int r = 0; r < sourceClasses.length; r++) {
				if (sourceClasses[r] != c) continue;
				System.arraycopy(source, r * b, row, 0, b);
				if (!from.apply(row, 1)[0]) continue;
				to.invert(row, 1);
				if (DomainNormalisation.l2(row, 0, b)) System.arraycopy(row, 0, out, r * b, b);
			}
		}
		return out;
	}

	/** The finite rows of class c. */
	private static Spectra classRows(final float[] rows, final int[] classes, final int c, final int b) {
		int n = 0;
		final boolean[] ok = finiteRows(rows, b, classes.length);
		for (int r = 0; r < classes.length; r++) if (ok[r] &= classes[r] == c) n++;
		final float[] v = new float[n * b];
		for (int r = 0, k = 0; r < classes.length; r++) if (ok[r]) System.arraycopy(rows, r * b, v, (k++) * b, b);
		return new Spectra(v, b, null, "tissue class " + c);
	}

	private static boolean[] finiteRows(final float[] rows, final int bands, final int n) {
		final boolean[] ok = new boolean[n];
		for (int i = 0; i < n; i++) {
			ok[i] = true;
			for (int f = 0; f < bands; f++) if (!Float.isFinite(rows[i * bands + f])) ok[i] = false;
		}
		return ok;
	}
}
