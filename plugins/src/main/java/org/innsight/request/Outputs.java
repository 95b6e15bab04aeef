package org.innsight.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.io.Table;

import ij.ImagePlus;

/**
 * What a capability made, by name: images (e.g. {@code sO2_median}), tables and statistics (numbers or short
 * text, e.g. {@code estimated -> 3920}). Front ends present them by these names: Fiji shows each image titled
 * {@code <input>_<name>}, the CLI writes {@code <name>.tif}, a pipeline {@code <scan>.<name>.tif}. Insertion order
 * is kept, so listings are stable. Warnings (e.g. {@link UnitsCheck}'s) and notes are one line each: the CLI writes
 * them to standard error, Fiji to its Log, a pipeline's warnings go into the scan's manifest and the report.
 */
public final class Outputs {

	private final Map<String, ImagePlus> images = new LinkedHashMap<>();
	private final Map<String, Table> tables = new LinkedHashMap<>();
	private final Map<String, Object> statistics = new LinkedHashMap<>();
	private final List<String> warnings = new ArrayList<>(), notes = new ArrayList<>();

	public Outputs image(final String name, final ImagePlus image) {
		if (image == null) throw new IllegalArgumentException("output '" + name + "' has no image");
		if (images.put(name, image) != null) throw new IllegalArgumentException("two images named '" + name + "'");
		return this;
	}

	public Outputs table(final String name, final Table table) {
		if (table == null) throw new IllegalArgumentException("output '" + name + "' has no table");
		if (tables.put(name, table) != null) throw new IllegalArgumentException("two tables named '" + name + "'");
		return this;
	}

	/** A statistic: a {@link Number}, {@link Boolean} or short text. */
	public Outputs statistic(final String name, final Object value) {
		if (!(value instanceof Number || value instanceof String || value instanceof Boolean))
			throw new IllegalArgumentException("statistic '" + name + "' must be a number, true/false or text, got " + value);
		statistics.put(name, value);
		return this;
	}

	/** Something the user should look at: the work ran, but its results may not mean what they seem. */
	public Outputs warning(final String message) {
		warnings.add(message);
		return this;
	}

	/** Something worth knowing that needs no action (e.g. a check that could not be made). */
	public Outputs note(final String message) {
		notes.add(message);
		return this;
	}

	public List<String> warnings() {
		return Collections.unmodifiableList(warnings);
	}

	public List<String> notes() {
		return Collections.unmodifiableList(notes);
	}

	public Map<String, ImagePlus> images() {
		return Collections.unmodifiableMap(images);
	}

	/** The image named {@code name}; the message lists the names there are. */
	public ImagePlus image(final String name) {
		final ImagePlus imp = images.get(name);
		if (imp == null) throw new IllegalArgumentException("no output image '" + name + "'; there are " + images.keySet());
		return imp;
	}

	public Map<String, Table> tables() {
		return Collections.unmodifiableMap(tables);
	}

	public Map<String, Object> statistics() {
		return Collections.unmodifiableMap(statistics);
	}
}
