package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** {@link MwsSegmentation}: the source choice, the offset order, the named outputs; {@link MwsRequest}'s checks. */
class MwsSegmentationTest {

	private static final int W = 24, H = 16;
	private static final int[][] OFFSETS_XY = { { -1, 0 }, { 0, -1 }, { -4, 0 }, { 0, -4 } };

	private static ImagePlus affinityImage(final float[] all) {
		final ImageStack stack = new ImageStack(W, H);
		for (int c = 0; c < OFFSETS_XY.length; c++) stack.addSlice(new FloatProcessor(W, H, java.util.Arrays.copyOfRange(all, c * W * H, (c + 1) * W * H)));
		final ImagePlus imp = new ImagePlus("aff", stack);
		imp.setDimensions(OFFSETS_XY.length, 1, 1);
		return imp;
	}

	private static int[] labels(final Outputs out) {
		return MwsImages.seeds(out.image(MwsSegmentation.LABELS), new int[] { W, H });
	}

	@Test
	void offsetsAndStridesTypedInEitherOrderGiveTheLabelsOfTheAlgorithm() throws Exception {
		final SplittableRandom rng = new SplittableRandom(3);
		final float[] all = new float[OFFSETS_XY.length * W * H];
		for (int i = 0; i < all.length; i++) all[i] = rng.nextInt(10) / 9f;
		final int[] expected = MutexWatershed.segment(Affinities.ofXyz(all.clone(), new int[] { W, H }, OFFSETS_XY),
			new MwsOptions().attractive(2).strides(2, 1).minSize(3));
		final MwsRequest xyz = MwsRequest.defaults().with(MwsRequest.OFFSETS, Offsets.format(OFFSETS_XY)).with(MwsRequest.STRIDES, "2,1")
			.with(MwsRequest.ATTRACTIVE, 2).with(MwsRequest.MIN_SIZE, 3);
		final MwsRequest zyx = xyz.with(MwsRequest.OFFSET_ORDER, "zyx").with(MwsRequest.OFFSETS, Offsets.format(Affinities.reverseEach(OFFSETS_XY)))
			.with(MwsRequest.STRIDES, "1,2");
		for (final MwsRequest r : List.of(xyz, zyx)) {
			final Outputs out = MwsSegmentation.run(MwsInput.affinities(affinityImage(all)), r, null, ProgressListener.NONE).outputs();
			assertArrayEquals(expected, labels(out));
			int max = 0;
			for (final int l : expected) max = Math.max(max, l);
			assertEquals(max, out.statistics().get("segments"));
			assertEquals(2, out.statistics().get("attractive_channels"));
			assertEquals("same-object", out.statistics().get("meaning"));
		}
	}

	@Test
	void exactlyOneSourceOfAffinities() {
		final ImagePlus image = new ImagePlus("map", new FloatProcessor(W, H));
		final MwsRequest derived = MwsRequest.defaults().with(MwsRequest.FROM, "boundary");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MwsSegmentation.run(MwsInput.image(image), MwsRequest.defaults(), null,
			ProgressListener.NONE)).getMessage().startsWith("give exactly one source of affinities"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MwsSegmentation.run(MwsInput.affinities(image), derived, null,
			ProgressListener.NONE)).getMessage().endsWith("got affinities and derived"));
		assertEquals("affinities derived from an image need an image", assertThrows(IllegalArgumentException.class,
			() -> MwsSegmentation.run(MwsInput.image(null), derived, null, ProgressListener.NONE)).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> MwsSegmentation.run(MwsInput.affinities(image), MwsRequest.defaults(), null,
			ProgressListener.NONE)).getMessage().startsWith("give the offsets of the affinity channels"));
	}

	@Test
	void theRequestNamesWhatIsWrong() {
		final MwsRequest r = MwsRequest.defaults().with(MwsRequest.OFFSETS, "[[-1,0],[0,-1]]");
		assertEquals(List.of(), r.validate());
		assertEquals(List.of("attractive must be at most the number of offsets (2), got 3"), r.with(MwsRequest.ATTRACTIVE, 3).validate());
		assertEquals(List.of("strides needs 2 values like the offsets, got 3"), r.with(MwsRequest.STRIDES, "1,2,2").validate());
		assertEquals(List.of("from must be boundary or gradient, got 'watershed'"), r.with(MwsRequest.FROM, "watershed").validate());
		assertEquals(List.of("sigma must be between 0 and 1000, not -1"), r.with(MwsRequest.SIGMA, -1.0).validate());
		assertEquals(1.0, r.with(MwsRequest.FROM, "gradient").sigma());
		assertEquals(0.0, r.with(MwsRequest.FROM, "boundary map").sigma());
	}
}
