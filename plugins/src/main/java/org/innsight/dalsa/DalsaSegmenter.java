package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.List;

import org.innsight.dalsa.features.Box;
import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.TileFeatures;
import org.innsight.forest.RandomForest;
import org.innsight.progress.ParallelTasks;
import org.innsight.progress.ProgressListener;

/**
 * Segments a scan with a trained DALSA classifier, tile by tile: each tile's features feed the forest in small
 * batches and are dropped, so memory stays at a few tiles plus the output maps. Voxels outside the foreground get
 * label 0 and probability 0.
 */
public final class DalsaSegmenter {

	/** Rows per forest batch: a batch of feature vectors and one tree fit in the CPU cache together. */
	static final int BATCH = 256;

	/**
	 * @param labels the most probable class label per voxel (0 outside the foreground)
	 * @param probabilities one map per class (in the classifier's class order), or empty if not requested
	 */
	public record Segmentation(LabelVolume labels, List<Volume> probabilities) {}

	private DalsaSegmenter() {}

	/**
	 * @param mask foreground voxels to classify, or null for {@link IntensityNormalisation#foreground}
	 * @param withProbabilities also return per-class probability maps
	 */
	public static Segmentation segment(final DalsaClassifier classifier, final MultiModalScan scan, final boolean[] mask,
		final boolean withProbabilities, final int[] tileSize, final int threads, final ProgressListener progress)
	{
		return segment(classifier, scan, mask, true, withProbabilities, tileSize, threads, progress);
	}

	/**
	 * @param mask voxels to classify, or null for {@link IntensityNormalisation#foreground}
	 * @param normaliseOverMask true: z-score the intensities over the mask; false: over the scan's foreground
	 *        (voxels non-zero in any modality) whatever the mask
	 */
	public static Segmentation segment(final DalsaClassifier classifier, final MultiModalScan scan, final boolean[] mask, final boolean normaliseOverMask,
		final boolean withProbabilities, final int[] tileSize, final int threads, final ProgressListener progress)
	{
		classifier.requireCompatible(scan);
		classifier.features().requireKernelsFit(scan.grid().spacing());
		final boolean[] foreground = mask != null ? mask : IntensityNormalisation.foreground(scan);
		if (foreground.length != scan.voxelCount()) throw new IllegalArgumentException("the mask does not match the scan");
		if (IntensityNormalisation.count(foreground) == 0)
			throw new IllegalArgumentException(mask != null ? "the mask is empty" : "the scan has no foreground voxels (all modalities are 0)");
		final boolean[] normaliseOver = normaliseOverMask || mask == null ? foreground : IntensityNormalisation.foreground(scan);
		final FeatureExtractor extractor = new FeatureExtractor(IntensityNormalisation.zScore(scan, normaliseOver), classifier.features());
		final int k = classifier.classCount(), features = extractor.featureCount();
		final Volume grid = scan.grid();
		final LabelVolume labels = LabelVolume.zerosLike(grid);
		final List<Volume> probabilities = new ArrayList<>();
		if (withProbabilities) for (int c = 0; c < k; c++) probabilities.add(Volume.zerosLike(grid));
		final int[] dims = grid.dimensions();
		final List<Box> tiles = extractor.tiles(tileSize);
		final RandomForest forest = classifier.forest();
		ParallelTasks.run(tiles.size(), threads, t -> {
			final Box core = tiles.get(t);
			if (!anyInside(core, foreground, dims)) return;
			final TileFeatures tile = extractor.compute(core);
			final float[] rows = new float[BATCH * features];
			final float[] p = new float[BATCH * k];
			final int[] voxels = new int[BATCH];
			int n = 0;
			for (int z = core.z0(); z < core.end(2); z++)
				for (int y = core.y0(); y < core.end(1); y++)
					for (int x = core.x0(); x < core.end(0); x++) {
						final int v = grid.index(x, y, z);
						if (!foreground[v]) continue;
						tile.featuresAt(x, y, z, rows, n * features);
						voxels[n++] = v;
						if (n == BATCH) {
							store(forest, rows, n, p, voxels, classifier, labels, probabilities);
							n = 0;
						}
					}
			if (n > 0) store(forest, rows, n, p, voxels, classifier, labels, probabilities);
		}, progress, "segmenting");
		return new Segmentation(labels, probabilities);
	}

	private static void store(final RandomForest forest, final float[] rows, final int n, final float[] p, final int[] voxels,
		final DalsaClassifier classifier, final LabelVolume labels, final List<Volume> probabilities)
	{
		final int k = classifier.classCount();
		forest.predict(rows, n, p);
		for (int r = 0; r < n; r++) {
			labels.labels[voxels[r]] = (byte) classifier.classLabel(argmax(p, r * k, k));
			for (int c = 0; c < probabilities.size(); c++) probabilities.get(c).voxels[voxels[r]] = p[r * k + c];
		}
	}

	/** Index of the largest of values[offset .. offset + k - 1]; ties go to the first. */
	static int argmax(final float[] values, final int offset, final int k) {
		int best = 0;
		for (int c = 1; c < k; c++) if (values[offset + c] > values[offset + best]) best = c;
		return best;
	}

	/**
	 * Class probabilities of precomputed feature vectors (column-major table), n x k row-major; for experiments
	 * that reuse one feature table for several classifiers.
	 */
	public static float[] predict(final RandomForest forest, final float[][] columns, final int threads, final ProgressListener progress) {
		final int n = columns[0].length, f = columns.length, k = forest.classCount();
		final float[] out = new float[n * k];
		final int chunks = (n + BATCH * 16 - 1) / (BATCH * 16);
		ParallelTasks.run(chunks, threads, ch -> {
			final float[] rows = new float[BATCH * f];
			final float[] p = new float[BATCH * k];
			for (int start = ch * BATCH * 16; start < Math.min(n, (ch + 1) * BATCH * 16); start += BATCH) {
				final int m = Math.min(BATCH, n - start);
				for (int r = 0; r < m; r++) for (int j = 0; j < f; j++) rows[r * f + j] = columns[j][start + r];
				forest.predict(rows, m, p);
				System.arraycopy(p, 0, out, start * k, m * k);
			}
		}, progress, "predicting");
		return out;
	}

	private static boolean anyInside(final Box core, final boolean[] mask, final int[] dims) {
		for (int z = core.z0(); z < core.end(2); z++)
			for (int y = core.y0(); y < core.end(1); y++) {
				final int row = dims[0] * (y + dims[1] * z);
				for (int x = core.x0(); x < core.end(0); x++) if (mask[row + x]) return true;
			}
		return false;
	}
}
