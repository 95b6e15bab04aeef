package org.innsight.dalsa.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.cli.CliRun;
import org.innsight.io.NiftiFiles;
import org.innsight.io.NiftiHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.ImagePlus;

/**
 * Every DALSA output (weights of {@code dalsa train}, labels and probabilities of {@code dalsa apply}) keeps the
 * input's placement in space: qform/sform codes, quaternion, offsets, srow, qfac, voxel size and unit, exactly as
 * nibabel wrote and read them ({@code scripts/dalsa-nifti-fixtures.py} made the fixtures and {@code expected.json}).
 */
class DalsaNiftiGeometryTest {

	private static Path fixtures;
	private static JsonObject expected;

	@BeforeAll
	static void fixtures() throws Exception {
		fixtures = Path.of(DalsaNiftiGeometryTest.class.getResource("/dalsa/nifti/expected.json").toURI()).getParent();
		try (Reader r = Files.newBufferedReader(fixtures.resolve("expected.json"))) {
			expected = JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("files");
		}
	}

	@Test
	void obliqueQformAndSformSurviveTrainAndApply(@TempDir final Path dir) throws IOException {
		final String images = fixtures.resolve("oblique_t1.nii.gz") + "," + fixtures.resolve("oblique_t2.nii.gz");
		final Path model = dir.resolve("m.dalsa"), weights = dir.resolve("weights.nii.gz"), labels = dir.resolve("labels.nii.gz"),
			probabilities = dir.resolve("probabilities.nii.gz");
		final CliRun train = CliRun.of("--threads", "1", "dalsa", "train", "--images", images, "--labels", fixtures.resolve("oblique_scribbles.nii.gz").toString(),
			"--trees", "5", "--sigmas", "1", "--weighting-samples", "500", "--out", model.toString(), "--weight-map", weights.toString());
		assertEquals(0, train.exit(), train.err());
		final CliRun apply = CliRun.of("--threads", "1", "dalsa", "apply", "--model", model.toString(), "--images", images, "--out", labels.toString(),
			"--probabilities", probabilities.toString(), "--truth", fixtures.resolve("oblique_truth.nii.gz").toString());
		assertEquals(0, apply.exit(), apply.err());
		final JsonObject source = expected.getAsJsonObject("oblique_t1");
		assertPlacedLike(source, weights, 16); // float32
		assertPlacedLike(source, labels, 2); // uint8
		assertPlacedLike(source, probabilities, 16);
		final NiftiHeader p = header(probabilities);
		assertEquals(5, p.dim(0));
		assertEquals(2, p.dim(5), "one channel per class");
		assertEquals(3, header(labels).dim(0));
	}

	@Test
	void voxelSizesInMetresAndAnSformOnlyScanKeepTheirUnit(@TempDir final Path dir) throws IOException {
		final Path scan = fixtures.resolve("metre_scan.nii.gz");
		final Path model = dir.resolve("m.dalsa"), weights = dir.resolve("w.nii.gz"), labels = dir.resolve("labels.nii.gz");
		final CliRun train = CliRun.of("--threads", "1", "dalsa", "train", "--scan", scan.toString(), "--labels",
			fixtures.resolve("metre_scribbles.nii.gz").toString(), "--modalities", "t1,t2", "--trees", "5", "--sigmas", "1,2", "--weighting-samples", "500",
			"--out", model.toString(), "--weight-map", weights.toString());
		assertEquals(0, train.exit(), train.err());
		final CliRun apply = CliRun.of("--threads", "1", "dalsa", "apply", "--model", model.toString(), "--scan", scan.toString(), "--modalities", "t1,t2",
			"--out", labels.toString());
		assertEquals(0, apply.exit(), apply.err());
		final JsonObject source = expected.getAsJsonObject("metre_scan");
		assertEquals("meter", source.get("space_unit").getAsString());
		assertPlacedLike(source, weights, 16);
		assertPlacedLike(source, labels, 2);
		assertEquals(3, header(labels).dim(0), "a 4D scan (modalities as 4th dimension) gives 3D labels");
	}

	private static NiftiHeader header(final Path file) throws IOException {
		final ImagePlus imp = NiftiFiles.read(file);
		return NiftiFiles.header(imp);
	}

	/** The output's header holds the source's placement exactly (float32 fields compared as float32). */
	private static void assertPlacedLike(final JsonObject source, final Path output, final int datatype) throws IOException {
		final NiftiHeader h = header(output);
		final String what = output.getFileName().toString();
		assertEquals(datatype, h.datatype(), what + " datatype");
		assertEquals(source.get("qform_code").getAsInt(), h.qformCode(), what + " qform_code");
		assertEquals(source.get("sform_code").getAsInt(), h.sformCode(), what + " sform_code");
		final JsonArray quatern = source.getAsJsonArray("quatern"), qoffset = source.getAsJsonArray("qoffset"), pixdim = source.getAsJsonArray("pixdim");
		for (int i = 0; i < 3; i++) {
			assertEquals(quatern.get(i).getAsFloat(), h.qform()[i], what + " quatern " + i);
			assertEquals(qoffset.get(i).getAsFloat(), h.qform()[3 + i], what + " qoffset " + i);
			final JsonArray row = source.getAsJsonArray("srow").get(i).getAsJsonArray();
			for (int j = 0; j < 4; j++) assertEquals(row.get(j).getAsFloat(), h.srow(i)[j], what + " srow " + i + "," + j);
		}
		for (int i = 0; i < 4; i++) assertEquals(pixdim.get(i).getAsFloat(), h.pixdim(i), what + " pixdim " + i);
		assertEquals(source.get("xyzt_units").getAsInt() & 0x07, h.xyztUnits() & 0x07, what + " spatial unit");
	}
}
