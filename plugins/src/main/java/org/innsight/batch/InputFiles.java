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

/**
 * Finds the scans of a batch: every path under {@code --in} whose path relative to {@code --in} matches a glob
 * ({@code **.tif} = any depth, {@code *.tif} = top folder only), sorted by relative path.
 *
 * <p>Whatever matches is a scan, readable or not: a dangling symbolic link, an unreadable file or a folder
 * named {@code x.tif} is listed, so that it is reported as failed instead of silently missing. Hidden names
 * (starting with '.') are skipped: they are editor or OS droppings ({@code ._scan.tif}) and InnSight's own
 * temporary files. The output folder is skipped when it lies inside the input folder.</p>
 */
public final class InputFiles {

	/** The default glob: TIFF, NIfTI and HDF5 files at any depth. */
	public static final String DEFAULT_GLOB = "**.{tif,tiff,TIF,TIFF,nii,nii.gz,h5,hdf5}";

	/** A scan: its path and its path relative to {@code --in} with '/' separators. */
	public record Input(Path path, String relative) {}

	private InputFiles() {}

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
				if (matcher.matches(rel)) {
					found.add(new Input(dir, slashes(rel)));
					return FileVisitResult.SKIP_SUBTREE;
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) {
				final Path rel = root.relativize(file);
				if (!hidden(file) && matcher.matches(rel)) found.add(new Input(file, slashes(rel)));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(final Path file, final IOException e) {
				final Path rel = root.relativize(file);
				if (hidden(file)) return FileVisitResult.CONTINUE;
				if (matcher.matches(rel)) found.add(new Input(file, slashes(rel)));
				else problems.add("could not look into " + file + ": " + e);
				return FileVisitResult.CONTINUE;
			}
		});
		found.sort(Comparator.comparing(Input::relative));
		return found;
	}

	private static boolean hidden(final Path p) {
		final Path name = p.getFileName();
		return name != null && name.toString().startsWith(".");
	}

	private static String slashes(final Path rel) {
		return rel.toString().replace('\\', '/');
	}
}
