package org.innsight.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

import net.imglib2.RandomAccess;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.numeric.real.FloatType;

class ZarrArrayTest {

	@TempDir
	Path dir;

	@Test
	void float32ChunkIsStoredLittleEndianInCOrderAndReadBack() throws IOException {
		final ZarrArray a = ZarrArray.create(dir.resolve("a"), new long[] { 3, 4 }, new int[] { 2, 2 }, ZarrArray.DataType.FLOAT32, 0, 0);
		a.writeChunk(new long[] { 1, 0 }, new float[] { 1.5f, -2f, 3f, 4f });
		final byte[] raw = Files.readAllBytes(dir.resolve("a/1.0"));
		assertEquals(16, raw.length);
		assertEquals(-2f, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat(4));
		final ZarrArray b = ZarrArray.open(dir.resolve("a"));
		assertArrayEquals(new long[] { 3, 4 }, b.shape());
		assertArrayEquals(new int[] { 2, 2 }, b.chunks());
		assertArrayEquals(new long[] { 2, 2 }, b.chunkCounts());
		assertArrayEquals(new float[] { 1.5f, -2f, 3f, 4f }, b.readChunk(new long[] { 1, 0 }));
		// never written: the fill value
		assertArrayEquals(new float[] { 0, 0, 0, 0 }, b.readChunk(new long[] { 0, 1 }));
	}

	@Test
	void zlibAndIntegerTypesRoundTrip() throws IOException {
		for (final ZarrArray.DataType t : ZarrArray.DataType.values()) {
			final Path p = dir.resolve("z" + t);
			final ZarrArray a = ZarrArray.create(p, new long[] { 2, 3 }, new int[] { 2, 3 }, t, 6, 0);
			final float[] v = { 0, 1, 2, 250, 7, 100 };
			a.writeChunk(new long[] { 0, 0 }, v);
			final ZarrArray b = ZarrArray.open(p);
			assertEquals("zlib", b.compressor());
			assertEquals(t, b.dataType());
			assertArrayEquals(v, b.readChunk(new long[] { 0, 0 }), t.name());
		}
		// zlib-compressed zeros are much smaller than raw
		final ZarrArray big = ZarrArray.create(dir.resolve("big"), new long[] { 1000 }, new int[] { 1000 }, ZarrArray.DataType.FLOAT32, 1, 0);
		big.writeChunk(new long[] { 0 }, new float[1000]);
		assertTrue(Files.size(dir.resolve("big/0")) < 200);
	}

	@Test
	void readsAnArrayWrittenByZarrPython() throws IOException {
		// as zarr-python 2 writes: big-endian uint16, slash-separated chunk files, no compressor
		final Path p = dir.resolve("py");
		Files.createDirectories(p.resolve("0"));
		Files.writeString(p.resolve(".zarray"), "{\"chunks\":[1,2],\"compressor\":null,\"dimension_separator\":\"/\",\"dtype\":\">u2\"," +
			"\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"shape\":[1,2],\"zarr_format\":2}");
		Files.write(p.resolve("0/0"), new byte[] { 0x01, 0x02, (byte) 0xff, (byte) 0xff });
		assertArrayEquals(new float[] { 258, 65535 }, ZarrArray.open(p).readChunk(new long[] { 0, 0 }));
	}

	@Test
	void unsupportedOrBrokenArraysAreNamed() throws IOException {
		final Path blosc = dir.resolve("blosc");
		Files.createDirectories(blosc);
		Files.writeString(blosc.resolve(".zarray"), "{\"chunks\":[2],\"compressor\":{\"id\":\"blosc\",\"cname\":\"lz4\"},\"dtype\":\"<f4\"," +
			"\"fill_value\":0,\"filters\":null,\"order\":\"C\",\"shape\":[4],\"zarr_format\":2}");
		final IOException e1 = assertThrows(IOException.class, () -> ZarrArray.open(blosc));
		assertTrue(e1.getMessage().contains("blosc") && e1.getMessage().contains(blosc.toString()), e1.getMessage());

		final IOException e2 = assertThrows(IOException.class, () -> ZarrArray.open(dir.resolve("none")));
		assertTrue(e2.getMessage().contains(".zarray"), e2.getMessage());

		final Path bad = dir.resolve("bad");
		Files.createDirectories(bad);
		Files.writeString(bad.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[4]}");
		final IOException e3 = assertThrows(IOException.class, () -> ZarrArray.open(bad));
		assertTrue(e3.getMessage().contains(bad.toString()) && e3.getMessage().contains("shape and chunks"), e3.getMessage());

		final ZarrArray a = ZarrArray.create(dir.resolve("c"), new long[] { 4 }, new int[] { 4 }, ZarrArray.DataType.FLOAT32, 3, 0);
		Files.write(a.chunkFile(new long[] { 0 }), "not zlib".getBytes(StandardCharsets.UTF_8));
		final IOException e4 = assertThrows(IOException.class, () -> a.readChunk(new long[] { 0 }));
		assertTrue(e4.getMessage().contains("chunk file 0") && e4.getMessage().contains("corrupt"), e4.getMessage());

		final ZarrArray raw = ZarrArray.create(dir.resolve("r"), new long[] { 4 }, new int[] { 4 }, ZarrArray.DataType.FLOAT32, 0, 0);
		Files.write(raw.chunkFile(new long[] { 0 }), new byte[7]);
		final IOException e5 = assertThrows(IOException.class, () -> raw.readChunk(new long[] { 0 }));
		assertTrue(e5.getMessage().contains("7 bytes") && e5.getMessage().contains("16"), e5.getMessage());
	}

