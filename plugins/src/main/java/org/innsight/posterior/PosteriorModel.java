package org.innsight.posterior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.innsight.engine.Autograd;
import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelLookup;
import org.innsight.engine.ModelFolder;
import org.innsight.engine.TileScope;
import org.innsight.image.Wavelengths;
import org.innsight.inn.ConditionalFlow;
import org.innsight.inn.Conditioning;
import org.innsight.inn.InnModel;
import org.innsight.image.Normalisation;
import org.innsight.io.Table;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A trained posterior model (an {@link InnModel}: a conditional INN and its card) as a {@link PosteriorSampler}.
 * <p>
 * What it reads from the card besides what {@link InnModel} needs: {@code kind} starting with {@code posterior};
 * {@code outputs} (parameter names, units, ranges); {@code inputs.names} and {@code inputs.wavelengths_nm} (the
 * observation columns); the per-spectrum normalisation of the training spectra, {@code details.spectrum_normalisation}
 * or {@code details.table_normalisation} (copied from the simulation table's header by {@code train-posterior}):
 * {@code none}, {@code l1} or {@code l2} (or an {@code l1}/{@code l2} part of {@code inputs.normalisation.kind}),
 * applied to every observation before the network, which standardises on its own.
 * <p>
 * Sampling: per observation the condition is computed once; z ~ N(0, I) comes from a random stream keyed by
 * (seed, observation key) on the Java side, so a pixel's samples do not depend on which other pixels share its
 * batch; then x = f^-1(z; c) in batches of up to {@link #BATCH_ROWS} rows. Bounded parameters are clipped to
 * their range (the logit margin lets the inverse overshoot by a hair).
 */
public final class PosteriorModel implements PosteriorSampler {

	/**
	 * Rows (observations x samples) per network call: big enough for fast matrix products, small for memory. 4096,
	 * measured back to back against 8192 with the launcher's serial collector (2026-12-05, 2 cores):
	 * `innsight bench posterior` 3.76e5 against 3.50e5 samples/s, `innsight bench memory --samples 10` a peak of
	 * model + 3.5x the image against 5.2x (32768 rows had given 16x; issue 19).
	 */
	public static final int BATCH_ROWS = 1 << 12;

	private final InnModel model;
	/** For per-call scopes on the model's device (InnModel keeps its own manager to itself). */
	private final NDManager manager;
	private final ModelFolder folder;
	private final ModelCard card;
	private final ConditionalFlow flow;
	private final Normalisation normalisation;
	private final List<String> names = new ArrayList<>(), units = new ArrayList<>();
	private final List<double[]> ranges = new ArrayList<>();
	private final int targets, dims, columns;

	private PosteriorModel(final ModelFolder folder, final InnModel model, final NDManager manager) {
		this.folder = folder;
		this.model = model;
		this.manager = manager;
		this.card = model.card();
		this.flow = model.flow();
		for (final ModelCard.Output o : card.outputs) {
			names.add(o.name);
			units.add(o.unit == null ? "" : o.unit);
			ranges.add(o.range == null ? null : o.range.clone());
		}
		this.targets = names.size();
		this.dims = flow.dimension();
		this.columns = card.inputs.names.size();
		this.normalisation = spectrumNormalisation(card, folder.dir());
		if (flow.conditionDimension() != columns)
			throw new IllegalArgumentException("model " + folder.dir() + ": the network takes " + flow.conditionDimension() +
				" observation columns but the card lists " + columns + " inputs");
	}

	/**
	 * Loads a model by folder path, card file or name ({@link ModelLookup}: -Dinnsight.models, the Fiji app, the checkout, the class path) (checked against its card's
	 * SHA-256s) onto {@code device}; close it to free native memory.
	 */
	public static PosteriorModel load(final String nameOrPath, final Device device) throws IOException {
		return load(ModelLookup.standard().resolve(nameOrPath), device);
	}

	public static PosteriorModel load(final Path dir, final Device device) throws IOException {
		return load(ModelFolder.load(dir), device);
	}

	public static PosteriorModel load(final ModelFolder folder, final Device device) throws IOException {
		final ModelCard card = folder.card();
		if (card.kind == null || !card.kind.toLowerCase(Locale.ROOT).startsWith("posterior"))
			throw new IllegalArgumentException("model " + folder.dir() + " is a '" + card.kind + "' model, not a posterior model");
		spectrumNormalisation(card, folder.dir());
		final InnModel model = InnModel.load(folder, device);
		NDManager manager = null;
		try {
			manager = Engines.newManager(device);
			return new PosteriorModel(folder, model, manager);
		}
		catch (final RuntimeException e) {
			if (manager != null) manager.close();
			model.close();
			throw e;
		}
	}

	/** The per-spectrum normalisation the card asks for. */
	static Normalisation spectrumNormalisation(final ModelCard card, final Path where) {
		for (final String key : new String[] { "spectrum_normalisation", "table_normalisation" })
			if (card.details != null && card.details.has(key) && card.details.get(key).isJsonPrimitive())
				return Normalisation.parse(card.details.get(key).getAsString());
		final String kind = card.inputs.normalisation == null || card.inputs.normalisation.kind == null ? "none"
			: card.inputs.normalisation.kind.toLowerCase(Locale.ROOT);
		Normalisation found = Normalisation.NONE;
		for (final String part : kind.split("\\+")) {
			final String p = part.trim();
			if (p.equals("l1") || p.equals("l2")) {
				if (found != Normalisation.NONE) throw new IllegalArgumentException("model " + where + ": normalisation '" + kind + "' names two norms");
				found = Normalisation.parse(p);
			}
		}
		return found;
	}

	/**
	 * The range of a posterior card's observations in its training table (the card's {@code inputs.names} columns,
	 * normalised per spectrum as the model normalises its inputs): what {@code train-posterior} records, for cards
	 * made before it did ({@code innsight model-range}).
	 */
	public static InputRange trainingRange(final ModelCard card, final Table table) {
		return InputRange.of(table, card.inputs.names, spectrumNormalisation(card, Path.of(card.name)));
	}

	public ModelCard card() {
		return card.copy();
	}

	public Path dir() {
		return folder.dir();
	}

	/** The per-spectrum normalisation applied to observations before the network. */
	public Normalisation normalisation() {
		return normalisation;
	}

	/** The observation column names the model was trained on (e.g. band_00 .. band_15). */
	public List<String> observationNames() {
		return Collections.unmodifiableList(card.inputs.names);
	}

	@Override
	public String name() {
		return card.name;
	}

	@Override
	public InputRange inputRange() {
		return card.inputs.range;
	}

	@Override
	public List<String> parameters() {
		return Collections.unmodifiableList(names);
	}

	@Override
	public List<String> units() {
		return Collections.unmodifiableList(units);
	}

	@Override
	public List<double[]> ranges() {
		final List<double[]> copy = new ArrayList<>();
		for (final double[] r : ranges) copy.add(r == null ? null : r.clone());
		return copy;
	}

	@Override
	public int observationColumns() {
		return columns;
	}

	@Override
	public double[] wavelengthsNm() {
		return card.inputs.wavelengthsNm == null ? null : card.inputs.wavelengthsNm.clone();
	}

	/** "[500, 520, ...] nm" for messages. */
	public String describeWavelengths() {
		return card.inputs.wavelengthsNm == null ? "no wavelengths" : "[" + Wavelengths.format(card.inputs.wavelengthsNm) + "] nm";
	}

	@Override
	public void sample(final float[] observations, final int count, final int samples, final long seed, final long[] keys, final float[] out) {
		if (samples < 1) throw new IllegalArgumentException("need at least one sample per observation, not " + samples);
		final int perCall = Math.max(1, BATCH_ROWS / samples);
		final float[] obs = new float[Math.min(count, perCall) * columns];
		final float[] z = new float[Math.min(count, perCall) * samples * dims];
		final NDManager root = flowManager();
		for (int from = 0; from < count; from += perCall) {
			final int n = Math.min(perCall, count - from);
			System.arraycopy(observations, from * columns, obs, 0, n * columns);
			for (int i = 0; i < n; i++) normalisation.apply(obs, i * columns, columns);
			for (int i = 0; i < n; i++) {
				final SplittableRandom rng = stream(seed, keys[from + i]);
				final int base = i * samples * dims;
				for (int k = 0; k < samples * dims; k++) z[base + k] = (float) rng.nextGaussian();
			}
			final float[] x;
			try (TileScope tile = TileScope.open(root); Autograd off = Autograd.pause()) {
				final NDManager m = tile.manager();
				final float[] o = n * columns == obs.length ? obs : java.util.Arrays.copyOf(obs, n * columns);
				final float[] zz = n * samples * dims == z.length ? z : java.util.Arrays.copyOf(z, n * samples * dims);
				final Conditioning c = flow.condition(m.create(o, new Shape(n, columns)));
				final NDArray xs = flow.inverse(m.create(zz, new Shape((long) n * samples, dims)), c);
				x = xs.toFloatArray();
			}
			final int rows = n * samples;
			final int outBase = from * samples * targets;
			for (int r = 0; r < rows; r++)
				for (int j = 0; j < targets; j++) {
					float v = x[r * dims + j];
					final double[] range = ranges.get(j);
					if (range != null) v = (float) Math.min(range[1], Math.max(range[0], v));
					out[outBase + r * targets + j] = v;
				}
		}
	}

	private NDManager flowManager() {
		return manager;
	}

	/** The random stream of one observation: a hash of (seed, key). */
	static SplittableRandom stream(final long seed, final long key) {
		return new SplittableRandom(mix64(seed * 0x9E3779B97F4A7C15L ^ mix64(key + 0x632BE59BD9B4E019L)));
	}

	private static long mix64(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	@Override
	public void close() {
		try {
			model.close();
		}
		finally {
			manager.close();
		}
	}

	@Override
	public String toString() {
		return folder.toString();
	}
}
