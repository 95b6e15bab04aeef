package org.innsight.inn;

import ai.djl.ndarray.NDArray;

/**
 * The result of a forward pass: the output rows and, per row, the log of the absolute Jacobian determinant.
 *
 * @param out    (rows, dims)
 * @param logDet (rows,) — or a scalar when it is the same for every row (e.g. ActNorm); see {@link #logDetPerRow}
 */
public record Transformed(NDArray out, NDArray logDet) {

	/** {@link #logDet} as one value per row. */
	public NDArray logDetPerRow() {
		final long rows = out.getShape().get(0);
		if (logDet.getShape().dimension() == 1 && logDet.getShape().get(0) == rows) return logDet;
		return out.getManager().zeros(new ai.djl.ndarray.types.Shape(rows), out.getDataType()).add(logDet);
	}
}
