package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.innsight.optics.CameraJson;
import org.innsight.optics.LayeredTissueModel;
import org.innsight.optics.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFilesTest {

	@TempDir
	Path dir;

	private static Table simulated(final long seed, final int threads) throws IOException {
		return Simulator.simulate(LayeredTissueModel.fast(3), CameraJson.load("msi-16band"), 600, seed, threads, null);
	}

	@Test
	void sameSeedGivesByteIdenticalCsvAndHdf5Files() throws IOException {
		for (final String ext : new String[] { "csv", "h5" }) {
			final Path a = dir.resolve("a." + ext), b = dir.resolve("b." + ext), c = dir.resolve("c." + ext);
			TableFiles.write(simulated(7, 1), a);
			TableFiles.write(simulated(7, 2), b);
			TableFiles.write(simulated(8, 2), c);
			assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), ext + " files differ for the same seed");
			assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), ext + ": another seed gave the same file");
		}
	}

	@Test
	void csvAndHdf5RoundTripColumnsValuesAndHeader() throws IOException {
		final Table t = simulated(3, 2);
		for (final String ext : new String[] { "csv", "h5" }) {
			final Path f = dir.resolve("t." + ext);
			TableFiles.write(t, f);
			final Table back = TableFiles.read(f);
			assertEquals(t.columns(), back.columns(), ext);
			for (final String c : t.columns()) assertArrayEquals(t.column(c), back.column(c), ext + " " + c);
			assertEquals(3, back.header().get("seed").getAsLong());
			assertEquals("msi", back.header().get("model").getAsString());
			assertEquals(600, back.header().get("count").getAsInt());
		}
	}

	@Test
	void globsSelectObservationColumnsInOrder() throws IOException {
		final Table t = simulated(1, 1);
		final List<String> bands = t.match("band_*");
		assertEquals(16, bands.size());
		assertEquals("band_00", bands.get(0));
		assertEquals("band_15", bands.get(15));
		assertEquals(List.of("sO2", "vHb_1"), t.match("sO2, vHb_1"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.match("oxy*"));
		assertTrue(e.getMessage().contains("oxy*"));
	}

	@Test
	void usersCsvWithSemicolonsAndQuotesIsRead() throws IOException {
		final Path f = dir.resolve("user.csv");
		Files.writeString(f, "# measured somewhere\n\"sO2\";\"band_a\"\n0.5;1e-3\n0.25;2\n");
		final Table t = TableFiles.read(f);
		assertEquals(List.of("sO2", "band_a"), t.columns());
		assertArrayEquals(new float[] { 0.5f, 0.25f }, t.column("sO2"));
		assertEquals(0, t.header().size());
	}

	@Test
	void brokenCsvTablesNameTheFileLineAndColumn() throws IOException {
		final Path nan = dir.resolve("nan.csv");
		Files.writeString(nan, "sO2,band_0\n0.5,0.1\n0.6,NaN\n");
		IOException e = assertThrows(IOException.class, () -> TableFiles.read(nan));
		assertTrue(e.getMessage().contains("nan.csv") && e.getMessage().contains("line 3") && e.getMessage().contains("band_0"), e.getMessage());

		final Path shortRow = dir.resolve("short.csv");
		Files.writeString(shortRow, "sO2,band_0,band_1\n0.5,0.1\n");
		e = assertThrows(IOException.class, () -> TableFiles.read(shortRow));
		assertTrue(e.getMessage().contains("short.csv") && e.getMessage().contains("line 2") && e.getMessage().contains("3 columns"), e.getMessage());

		final Path text = dir.resolve("text.csv");
		Files.writeString(text, "sO2,band_0\n0.5,high\n");
		e = assertThrows(IOException.class, () -> TableFiles.read(text));
		assertTrue(e.getMessage().contains("'band_0'") && e.getMessage().contains("high"), e.getMessage());

		final Path ok = dir.resolve("ok.csv");
		Files.writeString(ok, "sO2,band_0\n0.5,0.1\n");
		final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TableFiles.read(ok).column("vHb_1"));
		assertTrue(missing.getMessage().contains("ok.csv") && missing.getMessage().contains("vHb_1"), missing.getMessage());
	}

	@Test
	void writesAreAtomicAndNeverLeaveTemporaryFiles() throws IOException {
		final Path f = dir.resolve("sub/t.csv");
		TableFiles.write(simulated(1, 1), f);
		try (var s = Files.list(f.getParent())) {
			assertEquals(List.of(f), s.toList());
		}
		assertThrows(IOException.class, () -> TableFiles.write(simulated(1, 1), dir.resolve("t.xlsx")));
	}
}
