package org.innsight.fiji;

import java.util.ArrayList;
import java.util.List;

import org.innsight.progress.ProgressListener;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A 32-bit copy of a spectral {@link ImagePlus}, handed to algorithms as ImgLib2 views (x, y, channel) over
 * the copy's own pixel arrays, one view per z/t position. The spectral axis is the channel axis, or, for a
 * plain stack without channels, the slice axis (a spectral cube saved as a z-stack of wavelength bands).
 * <p>
 * Kept small and local to the Fiji adapters; the general ImagePlus/ImgLib2 bridge lives in
 * {@code org.innsight.image}.
 */
final class SpectralStack {

	/** Work on one spectrum-bearing view; {@code channelAxis} is the spectral axis of {@code view}. */
	interface SpectrumWork {
		void run(RandomAccessibleInterval<FloatType> view, int channelAxis, ProgressListener progress);
	}

	private final ImagePlus copy;
	private final boolean slicesAreChannels;

	private SpectralStack(final ImagePlus copy, final boolean slicesAreChannels) {
		this.copy = copy;
		this.slicesAreChannels = slicesAreChannels;
	}

	/** A 32-bit copy of {@code input}, keeping dimensions, slice labels (wavelengths), calibration and info. */
	static SpectralStack floatCopy(final ImagePlus input) {
		if (input.getBitDepth() == 24) throw new IllegalArgumentException("image '" + input.getTitle() +
			"' is RGB; a spectral image needs one 8-, 16- or 32-bit channel per wavelength");
		final ImageStack in = input.getStack();
		final ImageStack out = new ImageStack(input.getWidth(), input.getHeight());
		for (int i = 1; i <= in.getSize(); i++)
			out.addSlice(in.getSliceLabel(i), in.getProcessor(i).convertToFloatProcessor());
		final ImagePlus copy = new ImagePlus(input.getTitle(), out);
		copy.setDimensions(input.getNChannels(), input.getNSlices(), input.getNFrames());
		if (input.isHyperStack()) copy.setOpenAsHyperStack(true);
		copy.setCalibration(input.getCalibration().copy());
		// Not copyAttributes(): it also copies the image ID, and two open images must never share one.
		final Object info = input.getProperty("Info");
		if (info != null) copy.setProperty("Info", info);
		final String[] props = input.getPropertiesAsArray();
		if (props != null) copy.setProperties(props);
		return new SpectralStack(copy, input.getNChannels() == 1 && input.getNSlices() > 1);
	}

	ImagePlus image() {
		return copy;
	}

	/** Runs {@code work} on every (x, y, channel) view of the copy; progress covers all of them. */
	void forEachSpectrum(final SpectrumWork work, final ProgressListener progress) {
		final int channels = slicesAreChannels ? copy.getNSlices() : copy.getNChannels();
		final int slices = slicesAreChannels ? 1 : copy.getNSlices();
		final int frames = copy.getNFrames();
		final int views = slices * frames;
		int v = 0;
		for (int t = 1; t <= frames; t++) {
			for (int z = 1; z <= slices; z++, v++) {
				final List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>(channels);
				for (int c = 1; c <= channels; c++) {
					final int index = slicesAreChannels ? copy.getStackIndex(1, c, t) : copy.getStackIndex(c, z, t);
					final FloatProcessor fp = (FloatProcessor) copy.getStack().getProcessor(index);
					planes.add(ArrayImgs.floats((float[]) fp.getPixels(), fp.getWidth(), fp.getHeight()));
				}
				final long offset = v;
				work.run(Views.stack(planes), 2, (done, total, message) -> progress.progress(offset * total + done,
					views * total, message));
			}
		}
	}
}
