package org.innsight.ood;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.innsight.Version;
import org.innsight.io.Table;
import org.innsight.optics.Camera;
import org.innsight.optics.LatinHypercube;
import org.innsight.optics.Parameter;
import org.innsight.optics.Simulator;
import org.innsight.optics.SpectralModel;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Seeded out-of-distribution spectra for validating OOD models, through the same camera (filters, noise,
 * normalisation) as the training table. Each kind is something a tissue camera meets in surgery that the tissue
 * simulation does not produce:
 * <ul>
 * <li>{@link Kind#INSTRUMENT}: no tissue at all. Half metal (grey, reflectance 0.2-0.9 at 500 nm with a slope of
 * -3e-4..3e-4 per nm: steel, aluminium, titanium; the sample image's shaft is 0.55 + 2e-4/nm), half coloured
 * plastic (a smooth step R = a + b / (1 + exp(-(lambda - c) / w)), a 0.02-0.5, b -0.4..0.6, c 450-750 nm,
 * w 5-40 nm, clipped to 0.01-0.95).</li>
 * <li>{@link Kind#SPECULAR}: tissue plus a white specular highlight, an offset of 0.1-0.5 (reflectance units) added
 * to every band before the camera noise.</li>
 * <li>{@link Kind#ABSORBER}: tissue under a thin film of an absorber not in the training (a dye; no tabulated
 * spectrum is shipped, so a documented synthetic band): reflectance x exp(-A exp(-(lambda - c)^2 / (2 s^2))), A
 * (double-pass optical depth at the peak) 0.5-2.5, c 600-720 nm (methylene blue peaks at 665 nm), FWHM 30-80 nm.</li>
 * <li>{@link Kind#SATURATED}: tissue overexposed so its brightest band reaches 1.2-4x full scale (reflectance
 * 1 x gain), every band clipped at full scale after noise.</li>
 * <li>{@link Kind#EXPOSURE}: tissue at 0.5-2x the exposure, or at one fixed level (e.g. 0.5 or 2): the signal
 * scaled, the camera's noise at the scaled signal, bands above full scale clipped. </li>
 * <li>{@link Kind#UNDEREXPOSED}: tissue at 2-20% of the exposure (signal scaled down; the camera's read and shot noise
 * stay those of the sensor, so the SNR drops).</li>
 * </ul>
 * Tissue is drawn by Latin hypercube from the model's ranges as {@code innsight simulate} does. Random numbers
 * come from per-block streams of the seed, so the same seed gives the same table.
 */
public final class OodSets {

	/** The kinds of out-of-distribution spectra. */
	public enum Kind {
		INSTRUMENT("metal and plastic instrument surfaces (no tissue)", "material", "reflectance_500nm", "metal_slope_per_nm",
			"plastic_step_nm", "plastic_step_width_nm"),
		SPECULAR("tissue plus a white specular offset 0.1-0.5", "specular_offset"),
		ABSORBER("tissue under a synthetic absorber band (peak 600-720 nm, FWHM 30-80 nm, optical depth 0.5-2.5)", "absorber_depth",
			"absorber_centre_nm", "absorber_fwhm_nm"),
		SATURATED("tissue overexposed 1.2-4x full scale, clipped", "exposure"),
		UNDEREXPOSED("tissue at 2-20% exposure (lower SNR)", "exposure"),
		EXPOSURE("tissue at another exposure, 0.5-2x (or exactly --level), noise at the new signal, clipped at full scale", "exposure");

		final String description;
		final List<String> columns;

		Kind(final String description, final String... columns) {
			this.description = description;
			this.columns = List.of(columns);
		}

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		public String description() {
			return description;
		}

		public static Kind parse(final String s) {
			for (final Kind k : values())
				if (k.label().equals(s.trim().toLowerCase(Locale.ROOT))) return k;
			throw new IllegalArgumentException("unknown OOD set '" + s + "' (known: " + String.join(", ", labels()) + ")");
		}

		public static List<String> labels() {
			final List<String> l = new ArrayList<>();
			for (final Kind k : values()) l.add(k.label());
			return l;
		}
	}

	private static final int BLOCK = Simulator.BLOCK;

	private OodSets() {}

	/**
	 * {@code n} spectra of one kind through {@code camera}; tissue from {@code tissue} (ignored by
	 * {@link Kind#INSTRUMENT}). Columns: the kind's own parameters, the tissue parameters (not for instruments),
	 * then band_00, band_01, ...
	 */
	public static Table simulate(final Kind kind, final SpectralModel tissue, final Camera camera, final int n, final long seed,
		final ProgressListener progress)
	{
		return simulate(kind, tissue, camera, n, seed, Double.NaN, progress);
	}

	/**
	 * As {@link #simulate(Kind, SpectralModel, Camera, int, long, ProgressListener)}, with one fixed level instead of
	 * the kind's random range: the exposure factor of {@link Kind#EXPOSURE}, the offset of {@link Kind#SPECULAR}.
	 *
	 * @param level NaN for the kind's own range
	 * @throws IllegalArgumentException for a level with another kind, or a level that is not a positive finite number
	 */
	public static Table simulate(final Kind kind, final SpectralModel tissue, final Camera camera, final int n, final long seed, final double level,
		final ProgressListener progress)
	{
		if (!Double.isNaN(level)) {
			if (kind != Kind.EXPOSURE && kind != Kind.SPECULAR)
				throw new IllegalArgumentException("a level is for the kinds exposure (factor) and specular (offset), not " + kind.label());
			if (!(level > 0 && Double.isFinite(level))) throw new IllegalArgumentException("the level must be a positive number, got " + level);
		}
		if (n < 1) throw new IllegalArgumentException("need at least one spectrum, got " + n);
		final List<Parameter> ps = tissue.parameters();
		final double[] tissueParams = kind == Kind.INSTRUMENT ? null : LatinHypercube.sample(n, ps, seed);
		// tables hold finite numbers only: instruments have no tissue parameter columns
		final int p = tissueParams == null ? 0 : ps.size(), b = camera.bands(), k = kind.columns.size();
		final double[] grid = camera.grid();
		final SpectralModel.Evaluator ev = tissue.evaluator(grid);
		final float[][] cols = new float[k + p + b][n];
		final double[] row = new double[ps.size()], fine = new double[grid.length], bands = new double[b], own = new double[k];
		final ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
		for (int block = 0; block * BLOCK < n; block++) {
			final SplittableRandom rng = Simulator.stream(seed ^ 0x00D5E75L, block);
			final int end = Math.min(n, (block + 1) * BLOCK);
			for (int r = block * BLOCK; r < end; r++) {
				if (tissueParams != null) {
					System.arraycopy(tissueParams, r * p, row, 0, p);
					ev.spectrum(row, fine, rng);
				}
				spectrum(kind, camera, grid, fine, bands, own, level, rng);
				camera.normalisation().apply(bands, 0, b);
				for (int j = 0; j < k; j++) cols[j][r] = (float) own[j];
				for (int j = 0; j < p; j++) cols[k + j][r] = (float) row[j];
				for (int j = 0; j < b; j++) cols[k + p + j][r] = (float) bands[j];
			}
			listener.progress(end, n, "simulating " + kind.label() + " spectra");
		}
		final List<String> names = new ArrayList<>(kind.columns);
		if (p > 0) ps.forEach(x -> names.add(x.name()));
		names.addAll(Simulator.bandColumns(b));
		final JsonObject header = Simulator.header(tissue, camera, n, seed);
		header.addProperty("software", "InnSight " + Version.get());
		final JsonObject set = new JsonObject();
		set.addProperty("kind", kind.label());
		set.addProperty("description", kind.description);
		if (!Double.isNaN(level)) set.addProperty("level", level);
		set.addProperty("generator", "org.innsight.ood.OodSets (innsight simulate-ood)");
		header.add("ood_set", set);
		final JsonArray pcols = new JsonArray();
		names.subList(0, k + p).forEach(pcols::add);
		header.add("parameter_columns", pcols);
		return new Table(names, cols, header, "OOD set " + kind.label());
	}

	/** One spectrum of the kind into {@code bands} (raw camera signal); {@code fine} holds the tissue spectrum. */
	private static void spectrum(final Kind kind, final Camera camera, final double[] grid, final double[] fine, final double[] bands,
		final double[] own, final double level, final SplittableRandom rng)
	{
		final double[] gain = camera.gain();
		switch (kind) {
			case INSTRUMENT -> {
				final boolean metal = rng.nextBoolean();
				own[0] = metal ? 0 : 1; // material: 0 metal, 1 plastic
				if (metal) {
					final double r0 = rng.nextDouble(0.2, 0.9), slope = rng.nextDouble(-3e-4, 3e-4);
					for (int j = 0; j < grid.length; j++) fine[j] = Math.max(0.01, r0 + slope * (grid[j] - 500));
					own[1] = r0;
					own[2] = slope;
					own[3] = 0;
					own[4] = 0;
				}
				else {
					final double a = rng.nextDouble(0.02, 0.5), step = rng.nextDouble(-0.4, 0.6), c = rng.nextDouble(450, 750), w = rng.nextDouble(5, 40);
					for (int j = 0; j < grid.length; j++)
						fine[j] = Math.min(0.95, Math.max(0.01, a + step / (1 + Math.exp(-(grid[j] - c) / w))));
					own[1] = fine[indexOf(grid, 500)];
					own[2] = 0;
					own[3] = c;
					own[4] = w;
				}
				camera.signal(fine, bands, rng);
			}
			case SPECULAR -> {
				final double drawn = rng.nextDouble(0.1, 0.5), offset = Double.isNaN(level) ? drawn : level;
				own[0] = offset;
				camera.integrate(fine, bands);
				for (int j = 0; j < bands.length; j++) bands[j] += gain[j] * (camera.specularOffset() + offset);
				camera.addNoise(bands, rng);
				camera.respond(bands); // a non-linear camera's response curve, as Camera.signal applies it
			}
			case ABSORBER -> {
				final double depth = rng.nextDouble(0.5, 2.5), centre = rng.nextDouble(600, 720), fwhm = rng.nextDouble(30, 80);
				final double s = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
				for (int j = 0; j < grid.length; j++) {
					final double u = (grid[j] - centre) / s;
					fine[j] *= Math.exp(-depth * Math.exp(-0.5 * u * u));
				}
				own[0] = depth;
				own[1] = centre;
				own[2] = fwhm;
				camera.signal(fine, bands, rng);
			}
			case SATURATED -> {
				camera.integrate(fine, bands);
				double max = 0;
				for (int j = 0; j < bands.length; j++) {
					bands[j] += gain[j] * camera.specularOffset();
					max = Math.max(max, bands[j] / gain[j]);
				}
				final double exposure = rng.nextDouble(1.2, 4) / Math.max(max, 1e-6);
				own[0] = exposure;
				for (int j = 0; j < bands.length; j++) bands[j] *= exposure;
				camera.addNoise(bands, rng);
				camera.respond(bands); // a non-linear camera's response curve, as Camera.signal applies it
				for (int j = 0; j < bands.length; j++) bands[j] = Math.min(bands[j], gain[j]);
			}
			case EXPOSURE -> {
				final double drawn = rng.nextDouble(0.5, 2), exposure = Double.isNaN(level) ? drawn : level;
				own[0] = exposure;
				camera.integrate(fine, bands);
				for (int j = 0; j < bands.length; j++) bands[j] = exposure * (bands[j] + gain[j] * camera.specularOffset());
				camera.addNoise(bands, rng);
				camera.respond(bands); // a non-linear camera's response curve, as Camera.signal applies it
				for (int j = 0; j < bands.length; j++) bands[j] = Math.min(bands[j], gain[j]);
			}
			case UNDEREXPOSED -> {
				final double exposure = rng.nextDouble(0.02, 0.2);
				own[0] = exposure;
				camera.integrate(fine, bands);
				for (int j = 0; j < bands.length; j++) bands[j] = exposure * (bands[j] + gain[j] * camera.specularOffset());
				camera.addNoise(bands, rng);
				camera.respond(bands); // a non-linear camera's response curve, as Camera.signal applies it
			}
		}
	}

	private static int indexOf(final double[] grid, final double nm) {
		int best = 0;
		for (int j = 1; j < grid.length; j++) if (Math.abs(grid[j] - nm) < Math.abs(grid[best] - nm)) best = j;
		return best;
	}
}
