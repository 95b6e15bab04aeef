package org.innsight.optics;

import java.util.List;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;

/**
 * A forward model: physical parameters in, a spectrum on a wavelength grid out (reflectance for MSI/HSI,
 * initial pressure for photoacoustics). Cameras turn these fine spectra into band values.
 */
public interface SpectralModel {

	/** Short name recorded in table headers: "msi", "msi-mc", "pai". */
	String name();

	/** The parameters in the order {@link Evaluator#spectrum} expects them. */
	List<Parameter> parameters();

	/** Everything that defines the model besides its parameters (for table headers and model cards). */
	JsonObject describe();

	/** A model copy with other parameter ranges (same names, same order). */
	SpectralModel withParameters(List<Parameter> parameters);

	/**
	 * An evaluator for one wavelength grid. Evaluators hold precomputed tables and a workspace: one per thread.
	 */
	Evaluator evaluator(double[] wavelengthsNm);

	/** Computes spectra on a fixed grid; not thread-safe. */
	interface Evaluator {

		/**
		 * @param parameters values in the order of {@link SpectralModel#parameters()}
		 * @param out one value per grid wavelength
		 * @param rng random numbers for stochastic models (Monte Carlo); deterministic models ignore it
		 */
		void spectrum(double[] parameters, double[] out, SplittableRandom rng);
	}

	/** Index of a parameter by name, or an exception naming the model and the known names. */
	default int indexOf(final String parameterName) {
		final List<Parameter> ps = parameters();
		for (int i = 0; i < ps.size(); i++) if (ps.get(i).name().equals(parameterName)) return i;
		throw new IllegalArgumentException("Model " + name() + " has no parameter '" + parameterName + "' (has " +
			ps.stream().map(Parameter::name).toList() + ")");
	}
}
