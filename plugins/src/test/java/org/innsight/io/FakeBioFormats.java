package org.innsight.io;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** Stands in for {@code loci.plugins.BF} in tests: same static method, a tiny image named after the file. */
public final class FakeBioFormats {

	private FakeBioFormats() {}

	public static ImagePlus[] openImagePlus(final String path) {
		if (path.contains("broken")) throw new IllegalStateException("unknown magic number");
		final ByteProcessor ip = new ByteProcessor(2, 2);
		ip.set(1, 1, 77);
		return new ImagePlus[] { new ImagePlus(path.substring(path.lastIndexOf('/') + 1), ip) };
	}
}
