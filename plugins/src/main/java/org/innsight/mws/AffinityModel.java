package org.innsight.mws;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.engine.TileScope;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

/**
 * A TorchScript affinity network in a model folder (card kind {@value #KIND}), run through DJL tile by tile.
 * <p>
 * The network takes one image (1, 1, [Z,] Y, X) and returns affinities (1, C, [Z,] Y, X), one channel per offset.
 * The card's {@code details} say what the channels mean: {@code offsets} (C vectors), {@code offset_order}
 * ({@code "zyx"}/{@code "yx"}, numpy order as in affogato/elf, or {@code "xyz"}/{@code "xy"}), {@code attractive}
 * (how many leading channels attract), {@code meaning} ({@code same-object} or {@code boundary}), {@code halo}
 * (context pixels per side, at least the network's receptive radius), {@code tile} (core tile size per axis, in
 * offset order), optional {@code input_multiple} (sizes the network needs, e.g. 16 for a U-Net; inputs are
 * mirror-padded up to it) and {@code output_activation} ({@code none} or {@code sigmoid}). The input is
 * normalised as {@code inputs.normalisation} says: {@code none}, {@code standardise} (fixed mean and sd) or
 * {@code percentile} ((x - p_low) / (p_high - p_low) with {@code details.percentiles} = [low, high] of the whole
 * image).
 * <p>
 * Tiles are cut at the image border rather than padded, so with a halo at least the receptive radius the result
 * equals running the network on the whole image at once.
 */
public final class AffinityModel {

	public static final String KIND = "mws-affinities";

	private final ModelFolder folder;
	private final String weights;
	private final int[][] offsetsXyz;
	private final int attractive;
	private final AffinityMeaning meaning;
	private final int[] haloXyz;
	private final int[] tileXyz;
	private final int multiple;
	private final boolean sigmoid;
	private final String normalisation;
	private final double mean, sd, lowPercentile, highPercentile;

	private AffinityModel(final ModelFolder folder) {
		this.folder = folder;
		final ModelCard card = folder.card();
		final String where = "model " + folder.dir() + ": ";
		if (!KIND.equals(card.kind)) throw new IllegalArgumentException(where + "is a '" + card.kind + "' model, not an affinity model ('" + KIND + "')");
		weights = card.files.keySet().stream().filter(f -> f.endsWith(".pt")).findFirst()
			.orElseThrow(() -> new IllegalArgumentException(where + "its card lists no TorchScript file (*.pt)"));
		final JsonObject d = card.details;
		if (d == null || !d.has("offsets")) throw new IllegalArgumentException(where + "'details.offsets' is missing");
		final int[][] offsets = matrix(d.getAsJsonArray("offsets"), where + "'details.offsets'");
		final int nd = offsets[0].length;
		if (nd < 2 || nd > 3) throw new IllegalArgumentException(where + "offsets must have 2 or 3 components");
		final String order = d.has("offset_order") ? d.get("offset_order").getAsString().toLowerCase(Locale.ROOT) : nd == 3 ? "zyx" : "yx";
		final boolean numpy = order.equals("zyx") || order.equals("yx");
		if (!numpy && !order.equals("xyz") && !order.equals("xy") || order.length() != nd)
			throw new IllegalArgumentException(where + "'details.offset_order' must be " + (nd == 3 ? "zyx or xyz" : "yx or xy") + ", got " + order);
		offsetsXyz = numpy ? Affinities.reverseEach(offsets) : offsets;
		attractive = d.has("attractive") ? d.get("attractive").getAsInt() : nd;
		if (attractive < 0 || attractive > offsets.length)
			throw new IllegalArgumentException(where + "'details.attractive' must be between 0 and " + offsets.length);
		meaning = d.has("meaning") ? AffinityMeaning.parse(d.get("meaning").getAsString()) : AffinityMeaning.SAME_OBJECT;
		haloXyz = perAxis(d.get("halo"), nd, numpy, 0, where + "'details.halo'");
		tileXyz = perAxis(d.get("tile"), nd, numpy, nd == 3 ? 64 : 256, where + "'details.tile'");
		multiple = d.has("input_multiple") ? d.get("input_multiple").getAsInt() : 1;
		final String activation = d.has("output_activation") ? d.get("output_activation").getAsString() : "none";
		if (!activation.equals("none") && !activation.equals("sigmoid"))
			throw new IllegalArgumentException(where + "'details.output_activation' must be none or sigmoid, got " + activation);
		sigmoid = activation.equals("sigmoid");
		final ModelCard.Normalisation n = card.inputs.normalisation;
		normalisation = n == null || n.kind == null ? "none" : n.kind;
		switch (normalisation) {
			case "none":
				mean = 0;
				sd = 1;
				lowPercentile = highPercentile = 0;
				break;
			case "standardise":
				if (n.mean == null || n.sd == null || n.mean.length != 1)
					throw new IllegalArgumentException(where + "'standardise' needs one mean and one sd");
				mean = n.mean[0];
				sd = n.sd[0];
				lowPercentile = highPercentile = 0;
				break;
			case "percentile":
				final double[] p = d.has("percentiles") ? new double[] { d.getAsJsonArray("percentiles").get(0).getAsDouble(),
					d.getAsJsonArray("percentiles").get(1).getAsDouble() } : new double[] { 1, 99.8 };
				mean = 0;
				sd = 1;
				lowPercentile = p[0];
				highPercentile = p[1];
				break;
			default:
				throw new IllegalArgumentException(where + "unknown input normalisation '" + normalisation + "'; use none, standardise or percentile");
		}
	}

