package org.innsight.unmixing;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;

/**
 * What a user asks of linear unmixing: every option of {@code Linear Unmixing (baseline)} in Fiji, {@code innsight
 * unmix} and the pipeline step {@code unmix}, with its one default. The inputs (image, mask, exclusion flags, camera)
 * are arguments of {@link Unmixing#run}, not settings.
 */
public record UnmixingRequest(Settings settings) {

	public static final Setting<Boolean> SLOPE = Setting.flag("slope", false,
		"Also fit a scattering loss linear in wavelength (default: a constant loss only)");
	/** {@code auto} (NaN): 255 for 8-bit, 65535 for 16-bit images; none for float images. */
	public static final Setting<Double> SATURATION = Setting.number("saturation", Double.NaN, Double.NaN, Double.NaN,
		"A band at or above this level marks a pixel saturated; auto: 255 / 65535 for 8/16-bit images, none for float").autoWord("auto");
	public static final Setting<Boolean> ACCEPT_UNITS = Setting.flag("acceptUnits", false,
		"Run even when the image does not look like reflectance (negative spectra, most pixels above " + Unmixing.REFLECTANCE_LIMIT +
			"): warn instead of refusing");

	public static final List<Setting<?>> SETTINGS = List.of(SLOPE, SATURATION, ACCEPT_UNITS);

	public static UnmixingRequest defaults() {
		return new UnmixingRequest(Settings.defaults(SETTINGS));
	}

	public <T> UnmixingRequest with(final Setting<T> s, final T v) {
		return new UnmixingRequest(settings.with(s, v));
	}

	public boolean slope() {
		return settings.get(SLOPE);
	}

	/** The saturation level; NaN for "auto" (see {@link #saturationFor}). */
	public double saturation() {
		return settings.get(SATURATION);
	}

	/** The saturation level for an input whose pixel type saturates at {@code typeMaximum} (infinity: none). */
	public double saturationFor(final double typeMaximum) {
		return Double.isNaN(saturation()) ? typeMaximum : saturation();
	}

	public boolean acceptUnits() {
		return settings.get(ACCEPT_UNITS);
	}

	/** What is wrong, one message per problem, each starting with the setting's key; empty when the request can run. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		final double s = saturation();
		if (!Double.isNaN(s) && !(s > 0)) problems.add(SATURATION.key() + " must be above 0, not " + SATURATION.format(s));
		return problems;
	}

	/** This request, or an error listing every problem. */
	public UnmixingRequest checked() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}
}
