package org.innsight.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.forest.RandomForest;
import org.innsight.io.Table;
import org.innsight.progress.ProgressListener;

/**
 * The figures of a transfer model on held-out data of both domains (tables not used in training):
 * <ol>
 * <li>round trip source -> target -> source (and target -> source -> target): max |error| in normalised units;</li>
 * <li>MMD (Gaussian kernel, bandwidth by the median heuristic on the target test rows, fixed once so all comparisons
 * share it; pooling the untransferred source would inflate it by the very domain gap being measured and blunt the
 * kernel), in the target's normalised units, between the target test rows and the
 * source spectra untransferred (L2 + the target's standardisation), standardised per domain only (the network
 * replaced by the identity), and transferred;</li>
 * <li>downstream: a random forest (100 trees) on sO2 bins, trained on the raw source, the per-domain-standardised
 * source, (class-conditioned models) the source standardised per tissue class onto the target's classes, the
 * transferred source and (upper bound) the target's training half, all tested on the target test half, in balanced
 * accuracy.</li>
 * </ol>
 * The target table is split in half by seed: training half for the upper bound, test half for MMD and scoring.
 * A model conditioned on tissue classes takes each row's class from its class column (in both tables).
 * {@link Summary} states a difference over several seeds (retrained models or re-splits) as a mean with a 95 %
 * t-interval; {@link TransferComparison} summarises the downstream figures of several runs.
 */
public final class TransferValidation {

	/** What to measure with. */
	public static final class Options {
		public String bands;
		public String parameter = "sO2";
		public double[] edges = { 1.0 / 3, 2.0 / 3 };
		public int trees = DownstreamTask.DEFAULT_TREES;
		/** Rows per sample in the MMD (O(n^2) kernel sums). */
		public int mmdRows = 1000;
		public long seed = 1;
		public int threads = 0;
		/**
		 * With a class-conditioned model: weight each source row of the downstream forests (raw, standardised and
		 * transferred alike) by pi_target(c) / pi_source(c) of its tissue class c, the target's class shares taken from
		 * its training half, so the forests learn from the target's class mixture. The transfer keeps each row's class,
		 * so without this the transferred source keeps the simulation's mixture.
		 */
		public boolean matchClassMix;
	}

