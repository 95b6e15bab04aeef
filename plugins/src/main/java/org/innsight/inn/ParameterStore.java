package org.innsight.inn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.innsight.engine.Autograd;

/**
 * Every weight of one network, owned by one native manager.
 * <p>
 * Trainable weights are views into a single flat array, so the optimiser, gradient clipping and weight decay
 * are a handful of native calls per step whatever the number of layers. Fixed weights (permutations,
 * normalisation statistics) are separate arrays. Weights are saved and loaded by name in DJL's NDList format.
 */
public final class ParameterStore implements AutoCloseable {

	private final NDManager manager;
	private final Map<String, Param> params = new LinkedHashMap<>();
	private final Map<Float, NDArray> constants = new java.util.concurrent.ConcurrentHashMap<>();
	private NDArray flat;
	/** Training: this step's gradient-recording alias of {@link #flat} (same memory, a fresh autograd leaf per step). */
	private NDArray leaf;
	private boolean sealed;
	private boolean trainingViews;
	private final Map<String, ParamGroup> groups = new LinkedHashMap<>();
	private long[] groupPoints;

	public ParameterStore(final NDManager parent) {
		this.manager = parent.newSubManager();
	}

	public NDManager manager() {
		return manager;
	}

	/** Declares a weight with its initial values; only before {@link #seal()}. */
	public Param add(final String name, final Shape shape, final float[] initial, final boolean trainable) {
		return add(name, shape, initial, trainable, null);
	}

	/**
	 * Declares a weight; a trainable one is stored in {@code group} (null: matrices by their column count, all
	 * other weights together). A group's weights sit next to each other in the flat array, in declaration order,
	 * matrices stacked row-wise, so the group is one array too ({@link #stacked}).
	 */
	public Param add(final String name, final Shape shape, final float[] initial, final boolean trainable, final String group) {
		if (sealed) throw new IllegalStateException("store is sealed; cannot add " + name);
		if (params.containsKey(name)) throw new IllegalArgumentException("duplicate parameter name " + name);
		final Param p = new Param(name, shape, trainable, initial);
		if (trainable) groups.computeIfAbsent(group != null ? group : shape.dimension() == 2 ? "columns " + shape.get(1) : "other",
			ParamGroup::new).params.add(p);
		params.put(name, p);
		return p;
	}

	/** Creates the native arrays; afterwards the set of weights is fixed. */
	public void seal() {
		if (sealed) return;
		long n = 0;
		for (final ParamGroup g : groups.values()) n = g.layOut(n);
		final float[] all = new float[Math.toIntExact(n)];
		for (final Param p : params.values())
			if (p.trainable) System.arraycopy(p.initial, 0, all, (int) p.offset, p.initial.length);
		flat = keep(org.innsight.engine.NativeArrays.copyOf(manager, all, new Shape(all.length)));
		for (final Param p : params.values()) {
			p.value = keep(p.trainable ? view(p) : org.innsight.engine.NativeArrays.copyOf(manager, p.initial, p.shape));
			p.initial = null;
		}
		sealed = true;
	}

	/**
	 * A scalar constant in memory PyTorch owns, for use in differentiated code instead of a Number argument
	 * (see {@link org.innsight.engine.NativeArrays}); cached per value for the life of the store.
	 */
	public NDArray constant(final float value) {
		return constants.computeIfAbsent(value, v -> keep(org.innsight.engine.NativeArrays.scalar(manager, v)));
	}

	/** All weights in declaration order. */
	public List<Param> all() {
		return Collections.unmodifiableList(new ArrayList<>(params.values()));
	}

	public Param get(final String name) {
		final Param p = params.get(name);
		if (p == null) throw new IllegalArgumentException("no parameter " + name);
		return p;
	}

	/** Number of trainable scalars. */
	public long trainableCount() {
		return flat == null ? 0 : flat.size();
	}

	/** The flat array behind every trainable weight (the optimiser updates it in place). */
	NDArray flat() {
		return flat;
	}

