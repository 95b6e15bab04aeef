package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.engine.Device;
import org.innsight.io.Checksums;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.Opener;

/** One batch over 100 generated scans, 6 of them broken, and what a second and third run do with it. */
class BatchRunnerTest {

	static final int GOOD = 94, SIZE = 24;

	@TempDir
	static Path tmp;

	static Path in, out;
	static Map<String, String> broken;
	static BatchReport first;

	@BeforeAll
	static void runOnce() throws Exception {
		in = tmp.resolve("in");
		out = tmp.resolve("out");
		broken = SyntheticScans.cohort(in, GOOD, SIZE, SIZE);
		first = run(false);
	}

	private static BatchReport run(final boolean force) throws Exception {
		return new BatchRunner(StepRegistry.standard()).run(ScanFixtures.pipeline(),
			new BatchSettings(in, out).jobs(2).force(force).device(Device.CPU), ProgressListener.NONE);
	}

	@Test
	void exactlyTheBrokenScansFailAtTheExpectedStep() {
		assertEquals(GOOD + broken.size(), first.outcomes().size());
		assertTrue(first.outcomes().size() >= 100);
		final Map<String, String> failed = first.failures().stream()
			.collect(Collectors.toMap(FileOutcome::relative, FileOutcome::failedStep));
		assertEquals(broken, failed);
		assertEquals(GOOD, first.count(Status.DONE));
		assertTrue(first.anyFailed());
	}

	@Test
	void failureReasonsNameTheProblem() {
		final Map<String, String> reasons = first.failures().stream().collect(Collectors.toMap(FileOutcome::relative, FileOutcome::reason));
		assertTrue(reasons.get("broken-truncated.tif").contains("truncated?"), reasons.get("broken-truncated.tif"));
		assertTrue(reasons.get("broken-bands.tif").contains("expected 8 bands, found 5"), reasons.get("broken-bands.tif"));
		assertTrue(reasons.get("broken-nan.tif").contains("NaN"), reasons.get("broken-nan.tif"));
		assertTrue(reasons.get("broken-dims.tif").contains("expected 3 dimensions, found 4"), reasons.get("broken-dims.tif"));
		final String unreadable = reasons.get("broken-unreadable.tif");
		assertTrue(unreadable.contains("dangling symbolic link") || unreadable.contains("permission"), unreadable);
		assertTrue(reasons.get("broken-folder.tif").contains("folder"), reasons.get("broken-folder.tif"));
	}

	@Test
	void statisticsMatchAnIndependentComputation() {
		final FileOutcome o = outcome("sub/scan004.tif");
		final ImagePlus expected = SyntheticScans.scan(SIZE, SIZE, ScanFixtures.BANDS, 4);
		final float[] all = new float[SIZE * SIZE * ScanFixtures.BANDS];
		for (int b = 0; b < ScanFixtures.BANDS; b++)
			System.arraycopy((float[]) expected.getStack().getPixels(b + 1), 0, all, b * SIZE * SIZE, SIZE * SIZE);
		Arrays.sort(all);
		assertEquals(all[0], ((Number) o.statistics().get("statistics.min")).doubleValue(), 0);
		assertEquals(all[all.length - 1], ((Number) o.statistics().get("statistics.max")).doubleValue(), 0);
		assertEquals(((double) all[all.length / 2 - 1] + all[all.length / 2]) / 2.0, ((Number) o.statistics().get("statistics.median")).doubleValue(), 1e-6);
		assertEquals(8, ((Number) o.statistics().get("statistics.bands")).intValue());
		assertEquals(0.0, ((Number) o.statistics().get("statistics.non_finite_fraction")).doubleValue(), 0);
	}

	@Test
	void outputsHoldTheNormalisedAndConvertedScanWithWavelengths() throws IOException {
		final ImagePlus normalised = new Opener().openImage(out.resolve("sub/scan004.normalised.tif").toString());
		assertEquals(32, normalised.getBitDepth());
		assertEquals(ScanFixtures.BANDS, normalised.getStackSize());
		assertEquals("500nm", normalised.getStack().getSliceLabel(1));
		assertEquals("640nm", normalised.getStack().getSliceLabel(8));
		final float[] sorted = sortedValues(normalised);
		assertEquals(0f, sorted[0], 0);
		assertEquals(1f, sorted[sorted.length - 1], 0);
		final ImagePlus u16 = new Opener().openImage(out.resolve("sub/scan004.u16.tif").toString());
		assertEquals(16, u16.getBitDepth());
		final float[] s16 = sortedValues(u16);
		assertEquals(0, s16[0], 0);
		assertEquals(65535, s16[s16.length - 1], 0);
		assertEquals(List.of("sub/scan004.normalised.tif", "sub/scan004.u16.tif"), outcome("sub/scan004.tif").outputs());
	}

	private static float[] sortedValues(final ImagePlus imp) {
		final float[] all = new float[imp.getWidth() * imp.getHeight() * imp.getStackSize()];
		int k = 0;
		for (int z = 1; z <= imp.getStackSize(); z++)
			for (int i = 0; i < imp.getWidth() * imp.getHeight(); i++)
				all[k++] = imp.getStack().getProcessor(z).getf(i);
		Arrays.sort(all);
		return all;
	}

