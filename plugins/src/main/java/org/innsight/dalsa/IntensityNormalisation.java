package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-scan intensity normalisation. MR intensities have no absolute scale, so each modality is z-scored with the
 * mean and standard deviation of its foreground voxels; a classifier trained on one scan then applies to another.
 */
public final class IntensityNormalisation {

	private IntensityNormalisation() {}

	/**
	 * The foreground: voxels where any modality is non-zero (skull-stripped scans such as BraTS are exactly 0
	 * outside the brain). If no voxel is zero in all modalities, every voxel is foreground.
	 */
	public static boolean[] foreground(final MultiModalScan scan) {
		final int n = scan.voxelCount();
		final boolean[] mask = new boolean[n];
		for (final Volume v : scan.modalities()) {
			final float[] d = v.voxels;
			for (int i = 0; i < n; i++) if (d[i] != 0 && !Float.isNaN(d[i])) mask[i] = true;
		}
		return mask;
	}

	public static int count(final boolean[] mask) {
		int c = 0;
		for (final boolean b : mask) if (b) c++;
		return c;
	}

	/** Voxel indices where the mask is set, ascending. */
	public static int[] indices(final boolean[] mask) {
		final int[] out = new int[count(mask)];
		int k = 0;
		for (int i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
		return out;
	}

	/**
	 * A new scan with every modality z-scored over the mask: (v - mean) / sd, computed in double precision.
	 * Non-finite voxels become 0 (the foreground mean). Voxels outside the mask are transformed the same way.
	 */
	public static MultiModalScan zScore(final MultiModalScan scan, final boolean[] mask) {
		if (mask.length != scan.voxelCount()) throw new IllegalArgumentException("mask does not match the scan");
		final List<Volume> out = new ArrayList<>();
		for (int m = 0; m < scan.modalityCount(); m++) {
			final Volume v = scan.modality(m);
			final float[] d = v.voxels;
			double sum = 0, sumSq = 0;
			long n = 0;
			for (int i = 0; i < d.length; i++)
				if (mask[i] && Float.isFinite(d[i])) {
					sum += d[i];
					n++;
				}
			if (n == 0) throw new IllegalArgumentException("modality " + scan.names().get(m) + " has no finite voxel in the foreground mask");
			final double mean = sum / n;
			for (int i = 0; i < d.length; i++)
				if (mask[i] && Float.isFinite(d[i])) sumSq += (d[i] - mean) * (d[i] - mean);
			double sd = Math.sqrt(sumSq / n);
			if (!(sd > 0)) sd = 1; // a constant modality carries no information; keep it at 0 rather than divide by 0
			final float[] z = new float[d.length];
			for (int i = 0; i < d.length; i++) z[i] = Float.isFinite(d[i]) ? (float) ((d[i] - mean) / sd) : 0f;
			out.add(new Volume(v.width, v.height, v.depth, v.spacing(), z));
		}
		return new MultiModalScan(scan.names(), out);
	}
}
