package org.innsight.plots;

import java.awt.Color;
import java.util.Locale;

import org.innsight.ood.OodValidation;

import ij.gui.Plot;

/**
 * The ROC plot of an OOD model's validation ({@link OodValidation.Report}): one curve per score (the ensemble's WAIC
 * and the plain likelihoods it is compared with), AUROC in the legend, the diagonal of a score that cannot tell the
 * sets apart. Drawing only; shown by {@code Validate OOD Model}, saved as PNG by {@code innsight validate-ood}
 * through {@link PosteriorPlots#savePng}.
 */
public final class OodPlots {

	private static final Color[] COLOURS = { new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd) };

	private OodPlots() {}

	public static Plot roc(final OodValidation.Report report, final String title) {
		final Plot plot = new Plot(title, "false-positive rate (in-distribution flagged)", "true-positive rate (OOD flagged)");
		plot.setSize(560, 520);
		plot.setLimits(0, 1, 0, 1);
		plot.setColor(Color.GRAY);
		plot.drawDottedLine(0, 0, 1, 1, 4);
		final StringBuilder legend = new StringBuilder();
		int k = 0;
		for (final OodValidation.Method m : report.methods()) {
			final double[][] pts = m.roc().curve();
			final double[] x = new double[pts.length], y = new double[pts.length];
			for (int i = 0; i < pts.length; i++) {
				x[i] = pts[i][0];
				y[i] = pts[i][1];
			}
			plot.setColor(COLOURS[k % COLOURS.length]);
			plot.setLineWidth(2);
			plot.add("line", x, y);
			legend.append(k == 0 ? "" : "\n").append(String.format(Locale.ROOT, "%s  AUROC %.3f", m.name(), m.auroc()));
			k++;
		}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString(), "bottom-right");
		return plot;
	}
}
