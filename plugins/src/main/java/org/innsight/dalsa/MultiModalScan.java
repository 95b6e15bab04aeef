package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Co-registered modalities of one scan (e.g. T1, T1c, T2, FLAIR), all on one voxel grid. */
public final class MultiModalScan {

	private final List<String> names;
	private final List<Volume> modalities;
	private final ScanGeometry geometry;

	public MultiModalScan(final List<String> names, final List<Volume> modalities) {
		this(names, modalities, null);
	}

	/** @param geometry where the scan lies in space as its file said, or null (outputs: calibrated in mm, no orientation) */
	public MultiModalScan(final List<String> names, final List<Volume> modalities, final ScanGeometry geometry) {
		if (modalities.isEmpty()) throw new IllegalArgumentException("a scan needs at least one modality");
		if (names.size() != modalities.size())
			throw new IllegalArgumentException(names.size() + " modality names for " + modalities.size() + " modalities");
		final Volume first = modalities.get(0);
		for (int m = 1; m < modalities.size(); m++) {
			final Volume v = modalities.get(m);
			if (!first.sameGrid(v.dimensions(), v.spacing()))
				throw new IllegalArgumentException("modality " + names.get(m) + " (" + v + ") is not on the grid of " +
					names.get(0) + " (" + first + "); DALSA needs co-registered modalities");
		}
		this.names = Collections.unmodifiableList(new ArrayList<>(names));
		this.modalities = Collections.unmodifiableList(new ArrayList<>(modalities));
		this.geometry = geometry;
	}

	/** Where the scan lies in space as its file said, or null. */
	public ScanGeometry geometry() {
		return geometry;
	}

	public int modalityCount() {
		return modalities.size();
	}

	public List<String> names() {
		return names;
	}

	public Volume modality(final int m) {
		return modalities.get(m);
	}

	public List<Volume> modalities() {
		return modalities;
	}

	/** The first modality, whose grid (dimensions, spacing) all share. */
	public Volume grid() {
		return modalities.get(0);
	}

	public int voxelCount() {
		return grid().size();
	}
}