	/** The measured figures. */
	public record Report(int sourceRows, int targetTrainRows, int targetTestRows, double roundTripSourceMaxError,
		double roundTripTargetMaxError, double bandwidth, int mmdRows, double mmdUntransferred, double mmdStandardisedOnly,
		double mmdTransferred, String task, double accuracyRaw, double accuracyStandardisedOnly, double accuracyTransferred,
		double accuracyTargetTrained, boolean classMixMatched, double accuracyClassStandardised, int ensembleSize)
	{
		public static final double ROUND_TRIP_TARGET = 1e-4;
		public static final double MMD_REDUCTION_TARGET = 0.5;

		public double roundTripMaxError() {
			return Math.max(roundTripSourceMaxError, roundTripTargetMaxError);
		}

		/** 1 - MMD(transferred) / MMD(untransferred). */
		public double mmdReduction() {
			return 1 - mmdTransferred / mmdUntransferred;
		}

		public boolean hasDownstream() {
			return task != null;
		}

		public boolean meetsTargets() {
			return roundTripMaxError() <= ROUND_TRIP_TARGET && mmdReduction() >= MMD_REDUCTION_TARGET &&
				(!hasDownstream() || accuracyTransferred > accuracyRaw);
		}

		public List<String> lines() {
			final List<String> l = new ArrayList<>();
			l.add(String.format(Locale.ROOT, "held-out rows: source %d, target %d (classifier training) + %d (test)", sourceRows, targetTrainRows, targetTestRows));
			l.add(String.format(Locale.ROOT, "round trip source->target->source: max |error| %.3g (normalised units; target <= %.0e) %s",
				roundTripSourceMaxError, ROUND_TRIP_TARGET, ok(roundTripSourceMaxError <= ROUND_TRIP_TARGET)));
			l.add(String.format(Locale.ROOT, "round trip target->source->target: max |error| %.3g %s", roundTripTargetMaxError,
				ok(roundTripTargetMaxError <= ROUND_TRIP_TARGET)));
			l.add(String.format(Locale.ROOT, "MMD to the target test rows (Gaussian kernel, sigma %.4f = median distance among the target rows, unbiased, sqrt(max(0, MMD^2)), %d rows each):", bandwidth, mmdRows));
			l.add(String.format(Locale.ROOT, "  untransferred source      %.4f", mmdUntransferred));
			l.add(String.format(Locale.ROOT, "  per-domain standardised   %.4f  (network replaced by the identity)", mmdStandardisedOnly));
			l.add(String.format(Locale.ROOT, "  transferred source        %.4f  reduction %.1f%% (target >= %.0f%%) %s", mmdTransferred, 100 * mmdReduction(),
				100 * MMD_REDUCTION_TARGET, ok(mmdReduction() >= MMD_REDUCTION_TARGET)));
			if (hasDownstream()) {
				l.add("downstream: random forest (100 trees) on " + task + ", tested on target data, balanced accuracy" +
					(classMixMatched ? " (source rows weighted to the target's tissue-class mixture)" : "") + ":");
				l.add(String.format(Locale.ROOT, "  trained on raw source              %.3f", accuracyRaw));
				l.add(String.format(Locale.ROOT, "  trained on standardised source     %.3f", accuracyStandardisedOnly));
				if (Double.isFinite(accuracyClassStandardised))
					l.add(String.format(Locale.ROOT, "  ... standardised per tissue class  %.3f  (each class's band means and sds mapped onto the target's: no network)",
						accuracyClassStandardised));
				l.add(String.format(Locale.ROOT, "  trained on transferred source      %.3f  %s%s", accuracyTransferred, ok(accuracyTransferred > accuracyRaw),
					ensembleSize > 1 ? "  (every source row transferred by each of " + ensembleSize + " models)" : ""));
				l.add(String.format(Locale.ROOT, "  trained on target (upper bound)    %.3f", accuracyTargetTrained));
			}
			else l.add("downstream: skipped (the parameter column to bin is not in both tables)");
			l.add(meetsTargets() ? "all targets met" : "NOT all targets met");
			return l;
		}

		private static String ok(final boolean b) {
			return b ? "[ok]" : "[MISSED]";
		}
	}

	private TransferValidation() {}

	public static Report run(final TransferModel model, final Table sourceTable, final Table targetTable, final Options o,
		final ProgressListener progress)
	{
		return run(List.of(model), sourceTable, targetTable, o, progress);
	}

