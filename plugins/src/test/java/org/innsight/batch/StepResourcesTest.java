package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/** Step configs holding resources are closed once per run, and steps can read earlier images by name. */
class StepResourcesTest {

	@TempDir
	Path tmp;

	/** A step whose config stands for a loaded network: counts opens and closes. */
	static final class Held implements AutoCloseable {
		static final AtomicInteger OPEN = new AtomicInteger(), CLOSED = new AtomicInteger();

		Held() {
			OPEN.incrementAndGet();
		}

		@Override
		public void close() {
			CLOSED.incrementAndGet();
		}
	}

	static final class HoldingStep implements Step<Held> {
		@Override
		public String name() {
			return "holding";
		}

		@Override
		public String description() {
			return "holds a resource";
		}

		@Override
		public Held configure(final StepOptions options) {
			final Held h = new Held();
			if (options.flag("fail", false)) {
				h.close();
				throw options.bad("fail", "was asked to fail");
			}
			return h;
		}

		@Override
		public List<OutputSpec> outputs(final Held config) {
			return List.of();
		}

		@Override
		public StepResult run(final ImagePlus input, final Held config, final StepContext context) {
			return StepResult.none();
		}
	}

	/** Multiplies its input by the named earlier image, pixel by pixel (first plane of each). */
	record Product(String other) {}

	static final class ProductStep implements Step<Product> {
		@Override
		public String name() {
			return "product";
		}

		@Override
		public String description() {
			return "input times another image";
		}

		@Override
		public Product configure(final StepOptions options) {
			return new Product(options.string("with", "input"));
		}

		@Override
		public List<OutputSpec> outputs(final Product config) {
			return List.of(OutputSpec.tif("product"));
		}

		@Override
		public List<String> uses(final Product config) {
			return List.of(config.other());
		}

		@Override
		public StepResult run(final ImagePlus input, final Product config, final StepContext context) {
			final ImagePlus other = context.image(config.other());
			final FloatProcessor out = new FloatProcessor(input.getWidth(), input.getHeight());
			for (int i = 0; i < out.getPixelCount(); i++)
				out.setf(i, input.getProcessor().getf(i) * other.getProcessor().getf(i));
			return StepResult.image("product", new ImagePlus("product", out));
		}
	}

	private static StepRegistry registry() {
		return StepRegistry.standard().add(new HoldingStep()).add(new ProductStep());
	}

	@Test
	void resourcesOfStepConfigsAreClosedOnceAfterTheRunAndWhenThePlanFails() throws Exception {
		final Path in = tmp.resolve("in");
		SyntheticScans.write(SyntheticScans.scan(8, 8, 3, 1), in.resolve("a.tif"));
		SyntheticScans.write(SyntheticScans.scan(8, 8, 3, 2), in.resolve("b.tif"));
		final int open0 = Held.OPEN.get(), closed0 = Held.CLOSED.get();
		final BatchReport r = new BatchRunner(registry()).run(Pipeline.parse("[{\"step\": \"holding\"}, {\"step\": \"normalise\"}]", null),
			new BatchSettings(in, tmp.resolve("out")).jobs(2), ProgressListener.NONE);
		assertEquals(2, r.count(Status.DONE));
		assertEquals(1, Held.OPEN.get() - open0, "configured once per run, not per scan");
		assertEquals(1, Held.CLOSED.get() - closed0);

		// the first step's resource is closed when a later step's options are wrong
		final String m = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"holding\"}, {\"step\": \"normalise\", \"options\": {\"methd\": \"minmax\"}}]", null), registry())).getMessage();
		assertTrue(m.contains("unknown option methd"), m);
		assertEquals(2, Held.OPEN.get() - open0);
		assertEquals(2, Held.CLOSED.get() - closed0);
	}

	@Test
	void aStepReadsAnEarlierImageByNameAndAPipelineWithoutItFailsAtOnce() throws Exception {
		final Path in = tmp.resolve("in");
		final ImagePlus scan = SyntheticScans.scan(6, 5, 1, 3);
		SyntheticScans.write(scan, in.resolve("a.tif"));
		final BatchReport r = new BatchRunner(registry()).run(Pipeline.parse(
			"[{\"step\": \"normalise\", \"options\": {\"method\": \"minmax\"}}, {\"step\": \"product\", \"from\": \"input\", \"options\": {\"with\": \"normalised\"}}]",
			null), new BatchSettings(in, tmp.resolve("out")), ProgressListener.NONE);
		assertEquals(1, r.count(Status.DONE), () -> r.failures().toString());
		final ImagePlus product = org.innsight.io.ImageFiles.open(tmp.resolve("out/a.product.tif"));
		final ImagePlus normalised = org.innsight.io.ImageFiles.open(tmp.resolve("out/a.normalised.tif"));
		final ImagePlus input = org.innsight.io.ImageFiles.open(in.resolve("a.tif"));
		for (int i = 0; i < 30; i++)
			assertEquals(input.getProcessor().getf(i) * normalised.getProcessor().getf(i), product.getProcessor().getf(i), 1e-6);

		final String m = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"product\", \"options\": {\"with\": \"ood_mask\"}}, {\"step\": \"normalise\"}]", null), registry())).getMessage();
		assertEquals("step 1 (product): reads the image \"ood_mask\", which is neither \"input\" nor an output of an earlier step", m);
	}
}
