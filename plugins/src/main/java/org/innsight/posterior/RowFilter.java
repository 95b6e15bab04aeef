package org.innsight.posterior;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innsight.io.Table;

/**
 * A condition on a table column, e.g. {@code vHb_1>=0.02}: which held-out rows a validation looks at.
 * Operators: {@code >= <= > < == !=}.
 */
public record RowFilter(String column, String operator, double value) {

	private static final Pattern FORM = Pattern.compile("\\s*([^<>=!\\s]+)\\s*(>=|<=|==|!=|>|<)\\s*([-+0-9.eE]+)\\s*");

	public static RowFilter parse(final String text) {
		final Matcher m = FORM.matcher(text);
		if (!m.matches()) throw new IllegalArgumentException("cannot read the condition '" + text + "'; write e.g. vHb_1>=0.02 (operators >= <= > < == !=)");
		try {
			return new RowFilter(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException("condition '" + text + "': '" + m.group(3) + "' is not a number");
		}
	}

	public boolean test(final double v) {
		return switch (operator) {
			case ">=" -> v >= value;
			case "<=" -> v <= value;
			case ">" -> v > value;
			case "<" -> v < value;
			case "==" -> v == value;
			case "!=" -> v != value;
			default -> throw new IllegalStateException(operator);
		};
	}

	/** Clears {@code keep[r]} for every row of {@code table} that fails this condition. */
	public void apply(final Table table, final boolean[] keep) {
		final float[] col = table.column(column);
		for (int r = 0; r < keep.length; r++) if (!test(col[r])) keep[r] = false;
	}

	@Override
	public String toString() {
		return column + operator + value;
	}
}
