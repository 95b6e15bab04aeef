package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.innsight.cli.TerminalProgress;
import org.innsight.image.DerivedImages;
import org.innsight.image.SpectralImage;
import org.innsight.normalise.SpectralNormalise;
import org.innsight.normalise.SpectralNormaliseRequest;
import org.innsight.progress.ProgressListener;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * Runs Spectral Normalise (the facade the Fiji command and macros call) with norm L2 on every spectral TIFF in
 * the sample data: a TIFF with several channels whose wavelengths are known (labels like {@code 520nm}, the
 * "wavelengths" property or a JSON sidecar).
 */
final class SampleSpectraDemo implements DemoStep {

	@Override
	public String name() {
		return "normalise";
	}

	@Override
	public String description() {
		return "Spectral Normalise (L2) on every spectral TIFF of the sample data";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final List<Path> spectral = new ArrayList<>();
		for (final Path tif : tiffs(demo.samples()))
			if (isSpectral(tif)) spectral.add(tif);
		if (spectral.isEmpty()) demo.skip("no spectral TIFF (channels with known wavelengths, e.g. labelled 520nm) in " + demo.samples());
		final SpectralNormaliseRequest l2 = SpectralNormaliseRequest.defaults().with(SpectralNormaliseRequest.NORM, "L2");
		try (TerminalProgress progress = demo.progress("normalise")) {
			int done = 0;
			for (final Path tif : spectral) {
				final ImagePlus input = IJ.openImage(tif.toString());
				final ImagePlus result = SpectralNormalise.run(input, l2, ProgressListener.NONE).image(SpectralNormalise.NORMALISED);
				result.setTitle(DerivedImages.title(input, SpectralNormalise.NORMALISED)); // as Fiji shows it
				final String name = demo.samples().relativize(tif).toString().replace('/', '_').replaceAll(
					"(?i)\\.tiff?$", "") + "_normalised.tif";
				demo.write(name, "L2-normalised " + demo.samples().relativize(tif), tmp -> {
					if (!new FileSaver(result).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
				});
				result.close();
				progress.progress(++done, spectral.size(), tif.getFileName().toString());
			}
		}
		demo.note(spectral.size() + " spectral image(s) normalised");
	}

	private static List<Path> tiffs(final Path folder) throws IOException {
		final List<Path> found = new ArrayList<>();
		if (!Files.isDirectory(folder)) return found;
		try (Stream<Path> files = Files.walk(folder, 4)) {
			files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?")).sorted()
				.forEach(found::add);
		}
		return found;
	}

	/** Two or more channels (or bands of a plain stack) whose wavelengths are known. */
	private static boolean isSpectral(final Path tif) throws IOException {
		final ImagePlus imp = IJ.openImage(tif.toString());
		if (imp == null || imp.getStackSize() < 2) return false;
		try {
			return SpectralImage.wavelengthsOf(imp) != null;
		}
		catch (final IllegalArgumentException e) {
			return false; // e.g. channels and z-slices both: not a spectral image
		}
	}
}
