package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.List;

import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.TiledFeatures;
import org.innsight.dalsa.weights.ClassWeighting;
import org.innsight.progress.ProgressListener;

/**
 * The DALSA experiment: on one scan with full ground truth, train from sparse scribbles with and without
 * importance weighting, and from the full labelling (upper bound), and score every result with Dice. Features of
 * all foreground voxels are computed once and shared by all runs (they are the same features the tiled
 * segmenter computes).
 */
public final class DalsaEvaluation {

	/**
	 * @param scribbles annotation set name (e.g. "unbiased")
	 * @param training "sparse unweighted", "weighted class", "weighted global" or "fully labelled"
	 * @param dice Dice per class label of {@link #labels}
	 * @param wholeTumour Dice of the union of the tumour labels (NaN if none given)
	 * @param trainingVoxels voxels the forest was trained on
	 * @param weightSummary min, median, mean, max importance weight
	 * @param ess effective sample size of the weights per label of {@link #labels} (NaN: class not annotated)
	 * @param voxels annotated voxels per label of {@link #labels}
	 * @param warnings the weighting's warnings (collapsed classes)
	 */
	public record Row(String scribbles, String training, int[] labels, double[] dice, double wholeTumour, int trainingVoxels, double seconds,
		double[] weightSummary, double[] ess, double[] voxels, List<String> warnings)
	{
		public double meanDice() {
			return Dice.mean(dice);
		}
	}

	/** A named sparse annotation of the scan. */
	public record Annotation(String name, LabelVolume labels) {}

	/** Names of labels 1..4 in the warnings (the phantom's and the anatomy case's classes). */
	private static final List<String> PHANTOM_NAMES = org.innsight.dalsa.phantom.BrainTumourPhantom.CLASS_NAMES;

	private DalsaEvaluation() {}

	/**
	 * @param tumourLabels labels whose union is the whole tumour (may be empty)
	 * @param fullSamples the fully labelled run trains on this many random foreground voxels (all if fewer)
	 */
	public static List<Row> run(final MultiModalScan scan, final LabelVolume truth, final List<Annotation> annotations, final int[] tumourLabels,
		final DalsaTrainRequest options, final int threads, final int fullSamples, final ProgressListener progress)
	{
		return run(scan, truth, annotations, tumourLabels, options, List.of(ClassWeighting.CLASS, ClassWeighting.GLOBAL), threads, fullSamples, progress);
	}

	/**
	 * @param methods weighting methods compared with unweighted training ({@link ClassWeighting#METHODS})
	 * @param fullSamples the fully labelled run trains on this many random foreground voxels (all if fewer; 0: no such run)
	 */
	public static List<Row> run(final MultiModalScan scan, final LabelVolume truth, final List<Annotation> annotations, final int[] tumourLabels,
		final DalsaTrainRequest options, final List<String> methods, final int threads, final int fullSamples, final ProgressListener progress)
	{
		truth.requireGridOf(scan.grid(), "the ground truth");
		final boolean[] mask = IntensityNormalisation.foreground(scan);
		final int[] inMask = IntensityNormalisation.indices(mask);
		final int[] rowOf = new int[scan.voxelCount()];
		java.util.Arrays.fill(rowOf, -1);
		for (int r = 0; r < inMask.length; r++) rowOf[inMask[r]] = r;
		final FeatureExtractor extractor = new FeatureExtractor(IntensityNormalisation.zScore(scan, mask), options.features());
		final float[][] table = TiledFeatures.gather(extractor, inMask, options.tileSize(), threads, progress);
		final long seed = options.seed();
		final float[][] scanSample = Sampling.columns(table, Sampling.subset(Sampling.range(0, inMask.length), options.weightingSamples(), seed + 17));
		final int[] labels = truth.classes();

		final List<Row> rows = new ArrayList<>();
		for (final Annotation a : annotations) {
			a.labels().requireGridOf(scan.grid(), "annotation " + a.name());
			final List<Integer> annotatedRows = new ArrayList<>();
			for (int i = 0; i < a.labels().size(); i++) if (a.labels().get(i) != 0 && rowOf[i] >= 0) annotatedRows.add(rowOf[i]);
			final int[] rowsA = annotatedRows.stream().mapToInt(Integer::intValue).toArray();
			final int[] voxelLabels = new int[rowsA.length];
			for (int i = 0; i < rowsA.length; i++) voxelLabels[i] = a.labels().get(inMask[rowsA[i]]);
			rows.add(score(a.name(), "sparse unweighted", table, rowsA, voxelLabels, scanSample, options.with(DalsaTrainRequest.WEIGHTING, false),
				threads, inMask, truth, labels, tumourLabels, progress));
			for (final String method : methods)
				rows.add(score(a.name(), "weighted " + method, table, rowsA, voxelLabels, scanSample,
					options.with(DalsaTrainRequest.WEIGHTING, true).with(DalsaTrainRequest.WEIGHTING_METHOD, method), threads, inMask, truth, labels,
					tumourLabels, progress));
		}
		if (fullSamples <= 0) return rows;
		final int[] full = Sampling.subset(Sampling.range(0, inMask.length), fullSamples, seed + 31);
		final int[] fullLabels = new int[full.length];
		for (int i = 0; i < full.length; i++) fullLabels[i] = truth.get(inMask[full[i]]);
		rows.add(score("full ground truth", "fully labelled", table, full, fullLabels, scanSample, options.with(DalsaTrainRequest.WEIGHTING, false), threads, inMask, truth,
			labels, tumourLabels, progress));
		return rows;
	}

