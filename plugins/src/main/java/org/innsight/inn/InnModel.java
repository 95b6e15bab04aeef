package org.innsight.inn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.engine.TileScope;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A flow with its model card: the unit the capabilities load, run and save. Works on plain float arrays in the
 * user's units (row-major), so callers need no NDArray code:
 * <ul>
 * <li>{@link #sample}: N posterior samples per observation (conditioning computed once per observation);</li>
 * <li>{@link #logDensity}: log p(targets | observations) in the targets' units, padding dimensions marginalised;</li>
 * <li>{@link #toLatent} / {@link #fromLatent}: the flow and its inverse (domain transfer).</li>
 * </ul>
 * Thread-safe for concurrent calls (each call has its own native scope); weights are read-only after loading.
 */
public final class InnModel implements AutoCloseable {

	public static final String WEIGHTS_FILE = "weights.ndlist";
	/** Rows per native call when sampling: keeps activations cache-sized and memory bounded (see {@code bench inn}). */
	public static final int DEFAULT_ROWS_PER_CALL = 8192;
	/** Draws of the padding dimensions per row when estimating a padded model's density. */
	public static final int DEFAULT_PADDING_DRAWS = 16;

	private final ModelCard card;
	private final ConditionalFlow flow;
	private final NDManager root;
	private final boolean ownsRoot;
	private final int targets, padding, observations;
	private final double[][] ranges;
	private volatile int rowsPerCall = DEFAULT_ROWS_PER_CALL;

	private InnModel(final ModelCard card, final ConditionalFlow flow, final NDManager root, final boolean ownsRoot, final int targets,
		final double[][] ranges)
	{
		this.card = card;
		this.flow = flow;
		this.root = root;
		this.ownsRoot = ownsRoot;
		this.targets = targets;
		this.padding = flow.dimension() - targets;
		this.observations = flow.conditionDimension();
		this.ranges = ranges;
		if (padding < 0) throw new IllegalArgumentException("flow has " + flow.dimension() + " dimensions for " + targets + " targets");
	}

	/**
	 * Wraps a trained network; the card gets architecture, target transforms/statistics and observation
	 * normalisation from it (name, kind, names, units, provenance are the caller's).
	 */
	public static InnModel of(final InvertibleNetwork net, final ModelCard card) {
		final ModelCard c = card.copy();
		describe(net, c);
		return new InnModel(c, net, null, false, net.architecture().targets, net.architecture().ranges);
	}

	/** Loads a checked model folder: InnSight weights, or a TorchScript file (see {@link TorchScriptFlow}). */
	public static InnModel load(final ModelFolder folder, final Device device) throws IOException {
		final ModelCard card = folder.card();
		final String where = folder.dir().resolve(ModelCard.FILE_NAME).toString();
		final NDManager root = Engines.newManager(device);
		try {
			final String format = card.architecture.has("format") ? card.architecture.get("format").getAsString() : "";
			if (TorchScriptFlow.FORMAT.equals(format)) {
				final TorchScriptFlow flow = TorchScriptFlow.load(folder.file(TorchScriptFlow.FILE), card, root);
				return new InnModel(card, flow, root, true, card.outputs.size(), TorchScriptFlow.ranges(card));
			}
			final InnArchitecture arch = InnArchitecture.fromJson(card.architecture, where);
			if (arch.targets != card.outputs.size())
				throw new IllegalArgumentException(where + ": architecture has " + arch.targets + " targets but the card lists " + card.outputs.size() + " outputs");
			if (arch.conditions != card.inputs.names.size())
				throw new IllegalArgumentException(where + ": architecture expects " + arch.conditions + " observations but the card lists " +
					card.inputs.names.size() + " inputs");
			final InvertibleNetwork net = InvertibleNetwork.create(arch, root);
			final Path weights = folder.file(WEIGHTS_FILE);
			try (InputStream in = Files.newInputStream(weights)) {
				net.load(in, weights.toString());
			}
			return new InnModel(card, net, root, true, arch.targets, arch.ranges);
		}
		catch (final IOException | RuntimeException e) {
			root.close();
			throw e;
		}
	}

	/** Loads a model by folder path or by name, looked up by {@link org.innsight.engine.ModelLookup}. */
	public static InnModel load(final String nameOrPath, final Device device) throws IOException {
		return load(org.innsight.engine.ModelLookup.standard().resolve(nameOrPath), device);
	}

	/** Writes weights and card to a model folder (replacing an earlier save there only if {@code replace}). */
	public ModelFolder save(final Path dir, final boolean replace) throws IOException {
		if (!(flow instanceof InvertibleNetwork net)) throw new UnsupportedOperationException("only InnSight networks are saved; a TorchScript model is its file");
		final Map<String, ModelFolder.Content> files = new LinkedHashMap<>();
		files.put(WEIGHTS_FILE, net::save);
		return ModelFolder.save(dir, card, files, replace);
	}

	/** The card (a copy). */
	public ModelCard card() {
		return card.copy();
	}

	/** The flow itself, for NDArray-level work. */
	public ConditionalFlow flow() {
		return flow;
	}

	public int targets() {
		return targets;
	}

	public int observations() {
		return observations;
	}

	public List<String> targetNames() {
		final List<String> names = new ArrayList<>();
		for (final ModelCard.Output o : card.outputs) names.add(o.name);
		return names;
	}

	public List<String> observationNames() {
		return new ArrayList<>(card.inputs.names);
	}

	/** Rows per native call when sampling (memory and speed); see {@code innsight bench inn}. */
	public void setRowsPerCall(final int rows) {
		if (rows < 1) throw new IllegalArgumentException("rows per call must be >= 1");
		rowsPerCall = rows;
	}

	/**
	 * Posterior samples: for each of {@code rows} observations ({@code observations}: rows x observationDims,
	 * null for an unconditional model), {@code samples} draws of the targets. Returns rows x samples x targets,
	 * observation-major, in the targets' units; bounded targets stay within their range. The same seed gives
	 * the same samples (bit for bit with the same {@link #setRowsPerCall}; otherwise up to float rounding, as
	 * matrix-multiply kernels depend on the batch size).
	 */
	public float[] sample(final float[] observations, final int rows, final int samples, final long seed) {
		checkObservations(observations, rows);
		if (samples < 1) throw new IllegalArgumentException("samples per observation must be >= 1");
		final int d = flow.dimension();
		final float[] out = new float[Math.multiplyExact(Math.multiplyExact(rows, samples), targets)];
		final SplittableRandom rng = new SplittableRandom(seed);
		final int perCall = Math.max(1, rowsPerCall / samples);
		try (Autograd off = Autograd.pause()) {
			for (int first = 0; first < rows; first += perCall) {
				final int n = Math.min(perCall, rows - first);
				final float[] z = InnTrainer.gaussian(rng, n * samples * d, 1);
				try (TileScope tile = TileScope.open(root())) {
					final NDManager m = tile.manager();
					final Conditioning c = condition(m, observations, first, n);
					final NDArray zz = m.create(z, new Shape((long) n * samples, d));
					final float[] x = flow.inverse(zz, c).toFloatArray();
					copyTargets(x, n * samples, d, out, (long) first * samples * targets);
				}
			}
		}
		return out;
	}

	/**
	 * log p(targets | observations) per row, in the targets' units (Jacobians of the bounded-parameter and
	 * standardisation maps included). A padded model's padding dimensions are integrated out by importance
	 * sampling with {@link #DEFAULT_PADDING_DRAWS} standard-normal draws (an unbiased estimate of p, seeded).
	 */
	public double[] logDensity(final float[] targetValues, final float[] observations, final int rows) {
		checkObservations(observations, rows);
		if (targetValues.length != (long) rows * targets)
			throw new IllegalArgumentException(targetValues.length + " target values for " + rows + " rows of " + targets);
		final int draws = padding == 0 ? 1 : DEFAULT_PADDING_DRAWS;
		final int d = flow.dimension();
		final double[] out = new double[rows];
		final SplittableRandom rng = new SplittableRandom(0x1D5L);
		final int perCall = Math.max(1, rowsPerCall / draws);
		try (Autograd off = Autograd.pause()) {
			for (int first = 0; first < rows; first += perCall) {
				final int n = Math.min(perCall, rows - first);
				final float[] x = new float[n * draws * d];
				final double[] padLog = new double[n * draws];
				for (int r = 0; r < n; r++)
					for (int k = 0; k < draws; k++) {
						final int row = r * draws + k;
						System.arraycopy(targetValues, (first + r) * targets, x, row * d, targets);
						for (int j = targets; j < d; j++) {
							final double a = rng.nextGaussian();
							x[row * d + j] = (float) a;
							padLog[row] += -0.5 * a * a - 0.5 * Math.log(2 * Math.PI);
						}
					}
				final float[] logP;
				try (TileScope tile = TileScope.open(root())) {
					final NDManager m = tile.manager();
					logP = flow.logDensity(m.create(x, new Shape((long) n * draws, d)), condition(m, observations, first, n)).toFloatArray();
				}
				for (int r = 0; r < n; r++) {
					double max = Double.NEGATIVE_INFINITY;
					for (int k = 0; k < draws; k++) max = Math.max(max, logP[r * draws + k] - padLog[r * draws + k]);
					double sum = 0;
					for (int k = 0; k < draws; k++) sum += Math.exp(logP[r * draws + k] - padLog[r * draws + k] - max);
					out[first + r] = max + Math.log(sum / draws);
				}
			}
		}
		return out;
	}

	/**
	 * The flow x -> z for rows of x given in the flow's own dimensions (targets plus padding: rows x
	 * {@code flow().dimension()}), each with its own observation row. Returns rows x dimension.
	 */
	public float[] toLatent(final float[] x, final float[] observations, final int rows) {
		checkObservations(observations, rows);
		try (Autograd off = Autograd.pause(); TileScope tile = TileScope.open(root())) {
			final NDManager m = tile.manager();
			return flow.forward(m.create(x, new Shape(rows, flow.dimension())), condition(m, observations, 0, rows)).out().toFloatArray();
		}
	}

	/** The inverse z -> x of {@link #toLatent}, one observation row per row (rows x dimension, no clipping). */
	public float[] fromLatent(final float[] z, final float[] observations, final int rows) {
		checkObservations(observations, rows);
		try (Autograd off = Autograd.pause(); TileScope tile = TileScope.open(root())) {
			final NDManager m = tile.manager();
			return flow.inverse(m.create(z, new Shape(rows, flow.dimension())), condition(m, observations, 0, rows)).toFloatArray();
		}
	}

	private Conditioning condition(final NDManager m, final float[] observations, final int first, final int n) {
		if (this.observations == 0) return flow.condition(null);
		final float[] slice = java.util.Arrays.copyOfRange(observations, first * this.observations, (first + n) * this.observations);
		return flow.condition(m.create(slice, new Shape(n, this.observations)));
	}

	private void copyTargets(final float[] x, final int rows, final int d, final float[] out, final long offset) {
		for (int r = 0; r < rows; r++)
			for (int j = 0; j < targets; j++) {
				float v = x[r * d + j];
				if (ranges != null && ranges[j] != null) v = (float) Math.min(ranges[j][1], Math.max(ranges[j][0], v));
				out[(int) (offset + (long) r * targets + j)] = v;
			}
	}

	private void checkObservations(final float[] values, final int rows) {
		if (rows < 0) throw new IllegalArgumentException("rows must be >= 0");
		if (observations == 0) {
			if (values != null && values.length != 0) throw new IllegalArgumentException("this model is unconditional; pass no observations");
			return;
		}
		if (values == null || values.length != (long) rows * observations)
			throw new IllegalArgumentException("expected " + rows + " x " + observations + " observation values (" + String.join(", ", card.inputs.names) +
				"), got " + (values == null ? "none" : values.length));
	}

	private NDManager root() {
		if (root != null) return root;
		return ((InvertibleNetwork) flow).parameters().manager();
	}

	/** Fills the card's architecture, output transforms/statistics and input normalisation from the network. */
	private static void describe(final InvertibleNetwork net, final ModelCard c) {
		final InnArchitecture arch = net.architecture();
		c.architecture = arch.toJson();
		final double[][] ts = net.targetStatistics();
		if (c.outputs.size() != arch.targets)
			throw new IllegalArgumentException("card lists " + c.outputs.size() + " outputs for " + arch.targets + " targets");
		for (int j = 0; j < arch.targets; j++) {
			final ModelCard.Output o = c.outputs.get(j);
			final double[] range = arch.ranges == null ? null : arch.ranges[j];
			o.range = range == null ? o.range : range.clone();
			o.transform = range == null ? "identity" : "logit";
			o.mean = ts[0][j];
			o.sd = ts[1][j];
		}
		final double[][] cs = net.conditionStatistics();
		if (cs != null) {
			if (c.inputs.names.size() != arch.conditions)
				throw new IllegalArgumentException("card lists " + c.inputs.names.size() + " inputs for " + arch.conditions + " observation columns");
			c.inputs.normalisation = ModelCard.Normalisation.standardise(cs[0], cs[1]);
		}
	}

	@Override
	public void close() {
		if (ownsRoot) {
			flow.close();
			root.close();
		}
	}
}
