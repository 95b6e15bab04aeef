package org.innsight.posterior;

import java.util.Locale;

/** A summary of one parameter's posterior at one pixel or row. */
public enum Statistic {
	MEDIAN("median"), MEAN("mean"), IQR("IQR"), MODES("modes"), SD("sd"), Q05("q05"), Q25("q25"), Q75("q75"), Q95("q95");

	private final String label;

	Statistic(final String label) {
		this.label = label;
	}

	/** The name in titles, file names and table columns: median, mean, IQR, modes, sd, q05, q25, q75, q95. */
	public String label() {
		return label;
	}

	/** Whether the value is in the parameter's unit (all but the mode count). */
	public boolean hasUnit() {
		return this != MODES;
	}

	public static Statistic parse(final String s) {
		for (final Statistic x : values())
			if (x.label.equalsIgnoreCase(s.trim()) || x.name().equalsIgnoreCase(s.trim())) return x;
		throw new IllegalArgumentException("unknown posterior statistic '" + s + "' (known: median, mean, IQR, modes, sd, q05, q25, q75, q95)");
	}

	@Override
	public String toString() {
		return label.toLowerCase(Locale.ROOT);
	}
}
