package org.innsight.dalsa.phantom;

import java.util.SplittableRandom;

import org.innsight.dalsa.LabelVolume;

/**
 * Sparse scribble annotations drawn from a ground truth the way a rater would: short strokes in axial slices,
 * only through voxels that are unambiguous (class interior: all six neighbours share the class).
 * <ul>
 * <li>{@link Mode#UNBIASED}: strokes start anywhere in each class.</li>
 * <li>{@link Mode#BIASED}: tumour classes are annotated only near the tumour centre (within 0.7 oedema radii),
 * healthy tissue only far from it (beyond 1.5 oedema radii) - the sample-selection bias DALSA corrects.</li>
 * </ul>
 */
public final class Scribbles {

	public enum Mode { UNBIASED, BIASED }

	/** A class gets at most this share of its allowed voxels, so small classes stay sparsely annotated. */
	static final double MAX_CLASS_SHARE = 0.25;

	private Scribbles() {}

	/**
	 * @param fraction annotated voxels as a fraction of all voxels of the image, split evenly over the classes (a
	 *        class gets at most a quarter of its allowed voxels; the rest of its share goes to the other classes)
	 * @param tumourCentre tumour centre in voxel coordinates
	 * @param oedemaRadiusMm mean oedema radius
	 */
	public static LabelVolume draw(final LabelVolume truth, final Mode mode, final double fraction, final double[] tumourCentre,
		final double oedemaRadiusMm, final long seed)
	{
		if (!(fraction > 0 && fraction < 0.5)) throw new IllegalArgumentException("scribble fraction must be in (0, 0.5), got " + fraction);
		final int w = truth.width, h = truth.height, d = truth.depth;
		final double[] sp = truth.spacing();
		final int[] classes = truth.classes();
		final LabelVolume out = new LabelVolume(w, h, d, sp);
		final boolean[] allowed = new boolean[truth.size()];
		final int[][] starts = new int[256][];
		final int[] allowedCount = new int[256];
		for (int z = 0, i = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					final int c = truth.get(i);
					if (c == 0 || !interior(truth, x, y, z, c)) continue;
					if (mode == Mode.BIASED) {
						final double r = Math.sqrt(sq((x - tumourCentre[0]) * sp[0]) + sq((y - tumourCentre[1]) * sp[1]) + sq((z - tumourCentre[2]) * sp[2]));
						final boolean tumour = c != BrainTumourPhantom.HEALTHY;
						if (tumour ? r > 0.7 * oedemaRadiusMm : r < 1.5 * oedemaRadiusMm) continue;
					}
					allowed[i] = true;
					allowedCount[c]++;
				}
		for (final int c : classes) starts[c] = new int[allowedCount[c]];
		final int[] fill = new int[256];
		for (int i = 0; i < allowed.length; i++) if (allowed[i]) starts[truth.get(i)][fill[truth.get(i)]++] = i;

		final SplittableRandom random = new SplittableRandom(seed);
		final long[] quotas = quotas(classes, allowedCount, Math.round(fraction * truth.size()));
		for (int ci = 0; ci < classes.length; ci++) {
			final int c = classes[ci];
			final long quota = quotas[ci];
			long drawn = 0;
			for (int attempt = 0; drawn < quota && attempt < 200_000; attempt++) {
				final int start = starts[c][random.nextInt(starts[c].length)];
				final int z = start / (w * h);
				double fx = start % w, fy = (start / w) % h;
				double angle = random.nextDouble() * 2 * Math.PI;
				final int length = 6 + random.nextInt(20);
				for (int step = 0; step < length && drawn < quota; step++) {
					final int x = (int) Math.round(fx), y = (int) Math.round(fy);
					if (x < 0 || y < 0 || x >= w || y >= h) break;
					final int v = x + w * (y + h * z);
					if (!allowed[v] || truth.get(v) != c) break;
					if (out.get(v) == 0) {
						out.labels[v] = (byte) c;
						drawn++;
					}
					fx += StrictMath.cos(angle);
					fy += StrictMath.sin(angle);
					angle += 0.3 * (random.nextDouble() - 0.5);
				}
			}
		}
		return out;
	}

	/**
	 * Splits the budget evenly over the classes; what a class cannot take (it may use at most
	 * {@link #MAX_CLASS_SHARE} of its allowed voxels) goes to the others.
	 */
	static long[] quotas(final int[] classes, final int[] allowedCount, final long budget) {
		final long[] quota = new long[classes.length];
		final boolean[] full = new boolean[classes.length];
		long left = budget;
		for (int round = 0; round < classes.length && left > 0; round++) {
			int open = 0;
			for (final boolean f : full) if (!f) open++;
			if (open == 0) break;
			final long share = left / open;
			for (int i = 0; i < classes.length; i++) {
				if (full[i]) continue;
				final long cap = (long) (MAX_CLASS_SHARE * allowedCount[classes[i]]);
				final long add = Math.min(share, cap - quota[i]);
				quota[i] += add;
				left -= add;
				if (quota[i] >= cap) full[i] = true;
			}
			if (share == 0) break;
		}
		return quota;
	}

	private static boolean interior(final LabelVolume truth, final int x, final int y, final int z, final int c) {
		if (x == 0 || y == 0 || z == 0 || x == truth.width - 1 || y == truth.height - 1 || z == truth.depth - 1) return false;
		return truth.get(x - 1, y, z) == c && truth.get(x + 1, y, z) == c && truth.get(x, y - 1, z) == c && truth.get(x, y + 1, z) == c
			&& truth.get(x, y, z - 1) == c && truth.get(x, y, z + 1) == c;
	}

	private static double sq(final double v) {
		return v * v;
	}
}
