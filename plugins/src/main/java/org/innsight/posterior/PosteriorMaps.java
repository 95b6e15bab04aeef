package org.innsight.posterior;

import java.util.List;

import org.innsight.image.Axes;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The result of a posterior estimation over an image: per parameter and statistic a float map with the input's
 * x, y (and frame) dimensions and calibration; optionally per parameter all samples; and the pixel counts.
 * Pixels not estimated are NaN in every map.
 *
 * @param maps one per (parameter, statistic), parameters in model order, statistics in the order asked for
 * @param samples per parameter an image x, y, sample[, frame]; empty unless samples were kept
 * @param axes the calibration of the maps: the input's x, y[, t]
 * @param counts estimated and skipped pixels
 * @param samplesPerPixel posterior samples drawn per pixel
 * @param model the model's name
 * @param seconds wall-clock time of the estimation
 */
public record PosteriorMaps(List<ParameterMap> maps, List<SampleStack> samples, Axes axes, MaskCounts counts, int samplesPerPixel,
	String model, double seconds)
{

	/** One map: the statistic of one parameter's posterior at every pixel. */
	public record ParameterMap(String parameter, String unit, double[] range, Statistic statistic, Img<FloatType> image) {

		/** "sO2_median", "vHb_1_IQR": the suffix of titles and file names. */
		public String label() {
			return parameter + "_" + statistic.label();
		}
	}

	/** All samples of one parameter: x, y, sample[, frame]. */
	public record SampleStack(String parameter, String unit, Img<FloatType> image) {}

	/** The map of {@code parameter} and {@code statistic}; an error naming what there is otherwise. */
	public ParameterMap get(final String parameter, final Statistic statistic) {
		for (final ParameterMap m : maps)
			if (m.parameter().equals(parameter) && m.statistic() == statistic) return m;
		throw new IllegalArgumentException("no " + statistic.label() + " map of '" + parameter + "'; there are " +
			maps.stream().map(ParameterMap::label).toList());
	}
}
