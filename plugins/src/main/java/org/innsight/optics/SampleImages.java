package org.innsight.optics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic images for demos and end-to-end tests, rendered pixel by pixel from spatial parameter maps
 * through a forward model and a camera (with its noise, without normalisation: raw camera signal).
 * <ul>
 * <li>MSI: tissue with smoothly varying sO2 and blood volume, three vessels of different sO2 (0.97, 0.80, 0.55),
 * and a metal instrument shaft (flat high reflectance, no tissue parameters) as the foreign patch.</li>
 * <li>PAI: a depth section (rows = 0-10 mm depth) of background tissue with vessel cross-sections of different sO2
 * at several depths, and a broadband-absorbing needle (no haemoglobin features) as the foreign patch.</li>
 * </ul>
 */
public final class SampleImages {

	/** A rendered image: channels[band][y * width + x], truth[parameter][pixel] (NaN on the foreign patch). */
	public record Image(int width, int height, double pixelSizeMm, float[][] channels, String[] channelLabels, double[] wavelengthsNm,
		float[][] truth, List<String> truthNames, byte[] foreignMask, String description) {}

	/** Reflectance of the instrument: bare steel is grey and bright, with a slight rise towards the red. */
	static final double METAL_REFLECTANCE_500 = 0.55, METAL_REFLECTANCE_SLOPE_PER_NM = 2e-4;
	/** Absorption of the needle in the PAI image, 1/m, flat over wavelength. */
	static final double NEEDLE_MU_A = 150;

	private SampleImages() {}

