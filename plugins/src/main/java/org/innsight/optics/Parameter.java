package org.innsight.optics;

/**
 * One physical parameter of a forward model, with the range simulations draw it from.
 *
 * @param name column name in tables, in the user's words (sO2, vHb_1, d_1, ...)
 * @param min lower end of the simulated range
 * @param max upper end of the simulated range
 * @param unit SI unit, or "1" for fractions and dimensionless numbers
 * @param description one line for headers and help
 */
public record Parameter(String name, double min, double max, String unit, String description) {

	public Parameter {
		if (!(min <= max)) throw new IllegalArgumentException("Parameter " + name + ": min " + min + " > max " + max);
	}

	/** The value at fraction u in [0, 1] of the range. */
	public double at(final double u) {
		return min + u * (max - min);
	}

	/** The same parameter with another range. */
	public Parameter withRange(final double newMin, final double newMax) {
		return new Parameter(name, newMin, newMax, unit, description);
	}
}
