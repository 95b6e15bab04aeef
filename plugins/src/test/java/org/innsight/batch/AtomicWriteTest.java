package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.innsight.io.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write never leaves a partial file under the target's name, and keeps what was there. */
class AtomicWriteTest {

	@TempDir
	Path tmp;

	private List<String> names() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void writesTheContentAndReturnsItsChecksum() throws IOException {
		final Path target = tmp.resolve("a.tif");
		final String sha = AtomicWrite.write(target, out -> out.write(new byte[] { 1, 2, 3 }));
		assertEquals(Checksums.sha256(new byte[] { 1, 2, 3 }), sha);
		assertEquals(Checksums.sha256(target), sha);
		assertEquals(List.of("a.tif"), names());
	}

	@Test
	void aWriteThatFailsHalfwayLeavesNothingUnderTheName() throws IOException {
		final Path target = tmp.resolve("a.tif");
		final IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(target, out -> {
			out.write(new byte[100_000]);
			throw new IOException("disk full");
		}));
		assertEquals("disk full", e.getMessage());
		assertEquals(List.of(), names());
	}

	@Test
	void aWriteThatFailsKeepsTheOldFile() throws IOException {
		final Path target = tmp.resolve("a.tif");
		Files.writeString(target, "old");
		assertThrows(IllegalStateException.class, () -> AtomicWrite.write(target, out -> {
			out.write("new, but only ha".getBytes());
			throw new IllegalStateException("crash");
		}));
		assertEquals("old", Files.readString(target));
		assertEquals(List.of("a.tif"), names());
		AtomicWrite.write(target, out -> out.write("new".getBytes()));
		assertEquals("new", Files.readString(target));
	}

	@Test
	void staleTemporariesOfOneTargetAreRemovedAndOthersKept() throws IOException {
		final String mine = ".a.tif.123456789abc.tmp", longerName = ".a.tif.x.tif.123456789abc.tmp", other = ".b.tif.f00.tmp";
		for (final String n : List.of(mine, longerName, other, "a.tif"))
			Files.writeString(tmp.resolve(n), "x");
		AtomicWrite.removeStale(tmp.resolve("a.tif"));
		assertEquals(List.of(".a.tif.x.tif.123456789abc.tmp", ".b.tif.f00.tmp", "a.tif"), names());
		assertTrue(AtomicWrite.isTemporary(other));
		assertFalse(AtomicWrite.isTemporary("a.tif"));
		assertFalse(AtomicWrite.isTemporary("scan.tmp"));
	}
}
