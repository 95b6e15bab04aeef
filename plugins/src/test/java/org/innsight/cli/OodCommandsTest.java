package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.macro.Macros;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;

/**
 * The OOD subcommands end to end on a tiny model trained by {@code train-ood} itself (seconds, not a useful
 * detector): what they write, what they print, and their errors.
 */
class OodCommandsTest {

	@TempDir
	static Path dir;

	static Path model, idTable;

	/** Runs the CLI and returns its standard output; fails on a non-zero exit code. */
	static String run(final String... args) {
		final PrintStream old = System.out;
		final ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
		final int code;
		try {
			code = InnSightCli.run(args);
		}
		finally {
			System.setOut(old);
		}
		final String out = buf.toString(StandardCharsets.UTF_8);
		assertEquals(0, code, String.join(" ", args) + "\n" + out);
		return out;
	}

	@BeforeAll
	static void trainTinyModel() {
		idTable = dir.resolve("id.h5");
		run("--threads", "2", "simulate", "--model", "msi", "--n", "800", "--seed", "3", "--out", idTable.toString());
		model = dir.resolve("tiny-ood");
		final String out = run("--device", "cpu", "train-ood", "--table", idTable.toString(), "--members", "2", "--epochs", "2", "--blocks", "1",
			"--width", "8", "--seed", "4", "--out", model.toString());
		assertTrue(out.contains("member 2/2") && out.contains("threshold"), out);
	}

	@Test
	void trainOodRecordsTheCommandSeedDataAndThreshold() throws Exception {
		final ModelCard card = ModelFolder.load(model).card();
		assertEquals("ood-waic-ensemble", card.kind);
		assertEquals("tiny-ood", card.name);
		assertTrue(card.training.command.startsWith("innsight --device cpu train-ood --table "), card.training.command);
		assertTrue(card.training.command.endsWith("--seed 4 --out " + model), card.training.command);
		assertEquals(4L, card.training.seed);
		assertEquals(ModelFolder.sha256(idTable), card.training.dataSha256);
		assertEquals(16, card.inputs.names.size());
		assertEquals(500, card.inputs.wavelengthsNm[0], 0);
		assertEquals(2, card.details.getAsJsonArray("members").size());
		// the table's camera (msi-16band: absolute noise, no normalisation) gives the variance-stabilising map
		assertEquals("variance-stabilising", card.details.getAsJsonObject("spectrum_transform").get("kind").getAsString());
		assertEquals(0.95e-4, card.details.getAsJsonObject("spectrum_transform").get("shot_variance_per_unit").getAsDouble(), 1e-12);
		assertTrue(Double.isFinite(card.details.get("threshold").getAsDouble()));
		assertTrue(Files.isRegularFile(model.resolve("member_0.ndlist")) && Files.isRegularFile(model.resolve("member_1.ndlist")));
		// an existing folder is never replaced without --replace
		assertEquals(1, InnSightCli.run("train-ood", "--table", idTable.toString(), "--out", model.toString()));
	}

	@Test
	void simulateOodIsReproducibleBySeed() throws Exception {
		final Path a = dir.resolve("spec_a.h5"), b = dir.resolve("spec_b.h5");
		run("simulate-ood", "--kind", "specular", "--n", "300", "--seed", "8", "--out", a.toString());
		run("--threads", "1", "simulate-ood", "--kind", "specular", "--n", "300", "--seed", "8", "--out", b.toString());
		assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
		final Table t = TableFiles.read(a);
		assertEquals(300, t.rows());
		assertEquals("specular", t.header().getAsJsonObject("ood_set").get("kind").getAsString());
		assertEquals(1, InnSightCli.run("simulate-ood", "--kind", "lava", "--n", "3", "--out", dir.resolve("x.h5").toString()));
	}

