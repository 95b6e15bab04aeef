package org.innsight.batch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

/** Previews: the right size, viridis from low to high, NaN grey, a colour bar, RGB untouched. */
class PreviewRendererTest {

	private static final int BAR_AND_LABELS = 6 + 12 + 64;

	@Test
	void aGradientRunsFromTheLowToTheHighEndOfTheColourMap() throws IOException {
		final float[] px = new float[320 * 100];
		for (int i = 0; i < px.length; i++)
			px[i] = i % 320;
		px[0] = Float.NaN;
		final byte[] png = PreviewRenderer.png(new ImagePlus("g", new FloatProcessor(320, 100, px)));
		final BufferedImage bi = ImageIO.read(new ByteArrayInputStream(png));
		// 320 x 100 shrinks by 2 to 160 x 50, then the bar
		assertEquals(160 + BAR_AND_LABELS, bi.getWidth());
		assertEquals(64, bi.getHeight());
		assertEquals(Viridis.rgb(0), bi.getRGB(0, 10) & 0xffffff); // column 0.5 = the 0.5 percentile
		assertEquals(Viridis.rgb(1), bi.getRGB(159, 10) & 0xffffff); // column 318.5 = the 99.5 percentile
		final int mid = bi.getRGB(80, 10), expected = Viridis.rgb(160.0 / 318); // column 160.5 in 0.5..318.5
		for (int shift = 0; shift <= 16; shift += 8)
			assertEquals(expected >> shift & 0xff, mid >> shift & 0xff, 1, "channel at bit " + shift);
		// block (0,0) still has three finite pixels; only an all-NaN block is grey
		assertNotEquals(PreviewRenderer.NOT_FINITE.getRGB() & 0xffffff, bi.getRGB(0, 0) & 0xffffff);
		// colour bar: high at the top, low at the bottom
		assertEquals(Viridis.rgb(1), bi.getRGB(160 + 6 + 5, 0) & 0xffffff);
		assertEquals(Viridis.rgb(0), bi.getRGB(160 + 6 + 5, 63) & 0xffffff);
		// rows below the image are background
		assertEquals(0xffffff, bi.getRGB(10, 55) & 0xffffff);
	}

	@Test
	void nanPixelsAreGreyAndSmallImagesAreEnlarged() {
		final float[] px = new float[16 * 16];
		for (int i = 0; i < px.length; i++)
			px[i] = i;
		px[0] = Float.NaN;
		final BufferedImage bi = PreviewRenderer.render(new ImagePlus("s", new FloatProcessor(16, 16, px)));
		assertEquals(96 + BAR_AND_LABELS, bi.getWidth());
		assertEquals(96, bi.getHeight());
		assertEquals(PreviewRenderer.NOT_FINITE.getRGB(), bi.getRGB(5, 5));
		assertEquals(Viridis.rgb(1), bi.getRGB(95, 95) & 0xffffff);
	}

	@Test
	void rgbImagesAreShownAsTheyAre() {
		final ColorProcessor cp = new ColorProcessor(40, 20);
		cp.setColor(new java.awt.Color(200, 10, 30));
		cp.fill();
		final BufferedImage bi = PreviewRenderer.render(new ImagePlus("rgb", cp));
		assertEquals(40, bi.getWidth());
		assertEquals(0xc80a1e, bi.getRGB(20, 10) & 0xffffff);
	}

	@Test
	void viridisEndsAndMiddle() {
		assertEquals(0x440154, Viridis.rgb(0));
		assertEquals(0xfde725, Viridis.rgb(1));
		assertEquals(0x21908d, Viridis.rgb(0.5));
		assertEquals(Viridis.rgb(0), Viridis.rgb(-3));
	}

	/** The bar is named by the map's parameter and value unit, drawn beside its middle; a map that says neither gets no name. */
	@Test
	void theColourBarNamesTheParameterAndItsUnit() {
		final float[] px = new float[40 * 40];
		for (int i = 0; i < px.length; i++)
			px[i] = i % 40;
		final ImagePlus map = new ImagePlus("m", new FloatProcessor(40, 40, px));
		map.setProp("parameter", "depth");
		map.getCalibration().setValueUnit("m");
		assertEquals("depth [m]", PreviewRenderer.quantity(map));
		final ImagePlus plain = new ImagePlus("p", new FloatProcessor(40, 40, px.clone()));
		assertEquals("", PreviewRenderer.quantity(plain));
		final BufferedImage named = PreviewRenderer.render(map), unnamed = PreviewRenderer.render(plain);
		// everything but the name's band is the same; the band differs where the text is drawn (if this machine has fonts)
		int differing = 0, outside = 0;
		final int labelsX = named.getWidth() - 64 + 3, mid = named.getHeight() / 2;
		for (int y = 0; y < named.getHeight(); y++)
			for (int x = 0; x < named.getWidth(); x++)
				if (named.getRGB(x, y) != unnamed.getRGB(x, y)) {
					if (x >= labelsX && y >= mid - 12 && y <= mid + 6) differing++;
					else outside++;
				}
		assertEquals(0, outside);
		org.junit.jupiter.api.Assumptions.assumeTrue(differing > 0, "no fonts on this machine: the name is left out, as the numbers are");
	}
}
