package org.innsight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

		@Option(names = "--list", paramLabel = "FILE",
			description = "dalsa train: several scans, one per line: images=t1.nii.gz,... (or scan=FILE) labels=FILE [mask=FILE], paths relative to the list.")
		Path list;

		@Option(names = "--folder", paramLabel = "DIR",
			description = "dalsa train: several scans, one folder each, holding the files named by --modalities and the annotations named by --labels-name.")
		Path folder;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
	Scan scan;

	@Option(names = "--mask", paramLabel = "FILE",
		description = "Mask (non-zero = inside): only voxels inside are trained on / classified, and, with --normalise mask, the intensities are "
			+ "z-scored over it; default: voxels non-zero in any modality (skull-stripped scans).")
	Path mask;

	@Option(names = "--normalise", paramLabel = "mask|scan",
		description = "With --mask: z-score intensities over the mask (mask), or over the whole scan's foreground, voxels non-zero in any modality (scan) (default: ${DEFAULT-VALUE}).")
	String normalise;

	@Option(names = "--modalities", paramLabel = "NAME,...",
		description = "Names of the scan's modalities in order, e.g. t1,t1c,t2,flair (train: stored in the classifier; apply: must be the classifier's, in its order). Default: the file or channel names.")
	String modalities;

	/** Whether several training scans were given (--list or --folder). */
	boolean several() {
		return scan.list != null || scan.folder != null;
	}

	MultiModalScan read() throws IOException {
		if (several()) throw new IllegalArgumentException("--list and --folder give several training scans (dalsa train); this command takes one scan: --images or --scan");
		return scan.images != null ? VolumeImages.readModalities(scan.images) : VolumeImages.readMultiChannel(scan.multiChannel);
	}

	/** The mask as booleans, or null for the default foreground. */
	boolean[] mask(final MultiModalScan s) throws IOException {
		return mask == null ? null : VolumeImages.readMask(mask, s.grid());
	}

	/** Says what the mask does: how many voxels it keeps, and over which voxels intensities are z-scored. */
	void describeMask(final java.io.PrintWriter out, final boolean[] m, final boolean normaliseOverMask, final String verb) {
		int inside = 0;
		for (final boolean b : m) if (b) inside++;
		out.printf(java.util.Locale.ROOT, "mask:        %s %d voxels inside %s; intensities z-scored over %s%n", verb, inside, mask,
			normaliseOverMask ? "the mask (--normalise scan: over the whole scan's foreground)" : "the whole scan's foreground (voxels non-zero in any modality)");
	}

	List<Path> files() {
		final List<Path> files = new ArrayList<>();
		if (scan.images != null) files.addAll(scan.images);
		if (scan.multiChannel != null) files.add(scan.multiChannel);
		if (mask != null) files.add(mask);
		return files;
	}
}
