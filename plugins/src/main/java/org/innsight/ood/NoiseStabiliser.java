package org.innsight.ood;

import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The variance-stabilising map of a camera's noise, applied to every band before the density models:
 * with the camera's noise variance a s + b for a band value s (shot noise a s, read noise b; see
 * {@link org.innsight.optics.Camera}), u = 2 sqrt(a s + b) / a has unit noise variance at every brightness
 * (u = s / sqrt(b) when there is no shot noise).
 * <p>
 * Why: in the camera's own units the noise of a dark spectrum is several times smaller than that of a bright one,
 * so any density model of raw spectra gives dark spectra a large likelihood bonus (about -sum_j log sd_j), and
 * underexposed pixels or black instruments look more typical than tissue. The OOD models therefore measure density
 * in these noise-whitened units: the map's own Jacobian is deliberately left out of log p, since it is exactly that
 * brightness bonus. The standardisation inside each member is still part of log p (its Jacobian is a constant).
 * Spectra outside the map's domain (a s + b <= 0: more than b/a below zero, far below the noise floor) cannot come
 * from the camera and are scored out of distribution.
 */
public record NoiseStabiliser(double shot, double read) {

	/** The identity (for cameras whose normalised spectra have no simple noise model). */
	public static final NoiseStabiliser NONE = new NoiseStabiliser(0, 0);

	public NoiseStabiliser {
		if (!(shot >= 0 && read >= 0)) throw new IllegalArgumentException("noise variances must be >= 0, got shot " + shot + ", read " + read);
	}

	public boolean isIdentity() {
		return shot == 0 && read == 0;
	}

	/**
	 * The stabiliser of a camera definition (as table headers record it), or {@link #NONE} with the reason in
	 * {@code why[0]} when the spectra are normalised per spectrum (L1/L2), the noise reference is each spectrum's
	 * maximum, or there is no noise model.
	 */
	public static NoiseStabiliser ofCamera(final JsonObject camera, final String normalisation, final String[] why) {
		if (camera == null || !camera.has("noise") || !camera.get("noise").isJsonObject()) return none(why, "the table records no camera noise model");
		if (!"none".equals(normalisation)) return none(why, "the spectra are normalised per spectrum (" + normalisation + ")");
		final JsonObject n = camera.getAsJsonObject("noise");
		final double snr = n.has("snr") ? n.get("snr").getAsDouble() : 0;
		if (!(snr > 0) || Double.isInfinite(snr)) return none(why, "the camera has no noise (snr " + snr + ")");
		final JsonElement r = n.get("reference");
		if (r != null && r.isJsonPrimitive() && r.getAsJsonPrimitive().isString()) return none(why, "the noise scales with each spectrum's maximum");
		final double ref = r == null ? 1 : r.getAsDouble(), readFraction = n.has("read_fraction") ? n.get("read_fraction").getAsDouble() : 0;
		// variance(s) = (ref / snr)^2 * ((1 - readFraction) * s / ref + readFraction)
		final double sigma2 = (ref / snr) * (ref / snr);
		return new NoiseStabiliser(sigma2 * (1 - readFraction) / ref, sigma2 * readFraction);
	}

	private static NoiseStabiliser none(final String[] why, final String reason) {
		if (why != null && why.length > 0) why[0] = reason;
		return NONE;
	}

	/** Maps {@code v[from .. from+count)} in place; values outside the domain become NaN. */
	public void apply(final float[] v, final int from, final int count) {
		if (isIdentity()) return;
		for (int i = from; i < from + count; i++) v[i] = (float) map(v[i]);
	}

	double map(final double s) {
		if (shot == 0) return s / Math.sqrt(read);
		final double w = shot * s + read;
		return w > 0 ? 2 * Math.sqrt(w) / shot : Double.NaN;
	}

	public JsonObject toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("kind", isIdentity() ? "none" : "variance-stabilising");
		if (!isIdentity()) {
			o.addProperty("shot_variance_per_unit", shot);
			o.addProperty("read_variance", read);
			o.addProperty("formula", shot == 0 ? "u = s / sqrt(read_variance)"
				: "u = 2 sqrt(shot_variance_per_unit * s + read_variance) / shot_variance_per_unit (unit noise variance)");
		}
		return o;
	}

	/** From {@link #toJson()}; absent or {@code none} is the identity. */
	public static NoiseStabiliser fromJson(final JsonObject o, final String where) {
		if (o == null || !o.has("kind") || "none".equals(o.get("kind").getAsString())) return NONE;
		if (!"variance-stabilising".equals(o.get("kind").getAsString()))
			throw new IllegalArgumentException(where + ": unknown spectrum transform '" + o.get("kind").getAsString() + "'");
		return new NoiseStabiliser(o.get("shot_variance_per_unit").getAsDouble(), o.get("read_variance").getAsDouble());
	}

	@Override
	public String toString() {
		return isIdentity() ? "none" : String.format(Locale.ROOT, "variance-stabilising (shot %.3g per unit, read %.3g)", shot, read);
	}
}
