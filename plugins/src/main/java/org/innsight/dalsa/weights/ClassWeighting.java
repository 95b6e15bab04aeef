package org.innsight.dalsa.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.dalsa.Sampling;

/**
 * DALSA's importance weights, such that they correct <em>where</em> a rater annotated without changing <em>how
 * much</em> each class counts.
 * <p>
 * Method {@code class} (the default): for each class c, a logistic regression tells the annotated voxels of c
 * from voxels drawn uniformly from the scan, each scan voxel counting with its probability pi_c(x) of belonging
 * to c (from a preliminary unweighted forest). Its odds estimate p_scan(x | c) / p_annotated(x | c), the density
 * ratio within the class. The ratio is tempered (raised to the power {@code temper} in [0, 1]: 0 = no weighting,
 * 1 = the full ratio), clipped to [median / clip, median * clip] of the class, and normalised so that the weights of
 * each class average 1: every class keeps the total weight of its annotated voxels, as without weighting.
 * <p>
 * Method {@code global} is the MITK formula, one regression of all annotated voxels against the scan,
 * {@code w = exp(-eta) * n_annotated / n_scan}: it mixes class frequency into the weights, so classes that are
 * rare in the scan but well annotated (a tumour core) are weighted away. Kept for comparison.
 * <p>
 * Either way the effective sample size per class, ESS = (sum w)^2 / sum w^2, tells how many annotated voxels the
 * weighted class is worth; a class whose ESS falls below {@link #COLLAPSE_FRACTION} of its voxels, or whose share of
 * the total weight falls below a tenth of its share of the voxels, is reported as collapsed.
 */
public final class ClassWeighting {

	public static final String CLASS = "class", GLOBAL = "global";
	public static final List<String> METHODS = List.of(CLASS, GLOBAL);
	/** ESS below this fraction of a class's annotated voxels counts as a collapse (warned about). */
	public static final double COLLAPSE_FRACTION = 0.2;
	/** Scan voxels (summed membership) a class needs before its ratio is estimated; below, its weights stay 1. */
	static final double MIN_SCAN_MASS = 20;
	/** Scan voxels of membership below this are left out of a class's regression (they hardly count). */
	static final double MIN_MEMBERSHIP = 0.01;
	private static final double MAX_LOG_RATIO = 30;

