package org.innsight.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.optics.Models;
import org.innsight.optics.Parameter;
import org.innsight.optics.SpectralModel;

/** What the optics subcommands share: model and camera choice from options. */
final class OpticsCli {

	private OpticsCli() {}

	/** The camera named by --camera, or the model's default camera. */
	static Camera camera(final String camera, final String model) throws IOException {
		final String name = camera != null ? camera : model.startsWith("pai") ? "pai-16wl" : "msi-16band";
		return CameraJson.load(name);
	}

	/** The model with ranges changed by --range NAME=MIN:MAX options. */
	static SpectralModel model(final String name, final int layers, final long photons, final List<String> ranges) {
		final SpectralModel m = Models.byName(name, layers, photons);
		if (ranges == null || ranges.isEmpty()) return m;
		final List<Parameter> ps = new ArrayList<>(m.parameters());
		for (final String r : ranges) {
			final int eq = r.indexOf('='), colon = r.indexOf(':', eq + 1);
			if (eq <= 0 || colon < 0) throw new IllegalArgumentException("--range '" + r + "' must look like NAME=MIN:MAX, e.g. sO2=0.5:1");
			final int i = m.indexOf(r.substring(0, eq).trim());
			final double lo, hi;
			try {
				lo = Double.parseDouble(r.substring(eq + 1, colon));
				hi = Double.parseDouble(r.substring(colon + 1));
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("--range '" + r + "': MIN and MAX must be numbers");
			}
			ps.set(i, ps.get(i).withRange(lo, hi));
		}
		return m.withParameters(ps);
	}
}
