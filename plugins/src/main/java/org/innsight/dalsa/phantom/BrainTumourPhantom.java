package org.innsight.dalsa.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.Volume;
import org.innsight.dalsa.features.SeparableGaussian;

/**
 * A procedural, seeded multi-modal brain-tumour phantom (skull-stripped, BraTS-like): an ellipsoidal brain with
 * a folded cortex (CSF / grey matter / white matter), ventricles and deep grey nuclei, and a tumour with necrotic
 * core, enhancing rim and oedema that spreads through white matter. Each tissue has its own T1, T1c, T2 and FLAIR
 * contrast and a faint texture; the images get a point-spread blur (partial volume at every boundary), a smooth
 * multiplicative bias field per modality and Rician noise. The same settings always give the same images.
 */
public final class BrainTumourPhantom {

	public static final List<String> MODALITIES = List.of("T1", "T1c", "T2", "FLAIR");
	/** Ground-truth labels. */
	public static final int HEALTHY = 1, OEDEMA = 2, ENHANCING = 3, NECROSIS = 4;
	public static final List<String> CLASS_NAMES = List.of("healthy", "oedema", "enhancing", "necrosis");
	/** Labels of the whole tumour (BraTS "whole tumour" = oedema + enhancing + necrotic core). */
	public static final int[] WHOLE_TUMOUR = { OEDEMA, ENHANCING, NECROSIS };

	private static final int OUTSIDE = 0, CSF = 1, GM = 2, WM = 3, TUMOUR_OEDEMA = 4, TUMOUR_ENHANCING = 5, TUMOUR_NECROSIS = 6;
	/** Mean intensity per tissue (rows CSF, GM, WM, oedema, enhancing, necrosis) and modality (T1, T1c, T2, FLAIR). */
	static final double[][] CONTRAST = {
		{ 0.30, 0.30, 1.00, 0.12 },
		{ 0.55, 0.56, 0.62, 0.55 },
		{ 0.76, 0.76, 0.45, 0.45 },
		{ 0.52, 0.53, 0.82, 0.88 },
		{ 0.55, 1.00, 0.70, 0.72 },
		{ 0.28, 0.33, 0.90, 0.55 } };
	private static final int[] TRUTH_OF_TISSUE = { 0, HEALTHY, HEALTHY, HEALTHY, OEDEMA, ENHANCING, NECROSIS };

	/**
	 * @param spacing voxel size in mm (x, y, z)
	 * @param noise standard deviation of the Rician noise, relative to white matter in T1 (0.76)
	 * @param bias strength of the bias field (log-amplitude)
	 */
	public record Settings(int width, int height, int depth, double[] spacing, long seed, double noise, double bias) {

		/** The committed sample: 96 x 96 x 64 voxels of 2 x 2 x 2.5 mm. */
		public static Settings sample(final long seed) {
			return new Settings(96, 96, 64, new double[] { 2, 2, 2.5 }, seed, 0.05, 0.15);
		}

		/** BraTS geometry: 240 x 240 x 155 voxels of 1 mm. */
		public static Settings brats(final long seed) {
			return new Settings(240, 240, 155, new double[] { 1, 1, 1 }, seed, 0.05, 0.15);
		}
	}

	/**
	 * @param tumourCentre tumour centre in voxel coordinates
	 * @param oedemaRadiusMm mean outer radius of the oedema
	 */
	public record Phantom(MultiModalScan scan, LabelVolume truth, double[] tumourCentre, double oedemaRadiusMm) {}

	private BrainTumourPhantom() {}