	/**
	 * An ensemble of transfer models (independently trained on the same domains, e.g. with other seeds): every source
	 * row is transferred by each, and the downstream forest learns from all those copies (K x the source rows), so no
	 * single model's way of matching the domains decides. The baselines (raw, standardised, per class) and the
	 * untransferred MMD use the first model's normalisation; the round trip is the worst over the models; the
	 * transferred MMD is on rows drawn from all models' transfers. One model: exactly {@link #run(TransferModel, Table,
	 * Table, Options, ProgressListener)}.
	 */
	public static Report run(final List<TransferModel> models, final Table sourceTable, final Table targetTable, final Options o,
		final ProgressListener progress)
	{
		if (models.isEmpty()) throw new IllegalArgumentException("no transfer model to validate");
		final TransferModel model = models.get(0);
		for (final TransferModel other : models)
			if (other.bands() != model.bands() || other.conditions().classes() != model.conditions().classes() ||
				!java.util.Objects.equals(other.classColumn(), model.classColumn()))
				throw new IllegalArgumentException("the models of an ensemble must share bands, tissue classes and class column: " + model.bands() + " bands, " +
					model.conditions().classes() + " classes ('" + model.classColumn() + "') vs " + other.bands() + ", " + other.conditions().classes() + " ('" +
					other.classColumn() + "')");
		final int k = models.size();
		final ProgressListener p = progress == null ? ProgressListener.NONE : progress;
		final Spectra source = SpectraSources.fromTable(sourceTable, o.bands);
		final Spectra targetAll = SpectraSources.fromTable(targetTable, o.bands);
		final int b = model.bands();
		for (final Spectra s : List.of(source, targetAll))
			if (s.bands() != b) throw new IllegalArgumentException(s.source() + " has " + s.bands() + " bands, the model expects " + b);
		final int[] order = Spectra.shuffled(targetAll.rows(), o.seed);
		final int half = targetAll.rows() / 2;
		if (half < 2 || source.rows() < 4) throw new IllegalArgumentException("validation needs at least 4 rows per table");
		final int[] trainIdx = Arrays.copyOfRange(order, 0, half), testIdx = Arrays.copyOfRange(order, half, targetAll.rows());
		final Spectra targetTrain = targetAll.rows(trainIdx), targetTest = targetAll.rows(testIdx);
		int[] sourceClasses = null, targetTestClasses = null, targetTrainClasses = null;
		if (model.conditions().classes() > 0) {
			final String col = model.classColumn();
			for (final Table t : List.of(sourceTable, targetTable))
				if (col == null || !t.hasColumn(col)) throw new IllegalArgumentException(t.source() + " has no tissue class column '" + col +
					"'; this transfer is conditioned on " + model.conditions().classes() + " tissue classes and needs each row's class");
			sourceClasses = checkedClasses(sourceTable, col, model.conditions().classes());
			final int[] all = checkedClasses(targetTable, col, model.conditions().classes());
			targetTestClasses = pickClasses(all, testIdx);
			targetTrainClasses = pickClasses(all, trainIdx);
		}
		if (o.matchClassMix && sourceClasses == null)
			throw new IllegalArgumentException("matching the tissue-class mixture needs a class-conditioned transfer model; this one is conditioned on the domain only");
		final float[] sourceWeights = o.matchClassMix ? DownstreamTask.classMixWeights(sourceClasses, targetTrainClasses, model.conditions().classes()) : null;
		final DomainNormalisation tn = model.normalisation(DomainConditions.TARGET);
		final int S = DomainConditions.SOURCE, T = DomainConditions.TARGET;
		p.progress(0, 4, "round trip");

		final float[] xs = model.normalise(source, S);
		final float[] xt = model.normalise(targetTest, T);
		// per model: the transferred source in its own normalised units, and as unit-length target spectra
		final float[][] xsT = new float[k][], trSpectra = new float[k][];
		double rtSource = 0, rtTarget = 0;
		for (int i = 0; i < k; i++) {
			final TransferModel mi = models.get(i);
			final float[] xsi = i == 0 ? xs : mi.normalise(source, S), xti = i == 0 ? xt : mi.normalise(targetTest, T);
			xsT[i] = mi.transferNormalised(xsi, source.rows(), S, T, sourceClasses);
			trSpectra[i] = toSpectra(xsT[i], mi.normalisation(T), b);
			rtSource = Math.max(rtSource, maxAbs(mi.transferNormalised(xsT[i], source.rows(), T, S, sourceClasses), xsi, b));
			rtTarget = Math.max(rtTarget, maxAbs(mi.transferNormalised(mi.transferNormalised(xti, targetTest.rows(), T, S, targetTestClasses),
				targetTest.rows(), S, T, targetTestClasses), xti, b));
		}
		p.progress(1, 4, "MMD");

		// MMD in the target's normalised units, on subsamples of held-out rows
		final int m = Math.min(o.mmdRows, Math.min(source.rows(), targetTest.rows()));
		final int[] sPick = Arrays.copyOf(Spectra.shuffled(source.rows(), o.seed + 1), m);
		final int[] tPick = Arrays.copyOf(Spectra.shuffled(targetTest.rows(), o.seed + 2), m);
		final float[] tgt = finite(pick(xt, tPick, b), b);
		final float[] untransferred = source.values().clone();
		tn.apply(untransferred, source.rows());
		final float[] raw = finite(pick(untransferred, sPick, b), b);
		final float[] standardisedOnly = finite(pick(xs, sPick, b), b);
		final float[] transferred = finite(k == 1 ? pick(xsT[0], sPick, b) : pickEnsemble(xsT[0], trSpectra, tn, sPick, o.seed + 3, b), b);
		final double sigma = Mmd.medianDistance(tgt, Math.min(1000, tgt.length / b), new float[0], 0, b);
		final double mmdRaw = Mmd.mmd(raw, raw.length / b, tgt, tgt.length / b, b, sigma);
		final double mmdStd = Mmd.mmd(standardisedOnly, standardisedOnly.length / b, tgt, tgt.length / b, b, sigma);
		final double mmdTr = Mmd.mmd(transferred, transferred.length / b, tgt, tgt.length / b, b, sigma);
		p.progress(2, 4, "downstream classifiers");

		String task = null;
		double aRaw = Double.NaN, aStd = Double.NaN, aTr = Double.NaN, aUp = Double.NaN, aClassStd = Double.NaN;
		if (sourceTable.hasColumn(o.parameter) && targetTable.hasColumn(o.parameter)) {
			final DownstreamTask d = new DownstreamTask(o.parameter, o.edges, o.trees, o.seed, o.threads);
			task = o.parameter + " in " + d.classCount() + " bins (edges " + Arrays.toString(d.edges()).replaceAll("(\\.\\d{3})\\d+", "$1") + ")";
			final int[] ys = d.classes(sourceTable.column(o.parameter));
			final float[] yAll = targetTable.column(o.parameter);
			final int[] yTrain = d.classes(pickValues(yAll, trainIdx)), yTest = d.classes(pickValues(yAll, testIdx));
			final float[] test = l2(targetTest);
			aRaw = d.balancedAccuracy(d.train(l2(source), b, ys, sourceWeights), test, b, yTest);
			final float[] std = toSpectra(xs, tn, b);
			aStd = d.balancedAccuracy(d.train(std, b, ys, sourceWeights), test, b, yTest);
			aTr = d.balancedAccuracy(d.train(concat(trSpectra), b, repeat(ys, k), sourceWeights == null ? null : repeat(sourceWeights, k)), test, b, yTest);
			if (sourceClasses != null) {
				final float[] perClass = DownstreamTask.classStandardised(l2(source), sourceClasses, l2(targetTrain), targetTrainClasses, model.conditions().classes(), b);
				aClassStd = d.balancedAccuracy(d.train(perClass, b, ys, sourceWeights), test, b, yTest);
			}
			final RandomForest upper = d.train(l2(targetTrain), b, yTrain);
			aUp = d.balancedAccuracy(upper, test, b, yTest);
		}
		p.progress(4, 4, "done");
		return new Report(source.rows(), targetTrain.rows(), targetTest.rows(), rtSource, rtTarget, sigma, m, mmdRaw, mmdStd, mmdTr, task, aRaw,
			aStd, aTr, aUp, sourceWeights != null, aClassStd, k);
	}

