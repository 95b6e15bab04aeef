package org.innsight.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.measure.Measurements.Column;

/**
 * Measurements of one image's maps per region, frame (and slice), as {@code Measure Regions} in Fiji,
 * {@code innsight measure} and the pipeline step {@code measure} run them. What each kind of map gives:
 * <ul>
 * <li>posterior maps and sample stacks of a parameter ({@link PosteriorMeasures}): the median of the pixel medians,
 * pooled quantiles and a credible interval, the mean IQR, the share of multimodal pixels, and once per row the share
 * of the region's pixels without an estimate ({@code excluded_share});</li>
 * <li>{@code ood_mask} and {@code ood_score}: the share of flagged pixels and the mean score;</li>
 * <li>one label map ({@link LabelMeasures}): per class its voxels and volume (and Dice against a truth), or the
 * segment count and size statistics.</li>
 * </ul>
 * Every row starts with {@code pixels}, the region's size in that frame (and slice). A region with no pixel in a
 * frame (a ROI drawn on another frame) gives no row for it.
 */
public final class Measure {

	static final Column PIXELS = new Column("pixels", "");

	private Measure() {}

	/**
	 * @param image the name of the image the maps were made from (the table's {@code image} column)
	 * @param maps the maps of that image (at least one), named as {@link MapKind} reads them
	 * @param regions where to measure; null: the whole image, one region named "image"
	 * @param truth a label image on the class map's grid to score the classes against (Dice), or null
	 */
	public static Measurements run(final String image, final List<MapImage> maps, final Regions regions, final MapImage truth,
		final MeasureRequest request)
	{
		request.checked();
		if (maps.isEmpty()) throw new IllegalArgumentException("no maps to measure");
		final Measurements out = new Measurements();
		final Map<String, PosteriorMeasures> posterior = new LinkedHashMap<>();
		MapImage score = null, mask = null, labels = null;
		final List<String> ignored = new ArrayList<>();
		for (final MapImage m : maps) {
			final MapKind kind = MapKind.of(m.name());
			switch (kind.type()) {
				case POSTERIOR, SAMPLES -> {
					if (!posterior.computeIfAbsent(kind.parameter(), p -> new PosteriorMeasures(p, request)).add(kind, m)) ignored.add(m.name());
				}
				case OOD_SCORE -> score = m;
				case OOD_MASK -> mask = m;
				case OOD_SPREAD, OOD_INTENSITY_Z, OOD_HIGHLIGHT -> ignored.add(m.name());
				case LABELS -> {
					if (labels != null) throw new IllegalArgumentException("two label maps, " + labels.source() + " and " + m.source() +
						"; measure one label map at a time");
					labels = m;
				}
			}
		}
		if (!ignored.isEmpty()) out.note("not measured (no measurement is defined for them): " + String.join(", ", ignored));
		posterior.values().removeIf(p -> !p.measurable());
		final LabelMeasures labelMeasures = labels == null ? null : new LabelMeasures(labels, truth, request);
		if (labels == null && truth != null) out.note("the truth is used only with a label map of classes; there is none");
		if (labelMeasures != null && truth != null && !labelMeasures.classes())
			out.note("the truth is used only with a label map of classes; " + labels.source() + " is measured as segments");

		final MapImage grid = gridOf(maps);
		for (final MapImage m : maps) m.requireGridOf(grid, MapKind.of(m.name()).type() != MapKind.Type.SAMPLES);
		final Regions where = regions != null ? regions : Regions.whole(grid.width(), grid.height(), grid.depth());
		where.requireGridOf(grid, grid.depth());
		final int frames = grid.frames(), plane = grid.width() * grid.height();
		final boolean slices = request.perSlice() && grid.depth() > 1;
		for (final PosteriorMeasures p : posterior.values()) p.notes(out);
		if (labelMeasures != null) labelMeasures.notes(out);

		for (final Regions.Region region : where.regions())
			for (int t = 0; t < frames; t++) {
				final int[] all = region.in(where.frames() == 1 ? 0 : t);
				for (int s = slices ? 1 : 0; s <= (slices ? grid.depth() : 0); s++) {
					final int[] pixels = s == 0 ? all : inSlice(all, s - 1, plane);
					if (pixels.length == 0) continue;
					final Map<Column, Object> values = Measurements.values();
					values.put(PIXELS, (long) pixels.length);
					boolean first = true;
					for (final PosteriorMeasures p : posterior.values()) {
						p.measure(t, pixels, values, first);
						first = false;
					}
					if (mask != null) values.put(new Column("ood_flagged_share", ""), share(mask, t, pixels));
					if (score != null) values.put(new Column("ood_score_mean", ""), finiteMean(score, t, pixels));
					if (labelMeasures != null) labelMeasures.measure(t, pixels, s > 0, values);
					out.add(image, region.name(), region.label(), s, t + 1, values);
				}
			}
		if (out.rows().isEmpty()) out.note("no region has a pixel on the maps' grid: nothing was measured");
		return out;
	}

	/** The first map that is not a sample stack (whose z axis holds samples), else the first map as one plane. */
	private static MapImage gridOf(final List<MapImage> maps) {
		for (final MapImage m : maps)
			if (MapKind.of(m.name()).type() != MapKind.Type.SAMPLES) return m;
		final MapImage s = maps.get(0);
		return new MapImage(s.name(), new float[s.width() * s.height() * s.frames()], s.width(), s.height(), 1, s.frames(), s.spacing(), s.unit(),
			s.valueUnit(), s.bitDepth(), s.source());
	}

	/** The indices of {@code pixels} in slice {@code z}. */
	private static int[] inSlice(final int[] pixels, final int z, final int plane) {
		int n = 0;
		for (final int i : pixels) if (i / plane == z) n++;
		final int[] out = new int[n];
		n = 0;
		for (final int i : pixels) if (i / plane == z) out[n++] = i;
		return out;
	}

	/** The value of {@code map} at pixel {@code i} of frame {@code t} (a map with one frame serves every frame). */
	static float value(final MapImage map, final int t, final int i) {
		return map.at(map.frames() == 1 ? 0 : t, i);
	}

	/** The share of {@code pixels} where {@code mask} is nonzero (and not NaN). */
	static double share(final MapImage mask, final int t, final int[] pixels) {
		long n = 0;
		for (final int i : pixels) {
			final float v = value(mask, t, i);
			if (v != 0 && !Float.isNaN(v)) n++;
		}
		return (double) n / pixels.length;
	}

	/** The mean of the finite values of {@code map} over {@code pixels}; NaN when there are none. */
	static double finiteMean(final MapImage map, final int t, final int[] pixels) {
		double sum = 0;
		long n = 0;
		for (final int i : pixels) {
			final float v = value(map, t, i);
			if (Float.isFinite(v)) {
				sum += v;
				n++;
			}
		}
		return n == 0 ? Double.NaN : sum / n;
	}
}
