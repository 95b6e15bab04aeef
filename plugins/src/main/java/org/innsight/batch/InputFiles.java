package org.innsight.batch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the scans of a batch: every path under {@code --in} whose path relative to {@code --in} matches a glob
 * ({@code **.tif} = any depth, {@code *.tif} = top folder only), sorted by relative path.
 *
 * <p>Whatever matches is a scan, readable or not: a dangling symbolic link, an unreadable file or a folder
 * named {@code x.tif} is listed, so that it is reported as failed instead of silently missing. Hidden names
 * (starting with '.') are skipped: they are editor or OS droppings ({@code ._scan.tif}) and InnSight's own
 * temporary files. The output folder is skipped when it lies inside the input folder. A name holding a line break
 * is listed too (Java's glob would silently miss it), and refused with a reason by {@link OutputLayout}.</p>
 */
public final class InputFiles {

	/** The default glob: TIFF, NIfTI and HDF5 files at any depth. */
	public static final String DEFAULT_GLOB = "**.{tif,tiff,TIF,TIFF,nii,nii.gz,h5,hdf5}";

	/** A scan: its path and its path relative to {@code --in} with '/' separators. */
	public record Input(Path path, String relative) {}

	/** Line breaks as Java's regular expressions know them: a {@code **} glob does not match across them. */
	private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r\\u0085\\u2028\\u2029]");

	private InputFiles() {}

	/** Whether a file name or path holds a line break. */
	public static boolean hasLineBreak(final String name) {
		return LINE_BREAK.matcher(name).find();
	}

	/** A name as one line of a log: line breaks shown as {@code \n}, {@code \r} and the like (Unicode ones by their code) */
	public static String printable(final String name) {
		if (!hasLineBreak(name)) return name;
		return LINE_BREAK.matcher(name).replaceAll(m -> switch (m.group().charAt(0)) {
			case '\n' -> "\\\\n";
			case '\r' -> "\\\\r";
			default -> String.format("\\\\u%04x", (int) m.group().charAt(0));
		});
	}

	/**
	 * @param excluded a folder to leave out (the output folder), or null
	 * @param problems receives folders that could not be listed (they may hide scans)
	 */
	public static List<Input> find(final Path in, final String glob, final Path excluded, final List<String> problems) throws IOException {
		if (!Files.isDirectory(in)) throw new IOException("input folder " + in + " does not exist or is not a folder");
		final PathMatcher matcher;
		try {
			matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("bad glob \"" + glob + "\": " + e.getMessage());
		}
		final Path root = in.toRealPath();
		final Path skip = excluded != null && Files.isDirectory(excluded) ? excluded.toRealPath() : null;
		final List<Input> found = new ArrayList<>();
		Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs) throws IOException {
				if (dir.equals(root)) return FileVisitResult.CONTINUE;
				if (hidden(dir) || (skip != null && dir.toRealPath().equals(skip))) return FileVisitResult.SKIP_SUBTREE;
				final Path rel = root.relativize(dir);
				if (matches(matcher, rel)) {
					found.add(new Input(dir, slashes(rel)));
					return FileVisitResult.SKIP_SUBTREE;
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
				final Path rel = root.relativize(file);
				if (!hidden(file) && matches(matcher, rel)) found.add(new Input(file, slashes(rel)));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(final Path file, final IOException e) {
				final Path rel = root.relativize(file);
				if (hidden(file)) return FileVisitResult.CONTINUE;
				if (matches(matcher, rel)) found.add(new Input(file, slashes(rel)));
				else problems.add("could not look into " + file + ": " + e);
				return FileVisitResult.CONTINUE;
			}
		});
		found.sort(Comparator.comparing(Input::relative));
		return found;
	}

	/** The glob's answer, with line breaks in the path read as ordinary characters. */
	private static boolean matches(final PathMatcher matcher, final Path rel) {
		if (matcher.matches(rel)) return true;
		final String s = rel.toString();
		return hasLineBreak(s) && matcher.matches(rel.getFileSystem().getPath(LINE_BREAK.matcher(s).replaceAll("_")));
	}

	private static boolean hidden(final Path p) {
		final Path name = p.getFileName();
		return name != null && name.toString().startsWith(".");
	}

	private static String slashes(final Path rel) {
		return rel.toString().replace('\\', '/');
	}
}
