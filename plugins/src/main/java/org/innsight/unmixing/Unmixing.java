package org.innsight.unmixing;

import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.posterior.PosteriorImages;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.LutLoader;
import ij.process.FloatProcessor;
import ij.process.LUT;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Linear unmixing as every front end runs it ({@code Linear Unmixing (baseline)}, {@code innsight unmix}, the
 * pipeline step {@code unmix}): an image (or a table) of camera band values, a camera and an {@link UnmixingRequest}
 * in, {@link Outputs} by name out.
 * <p>
 * Image outputs: {@value #SO2} (0..1, LUT Fire) and {@value #THB} (path length x total haemoglobin, mM cm,
 * relative; LUT Fire from 0 to its 99th percentile), 32-bit, one plane per frame, calibrated like the input, each
 * titled {@code <image>_<name>}. Pixels not fitted are NaN and counted by reason ({@link Counts#statistics}).
 * <p>
 * The image's wavelengths must be the camera's band centres (within 0.5 nm). Units: the fit takes the logarithm of
 * reflectance, so it needs values in (0, about 1]. Over the pixels to fit (inside the mask, not flagged, finite, not
 * all zero, not saturated): spectra whose bands sum to less than 0 in more than 1 %, or spectra with a band above
 * {@value #REFLECTANCE_LIMIT} in more than 50 %, are refused (a warning with {@link UnmixingRequest#ACCEPT_UNITS});
 * above {@value #REFLECTANCE_LIMIT} in more than 5 %, or an 8/16-bit image, a warning. The statistics {@code units},
 * {@code units_outside} (share with a band above the limit) and {@code units_negative} say what the check found.
 */
public final class Unmixing {

	/** Output names. */
	public static final String SO2 = "sO2_unmixed", THB = "tHb_unmixed";
	/** Unit of {@link #THB}. */
	public static final String THB_UNIT = "mM cm";
	/** Diffuse reflectance above this is no reflectance (counts, percent). */
	public static final double REFLECTANCE_LIMIT = 1.5;
	/** Name of the total among the statistics (as the other capabilities name their pixel counts). */
	public static final String TOTAL = "pixels";

	private Unmixing() {}

	/**
	 * Pixels (or rows) fitted, and why the others were not, each counted under its first reason in this order:
	 * outside the mask, excluded by a flag, a non-finite band, all zero, a band at or above the saturation level, a
	 * band at or below 0 (no logarithm), and a best fit without haemoglobin (sO2 undefined).
	 */
	public record Counts(long total, long fitted, long outsideMask, long excluded, long nonFinite, long zero, long saturated, long nonPositive,
		long noHaemoglobin)
	{
		public Map<String, Long> statistics(final String totalName) {
			final Map<String, Long> m = new LinkedHashMap<>();
			m.put(totalName, total);
			m.put("fitted", fitted);
			m.put("outside_mask", outsideMask);
			m.put("excluded", excluded);
			m.put("non_finite", nonFinite);
			m.put("zero", zero);
			m.put("saturated", saturated);
			m.put("non_positive", nonPositive);
			m.put("no_haemoglobin", noHaemoglobin);
			return m;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d of %d fitted; NaN: %d outside the mask, %d excluded, %d non-finite, %d zero, %d saturated, " +
				"%d with a band <= 0, %d without haemoglobin", fitted, total, outsideMask, excluded, nonFinite, zero, saturated, nonPositive, noHaemoglobin);
		}
	}

	/** What an unmixing made: images (or the table) and statistics by name, and the counts. */
	public record Result(Outputs outputs, Counts counts, double seconds) {}

	/** Tally of reasons, in {@link Counts}' order. */
	private static final int FITTED = 0, OUTSIDE_MASK = 1, EXCLUDED = 2, NON_FINITE = 3, ZERO = 4, SATURATED = 5, NON_POSITIVE = 6, NO_HB = 7;

	/**
	 * Unmixes every pixel of an ImageJ image: its spectra (channels, or the slices of a plain stack, labelled with
	 * wavelengths). "auto" saturation is the image type's (8/16-bit maximum; none for float).
	 *
	 * @param mask an image whose nonzero pixels are fitted (one plane, or one per frame), or null
	 * @param exclude an image whose nonzero pixels are skipped (e.g. out-of-distribution flags), or null
	 * @param useSelection fit only inside the image's area selection, if it has one
	 */
	public static Result run(final ImagePlus image, final ImagePlus mask, final ImagePlus exclude, final boolean useSelection, final Camera camera,
		final UnmixingRequest request, final ProgressListener progress)
	{
		final long start = System.nanoTime();
		request.checked();
		final SpectralImage spectra = SpectralImage.of(image);
		spectra.checkWavelengths("camera " + camera.name(), camera.centres());
		final LinearUnmixing unmixing = LinearUnmixing.forCamera(camera, request.slope());
		final double saturation = request.saturationFor(PosteriorImages.saturationOf(image));
		final RandomAccessibleInterval<UnsignedByteType> in = PosteriorImages.mask(image, mask, useSelection),
			out = exclude == null ? null : PosteriorImages.mask(image, exclude, false);
		final RandomAccess<UnsignedByteType> inside = in == null ? null : in.randomAccess(), flagged = out == null ? null : out.randomAccess();
		final int w = Math.toIntExact(spectra.width()), h = Math.toIntExact(spectra.height()), c = spectra.channels(), frames = spectra.frames();
		final RandomAccessibleInterval<FloatType> img = Views.zeroMin(spectra.image());
		final RandomAccess<FloatType> ra = img.randomAccess();
		final float[][] so2 = new float[frames][w * h], thb = new float[frames][w * h];
		final float[] row = new float[w * c];
		final double[] work = unmixing.workspace(), result = new double[unmixing.results()], gain = camera.gain();
		final long[] tally = new long[8];
		long candidates = 0, negative = 0, above = 0;
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		for (int f = 0; f < frames; f++)
			for (int y = 0; y < h; y++) {
				for (int ch = 0; ch < c; ch++) {
					ra.setPosition(0, 0);
					ra.setPosition(y, 1);
					ra.setPosition(ch, 2);
					if (img.numDimensions() > 3) ra.setPosition(f, 3);
					for (int x = 0; x < w; x++, ra.fwd(0)) row[x * c + ch] = ra.get().get();
				}
				for (int x = 0; x < w; x++) {
					final int p = y * w + x;
					so2[f][p] = thb[f][p] = Float.NaN;
					final int reason;
					if (inside != null && at(inside, x, y, f) == 0) reason = OUTSIDE_MASK;
					else if (flagged != null && at(flagged, x, y, f) != 0) reason = EXCLUDED;
					else {
						final int screened = screen(row, x * c, c, saturation);
						if (screened != FITTED) reason = screened;
						else {
							candidates++;
							double sum = 0;
							boolean high = false;
							for (int i = 0; i < c; i++) {
								sum += row[x * c + i];
								high |= row[x * c + i] / gain[i] > REFLECTANCE_LIMIT;
							}
							if (sum < 0) negative++;
							if (high) above++;
							reason = fit(unmixing, row, x * c, work, result);
							if (reason == FITTED) so2[f][p] = (float) result[0];
							if (reason == FITTED || reason == NO_HB) thb[f][p] = (float) result[1];
						}
					}
					tally[reason]++;
				}
				listener.progress((long) f * h + y + 1, (long) frames * h, "unmixing " + image.getTitle());
			}
		final Counts counts = counts(tally);
		final UnitsCheck.Verdict units = units(image.getTitle(), image.getBitDepth(), candidates, negative, above, request.acceptUnits());
		final Outputs outputs = new Outputs();
		outputs.image(SO2, map(image, so2, DerivedImages.title(image, SO2), "", 0, 1));
		outputs.image(THB, map(image, thb, DerivedImages.title(image, THB), THB_UNIT, 0, percentile99(thb)));
		counts.statistics(TOTAL).forEach(outputs::statistic);
		units.addTo(outputs);
		outputs.statistic("camera", camera.name());
		outputs.statistic("slope", request.slope());
		return new Result(outputs, counts, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * Unmixes every row of a table of band values ({@code columns}, in the camera's band order): a table with the
	 * input's {@code row_id} (or {@code id}, else the row index), {@code sO2}, {@code tHb}, {@code offset} (and
	 * {@code slope}); rows not fitted are NaN and counted. No saturation, no units check (simulations, measurements).
	 */
	public static Result run(final Table table, final List<String> columns, final Camera camera, final UnmixingRequest request) {
		final long start = System.nanoTime();
		request.checked();
		if (columns.size() != camera.bands())
			throw new IllegalArgumentException(table.source() + ": " + columns.size() + " band columns " + columns + " but camera " + camera.name() +
				" has " + camera.bands() + " bands");
		final LinearUnmixing unmixing = LinearUnmixing.forCamera(camera, request.slope());
		final int rows = table.rows(), c = columns.size();
		final float[] v = table.rowMajor(columns);
		final List<String> names = new ArrayList<>(List.of("row_id", "sO2", "tHb", "offset"));
		if (request.slope()) names.add("slope");
		final float[][] data = new float[names.size()][rows];
		final float[] ids = table.hasColumn("row_id") ? table.column("row_id") : table.hasColumn("id") ? table.column("id") : null;
		final double[] work = unmixing.workspace(), result = new double[unmixing.results()];
		final long[] tally = new long[8];
		for (int r = 0; r < rows; r++) {
			data[0][r] = ids != null ? ids[r] : r;
			for (int j = 1; j < names.size(); j++) data[j][r] = Float.NaN;
			int reason = screen(v, r * c, c, Double.POSITIVE_INFINITY);
			if (reason == FITTED) {
				reason = fit(unmixing, v, r * c, work, result);
				if (reason == FITTED) data[1][r] = (float) result[0];
				if (reason != NON_POSITIVE) for (int j = 1; j < result.length; j++) data[1 + j][r] = (float) result[j];
			}
			tally[reason]++;
		}
		final Counts counts = counts(tally);
		final JsonObject header = new JsonObject();
		header.addProperty("format", "innsight-unmixing-table");
		header.addProperty("source", table.source());
		header.addProperty("camera", camera.name());
		header.addProperty("slope", request.slope());
		header.addProperty("tHb_unit", THB_UNIT);
		final Outputs outputs = new Outputs().table("unmixing", new Table(names, data, header, "unmixing of " + table.source()));
		counts.statistics("rows").forEach(outputs::statistic);
		return new Result(outputs, counts, (System.nanoTime() - start) / 1e9);
	}

	private static int fit(final LinearUnmixing unmixing, final float[] v, final int from, final double[] work, final double[] result) {
		return switch (unmixing.unmix(v, from, work, result)) {
			case FITTED -> FITTED;
			case NON_POSITIVE -> NON_POSITIVE;
			case NO_HAEMOGLOBIN -> NO_HB;
		};
	}

	/** FITTED (go on), NON_FINITE, ZERO or SATURATED. */
	private static int screen(final float[] v, final int from, final int n, final double saturation) {
		boolean zero = true, saturated = false;
		for (int i = from; i < from + n; i++) {
			if (!Float.isFinite(v[i])) return NON_FINITE;
			zero &= v[i] == 0;
			saturated |= v[i] >= saturation;
		}
		return zero ? ZERO : saturated ? SATURATED : FITTED;
	}

	private static Counts counts(final long[] t) {
		long total = 0;
		for (final long n : t) total += n;
		return new Counts(total, t[FITTED], t[OUTSIDE_MASK], t[EXCLUDED], t[NON_FINITE], t[ZERO], t[SATURATED], t[NON_POSITIVE], t[NO_HB]);
	}

	/** The reflectance check of the class comment. */
	static UnitsCheck.Verdict units(final String input, final int bitDepth, final long checked, final long negative, final long above,
		final boolean accept)
	{
		if (checked == 0) return new UnitsCheck.Verdict(UnitsCheck.Status.OK, null, 0, 0, 0);
		final double neg = negative / (double) checked, out = above / (double) checked;
		final List<String> found = new ArrayList<>();
		boolean refuse = false;
		if (neg > UnitsCheck.NEGATIVE_LIMIT) {
			refuse = true;
			found.add(percent(neg) + " of the " + checked + " pixels to unmix have negative spectra (bands summing below 0); reflectance is not negative");
		}
		if (out > UnitsCheck.WARN_LIMIT) {
			refuse |= out > UnitsCheck.REFUSE_LIMIT;
			found.add(percent(out) + " of the " + checked + " pixels to unmix have a band above " + REFLECTANCE_LIMIT + ", which diffuse reflectance " +
				"(0 to 1) does not reach");
		}
		if (bitDepth == 8 || bitDepth == 16 || bitDepth == 24) found.add("the image is " + bitDepth + "-bit: integer counts, not reflectance");
		if (found.isEmpty()) return new UnitsCheck.Verdict(UnitsCheck.Status.OK, null, checked, above, negative);
		final String what = String.join("; ", found);
		if (refuse && !accept) throw new IllegalArgumentException(input + ": " + what + ". Convert it to reflectance (0 to 1), or run with " +
			"--accept-units (Fiji and macros: accept_units=true; pipelines: \"acceptUnits\": true)");
		if (refuse) return new UnitsCheck.Verdict(UnitsCheck.Status.ACCEPTED, input + ": units accepted as asked, though " + what, checked, above, negative);
		return new UnitsCheck.Verdict(UnitsCheck.Status.WARNING, input + ": " + what + "; the unmixing there may be meaningless (convert it to " +
			"reflectance if it is not)", checked, above, negative);
	}

	private static String percent(final double share) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * share);
	}

	private static int at(final RandomAccess<UnsignedByteType> mask, final int x, final int y, final int frame) {
		mask.setPosition(x, 0);
		mask.setPosition(y, 1);
		if (mask.numDimensions() > 2) mask.setPosition(frame, 2);
		return mask.get().get();
	}

	/** A 32-bit map, one plane per frame, calibrated like {@code like}, LUT Fire over [lo, hi]. */
	private static ImagePlus map(final ImagePlus like, final float[][] planes, final String title, final String unit, final double lo, final double hi) {
		final ImageStack stack = new ImageStack(like.getWidth(), like.getHeight());
		for (final float[] p : planes) stack.addSlice(null, new FloatProcessor(like.getWidth(), like.getHeight(), p));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, 1, planes.length);
		if (planes.length > 1) imp.setOpenAsHyperStack(true);
		imp.setCalibration(like.getCalibration().copy());
		imp.getCalibration().setValueUnit(unit);
		final double top = hi > lo ? hi : lo + 1;
		final IndexColorModel icm = LutLoader.getLut("fire");
		imp.setLut(new LUT(icm, lo, top));
		imp.setDisplayRange(lo, top);
		return imp;
	}

	/** The 99th percentile of the finite values (a display range); 0 when there are none. */
	private static double percentile99(final float[][] planes) {
		int n = 0;
		for (final float[] p : planes) for (final float v : p) if (Float.isFinite(v)) n++;
		if (n == 0) return 0;
		final float[] all = new float[n];
		n = 0;
		for (final float[] p : planes) for (final float v : p) if (Float.isFinite(v)) all[n++] = v;
		java.util.Arrays.sort(all);
		return all[(int) Math.min(n - 1, Math.round(0.99 * (n - 1)))];
	}
}
