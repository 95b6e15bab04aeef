package org.innsight.dalsa.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.engine.ModelLookup;
import org.innsight.forest.ForestCodec;
import org.innsight.forest.RandomForest;
import org.innsight.io.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The DALSA classifier file ({@code .dalsa}). Plain data only: reading it parses numbers and JSON text, so a
 * classifier file can never execute code. Layout, all big-endian:
 * <pre>
 *   8 bytes   magic 0x89 'D' 'A' 'L' 'S' 'A' '\r' '\n'
 *   int32     format version (1)
 *   int32     header length H, then H bytes of UTF-8 JSON: modalities, feature settings (sigmasMm,
 *             structureTensor, truncate), featureCount, featureNames, classLabels, classNames, provenance
 *   forest    int32 tree count; per tree: int32 nodes, int32 leaves, nodes x (int32 feature, float32 threshold,
 *             int32 left child), leaves x classes float32 probabilities ({@link ForestCodec})
 *   int64     CRC-32 of every byte before it
 * </pre>
 * Any damage (wrong magic, newer version, bad header, index out of range, truncation, checksum mismatch) gives an
 * IOException naming the file and the problem.
 */
public final class ClassifierFile {

	public static final int VERSION = 1;

	/** The {@code kind} of the card of a model folder holding a classifier file ({@code models/dalsa-mr-sample}). */
	public static final String KIND = "dalsa-classifier";
	private static final byte[] MAGIC = { (byte) 0x89, 'D', 'A', 'L', 'S', 'A', '\r', '\n' };
	private static final int MAX_HEADER = 16 << 20;
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	/** The JSON header; field names are part of the format. */
	static final class Header {
		String format = "InnSight DALSA classifier";
		List<String> modalities;
		double[] sigmasMm;
		boolean structureTensor;
		double truncate;
		int featureCount;
		List<String> featureNames;
		int[] classLabels;
		List<String> classNames;
		String normalisation = "z-score per modality within the foreground (voxels non-zero in any modality)";
		Map<String, String> provenance;
	}

	/** Bounds on what a classifier file may ask for (with {@link FeatureSettings}'s on sigmas), so a crafted file fails fast. */
	static final int MAX_MODALITIES = 64, MAX_TREE_DEPTH = 512;

	private ClassifierFile() {}

