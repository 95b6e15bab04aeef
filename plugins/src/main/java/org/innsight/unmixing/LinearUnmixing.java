package org.innsight.unmixing;

import org.innsight.optics.Camera;
import org.innsight.optics.Chromophores;

/**
 * Linear spectral unmixing of one reflectance spectrum into oxy- and deoxyhaemoglobin: the classical baseline to
 * the cINN posterior.
 * <p>
 * <b>Attenuation model (modified Beer-Lambert law).</b> Per camera band i, the absorbance is the natural logarithm
 * of the reflectance,
 * <pre>
 *   A_i = -ln R_i = ln(10) * L * (c_HbO2 * eps_HbO2,i + c_Hb * eps_Hb,i) + G [+ S * (lambda_i - 650 nm) / 100 nm]
 * </pre>
 * with eps the decadic molar extinction of Prahl's table ({@link Chromophores}, cm^-1/M, here per mM) averaged over
 * the band's filter-and-illumination response ({@link Camera#integrate}, the weights the simulator uses), L a mean
 * optical path length (cm), the same at every wavelength, and G a wavelength-independent loss (scattering out of
 * the detected light, the unknown illumination level, a per-spectrum normalisation: any constant factor on R is a
 * constant on A). With {@code slope}, S adds a loss linear in wavelength (scattering falls with wavelength).
 * The unknowns a_HbO2 = ln(10) L c_HbO2 and a_Hb = ln(10) L c_Hb are fitted by least squares, non-negative (exact
 * NNLS: with two constrained unknowns, the best of the four active sets that is feasible), G and S free.
 * Results: sO2 = a_HbO2 / (a_HbO2 + a_Hb), and the total haemoglobin as path length times concentration,
 * tHb = (a_HbO2 + a_Hb) / ln(10) = L * (c_HbO2 + c_Hb) in mM cm: <b>relative</b>, since L is unknown (it depends on
 * scattering, absorption and wavelength); it is not the blood volume fraction vHb and not calibrated to it.
 * <p>
 * <b>Assumptions, and where they break.</b> (1) L does not depend on wavelength: in tissue, light at strongly
 * absorbed wavelengths (Q bands 540-580 nm) travels shorter paths than in the red, so the fit mixes depths and
 * underweights the bands where haemoglobin absorbs most; sO2 is biased towards the spectral shape of the red and
 * near-infrared bands. (2) Absorbance is linear in the concentrations: in a diffusing medium -ln R grows slower than
 * linearly with mu_a (roughly with its square root), so L falls as blood volume grows. (3) Haemoglobin is the only
 * absorber and the scattering loss is flat (or linear) in wavelength. (4) The band average of eps stands for the band
 * average of R: exact for narrow lines, an approximation for 20 nm filters where eps changes steeply. (5) The tissue
 * is one homogeneous compartment: layered tissue with different blood contents gives a path-weighted mixture.
 * Spectra with a band at or below 0 have no logarithm and are not fitted (NaN); so is a spectrum whose best fit has
 * no haemoglobin at all (sO2 undefined; tHb below 4e-10 mM cm counts as none).
 * <p>
 * Immutable and thread-safe; {@link #unmix} needs a work array per thread.
 */
public final class LinearUnmixing {

	/** Reference wavelength and scale of the slope term, nm. */
	static final double SLOPE_CENTRE_NM = 650, SLOPE_SCALE_NM = 100;
	private static final double LN10 = Math.log(10);
	/** ln(10) L c (per mM) at or below this is no haemoglobin: 4e-10 mM cm, far below any tissue's (~1e-3 and up). */
	private static final double NO_HAEMOGLOBIN = 1e-9;

	/** What {@link #unmix} found. */
	public enum Fit {
		/** sO2 and tHb fitted. */
		FITTED,
		/** A band at or below 0: no absorbance. */
		NON_POSITIVE,
		/** The best fit has no haemoglobin (both concentrations 0): sO2 undefined. */
		NO_HAEMOGLOBIN
	}

