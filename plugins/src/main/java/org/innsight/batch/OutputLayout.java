package org.innsight.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a scan's files go: {@code --out} mirrors {@code --in}'s folders; scan {@code sub/a.tif} writes
 * {@code sub/a.<output>.<format>} and {@code sub/a.manifest.json}, and its previews go to
 * {@code report/previews/sub/a.<image>.png}. Two scans whose names differ only in the extension ({@code a.tif},
 * {@code a.tiff}) keep their full file names as prefix instead.
 *
 * <p>Every path is checked against every input and every other scan's paths over the whole (unsharded) list,
 * so a scan whose outputs would land on an input or on another scan's files is refused, never written.</p>
 */
public final class OutputLayout {

	/** The run report's folder under {@code --out}; scans may not write into it. */
	public static final String REPORT_FOLDER = "report";

	/** One scan's file names. */
	public record Scan(InputFiles.Input input, Path folder, String base, String relativeFolder) {

		public Path output(final OutputSpec o) {
			return folder.resolve(base + "." + o.name() + "." + o.format());
		}

		public Path manifest() {
			return folder.resolve(base + ".manifest.json");
		}

		/** A preview's path relative to {@code --out}, with '/' separators. */
		public String preview(final String image) {
			return REPORT_FOLDER + "/previews/" + relativeFolder + base + "." + image + ".png";
		}
	}

	private final Map<String, Scan> scans = new LinkedHashMap<>();
	private final Map<String, String> refused = new HashMap<>();

	/**
	 * @param reserved file names directly under {@code out} that belong to the run (report, summary)
	 */
	public OutputLayout(final List<InputFiles.Input> inputs, final Path in, final Path out, final List<OutputSpec> outputs,
		final Set<String> reserved) throws IOException
	{
		final Path inReal = in.toRealPath();
		final Path outReal = out.toRealPath();
		final boolean outInsideIn = outReal.startsWith(inReal);
		final Set<Path> inputPaths = new HashSet<>();
		final Map<String, Integer> bases = new HashMap<>();
		for (final InputFiles.Input i : inputs) {
			inputPaths.add(i.path().toAbsolutePath().normalize());
			bases.merge(folderOf(i.relative()) + stem(i.relative()), 1, Integer::sum);
		}
		final Map<Path, String> owner = new HashMap<>();
		for (final String r : reserved)
			owner.put(outReal.resolve(r), "the run report");
		for (final InputFiles.Input i : inputs) {
			final String folder = folderOf(i.relative());
			final String base = bases.get(folder + stem(i.relative())) > 1 ? fileName(i.relative()) : stem(i.relative());
			final Scan s = new Scan(i, outReal.resolve(folder.isEmpty() ? "." : folder).normalize(), base, folder);
			scans.put(i.relative(), s);
			final List<Path> paths = new ArrayList<>();
			for (final OutputSpec o : outputs)
				paths.add(s.output(o));
			paths.add(s.manifest());
			String problem = InputFiles.hasLineBreak(i.relative()) ? "its name holds a line break, which InnSight does not take in file " +
				"names (output names, logs and tables would break); rename it without the line break" : null;
			if (problem == null) for (final Path p : paths) {
				if (inputPaths.contains(p)) problem = "its output " + p + " would overwrite an input";
				else if (!outInsideIn && p.startsWith(inReal)) problem = "its output " + p + " would land inside the input folder";
				else if (p.startsWith(outReal.resolve(REPORT_FOLDER))) problem = "its output " + p + " would land in the report folder";
				else if (owner.containsKey(p)) problem = "its output " + p + " is also written by " + owner.get(p);
				else if (Files.isDirectory(p)) problem = "its output " + p + " is an existing folder";
				if (problem != null) break;
			}
			if (problem != null) refused.put(i.relative(), problem);
			else for (final Path p : paths)
				owner.put(p, "scan " + i.relative());
		}
	}

	public Scan scan(final InputFiles.Input input) {
		return scans.get(input.relative());
	}

	/** Why a scan may not be written, or null. */
	public String refusal(final InputFiles.Input input) {
		return refused.get(input.relative());
	}

	private static String folderOf(final String relative) {
		final int slash = relative.lastIndexOf('/');
		return slash < 0 ? "" : relative.substring(0, slash + 1);
	}

	private static String fileName(final String relative) {
		return relative.substring(relative.lastIndexOf('/') + 1);
	}

	private static String stem(final String relative) {
		final String name = fileName(relative);
		if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".nii.gz") && name.length() > 7) return name.substring(0, name.length() - 7);
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
