package org.innsight.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The downstream figures of several runs (seeds: retrained models or re-splits) as means with 95 % t-intervals,
 * and issue 22's targets checked on the means: transferred at least {@link #GAIN_OVER_STANDARDISED} above the
 * standardised source and at most {@link #GAP_TO_TARGET_TRAINED} below the target-trained classifier.
 */
public record TransferComparison(TransferValidation.Summary standardised, TransferValidation.Summary transferred, TransferValidation.Summary targetTrained, TransferValidation.Summary gain, TransferValidation.Summary gap,
	TransferValidation.Summary classStandardised, TransferValidation.Summary gainOverClassStandardised)
{

	public static final double GAIN_OVER_STANDARDISED = 0.03, GAP_TO_TARGET_TRAINED = 0.02;

	public static TransferComparison of(final List<TransferValidation.Report> reports) {
		final int n = reports.size();
		final double[] std = new double[n], tr = new double[n], up = new double[n], gain = new double[n], gap = new double[n],
			classStd = new double[n], classGain = new double[n];
		boolean perClass = true;
		for (int i = 0; i < n; i++) {
			final TransferValidation.Report r = reports.get(i);
			if (!r.hasDownstream()) throw new IllegalArgumentException("run " + (i + 1) + " has no downstream figures (the parameter column is not in both tables)");
			std[i] = r.accuracyStandardisedOnly();
			tr[i] = r.accuracyTransferred();
			up[i] = r.accuracyTargetTrained();
			gain[i] = tr[i] - std[i];
			gap[i] = up[i] - tr[i];
			classStd[i] = r.accuracyClassStandardised();
			classGain[i] = tr[i] - classStd[i];
			perClass &= Double.isFinite(classStd[i]);
		}
		return new TransferComparison(TransferValidation.Summary.of(std), TransferValidation.Summary.of(tr), TransferValidation.Summary.of(up), TransferValidation.Summary.of(gain), TransferValidation.Summary.of(gap),
			perClass ? TransferValidation.Summary.of(classStd) : null, perClass ? TransferValidation.Summary.of(classGain) : null);
	}

	public boolean gainMet() {
		return gain.mean() >= GAIN_OVER_STANDARDISED;
	}

	public boolean gapMet() {
		return gap.mean() <= GAP_TO_TARGET_TRAINED;
	}

	public boolean meetsTargets() {
		return gainMet() && gapMet();
	}

	public List<String> lines() {
		final List<String> l = new ArrayList<>();
		l.add("over " + gain.n() + " seeds (mean, 95% t-interval):");
		l.add("  standardised source              " + standardised.toString().replace('+', ' '));
		if (classStandardised != null) l.add("  ... standardised per class      " + classStandardised.toString().replace('+', ' '));
		l.add("  transferred source               " + transferred.toString().replace('+', ' '));
		l.add("  target-trained                   " + targetTrained.toString().replace('+', ' '));
		l.add(String.format(Locale.ROOT, "  transferred - standardised      %s  (target >= %+.2f) %s", gain, GAIN_OVER_STANDARDISED, ok(gainMet())));
		if (gainOverClassStandardised != null) l.add("  transferred - per-class std.    " + gainOverClassStandardised + "  (what the network adds to a class-aware normalisation)");
		l.add(String.format(Locale.ROOT, "  target-trained - transferred    %s  (target <= %+.2f) %s", gap, GAP_TO_TARGET_TRAINED, ok(gapMet())));
		l.add(meetsTargets() ? "downstream targets met (on the means)" : "NOT all downstream targets met (on the means)");
		return l;
	}

	private static String ok(final boolean b) {
		return b ? "[ok]" : "[MISSED]";
	}
}
