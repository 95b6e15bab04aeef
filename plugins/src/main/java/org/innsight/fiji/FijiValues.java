package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.io.ClassifierFile;

/** Small conversions for the DALSA commands' text parameters and files. */
final class FijiValues {

	private FijiValues() {}

	/** "1,2,4,8" as numbers, with a message naming the parameter if it does not parse. */
	static double[] numbers(final String text, final String what) {
		final String[] parts = text.trim().split("\\s*,\\s*");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(what + ": '" + parts[i] + "' is not a number (expected e.g. 1,2,4,8)");
			}
		}
		return out;
	}

	static void save(final DalsaClassifier classifier, final File file) {
		try {
			ClassifierFile.save(classifier, file.toPath(), List.of());
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot save the classifier to " + file + ": " + e.getMessage(), e);
		}
	}

	static DalsaClassifier load(final File file) {
		try {
			return ClassifierFile.load(file.toPath());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e.getMessage(), e);
		}
	}
}
