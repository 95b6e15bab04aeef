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
 * source, the transferred source and (upper bound) the target's training half, all tested on the target test half,
 * in balanced accuracy.</li>
 * </ol>
 * The target table is split in half by seed: training half for the upper bound, test half for MMD and scoring.
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
	}

	/** The measured figures. */
	public record Report(int sourceRows, int targetTrainRows, int targetTestRows, double roundTripSourceMaxError,
		double roundTripTargetMaxError, double bandwidth, int mmdRows, double mmdUntransferred, double mmdStandardisedOnly,
		double mmdTransferred, String task, double accuracyRaw, double accuracyStandardisedOnly, double accuracyTransferred,
		double accuracyTargetTrained)
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
				l.add("downstream: random forest (100 trees) on " + task + ", tested on target data, balanced accuracy:");
				l.add(String.format(Locale.ROOT, "  trained on raw source              %.3f", accuracyRaw));
				l.add(String.format(Locale.ROOT, "  trained on standardised source     %.3f", accuracyStandardisedOnly));
				l.add(String.format(Locale.ROOT, "  trained on transferred source      %.3f  %s", accuracyTransferred, ok(accuracyTransferred > accuracyRaw)));
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
		final DomainNormalisation tn = model.normalisation(DomainConditions.TARGET);
		final int S = DomainConditions.SOURCE, T = DomainConditions.TARGET;
		p.progress(0, 4, "round trip");

		final float[] xs = model.normalise(source, S);
		final float[] xsT = model.transferNormalised(xs, source.rows(), S, T, null);
		final double rtSource = maxAbs(model.transferNormalised(xsT, source.rows(), T, S, null), xs, b);
		final float[] xt = model.normalise(targetTest, T);
		final double rtTarget = maxAbs(model.transferNormalised(model.transferNormalised(xt, targetTest.rows(), T, S, null), targetTest.rows(), S, T, null), xt, b);
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
		final float[] transferred = finite(pick(xsT, sPick, b), b);
		final double sigma = Mmd.medianDistance(tgt, Math.min(1000, tgt.length / b), new float[0], 0, b);
		final double mmdRaw = Mmd.mmd(raw, raw.length / b, tgt, tgt.length / b, b, sigma);
		final double mmdStd = Mmd.mmd(standardisedOnly, standardisedOnly.length / b, tgt, tgt.length / b, b, sigma);
		final double mmdTr = Mmd.mmd(transferred, transferred.length / b, tgt, tgt.length / b, b, sigma);
		p.progress(2, 4, "downstream classifiers");

		String task = null;
		double aRaw = Double.NaN, aStd = Double.NaN, aTr = Double.NaN, aUp = Double.NaN;
		if (sourceTable.hasColumn(o.parameter) && targetTable.hasColumn(o.parameter)) {
			final DownstreamTask d = new DownstreamTask(o.parameter, o.edges, o.trees, o.seed, o.threads);
			task = o.parameter + " in " + d.classCount() + " bins (edges " + Arrays.toString(d.edges()).replaceAll("(\\.\\d{3})\\d+", "$1") + ")";
			final int[] ys = d.classes(sourceTable.column(o.parameter));
			final float[] yAll = targetTable.column(o.parameter);
			final int[] yTrain = d.classes(pickValues(yAll, trainIdx)), yTest = d.classes(pickValues(yAll, testIdx));
			final float[] test = l2(targetTest);
			aRaw = d.balancedAccuracy(d.train(l2(source), b, ys), test, b, yTest);
			final float[] std = toSpectra(xs, tn, b);
			aStd = d.balancedAccuracy(d.train(std, b, ys), test, b, yTest);
			final float[] tr = toSpectra(xsT, tn, b);
			aTr = d.balancedAccuracy(d.train(tr, b, ys), test, b, yTest);
			final RandomForest upper = d.train(l2(targetTrain), b, yTrain);
			aUp = d.balancedAccuracy(upper, test, b, yTest);
		}
		p.progress(4, 4, "done");
		return new Report(source.rows(), targetTrain.rows(), targetTest.rows(), rtSource, rtTarget, sigma, m, mmdRaw, mmdStd, mmdTr, task, aRaw,
			aStd, aTr, aUp);
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

	private static float[] pick(final float[] rows, final int[] idx, final int b) {
		final float[] out = new float[idx.length * b];
		for (int i = 0; i < idx.length; i++) System.arraycopy(rows, idx[i] * b, out, i * b, b);
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
