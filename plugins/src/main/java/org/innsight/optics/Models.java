package org.innsight.optics;

import java.util.List;

/** The forward models by name, as the CLI and table headers call them. */
public final class Models {

	private Models() {}

	/** "msi" (fast layered diffusion), "msi-mc" (Monte Carlo, {@code photons} per wavelength) or "pai". */
	public static SpectralModel byName(final String name, final int layers, final long photons) {
		return switch (name) {
			case "msi", "hsi" -> LayeredTissueModel.fast(layers);
			case "msi-mc", "hsi-mc" -> LayeredTissueModel.monteCarlo(layers, photons);
			case "pai" -> PhotoacousticModel.standard();
			default -> throw new IllegalArgumentException("Unknown model '" + name + "' (known: msi, msi-mc, pai)");
		};
	}

	static void checkSameNames(final SpectralModel model, final List<Parameter> ps) {
		final List<Parameter> own = model.parameters();
		if (ps.size() != own.size()) throw new IllegalArgumentException("Model " + model.name() + " needs " + own.size() + " parameters, got " + ps.size());
		for (int i = 0; i < ps.size(); i++)
			if (!ps.get(i).name().equals(own.get(i).name()))
				throw new IllegalArgumentException("Model " + model.name() + ": parameter " + (i + 1) + " must be " + own.get(i).name() + ", got " + ps.get(i).name());
	}
}