	/**
	 * @param method {@link #CLASS} or {@link #GLOBAL}
	 * @param l2 ridge penalty of the regressions (standardised features)
	 * @param temper exponent applied to the class-conditional ratio, 0..1 (method class only)
	 * @param clip largest ratio of a weight to its class median, &gt;= 1 (method class only)
	 * @param maxPositives annotated voxels (per class, or in all for global) the regression is fitted on at most
	 * @param seed of the subset when there are more annotated voxels
	 */
	public record Options(String method, double l2, double temper, double clip, int maxPositives, long seed) {
		public Options {
			if (!METHODS.contains(method)) throw new IllegalArgumentException("weighting method must be one of " + METHODS + ", got " + method);
			if (!(temper >= 0 && temper <= 1)) throw new IllegalArgumentException("weight temper must be in 0..1, got " + temper);
			if (!(clip >= 1 && clip < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("weight clip must be >= 1, got " + clip);
		}
	}

	/**
	 * What the weighting did to one class.
	 *
	 * @param voxels annotated voxels of the class
	 * @param scanMass scan sample voxels that belong to the class (summed membership; NaN for method global)
	 * @param weightSum sum of the class's weights
	 * @param ess effective sample size (sum w)^2 / sum w^2
	 * @param min smallest weight
	 * @param median median weight
	 * @param max largest weight
	 */
	public record ClassStats(int voxels, double scanMass, double weightSum, double ess, double min, double median, double max) {

		public double essFraction() {
			return voxels == 0 ? Double.NaN : ess / voxels;
		}
	}

	/**
	 * @param weights one per annotated voxel, in the order given
	 * @param classes per class index
	 * @param warnings one line per class whose weights collapsed or could not be estimated (empty when all is well)
	 */
	public record Result(float[] weights, List<ClassStats> classes, List<String> warnings) {

		/** min, median, mean, max of all weights. */
		public double[] summary() {
			return ClassWeighting.summary(weights);
		}
	}

	private ClassWeighting() {}

	/**
	 * @param annotated features of the annotated voxels, column-major [feature][voxel]
	 * @param classes class index 0..classCount-1 of each annotated voxel
	 * @param scan features of voxels drawn uniformly from the scan(s), column-major
	 * @param membership [class][scan voxel] probability that a scan voxel belongs to the class (method class; may
	 *        be null for global)
	 * @param classNames for the warnings
	 */
	public static Result weigh(final float[][] annotated, final int[] classes, final int classCount, final float[][] scan, final float[][] membership,
		final List<String> classNames, final Options o, final int threads)
	{
		final int n = classes.length;
		final float[] w = new float[n];
		final double[] scanMass = new double[classCount];
		Arrays.fill(scanMass, Double.NaN);
		final List<String> warnings = new ArrayList<>();
		if (GLOBAL.equals(o.method())) {
			final int[] fitRows = Sampling.subset(Sampling.range(0, n), o.maxPositives(), o.seed());
			final ImportanceWeights.Result r = ImportanceWeights.estimate(Sampling.columns(annotated, fitRows), scan, annotated, o.l2(), threads);
			System.arraycopy(r.weights(), 0, w, 0, n);
		}
		else {
			if (membership == null || membership.length != classCount) throw new IllegalArgumentException("method class needs a membership per class");
			final int scanCount = scan[0].length;
			for (int c = 0; c < classCount; c++) {
				final int[] rows = rowsOf(classes, c);
				if (rows.length == 0) continue;
				int kept = 0;
				double mass = 0;
				for (int s = 0; s < scanCount; s++)
					if (membership[c][s] >= MIN_MEMBERSHIP) {
						kept++;
						mass += membership[c][s];
					}
				scanMass[c] = mass;
				if (mass < MIN_SCAN_MASS || o.temper() == 0) {
					for (final int r : rows) w[r] = 1;
					if (o.temper() > 0)
						warnings.add(String.format(Locale.ROOT, "class %s: only %.1f of %d scan samples look like it; its weights stay 1 (not estimated)",
							classNames.get(c), mass, scanCount));
					continue;
				}
				final int[] negatives = new int[kept];
				final double[] negativeWeights = new double[kept];
				for (int s = 0, k = 0; s < scanCount; s++)
					if (membership[c][s] >= MIN_MEMBERSHIP) {
						negatives[k] = s;
						negativeWeights[k++] = membership[c][s];
					}
				final int[] fitRows = Sampling.subset(rows, o.maxPositives(), o.seed() + c);
				final LogisticRegression model = LogisticRegression.fit(Sampling.columns(annotated, fitRows), Sampling.columns(scan, negatives), negativeWeights, o.l2(),
					threads);
				final double countRatio = fitRows.length / mass;
				final double[] ratio = new double[rows.length];
				for (int i = 0; i < rows.length; i++) {
					final double logRatio = Math.max(-MAX_LOG_RATIO, Math.min(MAX_LOG_RATIO, -model.logit(annotated, rows[i]))) + Math.log(countRatio);
					ratio[i] = Math.exp(o.temper() * logRatio);
				}
				final double[] sorted = ratio.clone();
				Arrays.sort(sorted);
				final double median = sorted[sorted.length / 2], lo = median / o.clip(), hi = median * o.clip();
				double sum = 0;
				for (int i = 0; i < rows.length; i++) {
					ratio[i] = Math.max(lo, Math.min(hi, ratio[i]));
					sum += ratio[i];
				}
				for (int i = 0; i < rows.length; i++) w[rows[i]] = (float) (ratio[i] * rows.length / sum);
			}
		}
		final List<ClassStats> stats = stats(w, classes, classCount, scanMass);
		warnings.addAll(collapses(stats, classNames));
		return new Result(w, stats, warnings);
	}

	/** Per class: voxels, weight sum, ESS, min / median / max weight. */
	public static List<ClassStats> stats(final float[] weights, final int[] classes, final int classCount, final double[] scanMass) {
		final List<ClassStats> out = new ArrayList<>();
		for (int c = 0; c < classCount; c++) {
			final int[] rows = rowsOf(classes, c);
			final float[] cw = new float[rows.length];
			double sum = 0, sumSq = 0;
			for (int i = 0; i < rows.length; i++) {
				cw[i] = weights[rows[i]];
				sum += cw[i];
				sumSq += (double) cw[i] * cw[i];
			}
			final double[] s = rows.length == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN } : summary(cw);
			out.add(new ClassStats(rows.length, scanMass == null ? Double.NaN : scanMass[c], sum, sumSq > 0 ? sum * sum / sumSq : 0, s[0], s[1], s[3]));
		}
		return out;
	}

	/** One warning per class whose ESS or share of the total weight collapsed. */
	public static List<String> collapses(final List<ClassStats> stats, final List<String> classNames) {
		double totalWeight = 0;
		int totalVoxels = 0;
		for (final ClassStats s : stats) {
			totalWeight += s.weightSum();
			totalVoxels += s.voxels();
		}
		final List<String> out = new ArrayList<>();
		for (int c = 0; c < stats.size(); c++) {
			final ClassStats s = stats.get(c);
			if (s.voxels() == 0) continue;
			final double weightShare = s.weightSum() / totalWeight, voxelShare = (double) s.voxels() / totalVoxels;
			if (s.essFraction() < COLLAPSE_FRACTION)
				out.add(String.format(Locale.ROOT, "class %s: effective sample size collapsed to %.1f of %d annotated voxels (%.0f%%)", classNames.get(c),
					s.ess(), s.voxels(), 100 * s.essFraction()));
			else if (weightShare < 0.1 * voxelShare)
				out.add(String.format(Locale.ROOT, "class %s: holds %.2f%% of the total weight but %.1f%% of the annotated voxels (weighted away)",
					classNames.get(c), 100 * weightShare, 100 * voxelShare));
		}
		return out;
	}

	static double[] summary(final float[] weights) {
		final float[] s = weights.clone();
		Arrays.sort(s);
		double sum = 0;
		for (final float v : s) sum += v;
		return new double[] { s[0], s[s.length / 2], sum / s.length, s[s.length - 1] };
	}

	private static int[] rowsOf(final int[] classes, final int c) {
		int count = 0;
		for (final int k : classes) if (k == c) count++;
		final int[] rows = new int[count];
		for (int i = 0, j = 0; i < classes.length; i++) if (classes[i] == c) rows[j++] = i;
		return rows;
	}
}