	@Test
	void omeZarrImageIsReadLazilyWithEdgeChunksCut() throws IOException {
		// a 5 x 3 x 2 (x, y, c) image in chunks 2 x 2 x 2: value = x + 10 y + 100 c
		final long[] dims = { 5, 3, 2 };
		final int[] chunk = { 2, 2, 2 };
		final JsonArray nm = new JsonArray();
		nm.add(500);
		nm.add(600);
		final ZarrArray a = OmeZarr.create(dir.resolve("img.ome.zarr"), "img", dims, "xyc", chunk, new double[] { 0.5, 0.5, 1 },
			ZarrArray.DataType.FLOAT32, 1, Map.<String, JsonElement>of("wavelengths_nm", nm));
		for (int cx = 0; cx < 3; cx++)
			for (int cy = 0; cy < 2; cy++) {
				final float[] v = new float[8];
				for (int c = 0; c < 2; c++)
					for (int y = 0; y < 2; y++)
						for (int x = 0; x < 2; x++) v[(c * 2 + y) * 2 + x] = 2 * cx + x + 10 * (2 * cy + y) + 100 * c;
				a.writeChunk(new long[] { 0, cy, cx }, v);
			}
		final OmeZarr.Image img = OmeZarr.open(dir.resolve("img.ome.zarr"));
		assertEquals("xyc", img.letters());
		assertArrayEquals(dims, img.dimensions());
		assertArrayEquals(new double[] { 0.5, 0.5, 1 }, img.scale());
		assertEquals(600, img.attributes().getAsJsonArray("wavelengths_nm").get(1).getAsDouble());
		final LazyCellImg<FloatType, FloatArray> lazy = img.lazy(2);
		final RandomAccess<FloatType> ra = lazy.randomAccess();
		for (int c = 0; c < 2; c++)
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 5; x++) {
					ra.setPosition(new long[] { x, y, c });
					assertEquals(x + 10 * y + 100 * c, ra.get().get(), 0, x + "," + y + "," + c);
				}
		// a chunk removed later: the array has fill NaN, so it reads as NaN; a corrupted one is named
		Files.write(a.chunkFile(new long[] { 0, 1, 2 }), new byte[] { 1, 2, 3 });
		final RandomAccess<FloatType> fresh = img.lazy(1).randomAccess();
		fresh.setPosition(new long[] { 4, 2, 0 });
		final UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fresh.get().get());
		assertTrue(e.getMessage().contains("0.1.2"), e.getMessage());
	}

	@Test
	void padAndCropAreInverse() {
		final float[] v = { 1, 2, 3, 4, 5, 6 };
		final float[] padded = OmeZarr.pad(v, new int[] { 3, 2 }, new int[] { 4, 3 });
		assertEquals(12, padded.length);
		assertEquals(4, padded[4]);
		assertTrue(Float.isNaN(padded[3]));
		assertArrayEquals(v, OmeZarr.crop(padded, new int[] { 4, 3 }, new int[] { 3, 2 }));
	}

	@Test
	void aTileTouchesTheChunksCountedForItsCacheAndIntegerMapsFillWithZero() throws IOException {
		// chunks 64 x 64 (x all 16 channels): a tile of 256 spans 4 chunks per axis aligned, 5 when not; a tile of 64, 1 or 2
		final ZarrArray a = OmeZarr.create(dir.resolve("c.ome.zarr"), "c", new long[] { 300, 300, 16 }, "xyc", new int[] { 64, 64, 16 }, null,
			ZarrArray.DataType.FLOAT32, 1, null);
		assertEquals(25, OmeZarr.chunksPerTile(a, 256));
		assertEquals(4, OmeZarr.chunksPerTile(a, 64));
		assertEquals(4, OmeZarr.chunksPerTile(a, 30));
		// an uint8 map (e.g. an OOD mask) has fill value 0: NaN is no uint8 value
		final ZarrArray mask = OmeZarr.create(dir.resolve("m.ome.zarr"), "m", new long[] { 3, 2 }, "xy", new int[] { 2, 2 }, null,
			ZarrArray.DataType.UINT8, 1, null);
		assertEquals(0, ZarrArray.open(mask.folder()).readChunk(new long[] { 0, 1 })[0]);
		assertTrue(Files.readString(mask.folder().resolve(ZarrArray.METADATA)).contains("\"fill_value\":0,"));
	}
}
