package org.innsight.inn;

import org.innsight.engine.NativeArrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

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
		final NDManager m = z.getManager();
		final NDArray half = NativeArrays.scalar(m, -0.5f), constant = NativeArrays.scalar(m, (float) (0.5 * dimension() * Math.log(2 * Math.PI)));
		return z.square().sum(new int[] { 1 }).muli(half).subi(constant).addi(t.logDetPerRow());
	}

	@Override
	void close();
}
