package org.innsight.inn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * InnSight's conditional invertible network: a fixed target transform (bounded-to-unbounded, standardised),
 * then {@link InnArchitecture#blocks} blocks of couplings, normalisations and mixings, conditioned through a
 * jointly trained conditioning network. Built from NDArray operations on weights it owns, so inverses are exact
 * and log|det J| comes per row.
 */
public final class InvertibleNetwork implements ConditionalFlow {

	private final InnArchitecture arch;
	private final ParameterStore store;
	private final TargetTransform targetTransform;
	private final ConditionNet conditionNet;
	private final List<InvertibleBlock> blocks = new ArrayList<>();
	private final List<Subnet> subnets = new ArrayList<>();
	/** Every ActNorm's log-scale, in block order: one store group, summed at once for the log-det. */
	private final List<Param> actNormScales = new ArrayList<>();
	private final long multiplyAddsPerSample, multiplyAddsPerObservation;

	private InvertibleNetwork(final InnArchitecture arch, final NDManager parent) {
		this.arch = arch.validate();
		this.store = new ParameterStore(parent);
		final SplittableRandom rng = new SplittableRandom(arch.seed);
		final int d = arch.dimension();
		final double[][] ranges = new double[d][];
		if (arch.ranges != null) System.arraycopy(arch.ranges, 0, ranges, 0, arch.targets);
		targetTransform = new TargetTransform(store, "targets", ranges, arch.logitMargin);
		if (arch.conditions > 0) {
			conditionNet = new ConditionNet(store, "condition", arch.conditions, arch.conditionFeatures, arch.conditionWidth,
				arch.conditionDepth, rng.split());
		}
		else conditionNet = null;
		final int features = conditionNet == null ? 0 : conditionNet.featureDims();
		final float clamp = (float) arch.clamp;
		long macs = 0;
		for (int b = 0; b < arch.blocks; b++) {
			final String name = "block" + b;
			if (InnArchitecture.GLOW.equals(arch.blockType)) {
				if (arch.actNorm) blocks.add(new ActNorm(store, name + ".actnorm", d));
				final GlowCoupling coupling = new GlowCoupling(store, name + ".coupling", d, features, arch.subnetWidth, arch.subnetDepth, clamp, rng.split());
				macs += coupling.multiplyAddsPerRow();
				subnets.addAll(coupling.subnets());
				blocks.add(coupling);
			}
			else {
				final AffineCoupling coupling = new AffineCoupling(store, name + ".coupling", d, features, arch.subnetWidth, arch.subnetDepth, clamp, rng.split());
				macs += coupling.multiplyAddsPerRow();
				subnets.addAll(coupling.subnets());
				blocks.add(coupling);
				blocks.add(new ActNorm(store, name + ".actnorm", d));
			}
			blocks.add(new FixedPermutation(store, name + ".permutation", d, rng.split()));
			if (arch.householder > 0) blocks.add(new HouseholderMixing(store, name + ".householder", d, arch.householder, rng.split()));
		}
		for (final InvertibleBlock b : blocks)
			if (b instanceof ActNorm a) actNormScales.add(a.logScale());
		store.seal();
		multiplyAddsPerSample = macs;
		multiplyAddsPerObservation = conditionNet == null ? 0 : conditionNet.multiplyAddsPerRow();
	}

	/** A new network with freshly initialised weights (every coupling starts as the identity). */
	public static InvertibleNetwork create(final InnArchitecture arch, final NDManager parent) {
		return new InvertibleNetwork(arch, parent);
	}

	public InnArchitecture architecture() {
		return arch;
	}

	public ParameterStore parameters() {
		return store;
	}

	@Override
	public int dimension() {
		return arch.dimension();
	}

	@Override
	public int conditionDimension() {
		return arch.conditions;
	}

	/** The blocks after the target transform, in order (for tests and diagnostics). */
	List<InvertibleBlock> blocks() {
		return Collections.unmodifiableList(blocks);
	}

	TargetTransform targetTransform() {
		return targetTransform;
	}

	@Override
	public Conditioning condition(final NDArray observations) {
		if (conditionNet == null) {
			if (observations != null && observations.getShape().get(1) != 0)
				throw new IllegalArgumentException("this network is unconditional but got observations " + observations.getShape());
			return Conditioning.NONE;
		}
		if (observations == null) throw new IllegalArgumentException("this network needs observations (" + arch.conditions + " columns)");
		final Conditioning c = new Conditioning(conditionNet.apply(observations));
		Subnet.projectConditions(subnets, c);
		return c;
	}

	@Override
	public Transformed forward(final NDArray x, final Conditioning c) {
		checkRows(x, c);
		try (NDScope scope = new NDScope()) {
			final Transformed t = targetTransform.forward(x, c);
			final Transformed f = forwardCore(t.out(), c);
			return keep(new Transformed(f.out(), f.logDetPerRow().add(t.logDetPerRow())), x.getManager());
		}
	}

	@Override
	public NDArray inverse(final NDArray z, final Conditioning c) {
		checkRows(z, c);
		try (NDScope scope = new NDScope()) {
			NDArray y = z;
			for (int i = blocks.size() - 1; i >= 0; i--) {
				final InvertibleBlock b = blocks.get(i);
				y = replacing(y, z, in -> b.inverse(in, c));
			}
			return keep(targetTransform.inverse(y, c), z.getManager());
		}
	}

	/** The couplings only, on targets already in the standardised unbounded space (the trainer's noise goes in between). */
	Transformed forwardCore(final NDArray u, final Conditioning c) {
		NDArray y = u;
		// log-dets summed once at the end (per-row terms and per-block constants stacked), not block by block
		final List<NDArray> perRow = new ArrayList<>(), constant = new ArrayList<>();
		for (final InvertibleBlock b : blocks) {
			final Transformed t;
			try (NDScope inner = new NDScope()) {
				t = b.forwardTerms(y, c);
				NDScope.unregister(t.out());
				if (t.logDet() != null) NDScope.unregister(t.logDet());
			}
			NDScope.register(t.out());
			if (y != u && y != t.out()) y.close();
			y = t.out();
			if (t.logDet() == null) continue; // volume-preserving
			NDScope.register(t.logDet());
			if (b.preservesVolume()) t.logDet().close();
			else (t.logDet().getShape().dimension() == 0 ? constant : perRow).add(t.logDet());
		}
		if (!actNormScales.isEmpty()) {
			final NDArray scales = store.stacked(actNormScales);
			if (scales == null) throw new IllegalStateException("ActNorm log-scales are not stored together");
			constant.add(scales.sum());
		}
		final NDArray rows = perRow.isEmpty() ? null : rowSums(perRow), constants = sum(constant);
		final NDArray logDet = rows == null ? (constants == null ? u.getManager().zeros(new ai.djl.ndarray.types.Shape()) : constants)
			: constants == null ? rows : rows.add(constants);
		return new Transformed(y, logDet);
	}

	/** Per row, the sum of all terms: (rows,) or (rows, k) arrays, in one reduction. */
	private static NDArray rowSums(final List<NDArray> terms) {
		final NDList columns = new NDList();
		for (final NDArray t : terms) columns.add(t.getShape().dimension() == 2 ? t : t.reshape(t.getShape().get(0), 1));
		return (columns.size() == 1 ? columns.get(0) : ai.djl.ndarray.NDArrays.concat(columns, 1)).sum(new int[] { 1 });
	}

	/** Elementwise sum of equally shaped arrays (null for none). */
	private static NDArray sum(final List<NDArray> terms) {
		if (terms.isEmpty()) return null;
		if (terms.size() == 1) return terms.get(0);
		return ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(terms.toArray(NDArray[]::new))).sum(new int[] { 0 });
	}

	/**
	 * {@code step} applied to {@code in}, with the step's intermediates and {@code in} itself (unless it is the
	 * caller's {@code input}) freed as soon as the step is done. Activations then reuse warm memory instead of
	 * piling up until the call ends: native memory freed and requested anew in every call page-faults on each
	 * touch (measured: a third of the sampling time went to the kernel's page faults before this).
	 * Safe while gradients are recorded too: the recorded graph holds its own references.
	 */
	private static NDArray replacing(final NDArray in, final NDArray input, final java.util.function.UnaryOperator<NDArray> step) {
		final NDArray out;
		try (NDScope inner = new NDScope()) {
			out = step.apply(in);
			NDScope.unregister(out);
		}
		NDScope.register(out);
		if (in != input && in != out) in.close();
		return out;
	}

	/** Target transform only: user units -> standardised unbounded space. */
	Transformed transformTargets(final NDArray x) {
		return targetTransform.forward(x, Conditioning.NONE);
	}

	/** Data-dependent initialisation (ActNorm) from a batch of training rows. */
	void initialise(final NDArray x, final NDArray observations) {
		try (NDScope scope = new NDScope()) {
			final Conditioning c = condition(observations);
			NDArray y = targetTransform.forward(x, c).out();
			for (final InvertibleBlock b : blocks) y = b.initialise(y, c);
		}
	}

	void setTargetStatistics(final double[] mean, final double[] sd) {
		targetTransform.setStatistics(mean, sd);
	}

	void setConditionStatistics(final double[] mean, final double[] sd) {
		if (conditionNet == null) throw new IllegalStateException("unconditional network has no condition statistics");
		conditionNet.setStatistics(mean, sd);
	}

	/** Standardisation of the (transformed) targets: {mean, sd} per dimension. */
	public double[][] targetStatistics() {
		return new double[][] { targetTransform.means(), targetTransform.sds() };
	}

	/** Standardisation of the observations: {mean, sd} per column, or null if unconditional. */
	public double[][] conditionStatistics() {
		return conditionNet == null ? null : new double[][] { conditionNet.means(), conditionNet.sds() };
	}

	/** The bounded-to-unbounded map of one target value, before standardisation (for statistics). */
	double unbounded(final int dim, final double x) {
		return targetTransform.unbounded(dim, x);
	}

	/** Multiply-adds per sample row in the couplings (the per-observation conditioning work not counted). */
	public long multiplyAddsPerSample() {
		return multiplyAddsPerSample;
	}

	/** Multiply-adds of the conditioning network per observation. */
	public long multiplyAddsPerObservation() {
		return multiplyAddsPerObservation;
	}

	public void save(final OutputStream out) throws IOException {
		store.save(out);
	}

	public void load(final InputStream in, final String where) throws IOException {
		store.load(in, where);
	}

	private void checkRows(final NDArray x, final Conditioning c) {
		if (x.getShape().dimension() != 2 || x.getShape().get(1) != dimension())
			throw new IllegalArgumentException("expected rows of " + dimension() + " columns, got shape " + x.getShape());
		if (c.isPresent()) c.rowsPerObservation(x.getShape().get(0));
		else if (conditionNet != null) throw new IllegalArgumentException("this network needs a condition");
	}

	private static NDArray keep(final NDArray a, final NDManager owner) {
		NDScope.unregister(a);
		a.attach(owner);
		return a;
	}

	private static Transformed keep(final Transformed t, final NDManager owner) {
		return new Transformed(keep(t.out(), owner), keep(t.logDet(), owner));
	}

	@Override
	public void close() {
		store.close();
	}
}