	private static int[] checkedClasses(final Table t, final String column, final int classes) {
		final int[] c = SpectraSources.classes(t, column);
		for (int i = 0; i < c.length; i++)
			if (c[i] >= classes) throw new IllegalArgumentException(t.source() + ": tissue class column '" + column + "' row " + i + " holds " + c[i] +
				"; the model knows classes 0.." + (classes - 1));
		return c;
	}

	/** A figure over several seeds: mean and 95 % t-interval (Student's t, n - 1 degrees of freedom). */
	public record Summary(int n, double mean, double sd, double halfWidth) {

		public static Summary of(final double[] values) {
			final int n = values.length;
			if (n < 1) throw new IllegalArgumentException("no values to summarise");
			double mean = 0;
			for (final double v : values) mean += v;
			mean /= n;
			double ss = 0;
			for (final double v : values) ss += (v - mean) * (v - mean);
			final double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
			return new Summary(n, mean, sd, n > 1 ? t975(n - 1) * sd / Math.sqrt(n) : Double.NaN);
		}

		public double low() {
			return mean - halfWidth;
		}

		public double high() {
			return mean + halfWidth;
		}

		@Override
		public String toString() {
			return n > 1 ? String.format(Locale.ROOT, "%+.3f  95%% CI [%+.3f, %+.3f]  (sd %.3f, n %d)", mean, low(), high(), sd, n)
				: String.format(Locale.ROOT, "%+.3f  (one seed: no interval)", mean);
		}
	}

