package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.TiledFeatures;
import org.innsight.dalsa.weights.ClassWeighting;
import org.innsight.forest.RandomForest;
import org.innsight.forest.TrainingSet;
import org.innsight.progress.ProgressListener;

/**
 * Trains a DALSA classifier from sparse annotations of one or several scans: z-score each scan's modalities on
 * their own (within its foreground, or over its mask), compute features of the annotated voxels and of a random
 * sample of every scan, estimate importance weights ({@link ClassWeighting}), and grow a weighted random forest on
 * the pooled annotated voxels.
 */
public final class DalsaTrainer {

	/**
	 * One annotated training scan.
	 *
	 * @param name how messages name it (e.g. its file)
	 * @param annotations label image on the scan's grid: 0 = unannotated, 1..255 = classes
	 * @param mask voxels to train on, or null for {@link IntensityNormalisation#foreground}
	 */
	public record Example(String name, MultiModalScan scan, LabelVolume annotations, boolean[] mask) {}

	/**
	 * @param classifier the trained model
	 * @param weightMaps per example, the importance weight of every annotated voxel (0 elsewhere; 1 at annotated
	 *        voxels without weighting)
	 * @param weighting per-class weight statistics (ESS) and warnings; with weighting off, the statistics of all-1 weights
	 * @param annotatedVoxels annotated voxels used (inside the foreground), all examples together
	 * @param ignoredVoxels annotated voxels ignored because they lie outside the foreground
	 * @param seconds time spent on features, weights and forest
	 */
	public record Result(DalsaClassifier classifier, List<Volume> weightMaps, ClassWeighting.Result weighting, int annotatedVoxels, int ignoredVoxels,
		double[] seconds)
	{
		/** The weight map of the first (or only) example. */
		public Volume weightMap() {
			return weightMaps.get(0);
		}

		/** min, median, mean, max of the weights (all 1 without weighting). */
		public double[] weightSummary() {
			return weighting.summary();
		}
	}

	/** What {@link #fit} returns: the forest and the weight of each training sample. */
	public record Fit(RandomForest forest, float[] weights, ClassWeighting.Result weighting, double weightingSeconds, double forestSeconds) {}

	private DalsaTrainer() {}

	/**
	 * One scan.
	 *
	 * @param mask foreground voxels, or null for {@link IntensityNormalisation#foreground}
	 * @param classNames names by label value (missing ones become "class N")
	 * @param threads worker threads; 0 = all cores
	 */
	public static Result train(final MultiModalScan scan, final LabelVolume annotations, final boolean[] mask,
		final Map<Integer, String> classNames, final DalsaTrainRequest options, final int threads, final ProgressListener progress)
	{
		return train(List.of(new Example("the scan", scan, annotations, mask)), classNames, options, threads, progress);
	}

