package org.innsight.optics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;

/**
 * Multispectral reflectance of layered tissue (Wirkert et al.'s physiological model): sO2 shared by all layers,
 * and per layer i = 1..N blood volume fraction vHb_i, Mie scattering a_mie_i (1/m at 500 nm) and b_mie_i,
 * anisotropy g_i, refractive index n_i and thickness d_i (m). Air above; below the last layer an index-matched
 * sink (light leaving the stack does not come back). The spectrum is the diffuse reflectance (specular part
 * excluded; cameras may add a specular offset), computed by {@link LayeredDiffusion} (model "msi", fast) or
 * by {@link LayeredMonteCarlo} (model "msi-mc", reference).
 */
public final class LayeredTissueModel implements SpectralModel {

	/** Parameters per layer, in table order after sO2. */
	public static final String[] LAYER_PARAMETERS = { "vHb", "a_mie", "b_mie", "g", "n", "d" };
	public static final int DEFAULT_LAYERS = 3;
	public static final long DEFAULT_PHOTONS = 20_000;
	private static final double N_AIR = 1.0;

	private final int layers;
	private final List<Parameter> parameters;
	private final boolean monteCarlo;
	private final long photons;

	private LayeredTissueModel(final int layers, final List<Parameter> parameters, final boolean monteCarlo, final long photons) {
		this.layers = layers;
		this.parameters = List.copyOf(parameters);
		this.monteCarlo = monteCarlo;
		this.photons = photons;
	}

	/** The fast diffusion model with the default ranges. */
	public static LayeredTissueModel fast(final int layers) {
		return new LayeredTissueModel(layers, defaultParameters(layers), false, 0);
	}

	/** The Monte-Carlo reference model with {@code photons} packets per wavelength. */
	public static LayeredTissueModel monteCarlo(final int layers, final long photons) {
		if (photons < 1) throw new IllegalArgumentException("Photon count must be >= 1, got " + photons);
		return new LayeredTissueModel(layers, defaultParameters(layers), true, photons);
	}

	/** sO2 in [0, 1]; per layer the ranges of Wirkert et al. */
	public static List<Parameter> defaultParameters(final int layers) {
		if (layers < 1 || layers > 8) throw new IllegalArgumentException("Layer count must be 1..8, got " + layers);
		final List<Parameter> ps = new ArrayList<>();
		ps.add(new Parameter("sO2", 0, 1, "1", "blood oxygen saturation (all layers)"));
		for (int i = 1; i <= layers; i++) {
			ps.add(new Parameter("vHb_" + i, 0.001, 0.3, "1", "blood volume fraction, layer " + i));
			ps.add(new Parameter("a_mie_" + i, 500, 5000, "1/m", "reduced Mie scattering at 500 nm, layer " + i));
			ps.add(new Parameter("b_mie_" + i, 0.3, 3, "1", "Mie scattering power, layer " + i));
			ps.add(new Parameter("g_" + i, 0.8, 0.95, "1", "scattering anisotropy, layer " + i));
			ps.add(new Parameter("n_" + i, 1.33, 1.54, "1", "refractive index, layer " + i));
			ps.add(new Parameter("d_" + i, 20e-6, 2e-3, "m", "thickness, layer " + i));
		}
		return ps;
	}

	public int layers() {
		return layers;
	}

	public boolean isMonteCarlo() {
		return monteCarlo;
	}

	@Override
	public String name() {
		return monteCarlo ? "msi-mc" : "msi";
	}

	@Override
	public List<Parameter> parameters() {
		return parameters;
	}

	@Override
	public SpectralModel withParameters(final List<Parameter> ps) {
		Models.checkSameNames(this, ps);
		return new LayeredTissueModel(layers, ps, monteCarlo, photons);
	}

	@Override
	public JsonObject describe() {
		final JsonObject o = new JsonObject();
		o.addProperty("name", name());
		o.addProperty("quantity", "diffuse reflectance (specular excluded)");
		o.addProperty("method", monteCarlo ? "Monte-Carlo photon transport (weights, Russian roulette, Fresnel at every boundary)"
			: "delta-Eddington diffusion theory for layered media (1D, analytic)");
		o.addProperty("layers", layers);
		if (monteCarlo) o.addProperty("photons_per_wavelength", photons);
		o.addProperty("n_above", N_AIR);
		o.addProperty("below", "index-matched sink");
		o.addProperty("chromophores", "HbO2, Hb (Prahl)");
		o.addProperty("mu_a", "ln(10)*150 g/L*(sO2*eps_HbO2+(1-sO2)*eps_Hb)*vHb/64500 g/mol");
		o.addProperty("mu_s", "a_mie*(lambda/500nm)^(-b_mie)/(1-g)");
		return o;
	}

	@Override
	public Evaluator evaluator(final double[] wavelengthsNm) {
		final int w = wavelengthsNm.length;
		final double[] epsO = new double[w], epsD = new double[w], logX = new double[w];
		for (int j = 0; j < w; j++) {
			epsO[j] = Chromophores.epsHbO2(wavelengthsNm[j]);
			epsD[j] = Chromophores.epsHb(wavelengthsNm[j]);
			logX[j] = Math.log(wavelengthsNm[j] / TissueOptics.SCATTER_REFERENCE_NM);
		}
		final LayeredDiffusion diffusion = new LayeredDiffusion(layers);
		final double[] muA = new double[layers], muS = new double[layers], g = new double[layers], n = new double[layers],
			d = new double[layers], vHb = new double[layers], aMie = new double[layers], bMie = new double[layers];
		return (p, out, rng) -> {
			final double sO2 = p[0];
			for (int i = 0; i < layers; i++) {
				final int o = 1 + i * LAYER_PARAMETERS.length;
				vHb[i] = p[o];
				aMie[i] = p[o + 1];
				bMie[i] = p[o + 2];
				g[i] = p[o + 3];
				n[i] = p[o + 4];
				d[i] = p[o + 5];
			}
			for (int j = 0; j < w; j++) {
				final double eps = sO2 * epsO[j] + (1 - sO2) * epsD[j];
				for (int i = 0; i < layers; i++) {
					// Absorption floor keeps diffusion well-posed for vHb -> 0 (1e-3 1/m: far below any tissue).
					muA[i] = Math.max(1e-3, TissueOptics.ABSORPTION_FACTOR * eps * vHb[i]);
					muS[i] = aMie[i] * Math.exp(-bMie[i] * logX[j]) / (1 - g[i]);
				}
				if (monteCarlo)
					out[j] = LayeredMonteCarlo.run(layers, muA, muS, g, n, d, N_AIR, n[layers - 1], photons, rng).diffuseReflectance;
				else {
					diffusion.solve(layers, muA, muS, g, n, d, N_AIR, n[layers - 1]);
					out[j] = diffusion.diffuseReflectance();
				}
			}
		};
	}
}
