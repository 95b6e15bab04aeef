package org.innsight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.innsight.io.TiffFiles;
import org.innsight.optics.Camera;
import org.innsight.optics.SampleImages;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code innsight simulate-image}: the synthetic sample images with their ground truth. */
@Command(name = "simulate-image", mixinStandardHelpOptions = true,
	description = { "Render a synthetic spectral image from parameter maps (vessels, background tissue, a foreign patch).",
		"Writes image.tif (32-bit hyperstack, channels labelled like 520nm), ground_truth.tif (one slice per parameter,",
		"NaN on the foreign patch) and foreign_mask.tif (255 = foreign material) into --out." })
final class SimulateImageCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--model", required = true, paramLabel = "msi|pai", description = "msi: multispectral reflectance; pai: photoacoustic depth section.")
	String model;

	@Option(names = "--camera", paramLabel = "NAME|FILE.json", description = "Camera (default: msi-16band, or pai-16wl for pai).")
	String camera;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--size", defaultValue = "128", paramLabel = "PX", description = "Width and height in pixels (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
	Path out;

	@Override
	public Integer call() throws Exception {
		if (size < 16 || size > 4096) throw new IllegalArgumentException("--size must be between 16 and 4096, not " + size);
		output.check(out.resolve("image.tif"), out.resolve("ground_truth.tif"), out.resolve("foreign_mask.tif"));
		final Camera cam = OpticsCli.camera(camera, model);
		final SampleImages.Image img = switch (model) {
			case "msi" -> SampleImages.msi(cam, size, seed);
			case "pai" -> SampleImages.pai(cam, size, seed);
			default -> throw new IllegalArgumentException("--model must be msi or pai, got '" + model + "'");
		};
		Files.createDirectories(out);
		final String wavelengths = java.util.Arrays.stream(img.wavelengthsNm()).mapToObj(SimulateImageCommand::number).collect(Collectors.joining(","));
		final ImagePlus spectral = floatStack(img, img.channels(), img.channelLabels(), model + "-sample");
		spectral.setDimensions(img.channels().length, 1, 1);
		spectral.setOpenAsHyperStack(true);
		spectral.setProp("wavelengths", wavelengths);
		spectral.setProperty("Info", img.description() + "\nwavelengths=" + wavelengths + "\nseed=" + seed + "\n");
		save(spectral, out.resolve("image.tif"));
		final ImagePlus truth = floatStack(img, img.truth(), img.truthNames().toArray(String[]::new), model + "-ground-truth");
		truth.setProperty("Info", "Ground-truth parameter maps of " + model + "-sample (NaN on the foreign patch)\nseed=" + seed + "\n");
		save(truth, out.resolve("ground_truth.tif"));
		final byte[] mask = img.foreignMask().clone();
		int foreign = 0;
		for (int i = 0; i < mask.length; i++) if (mask[i] != 0) {
			mask[i] = (byte) 255;
			foreign++;
		}
		final ImagePlus maskImp = new ImagePlus(model + "-foreign-mask", new ByteProcessor(img.width(), img.height(), mask));
		maskImp.setCalibration(calibration(img));
		save(maskImp, out.resolve("foreign_mask.tif"));
		cli.out().println("wrote image.tif (" + img.channels().length + " channels " + img.channelLabels()[0] + "-" +
			img.channelLabels()[img.channelLabels().length - 1] + "), ground_truth.tif (" + img.truthNames().size() + " maps), foreign_mask.tif (" +
			foreign + " foreign pixels) to " + out + "  [model " + model + ", camera " + cam.name() + ", seed " + seed + "]");
		return 0;
	}

	private static ImagePlus floatStack(final SampleImages.Image img, final float[][] slices, final String[] labels, final String title) {
		final ImageStack stack = new ImageStack(img.width(), img.height());
		for (int i = 0; i < slices.length; i++) stack.addSlice(labels[i], new FloatProcessor(img.width(), img.height(), slices[i]));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(calibration(img));
		imp.resetDisplayRange();
		return imp;
	}

	private static Calibration calibration(final SampleImages.Image img) {
		final Calibration c = new Calibration();
		c.pixelWidth = img.pixelSizeMm();
		c.pixelHeight = img.pixelSizeMm();
		c.setUnit("mm");
		return c;
	}

	private static void save(final ImagePlus imp, final Path file) throws IOException {
		TiffFiles.write(imp, file, List.of());
	}

	private static String number(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
	}
}
