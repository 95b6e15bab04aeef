package org.innsight.optics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.innsight.image.Normalisation;
import org.innsight.io.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads cameras from JSON. Fields (all but the bands optional):
 * <pre>
 * { "name": "msi-16band",
 *   "bands": {"start_nm": 500, "end_nm": 800, "count": 16},   or  "centres_nm": [500, 520, ...],
 *   "fwhm_nm": 20,                       (number or list; 0 = a laser line)
 *   "response_csv": "filters.csv",       (instead of Gaussians: lambda_nm then one column per band)
 *   "grid_step_nm": 2,
 *   "illumination": "flat" | {"blackbody_k": 3200} | {"csv": "lamp.csv"},
 *   "gain": 1.0 | [..per band..],
 *   "specular_offset": 0.0,
 *   "noise": {"snr": 100, "reference": 1.0 | "max", "read_fraction": 0.1},
 *   "response_curve": {"gamma": 1.0, "full_scale": 0},   (after the noise: v -> F tanh(max(v,0)^gamma / F); F 0 = none)
 *   "normalisation": "none" | "l1" | "l2" }
 * </pre>
 * Relative CSV paths are resolved against the JSON file's folder.
 */
public final class CameraJson {

	/** Cameras shipped with InnSight (resources under org/innsight/optics/cameras). */
	public static final List<String> BUILT_IN = List.of("msi-16band", "hsi-100band", "pai-16wl");
	/** Gaussians are cut at this many FWHMs from the centre (response there: 1.5e-5). */
	private static final double GAUSS_CUT = 2;

	private CameraJson() {}

	/** A built-in camera by name, or a JSON file by path. */
	public static Camera load(final String nameOrPath) throws IOException {
		if (BUILT_IN.contains(nameOrPath)) {
			try (InputStream in = CameraJson.class.getResourceAsStream("cameras/" + nameOrPath + ".json")) {
				if (in == null) throw new IOException("Missing built-in camera resource " + nameOrPath);
				return parse(JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject(), null, nameOrPath);
			}
		}
		final Path p = Path.of(nameOrPath);
		if (!Files.isRegularFile(p))
			throw new IOException("Camera '" + nameOrPath + "' is neither a built-in camera " + BUILT_IN + " nor a JSON file");
		final JsonElement e;
		try {
			e = JsonFiles.read(p); // UTF-8, each key once; problems say line and column
		}
		catch (final IllegalArgumentException x) {
			throw new IOException("camera " + x.getMessage(), x);
		}
		if (!e.isJsonObject()) throw new IOException("camera " + p + ": a camera must be a JSON object {\"name\": ..., \"centres_nm\": [...]}");
		try {
			return parse(e.getAsJsonObject(), p.toAbsolutePath().getParent(), p.toString());
		}
		catch (final IllegalArgumentException x) {
			final String m = String.valueOf(x.getMessage());
			throw new IOException(m.startsWith(p.toString()) ? "camera " + m : "camera " + p + ": " + m, x);
		}
		catch (final RuntimeException x) { // a value of the wrong kind (a list for a number, a missing field)
			throw new IOException("camera " + p + ": a field is missing or has the wrong form (" + JsonFiles.formProblem(x) +
				"); an example camera is sample-data/transfer/real-camera.json", x);
		}
	}

