package org.innsight.inn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Issue 4, "Correctness, measured": every block type and full networks invert to within 1e-4 over 10^4 random
 * inputs (float32), and report log|det J| equal to that of the autograd Jacobian within 1e-3.
 */
class InvertibilityTest {

	private static final int DIMS = 5, FEATURES = 6, ROWS = 10_000, OBSERVATIONS = 100, JACOBIAN_ROWS = 300;

	private static NDManager root;

	@BeforeAll
	static void engine() {
		root = Engines.newManager(Device.CPU);
	}

	@AfterAll
	static void free() {
		root.close();
	}

	/** Builds one block in a fresh store, randomises its weights and checks it. */
	private static void check(final String what, final BiFunction<ParameterStore, SplittableRandom, InvertibleBlock> make,
		final boolean conditional, final double inputScale)
	{
		try (ParameterStore store = new ParameterStore(root)) {
			final InvertibleBlock block = make.apply(store, new SplittableRandom(11));
			store.seal();
			FlowTesting.randomiseWeights(store, 12, 0.3);
			try (NDManager m = root.newSubManager()) {
				final NDArray x = FlowTesting.gaussianRows(m, 13, ROWS, DIMS, inputScale);
				// 100 observations with 100 rows each: exercises the per-observation broadcast of the condition
				final Conditioning c = conditional ? new Conditioning(FlowTesting.gaussianRows(m, 14, OBSERVATIONS, FEATURES, 1)) : Conditioning.NONE;
				final Transformed t = block.forward(x, c);
				final NDArray back = block.inverse(t.out(), c);
				final double err = FlowTesting.maxAbsDiff(x.toFloatArray(), back.toFloatArray());
				System.out.printf("%s: inverse error %.2e%n", what, err);
				assertTrue(err <= 1e-4, what + ": max |f^-1(f(x)) - x| = " + err);
				final double moved = FlowTesting.maxAbsDiff(x.toFloatArray(), t.out().toFloatArray());
				assertTrue(moved > 1e-2, what + " with random weights should change its input, moved " + moved);
				checkLogDet(what, block, m, conditional, inputScale);
			}
		}
	}

	private static void checkLogDet(final String what, final InvertibleBlock block, final NDManager m, final boolean conditional, final double inputScale) {
		final NDArray x = FlowTesting.gaussianRows(m, 15, JACOBIAN_ROWS, DIMS, inputScale);
		final Conditioning c = conditional ? new Conditioning(FlowTesting.gaussianRows(m, 16, 30, FEATURES, 1)) : Conditioning.NONE;
		final double[] expected = FlowTesting.autogradLogDet(in -> block.forward(in, c).out(), x);
		final float[] actual = block.forward(x, c).logDetPerRow().toFloatArray();
		assertEquals(JACOBIAN_ROWS, actual.length);
		double worst = 0;
		for (int r = 0; r < JACOBIAN_ROWS; r++) worst = Math.max(worst, Math.abs(expected[r] - actual[r]));
		System.out.printf("%s: log-det error %.2e%n", what, worst);
		assertTrue(worst <= 1e-3, what + ": |log|det J| - autograd| up to " + worst);
	}

	@Test
	void affineCouplingOneSided() {
		check("one-sided affine coupling", (s, r) -> new AffineCoupling(s, "c", DIMS, FEATURES, 32, 2, 2f, r), true, 1);
		check("unconditional one-sided coupling", (s, r) -> new AffineCoupling(s, "c", DIMS, 0, 32, 2, 2f, r), false, 1);
	}

	@Test
	void glowCoupling() {
		check("GLOW coupling", (s, r) -> new GlowCoupling(s, "c", DIMS, FEATURES, 32, 2, 2f, r), true, 1);
	}

	@Test
	void freshCouplingsAreTheIdentityBecauseTheirLastLayerStartsAtZero() {
		try (ParameterStore store = new ParameterStore(root); NDManager m = root.newSubManager()) {
			final InvertibleBlock one = new AffineCoupling(store, "a", DIMS, FEATURES, 32, 2, 2f, new SplittableRandom(1));
			final InvertibleBlock both = new GlowCoupling(store, "g", DIMS, FEATURES, 32, 2, 2f, new SplittableRandom(2));
			store.seal();
			final NDArray x = FlowTesting.gaussianRows(m, 3, 1000, DIMS, 1);
			final Conditioning c = new Conditioning(FlowTesting.gaussianRows(m, 4, 10, FEATURES, 1));
			for (final InvertibleBlock b : new InvertibleBlock[] { one, both }) {
				final Transformed t = b.forward(x, c);
				assertEquals(0, FlowTesting.maxAbsDiff(x.toFloatArray(), t.out().toFloatArray()), 0);
				assertEquals(0, t.logDetPerRow().abs().max().getFloat(), 0);
			}
		}
	}

