package org.innsight.inn;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * What a flow knows about the observations it is conditioned on, computed once per observation.
 * <p>
 * A batch of x or z rows belongs to the observations in order: with P observations and N rows each (posterior
 * samples), row {@code p * N + k} is sample k of observation p. Work that depends only on the observation
 * (the conditioning network, the condition's share of every subnet's first layer) is done for P rows and
 * broadcast to the P*N rows, never repeated per sample.
 */
public final class Conditioning {

	/** No condition (unconditional flows). */
	public static final Conditioning NONE = new Conditioning(null);

	private final NDArray features;
	private final Map<Object, NDArray> cache = new IdentityHashMap<>();

	/** @param features (observations, featureDims): the condition as the flow's subnets see it */
	public Conditioning(final NDArray features) {
		this.features = features;
	}

	public boolean isPresent() {
		return features != null;
	}

	/** (observations, featureDims) */
	public NDArray features() {
		if (features == null) throw new IllegalStateException("this flow call has no condition");
		return features;
	}

	public long observations() {
		return features == null ? 0 : features.getShape().get(0);
	}

	/** Rows per observation for a batch of {@code rows} rows; an error unless it divides evenly. */
	public long rowsPerObservation(final long rows) {
		final long p = observations();
		if (p == 0 || rows % p != 0)
			throw new IllegalArgumentException(rows + " rows cannot be split among " + p + " observations");
		return rows / p;
	}

	/**
	 * A per-observation value derived from the features, computed on first use and reused by later calls with
	 * the same key (e.g. a subnet's first-layer projection).
	 */
	public NDArray derived(final Object key, final Function<NDArray, NDArray> compute) {
		return cache.computeIfAbsent(key, k -> {
			final NDArray v = compute.apply(features());
			// lives as long as the features (their manager), not the scope of the call that first needed it
			NDScope.unregister(v);
			return v;
		});
	}

	/** Caches a per-observation value for {@link #derived} (computed together with others); it lives as long as the features. */
	void put(final Object key, final NDArray value) {
		NDScope.unregister(value);
		final NDArray old = cache.put(key, value);
		if (old != null) old.close();
	}

	/**
	 * Adds a per-observation array (P, H) to per-row activations (P*N, H) in place: each observation's value to
	 * its N rows, by broadcasting, without copying it N times. Returns {@code rows}.
	 */
	public static NDArray addPerObservation(final NDArray rows, final NDArray perObservation) {
		final long p = perObservation.getShape().get(0);
		final long n = rows.getShape().get(0) / p;
		if (n == 1) return rows.addi(perObservation);
		final long h = rows.getShape().get(1);
		try (NDArray grouped = rows.reshape(new Shape(p, n, h)); NDArray one = perObservation.reshape(new Shape(p, 1, h))) {
			grouped.addi(one); // a view of rows: adds into rows
		}
		return rows;
	}

	/** The features repeated to one row per x row ((P*N, F)), for flows that need them per row. */
	public NDArray featuresPerRow(final long rows) {
		final long n = rowsPerObservation(rows);
		if (n == 1) return features;
		final long p = observations(), f = features.getShape().get(1);
		return features.reshape(new Shape(p, 1, f)).broadcast(new Shape(p, n, f)).reshape(new Shape(p * n, f));
	}
}
