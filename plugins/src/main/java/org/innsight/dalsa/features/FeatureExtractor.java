package org.innsight.dalsa.features;

import java.util.ArrayList;
import java.util.List;

import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.Volume;

/**
 * Computes DALSA's voxel features tile by tile: for a tile core it smooths only the core plus the halo the
 * kernels need (about truncate x sigma), so memory depends on the tile size, not on the scan size.
 */
public final class FeatureExtractor {

	/** Default tile core: whole slices of BraTS-sized scans, 16 slices deep. */
	public static final int[] DEFAULT_TILE = { 256, 256, 16 };

	private final MultiModalScan scan;
	private final FeatureSettings settings;
	private final int[] dims;
	private final double[] spacing;

	/** @param normalised the scan after intensity normalisation (features are computed on it as given) */
	public FeatureExtractor(final MultiModalScan normalised, final FeatureSettings settings) {
		this.scan = normalised;
		this.settings = settings;
		this.dims = normalised.grid().dimensions();
		this.spacing = normalised.grid().spacing();
	}

	public FeatureSettings settings() {
		return settings;
	}

	public int[] dimensions() {
		return dims.clone();
	}

	public int featureCount() {
		return scan.modalityCount() * settings.featuresPerModality();
	}

	public List<String> featureNames() {
		return settings.featureNames(scan.names());
	}

	/** Halo in voxels per axis a tile needs around its core (for reporting; each scale uses only its own). */
	public int[] halo() {
		final double largest = settings.sigmaMm(settings.scaleCount() - 1);
		final int[] h = new int[3];
		for (int a = 0; a < 3; a++) {
			final int r = GaussianKernel.radius(largest / spacing[a], settings.truncate());
			h[a] = r + 1 + (settings.structureTensor() ? r : 0);
		}
		return h;
	}

	/** The tile cores that cover the image, x fastest. */
	public List<Box> tiles(final int[] tileSize) {
		return tiles(dims, tileSize);
	}

	public static List<Box> tiles(final int[] dims, final int[] tileSize) {
		final List<Box> out = new ArrayList<>();
		final int[] t = new int[3];
		for (int a = 0; a < 3; a++) {
			if (tileSize[a] < 1) throw new IllegalArgumentException("tile size must be positive");
			t[a] = Math.min(tileSize[a], dims[a]);
		}
		for (int z = 0; z < dims[2]; z += t[2])
			for (int y = 0; y < dims[1]; y += t[1])
				for (int x = 0; x < dims[0]; x += t[0])
					out.add(new Box(x, y, z, Math.min(t[0], dims[0] - x), Math.min(t[1], dims[1] - y), Math.min(t[2], dims[2] - z)));
		return out;
	}

	/** Smooths what the tile {@code core} needs; the result answers feature queries for voxels in the core. */
	public TileFeatures compute(final Box core) {
		final int modalities = scan.modalityCount(), scales = settings.scaleCount();
		final float[][] intensity = new float[modalities][];
		final Block[][] smoothed = new Block[modalities][scales];
		final Block[][][] structure = settings.structureTensor() ? new Block[modalities][scales][] : null;
		final Box whole = Box.of(dims);
		for (int m = 0; m < modalities; m++) {
			final Volume v = scan.modality(m);
			intensity[m] = v.voxels;
			final Block source = new Block(whole, v.voxels);
			for (int s = 0; s < scales; s++) {
				final double[] sigma = sigmaVoxels(settings.sigmaMm(s));
				final int[] rim = { 1, 1, 1 };
				if (structure != null)
					for (int a = 0; a < 3; a++) rim[a] += GaussianKernel.radius(sigma[a], settings.truncate());
				smoothed[m][s] = SeparableGaussian.smooth(source, core.grow(rim, dims), sigma, settings.truncate(), dims);
				if (structure != null) structure[m][s] = structureTensorEigenvalues(smoothed[m][s], core, sigma);
			}
		}
		return new TileFeatures(core, dims, spacing, intensity, smoothed, structure, featureCount());
	}

	private double[] sigmaVoxels(final double sigmaMm) {
		return new double[] { sigmaMm / spacing[0], sigmaMm / spacing[1], sigmaMm / spacing[2] };
	}

	/** Eigenvalues of the gradient outer product of {@code g}, integrated with the same sigma, on {@code core}. */
	private Block[] structureTensorEigenvalues(final Block g, final Box core, final double[] sigma) {
		final int[] r = new int[3];
		for (int a = 0; a < 3; a++) r[a] = GaussianKernel.radius(sigma[a], settings.truncate());
		final Box around = core.grow(r, dims);
		final Block[] products = new Block[6];
		for (int i = 0; i < 6; i++) products[i] = new Block(around);
		final double[] grad = new double[3];
		int i = 0;
		for (int z = around.z0(); z < around.end(2); z++)
			for (int y = around.y0(); y < around.end(1); y++)
				for (int x = around.x0(); x < around.end(0); x++, i++) {
					TileFeatures.gradient(g, x, y, z, dims, spacing, grad);
					products[0].data[i] = (float) (grad[0] * grad[0]);
					products[1].data[i] = (float) (grad[1] * grad[1]);
					products[2].data[i] = (float) (grad[2] * grad[2]);
					products[3].data[i] = (float) (grad[0] * grad[1]);
					products[4].data[i] = (float) (grad[0] * grad[2]);
					products[5].data[i] = (float) (grad[1] * grad[2]);
				}
		final Block[] tensor = new Block[6];
		for (int c = 0; c < 6; c++) tensor[c] = SeparableGaussian.smooth(products[c], core, sigma, settings.truncate(), dims);
		final Block[] eigen = { new Block(core), new Block(core), new Block(core) };
		final float[] e = new float[3];
		for (int j = 0; j < eigen[0].data.length; j++) {
			SymmetricEigen3.eigenvalues(tensor[0].data[j], tensor[1].data[j], tensor[2].data[j], tensor[3].data[j],
				tensor[4].data[j], tensor[5].data[j], e, 0);
			for (int k = 0; k < 3; k++) eigen[k].data[j] = e[k];
		}
		return eigen;
	}
}
