package org.innsight.unmixing;

import java.io.IOException;

import org.innsight.image.SpectralImage;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** Test spectra made by the unmixing's own attenuation model (modified Beer-Lambert, band-averaged extinction). */
public final class UnmixingSpectra {

	private UnmixingSpectra() {}

	public static Camera msi16() {
		try {
			return CameraJson.load("msi-16band");
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Band reflectance R_i = exp(-(ln10 * tHb * (sO2 eps_HbO2,i + (1 - sO2) eps_Hb,i) / 1000 + g + s (lambda_i - 650) / 100)),
	 * tHb in mM cm, eps the unmixing's band-averaged extinction in cm^-1/M.
	 */
	public static float[] reflectance(final LinearUnmixing u, final double sO2, final double tHb, final double g, final double s) {
		final double[] eo = u.epsHbO2(), ed = u.epsHb(), nm = u.centres();
		final float[] r = new float[eo.length];
		for (int i = 0; i < r.length; i++)
			r[i] = (float) Math.exp(-(Math.log(10) * tHb * (sO2 * eo[i] + (1 - sO2) * ed[i]) / 1000 + g + s * (nm[i] - 650) / 100));
		return r;
	}

	/** A w x h image of the camera's bands, channel labels the band centres; {@code spectra[y * w + x]} per pixel. */
	public static ImagePlus image(final String title, final Camera camera, final int w, final int h, final float[][] spectra) {
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < camera.bands(); i++) {
			final float[] plane = new float[w * h];
			for (int p = 0; p < w * h; p++) plane[p] = spectra[p][i];
			stack.addSlice(null, new FloatProcessor(w, h, plane));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(camera.bands(), 1, 1);
		SpectralImage.label(imp, camera.centres());
		return imp;
	}
}
