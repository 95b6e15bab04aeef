package org.innsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.VolumeImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code innsight dalsa train --list}, and the checks of {@code dalsa apply}: modality names and order, ground-truth
 * labels, what a mask does, and bounds on a crafted classifier file.
 */
class DalsaChecksCommandTest {

	@TempDir
	static Path dir;
	private static Path model;

	private static Path phantom(final int seed) {
		final Path d = dir.resolve("case" + seed);
		final CliRun r = CliRun.of("dalsa", "phantom", "--out", d.toString(), "--size", "48,48,32", "--spacing", "4,4,5", "--seed", String.valueOf(seed),
			"--scribbles", "0.02");
		assertEquals(0, r.exit(), r.err());
		return d;
	}

	private static String images(final Path d, final String... names) {
		final StringBuilder s = new StringBuilder();
		for (final String n : names) s.append(s.length() > 0 ? "," : "").append(d.resolve(n + ".nii.gz"));
		return s.toString();
	}

	private static final String[] ORDER = { "t1", "t1c", "t2", "flair" };

	@BeforeAll
	static void trainOnTwoScans() throws Exception {
		final Path a = phantom(3), b = phantom(4);
		final Path list = dir.resolve("training.txt");
		Files.writeString(list, "# two scans\n" + "images=case3/t1.nii.gz,case3/t1c.nii.gz,case3/t2.nii.gz,case3/flair.nii.gz labels=case3/scribbles_unbiased.nii.gz\n" +
			"images=case4/t1.nii.gz,case4/t1c.nii.gz,case4/t2.nii.gz,case4/flair.nii.gz\tlabels=case4/scribbles_biased.nii.gz\n".replace("\t", " "));
		model = dir.resolve("two.dalsa");
		final CliRun train = CliRun.of("--threads", "2", "dalsa", "train", "--list", list.toString(), "--class-names", "1=healthy,2=oedema,3=enhancing,4=necrosis",
			"--trees", "12", "--sigmas", "5,10", "--weighting-samples", "4000", "--out", model.toString(), "--weight-map", dir.resolve("weights").toString());
		assertEquals(0, train.exit(), train.err());
		assertTrue(train.out().contains("scans:       2, each z-scored on its own"), train.out());
		assertTrue(train.out().contains("modalities:  [t1, t1c, t2, flair]"), train.out());
		for (final String c : List.of("healthy", "oedema", "enhancing", "necrosis"))
			assertTrue(Pattern.compile("  " + c + " +\\d+ voxels, weight sum +[0-9.]+, effective sample size +[0-9.]+ \\(\\d+%\\)").matcher(train.out()).find(),
				train.out());
		assertTrue(Files.isRegularFile(dir.resolve("weights").resolve("001_t1.weights.nii.gz")));
		assertTrue(Files.isRegularFile(dir.resolve("weights").resolve("002_t1.weights.nii.gz")));
		// The two scans' annotations are pooled: voxels of both.
		final LabelVolume s3 = VolumeImages.readLabels(a.resolve("scribbles_unbiased.nii.gz")), s4 = VolumeImages.readLabels(b.resolve("scribbles_biased.nii.gz"));
		long annotated = 0;
		for (int i = 0; i < s3.size(); i++) annotated += (s3.get(i) != 0 ? 1 : 0) + (s4.get(i) != 0 ? 1 : 0);
		assertTrue(train.out().contains("annotated:   " + annotated + " voxels"), train.out());
	}

	@Test
	void aClassifierFromTwoScansSegmentsAThird() {
		final Path c = phantom(5);
		final CliRun apply = CliRun.of("--threads", "2", "dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--out",
			dir.resolve("labels5.nii.gz").toString(), "--truth", c.resolve("truth.nii.gz").toString(), "--whole", "2,3,4");
		assertEquals(0, apply.exit(), apply.err());
		final Matcher m = Pattern.compile("Dice union \\[2, 3, 4\\]\\s+([0-9.]+)").matcher(apply.out());
		assertTrue(m.find(), apply.out());
		assertTrue(Double.parseDouble(m.group(1)) > 0.7, apply.out());
		assertFalse(apply.out().contains("note:"), apply.out());
	}

