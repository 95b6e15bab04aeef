package org.innsight.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File-system failures in the user's words: which file, what went wrong, what to do. Java's own exceptions often
 * carry only a path ({@code NoSuchFileException: /proc/x}) or only the system's words ({@code No space left on
 * device}); the front ends show these messages instead.
 */
public final class FileProblems {

	/** What the JDK says for a full disk (ENOSPC): Linux and macOS; Windows says the second. */
	private static final String[] DISK_FULL = { "no space left on device", "not enough space on the disk" };

	/** What the JDK says when a user's disk quota is used up (EDQUOT). */
	private static final String QUOTA = "disk quota exceeded";

	private FileProblems() {}

	/** Whether {@code e} or one of its causes says the disk is full. */
	public static boolean diskFull(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t.getMessage() != null) {
				final String m = t.getMessage().toLowerCase(Locale.ROOT);
				for (final String s : DISK_FULL)
					if (m.contains(s)) return true;
			}
		return false;
	}

	private static boolean quotaExceeded(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(QUOTA)) return true;
		return false;
	}

	/** Whether the message is already {@link #noSpace}'s. */
	private static boolean said(final Throwable e) {
		return e.getMessage() != null && e.getMessage().startsWith("no space left on device writing");
	}

	/** The message for a full disk: {@code no space left on device writing <file>; ...} ({@code detail} may be null). */
	public static String noSpace(final Path target, final String detail) {
		return "no space left on device writing " + target + (detail == null ? "" : " (" + detail + ")") +
			"; free space on that disk or write to another one";
	}

	/**
	 * An I/O failure while writing {@code target}, said plainly when it is a full disk, a used-up quota or a
	 * file-system refusal; other failures (already in words, e.g. a writer's own check) are returned unchanged.
	 */
	public static IOException writing(final Path target, final IOException e) {
		if (diskFull(e)) return said(e) ? e : new IOException(noSpace(target, null), e);
		if (quotaExceeded(e)) return new IOException("disk quota exceeded writing " + target + "; free space within your quota or write " +
			"to another disk", e);
		final Path folder = target.toAbsolutePath().normalize().getParent();
		if (e instanceof FileSystemException f && f.getFile() != null && folder != null && Path.of(f.getFile()).toAbsolutePath().normalize().startsWith(folder)) {
			if (!Files.isWritable(folder)) return new IOException(notWritable(target, folder), e);
			return new IOException("cannot write " + target + ": " + problem(f) + "; choose an output folder you can write to", e);
		}
		return e;
	}

	/**
	 * Why the folder {@code folder} (where {@code target} goes) could not be created, from the failure of
	 * {@link Files#createDirectories}: the nearest existing folder above it is named with what stands in the way.
	 */
	public static IOException cannotCreateFolder(final Path folder, final Path target, final IOException e) {
		if (diskFull(e) || quotaExceeded(e)) return writing(target, e);
		final Path existing = nearestExisting(folder.toAbsolutePath().getParent());
		final String why;
		if (existing == null) why = "no part of the path exists";
		else if (!Files.isDirectory(existing)) why = existing + " is a file, not a folder";
		else if (!Files.isWritable(existing)) why = "the folder " + existing + " is not writable (permission denied)";
		else if (Files.exists(folder) && !Files.isDirectory(folder)) why = folder + " is a file, not a folder";
		else why = "the system refused to create it in " + existing + " (" + (e instanceof FileSystemException f ? problem(f) : e.getMessage()) +
			"; a system folder such as /proc or a read-only disk?)";
		return new IOException("cannot create the folder " + folder + " for " + target + ": " + why +
			"; choose an output folder you can write to", e);
	}

	/**
	 * Refuses, before any work, an output whose folder cannot be made or written: the nearest existing folder
	 * above {@code target} must be a folder and writable. Changes nothing on disk; null is skipped. (The
	 * operating system has the last word when the file is written: a system folder may refuse even its owner.)
	 */
	public static void requireWritable(final Path target) {
		if (target == null) return;
		final Path existing = nearestExisting(target.toAbsolutePath().normalize().getParent());
		if (existing == null) return;
		if (!Files.isDirectory(existing))
			throw new IllegalArgumentException("cannot write " + target + ": " + existing + " is a file, not a folder; choose another output folder");
		if (!Files.isWritable(existing)) throw new IllegalArgumentException(notWritable(target, existing));
	}

	/** Refuses an output folder that exists as a file: "NAME FOLDER is a file; give a folder" (NAME: the option or key). */
	public static void requireFolderOrAbsent(final Path folder, final String name) {
		if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IllegalArgumentException(name + " " + folder + " is a file; give a folder");
	}

	/** "cannot write TARGET: the folder FOLDER is not writable (permission denied); ...". */
	public static String notWritable(final Path target, final Path folder) {
		return "cannot write " + target + ": the folder " + folder + " is not writable (permission denied); choose an output folder you can write to";
	}

	/** {@code path} or the nearest folder above it that exists; null if none does (or {@code path} is null). */
	private static Path nearestExisting(Path path) {
		while (path != null && !Files.exists(path))
			path = path.getParent();
		return path;
	}

	/**
	 * One line naming the file and the problem, for the file-system exceptions whose own message is a bare path;
	 * null for anything else (its message is used as it is).
	 */
	public static String describe(final Throwable e) {
		if (diskFull(e) && !said(e))
			return e instanceof FileSystemException f && f.getFile() != null ? noSpace(Path.of(f.getFile()), null)
				: "no space left on device (" + e.getMessage() + "); free space on that disk or write to another one";
		if (!(e instanceof FileSystemException f) || f.getReason() != null || f.getFile() == null) return null;
		return f.getFile() + ": " + problem(f);
	}

	/** What a file-system exception means, without its path. */
	private static String problem(final FileSystemException e) {
		if (e.getReason() != null) return e.getReason();
		if (e instanceof NoSuchFileException) return "no such file or folder";
		if (e instanceof AccessDeniedException) return "permission denied";
		if (e instanceof FileAlreadyExistsException) return "already exists";
		if (e instanceof NotDirectoryException) return "not a folder";
		if (e instanceof DirectoryNotEmptyException) return "the folder is not empty";
		return e.getClass().getSimpleName();
	}
}
