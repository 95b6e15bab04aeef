package org.innsight.optics;

/**
 * Optical coefficients of tissue from physiological parameters, in SI units (1/m), as in Wirkert et al.'s
 * physiological layered-tissue model that the cINN literature follows.
 */
public final class TissueOptics {

	/** Haemoglobin concentration of whole blood, g/L. */
	public static final double BLOOD_HB_G_PER_L = 150;
	/** Molar mass of haemoglobin, g/mol. */
	public static final double HB_MOLAR_MASS = 64500;
	/** Reference wavelength of the scattering power law, nm. */
	public static final double SCATTER_REFERENCE_NM = 500;

	private static final double LN10 = Math.log(10);
	/** ln(10) * 150 g/L / 64500 g/mol, times 100 to go from 1/cm to 1/m: multiplies eps [cm^-1/M] * vHb. */
	static final double ABSORPTION_FACTOR = LN10 * BLOOD_HB_G_PER_L / HB_MOLAR_MASS * 100;

	private TissueOptics() {}

	/**
	 * Absorption coefficient mu_a = ln(10) * 150 g/L * (sO2*eps_HbO2 + (1-sO2)*eps_Hb) * v_Hb / 64500 g/mol.
	 *
	 * @param epsHbO2 molar extinction of HbO2, cm^-1/M
	 * @param epsHb molar extinction of Hb, cm^-1/M
	 * @return mu_a in 1/m
	 */
	public static double muA(final double sO2, final double vHb, final double epsHbO2, final double epsHb) {
		return ABSORPTION_FACTOR * (sO2 * epsHbO2 + (1 - sO2) * epsHb) * vHb;
	}

	/** mu_a in 1/m of blood at {@code nm} from Prahl's table. */
	public static double muA(final double sO2, final double vHb, final double nm) {
		return muA(sO2, vHb, Chromophores.epsHbO2(nm), Chromophores.epsHb(nm));
	}

	/** Reduced scattering mu_s' = a_mie * (lambda/500nm)^(-b_mie), in the units of a_mie (1/m). */
	public static double reducedScattering(final double aMie, final double bMie, final double nm) {
		return aMie * Math.pow(nm / SCATTER_REFERENCE_NM, -bMie);
	}

	/**
	 * Scattering coefficient mu_s = (a_mie * (lambda/500nm)^(-b_mie) + a_ray * (lambda/500nm)^(-4)) / (1 - g):
	 * Mie power law plus an optional Rayleigh term (a_ray = 0 for none).
	 */
	public static double muS(final double aMie, final double bMie, final double aRayleigh, final double g, final double nm) {
		final double x = nm / SCATTER_REFERENCE_NM;
		return (aMie * Math.pow(x, -bMie) + aRayleigh / (x * x * x * x)) / (1 - g);
	}

	/** mu_s without a Rayleigh term. */
	public static double muS(final double aMie, final double bMie, final double g, final double nm) {
		return muS(aMie, bMie, 0, g, nm);
	}
}
