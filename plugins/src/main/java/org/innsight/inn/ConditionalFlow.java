package org.innsight.inn;

import ai.djl.ndarray.NDArray;

/**
 * A normalising flow x -> z = f(x; c) with z standard normal, conditioned on observations c (or not): what the
 * posterior, OOD and domain-transfer capabilities build on. Implemented by InnSight's own
 * {@link InvertibleNetwork} and by {@link TorchScriptFlow} for networks trained elsewhere.
 * <p>
 * Rows of x and z belong to observations in order (see {@link Conditioning}): with P observations and N rows
 * each, row p*N + k belongs to observation p. Arrays returned are attached to the manager of the input x or z;
 * run calls inside a {@link org.innsight.engine.TileScope} to free them per tile.
 */
public interface ConditionalFlow extends AutoCloseable {

	/** Columns of x and z (targets plus padding). */
	int dimension();

	/** Raw observation columns (0 = unconditional). */
	int conditionDimension();

	/** The condition for P observations (P, conditionDimension), computed once; {@link Conditioning#NONE} if unconditional. */
	Conditioning condition(NDArray observations);

	/** x -> (z, log|det dz/dx|) per row. */
	Transformed forward(NDArray x, Conditioning c);

	/** z -> x, the exact inverse. */
	NDArray inverse(NDArray z, Conditioning c);

	/** log p(x | c) per row: log N(z; 0, I) + log|det dz/dx|. */
	default NDArray logDensity(final NDArray x, final Conditioning c) {
		final Transformed t = forward(x, c);
		final NDArray z = t.out();
		return z.square().sum(new int[] { 1 }).muli(-0.5f).subi((float) (0.5 * dimension() * Math.log(2 * Math.PI))).addi(t.logDetPerRow());
	}

	@Override
	void close();
}
