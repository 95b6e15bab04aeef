package org.innsight.dalsa.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.ScanGeometry;
import org.innsight.dalsa.Volume;
import org.innsight.dalsa.features.SeparableGaussian;

/**
 * A brain-tumour case on real anatomy: a skull-stripped T1 brain template (e.g. the Colin27 "ch2bet" of MRIcron,
 * Debian package {@code mricron-data}) with a synthetic tumour (necrotic core, enhancing rim, oedema spreading through
 * white matter) and synthetic T1c, T2 and FLAIR. The T1 is the template's own (real folding, partial volume and
 * texture); the other contrasts map each voxel's T1 intensity through the tissue classes (CSF, grey, white matter,
 * found by 3-means on the T1) to that modality's tissue contrast, so partial volume carries over. The tumour
 * replaces tissue with the contrasts of {@link BrainTumourPhantom}; oedema blends into the tissue it infiltrates.
 * All modalities get a blur, a bias field and Rician noise. The anatomy is real, the tumour and the non-T1
 * contrasts are simulated: it tests the pipeline on real shapes, not on real pathology.
 */
public final class TemplateTumourCase {

	/** Mean intensity per tissue (rows CSF, GM, WM, oedema, enhancing, necrosis) and modality (T1, T1c, T2, FLAIR), as the phantom. */
	private static final double[][] CONTRAST = BrainTumourPhantom.CONTRAST;

	/**
	 * @param downsample integer block size averaged into one voxel (1: the template's grid)
	 * @param seed tumour place and shape, noise
	 * @param noise Rician noise relative to white matter
	 * @param tumourRadiusMm outer radius of the oedema (necrosis and enhancing rim scale with it)
	 */
	public record Settings(int downsample, long seed, double noise, double tumourRadiusMm) {
		public Settings {
			if (downsample < 1 || downsample > 8) throw new IllegalArgumentException("downsample must be 1..8, got " + downsample);
			if (!(noise >= 0 && noise < 1)) throw new IllegalArgumentException("noise must be in [0, 1), got " + noise);
			if (!(tumourRadiusMm >= 5 && tumourRadiusMm <= 60)) throw new IllegalArgumentException("tumour radius must be 5..60 mm, got " + tumourRadiusMm);
		}
	}

	private TemplateTumourCase() {}

