package org.innsight.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Where InnSight finds a model named by the user ({@code msi-ood-16band}): the one lookup every loader, the Fiji
 * commands, the CLI, the pipeline steps and Engine Info use. In order, the first match wins:
 * <ol>
 * <li>an explicit path: a model folder or its card file that exists (relative paths as the caller resolves them);</li>
 * <li>{@code -Dinnsight.models}: a folder of model folders;</li>
 * <li>{@code models/} of the Fiji/ImageJ app folder: the system properties {@code imagej.dir}, {@code ij.dir},
 * {@code fiji.dir} (set by Fiji's launcher), and the folder whose {@code jars/} (or {@code plugins/}) holds
 * InnSight's jar;</li>
 * <li>{@code models/} of the InnSight checkout ({@code innsight.repo}, set by the {@code ./innsight} launcher);</li>
 * <li>models bundled on the class path ({@link ClassPathModels}).</li>
 * </ol>
 * The working directory is not one of them: Fiji started from any folder finds the same models.
 */
public final class ModelLookup {

	/** One place a model name is looked up in, in lookup order. */
	public static final class Place {
		/** What the place is, for people: {@code -Dinnsight.models}, {@code Fiji/ImageJ app}, ... */
		public final String origin;
		/** The folder of model folders; null for the class path and for a place that is not set. */
		public final Path folder;
		/** Why the place holds nothing, or null: "unset", "no such folder". */
		public final String missing;

		Place(final String origin, final Path folder, final String missing) {
			this.origin = origin;
			this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
			this.missing = missing;
		}

		@Override
		public String toString() {
			if (folder == null) return origin + (missing != null ? " (" + missing + ")" : "");
			return folder + " [" + origin + "]" + (missing != null ? " (" + missing + ")" : "");
		}
	}

	/** One model found: its folder name, the place it came from, and whether an earlier place hides it. */
	public static final class Found {
		public final String name;
		public final Place place;
		/** The place whose model of the same name a lookup uses instead, or null when this one is used. */
		public final Place hiddenBy;

		Found(final String name, final Place place, final Place hiddenBy) {
			this.name = name;
			this.place = place;
			this.hiddenBy = hiddenBy;
		}
	}

	/** No model of that name in any place: the message names it and every place looked in. */
	public static final class NoSuchModelException extends NoSuchFileException {
		private static final long serialVersionUID = 1L;

		NoSuchModelException(final String name, final String reason) {
			super(name, null, reason);
		}

		/** The one-line message alone (the file name is in it already). */
		@Override
		public String getMessage() {
			return getReason();
		}
	}

	static final String CLASS_PATH = "class path";

	private final List<Place> places;
	private final ClassPathModels bundled;

	ModelLookup(final Function<String, String> properties, final Path innsightJar, final ClassPathModels bundled) {
		final List<Place> p = new ArrayList<>();
		final String models = nonEmpty(properties.apply("innsight.models"));
		p.add(models == null ? new Place("-Dinnsight.models", null, "unset") : folder("-Dinnsight.models", Paths.get(models)));
		final Set<Path> apps = new LinkedHashSet<>();
		final List<String> appOrigins = new ArrayList<>();
		for (final String key : new String[] { "imagej.dir", "ij.dir", "fiji.dir" }) {
			final String dir = nonEmpty(properties.apply(key));
			if (dir != null && apps.add(real(Paths.get(dir)))) appOrigins.add("Fiji/ImageJ app, " + key);
		}
		final Path fromJar = appOfJar(innsightJar);
		if (fromJar != null && apps.add(real(fromJar))) appOrigins.add("Fiji/ImageJ app holding " + innsightJar.getFileName());
		if (apps.isEmpty()) p.add(new Place("Fiji/ImageJ app", null, "unknown: imagej.dir, ij.dir, fiji.dir unset"));
		int i = 0;
		for (final Path app : apps)
			p.add(folder(appOrigins.get(i++), app.resolve("models")));
		final String repo = nonEmpty(properties.apply("innsight.repo"));
		p.add(repo == null ? new Place("innsight.repo", null, "unset") : folder("innsight.repo", Paths.get(repo, "models")));
		this.bundled = bundled;
		final List<String> onClassPath = bundled.names();
		p.add(new Place(CLASS_PATH, null, onClassPath.isEmpty() ? "none" : null));
		this.places = Collections.unmodifiableList(p);
	}

	/** The lookup of this JVM: its system properties, where InnSight's jar lies, its class path. */
	public static ModelLookup standard() {
		return new ModelLookup(System::getProperty, innsightJar(),
			new ClassPathModels(ModelLookup.class.getClassLoader(), ClassPathModels.defaultCache()));
	}

	/** The places looked in, in order (the explicit path, which comes first, is not a place). */
	public List<Place> places() {
		return places;
	}

	/**
	 * Resolves what a user typed as a model: an existing path (folder or card file), else a model name looked up
	 * in {@link #places()}. The model is loaded and checked against its card.
	 *
	 * @throws NoSuchFileException naming the model and every place looked in, when there is no such model
	 */
	public ModelFolder resolve(final String nameOrPath) throws IOException {
		final Path p = Paths.get(nameOrPath);
		if (Files.exists(p)) return ModelFolder.load(p);
		// a path (not a name) is not looked up: say the path is missing rather than list places
		if (!plainName(nameOrPath)) throw new NoSuchFileException(nameOrPath, null, "no such model folder or card file");
		final ModelFolder named = find(nameOrPath);
		if (named != null) return named;
		throw notFound(nameOrPath, "not a file or folder, and ");
	}

	/**
	 * A model by name only, looked up in {@link #places()} (for callers that resolve explicit paths their own way,
	 * such as a pipeline file relative to its folder).
	 */
	public ModelFolder resolveName(final String name) throws IOException {
		final ModelFolder named = find(name);
		if (named != null) return named;
		throw notFound(name, "");
	}

	private ModelFolder find(final String name) throws IOException {
		for (final Place place : places) {
			if (place.origin.equals(CLASS_PATH)) {
				if (bundled.has(name)) return bundled.extract(name);
			}
			else {
				final Path dir = inFolder(place, name);
				if (dir != null) return ModelFolder.load(dir);
			}
		}
		return null;
	}

	/**
	 * The folder of the model {@code name}, the first place that has one (a bundled model is copied to its cache
	 * folder); for models read without a card check (DALSA's {@code .dalsa} files carry their own).
	 */
	public Path folderOf(final String name) throws IOException {
		for (final Place place : places) {
			if (place.origin.equals(CLASS_PATH)) {
				if (bundled.has(name)) return bundled.extract(name).dir();
			}
			else {
				final Path dir = inFolder(place, name);
				if (dir != null) return dir;
			}
		}
		throw notFound(name, "");
	}

	/** The error for an unknown model: one line naming it ({@code also}: what else it is not) and every place looked in. */
	NoSuchModelException notFound(final String name, final String also) {
		final List<String> looked = new ArrayList<>();
		for (final Place place : places) {
			if (place.missing != null || place.origin.equals(CLASS_PATH)) {
				looked.add(place.origin.equals(CLASS_PATH) && place.missing == null ? CLASS_PATH + " (has " + String.join(", ", bundled.names()) + ")"
					: place.toString());
				continue;
			}
			final List<String> there = namesIn(place.folder);
			looked.add(place + (there.isEmpty() ? " (empty)" : " (has " + String.join(", ", there) + ")"));
		}
		return new NoSuchModelException(name, "no model '" + name + "': " + also + "looked in " + String.join(", ", looked));
	}

	/** Every model found, place by place in lookup order, each marked when an earlier place hides it. */
	public List<Found> list() {
		final List<Found> found = new ArrayList<>();
		final java.util.Map<String, Place> first = new java.util.HashMap<>();
		for (final Place place : places) {
			final List<String> names = place.origin.equals(CLASS_PATH) ? bundled.names() : place.missing == null ? namesIn(place.folder)
				: List.of();
			for (final String n : names) {
				final Place earlier = first.putIfAbsent(n, place);
				found.add(new Found(n, place, earlier));
			}
		}
		return found;
	}

	/** A model a user can pick by name: its card's kind ({@code posterior-cinn}, ...) and the first sentence of its description. */
	public record Installed(String name, String kind, String description) {}

	/**
	 * The models a name would find (the first of each name, place by place), with their cards' kind and the first
	 * sentence of their description; for the model drop-downs of the Fiji dialogs. Only the cards are read (no
	 * weights are checked or copied); a folder whose card cannot be read is left out, as loading it would fail.
	 */
	public List<Installed> installed() {
		final List<Installed> out = new ArrayList<>();
		for (final Found f : list()) {
			if (f.hiddenBy != null) continue;
			try {
				final String json = f.place.origin.equals(CLASS_PATH) ? bundled.cardText(f.name)
					: Files.readString(f.place.folder.resolve(f.name).resolve(ModelCard.FILE_NAME));
				if (json == null) continue;
				final ModelCard card = ModelCard.fromJson(json, f.name);
				out.add(new Installed(f.name, card.kind, firstSentence(card.description)));
			}
			catch (final IOException | RuntimeException e) {
				// an unreadable card: the model cannot be loaded either, so it is not offered
			}
		}
		return out;
	}

	/** Up to the first ". " or ": " (at most 100 characters): the one line a drop-down's help shows. */
	static String firstSentence(final String text) {
		if (text == null || text.isBlank()) return "";
		String s = text.strip();
		final int stop = s.indexOf(". ");
		if (stop > 0) s = s.substring(0, stop);
		if (s.length() > 100) s = s.substring(0, 99) + "\u2026";
		return s;
	}

	/** Loads a bundled model (copying it to the cache); for {@link EngineReport}. */
	ModelFolder loadBundled(final String name) throws IOException {
		return bundled.extract(name);
	}

	/** {@code <place>/<name>} when it is a folder (and {@code name} a plain folder name), else null. */
	private static Path inFolder(final Place place, final String name) {
		if (place.folder == null || place.missing != null || !plainName(name)) return null;
		final Path dir = place.folder.resolve(name);
		return Files.isDirectory(dir) ? dir : null;
	}

	/** A model name: one folder name, not a path. */
	private static boolean plainName(final String name) {
		return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".");
	}

	/** The model folders (with a card) in {@code folder}, sorted. */
	static List<String> namesIn(final Path folder) {
		final List<String> names = new ArrayList<>();
		if (folder == null || !Files.isDirectory(folder)) return names;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, Files::isDirectory)) {
			for (final Path d : s)
				if (Files.isRegularFile(d.resolve(ModelCard.FILE_NAME))) names.add(d.getFileName().toString());
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("cannot list the models folder " + folder + ": " + e.getMessage(), e);
		}
		names.sort(null);
		return names;
	}

	private static Place folder(final String origin, final Path folder) {
		return new Place(origin, folder, Files.isDirectory(folder) ? null : "no such folder");
	}

	/** The folder with links resolved where it exists, so that one app named two ways is looked in once. */
	private static Path real(final Path p) {
		try {
			return p.toRealPath();
		}
		catch (final IOException e) {
			return p.toAbsolutePath().normalize();
		}
	}

	private static String nonEmpty(final String s) {
		return s == null || s.isEmpty() ? null : s;
	}

	/** The app folder of an InnSight jar that lies in {@code APP/jars/} or {@code APP/plugins/}, else null. */
	static Path appOfJar(final Path jar) {
		if (jar == null || !jar.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) return null;
		final Path parent = jar.toAbsolutePath().normalize().getParent();
		if (parent == null || parent.getParent() == null) return null;
		final String name = parent.getFileName().toString();
		return name.equals("jars") || name.equals("plugins") ? parent.getParent() : null;
	}

	/** The jar (or classes folder) this class was loaded from, or null when that cannot be told. */
	private static Path innsightJar() {
		try {
			final CodeSource source = ModelLookup.class.getProtectionDomain().getCodeSource();
			return source == null || source.getLocation() == null ? null : Paths.get(source.getLocation().toURI());
		}
		catch (final URISyntaxException | RuntimeException e) {
			return null; // not a file (a jar inside a jar, a web start): no app folder from here
		}
	}
}