	public static Phantom generate(final Settings s) {
		final int w = s.width(), h = s.height(), d = s.depth();
		final double[] sp = s.spacing();
		final SplittableRandom random = new SplittableRandom(s.seed());
		final double a = 0.40 * w * sp[0], b = 0.44 * h * sp[1], c = 0.40 * d * sp[2];
		final double brainRadius = (a + b + c) / 3, k = brainRadius / 70;
		final double side = random.nextBoolean() ? 1 : -1;
		final double[] t = { side * (0.36 + 0.08 * random.nextDouble()) * a, (-0.15 + 0.3 * random.nextDouble()) * b, (0.05 + 0.2 * random.nextDouble()) * c };
		final double necrosisR = 9.5 * k * (0.9 + 0.2 * random.nextDouble());
		final double enhancingR = 16 * k * (0.9 + 0.2 * random.nextDouble());
		final double oedemaR = 29 * k * (0.9 + 0.2 * random.nextDouble());
		final ValueNoise surface = new ValueNoise(random.nextLong()), sulci = new ValueNoise(random.nextLong()), thick = new ValueNoise(random.nextLong());
		final ValueNoise[] tumourShape = { new ValueNoise(random.nextLong()), new ValueNoise(random.nextLong()), new ValueNoise(random.nextLong()),
			new ValueNoise(random.nextLong()) };

		final byte[] tissue = new byte[w * h * d];
		final double[] p = new double[3];
		for (int z = 0, i = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					p[0] = (x + 0.5) * sp[0] - 0.5 * w * sp[0];
					p[1] = (y + 0.5) * sp[1] - 0.5 * h * sp[1];
					p[2] = (z + 0.5) * sp[2] - 0.5 * d * sp[2];
					tissue[i] = (byte) tissueAt(p, a, b, c, brainRadius, k, surface, sulci, thick, t, necrosisR, enhancingR, oedemaR, tumourShape);
				}

		final LabelVolume truth = new LabelVolume(w, h, d, sp);
		for (int i = 0; i < tissue.length; i++) truth.labels[i] = (byte) TRUTH_OF_TISSUE[tissue[i]];

		final double[] centre = { t[0] + 0.5 * w * sp[0], t[1] + 0.5 * h * sp[1], t[2] + 0.5 * d * sp[2] };
		final List<Volume> images = new ArrayList<>();
		final ValueNoise enhancement = new ValueNoise(random.nextLong());
		for (int m = 0; m < MODALITIES.size(); m++) {
			final ValueNoise fine = new ValueNoise(random.nextLong()), coarse = new ValueNoise(random.nextLong()), biasField = new ValueNoise(random.nextLong());
			Volume clean = new Volume(w, h, d, sp);
			for (int z = 0, i = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						if (tissue[i] == OUTSIDE) continue;
						final double px = x * sp[0], py = y * sp[1], pz = z * sp[2];
						// Tissue heterogeneity at two scales, so classes overlap a little as in real scans.
						final double texture = 1 + 0.05 * fine.at(px / 3, py / 3, pz / 3) + 0.04 * coarse.at(px / 12, py / 12, pz / 12);
						double value = CONTRAST[tissue[i] - 1][m];
						if (tissue[i] == TUMOUR_OEDEMA) {
							// Vasogenic oedema fades towards its outer edge, where it is hardest to tell from healthy tissue.
							final double fade = Math.min(1, Math.max(0, (distance(px, py, pz, centre, sp) - enhancingR) / (oedemaR - enhancingR)));
							final double base = CONTRAST[WM - 1][m];
							value = base + (value - base) * (1 - 0.5 * fade * fade);
						}
						else if (tissue[i] == TUMOUR_ENHANCING) {
							// Patchy enhancement: parts of the rim enhance weakly.
							final double mean = CONTRAST[TUMOUR_ENHANCING - 1][m], base = CONTRAST[WM - 1][m];
							value = base + (mean - base) * (0.8 + 0.2 * enhancement.at(px / 8, py / 8, pz / 8));
						}
						clean.voxels[i] = (float) (value * texture);
					}
			// The scanner's point-spread function: every boundary voxel mixes its neighbours' tissues.
			clean = SeparableGaussian.smooth(clean, new double[] { 0.6 * sp[0], 0.6 * sp[1], 0.6 * sp[2] }, 3);
			final float[] out = new float[w * h * d];
			final double sigma = s.noise() * CONTRAST[WM - 1][0];
			for (int z = 0, i = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						if (tissue[i] == OUTSIDE) continue; // skull-stripped: exactly 0 outside the brain
						final double gain = StrictMath.exp(s.bias() * biasField.at(x * sp[0] / 100, y * sp[1] / 100, z * sp[2] / 100));
						final double real = clean.voxels[i] * gain + sigma * gaussian(random), imaginary = sigma * gaussian(random);
						out[i] = (float) (1000 * StrictMath.sqrt(real * real + imaginary * imaginary));
					}
			images.add(new Volume(w, h, d, sp, out));
		}
		final double[] centreVoxel = { (t[0] + 0.5 * w * sp[0]) / sp[0] - 0.5, (t[1] + 0.5 * h * sp[1]) / sp[1] - 0.5, (t[2] + 0.5 * d * sp[2]) / sp[2] - 0.5 };
		return new Phantom(new MultiModalScan(MODALITIES, images), truth, centreVoxel, oedemaR);
	}