	/**
	 * Training mode: marks the flat array as needing gradients and gives every weight a view that passes
	 * gradients to it ({@link #newStepViews}). Off: plain views for inference.
	 */
	void setTraining(final boolean on) {
		if (on == trainingViews) return;
		trainingViews = on;
		if (on) {
			for (final ParamGroup g : groups.values()) g.release();
			newStepViews();
		}
		else try (Autograd paused = Autograd.pause()) {
			for (final ParamGroup g : groups.values()) g.release();
			for (final Param p : params.values())
				if (p.trainable) replaceValue(p, keep(view(p)));
			leaf.close();
			leaf = null;
		}
	}

	/**
	 * Training: the gradient of the last backward pass for every trainable weight, flat like {@link #flat()}. Each
	 * step's views come from a fresh leaf, so this holds that step's gradient only: nothing to zero between steps,
	 * and the backward pass hands over its flat gradient instead of adding it to a zeroed one.
	 */
	NDArray gradient() {
		if (leaf == null) throw new IllegalStateException("not in training mode");
		return leaf.getGradient();
	}

	/**
	 * Training mode: new gradient-passing views of every trainable weight, for the next step (call before its
	 * forward pass). All come from one split of the flat array, so the backward pass assembles the flat gradient
	 * with one concatenation. (Separate slices, or views reused after the optimiser changed the flat array in
	 * place, give every weight its own zero-filled flat-sized gradient to add up: measured 2 x 75 passes over
	 * the whole flat array per step.) The views stay valid until the next call, so the weights can be read
	 * between steps (validation).
	 */
	void newStepViews() {
		if (!trainingViews) throw new IllegalStateException("not in training mode");
		if (groupPoints == null) groupPoints = groups.values().stream().skip(1).mapToLong(g -> g.offset).toArray();
		if (leaf != null) leaf.close();
		leaf = keep(flat.stopGradient());
		leaf.setRequiresGradient(true);
		try (Autograd recording = Autograd.record()) {
			// one split into the groups, one reshape and one split per group: a few native calls, whatever the weights
			final NDList pieces = groupPoints.length == 0 ? new NDList(leaf.reshape(leaf.getShape())) : leaf.split(groupPoints, 0);
			int i = 0;
			for (final ParamGroup g : groups.values()) {
				final NDArray piece = keep(pieces.get(i++));
				final NDArray whole = g.columns > 0 ? keep(piece.reshape(g.rows, g.columns)) : piece;
				if (whole != piece) piece.close();
				final NDList parts = g.params.size() == 1 ? new NDList(whole) : whole.split(g.splitPoints(), 0);
				final NDArray old = g.value;
				final boolean oldShared = g.shares(old);
				for (int k = 0; k < g.params.size(); k++) {
					final Param p = g.params.get(k);
					final NDArray part = keep(parts.get(k));
					if (part.getShape().equals(p.shape)) replaceValue(p, part);
					else {
						replaceValue(p, keep(part.reshape(p.shape)));
						if (part != whole) part.close();
					}
				}
				g.value = whole;
				if (old != null && !oldShared) old.close();
			}
		}
	}

	/**
	 * The group's weights as one array, if {@code members} are exactly one group's weights in order (else null):
	 * (total rows, columns) for a group of matrices with equal column counts, flat otherwise. Valid like
	 * {@link Param#get()}; during training it passes gradients to the weights.
	 */
	NDArray stacked(final List<Param> members) {
		if (members.isEmpty() || !members.get(0).trainable) return null;
		for (final ParamGroup g : groups.values())
			if (g.params.equals(members)) {
				if (g.value == null) try (NDArray slice = flat.get(new NDIndex(g.offset + ":" + (g.offset + g.size)))) {
					g.value = keep(g.columns > 0 ? slice.reshape(g.rows, g.columns) : slice.reshape(slice.getShape()));
				}
				return g.value;
			}
		return null;
	}

	/** Trainable weights stored together (see {@link ParameterStore#add(String, Shape, float[], boolean, String)}). */
	private static final class ParamGroup {
		final List<Param> params = new ArrayList<>();
		long offset, size, rows;
		/** Common column count of the group's matrices; 0 for a flat group. */
		long columns;
		/** The group's array while someone asked for it ({@link #stacked}) or in training; may be a weight's own. */
		NDArray value;

		ParamGroup(final String name) {}

