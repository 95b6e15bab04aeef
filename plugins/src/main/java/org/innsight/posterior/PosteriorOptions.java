package org.innsight.posterior;

import java.util.List;

/**
 * Settings of a posterior estimation over an image or a table, as the estimators take them: public fields with
 * the defaults of {@link PosteriorRequest} (what users set; {@link PosteriorRequest#options} fills these), the
 * saturation already resolved; {@link #validate()} checks them.
 */
public final class PosteriorOptions {

	/** The statistics of every parameter written as maps by default. */
	public static final List<Statistic> MAP_STATISTICS = List.copyOf(PosteriorRequest.defaults().statistics());

	/** Posterior samples per pixel or row. */
	public int samples = PosteriorRequest.SAMPLES.defaultValue();
	/** Seeds the samples: the same seed, model and input give the same maps on the same device. */
	public long seed = PosteriorRequest.SEED.defaultValue();
	public List<Statistic> statistics = MAP_STATISTICS;
	/** Keep every sample (a stack of {@link #samples} planes per parameter), not only the summaries. */
	public boolean keepSamples = PosteriorRequest.KEEP_SAMPLES.defaultValue();
	/** A pixel with any band at or above this value is saturated and not estimated (infinite: no check; the request's "auto" is resolved per input). */
	public double saturation = Double.POSITIVE_INFINITY;
	/** Minimum prominence of a posterior mode, as a fraction of the highest density. */
	public double modeProminence = Modes.DEFAULT_PROMINENCE;
	/** Density grid points for mode counting. */
	public int modeGrid = Modes.DEFAULT_GRID;
	/** Tile width and height: the work of one tile is held in memory at a time per thread. */
	public int tileSize = PosteriorRequest.TILE_SIZE.defaultValue();
	/** Tiles processed in parallel (each thread also runs the network; the engine has its own threads too). */
	public int threads = PosteriorRequest.THREADS.defaultValue();

	public PosteriorOptions validate() {
		if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, not " + samples);
		if (statistics == null || statistics.isEmpty()) throw new IllegalArgumentException("no posterior statistics chosen");
		if (Double.isNaN(saturation)) throw new IllegalArgumentException("saturation level must be a number");
		if (!(modeProminence > 0 && modeProminence < 1)) throw new IllegalArgumentException("mode prominence must be in (0, 1), not " + modeProminence);
		if (modeGrid < 3) throw new IllegalArgumentException("mode grid must have >= 3 points");
		if (tileSize < 1 || threads < 1) throw new IllegalArgumentException("tile size and threads must be >= 1");
		return this;
	}
}