	@Test
	void manifestsRecordChecksumsAndExistOnlyForFinishedScans() throws IOException {
		for (final FileOutcome o : first.outcomes()) {
			final String base = o.relative().replaceFirst("\\.tif$", "");
			final Manifest m = Manifest.read(out.resolve(base + ".manifest.json"));
			if (o.failed()) {
				assertNull(m, o.relative());
				continue;
			}
			assertNotNull(m, o.relative());
			assertEquals(Checksums.sha256(in.resolve(o.relative())), m.inputSha256);
			assertEquals(ScanFixtures.pipeline().sha256(), m.pipelineSha256);
			assertEquals(org.innsight.Version.get(), m.version);
			assertEquals(2, m.outputs.size());
			for (final Manifest.Output x : m.outputs)
				assertEquals(Checksums.sha256(out.resolve(base).getParent().resolve(x.file)), x.sha256);
			assertTrue(m.timingsMillis.containsKey("total"));
			assertTrue(m.timingsMillis.containsKey("normalise"));
		}
	}

	@Test
	void summaryAndReportListEveryScanAndTheFailures() throws IOException {
		final List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
		assertEquals(1 + first.outcomes().size(), csv.size());
		assertTrue(csv.get(0).startsWith("file,status,failed_step,reason,seconds,outputs,statistics.width"), csv.get(0));
		assertTrue(csv.stream().anyMatch(l -> l.startsWith("broken-bands.tif,failed,check,")));
		final String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
		for (final String b : broken.keySet())
			assertTrue(html.contains(b), b);
		assertTrue(html.contains("expected 8 bands, found 5"));
		assertTrue(html.contains("report/previews/sub/scan004.normalised.png"));
	}

	@Test
	void previewsArePngsWithAColourBar() throws IOException {
		final Map<String, String> previews = outcome("scan000.tif").previews();
		assertEquals(List.of("input", "normalised", "u16"), List.copyOf(previews.keySet()));
		final BufferedImage png = ImageIO.read(out.resolve(previews.get("input")).toFile());
		assertNotNull(png);
		assertTrue(png.getWidth() > SIZE + 12 && png.getHeight() >= SIZE);
		// failed scans that could be read still show their input
		assertTrue(outcome("broken-nan.tif").previews().containsKey("input"));
	}

	@Test
	void aSecondRunSkipsEverythingFinishedAndTouchesNoOutput() throws Exception {
		final Map<Path, FileTime> before = times(out);
		final BatchReport second = run(false);
		assertEquals(GOOD, second.count(Status.SKIPPED));
		assertEquals(broken.size(), second.count(Status.FAILED));
		final Map<Path, FileTime> after = times(out);
		// the run's own report, its lock file and the previews of the (again) failed scans are rewritten; nothing else
		before.keySet().removeIf(p -> p.equals(out.resolve("report.html")) || p.equals(out.resolve("summary.csv")) || p.equals(out.resolve(OutputLock.fileName(Shard.ALL)))
			|| p.getFileName().toString().startsWith("broken-"));
		for (final Map.Entry<Path, FileTime> e : before.entrySet())
			assertEquals(e.getValue(), after.get(e.getKey()), e.getKey().toString());
		// the skipped scans keep their statistics in the new summary
		assertEquals(first.outcomes().get(0).statistics().get("statistics.mean"), second.outcomes().get(0).statistics().get("statistics.mean"));
	}

	@Test
	void aChangedScanOrATamperedOutputIsRedoneAndOnlyThat() throws Exception {
		final Path dir = tmp.resolve("small");
		final Path smallIn = dir.resolve("in"), smallOut = dir.resolve("out");
		for (int i = 0; i < 4; i++)
			SyntheticScans.write(SyntheticScans.scan(8, 8, ScanFixtures.BANDS, i), smallIn.resolve("s" + i + ".tif"));
		final BatchSettings settings = new BatchSettings(smallIn, smallOut).jobs(1);
		final BatchRunner runner = new BatchRunner(StepRegistry.standard());
		assertEquals(4, runner.run(ScanFixtures.pipeline(), settings, ProgressListener.NONE).count(Status.DONE));
		SyntheticScans.write(SyntheticScans.scan(8, 8, ScanFixtures.BANDS, 99), smallIn.resolve("s1.tif"));
		Files.write(smallOut.resolve("s2.u16.tif"), new byte[] { 1 }, java.nio.file.StandardOpenOption.APPEND);
		Files.delete(smallOut.resolve("s3.normalised.tif"));
		final BatchReport again = runner.run(ScanFixtures.pipeline(), settings, ProgressListener.NONE);
		final Map<String, String> status = new HashMap<>();
		for (final FileOutcome o : again.outcomes())
			status.put(o.relative(), o.status().word() + (o.reason() == null ? "" : ": " + o.reason()));
		assertEquals(Map.of("s0.tif", "skipped", "s1.tif", "done: the scan changed", "s2.tif", "done: output s2.u16.tif was modified",
			"s3.tif", "done: output s3.normalised.tif is missing"), status);
		// a changed pipeline redoes everything
		final Pipeline other = Pipeline.parse("[{\"step\": \"normalise\", \"options\": {\"method\": \"zscore\"}}]", null);
		final BatchReport changed = runner.run(other, settings, ProgressListener.NONE);
		assertEquals(4, changed.count(Status.DONE));
		assertTrue(changed.outcomes().stream().allMatch(o -> "the pipeline changed".equals(o.reason())));
		assertFalse(changed.anyFailed());
	}

	private static FileOutcome outcome(final String relative) {
		return first.outcomes().stream().filter(o -> o.relative().equals(relative)).findFirst().orElseThrow();
	}

	static Map<Path, FileTime> times(final Path folder) throws IOException {
		try (Stream<Path> s = Files.walk(folder)) {
			final Map<Path, FileTime> m = new HashMap<>();
			for (final Path p : s.filter(Files::isRegularFile).toList())
				m.put(p, Files.getLastModifiedTime(p));
			return m;
		}
	}
}
