package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5FilesTest {

	private static final Path FILE = Fixtures.path("datasets.h5");

	@Test
	void integerDatasetsKeepTheirValuesIncludingUnsignedOnes() throws IOException {
		final NdArray u8 = Hdf5Files.read(FILE, "/images/u8");
		assertEquals("uint8", u8.dtype());
		assertArrayEquals(new int[] { 3, 4, 5 }, u8.shape());
		for (int a = 0, i = 0; a < 3; a++)
			for (int b = 0; b < 4; b++)
				for (int c = 0; c < 5; c++, i++)
					assertEquals((a * 20 + b * 5 + c) % 256, u8.get(i));
		final NdArray i16 = Hdf5Files.read(FILE, "images/i16");
		assertEquals("int16", i16.dtype());
		assertInstanceOf(short[].class, i16.data());
		assertEquals(3 * 1000 - 4 * 3000, i16.get(3 * 5 + 4));
		final NdArray u16 = Hdf5Files.read(FILE, "/images/u16");
		assertEquals("uint16", u16.dtype());
		assertEquals(65535, u16.get(0));
		assertEquals(65535 - 3 * 5 - 4, u16.get(19));
		final NdArray u32 = Hdf5Files.read(FILE, "/u32");
		assertArrayEquals(new double[] { 0, 1, 3_000_000_000.0, 4_294_967_295.0 }, u32.toDoubles());
		final NdArray i64 = Hdf5Files.read(FILE, "/i64");
		assertArrayEquals(new long[] { -10_000_000_000L, -9_999_999_999L, -9_999_999_998L, -9_999_999_997L, -9_999_999_996L,
			-9_999_999_995L }, (long[]) i64.data());
	}

	@Test
	void floatDatasetsOfAnyRankAndChunkedCompressedOnes() throws IOException {
		final NdArray f32 = Hdf5Files.readFloats(FILE, "/images/f32");
		assertArrayEquals(new int[] { 2, 3, 4, 5 }, f32.shape());
		final float[] v = (float[]) f32.data();
		for (int a = 0, i = 0; a < 2; a++)
			for (int b = 0; b < 3; b++)
				for (int c = 0; c < 4; c++)
					for (int d = 0; d < 5; d++, i++)
						assertEquals(a * 1000 + b * 100 + c * 10 + d + 0.5f, v[i]);
		final double[] f64 = Hdf5Files.readDoubles(FILE, "/f64").toDoubles();
		for (int i = 0; i < 6; i++) assertEquals(i / 7.0, f64[i]);
		final float[] chunked = Hdf5Files.readFloats(FILE, "/chunked_gzip").toFloats();
		for (int i = 0; i < 256; i++) assertEquals(i, chunked[i]);
		final NdArray asFloats = Hdf5Files.readFloats(FILE, "/images/u16");
		assertEquals("uint16", asFloats.dtype());
		assertEquals(65535f, ((float[]) asFloats.data())[0]);
	}

	@Test
	void attributesAndDatasetListing() throws IOException {
		final Map<String, Object> root = Hdf5Files.attributes(FILE, "/");
		assertEquals("InnSight io fixture", root.get("title"));
		assertEquals(3L, ((Number) root.get("version")).longValue());
		final Map<String, Object> spectral = Hdf5Files.attributes(FILE, "/spectral");
		assertEquals("cyx", spectral.get("axes"));
		assertArrayEquals(new double[] { 500, 520, 540, 560 }, (double[]) spectral.get("wavelengths_nm"));
		assertEquals(0.25, ((Number) Hdf5Files.attributes(FILE, "/images/f32").get("scale")).doubleValue());
		assertEquals(Set.of("/images/u8", "/images/i16", "/images/u16", "/images/f32", "/f64", "/i64", "/u32", "/chunked_gzip",
			"/spectral", "/names"), new HashSet<>(Hdf5Files.datasets(FILE)));
		assertTrue(Hdf5Files.exists(FILE, "/images/f32"));
		assertFalse(Hdf5Files.exists(FILE, "/images"));
	}

	@Test
	void aMissingDatasetNamesFileAndPathAndListsWhatExists() {
		final IOException e = assertThrows(IOException.class, () -> Hdf5Files.read(FILE, "/images/sO2"));
		assertTrue(e.getMessage().contains("/images/sO2") && e.getMessage().contains(FILE.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("/images/f32") && e.getMessage().contains("/spectral"), e.getMessage());
		final IOException group = assertThrows(IOException.class, () -> Hdf5Files.read(FILE, "/images"));
		assertTrue(group.getMessage().contains("group"), group.getMessage());
		final IOException strings = assertThrows(IOException.class, () -> Hdf5Files.read(FILE, "/names"));
		assertTrue(strings.getMessage().contains("not numeric"), strings.getMessage());
	}

	@Test
	void truncatedAndCorruptFilesNameTheFile(@TempDir final Path dir) throws IOException {
		final Path half = Fixtures.truncated("datasets.h5", dir, Fixtures.size("datasets.h5") / 2);
		final IOException t = assertThrows(IOException.class, () -> Hdf5Files.read(half, "/chunked_gzip"));
		assertTrue(t.getMessage().contains(half.toString()) && t.getMessage().contains("truncated or not valid HDF5"), t.getMessage());
		final Path junk = dir.resolve("junk.h5");
		Files.writeString(junk, "this is not HDF5");
		final IOException j = assertThrows(IOException.class, () -> Hdf5Files.datasets(junk));
		assertTrue(j.getMessage().contains(junk.toString()), j.getMessage());
		final IOException missing = assertThrows(IOException.class, () -> Hdf5Files.read(dir.resolve("none.h5"), "/x"));
		assertTrue(missing.getMessage().contains("none.h5"), missing.getMessage());
	}

	@Test
	void writtenDatasetsAndAttributesReadBack(@TempDir final Path dir) throws IOException {
		final Path out = dir.resolve("out.h5");
		final float[] maps = new float[2 * 3 * 4];
		for (int i = 0; i < maps.length; i++) maps[i] = i * 0.25f - 1;
		final double[] vector = { Math.PI, -Math.E };
		final int[] labels = { 1, -2, 3, 4, 5, 6 };
		try (Hdf5Writer w = Hdf5Files.create(out, List.of(FILE))) {
			w.dataset("/results/maps/sO2", NdArray.of(maps, 2, 3, 4))
				.dataset("/results/vector", NdArray.of(vector, 2))
				.dataset("labels", NdArray.of(labels, 3, 2))
				.dataset("/scalar", NdArray.of(new double[] { 42.5 }))
				.attribute("/results/maps/sO2", "unit", "%")
				.attribute("/results/maps/sO2", "range", new double[] { 0, 100 })
				.attribute("/results", "seed", 17)
				.attribute("/", "software", "InnSight");
		}
		assertEquals(0, Fixtures.hiddenFiles(dir));
		final NdArray back = Hdf5Files.read(out, "/results/maps/sO2");
		assertArrayEquals(new int[] { 2, 3, 4 }, back.shape());
		assertArrayEquals(maps, (float[]) back.data());
		assertArrayEquals(vector, Hdf5Files.read(out, "/results/vector").toDoubles());
		final NdArray l = Hdf5Files.read(out, "/labels");
		assertEquals("int32", l.dtype());
		assertArrayEquals(new int[] { 3, 2 }, l.shape());
		assertArrayEquals(labels, (int[]) l.data());
		assertArrayEquals(new int[0], Hdf5Files.read(out, "/scalar").shape());
		assertEquals(42.5, Hdf5Files.read(out, "/scalar").get(0));
		assertEquals("%", Hdf5Files.attributes(out, "/results/maps/sO2").get("unit"));
		assertArrayEquals(new double[] { 0, 100 }, (double[]) Hdf5Files.attributes(out, "/results/maps/sO2").get("range"));
		assertEquals(17, ((Number) Hdf5Files.attributes(out, "/results").get("seed")).intValue());
		assertEquals("InnSight", Hdf5Files.attributes(out, "/").get("software"));
	}

	@Test
	void writerRefusesToReplaceAnInput(@TempDir final Path dir) throws IOException {
		final Path input = dir.resolve("in.h5");
		Files.copy(FILE, input);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hdf5Files.create(input, List.of(input)));
		assertTrue(e.getMessage().contains("input"), e.getMessage());
		assertArrayEquals(Files.readAllBytes(FILE), Files.readAllBytes(input));
	}
}
