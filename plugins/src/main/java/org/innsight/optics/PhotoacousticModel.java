package org.innsight.optics;

import java.util.List;
import java.util.SplittableRandom;

import com.google.gson.JsonObject;

/**
 * Photoacoustic initial pressure of a blood-containing target at an unknown depth under background tissue:
 * p0(lambda) = Gamma * mu_a(lambda) * Phi(lambda, depth), per unit incident radiant exposure (Pa per J/m^2).
 * Phi is the fluence of broad-beam illumination through a semi-infinite background with its own optics
 * (sO2, blood volume, Mie scattering), from the same delta-Eddington diffusion solution as the fast MSI model:
 * at depth it decays with the background's effective attenuation mu_eff(lambda) = sqrt(3 mu_a (mu_a + mu_s')).
 * That spectral colouring is what makes sO2 ambiguous with depth. The target does not shadow itself (a small
 * vessel compared with 1/mu_eff).
 */
public final class PhotoacousticModel implements SpectralModel {

	/** Grüneisen parameter of soft tissue; constant, so it only scales p0. */
	public static final double GRUENEISEN = 0.2;
	public static final double BACKGROUND_G = 0.9, BACKGROUND_N = 1.4, COUPLING_N = 1.33;
	/** Background thickness: deep enough to act as a half-space for every depth simulated. */
	private static final double BACKGROUND_THICKNESS = 0.1;

	private final List<Parameter> parameters;

	private PhotoacousticModel(final List<Parameter> parameters) {
		this.parameters = List.copyOf(parameters);
	}

	public static PhotoacousticModel standard() {
		return new PhotoacousticModel(List.of(
			new Parameter("sO2", 0, 1, "1", "blood oxygen saturation of the target"),
			new Parameter("vHb", 0.01, 1, "1", "blood volume fraction of the target"),
			new Parameter("depth", 0, 0.01, "m", "depth of the target below the surface"),
			new Parameter("bg_sO2", 0, 1, "1", "blood oxygen saturation of the background tissue"),
			new Parameter("bg_vHb", 0.001, 0.1, "1", "blood volume fraction of the background tissue"),
			new Parameter("bg_a_mie", 500, 5000, "1/m", "reduced Mie scattering of the background at 500 nm"),
			new Parameter("bg_b_mie", 0.3, 3, "1", "Mie scattering power of the background")));
	}

	@Override
	public String name() {
		return "pai";
	}

	@Override
	public List<Parameter> parameters() {
		return parameters;
	}

	@Override
	public SpectralModel withParameters(final List<Parameter> ps) {
		Models.checkSameNames(this, ps);
		return new PhotoacousticModel(ps);
	}

	@Override
	public JsonObject describe() {
		final JsonObject o = new JsonObject();
		o.addProperty("name", name());
		o.addProperty("quantity", "initial pressure p0 per unit incident radiant exposure, Pa/(J/m^2)");
		o.addProperty("p0", "Gamma*mu_a(lambda)*Phi(lambda, depth)");
		o.addProperty("gamma", GRUENEISEN);
		o.addProperty("fluence", "delta-Eddington diffusion in a semi-infinite background, broad collimated beam");
		o.addProperty("background_g", BACKGROUND_G);
		o.addProperty("background_n", BACKGROUND_N);
		o.addProperty("coupling_n", COUPLING_N);
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
		final LayeredDiffusion diffusion = new LayeredDiffusion(1);
		final double[] muA = new double[1], muS = new double[1], g = { BACKGROUND_G }, n = { BACKGROUND_N },
			d = { BACKGROUND_THICKNESS };
		return (final double[] p, final double[] out, final SplittableRandom rng) -> {
			final double sO2 = p[0], vHb = p[1], depth = p[2], bgSO2 = p[3], bgVHb = p[4], aMie = p[5], bMie = p[6];
			for (int j = 0; j < w; j++) {
				muA[0] = Math.max(1e-3, TissueOptics.ABSORPTION_FACTOR * (bgSO2 * epsO[j] + (1 - bgSO2) * epsD[j]) * bgVHb);
				muS[0] = aMie * Math.exp(-bMie * logX[j]) / (1 - BACKGROUND_G);
				diffusion.solve(1, muA, muS, g, n, d, COUPLING_N, BACKGROUND_N);
				final double target = TissueOptics.ABSORPTION_FACTOR * (sO2 * epsO[j] + (1 - sO2) * epsD[j]) * vHb;
				out[j] = GRUENEISEN * target * diffusion.fluence(depth);
			}
		};
	}
}
