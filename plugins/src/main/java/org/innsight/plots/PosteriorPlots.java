package org.innsight.plots;

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
import org.innsight.posterior.RankEcdf;
import org.innsight.posterior.ValidationReport;
import org.innsight.posterior.ZContraction;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

/**
 * ImageJ plots of posteriors and of their validation: the pixel inspector's histogram and density per parameter,
 * calibration curves, SBC rank histograms, rank ECDF differences with their simultaneous band, z-score against
 * contraction, re-simulation errors and figures per bin of a grouping column. Drawing only: every number comes from
 * the posterior package's records ({@link ValidationReport}, {@link PixelInspector.Inspection}). Shown by the Fiji
 * commands, saved as PNG by the CLI ({@link #savePng}, for any plot, {@link OodPlots}' too); rendering works headless.
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

	/** The SBC rank ECDF minus the uniform CDF of one parameter, with its simultaneous 95% band (see {@link RankEcdf}). */
	public static Plot rankEcdf(final ValidationReport report, final ParameterFigures f) {
		final RankEcdf e = f.ecdf();
		final Plot plot = new Plot("Rank ECDF of " + f.name() + " (" + report.model() + ")", "fractional rank of the truth", "ECDF - uniform CDF");
		plot.setSize(WIDTH, HEIGHT);
		double extent = 0;
		for (int i = 0; i < e.z().length; i++)
			extent = Math.max(extent, Math.max(Math.abs(e.difference()[i]), Math.max(Math.abs(e.lower()[i]), Math.abs(e.upper()[i]))));
		final double[] x = withEnds(e.z(), 0, 1);
		plot.setColor(e.outside() == 0 ? COLOURS[0] : COLOURS[1]);
		plot.setLineWidth(2);
		plot.add("line", x, withEnds(e.difference(), 0, 0));
		plot.setColor(Color.GRAY);
		plot.setLineWidth(1);
		plot.add("line", x, withEnds(e.lower(), 0, 0));
		plot.add("line", x, withEnds(e.upper(), 0, 0));
		plot.drawLine(0, 0, 1, 0);
		extent = Math.max(extent, 0.01);
		plot.setLimits(0, 1, -extent * 1.2, extent * 1.2);
		plot.setColor(Color.BLACK);
		plot.addLegend(String.format(Locale.ROOT, "%s: %d of %d points outside the band\nsimultaneous 95%% band for %d ranks", f.name(), e.outside(),
			e.z().length, f.count()), "top-right");
		return plot;
	}

	/** Posterior z-score against posterior contraction, one point per observation, with |z| = 2 marked. */
	public static Plot zContraction(final ValidationReport report, final ParameterFigures f) {
		final ZContraction s = f.scatter();
		final Plot plot = new Plot("z-score vs contraction of " + f.name() + " (" + report.model() + ")", "posterior contraction 1 - var_post / var_prior",
			"posterior z-score (mean - truth) / sd");
		plot.setSize(WIDTH, HEIGHT);
		final double[] x = finite(s.contraction(), s.z(), true), y = finite(s.contraction(), s.z(), false);
		double lo = 0, zmax = 3;
		for (int i = 0; i < x.length; i++) {
			lo = Math.min(lo, x[i]);
			zmax = Math.max(zmax, Math.abs(y[i]));
		}
		plot.setColor(Color.GRAY);
		plot.drawLine(lo, 2, 1, 2);
		plot.drawLine(lo, -2, 1, -2);
		plot.setColor(Color.LIGHT_GRAY);
		plot.drawLine(lo, 0, 1, 0);
		plot.setColor(COLOURS[0], COLOURS[0]);
		plot.add("dot", x, y);
		plot.setLimits(lo, 1, -zmax * 1.05, zmax * 1.05);
		plot.setColor(Color.BLACK);
		plot.addLabel(0.02, 0.08, String.format(Locale.ROOT, "%s: %d observations, mean contraction %.3f, z sd %.2f", f.name(), x.length,
			f.contraction(), f.zSd()));
		return plot;
	}

	/**
	 * The cumulative distribution over observations of the re-simulation error of posterior samples and of its noise
	 * floor (the truth's own error, camera noise alone). Curves close together: the posterior explains the
	 * observations as well as the truth does. Null when nothing was re-simulated.
	 */
	public static Plot resimulation(final ValidationReport report) {
		final ValidationReport.ResimulationErrors r = report.resimulationErrors();
		if (r == null) return null;
		final Plot plot = new Plot("Re-simulation error (" + report.model() + ")", "relative error ||y_sim - y_obs|| / ||y_obs||",
			"fraction of observations");
		plot.setSize(WIDTH, HEIGHT);
		final double[] e = sortedFinite(r.error()), f = sortedFinite(r.noiseFloor());
		double hi = 0;
		for (final double v : e) hi = Math.max(hi, v);
		for (final double v : f) hi = Math.max(hi, v);
		plot.setLineWidth(2);
		plot.setColor(COLOURS[0]);
		plot.add("line", e, cumulative(e.length));
		plot.setColor(Color.GRAY);
		plot.add("line", f, cumulative(f.length));
		plot.setLineWidth(1);
		plot.setLimits(0, hi * 1.05, 0, 1);
		plot.setColor(Color.BLACK);
		plot.addLegend(String.format(Locale.ROOT, "posterior samples (median %.4f)\nnoise floor: the truth (median %.4f)", report.resimulation()[0],
			report.resimulation()[2]), "bottom-right");
		return plot;
	}

	private static double[] withEnds(final double[] v, final double first, final double last) {
		final double[] out = new double[v.length + 2];
		out[0] = first;
		System.arraycopy(v, 0, out, 1, v.length);
		out[out.length - 1] = last;
		return out;
	}

	/** The x (or y) of the points whose contraction and z are both finite. */
	private static double[] finite(final float[] x, final float[] y, final boolean wantX) {
		final double[] out = new double[x.length];
		int n = 0;
		for (int i = 0; i < x.length; i++) if (Float.isFinite(x[i]) && Float.isFinite(y[i])) out[n++] = wantX ? x[i] : y[i];
		return java.util.Arrays.copyOf(out, n);
	}

	private static double[] sortedFinite(final float[] v) {
		final double[] out = new double[v.length];
		int n = 0;
		for (final float x : v) if (Float.isFinite(x)) out[n++] = x;
		final double[] s = java.util.Arrays.copyOf(out, n);
		java.util.Arrays.sort(s);
		return s;
	}

	private static double[] cumulative(final int n) {
		final double[] y = new double[n];
		for (int i = 0; i < n; i++) y[i] = (i + 1.0) / n;
		return y;
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

	/** Renders a plot (any of this package's) and writes it as PNG, atomically; {@code inputs} are never overwritten. */
	public static void savePng(final Plot plot, final Path file, final Collection<Path> inputs) throws IOException {
		final ImagePlus imp = plot.getImagePlus();
		AtomicFiles.write(file, inputs, tmp -> {
			if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException("cannot write PNG " + file);
		});
	}
}
