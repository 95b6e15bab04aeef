package org.innsight.fiji;

import java.awt.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/**
 * DALSA annotations from ImageJ ROIs: every ROI named after its class (e.g. "tumour", "healthy"); ROIs with the
 * same name form one class, labelled 1, 2, ... in order of first appearance. Lines and freehand lines annotate the
 * pixels they pass, areas the pixels inside. A ROI on a slice annotates that slice; a ROI without a slice
 * position annotates every slice.
 */
public final class RoiAnnotations {

	private static final Pattern DEFAULT_NAME = Pattern.compile("\\d{4}-\\d{4}(-\\d{4})?(-\\d+)?");

	/** The label image and the class name of each label. */
	public record Annotations(LabelVolume labels, Map<Integer, String> classNames) {}

	private RoiAnnotations() {}

	/**
	 * ROIs of the ROI Manager if it holds any, else of the scan's overlay. Headless, a running macro's ROI Manager
	 * cannot be made (ImageJ makes it a window): then the overlay's.
	 */
	public static List<Roi> rois(final ImagePlus scan) {
		RoiManager manager;
		try {
			manager = RoiManager.getInstance();
		}
		catch (final java.awt.HeadlessException e) {
			manager = null;
		}
		final List<Roi> rois = new ArrayList<>();
		if (manager != null && manager.getCount() > 0) for (final Roi r : manager.getRoisAsArray()) rois.add(r);
		else {
			final Overlay overlay = scan.getOverlay();
			if (overlay != null) for (final Roi r : overlay.toArray()) rois.add(r);
		}
		return rois;
	}

	public static Annotations of(final ImagePlus scan, final List<Roi> rois) {
		if (rois.isEmpty()) throw new IllegalArgumentException("no ROIs: draw annotations on " + scan.getTitle() +
			", name each after its class and add them to the ROI Manager (or the overlay)");
		final double[] spacing = VolumeImages.spacingMm(scan.getCalibration());
		final int w = scan.getWidth(), h = scan.getHeight(), depth = Math.max(scan.getNSlices(), scan.getNFrames());
		final LabelVolume labels = new LabelVolume(w, h, depth, spacing);
		final Map<String, Integer> labelOf = new LinkedHashMap<>();
		final Map<Integer, String> names = new LinkedHashMap<>();
		for (final Roi roi : rois) {
			final String name = roi.getName() == null ? "" : roi.getName().trim();
			if (name.isEmpty() || DEFAULT_NAME.matcher(name).matches())
				throw new IllegalArgumentException("ROI '" + name + "' has no class name: rename every ROI after its class (e.g. 'tumour', 'healthy')");
			final int label = labelOf.computeIfAbsent(name, k -> labelOf.size() + 1);
			if (label > 255) throw new IllegalArgumentException("more than 255 classes in the ROI names");
			names.put(label, name);
			final int z = slice(scan, roi);
			for (final Point p : roi.getContainedPoints()) {
				if (p.x < 0 || p.y < 0 || p.x >= w || p.y >= h) continue;
				if (z >= 0) labels.set(p.x, p.y, z, label);
				else for (int s = 0; s < depth; s++) labels.set(p.x, p.y, s, label);
			}
		}
		return new Annotations(labels, names);
	}

	/** The 0-based slice a ROI lies on, or -1 for all slices. */
	private static int slice(final ImagePlus scan, final Roi roi) {
		final boolean byFrame = scan.getNSlices() == 1 && scan.getNFrames() > 1;
		if (roi.hasHyperStackPosition()) return (byFrame ? roi.getTPosition() : roi.getZPosition()) - 1;
		final int position = roi.getPosition();
		if (position <= 0) return -1;
		if (scan.isHyperStack() || scan.getNChannels() > 1) {
			final int[] czt = scan.convertIndexToPosition(position);
			return (byFrame ? czt[2] : czt[1]) - 1;
		}
		return position - 1;
	}
}
