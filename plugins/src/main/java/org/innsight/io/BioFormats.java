package org.innsight.io;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import ij.ImagePlus;

/**
 * Opens other formats through Bio-Formats when it is on the class path (it is in Fiji), found by reflection so
 * InnSight neither depends on it nor ships it.
 */
final class BioFormats {

	/** Bio-Formats' ImageJ entry point: {@code static ImagePlus[] openImagePlus(String path)}. */
	static final String PLUGIN_CLASS = "loci.plugins.BF";

	private final String className;

	BioFormats() {
		this(PLUGIN_CLASS);
	}

	/** For tests: a stand-in class with the same static method. */
	BioFormats(final String className) {
		this.className = className;
	}

	boolean available() {
		return entryPoint() != null;
	}

	/** The first image (series) in the file. */
	ImagePlus open(final Path file) throws IOException {
		final Method open = entryPoint();
		if (open == null)
			throw new IOException("Cannot open " + file + ": InnSight reads " + ImageFiles.SUPPORTED + "; other formats need " +
				"Bio-Formats, which is not installed here (inside Fiji it is; or convert the file to TIFF)");
		final Object result;
		try {
			result = open.invoke(null, file.toAbsolutePath().toString());
		}
		catch (final InvocationTargetException e) {
			final Throwable cause = e.getCause();
			throw new IOException("Bio-Formats could not open " + file + ": " + (cause.getMessage() != null ? cause.getMessage() : cause), cause);
		}
		catch (final IllegalAccessException e) {
			throw new IOException("Bio-Formats could not be called for " + file + ": " + e.getMessage(), e);
		}
		if (!(result instanceof ImagePlus[] images) || images.length == 0 || images[0] == null)
			throw new IOException("Bio-Formats found no image in " + file);
		return images[0];
	}

	private Method entryPoint() {
		for (final ClassLoader loader : new ClassLoader[] { Thread.currentThread().getContextClassLoader(), BioFormats.class.getClassLoader() }) {
			if (loader == null) continue;
			try {
				return Class.forName(className, true, loader).getMethod("openImagePlus", String.class);
			}
			catch (final ClassNotFoundException | NoSuchMethodException | LinkageError e) {
				// not on this loader's path: try the next one
			}
		}
		return null;
	}
}
