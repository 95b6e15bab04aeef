package org.innsight.posterior;

import java.util.ArrayList;
import java.util.List;

import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.io.Table;
import org.innsight.progress.ProgressListener;
import org.innsight.request.Outputs;
import org.innsight.request.UnitsCheck;

import ij.ImagePlus;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The tissue posterior, as every front end runs it ({@code Tissue Posterior Estimation}, {@code innsight
 * posterior}, the pipeline step {@code posterior}, the demo): an image or a table, a model and a
 * {@link PosteriorRequest} in, {@link Outputs} by name out.
 * <p>
 * Image outputs: one 32-bit map per parameter and statistic, named {@code <parameter>_<statistic>}
 * ({@code sO2_median}, {@code vHb_1_IQR}; {@link #mapNames}), then with {@code keepSamples} one stack per
 * parameter, {@code <parameter>_samples} ({@link #sampleNames}); each image is titled
 * {@code <image>_<name>}. Statistics: the pixel counts {@code pixels}, {@code estimated}, {@code outside_mask},
 * {@code excluded}, {@code non_finite}, {@code zero}, {@code saturated} ({@link MaskCounts#statistics}), then
 * the {@link UnitsCheck}'s {@code units}, {@code units_outside} and {@code units_negative}. Table outputs: the table
 * {@code posterior} ({@link TablePosterior}) and the same counts over rows.
 * <p>
 * Before the work, the spectra to estimate (after the masks, flags and saturation) are checked against the
 * model's training range ({@link UnitsCheck}): an input in the wrong units is refused unless the request
 * accepts them ({@link PosteriorRequest#ACCEPT_UNITS}); a doubtful one gets a warning in the outputs.
 */
public final class TissuePosterior {

	/** The table output's name. */
	public static final String TABLE = "posterior";
	/** The name of the total among the statistics (as the other pipeline steps name their pixel counts). */
	public static final String TOTAL = "pixels";

	private TissuePosterior() {}

	/**
	 * What a posterior made.
	 *
	 * @param outputs images (or the table) and the counts, by name
	 * @param counts the same counts, for messages ({@link MaskCounts#toString()})
	 * @param seconds wall-clock time of the estimation
	 */
	public record Result(Outputs outputs, MaskCounts counts, double seconds) {}

	/** The map names for a model's parameters: parameter by parameter, statistic by statistic. */
	public static List<String> mapNames(final List<String> parameters, final PosteriorRequest request) {
		final List<String> names = new ArrayList<>();
		for (final String p : parameters) for (final Statistic s : request.statistics()) names.add(p + "_" + s.label());
		return names;
	}

	/** The names of the sample stacks: one per parameter with {@code keepSamples}, else none. */
	public static List<String> sampleNames(final List<String> parameters, final PosteriorRequest request) {
		final List<String> names = new ArrayList<>();
		if (request.keepSamples()) for (final String p : parameters) names.add(p + "_samples");
		return names;
	}

	/**
	 * The posterior of every pixel of an ImageJ image: its spectra (channels, or the slices of a plain stack,
	 * labelled with wavelengths), checked against the model's wavelengths. "auto" saturation is the image type's
	 * (8/16-bit maximum; none for float).
	 *
	 * @param mask an image whose nonzero pixels are estimated (one plane, or one per frame), or null
	 * @param exclude an image whose nonzero pixels are skipped (e.g. out-of-distribution flags), or null
	 * @param useSelection estimate only inside the image's area selection, if it has one
	 */
	public static Result run(final ImagePlus image, final ImagePlus mask, final ImagePlus exclude, final boolean useSelection,
		final PosteriorSampler model, final PosteriorRequest request, final ProgressListener progress)
	{
		final PosteriorOptions options = request.options(PosteriorImages.saturationOf(image));
		final SpectralImage spectra = SpectralImage.of(image);
		final RandomAccessibleInterval<? extends RealType<?>> in = PosteriorImages.mask(image, mask, useSelection),
			out = exclude == null ? null : PosteriorImages.mask(image, exclude, false);
		PosteriorEstimator.checkWavelengths(spectra, model); // a wrong image is named before its units are
		final UnitsCheck.Verdict units = UnitsCheck.of(model.inputRange()).addImage(spectra, estimable(in, out, options.saturation, spectra.channels()))
			.verdict(image.getTitle(), model.name(), image.getBitDepth(), request.acceptUnits());
		final PosteriorMaps maps = PosteriorEstimator.estimate(spectra, in, out, model, options, progress);
		final String base = DerivedImages.title(image, "").replaceAll("_$", "");
		final Outputs outputs = new Outputs();
		for (final PosteriorMaps.ParameterMap m : maps.maps()) outputs.image(m.label(), PosteriorImages.image(m, maps.axes(), base));
		for (final PosteriorMaps.SampleStack s : maps.samples()) outputs.image(s.parameter() + "_samples", PosteriorImages.samples(s, maps, base));
		maps.counts().statistics(TOTAL).forEach(outputs::statistic);
		units.addTo(outputs);
		return new Result(outputs, maps.counts(), maps.seconds());
	}

	/** The pixels the estimator will estimate: inside the mask, not flagged, not saturated (finite and not all zero: the check's own rule). */
	private static UnitsCheck.PixelFilter estimable(final RandomAccessibleInterval<? extends RealType<?>> mask,
		final RandomAccessibleInterval<? extends RealType<?>> exclude, final double saturation, final int channels)
	{
		final RandomAccess<? extends RealType<?>> in = mask == null ? null : mask.randomAccess(), out = exclude == null ? null : exclude.randomAccess();
		final PixelScreen screen = new PixelScreen(saturation);
		return (x, y, frame, v, from) -> (in == null || PosteriorEstimator.at(in, x, y, frame) != 0) &&
			(out == null || PosteriorEstimator.at(out, x, y, frame) == 0) && screen.check(v, from, channels) == PixelScreen.ESTIMATED;
	}

	/** The posterior of every row of a table; "auto" saturation is none; the rows' units are checked as an image's pixels are. */
	public static Result run(final Table table, final List<String> observationColumns, final PosteriorSampler model, final PosteriorRequest request,
		final ProgressListener progress)
	{
		final long start = System.nanoTime();
		final PosteriorOptions options = request.options(Double.POSITIVE_INFINITY);
		final UnitsCheck.Verdict units = observationColumns.size() != model.observationColumns() ? null // TablePosterior names the mismatch
			: UnitsCheck.of(model.inputRange()).addRows(table.rowMajor(observationColumns), table.rows())
				.verdict(table.source(), model.name(), 32, request.acceptUnits());
		final TablePosterior.Result r = TablePosterior.run(table, observationColumns, model, options, progress);
		final Outputs out = new Outputs().table(TABLE, r.table());
		r.counts().statistics(TOTAL).forEach(out::statistic);
		if (units != null) units.addTo(out);
		return new Result(out, r.counts(), (System.nanoTime() - start) / 1e9);
	}
}
