package org.innsight.batch.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innsight.batch.BatchReport;
import org.innsight.batch.BatchRunner;
import org.innsight.batch.BatchSettings;
import org.innsight.batch.FileOutcome;
import org.innsight.batch.FileOutcome.Status;
import org.innsight.batch.Pipeline;
import org.innsight.batch.Plan;
import org.innsight.batch.StepRegistry;
import org.innsight.cli.InnSightCli;
import org.innsight.engine.Device;
import org.innsight.io.ImageFiles;
import org.innsight.mws.Affinities;
import org.innsight.mws.AffinityFiles;
import org.innsight.mws.MwsImages;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** The {@code mws} batch step against {@code innsight mws} on the cell sample, affinity hyperstacks and a model fixture. */
class MwsStepTest {

	@TempDir
	Path tmp;

	private static final Path CELLS = DalsaApplyStepTest.repo("sample-data/mws");

	private static Path fixture(final String name) {
		try {
			return Path.of(MwsStepTest.class.getResource("/org/innsight/mws/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static int[] labels(final Path file) throws IOException {
		final ImagePlus imp = ImageFiles.open(file);
		final int[] dims = imp.getStackSize() > 1 ? new int[] { imp.getWidth(), imp.getHeight(), imp.getStackSize() }
			: new int[] { imp.getWidth(), imp.getHeight() };
		return MwsImages.seeds(imp, dims);
	}

	private static BatchReport run(final Pipeline pipeline, final Path in, final Path out) throws Exception {
		return new BatchRunner(StepRegistry.standard()).run(pipeline, new BatchSettings(in, out).jobs(2).previews(false).device(Device.CPU),
			ProgressListener.NONE);
	}

	private static double number(final FileOutcome o, final String key) {
		return ((Number) o.statistics().get(key)).doubleValue();
	}

	/** The statistics worked out again from a written label image. */
	private static void assertStatisticsMatch(final FileOutcome o, final int[] labels) {
		final Map<Integer, Integer> sizes = new HashMap<>();
		for (final int l : labels) if (l != 0) sizes.merge(l, 1, Integer::sum);
		final int[] sorted = sizes.values().stream().mapToInt(Integer::intValue).sorted().toArray();
		final int n = sorted.length;
		assertEquals(n, number(o, "mws.segments"));
		assertEquals(sorted[n - 1], number(o, "mws.largest_segment_px"));
		assertEquals(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0, number(o, "mws.median_segment_px"));
	}

	@Test
	void theExamplePipelineSegmentsTheCellsAsTheCommandLineDoes() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), cli = tmp.resolve("cli.tif");
		Files.createDirectories(in);
		Files.copy(CELLS.resolve("cells.tif"), in.resolve("cells.tif"));
		final BatchReport r = run(Pipeline.read(DalsaApplyStepTest.repo("pipelines/mws-cells.json")), in, out);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		assertEquals(0, InnSightCli.run("mws", "--image", in.resolve("cells.tif").toString(), "--from", "boundary", "--sigma", "1", "--min-size", "100",
			"-o", cli.toString()));
		final int[] batch = labels(out.resolve("cells.labels.tif"));
		assertArrayEquals(labels(cli), batch, "labels differ from innsight mws");
		assertStatisticsMatch(r.outcomes().get(0), batch);

		// every one of the 49 true cells is found (intersection over union >= 0.8, as sample-data/mws/README.md says)
		final int[] truth = labels(CELLS.resolve("truth.tif"));
		assertEquals(49, number(r.outcomes().get(0), "mws.segments"));
		final Map<Long, Integer> overlap = new HashMap<>();
		final Map<Integer, Integer> t = new HashMap<>(), b = new HashMap<>();
		for (int i = 0; i < truth.length; i++) {
			overlap.merge((long) truth[i] << 32 | batch[i], 1, Integer::sum);
			t.merge(truth[i], 1, Integer::sum);
			b.merge(batch[i], 1, Integer::sum);
		}
		final double[] best = new double[50];
		overlap.forEach((k, v) -> {
			final int cell = (int) (k >>> 32), segment = (int) (long) k;
			best[cell] = Math.max(best[cell], v / (double) (t.get(cell) + b.get(segment) - v));
		});
		for (int cell = 1; cell <= 49; cell++) assertTrue(best[cell] >= 0.8, "cell " + cell + " IoU " + best[cell]);
	}

	/** The sample affinities as a TIFF hyperstack (channels = offsets). */
	private static ImagePlus hyperstack(final Affinities a, final int channels) {
		final int w = a.dims()[0], h = a.dims()[1], n = a.pixels();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 0; c < channels; c++) stack.addSlice(new FloatProcessor(w, h, Arrays.copyOfRange(a.values(), c * n, (c + 1) * n)));
		final ImagePlus imp = new ImagePlus("affinities", stack);
		imp.setDimensions(channels, 1, 1);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	@Test
	void anAffinityHyperstackGivesTheLabelsOfTheCommandLineAndAWrongChannelCountFailsAlone() throws Exception {
		final Path h5 = CELLS.resolve("affinities.h5");
		final Affinities a = AffinityFiles.readHdf5(h5, AffinityFiles.DEFAULT_DATASET, null).affinities;
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), cli = tmp.resolve("cli.tif");
		Files.createDirectories(in);
		ImageFiles.save(hyperstack(a, 8), in.resolve("a.tif"), List.of());
		ImageFiles.save(hyperstack(a, 3), in.resolve("b.tif"), List.of());
		// numpy-order offsets and strides as in the HDF5 file (dy, dx)
		final BatchReport r = run(Pipeline.parse("[{\"step\": \"mws\", \"options\": {\"affinities\": true, \"offsetOrder\": \"zyx\", " +
			"\"offsets\": [[-1,0],[0,-1],[-3,0],[0,-3],[-9,0],[0,-9],[-9,-9],[9,-9]], \"attractive\": 2, \"strides\": [1, 2]}}]", null), in, out);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		assertEquals(0, InnSightCli.run("mws", "--affinities", h5.toString(), "--strides", "1,2", "-o", cli.toString()));
		final int[] batch = labels(out.resolve("a.labels.tif"));
		assertArrayEquals(labels(cli), batch);
		assertStatisticsMatch(r.outcomes().get(0), batch);
		final FileOutcome b = r.failures().get(0);
		assertEquals("b.tif", b.relative());
		assertEquals("mws", b.failedStep());
		assertTrue(b.reason().contains("has 3 channels but 8 offsets were given; affinities need one channel per offset"), b.reason());
	}