	/**
	 * Several scans of one protocol (same modalities, in the same order), each normalised on its own; their
	 * annotated voxels are pooled. The classifier's modality names are the request's {@code modalities} when set,
	 * else those of the first scan (then every scan must have the same names).
	 */
	public static Result train(final List<Example> examples, final Map<Integer, String> classNames, final DalsaTrainRequest options,
		final int threads, final ProgressListener progress)
	{
		if (examples.isEmpty()) throw new IllegalArgumentException("no training scan given");
		final List<String> modalities = modalityNames(examples, options);
		final long seed = options.seed();
		final long t0 = System.nanoTime();
		final List<float[][]> annotatedParts = new ArrayList<>(), scanParts = new ArrayList<>();
		final List<int[]> annotatedVoxels = new ArrayList<>();
		final List<LabelVolume> labelsOf = new ArrayList<>();
		int ignored = 0, total = 0;
		final int perScan = (options.weightingSamples() + examples.size() - 1) / examples.size();
		for (int e = 0; e < examples.size(); e++) {
			final Example ex = examples.get(e);
			final MultiModalScan scan = ex.scan();
			ex.annotations().requireGridOf(scan.grid(), "the annotation image of " + ex.name());
			options.features().requireKernelsFit(scan.grid().spacing());
			final boolean[] foreground = ex.mask() != null ? ex.mask() : IntensityNormalisation.foreground(scan);
			if (foreground.length != scan.voxelCount()) throw new IllegalArgumentException("the mask of " + ex.name() + " does not match its scan");
			final int[] inMask = IntensityNormalisation.indices(foreground);
			if (inMask.length == 0) throw new IllegalArgumentException(ex.name() + " has no foreground voxels (all modalities are 0, or the mask is empty)");
			int used = 0;
			for (int i = 0; i < ex.annotations().size(); i++) {
				if (ex.annotations().get(i) == 0) continue;
				if (foreground[i]) used++;
				else ignored++;
			}
			final int[] annotated = new int[used];
			for (int i = 0, k = 0; i < ex.annotations().size(); i++) if (ex.annotations().get(i) != 0 && foreground[i]) annotated[k++] = i;
			total += used;
			final boolean[] normaliseOver = options.normaliseOverMask() || ex.mask() == null ? foreground : IntensityNormalisation.foreground(scan);
			final FeatureExtractor extractor = new FeatureExtractor(IntensityNormalisation.zScore(scan, normaliseOver), options.features());
			final int[] scanSample = options.weighting() ? Sampling.subset(inMask, perScan, seed + 17 + 1000L * e) : new int[0];
			final int[] all = concat(annotated, scanSample);
			final float[][] table = all.length == 0 ? new float[extractor.featureCount()][0] : TiledFeatures.gather(extractor, all, options.tileSize(), threads, progress);
			annotatedParts.add(Sampling.columns(table, Sampling.range(0, annotated.length)));
			scanParts.add(Sampling.columns(table, Sampling.range(annotated.length, all.length)));
			annotatedVoxels.add(annotated);
			labelsOf.add(ex.annotations());
		}
		if (total == 0) throw new IllegalArgumentException("no annotated voxel lies inside the foreground; draw annotations on the scan");
		final boolean[] seen = new boolean[256];
		for (int e = 0; e < examples.size(); e++) for (final int v : annotatedVoxels.get(e)) seen[labelsOf.get(e).get(v)] = true;
		final int[] labels = java.util.stream.IntStream.range(1, 256).filter(l -> seen[l]).toArray();
		if (labels.length < 2) throw new IllegalArgumentException("annotations contain only class " + labels[0] + "; DALSA needs at least two classes");
		final int[] classIndex = new int[256];
		for (int c = 0; c < labels.length; c++) classIndex[labels[c]] = c;
		final int[] classes = new int[total];
		for (int e = 0, k = 0; e < examples.size(); e++) for (final int v : annotatedVoxels.get(e)) classes[k++] = classIndex[labelsOf.get(e).get(v)];
		final float[][] annotatedFeatures = stack(annotatedParts), scanFeatures = stack(scanParts);
		final long t1 = System.nanoTime();

		final List<String> names = new ArrayList<>();
		for (final int l : labels) names.add(classNames != null && classNames.containsKey(l) ? classNames.get(l) : "class " + l);
		final Fit fit = fit(annotatedFeatures, classes, labels.length, scanFeatures, names, options, threads, progress);

		final List<Volume> weightMaps = new ArrayList<>();
		for (int e = 0, k = 0; e < examples.size(); e++) {
			final Volume map = Volume.zerosLike(examples.get(e).scan().grid());
			for (final int v : annotatedVoxels.get(e)) map.voxels[v] = fit.weights()[k++];
			weightMaps.add(map);
		}
		final Map<String, String> provenance = new LinkedHashMap<>();
		provenance.put("annotatedVoxels", String.valueOf(total));
		if (examples.size() > 1) provenance.put("trainingScans", String.valueOf(examples.size()));
		provenance.put("weighting", describe(options, scanFeatures[0].length));
		provenance.put("normalisation", options.normaliseOverMask() ? "z-score per scan over its mask (or foreground)" : "z-score per scan over its foreground");
		provenance.put("trees", String.valueOf(options.trees()));
		provenance.put("seed", String.valueOf(seed));
		provenance.put("outOfBagAccuracy", String.format(Locale.ROOT, "%.4f", fit.forest().outOfBagAccuracy()));
		provenance.put("voxelSizeMm", Arrays.toString(examples.get(0).scan().grid().spacing()));
		final DalsaClassifier classifier = new DalsaClassifier(modalities, options.features(), labels, names, fit.forest(), provenance);
		final double[] seconds = { (t1 - t0) / 1e9, fit.weightingSeconds(), fit.forestSeconds() };
		return new Result(classifier, weightMaps, fit.weighting(), total, ignored, seconds);
	}