	private static Row score(final String name, final String training, final float[][] table, final int[] rows, final int[] voxelLabels,
		final float[][] scanSample, final DalsaTrainRequest options, final int threads, final int[] inMask, final LabelVolume truth, final int[] labels,
		final int[] tumourLabels, final ProgressListener progress)
	{
		final long t0 = System.nanoTime();
		final boolean[] seen = new boolean[256];
		for (final int l : voxelLabels) seen[l] = true;
		final int[] classLabels = java.util.stream.IntStream.range(1, 256).filter(l -> seen[l]).toArray();
		final int[] index = new int[256];
		for (int c = 0; c < classLabels.length; c++) index[classLabels[c]] = c;
		final int[] classes = new int[rows.length];
		for (int i = 0; i < rows.length; i++) classes[i] = index[voxelLabels[i]];
		final List<String> names = new ArrayList<>();
		for (final int l : classLabels) names.add(l >= 1 && l <= PHANTOM_NAMES.size() ? PHANTOM_NAMES.get(l - 1) : "label " + l);
		final DalsaTrainer.Fit fit = DalsaTrainer.fit(Sampling.columns(table, rows), classes, classLabels.length, scanSample, names, options, threads,
			progress);
		final float[] p = DalsaSegmenter.predict(fit.forest(), table, threads, progress);
		final LabelVolume predicted = new LabelVolume(truth.width, truth.height, truth.depth, truth.spacing());
		final int k = classLabels.length;
		for (int r = 0; r < inMask.length; r++) predicted.labels[inMask[r]] = (byte) classLabels[DalsaSegmenter.argmax(p, r * k, k)];
		final double wholeTumour = tumourLabels.length == 0 ? Double.NaN : Dice.of(predicted, truth, tumourLabels);
		final double[] ess = new double[labels.length], voxels = new double[labels.length];
		for (int i = 0; i < labels.length; i++) {
			ess[i] = Double.NaN;
			for (int c = 0; c < classLabels.length; c++)
				if (classLabels[c] == labels[i]) {
					ess[i] = fit.weighting().classes().get(c).ess();
					voxels[i] = fit.weighting().classes().get(c).voxels();
				}
		}
		return new Row(name, training, labels, Dice.perLabel(predicted, truth, labels), wholeTumour, rows.length, (System.nanoTime() - t0) / 1e9,
			fit.weighting().summary(), ess, voxels, fit.weighting().warnings());
	}
}