	/** Builds a camera from its JSON; {@code base} resolves relative CSV paths ({@code source} names it in errors). */
	public static Camera parse(final JsonObject o, final Path base, final String source) throws IOException {
		final String name = o.has("name") ? text(o.get("name"), "name", source) : source;
		final double[] centres;
		if (o.has("centres_nm")) centres = doubles(o.get("centres_nm"), -1, "centres_nm", source);
		else if (o.has("bands")) {
			final JsonObject b = object(o.get("bands"), "bands", source);
			final double c = number(b.get("count"), "bands.count", source);
			if (c != Math.rint(c)) throw new IllegalArgumentException(source + ": bands.count must be a whole number, got " + b.get("count"));
			final int count = (int) Math.min(c, Integer.MAX_VALUE);
			final double start = number(b.get("start_nm"), "bands.start_nm", source), end = number(b.get("end_nm"), "bands.end_nm", source);
			if (count < 1) throw new IllegalArgumentException(source + ": bands.count must be >= 1");
			centres = new double[count];
			for (int i = 0; i < count; i++) centres[i] = count == 1 ? start : round(start + (end - start) * i / (count - 1));
		}
		else throw new IllegalArgumentException(source + ": a camera needs \"centres_nm\" or \"bands\"");
		final int nb = centres.length;
		final double[] fwhm = o.has("fwhm_nm") ? doubles(o.get("fwhm_nm"), nb, "fwhm_nm", source) : new double[nb];
		final double[] gain = o.has("gain") ? doubles(o.get("gain"), nb, "gain", source) : filled(nb, 1);
		final double step = o.has("grid_step_nm") ? number(o.get("grid_step_nm"), "grid_step_nm", source) : 2;
		if (!(step > 0)) throw new IllegalArgumentException(source + ": grid_step_nm must be > 0");

		double[][] table = null;
		if (o.has("response_csv")) table = CameraCsv.read(resolve(base, text(o.get("response_csv"), "response_csv", source)), nb + 1);
		final double[] grid = table != null ? table[0] : grid(centres, fwhm, step);
		final double[][] response = new double[nb][grid.length];
		for (int i = 0; i < nb; i++)
			for (int j = 0; j < grid.length; j++) {
				if (table != null) response[i][j] = table[i + 1][j];
				else if (fwhm[i] == 0) response[i][j] = Math.abs(grid[j] - centres[i]) < 1e-9 ? 1 : 0;
				else {
					final double x = (grid[j] - centres[i]) / fwhm[i];
					response[i][j] = Math.abs(x) > GAUSS_CUT ? 0 : Math.exp(-4 * Math.log(2) * x * x);
				}
			}
		final double[] illumination = illumination(o.get("illumination"), grid, base, source);

		double snr = 0, refSignal = 1, readFraction = 0;
		Camera.Reference ref = Camera.Reference.ABSOLUTE;
		if (o.has("noise")) {
			final JsonObject n = object(o.get("noise"), "noise", source);
			snr = n.has("snr") ? number(n.get("snr"), "noise.snr", source) : 0;
			if (n.has("reference")) {
				final JsonElement r = n.get("reference");
				if (r.isJsonPrimitive() && r.getAsJsonPrimitive().isString() && r.getAsString().equals("max")) ref = Camera.Reference.SPECTRUM_MAX;
				else refSignal = number(r, "noise.reference", source);
			}
			readFraction = n.has("read_fraction") ? number(n.get("read_fraction"), "noise.read_fraction", source) : 0;
			if (readFraction < 0 || readFraction > 1) throw new IllegalArgumentException(source + ": noise.read_fraction must be in [0, 1]");
		}
		final double offset = o.has("specular_offset") ? number(o.get("specular_offset"), "specular_offset", source) : 0;
		double gamma = 1, fullScale = 0;
		if (o.has("response_curve")) {
			final JsonObject r = object(o.get("response_curve"), "response_curve", source);
			for (final String k : r.keySet())
				if (!k.equals("gamma") && !k.equals("full_scale"))
					throw new IllegalArgumentException(source + ": response_curve has an unknown field \"" + k + "\" (known: gamma, full_scale)");
			gamma = r.has("gamma") ? number(r.get("gamma"), "response_curve.gamma", source) : 1;
			fullScale = r.has("full_scale") ? number(r.get("full_scale"), "response_curve.full_scale", source) : 0;
			if (!(gamma > 0)) throw new IllegalArgumentException(source + ": response_curve.gamma must be > 0, got " + r.get("gamma"));
			if (!(fullScale >= 0)) throw new IllegalArgumentException(source + ": response_curve.full_scale must be > 0 (0 = no saturation), got " + r.get("full_scale"));
		}
		final Normalisation norm = o.has("normalisation") ? Normalisation.parse(text(o.get("normalisation"), "normalisation", source)) : Normalisation.NONE;

		final JsonObject resolved = o.deepCopy();
		resolved.addProperty("name", name);
		resolved.remove("bands");
		resolved.add("centres_nm", array(centres));
		resolved.add("fwhm_nm", array(fwhm));
		resolved.add("gain", array(gain));
		return new Camera(name, resolved, centres, fwhm, gain, grid, response, illumination, offset, snr, ref, refSignal,
			readFraction, gamma, fullScale, norm);
	}

