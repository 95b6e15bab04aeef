package org.innsight.optics;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.innsight.image.Normalisation;

import com.google.gson.JsonObject;

/**
 * A spectral camera (or the wavelength set of a photoacoustic system): turns a fine spectrum into band values.
 * Band i = gain_i * (sum_j S_ij I_j x_j) / (sum_j S_ij I_j) + gain_i * specular offset, with filter responses S
 * (Gaussian centre/FWHM, a delta line for FWHM 0, or a tabulated response) and illumination I, so a flat
 * reflectance of 1 reads gain_i whatever the lamp. Then shot + read noise, then the camera's response curve (linear
 * unless the JSON says otherwise, see {@link #respond}), then the per-spectrum normalisation.
 * <p>
 * Noise: variance(s) = (ref/snr)^2 * ((1 - read_fraction) * s/ref + read_fraction), i.e. the SNR holds at
 * signal ref, shot noise grows with the signal, read noise is constant. ref is a number or, for photoacoustic
 * spectra whose scale is arbitrary, the largest band value of each spectrum. Immutable; loaded by {@link CameraJson}.
 */
public final class Camera {

	/** What the noise reference level is. */
	public enum Reference { ABSOLUTE, SPECTRUM_MAX }

	private final String name;
	private final JsonObject definition;
	private final double[] centres, fwhm, gain, grid;
	private final double[][] weights; // per band, over grid[first[i] .. first[i] + weights[i].length)
	private final int[] first;
	private final double specularOffset, snr, referenceSignal, readFraction;
	/** Response curve: v -> full_scale * tanh(max(v, 0)^gamma / full_scale); gamma 1 and full_scale 0 = linear. */
	private final double gamma, fullScale;
	private final Reference reference;
	private final Normalisation normalisation;

	Camera(final String name, final JsonObject definition, final double[] centres, final double[] fwhm, final double[] gain,
		final double[] grid, final double[][] responseOnGrid, final double[] illuminationOnGrid, final double specularOffset,
		final double snr, final Reference reference, final double referenceSignal, final double readFraction,
		final double gamma, final double fullScale, final Normalisation normalisation) {
		if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("Camera " + name + ": response gamma must be > 0, got " + gamma);
		if (!(fullScale >= 0) || Double.isInfinite(fullScale))
			throw new IllegalArgumentException("Camera " + name + ": response full_scale must be > 0 (or 0 for no saturation), got " + fullScale);
		this.name = name;
		this.definition = definition;
		this.centres = centres.clone();
		this.fwhm = fwhm.clone();
		this.gain = gain.clone();
		this.grid = grid.clone();
		this.specularOffset = specularOffset;
		this.snr = snr;
		this.reference = reference;
		this.referenceSignal = referenceSignal;
		this.readFraction = readFraction;
		this.gamma = gamma;
		this.fullScale = fullScale;
		this.normalisation = normalisation;
		final int b = centres.length;
		weights = new double[b][];
		first = new int[b];
		for (int i = 0; i < b; i++) {
			int lo = 0, hi = grid.length - 1;
			while (lo <= hi && responseOnGrid[i][lo] * illuminationOnGrid[lo] <= 0) lo++;
			while (hi >= lo && responseOnGrid[i][hi] * illuminationOnGrid[hi] <= 0) hi--;
			if (lo > hi) throw new IllegalArgumentException("Camera " + name + ": band " + i + " (" + centres[i] +
				" nm) has no response on the wavelength grid " + grid[0] + "-" + grid[grid.length - 1] + " nm");
			double sum = 0;
			weights[i] = new double[hi - lo + 1];
			first[i] = lo;
			for (int j = lo; j <= hi; j++) sum += weights[i][j - lo] = responseOnGrid[i][j] * illuminationOnGrid[j];
			for (int j = 0; j < weights[i].length; j++) weights[i][j] *= gain[i] / sum;
		}
	}

	/** The same camera without noise (for noise-free re-simulation, e.g. of posterior samples). */
	public Camera withoutNoise() {
		return new Camera(this, 0);
	}

	private Camera(final Camera c, final double newSnr) {
		name = c.name;
		final JsonObject d = c.definition.deepCopy();
		d.remove("noise");
		definition = d;
		centres = c.centres;
		fwhm = c.fwhm;
		gain = c.gain;
		grid = c.grid;
		weights = c.weights;
		first = c.first;
		specularOffset = c.specularOffset;
		snr = newSnr;
		reference = c.reference;
		referenceSignal = c.referenceSignal;
		readFraction = c.readFraction;
		gamma = c.gamma;
		fullScale = c.fullScale;
		normalisation = c.normalisation;
	}

	public String name() {
		return name;
	}

