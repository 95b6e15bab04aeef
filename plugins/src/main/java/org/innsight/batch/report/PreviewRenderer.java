package org.innsight.batch.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

/**
 * A small PNG that shows what an image looks like, for the batch report: the mean over all planes (a
 * spectral cube's overall brightness), shrunk to at most {@link #SIZE} pixels per side by block averaging,
 * auto-contrasted to the 0.5-99.5 percentiles of its finite pixels, coloured with viridis, NaN/infinite pixels
 * grey (images smaller than {@link #MIN_SIZE} enlarged by whole pixels), and a colour bar with the value range
 * on the right, named by the image's parameter and value unit (its {@code parameter} property and calibration, as
 * the posterior maps carry them: {@code sO2 [1]}), so a preview reads on its own. RGB images are shown as they are,
 * without a bar.
 * Needs no display ({@code java.awt.headless=true} is fine).
 */
public final class PreviewRenderer {

	/** Longest side of the image part of a preview, in pixels. */
	public static final int SIZE = 160;
	/** Colour of pixels that are NaN or infinite. */
	public static final Color NOT_FINITE = new Color(128, 128, 128);

	/** Images smaller than this are enlarged by whole pixels, so a 16 x 16 scan is still visible. */
	public static final int MIN_SIZE = 96;

	private static final int GAP = 6, BAR = 12, LABELS = 64, MIN_HEIGHT = 64;

	private PreviewRenderer() {}

	/** The preview as PNG bytes. */
	public static byte[] png(final ImagePlus imp) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(render(imp), "png", out)) throw new IOException("no PNG writer available");
		return out.toByteArray();
	}

	public static BufferedImage render(final ImagePlus imp) {
		final int w = imp.getWidth(), h = imp.getHeight();
		final int block = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) SIZE));
		final int pw = (w + block - 1) / block, ph = (h + block - 1) / block;
		if (imp.getBitDepth() == 24) return rgb(imp, pw, ph);
		final float[] small = shrink(meanOverPlanes(imp), w, h, block, pw, ph);
		final float[] finite = finiteSorted(small);
		final int zoom = Math.max(1, MIN_SIZE / Math.max(pw, ph));
		final int iw = pw * zoom, ih = ph * zoom;
		final double lo = finite.length == 0 ? 0 : percentile(finite, 0.005);
		final double hi = finite.length == 0 ? 1 : percentile(finite, 0.995);
		final int height = Math.max(ih, MIN_HEIGHT);
		final BufferedImage bi = new BufferedImage(iw + GAP + BAR + LABELS, height, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = bi.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, bi.getWidth(), height);
		for (int y = 0; y < ih; y++)
			for (int x = 0; x < iw; x++) {
				final float v = small[y / zoom * pw + x / zoom];
				bi.setRGB(x, y, Float.isFinite(v) ? Viridis.rgb(hi > lo ? (v - lo) / (hi - lo) : 0) : NOT_FINITE.getRGB());
			}
		for (int y = 0; y < height; y++) { // colour bar: high values at the top
			final int c = Viridis.rgb(1 - y / (double) Math.max(1, height - 1));
			for (int x = 0; x < BAR; x++)
				bi.setRGB(iw + GAP + x, y, c);
		}
		labels(g, iw + GAP + BAR + 3, height, finite.length == 0 ? "all NaN" : format(hi), finite.length == 0 ? "" : format(lo), quantity(imp));
		g.dispose();
		return bi;
	}

	/** Draws the range; a machine without fonts still gets the picture, just without numbers. */
	private static void labels(final Graphics2D g, final int x, final int height, final String top, final String bottom, final String quantity) {
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
			g.drawString(top, x, 10);
			g.drawString(bottom, x, height - 2);
			if (!quantity.isEmpty()) g.drawString(quantity, x, height / 2 + 4);
		}
		catch (final RuntimeException | Error e) {
			// no usable font on this machine (headless server without fontconfig): leave the labels out
		}
	}

	/** What the values are: {@code parameter [unit]}, either part when the image says it; empty when it says neither. */
	static String quantity(final ImagePlus imp) {
		final String parameter = imp.getProp("parameter");
		final String unit = imp.getCalibration().getValueUnit();
		final boolean hasUnit = unit != null && !unit.isBlank() && !unit.equals("Gray Value");
		final String name = parameter == null || parameter.isBlank() ? "" : parameter.strip();
		return hasUnit ? (name.isEmpty() ? "[" + unit + "]" : name + " [" + unit + "]") : name;
	}

	static float[] meanOverPlanes(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		final int n = imp.getWidth() * imp.getHeight();
		final double[] sum = new double[n];
		final int[] count = new int[n];
		for (int z = 1; z <= stack.getSize(); z++) {
			final ImageProcessor ip = stack.getProcessor(z);
			for (int i = 0; i < n; i++) {
				final float v = ip.getf(i);
				if (Float.isFinite(v)) {
					sum[i] += v;
					count[i]++;
				}
			}
		}
		final float[] mean = new float[n];
		for (int i = 0; i < n; i++)
			mean[i] = count[i] == 0 ? Float.NaN : (float) (sum[i] / count[i]);
		return mean;
	}

	private static float[] shrink(final float[] full, final int w, final int h, final int block, final int pw, final int ph) {
		if (block == 1) return full;
		final float[] small = new float[pw * ph];
		for (int py = 0; py < ph; py++)
			for (int px = 0; px < pw; px++) {
				double sum = 0;
				int count = 0;
				for (int y = py * block; y < Math.min(h, (py + 1) * block); y++)
					for (int x = px * block; x < Math.min(w, (px + 1) * block); x++) {
						final float v = full[y * w + x];
						if (Float.isFinite(v)) {
							sum += v;
							count++;
						}
					}
				small[py * pw + px] = count == 0 ? Float.NaN : (float) (sum / count);
			}
		return small;
	}

	private static BufferedImage rgb(final ImagePlus imp, final int pw, final int ph) {
		final BufferedImage bi = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = bi.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(imp.getProcessor().getBufferedImage(), 0, 0, pw, ph, null);
		g.dispose();
		return bi;
	}

	private static float[] finiteSorted(final float[] values) {
		final float[] f = new float[values.length];
		int n = 0;
		for (final float v : values)
			if (Float.isFinite(v)) f[n++] = v;
		final float[] sorted = Arrays.copyOf(f, n);
		Arrays.sort(sorted);
		return sorted;
	}

	private static double percentile(final float[] sorted, final double p) {
		return sorted[(int) Math.round(p * (sorted.length - 1))];
	}

	static String format(final double v) {
		return String.format(Locale.ROOT, "%.3g", v);
	}
}
