package org.innsight.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.innsight.engine.InputRange;
import org.innsight.image.Normalisation;
import org.innsight.image.SpectralImage;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Is the input in the units the model was trained on? Checked before estimation by the posterior, OOD and
 * transfer capabilities (every front end), over the spectra that will be estimated, against the model's
 * {@link InputRange} (its card's {@code inputs.range}). A model gives plausible-looking answers (sO2 0..1) for
 * any numbers, so an image in the wrong units (counts instead of reflectance, a sign flipped) must be caught here.
 * <p>
 * Each spectrum is normalised as the model normalises its inputs (the range's {@code normalisation}); then:
 * <ul>
 * <li>it is <b>outside</b> when any channel lies below {@code q001 - MARGIN * w} or above {@code q999 + MARGIN * w},
 * {@code w = q999 - q001} that channel's width: the bulk of the training values widened by half its width on each
 * side, so noise and tissue a little beyond the training ranges pass;</li>
 * <li>it is <b>negative</b> when its channels sum to less than 0 (noise may push a dark channel below 0, never a
 * whole spectrum), counted only for models whose training values are non-negative
 * ({@link InputRange#isNonNegative()}: reflectance, pressure).</li>
 * </ul>
 * Rules, by share of the checked spectra: negative in more than {@value #NEGATIVE_LIMIT} (1 %) or outside in more
 * than {@value #REFUSE_LIMIT} (50 %): refused, with a message naming the input, the shares, the model's and the
 * input's ranges and what to do; outside in more than {@value #WARN_LIMIT} (5 %), or an 8/16-bit integer image into
 * a reflectance model: a warning, and the work runs. {@link #ACCEPT_UNITS} turns a refusal into a warning. A model
 * whose card records no range is not checked (a note says so).
 */
public final class UnitsCheck {

	public static final Setting<Boolean> ACCEPT_UNITS = Setting.flag("acceptUnits", false,
		"Run even when the input does not look like the model's training units (negative values, most pixels outside the " +
			"training range): warn instead of refusing");

	/** Each side of a channel's [q001, q999] is widened by this share of its width. */
	public static final double MARGIN = 0.5;
	/** A larger share of negative spectra is refused (for models trained on non-negative values). */
	public static final double NEGATIVE_LIMIT = 0.01;
	/** A larger share of spectra outside the range is refused. */
	public static final double REFUSE_LIMIT = 0.5;
	/** A larger share of spectra outside the range is warned about. */
	public static final double WARN_LIMIT = 0.05;

	/** Names of the statistics a capability adds to its outputs: the verdict's word, and the shares outside and negative. */
	public static final String UNITS = "units", OUTSIDE = "units_outside", NEGATIVE = "units_negative";

	/** How to accept the units in each front end, for messages. */
	static final String HOW_TO_ACCEPT = "--accept-units (Fiji and macros: accept_units=true; pipelines: \"acceptUnits\": true)";

	/** The verdict's word ({@value #UNITS} among the statistics). */
	public enum Status {
		/** Checked, nothing to say (or nothing to check: no spectrum will be estimated). */
		OK,
		/** Checked: a notable share lies outside the range, or an integer image goes into a reflectance model. */
		WARNING,
		/** Would have been refused; run because the user accepted the units. */
		ACCEPTED,
		/** The model records no range. */
		UNCHECKED;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** Which pixels of an image will be estimated (besides having finite, not all-zero spectra): masks, flags, saturation. */
	@FunctionalInterface
	public interface PixelFilter {
		/** Whether the pixel at (x, y, frame), whose spectrum is {@code v[from .. from + channels)}, will be estimated. */
		boolean estimated(long x, long y, long frame, float[] v, int from);
	}

	/**
	 * What the check found.
	 *
	 * @param message the warning, note or nothing (null) to show
	 * @param checked spectra checked; {@code outside} and {@code negative} of them
	 */
	public record Verdict(Status status, String message, long checked, long outside, long negative) {

		/** The verdict into a capability's outputs: the statistics {@value #UNITS}, {@value #OUTSIDE}, {@value #NEGATIVE}, and the message. */
		public void addTo(final Outputs out) {
			out.statistic(UNITS, status.toString());
			if (status != Status.UNCHECKED) {
				out.statistic(OUTSIDE, share(outside, checked));
				out.statistic(NEGATIVE, share(negative, checked));
			}
			if (message == null) return;
			if (status == Status.UNCHECKED) out.note(message);
			else out.warning(message);
		}
	}

	private final InputRange range;
	private final Normalisation normalisation;
	private final double[] low, high, seenMin, seenMax;
	private final boolean nonNegative;
	private final float[] work;
	private long checked, outside, negative;

	private UnitsCheck(final InputRange range) {
		this.range = range;
		final int c = range == null ? 0 : range.columns();
		this.normalisation = range == null ? Normalisation.NONE : range.spectrumNormalisation();
		this.low = new double[c];
		this.high = new double[c];
		for (int j = 0; j < c; j++) {
			final double w = range.q999[j] - range.q001[j];
			low[j] = range.q001[j] - MARGIN * w;
			high[j] = range.q999[j] + MARGIN * w;
		}
		this.seenMin = new double[c];
		this.seenMax = new double[c];
		Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
		Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
		this.nonNegative = range != null && range.isNonNegative();
		this.work = new float[c];
	}

	/** A check against {@code range}; null (a model that records none): nothing is checked. */
	public static UnitsCheck of(final InputRange range) {
		return new UnitsCheck(range);
	}

	/** Adds one spectrum, {@code v[from .. from + columns)} (not changed); a spectrum with a non-finite value or all zero is left out. */
	public UnitsCheck add(final float[] v, final int from) {
		final int c = work.length;
		if (range == null || !usable(v, from, c)) return this;
		System.arraycopy(v, from, work, 0, c);
		normalisation.apply(work, 0, c);
		boolean out = false;
		double sum = 0;
		for (int j = 0; j < c; j++) {
			final float x = work[j];
			sum += x;
			out |= x < low[j] || x > high[j];
			if (x < seenMin[j]) seenMin[j] = x;
			if (x > seenMax[j]) seenMax[j] = x;
		}
		checked++;
		if (out) outside++;
		if (sum < 0 && nonNegative) negative++;
		return this;
	}

	/** Adds {@code rows} spectra, row-major (a table's observations). */
	public UnitsCheck addRows(final float[] rowMajor, final int rows) {
		if (range == null) return this;
		requireColumns(rowMajor.length / Math.max(1, rows), "spectra of");
		for (int r = 0; r < rows; r++) add(rowMajor, r * work.length);
		return this;
	}

	/** Adds the spectra of every pixel of {@code image} that {@code filter} lets through (null: every pixel). */
	public UnitsCheck addImage(final SpectralImage image, final PixelFilter filter) {
		if (range == null) return this;
		final int c = image.channels();
		requireColumns(c, "image '" + image.name() + "' with");
		final RandomAccessibleInterval<FloatType> img = Views.zeroMin(image.image());
		final RandomAccess<FloatType> ra = img.randomAccess();
		final int w = Math.toIntExact(image.width());
		final float[] row = new float[Math.multiplyExact(w, c)];
		for (int frame = 0; frame < image.frames(); frame++)
			for (long y = 0; y < image.height(); y++) {
				for (int ch = 0; ch < c; ch++) {
					ra.setPosition(0, 0);
					ra.setPosition(y, 1);
					ra.setPosition(ch, 2);
					if (img.numDimensions() > 3) ra.setPosition(frame, 3);
					for (int x = 0; x < w; x++, ra.fwd(0)) row[x * c + ch] = ra.get().get();
				}
				for (int x = 0; x < w; x++)
					if (usable(row, x * c, c) && (filter == null || filter.estimated(x, y, frame, row, x * c))) add(row, x * c);
			}
		return this;
	}

	private void requireColumns(final int columns, final String what) {
		if (columns != work.length)
			throw new IllegalArgumentException(what + " " + columns + " channels checked against a training range of " + work.length + " inputs");
	}

	private static boolean usable(final float[] v, final int from, final int c) {
		boolean zero = true;
		for (int i = from; i < from + c; i++) {
			if (!Float.isFinite(v[i])) return false;
			zero &= v[i] == 0;
		}
		return !zero;
	}

	/**
	 * The verdict on what was added; throws when the input is refused (see the class comment).
	 *
	 * @param input the input's name for messages (the file name, an image title)
	 * @param model the model's name
	 * @param bitDepth the input's pixel type: 8 or 16 (integers), 24 (RGB), 32 (float; tables)
	 * @param accept the user accepted the units ({@link #ACCEPT_UNITS}): warn instead of refusing
	 * @throws IllegalArgumentException when refused
	 */
	public Verdict verdict(final String input, final String model, final int bitDepth, final boolean accept) {
		if (range == null)
			return new Verdict(Status.UNCHECKED, "model " + model + " records no training range of its inputs ('inputs.range' in its card): " +
				"the units of " + input + " were not checked", 0, 0, 0);
		if (checked == 0) return new Verdict(Status.OK, null, 0, 0, 0);
		final double out = share(outside, checked), neg = share(negative, checked);
		final List<String> found = new ArrayList<>();
		boolean refuse = false;
		if (neg > NEGATIVE_LIMIT) {
			refuse = true;
			found.add(percent(neg) + " of the " + checked + " pixels to estimate have negative values, which the training data of model " + model +
				" (" + what() + ") do not have");
		}
		if (out > WARN_LIMIT) {
			refuse |= out > REFUSE_LIMIT;
			found.add(percent(out) + " of the " + checked + " pixels to estimate lie outside the training range of model " + model + " (" + what() +
				": " + format(min(range.q001)) + " to " + format(max(range.q999)) + " [0.1-99.9 % of its " + range.rows + " training spectra, all bands" +
				normalised() + "]; " + input + ": " + format(min(seenMin)) + " to " + format(max(seenMax)) + ")");
		}
		final boolean integer = bitDepth == 8 || bitDepth == 16 || bitDepth == 24;
		if (integer && range.isReflectance()) found.add("the image is " + bitDepth + "-bit: integer counts, not reflectance");
		if (found.isEmpty()) return new Verdict(Status.OK, null, checked, outside, negative);
		final String what = String.join("; ", found);
		final String fix = range.isReflectance() ? "convert it to reflectance" : "convert it to the model's units (" + what() + ")";
		if (refuse && !accept) throw new IllegalArgumentException(input + ": " + what + ". " + capitalised(fix) + ", or run with " + HOW_TO_ACCEPT);
		if (refuse) return new Verdict(Status.ACCEPTED, input + ": units accepted as asked, though " + what, checked, outside, negative);
		return new Verdict(Status.WARNING, input + ": " + what + "; estimates there may be meaningless (" + fix + " if it is not)", checked, outside,
			negative);
	}

	private String what() {
		return range.quantity != null ? range.quantity : "units not recorded";
	}

	private String normalised() {
		return normalisation == Normalisation.NONE ? "" : ", each spectrum " + normalisation + "-normalised";
	}

	static double share(final long part, final long whole) {
		return whole == 0 ? 0 : part / (double) whole;
	}

	private static String percent(final double share) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * share);
	}

	private static String format(final double v) {
		return String.format(Locale.ROOT, "%.3g", v);
	}

	private static String capitalised(final String s) {
		return Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	private static double min(final double[] v) {
		return Arrays.stream(v).min().orElse(Double.NaN);
	}

	private static double max(final double[] v) {
		return Arrays.stream(v).max().orElse(Double.NaN);
	}
}
