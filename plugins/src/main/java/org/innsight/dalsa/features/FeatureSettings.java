package org.innsight.dalsa.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which voxel features DALSA computes. Per modality: the (normalised) intensity, then for every scale sigma (in
 * millimetres, so anisotropic voxels get per-axis pixel sigmas): Gaussian, difference of Gaussians (previous scale
 * minus this one; the intensity counts as scale 0), gradient magnitude, Laplacian of Gaussian, the three Hessian
 * eigenvalues (largest first) and optionally the three structure-tensor eigenvalues (gradient at sigma, integrated
 * over a Gaussian of the same sigma). Derivatives are central differences of the Gaussian-smoothed image in
 * physical units.
 */
public final class FeatureSettings {

	public static final double[] DEFAULT_SIGMAS_MM = { 1, 2, 4, 8 };
	public static final double DEFAULT_TRUNCATE = 3.0;
	/** Bounds that keep a feature computation finite whatever a (crafted) classifier file says. */
	public static final double MAX_SIGMA_MM = 100;
	public static final int MAX_SCALES = 16;
	/** Largest Gaussian kernel radius, in voxels, a scan's voxel size may turn a sigma into. */
	public static final int MAX_KERNEL_RADIUS = 512;

	private final double[] sigmasMm;
	private final boolean structureTensor;
	private final double truncate;

	public FeatureSettings(final double[] sigmasMm, final boolean structureTensor, final double truncate) {
		if (sigmasMm.length == 0) throw new IllegalArgumentException("need at least one feature scale (sigma)");
		if (sigmasMm.length > MAX_SCALES)
			throw new IllegalArgumentException("at most " + MAX_SCALES + " feature scales (sigmas), got " + sigmasMm.length);
		final double[] s = sigmasMm.clone();
		for (int i = 0; i < s.length; i++) {
			if (!(s[i] > 0) || Double.isInfinite(s[i])) throw new IllegalArgumentException("feature sigmas must be positive millimetres, got " + Arrays.toString(sigmasMm));
			if (s[i] > MAX_SIGMA_MM)
				throw new IllegalArgumentException("feature sigmas must be at most " + MAX_SIGMA_MM + " mm, got " + s[i] + " mm in " + Arrays.toString(sigmasMm));
			if (i > 0 && s[i] <= s[i - 1]) throw new IllegalArgumentException("feature sigmas must increase, got " + Arrays.toString(sigmasMm));
		}
		if (!(truncate >= 2 && truncate <= 10)) throw new IllegalArgumentException("Gaussian truncation must be 2..10 sigma, got " + truncate);
		this.sigmasMm = s;
		this.structureTensor = structureTensor;
		this.truncate = truncate;
	}

	/**
	 * Throws a clear error when a scale, on voxels of {@code spacingMm}, would need a Gaussian kernel longer than
	 * {@link #MAX_KERNEL_RADIUS} voxels (e.g. sigmas in mm on a scan whose voxel size is in micrometres).
	 */
	public void requireKernelsFit(final double[] spacingMm) {
		final double largest = sigmasMm[sigmasMm.length - 1];
		for (int a = 0; a < 3; a++) {
			final double radius = Math.ceil(truncate * largest / spacingMm[a]);
			if (radius > MAX_KERNEL_RADIUS)
				throw new IllegalArgumentException("feature sigma " + largest + " mm is " + (largest / spacingMm[a]) + " voxels of " + spacingMm[a] +
					" mm along axis " + "xyz".charAt(a) + ": a kernel of radius " + (long) radius + " voxels (at most " + MAX_KERNEL_RADIUS +
					"); check the scan's voxel size and unit");
		}
	}

	public static FeatureSettings defaults() {
		return new FeatureSettings(DEFAULT_SIGMAS_MM, false, DEFAULT_TRUNCATE);
	}

	public double[] sigmasMm() {
		return sigmasMm.clone();
	}

	public int scaleCount() {
		return sigmasMm.length;
	}

	public double sigmaMm(final int scale) {
		return sigmasMm[scale];
	}

	public boolean structureTensor() {
		return structureTensor;
	}

	/** Gaussians are cut at this many standard deviations; it sets the tile halo. */
	public double truncate() {
		return truncate;
	}

	/** Features computed at each scale. */
	public int featuresPerScale() {
		return structureTensor ? 10 : 7;
	}

	public int featuresPerModality() {
		return 1 + scaleCount() * featuresPerScale();
	}

	/** Feature names like "T1c gauss 2mm", in the order of the feature vector. */
	public List<String> featureNames(final List<String> modalities) {
		final List<String> names = new ArrayList<>();
		for (final String m : modalities) {
			names.add(m + " intensity");
			for (final double s : sigmasMm) {
				final String scale = " " + (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "mm";
				for (final String f : new String[] { "gauss", "dog", "gradient", "log", "hessian1", "hessian2", "hessian3" })
					names.add(m + " " + f + scale);
				if (structureTensor)
					for (final String f : new String[] { "structure1", "structure2", "structure3" }) names.add(m + " " + f + scale);
			}
		}
		return names;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof FeatureSettings f && Arrays.equals(f.sigmasMm, sigmasMm) && f.structureTensor == structureTensor && f.truncate == truncate;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(sigmasMm) * 31 + (structureTensor ? 1 : 0) + Double.hashCode(truncate);
	}

	@Override
	public String toString() {
		return "sigmas " + Arrays.toString(sigmasMm) + " mm" + (structureTensor ? " + structure tensor" : "") + ", truncate " + truncate;
	}
}
