package org.innsight.mws;

/** Turns clusters into label images. */
final class Labeling {

	private Labeling() {}

	/**
	 * Labels per node: a cluster with a seed gets its seed label; the others are numbered from
	 * {@code firstFree + 1} in order of first appearance by node index. Nodes outside {@code mask} get 0.
	 */
	static int[] consecutive(final MutexClusters clusters, final boolean[] mask, final int firstFree) {
		final int n = clusters.nodes();
		final int[] labels = new int[n];
		// labels[] doubles as the root -> label table: a root's slot is written before or when the scan reaches
		// it, and always with the cluster's label, which is also that root's own final label.
		int next = firstFree;
		for (int p = 0; p < n; p++) {
			if (mask != null && !mask[p]) continue;
			final int r = clusters.find(p);
			int label = labels[r];
			if (label == 0) {
				final int s = clusters.seed(r);
				label = s != 0 ? s : ++next;
				labels[r] = label;
			}
			labels[p] = label;
		}
		return labels;
	}
}