	/** MSI sample: 3-layer tissue model through the given camera. */
	public static Image msi(final Camera camera, final int size, final long seed) {
		final SpectralModel model = LayeredTissueModel.fast(3);
		final List<Parameter> ps = model.parameters();
		final int p = ps.size(), n = size * size;
		final SplittableRandom rng = new SplittableRandom(seed);
		final Field sO2Field = new Field(rng, size), bloodField = new Field(rng, size), scatterField = new Field(rng, size);
		final Vessel[] vessels = { new Vessel(rng, size, 0.97, 0.22), new Vessel(rng, size, 0.80, 0.18), new Vessel(rng, size, 0.55, 0.25) };
		final double[] params = new double[n * p];
		final byte[] mask = new byte[n];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				final int i = y * size + x;
				final double[] row = new double[p];
				row[0] = 0.70 + 0.12 * sO2Field.at(x, y);
				final double vHb = 0.03 + 0.02 * bloodField.at(x, y);
				final double aMie = 1800 + 600 * scatterField.at(x, y);
				final double[][] layer = { { vHb, aMie, 1.3, 0.9, 1.38, 150e-6 }, { 0.06, 1500, 1.2, 0.88, 1.40, 600e-6 },
					{ 0.04, 1200, 1.0, 0.85, 1.40, 1.5e-3 } };
				for (final Vessel v : vessels)
					if (v.contains(x, y)) {
						row[0] = v.sO2;
						layer[0][0] = v.vHb;
						layer[1][0] = v.vHb;
					}
				for (int k = 0; k < 3; k++) System.arraycopy(layer[k], 0, row, 1 + 6 * k, 6);
				System.arraycopy(row, 0, params, i * p, p);
				// The instrument: a shaft entering from the right edge, 14 px wide, ending in the upper right quarter.
				final double along = (x - size * 0.6) * 0.8 + (y - size * 0.25) * 0.6, across = -(x - size * 0.6) * 0.6 + (y - size * 0.25) * 0.8;
				if (along > 0 && Math.abs(across) < 7) mask[i] = 1;
			}
		final double[] grid = camera.grid();
		final double[] metal = new double[grid.length];
		for (int j = 0; j < grid.length; j++) metal[j] = METAL_REFLECTANCE_500 + METAL_REFLECTANCE_SLOPE_PER_NM * (grid[j] - 500);
		final float[][] channels = render(model, camera, size, params, mask, metal, seed);
		return new Image(size, size, 0.1, channels, camera.labels(), camera.centres(), truth(params, p, mask), names(ps), mask,
			"InnSight MSI sample: 3-layer tissue, vessels sO2 0.97/0.80/0.55, metal instrument (foreign patch); camera " + camera.name() +
				"; raw signal (table normalisation: " + camera.normalisation().label() + ")");
	}

	/** PAI sample: rows are depth 0-10 mm, columns lateral position. */
	public static Image pai(final Camera camera, final int size, final long seed) {
		final SpectralModel model = PhotoacousticModel.standard();
		final List<Parameter> ps = model.parameters();
		final int p = ps.size(), n = size * size;
		final double depthRange = 0.01, pixel = depthRange / size;
		final SplittableRandom rng = new SplittableRandom(seed);
		final Field bloodField = new Field(rng, size), sO2Field = new Field(rng, size);
		// Vessel cross-sections: {x, y, radius px, sO2}
		final double[][] vessels = { { 0.2, 0.15, 5, 0.97 }, { 0.5, 0.3, 6, 0.65 }, { 0.8, 0.45, 4, 0.85 }, { 0.3, 0.6, 6, 0.95 },
			{ 0.65, 0.75, 5, 0.55 }, { 0.15, 0.85, 4, 0.75 } };
		for (final double[] v : vessels) {
			v[0] = v[0] * size + rng.nextDouble(-3, 3);
			v[1] = v[1] * size + rng.nextDouble(-3, 3);
		}
		final double[] params = new double[n * p];
		final byte[] mask = new byte[n];
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				final int i = y * size + x;
				final double bgSO2 = 0.72 + 0.08 * sO2Field.at(x, y), bgVHb = 0.025 + 0.01 * bloodField.at(x, 0);
				double sO2 = bgSO2, vHb = bgVHb;
				for (final double[] v : vessels)
					if (Math.hypot(x - v[0], y - v[1]) <= v[2]) {
						sO2 = v[3];
						vHb = 1;
					}
				final double[] row = { sO2, vHb, (y + 0.5) * pixel, bgSO2, bgVHb, 1500, 1.3 };
				System.arraycopy(row, 0, params, i * p, p);
				// The needle: inserted from the top at an angle, 4 px thick, tip at about 4.5 mm depth.
				final double t = (y - 0.0) / (size * 0.45);
				final double cx = size * 0.92 - t * size * 0.3;
				if (t >= 0 && t <= 1 && Math.abs(x - cx) < 2.5) mask[i] = 1;
			}
		final float[][] channels = renderPai(model, camera, size, params, mask, seed);
		return new Image(size, size, pixel * 1e3, channels, camera.labels(), camera.centres(), truth(params, p, mask), names(ps), mask,
			"InnSight PAI sample: depth section 0-10 mm, vessels of sO2 0.55-0.97, broadband-absorbing needle (foreign patch); camera " +
				camera.name() + "; raw p0 in Pa per J/m^2 (table normalisation: " + camera.normalisation().label() + ")");
	}

	private static float[][] render(final SpectralModel model, final Camera camera, final int size, final double[] params, final byte[] mask,
		final double[] foreignSpectrum, final long seed) {
		final int p = model.parameters().size(), b = camera.bands();
		final double[] grid = camera.grid();
		final SpectralModel.Evaluator ev = model.evaluator(grid);
		final float[][] channels = new float[b][size * size];
		final double[] row = new double[p], fine = new double[grid.length], bands = new double[b];
		for (int y = 0; y < size; y++) {
			final SplittableRandom rng = Simulator.stream(seed, y);
			for (int x = 0; x < size; x++) {
				final int i = y * size + x;
				if (mask[i] != 0) System.arraycopy(foreignSpectrum, 0, fine, 0, fine.length);
				else {
					System.arraycopy(params, i * p, row, 0, p);
					ev.spectrum(row, fine, rng);
				}
				camera.signal(fine, bands, rng);
				for (int j = 0; j < b; j++) channels[j][i] = (float) bands[j];
			}
		}
		return channels;
	}

	private static float[][] renderPai(final SpectralModel model, final Camera camera, final int size, final double[] params,
		final byte[] mask, final long seed) {
		final int p = model.parameters().size(), b = camera.bands();
		final double[] grid = camera.grid();
		final SpectralModel.Evaluator ev = model.evaluator(grid);
		final LayeredDiffusion fluence = new LayeredDiffusion(1);
		final float[][] channels = new float[b][size * size];
		final double[] row = new double[p], fine = new double[grid.length], bands = new double[b];
		for (int y = 0; y < size; y++) {
			final SplittableRandom rng = Simulator.stream(seed, y);
			for (int x = 0; x < size; x++) {
				final int i = y * size + x;
				System.arraycopy(params, i * p, row, 0, p);
				if (mask[i] != 0) {
					// Same fluence as tissue at this depth, but a flat absorber instead of blood.
					for (int j = 0; j < grid.length; j++) {
						final double muA = Math.max(1e-3, TissueOptics.muA(row[3], row[4], grid[j]));
						final double muS = TissueOptics.muS(row[5], row[6], PhotoacousticModel.BACKGROUND_G, grid[j]);
						fluence.solve(1, new double[] { muA }, new double[] { muS }, new double[] { PhotoacousticModel.BACKGROUND_G },
							new double[] { PhotoacousticModel.BACKGROUND_N }, new double[] { 0.1 }, PhotoacousticModel.COUPLING_N,
							PhotoacousticModel.BACKGROUND_N);
						fine[j] = PhotoacousticModel.GRUENEISEN * NEEDLE_MU_A * fluence.fluence(row[2]);
					}
				}
				else ev.spectrum(row, fine, rng);
				camera.signal(fine, bands, rng);
				for (int j = 0; j < b; j++) channels[j][i] = (float) bands[j];
			}
		}
		return channels;
	}

	private static float[][] truth(final double[] params, final int p, final byte[] mask) {
		final int n = mask.length;
		final float[][] t = new float[p][n];
		for (int i = 0; i < n; i++)
			for (int k = 0; k < p; k++) t[k][i] = mask[i] != 0 ? Float.NaN : (float) params[i * p + k];
		return t;
	}

	private static List<String> names(final List<Parameter> ps) {
		return ps.stream().map(Parameter::name).toList();
	}

	/** A smooth random field in [-1, 1]: a normalised sum of a few random plane waves. */
	static final class Field {
		private final double[] kx = new double[4], ky = new double[4], phase = new double[4];

		Field(final SplittableRandom rng, final int size) {
			for (int i = 0; i < 4; i++) {
				final double angle = rng.nextDouble(2 * Math.PI), wavelength = size * rng.nextDouble(0.6, 1.6);
				kx[i] = 2 * Math.PI * Math.cos(angle) / wavelength;
				ky[i] = 2 * Math.PI * Math.sin(angle) / wavelength;
				phase[i] = rng.nextDouble(2 * Math.PI);
			}
		}

		double at(final double x, final double y) {
			double s = 0;
			for (int i = 0; i < 4; i++) s += Math.sin(kx[i] * x + ky[i] * y + phase[i]);
			return s / 4;
		}
	}

	/** A vessel: a sinuous band across the image. */
	static final class Vessel {
		final double sO2, vHb;
		private final double y0, amp, freq, phase, halfWidth, slope;

		Vessel(final SplittableRandom rng, final int size, final double sO2, final double vHb) {
			this.sO2 = sO2;
			this.vHb = vHb;
			y0 = size * rng.nextDouble(0.2, 0.9);
			amp = size * rng.nextDouble(0.03, 0.08);
			freq = 2 * Math.PI / (size * rng.nextDouble(0.5, 1.2));
			phase = rng.nextDouble(2 * Math.PI);
			halfWidth = rng.nextDouble(2.5, 4.5);
			slope = rng.nextDouble(-0.3, 0.3);
		}

		boolean contains(final double x, final double y) {
			return Math.abs(y - (y0 + slope * x + amp * Math.sin(freq * x + phase))) <= halfWidth;
		}
	}
}
