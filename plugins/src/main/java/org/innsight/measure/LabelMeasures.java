package org.innsight.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.innsight.dalsa.VolumeImages;
import org.innsight.measure.Measurements.Column;

/**
 * The measurements of a label map over a region: as <b>classes</b> (a DALSA segmentation: labels 1..255 are
 * classes, 0 is none) per class its voxels, its volume in ml from the voxel size (its area in the map's unit for a
 * 2D map) and, with a truth label image, its Dice 2|P n T| / (|P| + |T|) within the region; or as <b>segments</b> (a
 * Mutex Watershed partition: each label > 0 one object) the number of segments with pixels in the region and the
 * minimum, median, mean and maximum of their sizes inside the region, in pixels and, for a calibrated map, in its unit
 * squared (cubed for 3D).
 */
final class LabelMeasures {

	private final MapImage labels, truth;
	private final boolean classes;
	private final List<Integer> classLabels = new ArrayList<>();
	private final List<String> classNames = new ArrayList<>();
	private final double mmPerUnit;

	LabelMeasures(final MapImage labels, final MapImage truth, final MeasureRequest request) {
		this.labels = labels;
		this.classes = switch (request.labelKind()) {
			case "classes" -> true;
			case "segments" -> false;
			default -> labels.bitDepth() == 8;
		};
		this.truth = classes ? truth : null;
		if (this.truth != null) {
			if (truth.width() != labels.width() || truth.height() != labels.height() || truth.depth() != labels.depth())
				throw new IllegalArgumentException("the truth " + truth.source() + " is " + truth.size() + " but the class map " + labels.source() +
					" is " + labels.size() + "; give the truth of this segmentation");
			if (truth.frames() != labels.frames() && truth.frames() != 1)
				throw new IllegalArgumentException("the truth " + truth.source() + " has " + truth.frames() + " frames but the class map " +
					labels.source() + " has " + labels.frames());
		}
		this.mmPerUnit = VolumeImages.mmPerUnit(labels.unit());
		if (classes) findClasses(request.classNames());
	}

	boolean classes() {
		return classes;
	}

	void notes(final Measurements out) {
		if (classes && labels.depth() > 1 && Double.isNaN(mmPerUnit))
			out.note(labels.source() + " has no length unit (its unit is '" + labels.unit() + "'): volumes in ml are NaN; calibrate it in mm");
	}

	/** The classes: every label > 0 in the map (or the truth), and every named one, in label order; names made safe for columns. */
	private void findClasses(final Map<Integer, String> names) {
		final TreeSet<Integer> found = new TreeSet<>(names.keySet());
		for (final MapImage m : truth == null ? List.of(labels) : List.of(labels, truth))
			for (final float v : m.values()) {
				if (v == 0 || Float.isNaN(v)) continue;
				if (v < 0 || v > 255 || v != Math.rint(v))
					throw new IllegalArgumentException(m.source() + ": " + v + " is not a class label (classes are 1..255, 0 = none); " +
						"measure it as segments (labelKind segments)");
				found.add((int) v);
			}
		final Set<String> taken = new HashSet<>();
		for (final int l : found) {
			String n = names.getOrDefault(l, "").trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
			if (n.isEmpty() || !taken.add(n)) n = "class_" + l;
			taken.add(n);
			classLabels.add(l);
			classNames.add(n);
		}
	}

	void measure(final int t, final int[] pixels, final boolean oneSlice, final Map<Column, Object> values) {
		if (classes) measureClasses(t, pixels, values);
		else measureSegments(t, pixels, oneSlice, values);
	}

	private void measureClasses(final int t, final int[] pixels, final Map<Column, Object> values) {
		final long[] predicted = new long[256], truths = new long[256], both = new long[256];
		for (final int i : pixels) {
			final int p = label(labels, t, i);
			predicted[p]++;
			if (truth != null) {
				final int q = label(truth, t, i);
				truths[q]++;
				if (p == q) both[p]++;
			}
		}
		final double[] s = labels.spacing();
		final boolean volume = labels.depth() > 1;
		final double voxelMl = s[0] * s[1] * s[2] * mmPerUnit * mmPerUnit * mmPerUnit / 1000;
		for (int k = 0; k < classLabels.size(); k++) {
			final int l = classLabels.get(k);
			final String name = classNames.get(k);
			values.put(new Column(name + (volume ? "_voxels" : "_pixels"), ""), predicted[l]);
			if (volume) values.put(new Column(name + "_volume", "ml"), predicted[l] * voxelMl);
			else if (labels.calibrated()) values.put(new Column(name + "_area", labels.unit() + "^2"), predicted[l] * s[0] * s[1]);
			if (truth != null) values.put(new Column(name + "_dice", ""), predicted[l] + truths[l] == 0 ? Double.NaN
				: 2.0 * both[l] / (predicted[l] + truths[l]));
		}
	}

	private void measureSegments(final int t, final int[] pixels, final boolean oneSlice, final Map<Column, Object> values) {
		final Map<Integer, long[]> sizes = new HashMap<>();
		for (final int i : pixels) {
			final float v = Measure.value(labels, t, i);
			if (v == 0 || Float.isNaN(v)) continue;
			if (v < 0 || v != Math.rint(v))
				throw new IllegalArgumentException(labels.source() + ": " + v + " is not a segment label (whole numbers from 0, 0 = background)");
			sizes.computeIfAbsent((int) v, k -> new long[1])[0]++;
		}
		final long[] s = new long[sizes.size()];
		int n = 0;
		for (final long[] c : sizes.values()) s[n++] = c[0];
		Arrays.sort(s);
		values.put(new Column("segments", ""), (long) n);
		final double[] stats = n == 0 ? new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN } : statistics(s);
		final String[] names = { "min", "median", "mean", "max" };
		for (int k = 0; k < 4; k++) values.put(new Column("segment_size_" + names[k], "px"), stats[k]);
		if (!labels.calibrated()) return;
		final double[] sp = labels.spacing();
		final boolean volume = labels.depth() > 1 && !oneSlice;
		final double each = sp[0] * sp[1] * (volume ? sp[2] : 1);
		for (int k = 0; k < 4; k++)
			values.put(new Column("segment_size_" + names[k], labels.unit() + (volume ? "^3" : "^2")), stats[k] * each);
	}

	/** Minimum, median (type 7), mean and maximum of ascending sizes. */
	private static double[] statistics(final long[] sorted) {
		final int n = sorted.length;
		final double h = (n - 1) * 0.5;
		final int lo = (int) Math.floor(h);
		final double median = lo >= n - 1 ? sorted[n - 1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
		double sum = 0;
		for (final long v : sorted) sum += v;
		return new double[] { sorted[0], median, sum / n, sorted[n - 1] };
	}

	private static int label(final MapImage m, final int t, final int i) {
		final float v = Measure.value(m, t, i);
		return Float.isNaN(v) ? 0 : (int) v;
	}
}
