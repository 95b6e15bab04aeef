package org.innsight.fiji;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.io.ClassifierFile;

/** The DALSA commands' classifier files, with messages for Fiji. */
final class FijiValues {

	private FijiValues() {}

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
