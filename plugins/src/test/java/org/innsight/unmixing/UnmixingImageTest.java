package org.innsight.unmixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.innsight.optics.Camera;
import org.innsight.request.FrontEnds;
import org.innsight.fiji.LinearUnmixingCommand;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** {@link Unmixing#run} on an image: exact sO2 where the model holds, NaN and the reason counted everywhere else. */
class UnmixingImageTest {

	private static final Camera CAMERA = UnmixingSpectra.msi16();

	/** 4 x 3 pixels: 0-5 model spectra of known sO2, then one pixel per reason a pixel is not fitted. */
	static ImagePlus scan(final double[] sO2) {
		final LinearUnmixing u = LinearUnmixing.forCamera(CAMERA, false);
		final float[][] px = new float[12][];
		for (int p = 0; p < 12; p++) px[p] = UnmixingSpectra.reflectance(u, p < 6 ? sO2[p] : 0.6, 0.02 + 0.01 * p, 0.5, 0);
		px[6][3] = Float.NaN; // non-finite
		px[7] = new float[16]; // zero
		px[8][10] = -0.01f; // a band <= 0
		java.util.Arrays.fill(px[9], 0.4f); // flat: no haemoglobin
		px[10][0] = 0.97f; // saturated at 0.95
		// 11: outside the mask
		return UnmixingSpectra.image("scan.tif", CAMERA, 4, 3, px);
	}

	@Test
	void modelPixelsAreExactAndEveryOtherPixelIsNaNAndCountedByReason() {
		final double[] sO2 = { 0, 0.2, 0.45, 0.7, 0.9, 1 };
		final byte[] inside = new byte[12], flags = new byte[12];
		java.util.Arrays.fill(inside, (byte) 1);
		inside[11] = 0;
		flags[5] = 1; // excluded, although a model pixel
		final UnmixingRequest request = UnmixingRequest.defaults().with(UnmixingRequest.SATURATION, 0.95);
		final Unmixing.Result r = Unmixing.run(scan(sO2), new ImagePlus("mask", new ByteProcessor(4, 3, inside)),
			new ImagePlus("flags", new ByteProcessor(4, 3, flags)), false, CAMERA, request, ProgressListener.NONE);
		final float[] so2 = (float[]) r.outputs().image(Unmixing.SO2).getProcessor().getPixels(),
			thb = (float[]) r.outputs().image(Unmixing.THB).getProcessor().getPixels();
		for (int p = 0; p < 5; p++) {
			assertEquals(sO2[p], so2[p], 1e-5, "pixel " + p);
			assertEquals(0.02 + 0.01 * p, thb[p], 1e-6, "tHb of pixel " + p);
		}
		for (int p = 5; p < 12; p++) assertTrue(Float.isNaN(so2[p]), "pixel " + p + ": " + so2[p]);
		assertEquals(0, thb[9], 1e-12, "no haemoglobin: tHb 0, sO2 undefined");
		assertEquals(new Unmixing.Counts(12, 5, 1, 1, 1, 1, 1, 1, 1), r.counts());
		final Map<String, Object> s = r.outputs().statistics();
		assertEquals(5L, s.get("fitted"));
		assertEquals(1L, s.get("non_positive"));
		assertEquals("ok", s.get("units"));
		assertEquals("mM cm", r.outputs().image(Unmixing.THB).getCalibration().getValueUnit());
		assertEquals("scan_sO2_unmixed", r.outputs().image(Unmixing.SO2).getTitle());
	}

	@Test
	void wrongBandsAndWrongUnitsAreRefusedNamingTheImage() {
		final double[] sO2 = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
		final ImagePlus counts = scan(sO2);
		for (int i = 1; i <= counts.getStackSize(); i++) counts.getStack().getProcessor(i).multiply(100);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Unmixing.run(counts, null, null, false, CAMERA, UnmixingRequest.defaults(), null));
		assertTrue(e.getMessage().startsWith("scan.tif: ") && e.getMessage().contains("have a band above 1.5") && e.getMessage().contains("--accept-units"),
			e.getMessage());
		final Unmixing.Result accepted = Unmixing.run(counts, null, null, false, CAMERA, UnmixingRequest.defaults().with(UnmixingRequest.ACCEPT_UNITS, true), null);
		assertEquals("accepted", accepted.outputs().statistics().get("units"));
		assertEquals(1, accepted.outputs().warnings().size());

		final ImagePlus negative = scan(sO2);
		for (int i = 1; i <= negative.getStackSize(); i++) negative.getStack().getProcessor(i).multiply(-1);
		final IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
			() -> Unmixing.run(negative, null, null, false, CAMERA, UnmixingRequest.defaults(), null));
		assertTrue(n.getMessage().startsWith("scan.tif: ") && n.getMessage().contains("negative spectra"), n.getMessage());

		final ij.ImageStack stack = new ij.ImageStack(4, 3);
		for (int i = 0; i < 3; i++) stack.addSlice("" + (500 + 20 * i) + "nm", new ij.process.FloatProcessor(4, 3));
		final ImagePlus three = new ImagePlus("three.tif", stack);
		final IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
			() -> Unmixing.run(three, null, null, false, CAMERA, UnmixingRequest.defaults(), null));
		assertTrue(b.getMessage().contains("'three.tif' has 3 channels") && b.getMessage().contains("camera msi-16band expects 16"), b.getMessage());
	}

	@Test
	void theOptionsAreTheSameInFijiTheCommandLineAndPipelines() {
		FrontEnds.of(UnmixingRequest.SETTINGS).fiji(LinearUnmixingCommand.class).cli("unmix").pipeline("unmix").check();
		assertEquals(java.util.List.of(), UnmixingRequest.defaults().validate());
		assertEquals(java.util.List.of("saturation must be above 0, not -1"), UnmixingRequest.defaults().with(UnmixingRequest.SATURATION, -1.0).validate());
	}
}