		/** Assigns the weights' offsets from {@code start}; returns the end. */
		long layOut(final long start) {
			offset = start;
			long n = start;
			columns = params.get(0).shape.dimension() == 2 ? params.get(0).shape.get(1) : 0;
			for (final Param p : params) {
				p.offset = n;
				n += p.shape.size();
				if (p.shape.dimension() != 2 || p.shape.get(1) != columns) columns = 0;
			}
			size = n - start;
			rows = columns > 0 ? size / columns : 0;
			return n;
		}

		/** Where the weights start inside the group: rows for matrices, elements otherwise. */
		long[] splitPoints() {
			final long[] points = new long[params.size() - 1];
			for (int k = 1; k < params.size(); k++) points[k - 1] = (params.get(k).offset - offset) / (columns > 0 ? columns : 1);
			return points;
		}

		boolean shares(final NDArray a) {
			for (final Param p : params)
				if (p.value == a) return true;
			return false;
		}

		/** Forgets (and frees, unless it is a weight's own array) the group's array. */
		void release() {
			if (value != null && !shares(value)) value.close();
			value = null;
		}
	}

	private static void replaceValue(final Param p, final NDArray value) {
		final NDArray old = p.value;
		p.value = value;
		if (old != null) old.close();
	}

	private NDArray view(final Param p) {
		try (NDArray slice = flat.get(new NDIndex(p.offset + ":" + (p.offset + p.shape.size())))) {
			return slice.reshape(p.shape);
		}
	}

	/** Overwrites a weight's values in place (e.g. data-dependent initialisation). */
	void assign(final Param p, final NDArray values) {
		if (!values.getShape().equals(p.shape))
			throw new IllegalArgumentException("parameter " + p.name + " has shape " + p.shape + ", got " + values.getShape());
		final NDArray target = p.get();
		target.muli(0f).addi(values);
	}

	/** A copy of every weight's values on the heap, by name (for best-so-far checkpoints). */
	public Map<String, float[]> snapshot() {
		// read trainable values from the flat array: during training the per-step views may already be freed
		final float[] all = flat.toFloatArray();
		final Map<String, float[]> s = new LinkedHashMap<>();
		for (final Param p : params.values())
			s.put(p.name, p.trainable ? java.util.Arrays.copyOfRange(all, (int) p.offset, (int) (p.offset + p.shape.size()))
				: p.get().toFloatArray());
		return s;
	}

	/** Restores values from {@link #snapshot()} or from a loaded file; every weight must be present with its size. */
	public void restore(final Map<String, float[]> values, final String where) {
		if (trainingViews) throw new IllegalStateException("cannot restore weights during training");
		try (NDScope scope = new NDScope()) {
			for (final Param p : params.values()) {
				final float[] v = values.get(p.name);
				if (v == null) throw new IllegalArgumentException(where + " has no weight '" + p.name + "'");
				if (v.length != p.shape.size())
					throw new IllegalArgumentException(where + ": weight '" + p.name + "' has " + v.length + " values, the network needs " + p.shape);
				assign(p, manager.create(v, p.shape));
			}
			final HashMap<String, float[]> extra = new HashMap<>(values);
			extra.keySet().removeAll(params.keySet());
			if (!extra.isEmpty()) throw new IllegalArgumentException(where + " has weights the network does not: " + extra.keySet());
		}
	}

	/** Writes every weight, named, in DJL's NDList format. */
	public void save(final OutputStream out) throws IOException {
		try (NDScope scope = new NDScope()) {
			final NDList list = new NDList();
			for (final Param p : params.values()) {
				final NDArray a = p.get().duplicate();
				a.setName(p.name);
				list.add(a);
			}
			list.encode(out);
		}
	}

	/** Reads weights written by {@link #save}; {@code where} names the file in error messages. */
	public void load(final InputStream in, final String where) throws IOException {
		final Map<String, float[]> values = new HashMap<>();
		try (NDManager tmp = manager.newSubManager()) {
			final NDList list;
			try {
				list = NDList.decode(tmp, in);
			}
			catch (final RuntimeException e) {
				throw new IOException(where + " is not a DJL NDList weights file: " + e.getMessage(), e);
			}
			for (final NDArray a : list) values.put(a.getName(), a.toFloatArray());
		}
		restore(values, where);
	}

	private static NDArray keep(final NDArray a) {
		// Weights outlive any scope the caller may have open.
		NDScope.unregister(a);
		return a;
	}

	@Override
	public void close() {
		manager.close();
	}
}
