package org.innsight.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where to measure: named regions of a grid of width x height x depth pixels, the same in every frame or one set
 * per frame. A region is a list of pixel indices (x + width (y + height z)), so regions may overlap (ImageJ ROIs
 * often do). Made from a label image (each label > 0 a region), a mask (its nonzero pixels: one region), the whole
 * grid, or a list of regions (the Fiji command turns ImageJ ROIs into these).
 */
public final class Regions {

	/**
	 * One region.
	 *
	 * @param name shown in the table's {@code region} column
	 * @param label its number: the label in a label image, the ROI's position in the ROI Manager (1-based)
	 * @param pixels the region's pixel indices in each frame: one array for all frames, or one per frame
	 */
	public record Region(String name, int label, int[][] pixels) {

		/** The pixel indices in frame {@code frame} (0-based). */
		public int[] in(final int frame) {
			return pixels.length == 1 ? pixels[0] : pixels[frame];
		}
	}

	private final int width, height, depth, frames;
	private final List<Region> regions;
	private final String source;

	/**
	 * @param frames 1 when the regions are the same in every frame, else the number of frames (each region then
	 *        has one pixel array per frame)
	 * @param source where the regions came from, for messages
	 */
	public Regions(final int width, final int height, final int depth, final int frames, final List<Region> regions, final String source) {
		for (final Region r : regions)
			if (r.pixels().length != 1 && r.pixels().length != frames)
				throw new IllegalArgumentException(source + ": region " + r.name() + " has pixels for " + r.pixels().length + " frames, not " + frames);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.frames = frames;
		this.regions = List.copyOf(regions);
		this.source = source;
	}

	/**
	 * Each label > 0 of a label image is a region, named {@code names.get(label)} or "label N"; regions are in
	 * the order of their labels. A label image with several frames gives regions per frame. Labels must be whole
	 * numbers >= 0 (NaN counts as 0).
	 */
	public static Regions ofLabels(final MapImage labels, final Map<Integer, String> names) {
		final int n = labels.frameSize(), frames = labels.frames();
		final TreeMap<Integer, int[]> counts = new TreeMap<>(); // label -> pixels per frame
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < n; i++) {
				final int l = label(labels, t, i);
				if (l > 0) counts.computeIfAbsent(l, k -> new int[frames])[t]++;
			}
		final Map<Integer, int[][]> pixels = new TreeMap<>();
		for (final Map.Entry<Integer, int[]> e : counts.entrySet()) {
			final int[][] p = new int[frames][];
			for (int t = 0; t < frames; t++) p[t] = new int[e.getValue()[t]];
			pixels.put(e.getKey(), p);
		}
		final Map<Integer, int[]> filled = new TreeMap<>();
		for (final Integer l : pixels.keySet()) filled.put(l, new int[frames]);
		for (int t = 0; t < frames; t++)
			for (int i = 0; i < n; i++) {
				final int l = label(labels, t, i);
				if (l > 0) pixels.get(l)[t][filled.get(l)[t]++] = i;
			}
		final List<Region> regions = new ArrayList<>();
		for (final Map.Entry<Integer, int[][]> e : pixels.entrySet())
			regions.add(new Region(names.getOrDefault(e.getKey(), "label " + e.getKey()), e.getKey(), e.getValue()));
		return new Regions(labels.width(), labels.height(), labels.depth(), frames, regions, labels.source());
	}

	/** The nonzero (and not NaN) pixels of a mask, as one region named "mask" (one per frame for a mask with frames). */
	public static Regions ofMask(final MapImage mask) {
		final int n = mask.frameSize(), frames = mask.frames();
		final int[][] pixels = new int[frames][];
		for (int t = 0; t < frames; t++) {
			int count = 0;
			for (int i = 0; i < n; i++) if (in(mask, t, i)) count++;
			pixels[t] = new int[count];
			count = 0;
			for (int i = 0; i < n; i++) if (in(mask, t, i)) pixels[t][count++] = i;
		}
		return new Regions(mask.width(), mask.height(), mask.depth(), frames, List.of(new Region("mask", 1, pixels)), mask.source());
	}

	/** Every pixel of the grid, as one region named "image". */
	public static Regions whole(final int width, final int height, final int depth) {
		final int[] all = new int[width * height * depth];
		for (int i = 0; i < all.length; i++) all[i] = i;
		return new Regions(width, height, depth, 1, List.of(new Region("image", 1, new int[][] { all })), "the whole image");
	}

	public List<Region> regions() {
		return regions;
	}

	/** 1 when the regions are the same in every frame. */
	public int frames() {
		return frames;
	}

	public String source() {
		return source;
	}

	/** Refuses a map whose grid is not the regions' (width, height, depth; frames 1 or the same). */
	void requireGridOf(final MapImage map, final int mapDepth) {
		if (map.width() != width || map.height() != height || mapDepth != depth)
			throw new IllegalArgumentException("the regions (" + source + ") are " + width + "x" + height + (depth > 1 ? "x" + depth : "") + " but " +
				map.source() + " is " + map.width() + "x" + map.height() + (mapDepth > 1 ? "x" + mapDepth : "") +
				"; give regions drawn on the map's grid");
		if (frames != 1 && frames != map.frames())
			throw new IllegalArgumentException("the regions (" + source + ") have " + frames + " frames but " + map.source() + " has " +
				map.frames() + "; give one set of regions, or one per frame");
	}

	private static int label(final MapImage labels, final int t, final int i) {
		final float v = labels.at(t, i);
		if (Float.isNaN(v) || v == 0) return 0;
		if (v < 0 || v != Math.rint(v) || v > 16_777_216)
			throw new IllegalArgumentException(labels.source() + ": " + v + " at x=" + i % labels.width() + ", y=" + i / labels.width() % labels.height() +
				(labels.depth() > 1 ? ", z=" + i / (labels.width() * labels.height()) : "") + " is not a label (labels are whole numbers from 0, " +
				"0 = no region); give a label image, or a mask");
		return (int) v;
	}

	private static boolean in(final MapImage mask, final int t, final int i) {
		final float v = mask.at(t, i);
		return v != 0 && !Float.isNaN(v);
	}
}