	/** Loads and checks a model folder (card complete, files match their SHA-256, kind {@value #KIND}). */
	public static AffinityModel load(final Path dir) throws IOException {
		return of(ModelFolder.load(dir));
	}

	/** An affinity model from a folder already loaded and checked; fails unless its card is of kind {@value #KIND}. */
	public static AffinityModel of(final ModelFolder folder) {
		return new AffinityModel(folder);
	}

	public Path folder() {
		return folder.dir();
	}

	/** Offsets (dx, dy[, dz]) of the output channels. */
	public int[][] offsets() {
		final int[][] o = new int[offsetsXyz.length][];
		for (int c = 0; c < o.length; c++) o[c] = offsetsXyz[c].clone();
		return o;
	}

	public int attractive() {
		return attractive;
	}

	public AffinityMeaning meaning() {
		return meaning;
	}

	public int numDimensions() {
		return offsetsXyz[0].length;
	}

	/** Core tile size (x, y[, z]) the card suggests. */
	public int[] tile() {
		return tileXyz.clone();
	}

	/**
	 * Affinities for {@code image} (x fastest; dims x, y[, z]), loading the network for this one call.
	 *
	 * @param tile core tile size (x, y[, z]), or null for the card's
	 */
	public Affinities predict(final float[] image, final int[] dims, final Device device, final int[] tile, final ProgressListener progress)
		throws IOException
	{
		coreTile(dims, tile); // a wrong image or tile fails before the network is loaded
		try (Network network = open(device)) {
			return network.predict(image, dims, tile, progress);
		}
	}

	/**
	 * The network loaded onto {@code device} once, for many images (e.g. every scan of a batch); close it when done.
	 * Several threads may predict at once: each call has its own predictor and native memory.
	 */
	public Network open(final Device device) throws IOException {
		Engines.pytorch();
		final NDManager manager = Engines.newManager(device);
		Model model = null;
		try {
			model = Model.newInstance(folder.dir().getFileName().toString(), manager.getDevice(), Engines.ENGINE_NAME);
			model.load(folder.dir(), weights.substring(0, weights.length() - 3));
			return new Network(manager, model);
		}
		catch (final MalformedModelException e) {
			close(model, manager);
			throw new IOException("model " + folder.dir() + ": cannot load " + weights + ": " + e.getMessage(), e);
		}
		catch (final IOException | RuntimeException e) {
			close(model, manager);
			throw e;
		}
	}

	private static void close(final Model model, final NDManager manager) {
		try {
			if (model != null) model.close();
		}
		finally {
			manager.close();
		}
	}

