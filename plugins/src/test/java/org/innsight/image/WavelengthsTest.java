package org.innsight.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavelengthsTest {

	@Test
	void labelsNameWavelengthsInSeveralSpellings() {
		assertEquals(520, Wavelengths.parseLabel("520nm"));
		assertEquals(520, Wavelengths.parseLabel("520 nm"));
		assertEquals(520.5, Wavelengths.parseLabel("Band 3: 520.5 NM\nexposure 10 ms"));
		assertTrue(Double.isNaN(Wavelengths.parseLabel("channel 1")));
		assertTrue(Double.isNaN(Wavelengths.parseLabel("520nmx")));
		assertTrue(Double.isNaN(Wavelengths.parseLabel(null)));
		assertNull(Wavelengths.fromLabels(Arrays.asList("500nm", null)));
	}

	@Test
	void listsParseWithCommasSpacesAndUnits() {
		assertArrayEquals(new double[] { 520, 540, 560.5 }, Wavelengths.parseList("520,540, 560.5"));
		assertArrayEquals(new double[] { 520, 540 }, Wavelengths.parseList("520nm; 540 nm"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wavelengths.parseList("520, green"));
		assertTrue(e.getMessage().contains("'green'"), e.getMessage());
	}

	@Test
	void sidecarSitsBesideTheImageWithoutItsExtension(@TempDir final Path dir) throws IOException {
		assertEquals(dir.resolve("a.json"), Wavelengths.sidecarFor(dir.resolve("a.nii.gz")));
		assertEquals(dir.resolve("a.b.json"), Wavelengths.sidecarFor(dir.resolve("a.b.tif")));
		assertNull(Wavelengths.fromSidecar(dir.resolve("none.tif")));
		Files.writeString(dir.resolve("x.json"), Wavelengths.sidecarJson(new double[] { 450, 470.5 }));
		assertArrayEquals(new double[] { 450, 470.5 }, Wavelengths.fromSidecar(dir.resolve("x.h5")));
		Files.writeString(dir.resolve("bad.json"), "{\"wavelengths_nm\": [450, \"blue\"]}");
		final IOException e = assertThrows(IOException.class, () -> Wavelengths.fromSidecar(dir.resolve("bad.tif")));
		assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("entry 1"), e.getMessage());
	}

	@Test
	void formatAndLabelWriteWholeNumbersWithoutDecimals() {
		assertEquals("520, 540.5", Wavelengths.format(new double[] { 520, 540.5 }));
		assertEquals("520nm", Wavelengths.label(520));
	}
}