	@Test
	void actNorm() {
		check("ActNorm", (s, r) -> new ActNorm(s, "a", DIMS), false, 1);
	}

	@Test
	void actNormDataDependentInitialisationStandardisesTheBatch() {
		try (ParameterStore store = new ParameterStore(root); NDManager m = root.newSubManager()) {
			final ActNorm a = new ActNorm(store, "a", 3);
			store.seal();
			final NDArray x = FlowTesting.gaussianRows(m, 3, 5000, 3, 1).mul(m.create(new float[] { 0.5f, 3f, 10f })).add(m.create(new float[] { 1f, -2f, 7f }));
			final NDArray y = a.initialise(x, Conditioning.NONE);
			final float[] mean = y.mean(new int[] { 0 }).toFloatArray();
			final float[] var = y.square().mean(new int[] { 0 }).toFloatArray();
			for (int j = 0; j < 3; j++) {
				assertEquals(0, mean[j], 1e-4);
				assertEquals(1, var[j], 1e-3);
			}
		}
	}

	@Test
	void fixedPermutation() {
		check("fixed permutation", (s, r) -> new FixedPermutation(s, "p", DIMS, r), false, 1);
	}

	@Test
	void fixedPermutationIsAPermutationAndSeeded() {
		try (ParameterStore a = new ParameterStore(root); ParameterStore b = new ParameterStore(root); NDManager m = root.newSubManager()) {
			final FixedPermutation pa = new FixedPermutation(a, "p", 6, new SplittableRandom(5));
			final FixedPermutation pb = new FixedPermutation(b, "p", 6, new SplittableRandom(5));
			a.seal();
			b.seal();
			final NDArray x = m.create(new float[] { 0, 1, 2, 3, 4, 5 }, new Shape(1, 6));
			final float[] ya = pa.forward(x, Conditioning.NONE).out().toFloatArray();
			assertEquals(java.util.Arrays.toString(ya), java.util.Arrays.toString(pb.forward(x, Conditioning.NONE).out().toFloatArray()));
			final float[] sorted = ya.clone();
			java.util.Arrays.sort(sorted);
			assertEquals("[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]", java.util.Arrays.toString(sorted));
			assertTrue(!java.util.Arrays.equals(ya, x.toFloatArray()));
		}
	}

	@Test
	void householderMixing() {
		check("Householder mixing", (s, r) -> new HouseholderMixing(s, "h", DIMS, 3, r), false, 1);
	}

	@Test
	void targetTransformWithBoundedAndUnboundedDimensions() {
		// bounded dims get inputs inside their ranges: sigmoid of Gaussians rescaled
		try (ParameterStore store = new ParameterStore(root); NDManager m = root.newSubManager()) {
			final double[][] ranges = { { 0, 1 }, null, { -2, 5 }, null, { 0, 0.3 } };
			final TargetTransform t = new TargetTransform(store, "t", ranges, 1e-3);
			store.seal();
			t.setStatistics(new double[] { 0.3, -1, 0.5, 2, -0.2 }, new double[] { 1.5, 2, 0.7, 0.4, 1.1 });
			final NDArray g = FlowTesting.gaussianRows(m, 21, ROWS, DIMS, 1.5);
			final NDArray s = ai.djl.nn.Activation.sigmoid(g);
			final NDArray lo = m.create(new float[] { 0, 0, -2, 0, 0 }), width = m.create(new float[] { 1, 0, 7, 0, 0.3f });
			final NDArray isBounded = m.create(new float[] { 1, 0, 1, 0, 1 });
			final NDArray x = s.mul(width).add(lo).mul(isBounded).add(g.mul(isBounded.neg().add(1)));
			final Transformed f = t.forward(x, Conditioning.NONE);
			final double err = FlowTesting.maxAbsDiff(x.toFloatArray(), t.inverse(f.out(), Conditioning.NONE).toFloatArray());
			assertTrue(err <= 1e-4, "target transform round trip " + err);
			final NDArray xj = x.get("0:" + JACOBIAN_ROWS);
			final double[] expected = FlowTesting.autogradLogDet(in -> t.forward(in, Conditioning.NONE).out(), xj);
			final float[] actual = t.forward(xj, Conditioning.NONE).logDetPerRow().toFloatArray();
			for (int r = 0; r < JACOBIAN_ROWS; r++) assertEquals(expected[r], actual[r], 1e-3, "row " + r);
		}
	}

