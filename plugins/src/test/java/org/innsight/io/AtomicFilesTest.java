package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