	/**
	 * @param template a skull-stripped T1 (0 outside the brain), on any grid
	 * @param geometry the template's place in space, kept by the case (voxel size scaled by {@code downsample})
	 */
	public static BrainTumourPhantom.Phantom generate(final Volume template, final ScanGeometry geometry, final Settings s) {
		final Volume t1 = downsample(template, s.downsample());
		final int w = t1.width, h = t1.height, d = t1.depth, n = t1.size();
		final double[] sp = t1.spacing();
		final boolean[] brain = new boolean[n];
		int brainVoxels = 0;
		for (int i = 0; i < n; i++) if (t1.voxels[i] > 0) {
			brain[i] = true;
			brainVoxels++;
		}
		if (brainVoxels < 1000) throw new IllegalArgumentException("the template has only " + brainVoxels + " non-zero voxels; give a skull-stripped brain");
		final double[] centres = threeMeans(t1.voxels, brain); // CSF < GM < WM on T1
		final SplittableRandom random = new SplittableRandom(s.seed());
		// Tumour centre: a white-matter voxel (T1 near the WM centre) at least the tumour radius from the brain's edge, by rejection.
		final double radius = s.tumourRadiusMm();
		final double[] centre = pickCentre(t1, brain, centres, radius, random);
		final double necrosisR = 0.33 * radius * (0.9 + 0.2 * random.nextDouble()), enhancingR = 0.55 * radius * (0.9 + 0.2 * random.nextDouble());
		final ValueNoise[] shape = { new ValueNoise(random.nextLong()), new ValueNoise(random.nextLong()), new ValueNoise(random.nextLong()),
			new ValueNoise(random.nextLong()) };
		final LabelVolume truth = new LabelVolume(w, h, d, sp);
		final float[] fade = new float[n];
		for (int z = 0, i = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					if (!brain[i]) continue;
					final double ux = (x - centre[0]) * sp[0], uy = (y - centre[1]) * sp[1], uz = (z - centre[2]) * sp[2];
					final double r = Math.sqrt(ux * ux + uy * uy + uz * uz);
					final double dx = r > 0 ? ux / r : 1, dy = r > 0 ? uy / r : 0, dz = r > 0 ? uz / r : 0;
					int label = BrainTumourPhantom.HEALTHY;
					final double whiteness = (t1.voxels[i] - centres[1]) / (centres[2] - centres[1]); // 0 at GM, 1 at WM
					if (r < necrosisR * (1 + 0.15 * shape[0].at(1.5 * dx + 10, 1.5 * dy, 1.5 * dz))) label = BrainTumourPhantom.NECROSIS;
					else if (r < enhancingR * (1 + 0.15 * shape[1].at(1.5 * dx + 20, 1.5 * dy, 1.5 * dz))) label = BrainTumourPhantom.ENHANCING;
					else {
						final double reach = radius * (1 + 0.25 * shape[2].at(2 * dx + 30, 2 * dy, 2 * dz) + 0.12 * shape[3].at(ux / 6, uy / 6, uz / 6));
						// Oedema follows white matter: it reaches the full radius in WM, 85 % of it in grey matter, none into CSF.
						if (whiteness > 0.5 && r < reach || whiteness > -0.5 && r < 0.85 * reach) {
							label = BrainTumourPhantom.OEDEMA;
							fade[i] = (float) Math.min(1, Math.max(0, (r - enhancingR) / (reach - enhancingR)));
						}
					}
					truth.labels[i] = (byte) label;
				}
		final List<Volume> images = new ArrayList<>();
		for (int m = 0; m < 4; m++) {
			final ValueNoise biasField = new ValueNoise(random.nextLong()), texture = new ValueNoise(random.nextLong());
			Volume clean = new Volume(w, h, d, sp);
			for (int z = 0, i = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						if (!brain[i]) continue;
						final double tissue = tissueContrast(t1.voxels[i], centres, m);
						final double px = x * sp[0], py = y * sp[1], pz = z * sp[2];
						double value = tissue;
						switch (truth.get(i)) {
							case BrainTumourPhantom.NECROSIS -> value = CONTRAST[5][m] * (1 + 0.05 * texture.at(px / 3, py / 3, pz / 3));
							case BrainTumourPhantom.ENHANCING -> value = CONTRAST[4][m] * (1 + 0.06 * texture.at(px / 4, py / 4, pz / 4));
							case BrainTumourPhantom.OEDEMA -> {
								// Infiltrated tissue: the oedema contrast, fading into the tissue beneath towards the outer edge.
								final double f = fade[i], strength = 1 - 0.6 * f * f;
								value = tissue + (CONTRAST[3][m] - CONTRAST[2][m]) * strength;
							}
							default -> { }
						}
						clean.voxels[i] = (float) value;
					}
			clean = SeparableGaussian.smooth(clean, new double[] { 0.5 * sp[0], 0.5 * sp[1], 0.5 * sp[2] }, 3);
			final float[] out = new float[n];
			final double sigma = s.noise() * CONTRAST[2][0];
			for (int z = 0, i = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						if (!brain[i]) continue;
						final double gain = StrictMath.exp(0.15 * biasField.at(x * sp[0] / 100, y * sp[1] / 100, z * sp[2] / 100));
						final double real = clean.voxels[i] * gain + sigma * gaussian(random), imaginary = sigma * gaussian(random);
						out[i] = (float) Math.max(1e-3, 1000 * StrictMath.sqrt(real * real + imaginary * imaginary)); // > 0: stays foreground
					}
			images.add(new Volume(w, h, d, sp, out));
		}
		final ScanGeometry g = geometry == null ? null : scaled(geometry, s.downsample());
		return new BrainTumourPhantom.Phantom(new MultiModalScan(BrainTumourPhantom.MODALITIES, images, g), truth, centre, radius);
	}

	/** Modality m's contrast for a voxel of T1 intensity v: piecewise linear through the CSF, GM, WM centres (constant beyond). */
	static double tissueContrast(final double v, final double[] centres, final int m) {
		if (v <= centres[0]) return CONTRAST[0][m];
		if (v >= centres[2]) return CONTRAST[2][m];
		final int k = v < centres[1] ? 0 : 1;
		final double t = (v - centres[k]) / (centres[k + 1] - centres[k]);
		return CONTRAST[k][m] + t * (CONTRAST[k + 1][m] - CONTRAST[k][m]);
	}

