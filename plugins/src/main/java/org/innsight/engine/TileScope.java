package org.innsight.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * Native memory for one call or one tile: a sub-manager for the tile's inputs plus an {@link NDScope} that
 * catches every array created meanwhile, including results that DJL attaches to a long-lived manager (an op
 * whose first operand is a network weight puts its result in the weights' manager). Closing the scope frees
 * all of them, so per-pixel work over thousands of tiles keeps a constant native footprint.
 * <pre>
 * try (TileScope tile = TileScope.open(root)) {
 *     NDArray x = tile.manager().create(pixels, shape);
 *     float[] out = network.apply(x).toFloatArray();   // copied to the heap before the scope closes
 * }
 * </pre>
 * Arrays that must outlive the tile are handed to {@link #keep(NDArray)}, which detaches them from the scope
 * and attaches them to the given manager.
 */
public final class TileScope implements AutoCloseable {

	private final NDManager manager;
	private final NDScope scope;

	private TileScope(final NDManager parent) {
		this.scope = new NDScope();
		this.manager = parent.newSubManager();
	}

	/** Opens a scope whose arrays live on {@code parent}'s device; close it on the same thread. */
	public static TileScope open(final NDManager parent) {
		return new TileScope(parent);
	}

	/** The manager for this tile's own arrays. */
	public NDManager manager() {
		return manager;
	}

	/** Lets {@code array} survive this scope, attached to {@code owner}; returns it. */
	public NDArray keep(final NDArray array, final NDManager owner) {
		NDScope.unregister(array);
		array.attach(owner);
		return array;
	}

	/** Lets every array of {@code list} survive this scope, attached to {@code owner}; returns it. */
	public NDList keep(final NDList list, final NDManager owner) {
		for (final NDArray a : list) keep(a, owner);
		return list;
	}

	@Override
	public void close() {
		try {
			scope.close();
		}
		finally {
			manager.close();
		}
	}
}