	/** This model's network, loaded; see {@link AffinityModel#open}. */
	public final class Network implements AutoCloseable {

		private final NDManager manager;
		private final Model model;

		private Network(final NDManager manager, final Model model) {
			this.manager = manager;
			this.model = model;
		}

		/** The model this network belongs to (offsets, attractive channels, meaning). */
		public AffinityModel model() {
			return AffinityModel.this;
		}

		/**
		 * Affinities for {@code image} (x fastest; dims x, y[, z]).
		 *
		 * @param tile core tile size (x, y[, z]), or null for the card's
		 */
		public Affinities predict(final float[] image, final int[] dims, final int[] tile, final ProgressListener progress) throws IOException {
			return AffinityModel.this.predict(model, manager, image, dims, tile, progress);
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
	}

	/** The core tile (x, y[, z]) for an image of {@code dims}, checked. */
	private int[] coreTile(final int[] dims, final int[] tile) {
		final int nd = dims.length;
		if (nd != numDimensions())
			throw new IllegalArgumentException("model " + folder.dir() + " is " + numDimensions() + "D but the image is " + nd + "D");
		final int[] core = tile == null ? tileXyz.clone() : tile.clone();
		if (core.length != nd) throw new IllegalArgumentException("tile size needs " + nd + " values");
		for (int d = 0; d < nd; d++)
			if (core[d] < 1) throw new IllegalArgumentException("tile sizes must be >= 1");
		return core;
	}

	private Affinities predict(final Model model, final NDManager manager, final float[] image, final int[] dims, final int[] tile,
		final ProgressListener progress) throws IOException
	{
		final int[] core = coreTile(dims, tile);
		final int nd = dims.length;
		final float[] input = normalised(image);
		final int n = image.length, channels = offsetsXyz.length;
		final float[] out = new float[channels * n];
		final int[] counts = new int[nd];
		int tiles = 1;
		for (int d = 0; d < nd; d++) {
			counts[d] = (dims[d] + core[d] - 1) / core[d];
			tiles *= counts[d];
		}
		try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
			for (int t = 0; t < tiles; t++) {
				final int[] lo = new int[nd], hi = new int[nd], inLo = new int[nd], inSize = new int[nd], padded = new int[nd];
				for (int d = 0, rest = t; d < nd; d++) {
					final int k = rest % counts[d];
					rest /= counts[d];
					lo[d] = k * core[d];
					hi[d] = Math.min(dims[d], lo[d] + core[d]);
					inLo[d] = Math.max(0, lo[d] - haloXyz[d]);
					inSize[d] = Math.min(dims[d], hi[d] + haloXyz[d]) - inLo[d];
					padded[d] = (inSize[d] + multiple - 1) / multiple * multiple;
				}
				final float[] block = cut(input, dims, inLo, inSize, padded);
				final float[] result;
				try (TileScope scope = TileScope.open(manager)) {
					final long[] shape = new long[nd + 2];
					shape[0] = 1;
					shape[1] = 1;
					for (int d = 0; d < nd; d++) shape[2 + d] = padded[nd - 1 - d];
					final NDList y = predictor.predict(new NDList(scope.manager().create(block, new Shape(shape))));
					final long[] got = y.singletonOrThrow().getShape().getShape();
					shape[1] = channels;
					if (!Arrays.equals(got, shape))
						throw new IOException("model " + folder.dir() + " returned shape " + Arrays.toString(got) + " for input " +
							Arrays.toString(padded) + " (x,y[,z]); expected " + Arrays.toString(shape));
					result = y.singletonOrThrow().toFloatArray();
				}
				paste(result, channels, padded, inLo, lo, hi, out, dims);
				progress.progress(t + 1, tiles, "affinities, tile " + (t + 1) + " of " + tiles);
			}
		}
		catch (final TranslateException e) {
			throw new IOException("model " + folder.dir() + " failed: " + e.getMessage(), e);
		}
		if (sigmoid) for (int i = 0; i < out.length; i++) out[i] = (float) (1 / (1 + Math.exp(-out[i])));
		return Affinities.ofXyz(out, dims, offsetsXyz);
	}

