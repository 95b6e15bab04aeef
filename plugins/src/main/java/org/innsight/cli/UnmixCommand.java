package org.innsight.cli;

import org.innsight.io.FileProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.innsight.io.AtomicFiles;
import org.innsight.io.ImageFiles;
import org.innsight.io.TiffFiles;
import org.innsight.optics.Camera;
import org.innsight.optics.CameraJson;
import org.innsight.request.Setting;
import org.innsight.unmixing.Unmixing;
import org.innsight.unmixing.UnmixingRequest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.io.FileSaver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code innsight unmix}: sO2 and relative total haemoglobin by linear spectral unmixing (the classical baseline). */
@Command(name = "unmix", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Linear spectral unmixing (modified Beer-Lambert law, non-negative least squares against the HbO2 and Hb spectra",
		"averaged over the camera's bands): the classical baseline to innsight posterior. Writes sO2_unmixed.tif, tHb_unmixed.tif",
		"(path length x total haemoglobin, mM cm: relative) and unmixing.json to --out DIR. See docs/unmixing.md." })
final class UnmixCommand implements Callable<Integer>, SettingOptions.Owner {

	static final String SUMMARY = "unmixing.json";

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Parameters(index = "0", paramLabel = "IMAGE", description = "Reflectance image (" + ImageFiles.SUPPORTED + "), channels labelled with wavelengths.")
	Path image;

	@Option(names = "--camera", paramLabel = "NAME|FILE.json", description = "The camera the image was taken with: its bands' filters weight the " +
		"haemoglobin spectra. Built-in: " + "msi-16band, hsi-100band, pai-16wl; or a camera JSON (see docs/unmixing.md).")
	String camera;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
	Path out;

	@Option(names = "--mask", paramLabel = "MASK", description = "A mask image (nonzero = unmix), one plane or one per frame.")
	Path mask;

	@Option(names = "--exclude", paramLabel = "FLAGS", description = "Pixels to skip, nonzero = skip (e.g. out-of-distribution flags); counted as excluded.")
	Path exclude;

	@Option(names = "--slope", description = "Also fit a scattering loss linear in wavelength (default: a constant loss only).")
	Boolean slope;

	@Option(names = "--saturation", paramLabel = "V|auto", description = "A band at or above V marks a pixel saturated (default: auto = 255 / 65535 for 8/16-bit images, none for float).")
	String saturation;

	@Option(names = "--accept-units", description = "Run even when the image does not look like reflectance (negative spectra, most pixels above 1.5): a warning instead of a refusal.")
	Boolean acceptUnits;

	@Option(names = "--png", description = "Also write a PNG preview of every map (with its LUT).")
	boolean png;

	@Override
	public List<Setting<?>> settings() {
		return UnmixingRequest.SETTINGS;
	}

	@Override
	public Integer call() throws Exception {
		final UnmixingRequest request = new UnmixingRequest(SettingOptions.read(cli.spec(), UnmixingRequest.SETTINGS)).checked();
		if (camera == null) throw new IllegalArgumentException("--camera is missing: name the camera " + image + " was taken with (built-in: " +
			String.join(", ", CameraJson.BUILT_IN) + ", or a camera JSON file); its band filters weight the haemoglobin spectra");
		FileProblems.requireFolderOrAbsent(out, "--out");
		final List<Path> targets = new ArrayList<>();
		for (final String name : List.of(Unmixing.SO2, Unmixing.THB)) {
			targets.add(out.resolve(name + ".tif"));
			if (png) targets.add(out.resolve(name + ".png"));
		}
		targets.add(out.resolve(SUMMARY));
		output.check(targets);
		final Camera cam = CameraJson.load(camera);
		final ImagePlus imp = ImageFiles.open(image);
		final ImagePlus maskImage = mask == null ? null : ImageFiles.open(mask), flags = exclude == null ? null : ImageFiles.open(exclude);
		final List<Path> inputs = new ArrayList<>(List.of(image));
		if (mask != null) inputs.add(mask);
		if (exclude != null) inputs.add(exclude);
		final Unmixing.Result r;
		try (TerminalProgress bar = TerminalProgress.start("unmix")) {
			r = Unmixing.run(imp, maskImage, flags, false, cam, request, bar);
		}
		final JsonObject summary = new JsonObject();
		summary.addProperty("image", image.toString());
		summary.addProperty("camera", cam.name());
		summary.addProperty("attenuation_model", "modified Beer-Lambert: -ln R = ln(10) L (c_HbO2 eps_HbO2 + c_Hb eps_Hb) + G" +
			(request.slope() ? " + S (lambda - 650 nm) / 100 nm" : "") + "; eps averaged over each band (Prahl)");
		summary.addProperty("tHb_unit", Unmixing.THB_UNIT + " (path length x concentration: relative)");
		summary.addProperty("seconds", r.seconds());
		final JsonObject pixels = new JsonObject();
		r.counts().statistics("total").forEach(pixels::addProperty);
		summary.add("pixels", pixels);
		final JsonObject units = new JsonObject();
		for (final String key : List.of("units", "units_outside", "units_negative")) {
			final Object v = r.outputs().statistics().get(key);
			if (v instanceof Number n) units.addProperty(key, n);
			else if (v != null) units.addProperty(key, v.toString());
		}
		if (!r.outputs().warnings().isEmpty()) units.addProperty("warning", String.join("; ", r.outputs().warnings()));
		summary.add("units", units);
		final JsonArray files = new JsonArray();
		for (final Map.Entry<String, ImagePlus> e : r.outputs().images().entrySet()) {
			final ImagePlus map = e.getValue();
			TiffFiles.write(map, out.resolve(e.getKey() + ".tif"), inputs);
			files.add(e.getKey() + ".tif");
			if (png && map.getStackSize() == 1) {
				AtomicFiles.write(out.resolve(e.getKey() + ".png"), inputs, tmp -> new FileSaver(map.flatten()).saveAsPng(tmp.toString()));
				files.add(e.getKey() + ".png");
			}
		}
		summary.add("files", files);
		AtomicFiles.writeBytes(out.resolve(SUMMARY), inputs,
			new GsonBuilder().setPrettyPrinting().create().toJson(summary).getBytes(StandardCharsets.UTF_8));
		cli.report(r.outputs());
		cli.out().printf(Locale.ROOT, "%s: %s in %.1f s; wrote %d files to %s%n", image.getFileName(), r.counts(), r.seconds(), files.size() + 1, out);
		return 0;
	}

}
