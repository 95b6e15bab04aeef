package org.innsight.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The wavelength (nm) of each channel of a spectral image, as it travels with the image: slice labels like
 * {@code "520nm"} or {@code "520 nm"}, an image property {@code "wavelengths"} = {@code "520,540,560"}, or a JSON
 * sidecar {@code IMAGE.json} beside {@code IMAGE.tif} with {@code {"wavelengths_nm": [520, 540, 560]}}.
 */
public final class Wavelengths {

	/** Name of the ImageJ image property (and HDF5 attribute stem) that lists the wavelengths. */
	public static final String PROPERTY = "wavelengths";

	/** The key in a JSON sidecar. */
	public static final String SIDECAR_KEY = "wavelengths_nm";

	/** The default tolerance when comparing an image's wavelengths with a model's, in nm. */
	public static final double DEFAULT_TOLERANCE_NM = 0.5;

	/** How an image says its wavelengths, for the messages about one that does not. */
	public static final String HOW_TO_SAY = "Label the channels (e.g. \"520nm\"), set the image property \"" + PROPERTY +
		"\" or put a sidecar JSON with \"" + SIDECAR_KEY + "\" beside the file.";

	private static final Pattern NM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*nm\\b", Pattern.CASE_INSENSITIVE);

	private Wavelengths() {}

	/** The wavelength in a label such as "520nm", "520.5 nm" or "Channel 2 (520 nm)"; NaN when it names none. */
	public static double parseLabel(final String label) {
		if (label == null) return Double.NaN;
		final String firstLine = label.lines().findFirst().orElse("");
		final Matcher m = NM.matcher(firstLine);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	/** The wavelengths named by every label, or null if any label names none. */
	public static double[] fromLabels(final List<String> labels) {
		final double[] nm = new double[labels.size()];
		for (int i = 0; i < nm.length; i++) {
			nm[i] = parseLabel(labels.get(i));
			if (Double.isNaN(nm[i])) return null;
		}
		return nm.length == 0 ? null : nm;
	}

	/** Parses "520, 540,560" (optional "nm" after each number, also space- or semicolon-separated). */
	public static double[] parseList(final String list) {
		final List<Double> values = new ArrayList<>();
		for (final String part : list.replaceAll("(?i)nm", " ").trim().split("[,;\\s]+")) {
			if (part.isBlank()) continue;
			try {
				values.add(Double.parseDouble(part.trim()));
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("Cannot read wavelengths from \"" + list + "\": '" + part +
					"' is not a number (expected e.g. \"520,540,560\")");
			}
		}
		final double[] nm = new double[values.size()];
		for (int i = 0; i < nm.length; i++)
			nm[i] = values.get(i);
		return nm;
	}

	/** The sidecar of an image file: {@code scan.json} for {@code scan.tif} or {@code scan.nii.gz}. */
	public static Path sidecarFor(final Path imageFile) {
		final String name = imageFile.getFileName().toString();
		final String lower = name.toLowerCase(Locale.ROOT);
		final int cut = lower.endsWith(".nii.gz") ? name.length() - 7 : name.lastIndexOf('.') > 0 ? name.lastIndexOf('.') : name.length();
		return imageFile.resolveSibling(name.substring(0, cut) + ".json");
	}

	/** The wavelengths in the sidecar of {@code imageFile}, or null if there is no sidecar or it has no such key. */
	public static double[] fromSidecar(final Path imageFile) throws IOException {
		final Path sidecar = sidecarFor(imageFile);
		if (!Files.isRegularFile(sidecar)) return null;
		final JsonElement root;
		try {
			root = JsonParser.parseString(Files.readString(sidecar, StandardCharsets.UTF_8));
		}
		catch (final RuntimeException e) {
			throw new IOException("Sidecar " + sidecar + " is not valid JSON: " + e.getMessage(), e);
		}
		if (!root.isJsonObject() || !root.getAsJsonObject().has(SIDECAR_KEY)) return null;
		final JsonElement list = root.getAsJsonObject().get(SIDECAR_KEY);
		if (!list.isJsonArray()) throw new IOException("Sidecar " + sidecar + ": \"" + SIDECAR_KEY + "\" must be a list of numbers");
		final JsonArray array = list.getAsJsonArray();
		final double[] nm = new double[array.size()];
		for (int i = 0; i < nm.length; i++) {
			try {
				nm[i] = array.get(i).getAsDouble();
			}
			catch (final RuntimeException e) {
				throw new IOException("Sidecar " + sidecar + ": \"" + SIDECAR_KEY + "\" entry " + i + " (" + array.get(i) +
					") is not a number");
			}
		}
		return nm;
	}

	/** The text of a sidecar for these wavelengths: {@code {"wavelengths_nm":[...]}}. */
	public static String sidecarJson(final double[] nm) {
		final JsonObject o = new JsonObject();
		final JsonArray a = new JsonArray();
		for (final double v : nm)
			a.add(v);
		o.add(SIDECAR_KEY, a);
		return o.toString();
	}

	/** The slice label for a wavelength: "520nm", or "520.5nm" when it is not whole. */
	public static String label(final double nm) {
		return format(nm) + "nm";
	}

	/** "520, 540, 560" (whole numbers without decimals). */
	public static String format(final double[] nm) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < nm.length; i++)
			sb.append(i == 0 ? "" : ", ").append(format(nm[i]));
		return sb.toString();
	}

	private static String format(final double nm) {
		return nm == Math.rint(nm) && Math.abs(nm) < 1e15 ? Long.toString((long) nm) : Double.toString(nm);
	}

	/**
	 * Checks that {@code actualNm} (of image {@code imageName}) matches {@code expectedNm} (of the model
	 * {@code modelName}) channel by channel within {@code toleranceNm}; a mismatch is an
	 * {@link IllegalArgumentException} naming both lists.
	 */
	public static void check(final String imageName, final double[] actualNm, final String modelName, final double[] expectedNm,
		final double toleranceNm)
	{
		final String expected = "[" + format(expectedNm) + "] nm";
		if (actualNm == null || actualNm.length == 0)
			throw new IllegalArgumentException("Image '" + imageName + "' does not say its wavelengths, but " + modelName +
				" expects " + expected + ". " + HOW_TO_SAY);
		final String actual = "[" + format(actualNm) + "] nm";
		if (actualNm.length != expectedNm.length)
			throw new IllegalArgumentException("Image '" + imageName + "' has " + actualNm.length + " channels at " + actual +
				" but " + modelName + " expects " + expectedNm.length + " at " + expected);
		for (int i = 0; i < actualNm.length; i++)
			if (!(Math.abs(actualNm[i] - expectedNm[i]) <= toleranceNm))
				throw new IllegalArgumentException("Image '" + imageName + "' has wavelengths " + actual + " but " + modelName +
					" expects " + expected + " (channel " + (i + 1) + " differs by more than " + format(toleranceNm) + " nm)");
	}
}
