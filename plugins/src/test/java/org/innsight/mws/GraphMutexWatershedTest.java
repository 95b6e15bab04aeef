package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GraphMutexWatershedTest {

	@Test
	void aTriangleWithOneMutexSplitsAtTheWeakestJoin() {
		// Nodes 0, 1, 2, 3. Joins: 0-1 (0.9), 1-2 (0.4), 2-3 (0.8). Mutex 0-3 (0.7): {0,1} and {2,3} stay apart.
		final int[] labels = GraphMutexWatershed.cluster(4, new int[] { 0, 1, 2 }, new int[] { 1, 2, 3 }, new float[] { 0.9f, 0.4f, 0.8f },
			new int[] { 0 }, new int[] { 3 }, new float[] { 0.7f }, null);
		assertArrayEquals(new int[] { 1, 1, 2, 2 }, labels);
	}

	@Test
	void tiesGoToMutexEdgesBecauseTheyAreNumberedAfterTheJoins() {
		final int[] labels = GraphMutexWatershed.cluster(2, new int[] { 0 }, new int[] { 1 }, new float[] { 0.5f },
			new int[] { 1 }, new int[] { 0 }, new float[] { 0.5f }, null);
		assertArrayEquals(new int[] { 1, 2 }, labels);
	}

	@Test
	void seedsLabelTheirClusters() {
		final int[] labels = GraphMutexWatershed.cluster(5, new int[] { 0, 1, 2, 3 }, new int[] { 1, 2, 3, 4 },
			new float[] { 0.9f, 0.2f, 0.9f, 0.1f }, new int[0], new int[0], new float[0], new int[] { 5, 0, 8, 0, 0 });
		assertArrayEquals(new int[] { 5, 5, 8, 8, 8 }, labels);
	}

	@Test
	void randomGraphsMatchTheNaiveImplementation() {
		final SplittableRandom rng = new SplittableRandom(77);
		for (int t = 0; t < 400; t++) {
			final int n = 1 + rng.nextInt(30);
			final int a = rng.nextInt(3 * n + 1), m = rng.nextInt(3 * n + 1);
			final int[] au = new int[a], av = new int[a], mu = new int[m], mv = new int[m];
			final float[] aw = new float[a], mw = new float[m];
			final int levels = rng.nextBoolean() ? 4 : 1 << 20;
			final List<NaiveMws.Edge> edges = new ArrayList<>();
			for (int i = 0; i < a; i++) {
				au[i] = rng.nextInt(n);
				av[i] = rng.nextInt(n);
				aw[i] = rng.nextInt(levels) / (float) levels - 0.25f; // negative weights too
				edges.add(new NaiveMws.Edge(aw[i], i, au[i], av[i], true));
			}
			for (int j = 0; j < m; j++) {
				mu[j] = rng.nextInt(n);
				mv[j] = rng.nextInt(n);
				mw[j] = rng.nextInt(levels) / (float) levels - 0.25f;
				edges.add(new NaiveMws.Edge(mw[j], a + j, mu[j], mv[j], false));
			}
			final int[] seeds = rng.nextInt(4) == 0 ? new int[n] : null;
			if (seeds != null) for (int i = 0; i < n; i++) if (rng.nextInt(4) == 0) seeds[i] = 1 + rng.nextInt(3);
			assertArrayEquals(NaiveMws.run(n, edges, seeds, null, 0), GraphMutexWatershed.cluster(n, au, av, aw, mu, mv, mw, seeds), "case " + t);
		}
	}

	@Test
	void aSmallStartingTableIsRebuiltAndListsAreCompactedWithoutChangingTheResult() {
		// MutexClusters(n) starts with 8-slot partner sets: ~7n mutexes, many of them between the same clusters,
		// force set purges, set growth and pool growth on the way.
		final SplittableRandom rng = new SplittableRandom(78);
		for (int t = 0; t < 6; t++) {
			final int n = 300 + rng.nextInt(900);
			final List<NaiveMws.Edge> edges = new ArrayList<>();
			final int count = 12 * n;
			for (int i = 0; i < count; i++) {
				final int u = rng.nextInt(n), v = (u + 1 + rng.nextInt(t % 2 == 0 ? 40 : n - 1)) % n;
				edges.add(new NaiveMws.Edge(rng.nextInt(1000) / 1000f, i, u, v, rng.nextInt(5) < 2));
			}
			final List<NaiveMws.Edge> sorted = new ArrayList<>(edges);
			sorted.sort(NaiveMws.ORDER);
			final MutexClusters clusters = new MutexClusters(n);
			for (final NaiveMws.Edge e : sorted) {
				final int ra = clusters.find(e.u), rb = clusters.find(e.v);
				if (ra == rb) continue;
				if (e.attractive) clusters.attract(ra, rb);
				else clusters.addMutex(ra, rb);
			}
			assertArrayEquals(NaiveMws.run(n, edges, null, null, 0), Labeling.consecutive(clusters, null, 0), "case " + t);
		}
	}

	@Test
	void badGraphsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> GraphMutexWatershed.cluster(2, new int[] { 0 }, new int[] { 2 }, new float[] { 1 },
			null, null, null, null));
		assertThrows(IllegalArgumentException.class, () -> GraphMutexWatershed.cluster(2, new int[] { 0 }, new int[] { 1 }, new float[0],
			null, null, null, null));
		assertThrows(IllegalArgumentException.class, () -> GraphMutexWatershed.cluster(2, new int[] { 0 }, new int[] { 1 }, new float[] { Float.NaN },
			null, null, null, null));
	}
}