	private float[] normalised(final float[] image) {
		final float[] x = new float[image.length];
		double m = mean, s = sd;
		if (normalisation.equals("percentile")) {
			final float[] sorted = image.clone();
			Arrays.sort(sorted);
			final double lo = sorted[(int) Math.round(lowPercentile / 100 * (sorted.length - 1))];
			final double hi = sorted[(int) Math.round(highPercentile / 100 * (sorted.length - 1))];
			m = lo;
			s = hi > lo ? hi - lo : 1;
		}
		for (int i = 0; i < x.length; i++) x[i] = (float) ((image[i] - m) / s);
		return x;
	}

	/** The block [inLo, inLo + size) of the image, mirror-padded at its far end up to {@code padded}; x fastest. */
	private static float[] cut(final float[] image, final int[] dims, final int[] inLo, final int[] size, final int[] padded) {
		final int nd = dims.length;
		final int px = padded[0], py = padded[1], pz = nd > 2 ? padded[2] : 1;
		final float[] block = new float[px * py * pz];
		for (int z = 0, i = 0; z < pz; z++) {
			final int sz = nd > 2 ? inLo[2] + Gaussian.mirror(z, size[2]) : 0;
			for (int y = 0; y < py; y++) {
				final int row = (sz * dims[1] + inLo[1] + Gaussian.mirror(y, size[1])) * dims[0] + inLo[0];
				for (int x = 0; x < px; x++, i++) block[i] = image[row + Gaussian.mirror(x, size[0])];
			}
		}
		return block;
	}

	/** Copies the core [lo, hi) of a block result (channels, padded block, x fastest) into the full output. */
	private static void paste(final float[] result, final int channels, final int[] padded, final int[] inLo, final int[] lo, final int[] hi,
		final float[] out, final int[] dims)
	{
		final int nd = dims.length;
		final int n = out.length / channels;
		final int blockN = padded[0] * padded[1] * (nd > 2 ? padded[2] : 1);
		final int zLo = nd > 2 ? lo[2] : 0, zHi = nd > 2 ? hi[2] : 1;
		for (int c = 0; c < channels; c++)
			for (int z = zLo; z < zHi; z++)
				for (int y = lo[1]; y < hi[1]; y++) {
					final int bz = nd > 2 ? z - inLo[2] : 0;
					final int from = c * blockN + (bz * padded[1] + y - inLo[1]) * padded[0] + lo[0] - inLo[0];
					final int to = c * n + (z * dims[1] + y) * dims[0] + lo[0];
					System.arraycopy(result, from, out, to, hi[0] - lo[0]);
				}
	}

	private static int[][] matrix(final JsonArray a, final String what) {
		if (a == null || a.size() == 0) throw new IllegalArgumentException(what + " must be a non-empty list of offset vectors");
		final int[][] m = new int[a.size()][];
		for (int i = 0; i < m.length; i++) {
			final JsonArray row = a.get(i).getAsJsonArray();
			m[i] = new int[row.size()];
			for (int j = 0; j < m[i].length; j++) m[i][j] = row.get(j).getAsInt();
			if (m[i].length != m[0].length) throw new IllegalArgumentException(what + ": offset " + i + " has " + m[i].length + " components, offset 0 " + m[0].length);
		}
		return m;
	}

	/** A per-axis setting given as one number or a list in offset order; returned in (x, y[, z]) order. */
	private static int[] perAxis(final JsonElement e, final int nd, final boolean numpy, final int fallback, final String what) {
		final int[] v = new int[nd];
		if (e == null || e.isJsonNull()) Arrays.fill(v, fallback);
		else if (e.isJsonPrimitive()) Arrays.fill(v, e.getAsInt());
		else {
			final JsonArray a = e.getAsJsonArray();
			if (a.size() != nd) throw new IllegalArgumentException(what + " needs " + nd + " values");
			for (int i = 0; i < nd; i++) v[i] = a.get(i).getAsInt();
			if (numpy) return Affinities.reversed(v);
		}
		for (final int x : v) if (x < 0) throw new IllegalArgumentException(what + " must be >= 0");
		return v;
	}
}
