package org.innsight.optics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the error of the fast diffusion model against the Monte-Carlo reference over the parameter space
 * (Latin-hypercube samples, a few wavelengths), split by regime: "diffusive" where every layer has
 * mu_a <= 0.1 mu_s' at that wavelength, "absorbing" otherwise. The figures in the package README come from here.
 */
public final class ModelComparison {

	/** Errors of one regime: absolute (reflectance units) and relative (to Monte Carlo). */
	public record Errors(String regime, int count, double medianAbs, double p90Abs, double medianRel, double p90Rel, double meanSignedRel) {
		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%-10s n=%4d  |R_fast-R_mc|: median %.4f, 90%% %.4f;  relative: median %.1f%%, 90%% %.1f%%, mean signed %+.1f%%",
				regime, count, medianAbs, p90Abs, 100 * medianRel, 100 * p90Rel, 100 * meanSignedRel);
		}
	}

	private ModelComparison() {}

	public static List<Errors> compare(final int samples, final double[] wavelengths, final long photons, final long seed, final int threads)
		throws Exception {
		final LayeredTissueModel fast = LayeredTissueModel.fast(3);
		final int p = fast.parameters().size(), w = wavelengths.length;
		final double[] design = LatinHypercube.sample(samples, fast.parameters(), seed);
		final double[] rFast = new double[samples * w], rMc = new double[samples * w];
		final boolean[] diffusive = new boolean[samples * w];
		final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
		try {
			final List<Future<?>> jobs = new ArrayList<>();
			for (int s = 0; s < samples; s++) {
				final int i = s;
				jobs.add(pool.submit(() -> {
					final double[] row = Arrays.copyOfRange(design, i * p, (i + 1) * p);
					final double[] a = new double[w], b = new double[w];
					fast.evaluator(wavelengths).spectrum(row, a, null);
					LayeredTissueModel.monteCarlo(3, photons).evaluator(wavelengths).spectrum(row, b, Simulator.stream(seed, i));
					for (int j = 0; j < w; j++) {
						rFast[i * w + j] = a[j];
						rMc[i * w + j] = b[j];
						boolean ok = true;
						for (int k = 0; k < 3; k++) {
							final int o = 1 + 6 * k;
							final double muA = TissueOptics.muA(row[0], row[o], wavelengths[j]);
							final double muSp = TissueOptics.reducedScattering(row[o + 1], row[o + 2], wavelengths[j]);
							ok &= muA <= 0.1 * muSp;
						}
						diffusive[i * w + j] = ok;
					}
				}));
			}
			for (final Future<?> f : jobs) f.get();
		}
		finally {
			pool.shutdownNow();
		}
		return List.of(errors("all", rFast, rMc, diffusive, null), errors("diffusive", rFast, rMc, diffusive, true),
			errors("absorbing", rFast, rMc, diffusive, false));
	}

	private static Errors errors(final String name, final double[] f, final double[] m, final boolean[] diffusive, final Boolean want) {
		final List<Double> abs = new ArrayList<>(), rel = new ArrayList<>();
		double signed = 0;
		for (int i = 0; i < f.length; i++) {
			if (want != null && diffusive[i] != want) continue;
			abs.add(Math.abs(f[i] - m[i]));
			final double r = (f[i] - m[i]) / Math.max(m[i], 1e-3);
			rel.add(Math.abs(r));
			signed += r;
		}
		if (abs.isEmpty()) return new Errors(name, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		return new Errors(name, abs.size(), quantile(abs, 0.5), quantile(abs, 0.9), quantile(rel, 0.5), quantile(rel, 0.9), signed / abs.size());
	}

	private static double quantile(final List<Double> v, final double q) {
		final double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return a[(int) Math.min(a.length - 1, Math.floor(q * a.length))];
	}
}
