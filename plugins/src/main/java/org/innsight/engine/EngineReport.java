package org.innsight.engine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.innsight.Version;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.engine.Engine;

/**
 * What InnSight runs on: engine and version, GPUs, the device a request resolves to, and the model folders
 * found. Shared by {@code innsight info}, the Fiji command {@code Engine Info} and the demo, so all three say
 * the same thing.
 */
public final class EngineReport {

	/** One model folder: a sub-folder of the models folder holding a {@code model.json} card. */
	public static final class ModelEntry {
		public final String folder;
		public final String name;
		public final String kind;
		public final String version;
		/** Why the card could not be read, or null. */
		public final String problem;

		ModelEntry(final String folder, final String name, final String kind, final String version,
			final String problem)
		{
			this.folder = folder;
			this.name = name;
			this.kind = kind;
			this.version = version;
			this.problem = problem;
		}

		@Override
		public String toString() {
			if (problem != null) return folder + ": unreadable model.json (" + problem + ")";
			return folder + ": " + name + " (" + kind + ", version " + version + ")";
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
	 * Where InnSight looks for models: the system property {@code innsight.models}; else {@code models/} in the
	 * InnSight checkout ({@code innsight.repo}, set by the launcher); else {@code models/} in the Fiji folder
	 * ({@code imagej.dir}, set by Fiji); else {@code models/} in the working directory.
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

	/** Sub-folders of {@code folder} that hold a {@code model.json}, sorted by name; none if it is missing. */
	static List<ModelEntry> findModels(final Path folder) {
		final List<ModelEntry> found = new ArrayList<>();
		if (!Files.isDirectory(folder)) return found;
		try (Stream<Path> children = Files.list(folder)) {
			children.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().forEach(p -> found.add(
				readCard(p)));
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("cannot list the models folder " + folder + ": " + e.getMessage(), e);
		}
		return found;
	}

	private static ModelEntry readCard(final Path modelFolder) {
		final String folder = modelFolder.getFileName().toString();
		try (Reader in = Files.newBufferedReader(modelFolder.resolve("model.json"), StandardCharsets.UTF_8)) {
			final JsonElement root = JsonParser.parseReader(in);
			if (!root.isJsonObject()) return new ModelEntry(folder, null, null, null, "not a JSON object");
			final JsonObject card = root.getAsJsonObject();
			return new ModelEntry(folder, text(card, "name", folder), text(card, "kind", "?"), text(card, "version",
				"?"), null);
		}
		catch (final IOException | RuntimeException e) {
			return new ModelEntry(folder, null, null, null, e.getMessage() == null ? e.getClass().getSimpleName()
				: e.getMessage().replace('\n', ' '));
		}
	}

	private static String text(final JsonObject card, final String key, final String fallback) {
		final JsonElement e = card.get(key);
		return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
	}
}
