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
}
