package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.io.Checksums;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** Inputs are never overwritten or re-read as inputs; model checksums and the device lock work as hooks. */
class BatchSafetyTest {

	@TempDir
	Path tmp;

	private static final Pipeline NORMALISE = Pipeline.parse("[{\"step\": \"normalise\"}]", null);

	private static void scans(final Path folder, final String... names) throws IOException {
		int seed = 0;
		for (final String n : names)
			SyntheticScans.write(SyntheticScans.scan(8, 8, 3, seed++), folder.resolve(n));
	}

	private static BatchReport run(final Pipeline p, final BatchSettings s) throws Exception {
		return run(StepRegistry.standard(), p, s);
	}

	private static BatchReport run(final StepRegistry r, final Pipeline p, final BatchSettings s) throws Exception {
		return new BatchRunner(r).run(p, s, ProgressListener.NONE);
	}

	@Test
	void outEqualToInIsRefused() throws Exception {
		scans(tmp, "a.tif");
		final String m = assertThrows(IllegalArgumentException.class, () -> run(NORMALISE, new BatchSettings(tmp, tmp))).getMessage();
		assertTrue(m.startsWith("--out must not be --in"), m);
		assertFalse(Files.exists(tmp.resolve("a.normalised.tif")));
	}

	@Test
	void anOutputFolderInsideTheInputFolderIsNotReadAsScans() throws Exception {
		final Path in = tmp.resolve("in");
		scans(in, "a.tif", "b/c.tif");
		final BatchSettings s = new BatchSettings(in, in.resolve("results"));
		assertEquals(2, run(NORMALISE, s).count(Status.DONE));
		final BatchReport again = run(NORMALISE, s);
		assertEquals(List.of("a.tif", "b/c.tif"), again.outcomes().stream().map(FileOutcome::relative).toList());
		assertEquals(2, again.count(Status.SKIPPED));
	}

	@Test
	void aScanWhoseOutputWouldOverwriteAnInputIsRefusedAndTheInputKept() throws Exception {
		// --in lies inside --out: scan "scans/x.tif" would write out/scans/x.normalised.tif, which is the input
		// file in/x.normalised.tif; scan "y.tif" writes out/y.normalised.tif, outside the input folder.
		final Path out = tmp.resolve("d"), in = out.resolve("scans");
		scans(in, "scans/x.tif", "x.normalised.tif", "y.tif");
		final byte[] victim = Files.readAllBytes(in.resolve("x.normalised.tif"));
		final BatchReport r = run(NORMALISE, new BatchSettings(in, out).glob("**.tif"));
		final Map<String, String> failed = r.failures().stream().collect(Collectors.toMap(FileOutcome::relative, FileOutcome::reason));
		assertEquals(List.of("scans/x.tif"), List.copyOf(failed.keySet()));
		assertTrue(failed.get("scans/x.tif").contains("would overwrite an input"), failed.get("scans/x.tif"));
		assertEquals("plan", r.failures().get(0).failedStep());
		assertArrayEquals(victim, Files.readAllBytes(in.resolve("x.normalised.tif")));
		// x.normalised.tif is itself a scan here; its own output lands outside the input folder
		assertTrue(Files.exists(out.resolve("x.normalised.normalised.tif")));
		assertTrue(Files.exists(out.resolve("y.normalised.tif")));
	}