	private static int tissueAt(final double[] p, final double a, final double b, final double c, final double brainRadius, final double k,
		final ValueNoise surface, final ValueNoise sulci, final ValueNoise thick, final double[] t, final double necrosisR,
		final double enhancingR, final double oedemaR, final ValueNoise[] shape)
	{
		final double x = p[0], y = p[1], z = p[2];
		double rho = Math.sqrt(x * x / (a * a) + y * y / (b * b) + z * z / (c * c));
		rho *= 1 + 0.03 * surface.at(x / 25, y / 25, z / 25);
		if (rho >= 1) return OUTSIDE;
		final double depth = (1 - rho) * brainRadius;
		final double sulcus = Math.abs(sulci.fractal(x / 14, y / 14, z / 14));
		final double thickness = 3 + 1.5 * (1 + thick.at(x / 8, y / 8, z / 8));
		int tissue;
		if (depth < 2 || (sulcus < 0.05 && depth < 14)) tissue = CSF;
		else if (depth < 2 + thickness || (sulcus < 0.18 && depth < 12 + thickness)) tissue = GM;
		else tissue = WM;
		for (final double hemisphere : new double[] { -1, 1 }) {
			if (sq((x - hemisphere * 9 * k) / (5 * k)) + sq((y - 4 * k) / (24 * k)) + sq((z - 6 * k) / (9 * k)) < 1) tissue = CSF;
			else if (sq((x - hemisphere * 19 * k) / (8 * k)) + sq((y + 4 * k) / (13 * k)) + sq((z + 2 * k) / (10 * k)) < 1) tissue = GM;
		}
		final double ux = x - t[0], uy = y - t[1], uz = z - t[2];
		final double r = Math.sqrt(ux * ux + uy * uy + uz * uz);
		final double dx = r > 0 ? ux / r : 1, dy = r > 0 ? uy / r : 0, dz = r > 0 ? uz / r : 0;
		if (r < necrosisR * (1 + 0.15 * shape[0].at(1.5 * dx + 10, 1.5 * dy, 1.5 * dz))) return TUMOUR_NECROSIS;
		if (r < enhancingR * (1 + 0.15 * shape[1].at(1.5 * dx + 20, 1.5 * dy, 1.5 * dz))) return TUMOUR_ENHANCING;
		final double oedema = oedemaR * (1 + 0.25 * shape[2].at(2 * dx + 30, 2 * dy, 2 * dz) + 0.12 * shape[3].at(x / 6, y / 6, z / 6));
		if (tissue == WM && r < oedema || tissue == GM && r < 0.85 * oedema) return TUMOUR_OEDEMA;
		return tissue;
	}

	/** Distance in mm from voxel position (px, py, pz) = voxel index x spacing to a point given in the same frame. */
	private static double distance(final double px, final double py, final double pz, final double[] c, final double[] sp) {
		return Math.sqrt(sq(px + 0.5 * sp[0] - c[0]) + sq(py + 0.5 * sp[1] - c[1]) + sq(pz + 0.5 * sp[2] - c[2]));
	}

	private static double sq(final double v) {
		return v * v;
	}

	/** Standard normal by Box-Muller on StrictMath, so the phantom is identical on every JVM. */
	private static double gaussian(final SplittableRandom random) {
		final double u = 1 - random.nextDouble(), v = random.nextDouble();
		return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
	}
}