	/** The JSON this camera was built from, resolved (explicit centres, FWHMs, gains): for headers and cards. */
	public JsonObject definition() {
		return definition.deepCopy();
	}

	public int bands() {
		return centres.length;
	}

	/** Band centre wavelengths, nm. */
	public double[] centres() {
		return centres.clone();
	}

	public double[] fwhm() {
		return fwhm.clone();
	}

	public double[] gain() {
		return gain.clone();
	}

	/** The fine wavelength grid (nm) on which models must compute spectra for this camera. */
	public double[] grid() {
		return grid.clone();
	}

	public Normalisation normalisation() {
		return normalisation;
	}

	public double snr() {
		return snr;
	}

	public double specularOffset() {
		return specularOffset;
	}

	/** Noise-free band values: filter-and-illumination-weighted means of the fine spectrum, times the gains. */
	public void integrate(final double[] fine, final double[] bands) {
		for (int i = 0; i < weights.length; i++) {
			final double[] w = weights[i];
			final int o = first[i];
			double s = 0;
			for (int j = 0; j < w.length; j++) s += w[j] * fine[o + j];
			bands[i] = s;
		}
	}

	/** The raw camera signal: integration, specular offset, noise and the response curve (no normalisation). */
	public void signal(final double[] fine, final double[] bands, final SplittableRandom rng) {
		integrate(fine, bands);
		for (int i = 0; i < bands.length; i++) bands[i] += gain[i] * specularOffset;
		addNoise(bands, rng);
		respond(bands);
	}

	/** Whether the response curve is the identity. */
	public boolean linear() {
		return gamma == 1 && fullScale == 0;
	}

	/**
	 * The camera's response curve in place: v -> max(v, 0)^gamma, then, with a full scale F > 0, F * tanh(v / F)
	 * (a soft saturation: slope 1 at 0, never above F). Linear cameras leave the values as they are (negative ones
	 * included). A power law with gamma != 1 makes band ratios ratio^gamma, and saturation depends on the brightness,
	 * so no per-band rescaling of normalised spectra undoes either.
	 */
	public void respond(final double[] bands) {
		if (linear()) return;
		for (int i = 0; i < bands.length; i++) {
			double v = Math.max(0, bands[i]);
			if (gamma != 1) v = Math.pow(v, gamma);
			if (fullScale > 0) v = fullScale * Math.tanh(v / fullScale);
			bands[i] = v;
		}
	}

	/** What a table stores: the raw signal, normalised per spectrum. */
	public void observe(final double[] fine, final double[] bands, final SplittableRandom rng) {
		signal(fine, bands, rng);
		normalisation.apply(bands, 0, bands.length);
	}

	/** Adds shot + read noise at the camera's SNR in place (nothing when snr <= 0 or infinite). */
	public void addNoise(final double[] bands, final SplittableRandom rng) {
		if (!(snr > 0) || Double.isInfinite(snr)) return;
		double ref = referenceSignal;
		if (reference == Reference.SPECTRUM_MAX) {
			ref = 0;
			for (final double v : bands) ref = Math.max(ref, Math.abs(v));
			if (ref == 0) return;
		}
		final double sigmaRef = ref / snr;
		for (int i = 0; i < bands.length; i++) {
			final double var = sigmaRef * sigmaRef * ((1 - readFraction) * Math.max(0, bands[i]) / ref + readFraction);
			bands[i] += Math.sqrt(var) * gaussian(rng);
		}
	}

	/** Slice labels for images: "520nm" (one decimal where the centre is not whole). */
	public String[] labels() {
		final String[] l = new String[centres.length];
		for (int i = 0; i < l.length; i++) l[i] = wavelengthLabel(centres[i]);
		return l;
	}

	public static String wavelengthLabel(final double nm) {
		final double r = Math.rint(nm);
		if (Math.abs(nm - r) < 1e-9) return (long) r + "nm";
		return String.format(java.util.Locale.ROOT, "%.1fnm", nm);
	}

	/** Standard normal deviate (Marsaglia polar method: deterministic given the stream). */
	static double gaussian(final SplittableRandom rng) {
		double u, v, s;
		do {
			u = 2 * rng.nextDouble() - 1;
			v = 2 * rng.nextDouble() - 1;
			s = u * u + v * v;
		}
		while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}

	@Override
	public String toString() {
		return "Camera " + name + " (" + centres.length + " bands " + centres[0] + "-" + centres[centres.length - 1] + " nm, " +
			"normalisation " + normalisation.label() + ", snr " + snr + (linear() ? "" : ", response gamma " + gamma + " full scale " + fullScale) + ")" + (Arrays.stream(fwhm).allMatch(f -> f == 0) ? " [lines]" : "");
	}
}