	@Test
	void validateOodPrintsAurocAndFprAndWritesTheFigureAndJson() throws Exception {
		final Path ood = dir.resolve("saturated.h5");
		run("simulate-ood", "--kind", "saturated", "--n", "300", "--seed", "9", "--out", ood.toString());
		final String out = run("validate-ood", model.toString(), "--in", idTable.toString(), "--out", ood.toString());
		final Matcher m = Pattern.compile("waic\\s+([0-9.]+)\\s+([0-9.]+)").matcher(out);
		assertTrue(m.find(), out);
		final JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("saturated_validation.json"))).getAsJsonObject();
		final JsonObject waic = json.getAsJsonArray("scores").get(0).getAsJsonObject();
		assertEquals("waic", waic.get("score").getAsString());
		assertEquals(Double.parseDouble(m.group(1)), waic.get("auroc").getAsDouble(), 1e-4);
		assertEquals(Double.parseDouble(m.group(2)), waic.get("fpr_at_95_tpr").getAsDouble(), 1e-4);
		// saturated spectra (a band at full scale, far above any tissue) are separated even by this tiny model
		assertTrue(waic.get("auroc").getAsDouble() > 0.95, out);
		final byte[] png = Files.readAllBytes(dir.resolve("saturated_roc.png"));
		assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(png, 4));
		final ImagePlus figure = IJ.openImage(dir.resolve("saturated_roc.png").toString());
		assertEquals(560, figure.getWidth());
	}

	@Test
	void oodWritesScoreMaskAndSpreadOfAnImageAndScoresOfATable() throws Exception {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif"), out = dir.resolve("maps");
		final String text = run("ood", image.toString(), "--model", model.toString(), "--out", out.toString(), "--spread");
		final ImagePlus mask = IJ.openImage(out.resolve("image_ood_mask.tif").toString());
		final ImagePlus score = IJ.openImage(out.resolve("image_ood_score.tif").toString());
		final ImagePlus spread = IJ.openImage(out.resolve("image_ood_spread.tif").toString());
		assertEquals(128, mask.getWidth());
		assertEquals(32, score.getBitDepth());
		assertEquals(32, spread.getBitDepth());
		int flagged = 0;
		final double threshold = ModelFolder.load(model).card().details.get("threshold").getAsDouble();
		for (int i = 0; i < 128 * 128; i++) {
			final int v = mask.getProcessor().get(i);
			assertTrue(v == 0 || v == 255);
			assertEquals(score.getProcessor().getf(i) > threshold, v == 255, "pixel " + i);
			if (v == 255) flagged++;
		}
		assertTrue(text.contains(flagged + " of 16384 pixels"), text);

		final Path scores = dir.resolve("scores.csv");
		run("ood", "--table", idTable.toString(), "--model", model.toString(), "--out", scores.toString());
		final Table t = TableFiles.read(scores);
		assertEquals(800, t.rows());
		assertEquals(java.util.List.of("row", "ood_score", "ood_flag", "ood_spread"), t.columns());
	}

	@Test
	void aZarrInputIsStreamedIntoOmeZarrMapsEqualToTheTiffMaps() throws Exception {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif"), zarr = dir.resolve("image.ome.zarr");
		org.innsight.io.OmeZarr.writeSpectral(org.innsight.io.ImageFiles.openSpectral(image), zarr, 32);
		run("ood", image.toString(), "--model", model.toString(), "--out", dir.resolve("tif-maps").toString(), "--spread");
		final String text = run("ood", zarr.toString(), "--model", model.toString(), "--out", dir.resolve("zarr-maps").toString(), "--spread");
		assertTrue(text.contains("streamed image_ood_score.ome.zarr, image_ood_mask.ome.zarr, image_ood_spread.ome.zarr"), text);
		// a TIFF input is streamed when asked (read whole, maps written tile by tile); an HDF5 image is read tile by tile
		run("ood", image.toString(), "--model", model.toString(), "--out", dir.resolve("tif-streamed").toString(), "--spread", "--stream");
		final Path h5 = dir.resolve("image.h5");
		org.innsight.io.Hdf5Images.write(IJ.openImage(image.toString()), h5, org.innsight.io.Hdf5Images.DEFAULT_DATASET, java.util.List.of());
		run("ood", h5.toString(), "--model", model.toString(), "--out", dir.resolve("h5-streamed").toString(), "--spread", "--stream");
		int flagged = 0;
		for (final String name : java.util.List.of("ood_score", "ood_mask", "ood_spread")) {
			final ImagePlus expected = IJ.openImage(dir.resolve("tif-maps/image_" + name + ".tif").toString());
			for (final String folder : java.util.List.of("zarr-maps", "tif-streamed", "h5-streamed")) {
				final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> ra =
					org.innsight.io.OmeZarr.open(dir.resolve(folder + "/image_" + name + ".ome.zarr")).lazy(2).randomAccess();
				for (int y = 0; y < 128; y++)
					for (int x = 0; x < 128; x++) {
						ra.setPosition(new long[] { x, y });
						final float e = expected.getProcessor().getf(x, y), a = ra.get().get();
						if (Float.floatToIntBits(e) != Float.floatToIntBits(a)) assertEquals(e, a, folder + " " + name + " at " + x + "," + y);
						if (name.equals("ood_mask") && folder.equals("zarr-maps") && a == 255) flagged++;
					}
			}
		}
		assertTrue(text.contains(flagged + " of 16384 pixels"), text);
		// again without --force: refused, naming a map; a table cannot be streamed
		final CliRun again = CliRun.of("ood", zarr.toString(), "--model", model.toString(), "--out", dir.resolve("zarr-maps").toString());
		assertEquals(1, again.exit());
		assertTrue(again.err().contains("image_ood_score.ome.zarr") && again.err().contains("--force"), again.err());
		final CliRun table = CliRun.of("ood", "--table", idTable.toString(), "--model", model.toString(), "--out", dir.resolve("s.csv").toString(),
			"--stream");
		assertEquals(1, table.exit());
		assertTrue(table.err().contains("--stream applies to images"), table.err());
	}

	@Test
	void everyOodWriterRefusesAnExistingOutputUnlessForced() throws Exception {
		final Path image = Macros.repo().resolve("sample-data/msi/image.tif"), maps = dir.resolve("maps-again");
		OverwriteRuleTest.refusedThenReplaced(maps.resolve("image_ood_score.tif"), "ood", image.toString(), "--model", model.toString(), "--out",
			maps.toString());
		OverwriteRuleTest.refusedThenReplaced(dir.resolve("scores-again.csv"), "ood", "--table", idTable.toString(), "--model", model.toString(), "--out",
			dir.resolve("scores-again.csv").toString());
		final Path ood = dir.resolve("specular.h5");
		run("simulate-ood", "--kind", "specular", "--n", "100", "--seed", "9", "--out", ood.toString());
		OverwriteRuleTest.refusedThenReplaced(dir.resolve("specular_roc.png"), "validate-ood", model.toString(), "--in", idTable.toString(), "--out",
			ood.toString());
		// train-ood: a model folder is refused the same way, and --force (like the older --replace) replaces it
		final Path folder = dir.resolve("tiny-ood-again");
		Files.createDirectories(folder);
		final CliRun refused = CliRun.of("train-ood", "--table", idTable.toString(), "--out", folder.toString());
		assertEquals(1, refused.exit());
		assertEquals(java.util.List.of("innsight train-ood: error: folder " + folder + " already exists; use --force to replace it"),
			refused.err().lines().toList());
		final CliRun forced = CliRun.of("--device", "cpu", "train-ood", "--table", idTable.toString(), "--members", "1", "--epochs", "1", "--blocks", "1",
			"--width", "8", "--out", folder.toString(), "--force");
		assertEquals(0, forced.exit(), forced.err());
		assertTrue(Files.isRegularFile(folder.resolve(ModelCard.FILE_NAME)));
	}

	@Test
	void errorsEndWithExitCode1() {
		// the photoacoustic sample has other wavelengths than the model
		assertEquals(1, InnSightCli.run("ood", Macros.repo().resolve("sample-data/pai/image.tif").toString(), "--model", model.toString(), "--out",
			dir.resolve("pai").toString()));
		assertEquals(1, InnSightCli.run("ood", "--model", model.toString(), "--out", dir.resolve("none").toString()));
		assertEquals(1, InnSightCli.run("validate-ood", dir.resolve("no-such-model").toString(), "--in", idTable.toString(), "--out", idTable.toString()));
	}
}
