package org.innsight.dalsa;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A label image on a scan's grid: 0 = no label (unannotated, or outside the brain), 1..255 = class labels.
 * Used for sparse annotations, ground truths and segmentation results alike.
 */
public final class LabelVolume {

	public final int width;
	public final int height;
	public final int depth;
	private final double[] spacing;
	/** Labels 0..255 stored as unsigned bytes, index = x + width * (y + height * z). */
	public final byte[] labels;

	public LabelVolume(final int width, final int height, final int depth, final double[] spacing, final byte[] labels) {
		Volume.checkGrid(width, height, depth, spacing);
		if (labels.length != (long) width * height * depth)
			throw new IllegalArgumentException("label image has " + labels.length + " voxels, expected " + width + "x" + height + "x" + depth);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.spacing = spacing.clone();
		this.labels = labels;
	}

	public LabelVolume(final int width, final int height, final int depth, final double... spacing) {
		this(width, height, depth, spacing, new byte[Volume.checkedSize(width, height, depth)]);
	}

	public static LabelVolume zerosLike(final Volume like) {
		return new LabelVolume(like.width, like.height, like.depth, like.spacing());
	}

	public double[] spacing() {
		return spacing.clone();
	}

	public int[] dimensions() {
		return new int[] { width, height, depth };
	}

	public int size() {
		return labels.length;
	}

	public int get(final int index) {
		return labels[index] & 0xff;
	}

	public int get(final int x, final int y, final int z) {
		return labels[x + width * (y + height * z)] & 0xff;
	}

	public void set(final int index, final int label) {
		if (label < 0 || label > 255) throw new IllegalArgumentException("label " + label + " is outside 0..255");
		labels[index] = (byte) label;
	}

	public void set(final int x, final int y, final int z, final int label) {
		set(x + width * (y + height * z), label);
	}

	/** The distinct non-zero labels, ascending. */
	public int[] classes() {
		final boolean[] seen = new boolean[256];
		for (final byte b : labels) seen[b & 0xff] = true;
		final TreeSet<Integer> found = new TreeSet<>();
		for (int l = 1; l < 256; l++) if (seen[l]) found.add(l);
		return found.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Number of voxels per label value (index = label). */
	public long[] histogram() {
		final long[] counts = new long[256];
		for (final byte b : labels) counts[b & 0xff]++;
		return counts;
	}

	public LabelVolume copy() {
		return new LabelVolume(width, height, depth, spacing, labels.clone());
	}

	/** Throws a clear error unless this label image lies on {@code grid}'s voxel grid. */
	public void requireGridOf(final Volume grid, final String what) {
		if (!grid.sameGrid(dimensions(), spacing))
			throw new IllegalArgumentException(what + " is " + width + "x" + height + "x" + depth + " with voxel size " +
				Arrays.toString(spacing) + " mm but the scan is " + grid);
	}
}
