package org.innsight.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffDecoder;

/**
 * TIFF through ImageJ1: 8/16/32-bit images, stacks and hyperstacks (c/z/t), slice labels, calibration and
 * ImageJ properties, as ImageJ's own File > Open and File > Save As > Tiff do. A file whose image data would reach
 * past its end is reported as truncated instead of being opened with missing pixels.
 */
public final class TiffFiles {

	private TiffFiles() {}

	public static ImagePlus read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such TIFF file");
		final Path absolute = file.toAbsolutePath();
		final String dir = absolute.getParent() + File.separator, name = absolute.getFileName().toString();
		final FileInfo[] info;
		try {
			info = new TiffDecoder(dir, name).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("TIFF file " + file + " is corrupt or truncated: " + e.getMessage(), e);
		}
		if (info == null || info.length == 0) throw new IOException(file + " is not a TIFF file (no TIFF header found)");
		final long size = Files.size(file);
		for (final FileInfo fi : info) {
			final long end = dataEnd(fi);
			if (end > size)
				throw new IOException("TIFF file " + file + " is truncated: its image data runs to byte " + end + " but the file has " + size);
		}
		final ImagePlus imp = new Opener().openTiff(dir, name);
		if (imp == null) throw new IOException("ImageJ could not read TIFF file " + file + " (unsupported compression or layout?)");
		return imp;
	}

	/**
	 * Saves {@code imp} as an ImageJ TIFF (atomically; never over one of {@code inputs}). The image keeps its
	 * title and afterwards knows the file it was saved to.
	 */
	public static void write(final ImagePlus imp, final Path file, final Collection<Path> inputs) throws IOException {
		final String title = imp.getTitle();
		try {
			AtomicFiles.write(file, inputs, temporary -> {
				if (!new FileSaver(imp).saveAsTiff(temporary.toString()))
					throw new IOException("ImageJ could not write TIFF file " + file);
			});
		}
		finally {
			imp.setTitle(title); // FileSaver renames the image after the (temporary) file
		}
		final FileInfo fi = imp.getOriginalFileInfo();
		if (fi != null) {
			final Path absolute = file.toAbsolutePath();
			fi.directory = absolute.getParent() + File.separator;
			fi.fileName = absolute.getFileName().toString();
		}
	}

	/** The byte after the last image byte the file should hold. */
	private static long dataEnd(final FileInfo fi) {
		long end = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.compression > FileInfo.COMPRESSION_NONE) {
			for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++)
				end = Math.max(end, Integer.toUnsignedLong(fi.stripOffsets[i]) + Integer.toUnsignedLong(fi.stripLengths[i]));
			return end;
		}
		if (fi.compression > FileInfo.COMPRESSION_NONE) return 0; // compressed without strip table: leave it to ImageJ
		final long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
		final long gap = fi.longGap > 0 ? fi.longGap : fi.gapBetweenImages;
		final int n = Math.max(1, fi.nImages);
		return fi.getOffset() + n * image + (n - 1) * gap;
	}
}
