package org.innsight.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
		/** Where the model came from (a place of {@link ModelLookup}), or null for a report on one folder. */
		public final String origin;
		/** Whether a model of the same name in an earlier place is used instead (then it is not loaded). */
		public final boolean hidden;

		ModelEntry(final String folder, final ModelCard card, final String problem) {
			this(folder, card, problem, null, false);
		}

		ModelEntry(final String folder, final ModelCard card, final String problem, final String origin, final boolean hidden) {
			this.folder = folder;
			this.card = card;
			this.origin = origin;
			this.hidden = hidden;
			// one line per model in the report, whatever the loader's message looks like
			this.problem = problem == null ? null : problem.replaceAll("\\s*\\R\\s*", " ");
		}

		@Override
		public String toString() {
			return describe() + (origin == null ? "" : "  from " + origin);
		}

		private String describe() {
			if (card == null) return folder + (problem == null ? "" : "  BROKEN: " + problem);
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
	/** The one folder reported on, or null when the report follows {@link #lookup}. */
	public final Path modelsFolder;
	/** The lookup whose places and models are reported, or null for a report on one folder. */
	public final ModelLookup lookup;
	public final List<ModelEntry> models;

	private EngineReport(final Engine engine, final Device requested, final Path modelsFolder, final ModelLookup lookup) {
		this.innsightVersion = Version.get();
		this.engineName = engine.getEngineName();
		this.engineVersion = engine.getVersion();
		this.gpuCount = engine.getGpuCount();
		this.requested = requested;
		this.resolved = Engines.resolve(requested, gpuCount).toString();
		this.modelsFolder = modelsFolder;
		this.lookup = lookup;
		this.models = Collections.unmodifiableList(lookup != null ? findModels(lookup) : findModels(modelsFolder));
	}

	/**
	 * Loads the engine and reports on it and on the models in one folder (as {@code innsight info --models DIR}).
	 *
	 * @throws IllegalArgumentException if {@code requested} names a GPU the engine does not have
	 */
	public static EngineReport create(final Device requested, final Path modelsFolder) {
		return new EngineReport(Engines.pytorch(), requested, modelsFolder, null);
	}

	/**
	 * Loads the engine and reports on it and on every model {@code lookup} finds, with where each came from and
	 * the places looked in (as {@code innsight info} and Engine Info do, with {@link ModelLookup#standard()}).
	 */
	public static EngineReport create(final Device requested, final ModelLookup lookup) {
		return new EngineReport(Engines.pytorch(), requested, null, lookup);
	}

	/** The report as lines of text, for a terminal, the ImageJ log or a file. */
	public List<String> lines() {
		final List<String> lines = new ArrayList<>();
		lines.add("InnSight " + innsightVersion);
		lines.add("engine:  " + engineName + " " + engineVersion);
		lines.add("GPUs:    " + gpuCount);
		lines.add("device:  " + requested + " -> " + resolved);
		if (lookup != null) {
			int used = 0;
			for (final ModelEntry m : models) if (!m.hidden) used++;
			lines.add("models:  " + used + " found; a name is looked up in these places, in order (the first match wins):");
			for (final ModelLookup.Place p : lookup.places())
				lines.add("  looked in: " + p);
		}
		else lines.add("models:  " + models.size() + " in " + modelsFolder.toAbsolutePath().normalize() +
			(Files.isDirectory(modelsFolder) ? "" : " (folder not found)"));
		for (final ModelEntry m : models)
			lines.add("  " + m);
		return lines;
	}

	@Override
	public String toString() {
		return String.join("\n", lines());
	}

	/** Every model {@code lookup} finds, each loaded and checked unless an earlier place hides it. */
	static List<ModelEntry> findModels(final ModelLookup lookup) {
		final List<ModelEntry> found = new ArrayList<>();
		for (final ModelLookup.Found f : lookup.list()) {
			final String origin = f.place.toString();
			if (f.hiddenBy != null) {
				found.add(new ModelEntry(f.name, null, null, origin + "; hidden by " + f.hiddenBy, true));
				continue;
			}
			try {
				final ModelFolder m = f.place.folder == null ? lookup.loadBundled(f.name) : ModelFolder.load(f.place.folder.resolve(f.name));
				found.add(new ModelEntry(f.name, m.card(), null, f.place.folder == null ? origin + ", copied to " + m.dir() : origin, false));
			}
			catch (final IOException | RuntimeException e) {
				found.add(new ModelEntry(f.name, null, e.getMessage(), origin, false));
			}
		}
		return found;
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