	/** Regular grid (multiples of step) covering every Gaussian to GAUSS_CUT FWHMs, plus the laser lines. */
	static double[] grid(final double[] centres, final double[] fwhm, final double step) {
		final TreeSet<Double> set = new TreeSet<>();
		final double lo = Chromophores.minWavelength(), hi = Chromophores.maxWavelength();
		for (int i = 0; i < centres.length; i++) {
			if (centres[i] < lo || centres[i] > hi)
				throw new IllegalArgumentException("Band centre " + centres[i] + " nm is outside " + lo + "-" + hi + " nm");
			if (fwhm[i] == 0) {
				set.add(centres[i]);
				continue;
			}
			final long a = (long) Math.ceil(Math.max(lo, centres[i] - GAUSS_CUT * fwhm[i]) / step);
			final long b = (long) Math.floor(Math.min(hi, centres[i] + GAUSS_CUT * fwhm[i]) / step);
			for (long k = a; k <= b; k++) set.add(round(k * step));
		}
		return set.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double[] illumination(final JsonElement e, final double[] grid, final Path base, final String source) throws IOException {
		final double[] out = filled(grid.length, 1);
		if (e == null || e.isJsonPrimitive() && e.getAsString().equals("flat")) return out;
		if (!e.isJsonObject()) throw new IllegalArgumentException(source + ": illumination must be \"flat\" or an object");
		final JsonObject o = e.getAsJsonObject();
		if (o.has("blackbody_k")) {
			final double t = number(o.get("blackbody_k"), "illumination.blackbody_k", source);
			for (int j = 0; j < grid.length; j++) {
				final double l = grid[j] * 1e-9;
				out[j] = 1 / (Math.pow(l, 5) * (Math.exp(1.438776877e-2 / (l * t)) - 1)); // Planck, constant dropped
			}
			return out;
		}
		if (o.has("csv")) {
			final double[][] t = CameraCsv.read(resolve(base, text(o.get("csv"), "illumination.csv", source)), 2);
			for (int j = 0; j < grid.length; j++) out[j] = CameraCsv.interpolate(t[0], t[1], grid[j]);
			return out;
		}
		throw new IllegalArgumentException(source + ": illumination needs \"blackbody_k\" or \"csv\"");
	}

	private static Path resolve(final Path base, final String file) {
		final Path p = Path.of(file);
		return p.isAbsolute() || base == null ? p : base.resolve(p);
	}

	private static double[] doubles(final JsonElement e, final int n, final String field, final String source) {
		if (e.isJsonPrimitive()) {
			if (n < 0) throw new IllegalArgumentException(source + ": " + field + " must be a list");
			return filled(n, number(e, field, source));
		}
		if (!e.isJsonArray()) throw new IllegalArgumentException(source + ": " + field + " must be a number or a list of numbers, got " + e);
		final JsonArray a = e.getAsJsonArray();
		if (n >= 0 && a.size() != n)
			throw new IllegalArgumentException(source + ": " + field + " has " + a.size() + " values for " + n + " bands");
		final double[] v = new double[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = number(a.get(i), field + "[" + i + "]", source);
		return v;
	}

	/** A number field; a missing one or one of another kind is an error naming the field. */
	private static double number(final JsonElement e, final String field, final String source) {
		if (e == null || e.isJsonNull()) throw new IllegalArgumentException(source + ": " + field + " is missing");
		try {
			if (e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean()) return e.getAsDouble();
		}
		catch (final NumberFormatException x) {
			// said below
		}
		throw new IllegalArgumentException(source + ": " + field + " must be a number, got " + e);
	}

	private static String text(final JsonElement e, final String field, final String source) {
		if (e == null || e.isJsonNull()) throw new IllegalArgumentException(source + ": " + field + " is missing");
		if (!e.isJsonPrimitive()) throw new IllegalArgumentException(source + ": " + field + " must be text, got " + e);
		return e.getAsString();
	}

	private static JsonObject object(final JsonElement e, final String field, final String source) {
		if (e == null || !e.isJsonObject()) throw new IllegalArgumentException(source + ": " + field + " must be an object {...}, got " + e);
		return e.getAsJsonObject();
	}

	private static double[] filled(final int n, final double v) {
		final double[] a = new double[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	static JsonArray array(final double[] v) {
		final JsonArray a = new JsonArray();
		for (final double x : v) a.add(x);
		return a;
	}

	private static double round(final double x) {
		return Math.rint(x * 1e6) / 1e6;
	}
}
