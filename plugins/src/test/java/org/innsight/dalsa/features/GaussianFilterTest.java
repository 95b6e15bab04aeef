package org.innsight.dalsa.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.Volume;
import org.junit.jupiter.api.Test;

class GaussianFilterTest {

	@Test
	void gaussianOfADeltaIsTheSampledAnisotropicGaussian() {
		final double[] spacing = { 1.0, 0.8, 1.6 };
		final Volume delta = new Volume(41, 37, 33, spacing);
		final int cx = 20, cy = 18, cz = 16;
		delta.set(cx, cy, cz, 1f);
		final double sigmaMm = 3;
		final Volume g = SeparableGaussian.smooth(delta, new double[] { sigmaMm, sigmaMm, sigmaMm }, 5);
		double max = 0, worst = 0, sum = 0;
		for (int z = 0; z < 33; z++)
			for (int y = 0; y < 37; y++)
				for (int x = 0; x < 41; x++) {
					double expected = 1;
					final int[] d = { x - cx, y - cy, z - cz };
					for (int a = 0; a < 3; a++) {
						final double s = sigmaMm / spacing[a];
						expected *= Math.exp(-0.5 * d[a] * d[a] / (s * s)) / (Math.sqrt(2 * Math.PI) * s);
					}
					max = Math.max(max, expected);
					worst = Math.max(worst, Math.abs(g.get(x, y, z) - expected));
					sum += g.get(x, y, z);
				}
		assertTrue(worst < 1e-5 * max, "largest deviation " + worst + " of peak " + max);
		assertEquals(1.0, sum, 1e-5, "mass is preserved away from the borders");
	}

	@Test
	void derivativesOfAQuadraticMatchItsAnalyticGradientLaplacianAndHessian() {
		// Hessian with known eigenvalues 3, 0.5, -1: H = R diag(3, 0.5, -1) R^T for a rotation R.
		final double[] eig = { 3, 0.5, -1 };
		final double[][] r = rotation(0.4, -0.7, 1.1);
		final double[][] h = new double[3][3];
		for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) h[i][j] += r[i][k] * eig[k] * r[j][k];
		final double[] lin = { 0.3, -0.2, 0.5 };
		final double[] spacing = { 0.9, 1.1, 2.0 };
		final int w = 40, ht = 36, d = 24;
		final Volume q = new Volume(w, ht, d, spacing);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < ht; y++)
				for (int x = 0; x < w; x++) {
					final double[] p = { (x - w / 2) * spacing[0], (y - ht / 2) * spacing[1], (z - d / 2) * spacing[2] };
					double v = 0;
					for (int i = 0; i < 3; i++) {
						v += lin[i] * p[i];
						for (int j = 0; j < 3; j++) v += 0.5 * h[i][j] * p[i] * p[j];
					}
					q.set(x, y, z, (float) (v / 10));
				}
		final FeatureSettings settings = new FeatureSettings(new double[] { 1, 2 }, false, 5);
		final FeatureExtractor fx = new FeatureExtractor(new MultiModalScan(List.of("q"), List.of(q)), settings);
		final TileFeatures tile = fx.compute(Box.of(q.dimensions()));
		final float[] f = new float[fx.featureCount()];
		final double trace = (h[0][0] + h[1][1] + h[2][2]) / 10;
		int checked = 0;
		// Voxels at least one kernel radius (5 sigma of 2 mm) + 1 from every border see no mirroring.
		for (int z = 6; z < d - 6; z += 3)
			for (int y = 12; y < ht - 12; y += 4)
				for (int x = 14; x < w - 13; x += 4) {
					tile.featuresAt(x, y, z, f, 0);
					final double[] p = { (x - w / 2) * spacing[0], (y - ht / 2) * spacing[1], (z - d / 2) * spacing[2] };
					final double[] grad = new double[3];
					for (int i = 0; i < 3; i++) {
						grad[i] = lin[i];
						for (int j = 0; j < 3; j++) grad[i] += h[i][j] * p[j];
						grad[i] /= 10;
					}
					final double gradMag = Math.sqrt(grad[0] * grad[0] + grad[1] * grad[1] + grad[2] * grad[2]);
					for (int s = 0; s < 2; s++) {
						final double sigma = s == 0 ? 1 : 2;
						final int o = 1 + 7 * s;
						// Gaussian smoothing of a quadratic adds sigma^2 / 2 * trace(H).
						assertEquals(q.get(x, y, z) + 0.5 * sigma * sigma * trace, f[o], 2e-3, "gauss");
						assertEquals(-0.5 * trace * (s == 0 ? 1 : 3), f[o + 1], 2e-3, "difference of Gaussians");
						assertEquals(gradMag, f[o + 2], 2e-3, "gradient magnitude");
						assertEquals(trace, f[o + 3], 2e-3, "Laplacian of Gaussian");
						for (int e = 0; e < 3; e++) assertEquals(eig[e] / 10, f[o + 4 + e], 2e-3, "Hessian eigenvalue " + e);
					}
					checked++;
				}
		assertTrue(checked > 20);
	}

	@Test
	void structureTensorOfALinearRampHasEigenvaluesGradientSquaredZeroZero() {
		final double[] g = { 0.3, -0.4, 1.2 }, spacing = { 1.0, 1.5, 2.0 };
		final Volume ramp = new Volume(30, 26, 22, spacing);
		for (int z = 0; z < 22; z++)
			for (int y = 0; y < 26; y++)
				for (int x = 0; x < 30; x++) ramp.set(x, y, z, (float) (g[0] * x * spacing[0] + g[1] * y * spacing[1] + g[2] * z * spacing[2]));
		final FeatureExtractor fx = new FeatureExtractor(new MultiModalScan(List.of("r"), List.of(ramp)), new FeatureSettings(new double[] { 2 }, true, 3));
		final TileFeatures tile = fx.compute(Box.of(ramp.dimensions()));
		final float[] f = new float[fx.featureCount()];
		tile.featuresAt(15, 13, 11, f, 0);
		final double g2 = g[0] * g[0] + g[1] * g[1] + g[2] * g[2];
		assertEquals(Math.sqrt(g2), f[3], 1e-4, "gradient magnitude");
		assertEquals(g2, f[8], 1e-3, "largest structure-tensor eigenvalue");
		assertEquals(0, f[9], 1e-3);
		assertEquals(0, f[10], 1e-3);
	}

	static double[][] rotation(final double a, final double b, final double c) {
		final double[][] rx = { { 1, 0, 0 }, { 0, Math.cos(a), -Math.sin(a) }, { 0, Math.sin(a), Math.cos(a) } };
		final double[][] ry = { { Math.cos(b), 0, Math.sin(b) }, { 0, 1, 0 }, { -Math.sin(b), 0, Math.cos(b) } };
		final double[][] rz = { { Math.cos(c), -Math.sin(c), 0 }, { Math.sin(c), Math.cos(c), 0 }, { 0, 0, 1 } };
		return mul(rz, mul(ry, rx));
	}

	static double[][] mul(final double[][] a, final double[][] b) {
		final double[][] c = new double[3][3];
		for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
		return c;
	}
}
