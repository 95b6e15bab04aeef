package org.innsight.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The models in one {@code models/} folder: each sub-folder with a {@value ModelCard#FILE_NAME}. Used by
 * {@code innsight info --models DIR}; a model name is resolved by {@link ModelLookup}, which looks in several.
 */
public final class ModelCatalog {

	/** One folder found: the loaded model, or why it could not be loaded. */
	public static final class Entry {
		public final Path dir;
		/** The loaded, checked model, or null when {@link #problem} says why not. */
		public final ModelFolder model;
		public final String problem;

		Entry(final Path dir, final ModelFolder model, final String problem) {
			this.dir = dir;
			this.model = model;
			this.problem = problem;
		}

		public boolean ok() {
			return model != null;
		}
	}

	private final Path root;

	public ModelCatalog(final Path root) {
		this.root = root;
	}

	public Path root() {
		return root;
	}

	/** Every sub-folder holding a model card, sorted by name, each loaded and checked. */
	public List<Entry> list() throws IOException {
		final List<Entry> found = new ArrayList<>();
		if (!Files.isDirectory(root)) return found;
		final List<Path> dirs = new ArrayList<>();
		try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
			for (final Path d : s)
				if (Files.isRegularFile(d.resolve(ModelCard.FILE_NAME))) dirs.add(d);
		}
		dirs.sort(Comparator.comparing(d -> d.getFileName().toString()));
		for (final Path d : dirs) {
			try {
				found.add(new Entry(d, ModelFolder.load(d), null));
			}
			catch (final IOException | RuntimeException e) {
				found.add(new Entry(d, null, e.getMessage()));
			}
		}
		return found;
	}
}
