package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.TiledFeatures;
import org.innsight.dalsa.weights.ImportanceWeights;
import org.innsight.forest.RandomForest;
import org.innsight.forest.TrainingSet;
import org.innsight.progress.ProgressListener;

/**
 * Trains a DALSA classifier from sparse annotations of one scan: z-score the modalities within the foreground,
 * compute features of the annotated voxels and of a random sample of the scan, estimate importance weights
 * (annotated vs scan logistic regression), and grow a weighted random forest.
 */
public final class DalsaTrainer {

	/**
	 * @param classifier the trained model
	 * @param weightMap importance weight of every annotated voxel (0 elsewhere; 1 at annotated voxels without weighting)
	 * @param weightSummary min, median, mean, max of the weights, or null without weighting
	 * @param annotatedVoxels annotated voxels used (inside the foreground)
	 * @param ignoredVoxels annotated voxels ignored because they lie outside the foreground
	 * @param seconds time spent on features, weights and forest
	 */
	public record Result(DalsaClassifier classifier, Volume weightMap, double[] weightSummary, int annotatedVoxels, int ignoredVoxels,
		double[] seconds) {}

	/** What {@link #fit} returns: the forest and the weight of each training sample. */
	public record Fit(RandomForest forest, float[] weights, ImportanceWeights.Result weighting, double weightingSeconds, double forestSeconds) {}

	private DalsaTrainer() {}

	/**
	 * @param mask foreground voxels, or null for {@link IntensityNormalisation#foreground}
	 * @param classNames names by label value (missing ones become "class N")
	 * @param threads worker threads; 0 = all cores
	 */
	public static Result train(final MultiModalScan scan, final LabelVolume annotations, final boolean[] mask,
		final Map<Integer, String> classNames, final DalsaTrainRequest options, final int threads, final ProgressListener progress)
	{
		annotations.requireGridOf(scan.grid(), "the annotation image");
		final boolean[] foreground = mask != null ? mask : IntensityNormalisation.foreground(scan);
		if (foreground.length != scan.voxelCount()) throw new IllegalArgumentException("the mask does not match the scan");
		final int[] inMask = IntensityNormalisation.indices(foreground);
		if (inMask.length == 0) throw new IllegalArgumentException("the scan has no foreground voxels (all modalities are 0)");
		int ignored = 0, used = 0;
		for (int i = 0; i < annotations.size(); i++) {
			if (annotations.get(i) == 0) continue;
			if (foreground[i]) used++;
			else ignored++;
		}
		if (used == 0) throw new IllegalArgumentException("no annotated voxel lies inside the foreground; draw annotations on the scan");
		final int[] annotated = new int[used];
		for (int i = 0, k = 0; i < annotations.size(); i++) if (annotations.get(i) != 0 && foreground[i]) annotated[k++] = i;
		final int[] labels = distinctLabels(annotations, annotated);
		if (labels.length < 2) throw new IllegalArgumentException("annotations contain only class " + labels[0] + "; DALSA needs at least two classes");
		final int[] classIndex = new int[256];
		for (int c = 0; c < labels.length; c++) classIndex[labels[c]] = c;
		final int[] classes = new int[annotated.length];
		for (int i = 0; i < annotated.length; i++) classes[i] = classIndex[annotations.get(annotated[i])];

		final long t0 = System.nanoTime();
		final FeatureExtractor extractor = new FeatureExtractor(IntensityNormalisation.zScore(scan, foreground), options.features());
		final long seed = options.seed();
		final int[] scanSample = options.weighting() ? Sampling.subset(inMask, options.weightingSamples(), seed + 17) : new int[0];
		final int[] all = concat(annotated, scanSample);
		final float[][] table = TiledFeatures.gather(extractor, all, options.tileSize(), threads, progress);
		final float[][] annotatedFeatures = Sampling.columns(table, range(0, annotated.length));
		final float[][] scanFeatures = Sampling.columns(table, range(annotated.length, all.length));
		final long t1 = System.nanoTime();

		final Fit fit = fit(annotatedFeatures, classes, labels.length, scanFeatures, options, threads, progress);

		final Volume weightMap = Volume.zerosLike(scan.grid());
		for (int i = 0; i < annotated.length; i++) weightMap.voxels[annotated[i]] = fit.weights()[i];
		final List<String> names = new ArrayList<>();
		for (final int l : labels) names.add(classNames != null && classNames.containsKey(l) ? classNames.get(l) : "class " + l);
		final Map<String, String> provenance = new LinkedHashMap<>();
		provenance.put("annotatedVoxels", String.valueOf(annotated.length));
		provenance.put("weighting", options.weighting() ? "logistic regression density ratio (l2 " + options.l2() + ", " + scanSample.length + " scan voxels)" : "off");
		provenance.put("trees", String.valueOf(options.trees()));
		provenance.put("seed", String.valueOf(seed));
		provenance.put("outOfBagAccuracy", String.format(Locale.ROOT, "%.4f", fit.forest().outOfBagAccuracy()));
		provenance.put("voxelSizeMm", Arrays.toString(scan.grid().spacing()));
		final DalsaClassifier classifier = new DalsaClassifier(scan.names(), options.features(), labels, names, fit.forest(), provenance);
		final double[] seconds = { (t1 - t0) / 1e9, fit.weightingSeconds(), fit.forestSeconds() };
		return new Result(classifier, weightMap, fit.weighting() == null ? null : fit.weighting().summary(), annotated.length, ignored, seconds);
	}

	/**
	 * The learning part on precomputed features (column-major): importance weights (if on) from the annotated
	 * samples against the scan sample, then the weighted forest.
	 *
	 * @param scanFeatures features of voxels drawn from the scan (ignored without weighting)
	 */
	public static Fit fit(final float[][] annotatedFeatures, final int[] classes, final int classCount, final float[][] scanFeatures,
		final DalsaTrainRequest options, final int threads, final ProgressListener progress)
	{
		final int n = classes.length;
		final long t0 = System.nanoTime();
		float[] weights = new float[n];
		ImportanceWeights.Result weighting = null;
		if (options.weighting()) {
			final int[] fitRows = Sampling.subset(range(0, n), options.weightingSamples(), options.seed() + 29);
			weighting = ImportanceWeights.estimate(Sampling.columns(annotatedFeatures, fitRows), scanFeatures, annotatedFeatures, options.l2(), threads);
			weights = weighting.weights();
		}
		else Arrays.fill(weights, 1f);
		final long t1 = System.nanoTime();
		final RandomForest forest = RandomForest.train(new TrainingSet(annotatedFeatures, classes, weights, classCount),
			options.forest(threads), progress);
		return new Fit(forest, weights, weighting, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
	}

	static int[] distinctLabels(final LabelVolume labels, final int[] voxels) {
		final boolean[] seen = new boolean[256];
		for (final int v : voxels) seen[labels.get(v)] = true;
		return java.util.stream.IntStream.range(1, 256).filter(l -> seen[l]).toArray();
	}

	static int[] range(final int from, final int to) {
		final int[] r = new int[to - from];
		for (int i = 0; i < r.length; i++) r[i] = from + i;
		return r;
	}

	private static int[] concat(final int[] a, final int[] b) {
		final int[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