	@Test
	void scansDifferingOnlyInTheExtensionKeepTheirFullNames() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		scans(in, "a.tif", "a.tiff", "b.tif");
		assertFalse(run(NORMALISE, new BatchSettings(in, out)).anyFailed());
		assertTrue(Files.exists(out.resolve("a.tif.normalised.tif")));
		assertTrue(Files.exists(out.resolve("a.tiff.normalised.tif")));
		assertTrue(Files.exists(out.resolve("b.normalised.tif")));
	}

	@Test
	void aNameWithALineBreakIsReportedNotSilentlySkipped() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		scans(in, "a.tif", "line\nbreak.tif");
		final BatchReport r = run(NORMALISE, new BatchSettings(in, out));
		assertEquals(List.of("a.tif", "line\nbreak.tif"), r.outcomes().stream().map(FileOutcome::relative).toList());
		assertEquals(Status.DONE, r.outcomes().get(0).status());
		final FileOutcome odd = r.outcomes().get(1);
		assertEquals(Status.FAILED, odd.status());
		assertEquals("plan", odd.failedStep());
		assertEquals("its name holds a line break, which InnSight does not take in file names (output names, logs and tables would break); " +
			"rename it without the line break", odd.reason());
		assertFalse(Files.exists(out.resolve("line\nbreak.normalised.tif")));
		// the summary lists it, quoted as RFC 4180 wants a cell with a line break
		assertTrue(Files.readString(out.resolve("summary.csv")).contains("\r\n\"line\nbreak.tif\",failed,plan,\"its name holds a line break"));
		assertEquals("line\\nbreak.tif", InputFiles.printable(odd.relative()));
	}

	@Test
	void noMatchingScansIsAnErrorOfTheRun() throws IOException {
		scans(tmp.resolve("in"), "a.tif");
		final String m = assertThrows(IllegalArgumentException.class,
			() -> run(NORMALISE, new BatchSettings(tmp.resolve("in"), tmp.resolve("out")).glob("*.nii"))).getMessage();
		assertTrue(m.startsWith("no files in") && m.endsWith("match \"*.nii\""), m);
	}

	/** A step with a model file, as a capability declares it. */
	static final class ModelStep implements Step<Path> {
		@Override
		public String name() {
			return "modelled";
		}

		@Override
		public String description() {
			return "Pretends to apply a model (tests only).";
		}

		@Override
		public Path configure(final StepOptions options) {
			return options.existingPath("model");
		}

		@Override
		public List<OutputSpec> outputs(final Path model) {
			return List.of();
		}

		@Override
		public Map<String, Path> models(final Path model) {
			return Map.of("weights", model);
		}

		@Override
		public StepResult run(final ImagePlus input, final Path model, final StepContext context) {
			return StepResult.none().statistic("model_bytes", model.toFile().length());
		}
	}

	@Test
	void modelChecksumsGoIntoManifestsAndAChangedModelRedoesEveryScan() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		scans(in, "a.tif", "b.tif");
		Files.writeString(tmp.resolve("model.bin"), "weights v1");
		Files.writeString(tmp.resolve("pipeline.json"), "[{\"step\": \"modelled\", \"options\": {\"model\": \"model.bin\"}}]");
		final StepRegistry registry = StepRegistry.standard().add(new ModelStep());
		final BatchSettings s = new BatchSettings(in, out);
		assertEquals(2, run(registry, Pipeline.read(tmp.resolve("pipeline.json")), s).count(Status.DONE));
		assertEquals(Map.of("weights", Checksums.sha256("weights v1")), Manifest.read(out.resolve("a.manifest.json")).models);
		assertEquals(2, run(registry, Pipeline.read(tmp.resolve("pipeline.json")), s).count(Status.SKIPPED));
		Files.writeString(tmp.resolve("model.bin"), "weights v2");
		final BatchReport r = run(registry, Pipeline.read(tmp.resolve("pipeline.json")), s);
		assertEquals(2, r.count(Status.DONE));
		assertEquals("a model changed", r.outcomes().get(0).reason());
		final String missing = assertThrows(IllegalArgumentException.class, () -> Plan.of(Pipeline.parse(
			"[{\"step\": \"modelled\", \"options\": {\"model\": \"nope.bin\"}}]", tmp), registry)).getMessage();
		assertTrue(missing.contains("option \"model\" names " + tmp.resolve("nope.bin") + ", which does not exist"), missing);
	}

	/** A step whose work on the device overlaps if the lock does not hold. */
	static final class DeviceStep implements Step<Void> {
		final AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger();

		@Override
		public String name() {
			return "on-device";
		}

		@Override
		public String description() {
			return "Counts how many scans are on the device at once (tests only).";
		}

		@Override
		public Void configure(final StepOptions options) {
			return null;
		}

		@Override
		public List<OutputSpec> outputs(final Void config) {
			return List.of();
		}

		@Override
		public StepResult run(final ImagePlus input, final Void config, final StepContext context) throws Exception {
			return context.onDevice(() -> {
				most.accumulateAndGet(inside.incrementAndGet(), Math::max);
				Thread.sleep(100);
				inside.decrementAndGet();
				return StepResult.none();
			});
		}
	}

	@Test
	void theDeviceLockLetsOneScanAtATimeOnTheDevice() throws Exception {
		final Path in = tmp.resolve("in");
		scans(in, "a.tif", "b.tif", "c.tif", "d.tif", "e.tif", "f.tif");
		final Pipeline p = Pipeline.parse("[{\"step\": \"on-device\"}]", null);
		final DeviceStep locked = new DeviceStep();
		run(StepRegistry.standard().add(locked), p, new BatchSettings(in, tmp.resolve("o1")).jobs(4).deviceLock(DeviceLock.withSlots("gpu:0", 1)));
		assertEquals(1, locked.most.get());
		final DeviceStep free = new DeviceStep();
		run(StepRegistry.standard().add(free), p, new BatchSettings(in, tmp.resolve("o2")).jobs(4).deviceLock(DeviceLock.withSlots("cpu", 4)));
		assertTrue(free.most.get() > 1, "without a limit, jobs overlap (most at once: " + free.most.get() + ")");
	}
}
