package org.innsight.dalsa.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.innsight.dalsa.DalsaClassifier;
import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.forest.ForestSettings;
import org.innsight.forest.RandomForest;
import org.innsight.forest.TrainingSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierFileTest {

	private static DalsaClassifier classifier;
	private static float[] rows;
	private static final int FEATURES = 2 * (1 + 2 * 7), QUERIES = 2000;

	@BeforeAll
	static void train() {
		final Random random = new Random(4);
		final int n = 800;
		final float[][] x = new float[FEATURES][n];
		final int[] y = new int[n];
		for (int i = 0; i < n; i++) {
			for (int f = 0; f < FEATURES; f++) x[f][i] = (float) random.nextGaussian();
			y[i] = x[0][i] + x[3][i] > 0.5 ? 2 : x[5][i] > 0 ? 1 : 0;
		}
		final float[] w = new float[n];
		for (int i = 0; i < n; i++) w[i] = 0.2f + random.nextFloat();
		final RandomForest forest = RandomForest.train(new TrainingSet(x, y, w, 3), ForestSettings.defaults().withTrees(25).withThreads(2), null);
		classifier = new DalsaClassifier(List.of("T1", "FLAIR"), new FeatureSettings(new double[] { 1, 2 }, false, 3), new int[] { 1, 2, 4 },
			List.of("healthy", "oedema", "enhancing"), forest, Map.of("seed", "1"));
		rows = new float[QUERIES * FEATURES];
		for (int i = 0; i < rows.length; i++) rows[i] = (float) random.nextGaussian();
	}

	private static float[] predict(final DalsaClassifier c) {
		final float[] p = new float[QUERIES * c.classCount()];
		c.forest().predict(rows, QUERIES, p);
		return p;
	}

	@Test
	void aSavedAndLoadedClassifierPredictsIdentically(@TempDir final Path dir) throws IOException {
		final Path file = dir.resolve("model.dalsa");
		ClassifierFile.save(classifier, file, List.of());
		final DalsaClassifier loaded = ClassifierFile.load(file);
		assertArrayEquals(predict(classifier), predict(loaded), 0f);
		assertEquals(classifier.modalities(), loaded.modalities());
		assertEquals(classifier.features(), loaded.features());
		assertArrayEquals(classifier.classLabels(), loaded.classLabels());
		assertEquals(classifier.classNames(), loaded.classNames());
		assertEquals("1", loaded.provenance().get("seed"));
		assertEquals(classifier.forest().nodeCount(), loaded.forest().nodeCount());
	}

	@Test
	void savingRefusesToOverwriteAnInput(@TempDir final Path dir) throws IOException {
		final Path input = Files.writeString(dir.resolve("t1.nii"), "scan");
		assertThrows(IllegalArgumentException.class, () -> ClassifierFile.save(classifier, input, List.of(input)));
		assertEquals("scan", Files.readString(input));
	}

	@Test
	void damagedFilesFailWithAMessageNamingFileAndProblem(@TempDir final Path dir) throws IOException {
		final Path good = dir.resolve("model.dalsa");
		ClassifierFile.save(classifier, good, List.of());
		final byte[] bytes = Files.readAllBytes(good);

		final Path flipped = dir.resolve("flipped.dalsa");
		final byte[] f = bytes.clone();
		f[f.length / 2] ^= 0x10;
		Files.write(flipped, f);
		final IOException e1 = assertThrows(IOException.class, () -> ClassifierFile.load(flipped));
		assertTrue(e1.getMessage().startsWith(flipped.toString()), e1.getMessage());

		final Path truncated = dir.resolve("truncated.dalsa");
		Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
		final IOException e2 = assertThrows(IOException.class, () -> ClassifierFile.load(truncated));
		assertTrue(e2.getMessage().contains("truncated") && e2.getMessage().contains(truncated.toString()), e2.getMessage());

		final Path text = Files.writeString(dir.resolve("text.dalsa"), "{\"not\": \"a classifier\"}");
		assertTrue(assertThrows(IOException.class, () -> ClassifierFile.load(text)).getMessage().contains("not a DALSA classifier file"));

		final Path newer = dir.resolve("newer.dalsa");
		final byte[] v = bytes.clone();
		ByteBuffer.wrap(v).putInt(8, 99);
		Files.write(newer, v);
		assertTrue(assertThrows(IOException.class, () -> ClassifierFile.load(newer)).getMessage().contains("version 99"));

		// A consistent file (checksum recomputed) with a child index pointing backwards is still rejected.
		final Path cyclic = dir.resolve("cyclic.dalsa");
		final byte[] c = bytes.clone();
		final int header = ByteBuffer.wrap(c).getInt(12);
		final int firstNode = 16 + header + 4 + 8; // tree count, then node and leaf count of tree 0
		ByteBuffer.wrap(c).putInt(firstNode + 8, 0); // root's left child := root
		final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(c, 0, c.length - 8);
		ByteBuffer.wrap(c).putLong(c.length - 8, crc.getValue());
		Files.write(cyclic, c);
		assertTrue(assertThrows(IOException.class, () -> ClassifierFile.load(cyclic)).getMessage().contains("invalid child index"));
	}
}
