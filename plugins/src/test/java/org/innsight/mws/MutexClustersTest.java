package org.innsight.mws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The partner sets of {@link MutexClusters}: a merge moves the absorbed root's partners into the survivor's set
 * only, so a partner's set may name an absorbed root; a mutex must still hold from either side, also after the
 * sets holding such names are rebuilt.
 */
class MutexClustersTest {

	/** Node 0 mutex with node 1; node 1 then absorbed by node 2, whose set is larger: 0's set names 1 only. */
	private static MutexClusters absorbedPartner() {
		final MutexClusters c = new MutexClusters(256, 256);
		c.addMutex(0, 1);
		// 2 gets more partners than fit in the first block, so its block is larger and 2 survives the merge.
		for (int p = 10; p < 30; p++) c.addMutex(2, p);
		assertTrue(c.attract(c.find(1), c.find(2)));
		assertEquals(2, c.find(1));
		return c;
	}

	@Test
	void aMutexWithAnAbsorbedRootHoldsFromEitherSide() {
		final MutexClusters c = absorbedPartner();
		assertFalse(c.attract(c.find(0), c.find(1)), "0 is mutex with 1's cluster, asked from 0");
		assertFalse(c.attract(c.find(2), c.find(0)), "asked from the survivor");
		assertNotEquals(c.find(0), c.find(2));
	}

	@Test
	void theMutexSurvivesARebuildOfTheSetThatNamesTheAbsorbedRoot() {
		final MutexClusters c = absorbedPartner();
		// Fill 0's set until it is rebuilt (twice): the entry naming 1 moves with it as it is (it leads to 2).
		for (int p = 31; p < 63; p++) c.addMutex(0, p);
		assertFalse(c.attract(c.find(0), c.find(2)));
		assertFalse(c.attract(c.find(2), c.find(0)));
		// 0 is now absorbed by a root with a larger set, which must learn from 0's rebuilt set that it is mutex
		// with 2's cluster (2's own set names 0, now absorbed, only).
		for (int p = 150; p < 250; p++) c.addMutex(100, p);
		assertTrue(c.attract(c.find(0), c.find(100)));
		assertEquals(100, c.find(0));
		assertFalse(c.attract(c.find(100), c.find(2)));
		assertFalse(c.attract(c.find(1), c.find(0)));
	}

	@Test
	void aSetThatNamesOnePartnerClusterByManyNodesKeepsTheMutexThroughRebuildsAndAMerge() {
		final MutexClusters c = new MutexClusters(512, 512);
		// 0 is mutex with nodes 1..40, which then merge into one cluster: 0's set names that cluster 40 times, and
		// its rebuilds (8 -> 16 -> 32 -> 64 slots) keep the names as they are.
		for (int p = 1; p <= 40; p++) c.addMutex(0, p);
		for (int p = 2; p <= 40; p++) assertTrue(c.attract(c.find(1), c.find(p)));
		final int cluster = c.find(1);
		for (int p = 1; p <= 40; p++) assertEquals(cluster, c.find(p));
		assertFalse(c.attract(c.find(0), cluster));
		assertFalse(c.attract(cluster, c.find(0)));
		// More partners for 0, so that its set is rebuilt again with the 40 names in it.
		for (int p = 100; p < 140; p++) c.addMutex(0, p);
		assertFalse(c.attract(c.find(0), c.find(7)));
		// 0 is absorbed by 300, whose set is larger (371 partners against 0's 80 entries): 300 takes the cluster's
		// root (once) from 0's names.
		for (int p = 140; p < 512; p++) if (p != 300) c.addMutex(300, p);
		assertTrue(c.attract(c.find(0), c.find(300)));
		assertEquals(300, c.find(0), "the root with the larger set survives");
		assertFalse(c.attract(c.find(300), c.find(23)));
		assertFalse(c.attract(c.find(40), c.find(0)));
		assertFalse(c.attract(c.find(0), c.find(120)));
		// Not mutex with anything of 0's or 300's: a node outside every set merges freely.
		assertTrue(c.attract(c.find(0), c.find(45)));
		assertEquals(300, c.find(45));
	}

	@Test
	void partnersOfBothMergedRootsAreMutexWithTheMergedCluster() {
		final MutexClusters c = new MutexClusters(16, 16);
		c.addMutex(0, 1);
		c.addMutex(2, 3);
		assertTrue(c.attract(0, 2));
		final int merged = c.find(0);
		assertEquals(merged, c.find(2));
		assertFalse(c.attract(c.find(1), merged));
		assertFalse(c.attract(merged, c.find(3)));
		// 1 and 3 are not mutex with each other: they merge, and the result is still mutex with 0 and 2.
		assertTrue(c.attract(c.find(1), c.find(3)));
		assertFalse(c.attract(c.find(3), c.find(0)));
		assertFalse(c.attract(c.find(2), c.find(1)));
	}
}
