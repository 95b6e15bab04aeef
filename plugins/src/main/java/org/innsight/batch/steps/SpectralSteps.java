package org.innsight.batch.steps;

import java.io.IOException;
import java.util.regex.Pattern;

import org.innsight.batch.StepOptions;
import org.innsight.engine.Device;
import org.innsight.engine.ModelFolder;
import org.innsight.image.SpectralImage;

import ij.ImagePlus;

/** What the steps running a spectral network share: loading the model in configure, the band check, names, medians. */
final class SpectralSteps {

	private SpectralSteps() {}

	/** How a capability loads its model type from a checked folder. */
	interface Loader<M> {
		M load(ModelFolder folder, Device device) throws IOException;
	}

	/** A loaded model and the folder it came from (for the manifest's checksum). */
	record Loaded<M>(M model, ModelFolder folder) {}

	/**
	 * The model named by option {@code key}, loaded onto the run's device; a missing, damaged or wrong-kind model
	 * is an error about that option, before any scan is read.
	 */
	static <M> Loaded<M> load(final StepOptions o, final String key, final Loader<M> loader) {
		final ModelFolder folder = o.model(key, null);
		try {
			return new Loaded<>(loader.load(folder, o.device()), folder);
		}
		catch (final IOException | RuntimeException e) {
			throw o.bad(key, "\"" + folder.dir() + "\": " + e.getMessage());
		}
	}

	/**
	 * The scan as a spectral image, refused with both band counts when the model expects another number of
	 * bands (the facades' wavelength check would say the same, but not for a scan without wavelength labels).
	 */
	static SpectralImage spectra(final ImagePlus scan, final int expectedBands, final String model) {
		final SpectralImage s = SpectralImage.of(scan);
		if (s.channels() != expectedBands)
			throw new IllegalArgumentException("the scan has " + s.channels() + " band" + (s.channels() == 1 ? "" : "s") + " (" + Images.shape(scan) +
				") but " + model + " expects " + expectedBands);
		return s;
	}

	private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9_-]");

	/** A valid output name made of a parameter's name ("sO2", "d 1" -> "d_1"). */
	static String outputName(final String words) {
		final String s = NOT_IN_NAME.matcher(words).replaceAll("_");
		return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "p" + s : s;
	}

	/** The median of an image's finite pixels (over all planes), NaN when there is none. */
	static double finiteMedian(final ImagePlus imp) {
		return Images.percentile(Images.finiteSorted(imp), 0.5);
	}
}
