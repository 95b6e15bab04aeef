package org.innsight.normalise;

import java.util.List;

import org.innsight.image.Normalisation;
import org.innsight.request.Setting;
import org.innsight.request.Settings;

/** What Spectral Normalise is asked to do: which norm every pixel's spectrum is divided by. */
public record SpectralNormaliseRequest(Settings settings) {

	public static final Setting<String> NORM = Setting.choice("norm", "L2", List.of("L2", "L1", "none"),
		"L2: unit-length spectra; L1: absolute values sum to 1; none: copy");

	public static final List<Setting<?>> SETTINGS = List.of(NORM);

	public static SpectralNormaliseRequest defaults() {
		return new SpectralNormaliseRequest(Settings.defaults(SETTINGS));
	}

	public <T> SpectralNormaliseRequest with(final Setting<T> setting, final T value) {
		return new SpectralNormaliseRequest(settings.with(setting, value));
	}

	public Normalisation norm() {
		return Normalisation.parse(settings.get(NORM));
	}

	/** What is wrong with the request; empty when it can run. */
	public List<String> validate() {
		return settings.problems();
	}
}