	private final double[] centres, gain, epsHbO2, epsHb;
	private final double specularOffset;
	private final boolean slope;
	private final int bands, unknowns;
	/** Per active set (0: both haemoglobins, 1: HbO2 only, 2: Hb only, 3: none): its unknowns and the pseudo-inverse (rows: unknowns). */
	private final int[][] sets;
	private final double[][][] pinv;
	private final double[][] design; // bands x unknowns

	/**
	 * @param centresNm band centres (for the slope term and messages)
	 * @param epsHbO2 per band, the response-weighted mean molar extinction of HbO2, cm^-1/M
	 * @param epsHb the same for Hb
	 * @param gain per band: a flat reflectance R reads gain_i * (R + specularOffset)
	 * @param slope also fit a loss linear in wavelength
	 */
	public LinearUnmixing(final double[] centresNm, final double[] epsHbO2, final double[] epsHb, final double[] gain, final double specularOffset,
		final boolean slope)
	{
		bands = centresNm.length;
		if (epsHbO2.length != bands || epsHb.length != bands || gain.length != bands)
			throw new IllegalArgumentException("one extinction and gain per band: " + bands + " bands");
		this.slope = slope;
		unknowns = slope ? 4 : 3;
		if (bands < unknowns)
			throw new IllegalArgumentException("linear unmixing with " + (slope ? "a slope term" : "an offset term") + " needs at least " + unknowns +
				" bands, the camera has " + bands);
		centres = centresNm.clone();
		this.gain = gain.clone();
		this.specularOffset = specularOffset;
		this.epsHbO2 = epsHbO2.clone();
		this.epsHb = epsHb.clone();
		design = new double[bands][unknowns];
		for (int i = 0; i < bands; i++) {
			design[i][0] = epsHbO2[i] / 1000; // per mM
			design[i][1] = epsHb[i] / 1000;
			design[i][2] = 1;
			if (slope) design[i][3] = (centresNm[i] - SLOPE_CENTRE_NM) / SLOPE_SCALE_NM;
		}
		final int[] free = slope ? new int[] { 2, 3 } : new int[] { 2 };
		sets = new int[][] { concat(new int[] { 0, 1 }, free), concat(new int[] { 0 }, free), concat(new int[] { 1 }, free), free };
		pinv = new double[sets.length][][];
		for (int s = 0; s < sets.length; s++) pinv[s] = pseudoInverse(design, sets[s]);
	}

	/**
	 * The unmixing for a camera: the extinction spectra on the camera's wavelength grid, averaged over each band with
	 * the camera's own filter-and-illumination weights (as {@link Camera#integrate} makes band values of a spectrum).
	 */
	public static LinearUnmixing forCamera(final Camera camera, final boolean slope) {
		final double[] grid = camera.grid(), gain = camera.gain();
		if (!camera.linear())
			throw new IllegalArgumentException("camera " + camera.name() + " has a non-linear response_curve; linear unmixing inverts a linear camera " +
				"(value = gain x (reflectance + specular_offset)) and cannot use it");
		if (grid[0] < Chromophores.minWavelength() || grid[grid.length - 1] > Chromophores.maxWavelength())
			throw new IllegalArgumentException("camera " + camera.name() + " needs " + grid[0] + "-" + grid[grid.length - 1] +
				" nm; the haemoglobin spectra cover " + Chromophores.minWavelength() + "-" + Chromophores.maxWavelength() + " nm");
		final double[] o = new double[grid.length], d = new double[grid.length];
		for (int j = 0; j < grid.length; j++) {
			o[j] = Chromophores.epsHbO2(grid[j]);
			d[j] = Chromophores.epsHb(grid[j]);
		}
		final double[] eo = new double[camera.bands()], ed = new double[camera.bands()];
		camera.integrate(o, eo);
		camera.integrate(d, ed);
		for (int i = 0; i < eo.length; i++) { // integrate() multiplies by the gain: the mean extinction is without it
			eo[i] /= gain[i];
			ed[i] /= gain[i];
		}
		return new LinearUnmixing(camera.centres(), eo, ed, gain, camera.specularOffset(), slope);
	}

	public int bands() {
		return bands;
	}

	public double[] centres() {
		return centres.clone();
	}

	/** Band-averaged molar extinction of HbO2, cm^-1/M. */
	public double[] epsHbO2() {
		return epsHbO2.clone();
	}

