package org.innsight.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.ImagePlus;

/**
 * What a step made of one scan: named images (matching its {@link Step#outputs}) and key statistics for the
 * report (numbers or short text, e.g. {@code "median_sO2_in_mask" -> 0.71}).
 */
public final class StepResult {

	private final Map<String, ImagePlus> images = new LinkedHashMap<>();
	private final Map<String, Object> statistics = new LinkedHashMap<>();

	/** A result without images (a check or a statistic); the next step sees this step's input. */
	public static StepResult none() {
		return new StepResult();
	}

	public static StepResult image(final String output, final ImagePlus image) {
		return new StepResult().put(output, image);
	}

	public StepResult put(final String output, final ImagePlus image) {
		if (image == null) throw new IllegalArgumentException("output \"" + output + "\" has no image");
		images.put(output, image);
		return this;
	}

	/** Adds a statistic; values are {@link Number}s or short text. */
	public StepResult statistic(final String key, final Object value) {
		if (!(value instanceof Number || value instanceof String || value instanceof Boolean))
			throw new IllegalArgumentException("statistic \"" + key + "\" must be a number or text, got " + value);
		statistics.put(key, value);
		return this;
	}

	public Map<String, ImagePlus> images() {
		return Collections.unmodifiableMap(images);
	}

	public Map<String, Object> statistics() {
		return Collections.unmodifiableMap(statistics);
	}
}