	private static void checkNetwork(final InnArchitecture arch) {
		try (InvertibleNetwork net = InvertibleNetwork.create(arch, root); NDManager m = root.newSubManager()) {
			FlowTesting.randomiseWeights(net.parameters(), 31, 0.1);
			final NDArray g = FlowTesting.gaussianRows(m, 32, ROWS, arch.dimension(), 1);
			// target 0 is bounded in [0, 1]: map it there
			final NDArray x = ai.djl.nn.Activation.sigmoid(g.get(":, 0:1")).concat(g.get(":, 1:"), 1);
			final NDArray obs = arch.conditions > 0 ? FlowTesting.gaussianRows(m, 33, OBSERVATIONS, arch.conditions, 2) : null;
			final Conditioning c = net.condition(obs);
			final Transformed t = net.forward(x, c);
			final double err = FlowTesting.maxAbsDiff(x.toFloatArray(), net.inverse(t.out(), c).toFloatArray());
			System.out.printf("%s network: inverse error %.2e%n", arch.blockType, err);
			assertTrue(err <= 1e-4, arch.blockType + " network: max |f^-1(f(x)) - x| = " + err);
			final NDArray xj = x.get("0:" + JACOBIAN_ROWS);
			final Conditioning cj = net.condition(obs == null ? null : obs.get("0:" + (JACOBIAN_ROWS / 100)));
			final double[] expected = FlowTesting.autogradLogDet(in -> net.forward(in, cj).out(), xj);
			final float[] actual = net.forward(xj, cj).logDet().toFloatArray();
			double worst = 0;
			for (int r = 0; r < JACOBIAN_ROWS; r++) worst = Math.max(worst, Math.abs(expected[r] - actual[r]));
			System.out.printf("%s network: log-det error %.2e (log-dets up to %.1f)%n", arch.blockType, worst, java.util.Arrays.stream(expected).map(Math::abs).max().getAsDouble());
			assertTrue(worst <= 1e-3, arch.blockType + " network log-det error " + worst);
		}
	}

	@Test
	void fullConditionalNetworkOfAllInOneBlocksWithHouseholder() {
		final InnArchitecture a = InnArchitecture.forTargets(3, 7);
		a.padding = 1;
		a.ranges[0] = new double[] { 0, 1 };
		a.blocks = 6;
		a.subnetWidth = 64;
		a.conditionFeatures = 16;
		a.conditionWidth = 32;
		a.householder = 2;
		checkNetwork(a);
	}

	@Test
	void fullConditionalNetworkOfGlowBlocks() {
		final InnArchitecture a = InnArchitecture.forTargets(4, 5);
		a.ranges[0] = new double[] { 0, 1 };
		a.blockType = InnArchitecture.GLOW;
		a.blocks = 4;
		a.subnetWidth = 64;
		a.conditionFeatures = 0;
		checkNetwork(a);
	}

	@Test
	void aConditionGivenOncePerObservationEqualsTheConditionRepeatedForEveryRow() {
		final InnArchitecture a = InnArchitecture.forTargets(3, 5);
		a.blocks = 3;
		a.subnetWidth = 32;
		a.conditionFeatures = 8;
		a.conditionWidth = 16;
		try (InvertibleNetwork net = InvertibleNetwork.create(a, root); NDManager m = root.newSubManager()) {
			FlowTesting.randomiseWeights(net.parameters(), 41, 0.2);
			final int p = 7, n = 13;
			final NDArray obs = FlowTesting.gaussianRows(m, 42, p, 5, 1);
			final NDArray repeated = obs.repeat(0, n); // row p*n + k is observation p
			final NDArray x = FlowTesting.gaussianRows(m, 43, p * n, 3, 1);
			final float[] once = net.forward(x, net.condition(obs)).out().toFloatArray();
			final float[] perRow = net.forward(x, net.condition(repeated)).out().toFloatArray();
			assertTrue(FlowTesting.maxAbsDiff(once, perRow) < 1e-5, "per-observation vs per-row condition: " + FlowTesting.maxAbsDiff(once, perRow));
			final NDArray z = FlowTesting.gaussianRows(m, 44, p * n, 3, 1);
			assertTrue(FlowTesting.maxAbsDiff(net.inverse(z, net.condition(obs)).toFloatArray(), net.inverse(z, net.condition(repeated)).toFloatArray()) < 1e-5);
			// and the condition matters: another observation order gives other results
			final float[] shuffled = net.forward(x, net.condition(obs.get("1:").concat(obs.get("0:1"), 0))).out().toFloatArray();
			assertTrue(FlowTesting.maxAbsDiff(once, shuffled) > 1e-2);
		}
	}

	@Test
	void fullUnconditionalNetwork() {
		final InnArchitecture a = InnArchitecture.forTargets(3, 0);
		a.ranges[0] = new double[] { 0, 1 };
		a.blocks = 5;
		a.subnetWidth = 64;
		checkNetwork(a);
	}
}
