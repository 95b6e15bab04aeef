package org.innsight.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.innsight.Version;

import ai.djl.engine.Engine;

/**
 * What InnSight runs on: engine and version, GPUs, the device a request resolves to, and the model folders
 * found. Shared by {@code innsight info}, the Fiji command {@code Engine Info} and the demo, so all three say
 * the same thing.
 */
public final class EngineReport {

	/** One model folder found: a line for the report, and whether it loaded and passed its checks. */
	public static final class ModelEntry {
		public final String folder;
		/** The model's card, or null when {@link #problem} says why it could not be loaded. */
		public final ModelCard card;
		public final String problem;

		ModelEntry(final String folder, final ModelCard card, final String problem) {
			this.folder = folder;
			this.card = card;
			// one line per model in the report, whatever the loader's message looks like
			this.problem = problem == null ? null : problem.replaceAll("\\s*\\R\\s*", " ");
		}

		@Override
		public String toString() {
			if (card == null) return folder + "  BROKEN: " + problem;
			final List<String> outputs = new ArrayList<>();
			for (final ModelCard.Output o : card.outputs)
				outputs.add(o.name);
			return folder + "  " + card.kind + " v" + card.version + "  in: " + card.inputs.names.size() + " out: " +
				String.join(",", outputs);
		}
	}

	public final String innsightVersion;
	public final String engineName;
	public final String engineVersion;
	public final int gpuCount;
	public final Device requested;
	public final String resolved;
	public final Path modelsFolder;
	public final List<ModelEntry> models;

	private EngineReport(final Engine engine, final Device requested, final Path modelsFolder) {
		this.innsightVersion = Version.get();
		this.engineName = engine.getEngineName();
		this.engineVersion = engine.getVersion();
		this.gpuCount = engine.getGpuCount();
		this.requested = requested;
		this.resolved = Engines.resolve(requested, gpuCount).toString();
		this.modelsFolder = modelsFolder;
		this.models = Collections.unmodifiableList(findModels(modelsFolder));
	}

	/**
	 * Loads the engine and reports on it.
	 *
	 * @throws IllegalArgumentException if {@code requested} names a GPU the engine does not have
	 */
	public static EngineReport create(final Device requested, final Path modelsFolder) {
		return new EngineReport(Engines.pytorch(), requested, modelsFolder);
	}

	/**
	 * Where InnSight looks for models: as {@link ModelCatalog#standard()} (the system property
	 * {@code innsight.models}, else {@code models/} of the checkout in {@code innsight.repo}), and inside Fiji
	 * {@code models/} of the Fiji folder ({@code imagej.dir}, set by Fiji); else {@code models/} here.
	 */
	public static Path defaultModelsFolder() {
		final String explicit = System.getProperty("innsight.models");
		if (explicit != null && !explicit.isEmpty()) return Paths.get(explicit);
		for (final String base : new String[] { "innsight.repo", "imagej.dir" }) {
			final String dir = System.getProperty(base);
			if (dir != null && !dir.isEmpty()) return Paths.get(dir, "models");
		}
		return Paths.get("models");
	}

	/** The report as lines of text, for a terminal, the ImageJ log or a file. */
	public List<String> lines() {
		final List<String> lines = new ArrayList<>();
		lines.add("InnSight " + innsightVersion);
		lines.add("engine:  " + engineName + " " + engineVersion);
		lines.add("GPUs:    " + gpuCount);
		lines.add("device:  " + requested + " -> " + resolved);
		lines.add("models:  " + models.size() + " in " + modelsFolder.toAbsolutePath().normalize() +
			(Files.isDirectory(modelsFolder) ? "" : " (folder not found)"));
		for (final ModelEntry m : models)
			lines.add("  " + m);
		return lines;
	}

	@Override
	public String toString() {
		return String.join("\n", lines());
	}

	/** The model folders in {@code folder} (see {@link ModelCatalog}), each loaded and checked; none if it is missing. */
	static List<ModelEntry> findModels(final Path folder) {
		final List<ModelEntry> found = new ArrayList<>();
		try {
			for (final ModelCatalog.Entry e : new ModelCatalog(folder).list())
				found.add(new ModelEntry(e.dir.getFileName().toString(), e.ok() ? e.model.card() : null, e.problem));
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("cannot list the models folder " + folder + ": " + e.getMessage(), e);
		}
		return found;
	}
}
