package org.innsight.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.innsight.image.CalibratedImage;
import org.innsight.image.ImagePlusBridge;
import org.innsight.image.SpectralImage;

import ij.ImagePlus;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/**
 * The one place that opens and saves images, choosing the format by file extension: TIFF ({@code .tif},
 * {@code .tiff}) through ImageJ1, HDF5 ({@code .h5}, {@code .hdf5}) through jhdf, NIfTI-1 ({@code .nii},
 * {@code .nii.gz}); anything else through Bio-Formats when it is installed (as in Fiji). Saving is atomic and
 * refuses to replace an input file.
 */
public final class ImageFiles {

	/** The formats InnSight reads and writes itself, for messages. */
	public static final String SUPPORTED = ".tif/.tiff, .h5/.hdf5, .nii/.nii.gz";

	public enum Format { TIFF, HDF5, NIFTI, OTHER }

	private ImageFiles() {}

	public static Format formatOf(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return Format.TIFF;
		if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".he5")) return Format.HDF5;
		if (name.endsWith(".nii") || name.endsWith(".nii.gz")) return Format.NIFTI;
		return Format.OTHER;
	}

	/** Opens an image file; for HDF5 the dataset {@link Hdf5Images#defaultDataset} picks. */
	public static ImagePlus open(final Path file) throws IOException {
		return open(file, null);
	}

	/**
	 * Opens an image file, or an OME-Zarr folder whole; {@code hdf5Dataset} names the dataset in an HDF5 file (null:
	 * the default one).
	 */
	public static ImagePlus open(final Path file, final String hdf5Dataset) throws IOException {
		if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such image file");
		if (Files.isDirectory(file)) return openZarr(file);
		return switch (formatOf(file)) {
			case TIFF -> TiffFiles.read(file);
			case NIFTI -> NiftiFiles.read(file);
			case HDF5 -> Hdf5Images.read(file, hdf5Dataset != null ? hdf5Dataset : Hdf5Images.defaultDataset(file));
			case OTHER -> new BioFormats().open(file);
		};
	}

	/**
	 * An OME-Zarr folder (or plain Zarr array) of a spectral image (axes c, y, x or t, c, y, x) read whole into
	 * memory, holding one frame's chunks while it is copied; the streamed commands read such folders chunk by chunk
	 * instead ({@link OmeZarr#openSpectral}).
	 */
	private static ImagePlus openZarr(final Path folder) throws IOException {
		return OmeZarr.openSpectral(folder, 0).toImagePlus();
	}

	/** Opens an image file as an ImgLib2 image (a view of the opened ImagePlus's pixels). */
	public static <T extends NativeType<T> & RealType<T>> CalibratedImage<T> openImage(final Path file) throws IOException {
		return ImagePlusBridge.wrap(open(file));
	}

	/** Opens a multispectral image; wavelengths come from labels, the "wavelengths" property or a JSON sidecar. */
	public static SpectralImage openSpectral(final Path file) throws IOException {
		return SpectralImage.of(open(file));
	}

	/**
	 * Saves an image in the format of {@code file}'s extension (HDF5: dataset {@value Hdf5Images#DEFAULT_DATASET}),
	 * atomically, refusing to write over any of {@code inputs}.
	 */
	public static void save(final ImagePlus imp, final Path file, final Collection<Path> inputs) throws IOException {
		switch (formatOf(file)) {
			case TIFF -> TiffFiles.write(imp, file, inputs);
			case NIFTI -> NiftiFiles.write(imp, file, inputs);
			case HDF5 -> Hdf5Images.write(imp, file, Hdf5Images.DEFAULT_DATASET, inputs);
			case OTHER -> throw new IOException("Cannot save " + file + ": InnSight writes " + SUPPORTED +
				"; give the output one of these extensions");
		}
	}

	/** Saves an ImgLib2 image (through {@link ImagePlusBridge#toImagePlus}); see {@link #save(ImagePlus, Path, Collection)}. */
	public static void save(final CalibratedImage<?> image, final Path file, final Collection<Path> inputs) throws IOException {
		save(ImagePlusBridge.toImagePlus(image), file, inputs);
	}

	/** Whether Bio-Formats is there to open other formats. */
	public static boolean bioFormatsAvailable() {
		return new BioFormats().available();
	}
}
