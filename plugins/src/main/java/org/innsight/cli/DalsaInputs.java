package org.innsight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The scan options shared by {@code dalsa train} and {@code dalsa apply}: modality files or one multi-channel file, and a mask. */
final class DalsaInputs {

	static final class Scan {
		@Option(names = "--images", split = ",", paramLabel = "FILE", arity = "1..*",
			description = "One co-registered modality per file, e.g. t1.nii.gz,t1c.nii.gz,t2.nii.gz,flair.nii.gz (same order when training and applying).")
		List<Path> images;

		@Option(names = "--scan", paramLabel = "FILE", description = "One multi-channel image (TIFF hyperstack or NIfTI) whose channels are the modalities.")
		Path multiChannel;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
	Scan scan;

	@Option(names = "--mask", paramLabel = "FILE",
		description = "Foreground mask (non-zero = classify); default: voxels non-zero in any modality (skull-stripped scans).")
	Path mask;

	MultiModalScan read() throws IOException {
		return scan.images != null ? VolumeImages.readModalities(scan.images) : VolumeImages.readMultiChannel(scan.multiChannel);
	}

	/** The mask as booleans, or null for the default foreground. */
	boolean[] mask(final MultiModalScan s) throws IOException {
		if (mask == null) return null;
		final LabelVolume m = VolumeImages.readLabels(mask);
		m.requireGridOf(s.grid(), "mask " + mask);
		final boolean[] out = new boolean[m.size()];
		for (int i = 0; i < out.length; i++) out[i] = m.get(i) != 0;
		return out;
	}

	List<Path> files() {
		final List<Path> files = new ArrayList<>();
		if (scan.images != null) files.addAll(scan.images);
		if (scan.multiChannel != null) files.add(scan.multiChannel);
		if (mask != null) files.add(mask);
		return files;
	}
}