	/**
	 * The classifier file that a user named: {@code path} (what {@code given} names, resolved as the caller resolves
	 * relative paths) when it exists, a {@code .dalsa} file or a folder holding exactly one; else the model named
	 * {@code given} found by {@link ModelLookup} ({@code "dalsa-mr-sample"}, whose folder holds one). The one lookup of
	 * the pipeline step {@code dalsa-apply} and Fiji's Apply DALSA Classifier.
	 *
	 * @throws IllegalArgumentException the problem, starting with the file or name (the caller puts its key first)
	 */
	public static Path locate(final String given, final Path path) {
		Path p = path;
		if (!Files.exists(p)) {
			try {
				p = ModelLookup.standard().folderOf(given);
			}
			catch (final ModelLookup.NoSuchModelException e) {
				throw new IllegalArgumentException("names " + path + ", which does not exist; " + e.getReason(), e);
			}
			catch (final IOException e) {
				throw new IllegalArgumentException("\"" + given + "\": " + e.getMessage(), e);
			}
		}
		if (!Files.isDirectory(p)) return p.toAbsolutePath().normalize();
		final List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(p, "*.dalsa")) {
			for (final Path f : files) found.add(f);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("folder " + p + " cannot be listed: " + e.getMessage(), e);
		}
		if (found.size() != 1) throw new IllegalArgumentException("folder " + p + " must hold exactly one .dalsa classifier file, it holds " + found.size());
		return found.get(0).toAbsolutePath().normalize();
	}

	/** Writes the classifier atomically, refusing to replace any of {@code inputs}. */
	public static void save(final DalsaClassifier classifier, final Path file, final java.util.Collection<Path> inputs) throws IOException {
		final Header h = new Header();
		h.modalities = classifier.modalities();
		h.sigmasMm = classifier.features().sigmasMm();
		h.structureTensor = classifier.features().structureTensor();
		h.truncate = classifier.features().truncate();
		h.featureCount = classifier.forest().featureCount();
		h.featureNames = classifier.features().featureNames(classifier.modalities());
		h.classLabels = classifier.classLabels();
		h.classNames = classifier.classNames();
		h.provenance = classifier.provenance();
		final byte[] header = GSON.toJson(h).getBytes(StandardCharsets.UTF_8);
		AtomicFiles.writeStream(file, inputs, raw -> {
			final CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
			final DataOutputStream out = new DataOutputStream(checked);
			out.write(MAGIC);
			out.writeInt(VERSION);
			out.writeInt(header.length);
			out.write(header);
			ForestCodec.write(classifier.forest(), out);
			out.flush();
			out.writeLong(checked.getChecksum().getValue());
			out.flush();
		});
	}

	public static DalsaClassifier load(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such classifier file");
		final long size = Files.size(file);
		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			final CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
			final DataInputStream in = new DataInputStream(checked);
			final byte[] magic = new byte[MAGIC.length];
			in.readFully(magic);
			if (!Arrays.equals(magic, MAGIC)) throw new IOException("not a DALSA classifier file (wrong magic bytes)");
			final int version = in.readInt();
			if (version > VERSION || version < 1)
				throw new IOException("classifier format version " + version + " is not supported (this InnSight reads version " + VERSION + ")");
			final int headerLength = in.readInt();
			if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size) throw new IOException("invalid header length " + headerLength);
			final byte[] headerBytes = new byte[headerLength];
			in.readFully(headerBytes);
			final Header h;
			try {
				h = GSON.fromJson(new String(headerBytes, StandardCharsets.UTF_8), Header.class);
			}
			catch (final JsonParseException e) {
				throw new IOException("corrupt header: " + e.getMessage(), e);
			}
			if (h == null || h.modalities == null || h.sigmasMm == null || h.classLabels == null || h.classNames == null)
				throw new IOException("header lacks modalities, sigmas or classes");
			final FeatureSettings settings;
			try {
				settings = new FeatureSettings(h.sigmasMm, h.structureTensor, h.truncate);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException("invalid feature settings in header: " + e.getMessage(), e);
			}
			if (h.modalities.isEmpty() || h.modalities.size() > MAX_MODALITIES)
				throw new IOException("the header lists " + h.modalities.size() + " modalities (1.." + MAX_MODALITIES + " allowed)");
			final int features = h.modalities.size() * settings.featuresPerModality();
			if (features != h.featureCount) throw new IOException("header lists " + h.featureCount + " features, settings give " + features);
			final int k = h.classLabels.length;
			if (k < 1 || k > 255) throw new IOException("invalid class count " + k);
			final RandomForest forest = ForestCodec.read(in, features, k, size - 16 - headerLength - 8);
			for (int t = 0; t < forest.treeCount(); t++)
				if (forest.tree(t).depth() > MAX_TREE_DEPTH)
					throw new IOException("tree " + t + " is " + forest.tree(t).depth() + " levels deep (at most " + MAX_TREE_DEPTH + " allowed)");
			final long expected = checked.getChecksum().getValue();
			final long stored = in.readLong();
			if (stored != expected) throw new IOException("checksum mismatch: the file is corrupt");
			if (in.read() != -1) throw new IOException("unexpected bytes after the checksum");
			try {
				return new DalsaClassifier(h.modalities, settings, h.classLabels, h.classNames, forest,
					h.provenance == null ? new LinkedHashMap<>() : h.provenance);
			}
			catch (final IllegalArgumentException e) {
				throw new IOException("inconsistent classifier: " + e.getMessage(), e);
			}
		}
		catch (final EOFException e) {
			throw new IOException(file + ": truncated DALSA classifier file", e);
		}
		catch (final IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
			throw new IOException(file + ": " + e.getMessage(), e);
		}
	}
}
