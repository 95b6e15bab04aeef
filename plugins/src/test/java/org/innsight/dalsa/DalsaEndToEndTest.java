package org.innsight.dalsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.innsight.dalsa.features.FeatureExtractor;
import org.innsight.dalsa.features.TiledFeatures;
import org.innsight.dalsa.phantom.BrainTumourPhantom;
import org.innsight.dalsa.phantom.Scribbles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Train on sparse scribbles of a small phantom, segment it, score it. */
class DalsaEndToEndTest {

	private static BrainTumourPhantom.Phantom phantom;
	private static LabelVolume scribbles;
	private static DalsaTrainer.Result trained;
	private static DalsaSegmenter.Segmentation segmentation;
	private static final DalsaTrainRequest OPTIONS = DalsaTrainRequest.defaults().with(DalsaTrainRequest.SIGMAS, "2,4,8")
		.with(DalsaTrainRequest.TREES, 40).with(DalsaTrainRequest.SEED, 3L).with(DalsaTrainRequest.WEIGHTING_SAMPLES, 5000)
		.with(DalsaTrainRequest.TILE, "64,64,6");

	@BeforeAll
	static void trainAndSegment() {
		phantom = BrainTumourPhantom.generate(new BrainTumourPhantom.Settings(64, 64, 40, new double[] { 3, 3, 4 }, 5, 0.05, 0.15));
		scribbles = Scribbles.draw(phantom.truth(), Scribbles.Mode.UNBIASED, 0.01, phantom.tumourCentre(), phantom.oedemaRadiusMm(), 6);
		trained = DalsaTrainer.train(phantom.scan(), scribbles, null, Map.of(1, "healthy", 2, "oedema"), OPTIONS, 2, null);
		segmentation = DalsaSegmenter.segment(trained.classifier(), phantom.scan(), null, true, OPTIONS.tileSize(), 2, null);
	}

	@Test
	void scribblesAreSparseAndLieInTheirClass() {
		int annotated = 0;
		for (int i = 0; i < scribbles.size(); i++) {
			if (scribbles.get(i) == 0) continue;
			annotated++;
			assertEquals(phantom.truth().get(i), scribbles.get(i));
		}
		assertTrue(annotated > 300 && annotated < 0.01 * scribbles.size(), annotated + " annotated voxels");
		assertArrayEquals(new int[] { 1, 2, 3, 4 }, scribbles.classes());
	}

	@Test
	void sparseWeightedTrainingSegmentsTheWholeTumour() {
		final double wholeTumour = Dice.of(segmentation.labels(), phantom.truth(), BrainTumourPhantom.WHOLE_TUMOUR);
		assertTrue(wholeTumour > 0.85, "whole-tumour Dice " + wholeTumour);
		assertTrue(Dice.of(segmentation.labels(), phantom.truth(), BrainTumourPhantom.HEALTHY) > 0.97);
		assertEquals(List.of("healthy", "oedema", "class 3", "class 4"), trained.classifier().classNames());
	}

	@Test
	void weightsAreThoseOfTheAnnotatedVoxelsOnly() {
		int positive = 0;
		for (int i = 0; i < scribbles.size(); i++) {
			if (scribbles.get(i) == 0) assertEquals(0f, trained.weightMap().voxels[i]);
			else if (trained.weightMap().voxels[i] > 0) positive++;
		}
		assertEquals(trained.annotatedVoxels(), positive);
		assertTrue(trained.weightSummary()[0] < trained.weightSummary()[3], "weights vary");
	}

	@Test
	void probabilitiesSumToOneAndTheLabelIsTheMostProbableClass() {
		final List<Volume> p = segmentation.probabilities();
		assertEquals(4, p.size());
		for (int i = 0; i < segmentation.labels().size(); i += 7) {
			double sum = 0;
			int best = 0;
			for (int c = 0; c < 4; c++) {
				sum += p.get(c).voxels[i];
				if (p.get(c).voxels[i] > p.get(best).voxels[i]) best = c;
			}
			if (phantom.truth().get(i) == 0) {
				assertEquals(0, sum, 0);
				assertEquals(0, segmentation.labels().get(i));
			}
			else {
				assertEquals(1, sum, 1e-5);
				assertEquals(best + 1, segmentation.labels().get(i));
			}
		}
	}

	@Test
	void tiledSegmentationEqualsPredictionOnAFeatureTable() {
		final boolean[] mask = IntensityNormalisation.foreground(phantom.scan());
		final int[] voxels = IntensityNormalisation.indices(mask);
		final FeatureExtractor fx = new FeatureExtractor(IntensityNormalisation.zScore(phantom.scan(), mask), OPTIONS.features());
		final float[][] table = TiledFeatures.gather(fx, voxels, new int[] { 64, 64, 40 }, 1, null);
		final float[] p = DalsaSegmenter.predict(trained.classifier().forest(), table, 2, null);
		for (int r = 0; r < voxels.length; r++)
			for (int c = 0; c < 4; c++) assertEquals(p[r * 4 + c], segmentation.probabilities().get(c).voxels[voxels[r]], 0f);
	}
}
