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
		final long size = Files.size(file);
		if (size == 0) throw unreadable(file, "0 bytes: the file is empty");
		if (!hasTiffHeader(file)) throw new IOException(file + ": not a TIFF file (it does not start with a TIFF header); check that it is " +
			"an image saved as TIFF, or give the file its real extension");
		final FileInfo[] info;
		try {
			info = new TiffDecoder(dir, name).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) { // ImageJ's own words here are numbers or null: a file cut short or damaged
			throw unreadable(file, "the file ends after " + size + " bytes, truncated?");
		}
		if (info == null || info.length == 0) throw unreadable(file, "no image directory in its " + size + " bytes, truncated?");
		for (final FileInfo fi : info) {
			final long end = dataEnd(fi);
			if (end > size) throw unreadable(file, "its image data runs to byte " + end + " but the file ends after " + size + " bytes, truncated?");
		}
		final ImagePlus imp = new Opener().openTiff(dir, name);
		if (imp == null) throw new IOException("ImageJ could not read TIFF file " + file + " (unsupported compression or layout?)");
		return imp;
	}

	private static IOException unreadable(final Path file, final String why) {
		return new IOException(file + ": not a readable TIFF (" + why + "); copy or export the file again");
	}

	/** Whether the file starts as a TIFF does: "II*\0" (little-endian) or "MM\0*" (big-endian). */
	private static boolean hasTiffHeader(final Path file) throws IOException {
		final byte[] head = new byte[4];
		try (java.io.InputStream in = Files.newInputStream(file)) {
			if (in.readNBytes(head, 0, 4) < 4) return false;
		}
		return head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0 || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42;
	}

	/**
	 * Saves {@code imp} as an ImageJ TIFF (atomically; never over one of {@code inputs}). The image keeps its
	 * title and afterwards knows the file it was saved to.
	 */
	public static void write(final ImagePlus imp, final Path file, final Collection<Path> inputs) throws IOException {
		final String title = imp.getTitle();
		try {
			AtomicFiles.write(file, inputs, temporary -> {
				if (!new FileSaver(imp).saveAsTiff(temporary.toString())) throw notWritten(imp, file, temporary);
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

	/**
	 * Why ImageJ could not write: it says so only on the console and returns false, so the likely reasons are
	 * checked here: a disk with less room than the image needs (it ran full while writing), or a folder that is
	 * not writable.
	 */
	private static IOException notWritten(final ImagePlus imp, final Path file, final Path temporary) {
		final long needed = (long) imp.getWidth() * imp.getHeight() * imp.getStackSize() * imp.getBytesPerPixel();
		final Path folder = temporary.toAbsolutePath().getParent();
		long free = -1;
		try {
			free = Files.getFileStore(folder).getUsableSpace();
		}
		catch (final IOException | RuntimeException e) {
			// unknown: fall through to the general message
		}
		if (free >= 0 && free < needed)
			return new IOException(FileProblems.noSpace(file, "the image needs " + needed + " bytes, " + free + " are free"));
		if (!Files.isWritable(folder)) return new IOException(FileProblems.notWritable(file, folder));
		return new IOException("ImageJ could not write TIFF file " + file + " (its reason is on the console" +
			(free >= 0 ? "; " + free + " bytes are free on that disk" : "") + "); check the disk and the folder");
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
