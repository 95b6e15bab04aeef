package org.innsight.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The models in a {@code models/} folder: each sub-folder with a {@value ModelCard#FILE_NAME}. Used by
 * {@code innsight info} and to resolve {@code --model NAME}.
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

	/**
	 * The default models folder: system property {@code innsight.models}, else {@code <innsight.repo>/models}
	 * (the launcher sets {@code innsight.repo}), else {@code ./models}.
	 */
	public static ModelCatalog standard() {
		final String models = System.getProperty("innsight.models");
		if (models != null) return new ModelCatalog(Paths.get(models));
		final String repo = System.getProperty("innsight.repo");
		return new ModelCatalog(repo != null ? Paths.get(repo, "models") : Paths.get("models"));
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

	/**
	 * Resolves what a user typed after {@code --model}: an existing path (folder or card file), else the name of a
	 * folder in this catalog. The model is loaded and checked.
	 */
	public ModelFolder resolve(final String nameOrPath) throws IOException {
		final Path p = Paths.get(nameOrPath);
		if (Files.exists(p)) return ModelFolder.load(p);
		final Path inRoot = root.resolve(nameOrPath);
		if (!nameOrPath.contains("/") && Files.isDirectory(inRoot)) return ModelFolder.load(inRoot);
		final List<String> names = new ArrayList<>();
		if (Files.isDirectory(root)) {
			try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
				for (final Path d : s)
					if (Files.isRegularFile(d.resolve(ModelCard.FILE_NAME))) names.add(d.getFileName().toString());
			}
		}
		names.sort(null);
		throw new NoSuchFileException(nameOrPath, null, "no such model (neither a path nor a model in " + root +
			(names.isEmpty() ? ", which has none" : "; there: " + String.join(", ", names)) + ")");
	}
}
