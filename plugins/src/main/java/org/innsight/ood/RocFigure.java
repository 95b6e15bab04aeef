package org.innsight.ood;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import javax.imageio.ImageIO;

/** A ROC plot (PNG) of the scores of an {@link OodValidation.Report}: one curve per score, AUROC in the legend. */
public final class RocFigure {

	private static final Color[] COLOURS = { new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD) };
	private static final int W = 560, H = 520, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 60;

	private RocFigure() {}

	/** Draws the figure; works headless (no window system needed). */
	public static BufferedImage draw(final OodValidation.Report report, final String title) {
		final BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = img.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, W, H);
			final int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
			g.setColor(new Color(0xDDDDDD));
			for (int i = 1; i < 10; i++) {
				g.drawLine(LEFT + pw * i / 10, TOP, LEFT + pw * i / 10, TOP + ph);
				g.drawLine(LEFT, TOP + ph * i / 10, LEFT + pw, TOP + ph * i / 10);
			}
			g.setColor(Color.GRAY);
			g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 4f, 4f }, 0f));
			g.drawLine(LEFT, TOP + ph, LEFT + pw, TOP);
			g.setStroke(new BasicStroke(1f));
			g.setColor(Color.BLACK);
			g.drawRect(LEFT, TOP, pw, ph);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			for (int i = 0; i <= 10; i += 2) {
				final String s = String.format(Locale.ROOT, "%.1f", i / 10.0);
				g.drawString(s, LEFT + pw * i / 10 - 8, TOP + ph + 16);
				g.drawString(s, LEFT - 28, TOP + ph - ph * i / 10 + 4);
			}
			g.drawString("false-positive rate (in-distribution flagged)", LEFT + pw / 2 - 130, H - 18);
			final var saved = g.getTransform();
			g.rotate(-Math.PI / 2);
			g.drawString("true-positive rate (OOD flagged)", -(TOP + ph / 2 + 95), 20);
			g.setTransform(saved);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
			g.drawString(title, LEFT, TOP - 14);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			int k = 0;
			for (final OodValidation.Method m : report.methods()) {
				final Color c = COLOURS[k % COLOURS.length];
				final double[][] pts = m.roc().curve();
				final Path2D.Double path = new Path2D.Double();
				for (int i = 0; i < pts.length; i++) {
					final double x = LEFT + pts[i][0] * pw, y = TOP + ph - pts[i][1] * ph;
					if (i == 0) path.moveTo(x, y);
					else path.lineTo(x, y);
				}
				g.setColor(c);
				g.setStroke(new BasicStroke(2f));
				g.draw(path);
				g.fillRect(LEFT + pw - 215, TOP + ph - 20 - 18 * (report.methods().size() - k), 14, 4);
				g.setColor(Color.BLACK);
				g.drawString(String.format(Locale.ROOT, "%s  AUROC %.3f", m.name(), m.auroc()), LEFT + pw - 196,
					TOP + ph - 14 - 18 * (report.methods().size() - k));
				k++;
			}
		}
		finally {
			g.dispose();
		}
		return img;
	}

	/** Writes the figure as PNG. */
	public static void writePng(final OodValidation.Report report, final String title, final OutputStream out) throws IOException {
		if (!ImageIO.write(draw(report, title), "png", out)) throw new IOException("no PNG writer in this Java");
	}
}