	/** The 97.5 % quantile of Student's t with df degrees of freedom (tabulated to 30, then the normal's 1.96 + a 1/df term). */
	public static double t975(final int df) {
		final double[] t = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
			2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042 };
		if (df < 1) throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
		return df <= t.length ? t[df - 1] : 1.95996 + 2.4 / df;
	}

	/** Normalised units -> unit-length spectra of the target domain (as {@link TransferModel#transfer} returns them). */
	private static float[] toSpectra(final float[] normalised, final DomainNormalisation target, final int b) {
		final float[] v = normalised.clone();
		target.invert(v, v.length / b);
		for (int r = 0; r < v.length / b; r++) DomainNormalisation.l2(v, r * b, b);
		return v;
	}

	/** L2-normalised copy (rows that cannot be normalised become NaN). */
	static float[] l2(final Spectra s) {
		final float[] v = s.values().clone();
		final int b = s.bands();
		for (int r = 0; r < s.rows(); r++)
			if (!DomainNormalisation.l2(v, r * b, b)) Arrays.fill(v, r * b, (r + 1) * b, Float.NaN);
		return v;
	}

	/** Max |a - b| over rows where both are finite. */
	static double maxAbs(final float[] a, final float[] ref, final int b) {
		double max = 0;
		for (int r = 0; r < ref.length / b; r++) {
			boolean finite = true;
			for (int j = 0; j < b; j++) finite &= Float.isFinite(ref[r * b + j]) && Float.isFinite(a[r * b + j]);
			if (!finite) continue;
			for (int j = 0; j < b; j++) max = Math.max(max, Math.abs(a[r * b + j] - ref[r * b + j]));
		}
		return max;
	}

	/**
	 * The rows idx of the transferred source, each from a model drawn by the seed, in the first model's target units
	 * (model 0's rows as they are, the others' unit-length spectra normalised with {@code firstTarget}).
	 */
	private static float[] pickEnsemble(final float[] first, final float[][] spectra, final DomainNormalisation firstTarget, final int[] idx,
		final long seed, final int b)
	{
		final java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
		final float[] out = new float[idx.length * b];
		for (int i = 0; i < idx.length; i++) {
			final int model = rnd.nextInt(spectra.length);
			if (model == 0) System.arraycopy(first, idx[i] * b, out, i * b, b);
			else {
				final float[] row = Arrays.copyOfRange(spectra[model], idx[i] * b, (idx[i] + 1) * b);
				firstTarget.apply(row, 1);
				System.arraycopy(row, 0, out, i * b, b);
			}
		}
		return out;
	}

	private static float[] concat(final float[][] parts) {
		if (parts.length == 1) return parts[0];
		int n = 0;
		for (final float[] a : parts) n += a.length;
		final float[] out = new float[n];
		int o = 0;
		for (final float[] a : parts) {
			System.arraycopy(a, 0, out, o, a.length);
			o += a.length;
		}
		return out;
	}

	private static int[] repeat(final int[] v, final int times) {
		if (times == 1) return v;
		final int[] out = new int[v.length * times];
		for (int t = 0; t < times; t++) System.arraycopy(v, 0, out, t * v.length, v.length);
		return out;
	}

	private static float[] repeat(final float[] v, final int times) {
		if (times == 1) return v;
		final float[] out = new float[v.length * times];
		for (int t = 0; t < times; t++) System.arraycopy(v, 0, out, t * v.length, v.length);
		return out;
	}

	private static float[] pick(final float[] rows, final int[] idx, final int b) {
		final float[] out = new float[idx.length * b];
		for (int i = 0; i < idx.length; i++) System.arraycopy(rows, idx[i] * b, out, i * b, b);
		return out;
	}

	private static int[] pickClasses(final int[] v, final int[] idx) {
		final int[] out = new int[idx.length];
		for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
		return out;
	}

	private static float[] pickValues(final float[] v, final int[] idx) {
		final float[] out = new float[idx.length];
		for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
		return out;
	}

	/** Only the rows without NaN. */
	private static float[] finite(final float[] rows, final int b) {
		final SpectraSources.FloatList out = new SpectraSources.FloatList();
		final float[] row = new float[b];
		outer: for (int r = 0; r < rows.length / b; r++) {
			for (int j = 0; j < b; j++) if (!Float.isFinite(row[j] = rows[r * b + j])) continue outer;
			out.add(row);
		}
		return out.toArray();
	}
}