	@Test
	void modalitiesInAnotherOrderAreRefusedWithTheExpectedOrder() throws Exception {
		final Path c = dir.resolve("case3");
		final Path never = dir.resolve("never.nii.gz");
		final CliRun swapped = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, "t1c", "t1", "t2", "flair"), "--out",
			never.toString());
		assertEquals(1, swapped.exit());
		assertTrue(swapped.err().contains("modality 1 of the scan, 't1c', looks like 't1c' but the classifier expects 4 modalities in the order " +
			"[t1, t1c, t2, flair]; give the inputs in this order"), swapped.err());
		final CliRun named = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--modalities", "flair,t1,t1c,t2",
			"--out", never.toString());
		assertEquals(1, named.exit());
		assertTrue(named.err().contains("modality 1 is named 'flair' but the classifier expects 4 modalities in the order [t1, t1c, t2, flair]"), named.err());
		assertFalse(Files.exists(never));
		// Files whose names say nothing: accepted in the classifier's order, with a note; --modalities names them.
		final Path anon = dir.resolve("anon");
		Files.createDirectories(anon);
		final StringBuilder files = new StringBuilder();
		for (int m = 0; m < 4; m++) {
			Files.copy(c.resolve(ORDER[m] + ".nii.gz"), anon.resolve("scan" + m + ".nii.gz"));
			files.append(m > 0 ? "," : "").append(anon.resolve("scan" + m + ".nii.gz"));
		}
		final CliRun unknown = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", files.toString(), "--out",
			dir.resolve("anon.nii.gz").toString());
		assertEquals(0, unknown.exit(), unknown.err());
		assertTrue(unknown.out().contains("note:        modality names [scan0, scan1, scan2, scan3] match none of the classifier's [t1, t1c, t2, flair]"),
			unknown.out());
		final CliRun given = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", files.toString(), "--modalities", "T1,t1c,t2,FLAIR",
			"--out", dir.resolve("anon2.nii.gz").toString());
		assertEquals(0, given.exit(), given.err());
		assertFalse(given.out().contains("note:"), given.out());
	}

	@Test
	void aTruthNumberedOtherwiseIsRefusedUnlessMapped() throws Exception {
		final Path c = dir.resolve("case3");
		final LabelVolume truth = VolumeImages.readLabels(c.resolve("truth.nii.gz"));
		final LabelVolume renumbered = truth.copy();
		for (int i = 0; i < truth.size(); i++) if (truth.get(i) == 4) renumbered.set(i, 7); // necrosis as 7
		final Path file = dir.resolve("truth7.nii.gz");
		VolumeImages.save(VolumeImages.image(renumbered, "truth7"), file, List.of());
		final CliRun refused = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--out",
			dir.resolve("t7.nii.gz").toString(), "--truth", file.toString());
		assertEquals(1, refused.exit());
		assertTrue(refused.err().contains("ground truth " + file + " has labels [7] that are not classes of the classifier [1 = healthy, 2 = oedema, " +
			"3 = enhancing, 4 = necrosis]; map them explicitly, e.g. --truth-map 7=1"), refused.err());
		assertFalse(Files.exists(dir.resolve("t7.nii.gz")), "refused before any work");
		final CliRun mapped = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--out",
			dir.resolve("t7.nii.gz").toString(), "--truth", file.toString(), "--truth-map", "7=4");
		final CliRun plain = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--out",
			dir.resolve("t4.nii.gz").toString(), "--truth", c.resolve("truth.nii.gz").toString());
		assertEquals(0, mapped.exit(), mapped.err());
		assertEquals(dice(plain.out(), "necrosis"), dice(mapped.out(), "necrosis"));
	}

	private static String dice(final String out, final String name) {
		final Matcher m = Pattern.compile("Dice " + name + "\\s+([0-9.]+)").matcher(out);
		assertTrue(m.find(), out);
		return m.group(1);
	}

	@Test
	void aMaskSaysWhatItDoesAndCanLeaveTheNormalisationToTheWholeScan() throws Exception {
		final Path c = dir.resolve("case3");
		final LabelVolume truth = VolumeImages.readLabels(c.resolve("truth.nii.gz"));
		final LabelVolume box = new LabelVolume(truth.width, truth.height, truth.depth, truth.spacing());
		int inside = 0;
		for (int z = 8; z < 24; z++) for (int y = 12; y < 36; y++) for (int x = 12; x < 36; x++) {
			box.set(x, y, z, 1);
			inside++;
		}
		final Path mask = dir.resolve("box.nii.gz");
		VolumeImages.save(VolumeImages.image(box, "box"), mask, List.of());
		final CliRun overMask = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--mask", mask.toString(), "--out",
			dir.resolve("m1.nii.gz").toString());
		assertEquals(0, overMask.exit(), overMask.err());
		assertTrue(overMask.out().contains("mask:        classifying " + inside + " voxels inside " + mask + "; intensities z-scored over the mask " +
			"(--normalise scan: over the whole scan's foreground)"), overMask.out());
		assertTrue(overMask.out().contains("note:        the mask covers "), overMask.out());
		final CliRun overScan = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--mask", mask.toString(),
			"--normalise", "scan", "--out", dir.resolve("m2.nii.gz").toString());
		assertEquals(0, overScan.exit(), overScan.err());
		assertTrue(overScan.out().contains("intensities z-scored over the whole scan's foreground (voxels non-zero in any modality)"), overScan.out());
		assertFalse(overScan.out().contains("note:"), overScan.out());
		// Normalised over the whole scan, the brain's voxels inside the mask get the labels they get without a mask (the mask's
		// voxels outside the brain are classified too: the mask, not the non-zero voxels, says what to classify); none outside the mask.
		final CliRun none = CliRun.of("dalsa", "apply", "--model", model.toString(), "--images", images(c, ORDER), "--out", dir.resolve("m3.nii.gz").toString());
		assertEquals(0, none.exit(), none.err());
		final LabelVolume masked = VolumeImages.readLabels(dir.resolve("m2.nii.gz")), whole = VolumeImages.readLabels(dir.resolve("m3.nii.gz"));
		for (int i = 0; i < box.size(); i++) {
			if (box.get(i) == 0) assertEquals(0, masked.get(i), "voxel " + i);
			else if (whole.get(i) != 0) assertEquals(whole.get(i), masked.get(i), "voxel " + i);
		}
	}

	@Test
	void aCraftedClassifierWithAHugeSigmaFailsAtOnceNamingTheFileAndTheBound() throws Exception {
		final byte[] bytes = Files.readAllBytes(model);
		final ByteBuffer b = ByteBuffer.wrap(bytes);
		final int headerLength = b.getInt(12);
		final String header = new String(bytes, 16, headerLength, StandardCharsets.UTF_8);
		final String crafted = header.replaceFirst("\"sigmasMm\": \\[\\s*5\\.0,", "\"sigmasMm\": [ 5.0, 1.0E12,").replace("\"featureCount\": 60", "\"featureCount\": 88");
		assertTrue(!crafted.equals(header), header);
		final byte[] h = crafted.getBytes(StandardCharsets.UTF_8);
		final ByteBuffer out = ByteBuffer.allocate(bytes.length - headerLength + h.length);
		out.put(bytes, 0, 12).putInt(h.length).put(h).put(bytes, 16 + headerLength, bytes.length - 16 - headerLength - 8);
		final CRC32 crc = new CRC32();
		crc.update(out.array(), 0, out.position());
		out.putLong(crc.getValue());
		final Path file = dir.resolve("crafted.dalsa");
		Files.write(file, out.array());
		final CliRun r = CliRun.of("dalsa", "apply", "--model", file.toString(), "--images", images(dir.resolve("case3"), ORDER), "--out",
			dir.resolve("c.nii.gz").toString());
		assertEquals(1, r.exit());
		assertTrue(r.err().contains(file + ": invalid feature settings in header: feature sigmas must be at most 100.0 mm, got 1.0E12 mm"), r.err());
	}
}
