package org.innsight.posterior;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.innsight.io.AtomicFiles;
import org.innsight.posterior.Calibration;
import org.innsight.posterior.ParameterFigures;
import org.innsight.posterior.PixelInspector;
import org.innsight.posterior.ValidationReport;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

/**
 * ImageJ plots of posteriors and of their validation: the pixel inspector's histogram and density per parameter,
 * calibration curves, SBC rank histograms and figures per bin of a grouping column. Shown by the Fiji commands,
 * saved as PNG by the CLI ({@link #savePng}); rendering works headless.
 */
public final class PosteriorPlots {

	private static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
		new Color(0xff7f0e), new Color(0x8c564b) };
	private static final int WIDTH = 560, HEIGHT = 360;

	private PosteriorPlots() {}

	/** The axis label of a parameter: "sO2", "depth [m]" (fractions have unit "1" and need none). */
	static String label(final String name, final String unit) {
		return unit == null || unit.isEmpty() || unit.equals("1") ? name : name + " [" + unit + "]";
	}

	/** Histogram (as a density) and KDE of one parameter's posterior, with its median marked. */
	public static Plot inspection(final PixelInspector.Inspection inspection, final PixelInspector.ParameterPosterior p) {
		final Plot plot = new Plot(p.name() + " posterior at " + inspection.where(), label(p.name(), p.unit()), "density");
		plot.setSize(WIDTH, HEIGHT);
		final int bins = p.histogram().length;
		final double width = p.binEdges()[1] - p.binEdges()[0];
		final double[] centres = new double[bins], heights = new double[bins];
		double max = 0;
		for (int b = 0; b < bins; b++) {
			centres[b] = 0.5 * (p.binEdges()[b] + p.binEdges()[b + 1]);
			heights[b] = p.histogram()[b] / (p.samples().length * width);
			max = Math.max(max, heights[b]);
		}
		plot.setColor(new Color(0xa6c8e8), new Color(0xa6c8e8));
		plot.add("bar", centres, heights);
		if (p.density() != null) {
			plot.setColor(COLOURS[1]);
			plot.setLineWidth(2);
			plot.add("line", p.density().x(), p.density().density());
			for (final double d : p.density().density()) max = Math.max(max, d);
		}
		plot.setColor(Color.BLACK);
		plot.setLineWidth(1);
		plot.drawLine(p.median(), 0, p.median(), max * 1.05);
		final double lo = p.density() != null ? Math.min(p.binEdges()[0], p.density().x()[0]) : p.binEdges()[0];
		final double hi = p.density() != null ? Math.max(p.binEdges()[bins], p.density().x()[p.density().x().length - 1]) : p.binEdges()[bins];
		plot.setLimits(lo, hi, 0, max * 1.1);
		plot.addLegend(String.format(Locale.ROOT, "histogram (%d samples)\ndensity: median %.3g, IQR %.3g, %d mode%s", p.samples().length, p.median(),
			p.iqr(), p.modes(), p.modes() == 1 ? "" : "s"), "top-right");
		return plot;
	}

	/** Coverage of the central q-interval against q, one curve per parameter, and the diagonal of perfect calibration. */
	public static Plot calibration(final ValidationReport report) {
		final Plot plot = new Plot("Calibration of " + report.model(), "central interval q", "coverage of the truth");
		plot.setSize(WIDTH, HEIGHT);
		plot.setLimits(0, 1, 0, 1);
		plot.setColor(Color.GRAY);
		plot.drawLine(0, 0, 1, 1);
		final StringBuilder legend = new StringBuilder();
		for (int j = 0; j < report.parameters().size(); j++) {
			final ParameterFigures f = report.parameters().get(j);
			plot.setColor(COLOURS[j % COLOURS.length]);
			plot.setLineWidth(2);
			plot.add("line", Calibration.LEVELS, f.coverage());
			legend.append(j == 0 ? "" : "\n").append(String.format(Locale.ROOT, "%s (calibration error %.3f)", f.name(), f.calibrationError()));
		}
		plot.setLineWidth(1);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString(), "top-left");
		return plot;
	}

	/** The SBC rank histogram of one parameter, with the count a calibrated model expects. */
	public static Plot ranks(final ValidationReport report, final ParameterFigures f) {
		final Plot plot = new Plot("SBC ranks of " + f.name() + " (" + report.model() + ")", "rank of the truth among " + report.samples() +
			" samples (binned)", "observations");
		plot.setSize(WIDTH, HEIGHT);
		final long[] r = f.ranks();
		final double[] x = new double[r.length], y = new double[r.length];
		double max = 0;
		for (int b = 0; b < r.length; b++) {
			x[b] = (b + 0.5) * (report.samples() + 1.0) / r.length;
			y[b] = r[b];
			max = Math.max(max, r[b]);
		}
		plot.setColor(new Color(0x7fa7d0), new Color(0x7fa7d0));
		plot.add("separated bar", x, y);
		final double expected = (double) f.count() / r.length;
		plot.setColor(COLOURS[1]);
		plot.setLineWidth(2);
		plot.drawLine(0, expected, report.samples() + 1, expected);
		plot.setLimits(0, report.samples() + 1, 0, Math.max(max, expected) * 1.15);
		plot.setColor(Color.BLACK);
		plot.addLabel(0.02, 0.08, String.format(Locale.ROOT, "chi-square %.1f (flat: about %d)", f.rankChiSquare(), r.length - 1));
		return plot;
	}

	/** The median posterior IQR of one parameter per bin of the report's grouping column (units differ between parameters). */
	public static Plot iqrByGroup(final ValidationReport report, final int parameter) {
		final ParameterFigures overall = report.parameters().get(parameter);
		final String unit = report.units() == null ? null : report.units().get(parameter);
		return byGroup(report, "Posterior IQR of " + overall.name() + " by " + report.groupBy() + " (" + report.model() + ")",
			"median IQR of " + label(overall.name(), unit), new int[] { parameter }, true);
	}

	/**
	 * The calibration error of every parameter per bin of the report's grouping column, with the 0.02 target line.
	 * The grouping column's own parameter, if the model estimates it, is left out: inside bins of its true value its
	 * posterior is not meant to be calibrated (see {@link ValidationReport#toText()}).
	 */
	public static Plot calibrationByGroup(final ValidationReport report) {
		final int[] others = java.util.stream.IntStream.range(0, report.parameters().size())
			.filter(j -> !report.parameters().get(j).name().equals(report.groupBy())).toArray();
		return byGroup(report, "Calibration error by " + report.groupBy() + " (" + report.model() + ")", "calibration error", others, false);
	}

	private static Plot byGroup(final ValidationReport report, final String title, final String yLabel, final int[] parameters, final boolean iqr) {
		if (report.groupBy() == null) throw new IllegalArgumentException("the validation was not grouped (no --by column)");
		final Plot plot = new Plot(title, report.groupBy() + " (bin centre)", yLabel);
		plot.setSize(WIDTH, HEIGHT);
		final List<ValidationReport.Group> groups = report.groups().stream().filter(g -> g.rows() > 0).toList();
		final StringBuilder legend = new StringBuilder();
		double max = iqr ? 0 : 0.025;
		for (final int j : parameters) {
			final double[] x = new double[groups.size()], y = new double[groups.size()];
			for (int i = 0; i < groups.size(); i++) {
				final ValidationReport.Group g = groups.get(i);
				x[i] = 0.5 * (g.lower() + g.upper());
				final ParameterFigures f = g.parameters().get(j);
				y[i] = iqr ? f.medianIqr() : f.calibrationError();
				max = Math.max(max, y[i]);
			}
			final Color c = COLOURS[j % COLOURS.length];
			plot.setColor(c, c);
			plot.setLineWidth(2);
			plot.add("connected circle", x, y);
			legend.append(legend.length() == 0 ? "" : "\n").append(report.parameters().get(j).name());
		}
		plot.setLineWidth(1);
		final double lo = groups.get(0).lower(), hi = groups.get(groups.size() - 1).upper();
		if (!iqr) {
			plot.setColor(Color.GRAY);
			plot.drawLine(lo, 0.02, hi, 0.02);
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString(), "top-left");
		plot.setLimits(lo, hi, 0, max * 1.15);
		return plot;
	}

	/** Renders a plot and writes it as PNG, atomically; {@code inputs} are never overwritten. */
	public static void savePng(final Plot plot, final Path file, final Collection<Path> inputs) throws IOException {
		final ImagePlus imp = plot.getImagePlus();
		AtomicFiles.write(file, inputs, tmp -> {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException("cannot write PNG " + file);
		});
	}
}
