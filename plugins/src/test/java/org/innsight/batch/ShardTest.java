package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards split a sorted list into disjoint parts that together hold every file once. */
class ShardTest {

	@TempDir
	Path tmp;

	@Test
	void everyItemLandsInExactlyOneShardAndShardsDifferByAtMostOne() {
		for (int size = 0; size <= 23; size++)
			for (int n = 1; n <= 7; n++) {
				final List<Integer> items = IntStream.range(0, size).boxed().toList();
				final List<Integer> union = new ArrayList<>();
				int smallest = Integer.MAX_VALUE, largest = 0;
				for (int i = 1; i <= n; i++) {
					final List<Integer> part = new Shard(i, n).select(items);
					union.addAll(part);
					smallest = Math.min(smallest, part.size());
					largest = Math.max(largest, part.size());
				}
				Collections.sort(union);
				assertEquals(items, union, size + " items, " + n + " shards");
				assertTrue(largest - smallest <= 1);
			}
	}

	@Test
	void parsesIOfNAndRejectsTheRest() {
		assertEquals(new Shard(3, 8), Shard.parse(" 3/8 "));
		for (final String bad : List.of("0/4", "5/4", "1/0", "2", "a/b", "1/2/3", ""))
			assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad)).getMessage().contains("shard"), bad);
	}

	@Test
	void shardedRunsCoverTheCohortOnceAndWriteTheirOwnReports() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		for (int i = 0; i < 10; i++)
			SyntheticScans.write(SyntheticScans.scan(8, 8, 8, i), in.resolve((i % 3 == 0 ? "sub/" : "") + "s" + i + ".tif"));
		final List<String> seen = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			final BatchReport r = new BatchRunner(StepRegistry.standard()).run(ScanFixtures.pipeline(),
				new BatchSettings(in, out).shard(new Shard(i, 3)).jobs(1), ProgressListener.NONE);
			assertEquals(10, r.totalScans());
			assertEquals(r.outcomes().size(), r.count(Status.DONE));
			r.outcomes().forEach(o -> seen.add(o.relative()));
			assertEquals(out.resolve("report.shard-" + i + "-of-3.html"), r.reportFile());
			assertTrue(Files.isRegularFile(out.resolve("summary.shard-" + i + "-of-3.csv")));
		}
		Collections.sort(seen);
		assertEquals(List.of("s1.tif", "s2.tif", "s4.tif", "s5.tif", "s7.tif", "s8.tif", "sub/s0.tif", "sub/s3.tif", "sub/s6.tif", "sub/s9.tif"), seen);
		// the final unsharded run finds everything up to date and reports the whole cohort
		final BatchReport all = new BatchRunner(StepRegistry.standard()).run(ScanFixtures.pipeline(), new BatchSettings(in, out), ProgressListener.NONE);
		assertEquals(10, all.count(Status.SKIPPED));
		assertEquals(11, Files.readAllLines(out.resolve("summary.csv")).size());
	}

	@Test
	void theLastShardMergesTheShardsIntoTheReportOfOneRun() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out"), single = tmp.resolve("single");
		final java.util.Map<String, String> broken = SyntheticScans.cohort(in, 6, 8, 8);
		final BatchReport one = new BatchRunner(StepRegistry.standard()).run(ScanFixtures.pipeline(), new BatchSettings(in, single).jobs(1),
			ProgressListener.NONE);
		assertEquals(broken.size(), one.count(Status.FAILED));

		runShard(in, out, 1);
		assertEquals(null, ShardReports.mergeIfComplete(out, new Shard(1, 2)), "a shard is still missing");
		assertTrue(Files.notExists(out.resolve("summary.csv")));
		final ShardReports.Merge half = ShardReports.merge(out, 0);
		assertEquals(List.of("shard 2/2 (6 scans) is missing: no " + out.resolve("report.shard-2-of-2.json") +
			" (not run, still running, or stopped before its end)"), half.missing());
		assertEquals(new Shard(1, 2).size(12), half.report().outcomes().size());

		runShard(in, out, 2);
		final ShardReports.Merge all = ShardReports.mergeIfComplete(out, new Shard(2, 2));
		assertTrue(all.complete());
		assertEquals("merged 2 of 2 shards: " + one.counts(), all.summary());
		// the same rows as one run's summary, but for the seconds spent
		assertEquals(withoutSeconds(single.resolve("summary.csv")), withoutSeconds(out.resolve("summary.csv")));
		final String html = Files.readString(out.resolve("report.html"));
		for (final FileOutcome o : one.outcomes())
			assertTrue(html.contains(">" + o.relative() + "</td>"), o.relative());
		assertTrue(html.contains("<th>merged</th><td>shards 1/2, 2/2 (12 of 12 scans)"), html);

		// a shard's record of another pipeline is named, not merged
		Files.writeString(out.resolve("report.shard-1-of-2.json"), Files.readString(out.resolve("report.shard-1-of-2.json"))
			.replace(one.pipelineSha256(), "0".repeat(64)));
		Files.setLastModifiedTime(out.resolve("report.shard-1-of-2.json"), java.nio.file.attribute.FileTime.fromMillis(0));
		final ShardReports.Merge stale = ShardReports.merge(out, 2);
		assertEquals(1, stale.missing().size());
		assertTrue(stale.missing().get(0).startsWith("shard 1/2 (6 scans): " + out.resolve("report.shard-1-of-2.json") +
			" is of another batch (another pipeline: "), stale.missing().get(0));
	}

	private static void runShard(final Path in, final Path out, final int index) throws Exception {
		new BatchRunner(StepRegistry.standard()).run(ScanFixtures.pipeline(), new BatchSettings(in, out).shard(new Shard(index, 2)).jobs(1),
			ProgressListener.NONE);
	}

	/** A summary's rows without the column {@code seconds} (wall time differs between runs). */
	private static List<String> withoutSeconds(final Path summary) throws Exception {
		final List<String> rows = new ArrayList<>();
		for (final String line : Files.readAllLines(summary))
			rows.add(line.replaceFirst(",\\d+\\.\\d{3},", ",SECONDS,"));
		return rows;
	}
}