	/** Band-averaged molar extinction of Hb, cm^-1/M. */
	public double[] epsHb() {
		return epsHb.clone();
	}

	public boolean slope() {
		return slope;
	}

	/** Values {@link #unmix} writes: sO2, tHb, the offset G and (with {@code slope}) S. */
	public int results() {
		return unknowns;
	}

	/** A work array for {@link #unmix} (one per thread). */
	public double[] workspace() {
		return new double[bands + unknowns];
	}

	/**
	 * Unmixes the band values {@code v[from .. from + bands)}.
	 *
	 * @param out {@code out[0]} sO2 (0..1), {@code out[1]} tHb (mM cm, relative), {@code out[2]} G, {@code out[3]} S
	 *            (with slope); NaN for what could not be fitted
	 * @return what was found
	 */
	public Fit unmix(final float[] v, final int from, final double[] work, final double[] out) {
		java.util.Arrays.fill(out, 0, unknowns, Double.NaN);
		for (int i = 0; i < bands; i++) {
			final double r = v[from + i] / gain[i] - specularOffset;
			if (!(r > 0)) return Fit.NON_POSITIVE;
			work[i] = -Math.log(r);
		}
		final double[] x = new double[unknowns];
		double best = Double.POSITIVE_INFINITY;
		double[] chosen = null;
		for (int s = 0; s < sets.length; s++) {
			final int[] set = sets[s];
			final double[][] p = pinv[s];
			final double[] y = new double[unknowns];
			boolean feasible = true;
			for (int k = 0; k < set.length; k++) {
				double sum = 0;
				for (int i = 0; i < bands; i++) sum += p[k][i] * work[i];
				y[set[k]] = sum;
				if (set[k] < 2 && sum < 0) feasible = false;
			}
			if (!feasible) continue;
			if (s == 0) { // the unconstrained optimum is feasible: it is the constrained one
				chosen = y;
				break;
			}
			double rss = 0;
			for (int i = 0; i < bands; i++) {
				double f = 0;
				for (int k = 0; k < unknowns; k++) f += design[i][k] * y[k];
				rss += (f - work[i]) * (f - work[i]);
			}
			if (rss < best) {
				best = rss;
				chosen = y;
			}
		}
		System.arraycopy(chosen, 0, x, 0, unknowns); // set 3 (no haemoglobin) is always feasible
		final double total = x[0] + x[1];
		out[1] = total / LN10;
		out[2] = x[2];
		if (slope) out[3] = x[3];
		if (!(total > NO_HAEMOGLOBIN)) return Fit.NO_HAEMOGLOBIN; // rounding leaves ~1e-16 of a flat spectrum
		out[0] = x[0] / total;
		return Fit.FITTED;
	}

	/** (M_S^T M_S)^-1 M_S^T for the columns {@code set} of M, by Gauss-Jordan elimination with partial pivoting. */
	private static double[][] pseudoInverse(final double[][] m, final int[] set) {
		final int n = set.length, b = m.length;
		final double[][] a = new double[n][n + b];
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < n; c++) {
				double s = 0;
				for (int i = 0; i < b; i++) s += m[i][set[r]] * m[i][set[c]];
				a[r][c] = s;
			}
			for (int i = 0; i < b; i++) a[r][n + i] = m[i][set[r]];
		}
		for (int c = 0; c < n; c++) {
			int piv = c;
			for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
			if (!(Math.abs(a[piv][c]) > 1e-12))
				throw new IllegalArgumentException("the camera's bands cannot tell the unmixing's terms apart (singular design: too few distinct bands)");
			final double[] t = a[c];
			a[c] = a[piv];
			a[piv] = t;
			final double d = a[c][c];
			for (int j = 0; j < n + b; j++) a[c][j] /= d;
			for (int r = 0; r < n; r++) {
				if (r == c) continue;
				final double f = a[r][c];
				if (f == 0) continue;
				for (int j = 0; j < n + b; j++) a[r][j] -= f * a[c][j];
			}
		}
		final double[][] p = new double[n][b];
		for (int r = 0; r < n; r++) System.arraycopy(a[r], n, p[r], 0, b);
		return p;
	}

	private static int[] concat(final int[] a, final int[] b) {
		final int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}
