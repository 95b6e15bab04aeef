package org.innsight.optics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

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

	/**
	 * The model a simulated table (or a model card that copied its header) was made with, including changed
	 * parameter ranges: for re-simulating posterior samples and for drawing more data of the same kind.
	 */
	public static SpectralModel fromHeader(final JsonObject header) {
		if (header == null || !header.has("model")) throw new IllegalArgumentException("The table header names no model (not made by innsight simulate?)");
		final JsonObject details = header.has("model_details") ? header.getAsJsonObject("model_details") : new JsonObject();
		final int layers = details.has("layers") ? details.get("layers").getAsInt() : LayeredTissueModel.DEFAULT_LAYERS;
		final long photons = details.has("photons_per_wavelength") ? details.get("photons_per_wavelength").getAsLong() : LayeredTissueModel.DEFAULT_PHOTONS;
		final SpectralModel m = byName(header.get("model").getAsString(), layers, photons);
		if (!header.has("parameters")) return m;
		final List<Parameter> ps = new ArrayList<>();
		for (final JsonElement e : header.getAsJsonArray("parameters")) {
			final JsonObject o = e.getAsJsonObject();
			final Parameter own = m.parameters().get(m.indexOf(o.get("name").getAsString()));
			ps.add(own.withRange(o.get("min").getAsDouble(), o.get("max").getAsDouble()));
		}
		return m.withParameters(ps);
	}

	/** The camera recorded in a table header (its resolved definition). */
	public static Camera cameraFromHeader(final JsonObject header) throws IOException {
		if (header == null || !header.has("camera")) throw new IllegalArgumentException("The table header records no camera (not made by innsight simulate?)");
		return CameraJson.parse(header.getAsJsonObject("camera"), null, "table header");
	}

	static void checkSameNames(final SpectralModel model, final List<Parameter> ps) {
		final List<Parameter> own = model.parameters();
		if (ps.size() != own.size()) throw new IllegalArgumentException("Model " + model.name() + " needs " + own.size() + " parameters, got " + ps.size());
		for (int i = 0; i < ps.size(); i++)
			if (!ps.get(i).name().equals(own.get(i).name()))
				throw new IllegalArgumentException("Model " + model.name() + ": parameter " + (i + 1) + " must be " + own.get(i).name() + ", got " + ps.get(i).name());
	}
}
