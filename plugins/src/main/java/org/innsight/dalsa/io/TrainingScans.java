package org.innsight.dalsa.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.innsight.dalsa.DalsaTrainer;
import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;

/**
 * Several annotated training scans, from a list file or a folder of case folders, as every front end reads them
 * ({@code innsight dalsa train --list / --folder}, Fiji's {@code Train DALSA Classifier (several scans)}).
 * <p>
 * A <b>list file</b> has one scan per line: {@code images=t1.nii.gz,t1c.nii.gz,... labels=scribbles.nii.gz} or
 * {@code scan=case.nii.gz labels=...}, optionally {@code mask=...}; fields are separated by tabs (or, in a line
 * without tabs, by spaces), paths are relative to the list file's folder, {@code #} starts a comment.
 * <p>
 * A <b>folder</b> holds one folder per scan (sorted by name); in each, the modality files are those whose name is
 * or contains the word of a modality name ({@code t1} matches {@code t1.nii.gz} and {@code case7_t1.nii.gz},
 * not {@code t1c.nii.gz}), and the annotation file is the one named by the labels word (default
 * {@code scribbles}).
 */
public final class TrainingScans {

	/** One training scan with the files it came from (outputs must never replace them). */
	public record Entry(DalsaTrainer.Example example, List<Path> files) {}

	private TrainingScans() {}

	public static List<Entry> readList(final Path list) throws IOException {
		if (!Files.isRegularFile(list)) throw new IOException(list + ": no such list file");
		final Path base = list.toAbsolutePath().getParent();
		final List<Entry> out = new ArrayList<>();
		final List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
		for (int n = 0; n < lines.size(); n++) {
			final String line = lines.get(n).strip();
			if (line.isEmpty() || line.startsWith("#")) continue;
			final String where = list + " line " + (n + 1);
			final Map<String, String> fields = new TreeMap<>();
			for (final String field : line.contains("\t") ? line.split("\t+") : line.split("\\s+")) {
				final int eq = field.indexOf('=');
				if (eq <= 0) throw new IOException(where + ": '" + field + "' is not KEY=PATH (keys: images, scan, labels, mask)");
				final String key = field.substring(0, eq).trim();
				if (!List.of("images", "scan", "labels", "mask").contains(key)) throw new IOException(where + ": unknown key '" + key + "' (keys: images, scan, labels, mask)");
				if (fields.put(key, field.substring(eq + 1).trim()) != null) throw new IOException(where + ": '" + key + "' given twice");
			}
			if (fields.containsKey("images") == fields.containsKey("scan")) throw new IOException(where + ": give either images=... or scan=...");
			if (!fields.containsKey("labels")) throw new IOException(where + ": labels=... (the annotation image) is missing");
			final List<Path> images = new ArrayList<>();
			if (fields.containsKey("images")) for (final String p : fields.get("images").split(",")) images.add(base.resolve(p.trim()));
			out.add(read(where, images, fields.containsKey("scan") ? base.resolve(fields.get("scan")) : null, base.resolve(fields.get("labels")),
				fields.containsKey("mask") ? base.resolve(fields.get("mask")) : null));
		}
		if (out.isEmpty()) throw new IOException(list + " lists no scan");
		return out;
	}

	/**
	 * @param modalities the modality words, in order
	 * @param labelsWord the annotation file's word (e.g. "scribbles")
	 */
	public static List<Entry> readFolder(final Path folder, final List<String> modalities, final String labelsWord) throws IOException {
		if (!Files.isDirectory(folder)) throw new IOException(folder + ": no such folder");
		if (modalities.isEmpty()) throw new IOException("reading the scans of " + folder + " needs the modality names (e.g. --modalities t1,t1c,t2,flair)");
		final List<Path> cases = new ArrayList<>();
		try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, Files::isDirectory)) {
			for (final Path p : s) cases.add(p);
		}
		cases.sort(null);
		if (cases.isEmpty()) throw new IOException(folder + " holds no case folders (one folder per scan, each with its modality and annotation files)");
		final List<Entry> out = new ArrayList<>();
		for (final Path c : cases) {
			final List<Path> files = new ArrayList<>();
			try (DirectoryStream<Path> s = Files.newDirectoryStream(c, Files::isRegularFile)) {
				for (final Path p : s) files.add(p);
			}
			final Path labels = only(files, labelsWord, c);
			final List<Path> images = new ArrayList<>();
			for (final String m : modalities) images.add(only(files, m, c));
			out.add(read(c.toString(), images, null, labels, null));
		}
		return out;
	}

	private static Path only(final List<Path> files, final String word, final Path folder) throws IOException {
		final List<Path> found = new ArrayList<>();
		for (final Path f : files) if (org.innsight.dalsa.DalsaClassifier.namesModality(VolumeImages.baseName(f), word)) found.add(f);
		if (found.size() != 1)
			throw new IOException(folder + ": " + found.size() + " files are named by '" + word + "' " + found + " (need exactly one)");
		return found.get(0);
	}

	private static Entry read(final String where, final List<Path> images, final Path scan, final Path labels, final Path mask) throws IOException {
		final List<Path> files = new ArrayList<>(images);
		if (scan != null) files.add(scan);
		files.add(labels);
		final MultiModalScan s = scan != null ? VolumeImages.readMultiChannel(scan) : VolumeImages.readModalities(images);
		final LabelVolume l = VolumeImages.readLabels(labels);
		boolean[] m = null;
		if (mask != null) {
			files.add(mask);
			try {
				m = VolumeImages.readMask(mask, s.grid());
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(where + ": " + e.getMessage(), e);
			}
		}
		return new Entry(new DalsaTrainer.Example(scan != null ? scan.toString() : images.get(0).toString(), s, l, m), files);
	}
}
