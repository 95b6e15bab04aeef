package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' HDF5 files: simpa_like.h5 is made by make_table_fixtures.py beside it (h5py). */
class TableHdf5Test {

	@TempDir
	Path dir;
	Path file;

	@BeforeEach
	void copyFixture() throws IOException {
		file = dir.resolve("simpa_like.h5");
		try (InputStream in = getClass().getResourceAsStream("simpa_like.h5")) {
			Files.copy(in, file);
		}
	}

	@Test
	void simpaStyleWavelengthGroupsBecomeBandColumns() throws IOException {
		final TableMapping m = TableMapping.of("sO2=/simulations/simulation_properties/oxy/700",
			"band_*=/simulations/optical_forward_model_output/initial_pressure");
		final Table t = TableFiles.read(file, m);
		assertEquals(List.of("sO2", "band_0", "band_1", "band_2"), t.columns());
		assertEquals(20, t.rows());
		assertEquals(19f / 20, t.column("sO2")[19], 1e-7);
		// children 700, 750, 800 in numeric order; voxel value + wavelength
		assertEquals(700 + 5, t.column("band_0")[5]);
		assertEquals(800 + 5, t.column("band_2")[5]);
	}

	@Test
	void twoDimensionalDatasetsExpandIntoColumnsAndJsonMappingsWork() throws IOException {
		final Path json = dir.resolve("mapping.json");
		Files.writeString(json, "{\"sO2\": \"/tables/oxy\", \"band_*\": \"/tables/spectra\"}");
		final Table t = TableFiles.read(file, TableMapping.fromJson(json));
		assertEquals(List.of("sO2", "band_0", "band_1", "band_2"), t.columns());
		assertEquals(4f + 2, t.column("band_2")[4]);
		assertEquals(1f, t.column("sO2")[19]);
	}

	@Test
	void withoutAMappingEveryDatasetBecomesColumnsAndBrokenOnesAreNamed() {
		final IOException e = assertThrows(IOException.class, () -> TableFiles.read(file));
		// bad/short has 19 rows and bad/with_nan a NaN: both are reported with the file name.
		assertTrue(e.getMessage().contains("simpa_like.h5") && e.getMessage().contains("/bad/with_nan"), e.getMessage());
	}

	@Test
	void nanMissingAndMisshapenDatasetsGiveClearErrors() {
		IOException e = assertThrows(IOException.class, () -> TableFiles.read(file, TableMapping.of("x=/bad/with_nan")));
		assertTrue(e.getMessage().contains("simpa_like.h5") && e.getMessage().contains("/bad/with_nan") && e.getMessage().contains("row 7"), e.getMessage());

		e = assertThrows(IOException.class, () -> TableFiles.read(file, TableMapping.of("sO2=/tables/oxy", "y=/bad/short")));
		assertTrue(e.getMessage().contains("/bad/short") && e.getMessage().contains("19") && e.getMessage().contains("20"), e.getMessage());

		e = assertThrows(IOException.class, () -> TableFiles.read(file, TableMapping.of("sO2=/tables/nothing")));
		assertTrue(e.getMessage().contains("/tables/nothing") && e.getMessage().contains("sO2"), e.getMessage());

		e = assertThrows(IOException.class, () -> TableFiles.read(file, TableMapping.of("band_*=/tables/oxy")));
		assertTrue(e.getMessage().contains("/tables/oxy") && e.getMessage().contains("2D"), e.getMessage());

		e = assertThrows(IOException.class, () -> TableFiles.read(file, TableMapping.of("p=/simulations/simulation_properties/oxy")));
		assertTrue(e.getMessage().contains("group"), e.getMessage());
	}

	@Test
	void integerDatasetsAreReadAsNumbers() throws IOException {
		final Table t = TableFiles.read(file, TableMapping.of("count=/tables/count"));
		assertArrayEquals(new float[] { 0, 1, 2 }, java.util.Arrays.copyOf(t.column("count"), 3));
	}

	@Test
	void mappingSyntaxErrorsAreExplained() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableMapping.of("sO2"));
		assertTrue(e.getMessage().contains("column=/dataset/path"));
	}
}
