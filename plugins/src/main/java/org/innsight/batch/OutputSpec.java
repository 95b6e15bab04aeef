package org.innsight.batch;

import java.util.regex.Pattern;

/**
 * An image a step writes per scan: its name (part of the file name) and its file format.
 *
 * @param name letters, digits, '_' or '-', e.g. {@code "sO2_mean"}
 * @param format one of {@link #FORMATS}, also the file extension: {@code tif} (ImageJ TIFF: calibration, slice
 *        labels, properties), {@code nii} / {@code nii.gz} (NIfTI-1), {@code h5} (HDF5, dataset /data) or
 *        {@code png} (an 8-bit or RGB rendering of one plane); written by {@link org.innsight.io.ImageFiles}
 */
public record OutputSpec(String name, String format) {

	public static final String[] FORMATS = { "tif", "nii", "nii.gz", "h5", "png" };

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	public OutputSpec {
		if (name == null || !NAME.matcher(name).matches())
			throw new IllegalArgumentException("output name \"" + name + "\" must be letters, digits, '_' or '-'");
		if (name.equals("input") || name.equals("manifest"))
			throw new IllegalArgumentException("output name \"" + name + "\" is reserved");
		boolean known = false;
		for (final String f : FORMATS)
			known |= f.equals(format);
		if (!known) throw new IllegalArgumentException("output format \"" + format + "\" must be one of " + String.join(", ", FORMATS));
	}

	public static OutputSpec tif(final String name) {
		return new OutputSpec(name, "tif");
	}
}
