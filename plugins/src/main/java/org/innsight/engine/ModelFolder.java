package org.innsight.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.innsight.io.AtomicFiles;
import org.innsight.io.Checksums;
import org.innsight.io.JsonFiles;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A model on disk: a folder with the card {@value ModelCard#FILE_NAME} and the files the card lists.
 * <p>
 * {@link #load(Path)} refuses a folder whose card is incomplete or whose files are missing or differ from the
 * SHA-256 in the card, naming the file and the problem. {@link #save} writes a complete new folder beside the
 * target and moves it into place, so a reader never sees a half-written model.
 */
public final class ModelFolder {

	/** Writes one file's content; used by {@link #save}. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private final Path dir;
	private final ModelCard card;

	private ModelFolder(final Path dir, final ModelCard card) {
		this.dir = dir;
		this.card = card;
	}

	/** The folder. */
	public Path dir() {
		return dir;
	}

	/** The validated card (a private copy: changing it changes nothing on disk). */
	public ModelCard card() {
		return card.copy();
	}

	/** The path of a file the card lists; any other name is an error. */
	public Path file(final String name) {
		if (!card.files.containsKey(name))
			throw new IllegalArgumentException("model " + dir + " has no file '" + name + "' in its card; it lists " + card.files.keySet());
		return dir.resolve(name);
	}

	/**
	 * Loads and checks a model folder (or its card file): the card must be complete and every listed file present
	 * with the listed SHA-256, and inside the folder: a card or listed file that is a link whose target lies
	 * outside the model folder is refused (see models/README.md, "Trusting a model folder").
	 */
	public static ModelFolder load(final Path path) throws IOException {
		final Path dir = Files.isDirectory(path) ? path : path.getParent();
		final Path cardFile = Files.isDirectory(path) ? path.resolve(ModelCard.FILE_NAME) : path;
		if (dir == null || !Files.exists(cardFile)) {
			if (!Files.exists(path)) throw new NoSuchFileException(path.toString(), null, "no such model folder");
			throw new NoSuchFileException(cardFile.toString(), null, "model folder has no card " + ModelCard.FILE_NAME);
		}
		final Path realDir = dir.toRealPath();
		requireInside(cardFile, realDir, dir);
		final ModelCard card = ModelCard.fromJson(JsonFiles.readUtf8(cardFile, "a model card must be UTF-8 JSON"), cardFile.toString());
		for (final Map.Entry<String, String> e : card.files.entrySet()) {
			final Path f = dir.resolve(e.getKey());
			if (!Files.isRegularFile(f))
				throw new NoSuchFileException(f.toString(), null, "file listed in the model card " + cardFile + " is missing");
			requireInside(f, realDir, dir);
			final String actual = Checksums.sha256(f);
			if (!actual.equals(e.getValue()))
				throw new IOException("model file " + f + " does not match its card " + cardFile + " (SHA-256 " + actual +
					", card says " + e.getValue() + "): the file was changed or damaged after the model was saved");
		}
		return new ModelFolder(dir, card);
	}

	/**
	 * Refuses a file whose real path (links followed) leaves the model folder: a card's checksums say which bytes
	 * a model is, and a link to elsewhere (another user's folder, a system file) is not part of what was checked
	 * in or copied with the folder.
	 */
	private static void requireInside(final Path file, final Path realDir, final Path dir) throws IOException {
		final Path real = file.toRealPath();
		if (!real.startsWith(realDir))
			throw new IOException("model file " + file + " is a link to " + real + ", outside the model folder " + dir +
				"; InnSight loads only files inside a model folder: copy the file into the folder instead of linking it");
	}

	/**
	 * Writes {@code files} and the card (with their SHA-256 filled in) to a new folder {@code dir}. With
	 * {@code replace}, an existing model folder there is replaced (used for checkpoints of the same training run);
	 * otherwise an existing {@code dir} is an error. The card is validated before anything is written.
	 */
	public static ModelFolder save(final Path dir, final ModelCard card, final Map<String, Content> files, final boolean replace)
		throws IOException
	{
		final Path target = dir.toAbsolutePath().normalize();
		final Path parent = target.getParent();
		if (Files.exists(target) && !replace)
			throw new FileAlreadyExistsException(target.toString(), null, "model folder exists; choose another --out or delete it");
		if (Files.exists(target) && !Files.isDirectory(target))
			throw new FileAlreadyExistsException(target.toString(), null, "is a file, not a model folder");
		if (Files.exists(target) && !Files.exists(target.resolve(ModelCard.FILE_NAME)) && !isEmpty(target))
			throw new IOException("refusing to replace " + target + ": it is not a model folder (no " + ModelCard.FILE_NAME + ")");
		Files.createDirectories(parent);
		final ModelCard out = card.copy();
		out.files = new LinkedHashMap<>();
		final Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".writing-");
		try {
			for (final Map.Entry<String, Content> e : files.entrySet()) {
				final Path f = tmp.resolve(e.getKey());
				if (!f.getParent().equals(tmp)) throw new IllegalArgumentException("model file name '" + e.getKey() + "' is not a plain file name");
				try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f))) {
					e.getValue().writeTo(os);
				}
				out.files.put(e.getKey(), Checksums.sha256(f));
			}
			out.validate(target.resolve(ModelCard.FILE_NAME).toString());
			Files.writeString(tmp.resolve(ModelCard.FILE_NAME), out.toJson() + "\n", StandardCharsets.UTF_8);
			if (Files.exists(target)) {
				final Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
				Files.delete(old);
				move(target, old);
				move(tmp, target);
				deleteTree(old);
			}
			else move(tmp, target);
		}
		finally {
			if (Files.exists(tmp)) deleteTree(tmp);
		}
		return new ModelFolder(target, out);
	}

	/**
	 * Changes the card of the model folder {@code dir} in place: {@code edit} gets the card as JSON (keys and values
	 * as they are on disk) and returns it changed; the result must be a valid card, and is written atomically in the
	 * same layout (the files the card lists, and their checksums, are not touched). Returns the model, loaded and
	 * checked again.
	 */
	public static ModelFolder updateCard(final Path dir, final UnaryOperator<JsonObject> edit) throws IOException {
		final ModelFolder model = load(dir);
		final Path cardFile = model.dir().resolve(ModelCard.FILE_NAME);
		final JsonObject json = edit.apply(JsonParser.parseString(Files.readString(cardFile, StandardCharsets.UTF_8)).getAsJsonObject());
		final String text = ModelCard.gson().toJson(json) + "\n";
		final ModelCard card = ModelCard.fromJson(text, cardFile.toString());
		if (!card.files.equals(model.card.files)) throw new IllegalArgumentException("a card update must not change the files of " + dir);
		AtomicFiles.writeBytes(cardFile, List.of(), text.getBytes(StandardCharsets.UTF_8));
		return load(dir);
	}

	/** Lower-case hex SHA-256 of a file's bytes; {@link Checksums#sha256(Path)} (kept for callers that name it here). */
	public static String sha256(final Path file) throws IOException {
		return Checksums.sha256(file);
	}

	/** Lower-case hex SHA-256 of bytes; {@link Checksums#sha256(byte[])} (kept for callers that name it here). */
	public static String sha256(final byte[] bytes) {
		return Checksums.sha256(bytes);
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to);
		}
	}

	private static boolean isEmpty(final Path dir) throws IOException {
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
			return !s.iterator().hasNext();
		}
	}

	private static void deleteTree(final Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
		}
	}

	@Override
	public String toString() {
		return card.name + " (" + card.kind + " " + card.version + ") at " + dir;
	}
}
