package org.innsight.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.innsight.io.Table;

import ij.ImagePlus;

/**
 * What a capability made, by name: images (e.g. {@code sO2_median}), tables and statistics (numbers or short
 * text, e.g. {@code estimated -> 3920}). Front ends present them by these names: Fiji shows each image titled
 * {@code <input>_<name>}, the CLI writes {@code <name>.tif}, a pipeline {@code <scan>.<name>.tif}. Insertion order
 * is kept, so listings are stable.
 */
public final class Outputs {

	private final Map<String, ImagePlus> images = new LinkedHashMap<>();
	private final Map<String, Table> tables = new LinkedHashMap<>();
	private final Map<String, Object> statistics = new LinkedHashMap<>();

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
