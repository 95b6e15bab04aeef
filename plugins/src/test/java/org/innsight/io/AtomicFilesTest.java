package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	@Test
	void writesReplacesAndCreatesFolders(@TempDir final Path dir) throws IOException {
		final Path target = dir.resolve("a/b/result.txt");
		AtomicFiles.writeBytes(target, List.of(), "first".getBytes());
		assertEquals("first", Files.readString(target));
		AtomicFiles.writeBytes(target, List.of(), "second".getBytes());
		assertEquals("second", Files.readString(target));
		assertEquals(0, Fixtures.hiddenFiles(target.getParent()));
	}

	@Test
	void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir final Path dir) throws IOException {
		final Path target = dir.resolve("result.txt");
		Files.writeString(target, "old");
		final IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, temporary -> {
			Files.writeString(temporary, "half of the ne");
			throw new IOException("disk full");
		}));
		assertEquals("disk full", e.getMessage());
		assertEquals("old", Files.readString(target));
		assertEquals(0, Fixtures.hiddenFiles(dir));
	}

	@Test
	void theTemporaryFileIsInTheTargetFolder(@TempDir final Path dir) throws IOException {
		final Path target = dir.resolve("x.bin");
		AtomicFiles.write(target, temporary -> {
			assertEquals(dir.toAbsolutePath(), temporary.getParent());
			assertTrue(temporary.getFileName().toString().startsWith(".x.bin."));
			Files.write(temporary, new byte[] { 1, 2, 3 });
		});
		assertEquals(3, Files.size(target));
	}

	@Test
	void inputsAreNeverOverwrittenWhateverThePathSpelling(@TempDir final Path dir) throws IOException {
		final Path input = dir.resolve("scan.tif");
		Files.writeString(input, "precious");
		final Path link = dir.resolve("link.tif");
		Files.createSymbolicLink(link, input);
		for (final Path spelling : List.of(input, dir.resolve("./other/../scan.tif"), link)) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> AtomicFiles.writeBytes(spelling, List.of(input), "oops".getBytes()));
			assertTrue(e.getMessage().contains("input file"), e.getMessage());
		}
		assertEquals("precious", Files.readString(input));
		AtomicFiles.writeBytes(dir.resolve("scan-out.tif"), List.of(input), "fine".getBytes());
	}

	@Test
	void aFullDiskIsNamedAsSuchWithTheFileAndNothingIsLeft(@TempDir final Path dir) throws IOException {
		final Path target = dir.resolve("maps/sO2_median.tif");
		Files.createDirectories(target.getParent());
		Files.writeString(target, "old");
		// the JDK's message for ENOSPC, from the stream a writer writes to
		final IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeStream(target, List.of(), out -> {
			out.write(new byte[1000]);
			throw new IOException("No space left on device");
		}));
		assertEquals("no space left on device writing " + target + "; free space on that disk or write to another one", e.getMessage());
		assertEquals("old", Files.readString(target));
		assertEquals(0, Fixtures.hiddenFiles(target.getParent()));
		// a library that wraps it (HDF5) or hides it in a runtime exception: the same words
		final IOException wrapped = assertThrows(IOException.class, () -> AtomicFiles.write(target, temporary -> {
			throw new java.io.UncheckedIOException(new IOException("No space left on device"));
		}));
		assertEquals("no space left on device writing " + target + "; free space on that disk or write to another one", wrapped.getMessage());
		final IOException quota = assertThrows(IOException.class, () -> AtomicFiles.write(target, temporary -> {
			throw new java.nio.file.FileSystemException(temporary.toString(), null, "Disk quota exceeded");
		}));
		assertTrue(quota.getMessage().startsWith("disk quota exceeded writing " + target + "; "), quota.getMessage());
	}

	@Test
	void anOutputFolderThatCannotBeMadeSaysWhyAndWhatToDo(@TempDir final Path dir) throws IOException {
		final Path file = dir.resolve("results");
		Files.writeString(file, "a file where a folder is wanted");
		final Path target = file.resolve("maps/x.tif");
		assertEquals("cannot create the folder " + target.getParent() + " for " + target + ": " + file + " is a file, not a folder; choose " +
			"an output folder you can write to", assertThrows(IOException.class, () -> AtomicFiles.writeBytes(target, List.of(), new byte[1]))
				.getMessage());
		assertEquals("cannot write " + target + ": " + file + " is a file, not a folder; choose another output folder",
			assertThrows(IllegalArgumentException.class, () -> FileProblems.requireWritable(target)).getMessage());
	}

	@Test
	void aSystemFolderThatRefusesIsNamed() {
		final Path proc = Path.of("/proc");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "Linux /proc");
		final Path target = proc.resolve("innsight-test/out/x.csv");
		final String m = assertThrows(IOException.class, () -> AtomicFiles.writeBytes(target, List.of(), new byte[1])).getMessage();
		// as root /proc refuses with "no such file", as a user with "permission denied"; either way the folder is named
		assertTrue(m.startsWith("cannot create the folder " + target.getParent() + " for " + target + ": ") && m.contains("/proc") &&
			m.endsWith("; choose an output folder you can write to"), m);
		assertFalse(Files.exists(proc.resolve("innsight-test")));
	}

	@Test
	void bareFileSystemExceptionsAreSaidAsFileAndProblem() {
		assertEquals("/data/x.tif: no such file or folder", FileProblems.describe(new java.nio.file.NoSuchFileException("/data/x.tif")));
		assertEquals("/data: permission denied", FileProblems.describe(new java.nio.file.AccessDeniedException("/data")));
		assertEquals(null, FileProblems.describe(new java.nio.file.NoSuchFileException("/m", null, "no such model folder")),
			"a message in words is kept as it is");
		assertEquals(null, FileProblems.describe(new IOException("something else")));
	}
}