	/** 1D 3-means of the brain's intensities, started at the 10th, 50th and 90th percentiles; centres ascending. */
	static double[] threeMeans(final float[] v, final boolean[] in) {
		int count = 0;
		for (final boolean b : in) if (b) count++;
		final float[] values = new float[count];
		for (int i = 0, k = 0; i < v.length; i++) if (in[i]) values[k++] = v[i];
		Arrays.sort(values);
		final double[] c = { values[count / 10], values[count / 2], values[count * 9 / 10] };
		for (int iteration = 0; iteration < 50; iteration++) {
			final double[] sum = new double[3];
			final long[] n = new long[3];
			for (final float x : values) {
				int best = 0;
				for (int k = 1; k < 3; k++) if (Math.abs(x - c[k]) < Math.abs(x - c[best])) best = k;
				sum[best] += x;
				n[best]++;
			}
			boolean moved = false;
			for (int k = 0; k < 3; k++) {
				final double next = n[k] > 0 ? sum[k] / n[k] : c[k];
				moved |= Math.abs(next - c[k]) > 1e-6 * Math.max(1, Math.abs(c[k]));
				c[k] = next;
			}
			if (!moved) break;
		}
		Arrays.sort(c);
		if (!(c[0] < c[1] && c[1] < c[2])) throw new IllegalArgumentException("the template's intensities do not separate into CSF, grey and white matter");
		return c;
	}

	private static double[] pickCentre(final Volume t1, final boolean[] brain, final double[] centres, final double radius, final SplittableRandom random) {
		final int w = t1.width, h = t1.height, d = t1.depth;
		final double[] sp = t1.spacing();
		final double wmThreshold = 0.5 * (centres[1] + centres[2]);
		for (int attempt = 0; attempt < 100_000; attempt++) {
			// The middle of the brain's extent along x is left out (the tumour stays in one hemisphere).
			final int x = (int) (w * (random.nextBoolean() ? 0.2 + 0.2 * random.nextDouble() : 0.6 + 0.2 * random.nextDouble()));
			final int y = (int) (h * (0.3 + 0.4 * random.nextDouble())), z = (int) (d * (0.35 + 0.3 * random.nextDouble()));
			final int i = t1.index(x, y, z);
			if (!brain[i] || t1.voxels[i] < wmThreshold) continue;
			if (insideBrain(brain, w, h, d, x, y, z, sp, 0.8 * radius)) return new double[] { x, y, z };
		}
		throw new IllegalArgumentException("found no white-matter place " + radius + " mm from the brain's edge for the tumour; use a smaller radius");
	}

	/** Whether the 6 axis points at distance r (mm) from (x, y, z) lie in the brain. */
	private static boolean insideBrain(final boolean[] brain, final int w, final int h, final int d, final int x, final int y, final int z, final double[] sp,
		final double r)
	{
		final int[][] dirs = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		for (final int[] e : dirs) {
			final int px = x + (int) Math.round(e[0] * r / sp[0]), py = y + (int) Math.round(e[1] * r / sp[1]), pz = z + (int) Math.round(e[2] * r / sp[2]);
			if (px < 0 || py < 0 || pz < 0 || px >= w || py >= h || pz >= d || !brain[px + w * (py + h * pz)]) return false;
		}
		return true;
	}

	/** Block average by {@code f} per axis: the mean of a block's non-zero voxels, or 0 when most of the block is 0 (outside the brain). */
	static Volume downsample(final Volume v, final int f) {
		if (f == 1) return v.copy();
		final int w = v.width / f, h = v.height / f, d = v.depth / f;
		final double[] sp = v.spacing();
		final Volume out = new Volume(w, h, d, sp[0] * f, sp[1] * f, sp[2] * f);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double sum = 0;
					int nonZero = 0;
					for (int c = 0; c < f; c++)
						for (int b = 0; b < f; b++)
							for (int a = 0; a < f; a++) {
								final float value = v.get(x * f + a, y * f + b, z * f + c);
								if (value > 0) {
									sum += value;
									nonZero++;
								}
							}
					if (2 * nonZero > f * f * f) out.set(x, y, z, (float) (sum / nonZero));
				}
		return out;
	}

	private static ScanGeometry scaled(final ScanGeometry g, final int f) {
		if (f == 1) return g;
		final double[] size = g.voxelSize();
		// The NIfTI placement belongs to the full grid; a downsampled case keeps only calibration (qform/sform would be off by the scale).
		return new ScanGeometry(g.unit(), new double[] { size[0] * f, size[1] * f, size[2] * f }, null);
	}

	private static double gaussian(final SplittableRandom random) {
		final double u = 1 - random.nextDouble(), v = random.nextDouble();
		return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
	}
}