	@Test
	void aModelRunsOncePerRunOnTheDeviceAndGivesTheLabelsOfTheCommandLine() throws Exception {
		final float[] image;
		try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(fixture("model2d_io.h5"))) {
			image = (float[]) f.getDatasetByPath("input").getDataFlat();
		}
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), cli = tmp.resolve("cli.tif"), model = fixture("model2d");
		Files.createDirectories(in);
		ImageFiles.save(new ImagePlus("input", new FloatProcessor(45, 37, image.clone())), in.resolve("a.tif"), List.of());
		final ImageStack three = new ImageStack(45, 37);
		for (int z = 0; z < 3; z++) three.addSlice(new FloatProcessor(45, 37, image.clone()));
		ImageFiles.save(new ImagePlus("3d", three), in.resolve("b.tif"), List.of());
		final BatchReport r = run(Pipeline.parse("[{\"step\": \"mws\", \"options\": {\"model\": \"" + model.toString().replace("\\", "\\\\") +
			"\", \"tile\": [16, 16]}}]", null), in, out);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		assertEquals(0, InnSightCli.run("--device", "cpu", "mws", "--model", model.toString(), "--image", in.resolve("a.tif").toString(), "--tile",
			"16,16", "-o", cli.toString()));
		final int[] batch = labels(out.resolve("a.labels.tif"));
		assertArrayEquals(labels(cli), batch);
		assertStatisticsMatch(r.outcomes().get(0), batch);
		assertEquals("the scan is 3D (45 x 37, z=3) but the model is 2D", r.failures().get(0).reason());
	}

	@Test
	void aScanOfTheWrongShapeForDerivedAffinitiesFailsWithAClearReason() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		Files.createDirectories(in);
		final ImageStack s = new ImageStack(20, 10);
		for (int c = 0; c < 2; c++) s.addSlice(new FloatProcessor(20, 10));
		final ImagePlus two = new ImagePlus("two", s);
		two.setDimensions(2, 1, 1);
		two.setOpenAsHyperStack(true);
		ImageFiles.save(two, in.resolve("channels.tif"), List.of());
		ImageFiles.save(new ImagePlus("plane", new FloatProcessor(20, 10)), in.resolve("plane.tif"), List.of());
		final BatchReport r = run(Pipeline.parse("[{\"step\": \"mws\", \"options\": {\"from\": \"gradient\", \"offsets\": [[-1,0,0],[0,-1,0],[0,0,-1]]}}]", null),
			in, out);
		assertEquals(0, r.count(Status.DONE));
		assertEquals("the scan has 2 channels and 1 time points (20 x 10, c=2); affinities \"from\" an image need one channel, 2D or 3D (z as slices)",
			r.failures().get(0).reason());
		assertEquals("the scan is 2D (20 x 10) but the offsets are 3D", r.failures().get(1).reason());
	}

	private static String planError(final String options) {
		return assertThrows(IllegalArgumentException.class,
			() -> Plan.of(Pipeline.parse("[{\"step\": \"mws\", \"options\": " + options + "}]", null), StepRegistry.standard())).getMessage();
	}

	@Test
	void badOptionsFailInThePlanNamingStepAndOption() {
		final String prefix = "step 1 (mws): option ";
		assertTrue(planError("{}").startsWith(prefix + "\"from\" is required: give one of"), planError("{}"));
		assertEquals(prefix + "\"from\" conflicts: give only one of \"from\", \"affinities\": true and \"model\"",
			planError("{\"from\": \"boundary\", \"affinities\": true}"));
		assertEquals(prefix + "\"from\" must be one of boundary, gradient, got \"watershed\"", planError("{\"from\": \"watershed\"}"));
		assertEquals(prefix + "\"offsets\" is required with \"affinities\": true (one offset per channel of the scan)", planError("{\"affinities\": true}"));
		assertEquals(prefix + "\"offsets\" lists must be equally long: list 2 has 1 numbers, list 1 has 2",
			planError("{\"affinities\": true, \"offsets\": [[-1, 0], [0]]}"));
		assertEquals(prefix + "\"attractive\" must be at most the number of offsets (2), got 3",
			planError("{\"affinities\": true, \"offsets\": [[-1, 0], [0, -1]], \"attractive\": 3}"));
		assertEquals(prefix + "\"strides\" needs 2 values like the offsets, got 3",
			planError("{\"affinities\": true, \"offsets\": [[-1, 0], [0, -1]], \"strides\": [1, 2, 2]}"));
		assertEquals(prefix + "\"tile\" only applies to a \"model\"", planError("{\"from\": \"boundary\", \"tile\": [64, 64]}"));
		assertEquals(prefix + "\"sigma\" must be between 0.0 and 1000.0, got -1.0", planError("{\"from\": \"boundary\", \"sigma\": -1}"));
		assertTrue(planError("{\"model\": \"no-such-model\"}").startsWith(prefix + "\"model\" names no-such-model, which does not exist; no model 'no-such-model': looked in "), planError("{\"model\": \"no-such-model\"}"));
		assertTrue(planError("{\"from\": \"boundary\", \"minsize\": 100}").startsWith("step 1 (mws): unknown option minsize (did you mean \"minSize\"?); known options: from, affinities, model,"));
	}
}
