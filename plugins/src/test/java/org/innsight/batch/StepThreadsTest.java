package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.innsight.batch.FileOutcome.Status;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** {@code --threads} is shared among the {@code --jobs} scans running at once; steps see their share in the context. */
class StepThreadsTest {

	@TempDir
	Path tmp;

	static final Set<Integer> SEEN = ConcurrentHashMap.newKeySet();

	static final class ThreadsStep implements Step<Object> {
		@Override
		public String name() {
			return "threads";
		}

		@Override
		public String description() {
			return "remembers the threads it may use";
		}

		@Override
		public Object configure(final StepOptions options) {
			return "";
		}

		@Override
		public List<OutputSpec> outputs(final Object config) {
			return List.of();
		}

		@Override
		public StepResult run(final ImagePlus input, final Object config, final StepContext context) {
			SEEN.add(context.threads());
			return StepResult.none().statistic("threads", context.threads());
		}
	}

	@Test
	void theRunsThreadsAreDividedAmongTheJobsAndEachStepGetsAtLeastOne() {
		final BatchSettings s = new BatchSettings(tmp, tmp.resolve("out"));
		assertEquals(3, s.jobs(2).threads(6).threadsPerJob());
		assertEquals(2, s.jobs(3).threads(7).threadsPerJob());
		assertEquals(1, s.jobs(4).threads(2).threadsPerJob());
		assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 4), s.threads(0).threadsPerJob(), "0 = all cores");
		assertThrows(IllegalArgumentException.class, () -> s.threads(-1));
	}

	@Test
	void stepsSeeTheirShareInTheContext() throws Exception {
		final Path in = tmp.resolve("in");
		for (int i = 0; i < 3; i++) SyntheticScans.write(SyntheticScans.scan(8, 8, 2, i), in.resolve("s" + i + ".tif"));
		SEEN.clear();
		final BatchReport r = new BatchRunner(StepRegistry.standard().add(new ThreadsStep())).run(Pipeline.parse("[{\"step\": \"threads\"}]", null),
			new BatchSettings(in, tmp.resolve("out")).jobs(2).threads(6).previews(false), ProgressListener.NONE);
		assertEquals(3, r.count(Status.DONE));
		assertEquals(Set.of(3), SEEN);
	}
}