	private static String describe(final DalsaTrainRequest o, final int scanSamples) {
		if (!o.weighting()) return "off";
		final ClassWeighting.Options w = o.weightingOptions();
		return ClassWeighting.GLOBAL.equals(w.method()) ? "global logistic regression density ratio (l2 " + w.l2() + ", " + scanSamples + " scan voxels)"
			: "class-conditional logistic regression density ratio (l2 " + w.l2() + ", " + scanSamples + " scan voxels, temper " + w.temper() + ", clip " +
				w.clip() + ", normalised per class)";
	}

	/** The request's modality names, or the first scan's; every scan must have as many (and, without names given, the same). */
	static List<String> modalityNames(final List<Example> examples, final DalsaTrainRequest options) {
		final List<String> given = options.modalities();
		final List<String> first = examples.get(0).scan().names();
		if (!given.isEmpty() && given.size() != first.size())
			throw new IllegalArgumentException("modalities names " + given.size() + " modalities " + given + " but " + examples.get(0).name() + " has " +
				first.size());
		for (final Example e : examples) {
			final List<String> names = e.scan().names();
			if (names.size() != first.size())
				throw new IllegalArgumentException(e.name() + " has " + names.size() + " modalities " + names + " but " + examples.get(0).name() + " has " +
					first.size() + " " + first + "; every training scan needs the same modalities in the same order");
			if (given.isEmpty() && !names.equals(first))
				throw new IllegalArgumentException(e.name() + " has modalities " + names + " but " + examples.get(0).name() + " has " + first +
					"; give the same modalities in the same order, or name them with --modalities");
		}
		return given.isEmpty() ? first : given;
	}

	/**
	 * The learning part on precomputed features (column-major): importance weights (if on) from the annotated
	 * samples against the scan sample, then the weighted forest.
	 *
	 * @param scanFeatures features of voxels drawn from the scan(s) (ignored without weighting)
	 * @param classNames per class index, for the weighting's warnings
	 */
	public static Fit fit(final float[][] annotatedFeatures, final int[] classes, final int classCount, final float[][] scanFeatures,
		final List<String> classNames, final DalsaTrainRequest options, final int threads, final ProgressListener progress)
	{
		final int n = classes.length;
		final long t0 = System.nanoTime();
		final ClassWeighting.Result weighting;
		if (options.weighting()) {
			final ClassWeighting.Options w = options.weightingOptions();
			float[][] membership = null;
			if (ClassWeighting.CLASS.equals(w.method())) {
				// pi_c(x) of the scan sample from a small unweighted forest: which scan voxels belong to which class
				final RandomForest first = RandomForest.train(TrainingSet.unweighted(annotatedFeatures, classes, classCount),
					options.forest(threads).withTrees(Math.min(options.trees(), MEMBERSHIP_TREES)).withSeed(options.seed() + 43), progress);
				final float[] p = DalsaSegmenter.predict(first, scanFeatures, threads, progress);
				final int m = scanFeatures[0].length;
				membership = new float[classCount][m];
				for (int s = 0; s < m; s++) for (int c = 0; c < classCount; c++) membership[c][s] = p[s * classCount + c];
			}
			weighting = ClassWeighting.weigh(annotatedFeatures, classes, classCount, scanFeatures, membership, classNames, w, threads);
		}
		else {
			final float[] ones = new float[n];
			Arrays.fill(ones, 1f);
			weighting = new ClassWeighting.Result(ones, ClassWeighting.stats(ones, classes, classCount, null), List.of());
		}
		final long t1 = System.nanoTime();
		final RandomForest forest = RandomForest.train(new TrainingSet(annotatedFeatures, classes, weighting.weights(), classCount),
			options.forest(threads), progress);
		return new Fit(forest, weighting.weights(), weighting, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
	}

	/** Trees of the preliminary unweighted forest that tells which scan voxels belong to which class. */
	static final int MEMBERSHIP_TREES = 32;

	private static float[][] stack(final List<float[][]> parts) {
		final int features = parts.get(0).length;
		int n = 0;
		for (final float[][] p : parts) n += p[0].length;
		final float[][] out = new float[features][n];
		for (int f = 0; f < features; f++) {
			int at = 0;
			for (final float[][] p : parts) {
				System.arraycopy(p[f], 0, out[f], at, p[f].length);
				at += p[f].length;
			}
		}
		return out;
	}

	private static int[] concat(final int[] a, final int[] b) {
		final int[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
