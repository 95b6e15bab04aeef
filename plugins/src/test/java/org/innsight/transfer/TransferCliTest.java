package org.innsight.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.cli.CliRun;
import org.innsight.cli.InnSightCli;
import org.innsight.engine.Device;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-transfer, transfer and validate-transfer: what they write, and one-line errors for what users get wrong. */
class TransferCliTest {

	private static CliRun cli(final String... args) {
		return CliRun.of(args);
	}

	private static Path table(final Path dir, final String name, final Spectra s, final float[] so2) throws Exception {
		final int b = s.bands();
		final float[][] cols = new float[b + 1][s.rows()];
		final List<String> names = new java.util.ArrayList<>(List.of("sO2"));
		for (int j = 0; j < b; j++) names.add("band_" + j);
		for (int r = 0; r < s.rows(); r++) {
			cols[0][r] = so2[r];
			for (int j = 0; j < b; j++) cols[j + 1][r] = s.values()[r * b + j];
		}
		final Path f = dir.resolve(name);
		TableFiles.write(new Table(names, cols, null, name), f);
		return f;
	}

	private static float[] ramp(final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (i % 100) / 100f;
		return v;
	}

	@Test
	void trainTransferWritesAModelWithItsCommandAndReadmeAndValidateTransferPrintsTheFigures(@TempDir final Path dir) throws Exception {
		final Path src = table(dir, "sim.csv", TinyTransfer.source(400, 41), ramp(400));
		final Path tgt = table(dir, "real.csv", TinyTransfer.target(400, 42), ramp(400));
		final Path model = dir.resolve("m");
		final CliRun r = trainTiny(src, tgt, model);
		assertTrue(r.out().contains("epoch   2"), r.out());
		final ModelCard card = ModelFolder.load(model).card();
		assertEquals(TransferModel.KIND, card.kind);
		assertEquals(5L, card.training.seed);
		assertTrue(card.training.command.startsWith("innsight --device cpu train-transfer --source " + src), card.training.command);
		assertTrue(Files.readString(model.resolve("README.md")).contains(card.training.command));
		assertEquals(2, card.validation.get("epochs").getAsInt());
		try (TransferModel m = TransferModel.load(model, Device.CPU)) {
			for (int d = 0; d < 2; d++) { // each domain's training range, L2-normalised as the model takes its spectra
				final InputRange range = m.inputRange(d);
				assertEquals("l2", range.normalisation);
				assertEquals(400, range.rows);
				for (int j = 0; j < 4; j++) assertTrue(range.min[j] >= -1 && range.max[j] <= 1 && range.q001[j] <= range.q999[j]);
			}
		}

		final CliRun v = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), "--source", src.toString(), "--target",
			tgt.toString(), "--trees", "5", "--mmd-rows", "100");
		assertEquals(0, v.exit(), v.err());
		assertTrue(v.out().contains("round trip source->target->source: max |error|"), v.out());
		assertTrue(v.out().contains("trained on target (upper bound)"), v.out());

		// --seeds: one line per seed (the same figures as a single run with that seed), then mean and 95% t-interval
		final CliRun seeds = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), "--source", src.toString(), "--target",
			tgt.toString(), "--trees", "5", "--mmd-rows", "100", "--seeds", "1,2,3");
		assertEquals(0, seeds.exit(), seeds.err());
		assertTrue(seeds.out().contains("over 3 seeds (mean, 95% t-interval):"), seeds.out());
		assertTrue(seeds.out().contains("transferred - standardised"), seeds.out());
		final CliRun two = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), "--source", src.toString(), "--target",
			tgt.toString(), "--trees", "5", "--mmd-rows", "100", "--seed", "2");
		final String accuracy = two.out().lines().filter(l -> l.contains("trained on transferred source")).findFirst().orElseThrow()
			.replaceAll(".*source\\s+(\\S+).*", "$1");
		final String seedTwo = seeds.out().lines().filter(l -> l.startsWith("   2  ")).findFirst().orElseThrow();
		assertTrue(seedTwo.contains(" " + accuracy + " "), seedTwo + " vs " + accuracy);
		final CliRun wrong = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), model.toString(), "--source", src.toString(),
			"--target", tgt.toString(), "--seeds", "1,2,3");
		assertEquals(1, wrong.exit());
		assertTrue(wrong.err().contains("2 models for 3 seeds"), wrong.err());
		// --ensemble K: K models per run, listed consecutively
		final CliRun ens = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), model.toString(), "--source", src.toString(),
			"--target", tgt.toString(), "--trees", "5", "--mmd-rows", "100", "--ensemble", "2");
		assertEquals(0, ens.exit(), ens.err());
		assertTrue(ens.out().contains("every source row transferred by each of 2 models"), ens.out());
		final CliRun ensWrong = cli("--device", "cpu", "validate-transfer", "--model", model.toString(), model.toString(), model.toString(), "--source",
			src.toString(), "--target", tgt.toString(), "--ensemble", "2", "--seeds", "1,2");
		assertEquals(1, ensWrong.exit());
		assertTrue(ensWrong.err().contains("3 models for 2 seeds and --ensemble 2; give 2, or 2 per seed (4)"), ensWrong.err());

		final Path out = dir.resolve("sim_as_real.csv");
		final CliRun t = cli("--device", "cpu", "transfer", "--model", model.toString(), "--input", src.toString(), "--out", out.toString());
		assertEquals(0, t.exit(), t.err());
		final Table transferred = TableFiles.read(out);
		assertArrayEquals(TableFiles.read(src).column("sO2"), transferred.column("sO2"));
		assertFalse(java.util.Arrays.equals(TableFiles.read(src).column("band_0"), transferred.column("band_0")));

		// an ensemble (the same model twice here): every row transferred by each model, stacked, with the model's index
		final Path stacked = dir.resolve("sim_as_real_ensemble.csv");
		final CliRun e = cli("--device", "cpu", "transfer", "--model", model.toString(), model.toString(), "--input", src.toString(), "--out",
			stacked.toString());
		assertEquals(0, e.exit(), e.err());
		final Table both = TableFiles.read(stacked);
		final int n = transferred.rows();
		assertEquals(2 * n, both.rows());
		final float[] which = both.column(DomainTransfer.ENSEMBLE_COLUMN), band0 = both.column("band_0");
		for (int row = 0; row < n; row++) {
			assertEquals(0f, which[row]);
			assertEquals(1f, which[n + row]);
			assertEquals(transferred.column("band_0")[row], band0[row]);
			assertEquals(transferred.column("band_0")[row], band0[n + row]);
		}
		final Path image = dir.resolve("img.tif");
		java.nio.file.Files.writeString(image, "not read");
		final CliRun refused = cli("--device", "cpu", "transfer", "--model", model.toString(), model.toString(), "--input", image.toString(), "--out",
			dir.resolve("img-out.tif").toString());
		assertEquals(1, refused.exit());
		assertTrue(refused.err().contains("2 models make an ensemble, which transfers tables only; " + image + " is an image"), refused.err());
	}

	@Test
	void anImageIsStreamedIntoOmeZarrEqualToTheTiff(@TempDir final Path dir) throws Exception {
		// 140 x 9 pixels of the tiny source domain: two tiles of 128 in x
		final Spectra s = TinyTransfer.source(140 * 9, 5);
		final net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.real.FloatType, ?> img = net.imglib2.img.array.ArrayImgs.floats(140, 9, 4);
		final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> ra = img.randomAccess();
		for (int p = 0; p < 140 * 9; p++)
			for (int c = 0; c < 4; c++) {
				ra.setPosition(new long[] { p % 140, p / 140, c });
				ra.get().set(s.values()[p * 4 + c]);
			}
		final org.innsight.image.SpectralImage spectral = new org.innsight.image.SpectralImage("sim", img, null, TinyTransfer.SOURCE_NM);
		final Path tif = dir.resolve("sim.tif"), zarr = dir.resolve("sim.ome.zarr");
		org.innsight.io.ImageFiles.save(spectral.toImagePlus(), tif, List.of());
		org.innsight.io.OmeZarr.writeSpectral(spectral, zarr, 16);
		final String model = TinyTransfer.folder().toString();
		final CliRun whole = cli("--device", "cpu", "transfer", "--model", model, "--input", tif.toString(), "--out", dir.resolve("real.tif").toString());
		assertEquals(0, whole.exit(), whole.err());
		// a .zarr input is streamed, and so is a .zarr output of a TIFF
		final CliRun streamed = cli("--device", "cpu", "transfer", "--model", model, "--input", zarr.toString(), "--out",
			dir.resolve("real.ome.zarr").toString());
		assertEquals(0, streamed.exit(), streamed.err());
		assertTrue(streamed.out().contains("streamed 140x9x4 image to"), streamed.out());
		final CliRun fromTif = cli("--device", "cpu", "transfer", "--model", model, "--input", tif.toString(), "--out",
			dir.resolve("real2.ome.zarr").toString());
		assertEquals(0, fromTif.exit(), fromTif.err());
		final ij.ImagePlus expected = ij.IJ.openImage(dir.resolve("real.tif").toString());
		for (final String out : List.of("real.ome.zarr", "real2.ome.zarr")) {
			final org.innsight.image.SpectralImage back = org.innsight.io.OmeZarr.openSpectral(dir.resolve(out), 2);
			assertArrayEquals(TinyTransfer.TARGET_NM, back.wavelengthsNm());
			final net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> a = back.image().randomAccess();
			for (int c = 0; c < 4; c++) {
				final float[] plane = (float[]) expected.getStack().getPixels(c + 1);
				for (int y = 0; y < 9; y++)
					for (int x = 0; x < 140; x++) {
						a.setPosition(new long[] { x, y, c });
						assertEquals(plane[y * 140 + x], a.get().get(), 0, out + " band " + c + " at " + x + "," + y);
					}
			}
		}
		// refused: a streamed image to a TIFF, an OME-Zarr output without streaming, a streamed table, an existing output
		final CliRun toTif = cli("transfer", "--model", model, "--input", zarr.toString(), "--out", dir.resolve("x.tif").toString());
		assertEquals(1, toTif.exit());
		assertTrue(toTif.err().contains("a streamed image is written as OME-Zarr"), toTif.err());
		final CliRun noStream = cli("transfer", "--model", model, "--input", tif.toString(), "--out", dir.resolve("y.ome.zarr").toString(), "--no-stream");
		assertEquals(1, noStream.exit());
		assertTrue(noStream.err().contains("written only when streaming"), noStream.err());
		final Path table = table(dir, "sim.csv", TinyTransfer.source(20, 1), ramp(20));
		final CliRun streamedTable = cli("transfer", "--model", model, "--input", table.toString(), "--out", dir.resolve("t.csv").toString(), "--stream");
		assertEquals(1, streamedTable.exit());
		assertTrue(streamedTable.err().contains("--stream applies to images"), streamedTable.err());
		final CliRun again = cli("transfer", "--model", model, "--input", zarr.toString(), "--out", dir.resolve("real.ome.zarr").toString());
		assertEquals(1, again.exit());
		assertTrue(again.err().contains("--force"), again.err());
	}

	@Test
	void transferRefusesAnExistingOutputUnlessForced(@TempDir final Path dir) throws Exception {
		final Path in = table(dir, "sim.csv", TinyTransfer.source(20, 1), ramp(20)), out = dir.resolve("out.csv");
		org.innsight.cli.OverwriteRuleTest.refusedThenReplaced(out, "--device", "cpu", "transfer", "--model", TinyTransfer.folder().toString(), "--input",
			in.toString(), "--out", out.toString());
	}

	@Test
	void domainsWithDifferentBandCountsAreAOneLineError(@TempDir final Path dir) throws Exception {
		final Path src = table(dir, "sim.csv", TinyTransfer.source(20, 1), ramp(20));
		final Spectra three = new Spectra(java.util.Arrays.copyOf(TinyTransfer.target(20, 2).values(), 60), 3, null, "x");
		final Path tgt = table(dir, "real3.csv", three, ramp(20));
		final CliRun r = cli("--device", "cpu", "train-transfer", "--source", src.toString(), "--target", tgt.toString(), "--out",
			dir.resolve("m").toString());
		assertEquals(1, r.exit());
		assertEquals(List.of("innsight train-transfer: error: the domains have different band counts: 4 in " + src + ", 3 in " + tgt +
			"; the transfer maps spectra of equal length"), r.err().lines().toList());
		assertFalse(Files.exists(dir.resolve("m")));
	}

	@Test
	void aTableWithTheWrongBandCountForTheModelIsAOneLineError(@TempDir final Path dir) throws Exception {
		final Spectra three = new Spectra(new float[] { 1, 2, 3, 4, 5, 6 }, 3, null, "x");
		final Path in = table(dir, "three.csv", three, new float[] { 0.1f, 0.2f });
		final CliRun r = cli("--device", "cpu", "transfer", "--model", TinyTransfer.folder().toString(), "--input", in.toString(), "--out",
			dir.resolve("out.csv").toString());
		assertEquals(1, r.exit());
		assertEquals(List.of("innsight transfer: error: " + in + " has 3 bands, but the transfer model expects 4 bands"), r.err().lines().toList());
		assertFalse(Files.exists(dir.resolve("out.csv")));
	}

	@Test
	void missingFilesAndModelsAreOneLineErrors(@TempDir final Path dir) throws Exception {
		final Path src = table(dir, "sim.csv", TinyTransfer.source(20, 1), ramp(20));
		final CliRun a = cli("train-transfer", "--source", src.toString(), "--target", dir.resolve("nope.h5").toString(), "--out", dir.resolve("m").toString());
		assertEquals(1, a.exit());
		assertEquals(List.of("innsight train-transfer: error: " + dir.resolve("nope.h5") + ": no such file"), a.err().lines().toList());
		final CliRun b = cli("transfer", "--model", TinyTransfer.folder().toString(), "--input", dir.resolve("nope.csv").toString(), "--out",
			dir.resolve("o.csv").toString());
		assertEquals(1, b.exit());
		assertEquals(List.of("innsight transfer: error: " + dir.resolve("nope.csv") + ": no such input file"), b.err().lines().toList());
		final CliRun c = cli("validate-transfer", "--model", dir.resolve("no-model").toString(), "--source", src.toString(), "--target", src.toString());
		assertEquals(1, c.exit());
		assertTrue(c.err().startsWith("innsight validate-transfer: error: " + dir.resolve("no-model")), c.err());
		final CliRun d = cli("transfer", "--model", TinyTransfer.folder().toString(), "--input", src.toString(), "--out", dir.resolve("o.csv").toString(),
			"--to", "elsewhere");
		assertEquals(1, d.exit());
		assertEquals(List.of("innsight transfer: error: domain must be 'source' (sim) or 'target' (real), got 'elsewhere'"), d.err().lines().toList());
	}

	@Test
	void theAdversarialWeightIsRecordedInTheCardAndTheModelStillRoundTrips(@TempDir final Path dir) throws Exception {
		final Path src = table(dir, "sim.csv", TinyTransfer.source(400, 41), ramp(400));
		final Path tgt = table(dir, "real.csv", TinyTransfer.target(400, 42), ramp(400));
		final Path model = dir.resolve("adv");
		trainTiny(src, tgt, model, "--adversarial", "0.5");
		final ModelCard card = ModelFolder.load(model).card();
		assertEquals(0.5, card.details.getAsJsonObject("adversarial").get("weight").getAsDouble());
		assertEquals(0.5, card.training.settings.get("adversarial").getAsDouble());
		assertTrue(card.validation.get("adversarial_discriminator_loss_last_epoch").getAsDouble() > 0, card.validation.toString());
		try (TransferModel m = TransferModel.load(model, Device.CPU)) {
			final float[] xs = m.normalise(TinyTransfer.source(500, 7), DomainConditions.SOURCE);
			final float[] back = m.transferNormalised(m.transferNormalised(xs, 500, DomainConditions.SOURCE, DomainConditions.TARGET, null), 500,
				DomainConditions.TARGET, DomainConditions.SOURCE, null);
			assertTrue(TransferValidation.maxAbs(back, xs, 4) <= 1e-4);
		}
		final CliRun bad = cli("--device", "cpu", "train-transfer", "--source", src.toString(), "--target", tgt.toString(), "--out",
			dir.resolve("bad").toString(), "--adversarial", "-1");
		assertEquals(1, bad.exit());
		assertEquals(List.of("innsight train-transfer: error: adversarial must be at least 0, not -1"), bad.err().lines().toList());
	}

	/** train-transfer of a tiny model (2 epochs, 2 blocks of 16, seed 5) with {@code more} options; fails the test unless it succeeds. */
	private static CliRun trainTiny(final Path src, final Path tgt, final Path model, final String... more) throws Exception {
		final List<String> args = new java.util.ArrayList<>(List.of("--device", "cpu", "train-transfer", "--source", src.toString(), "--target",
			tgt.toString(), "--out", model.toString(), "--epochs", "2", "--blocks", "2", "--width", "16", "--seed", "5"));
		args.addAll(List.of(more));
		final CliRun r = cli(args.toArray(new String[0]));
		assertEquals(0, r.exit(), r.err());
		return r;
	}
}
