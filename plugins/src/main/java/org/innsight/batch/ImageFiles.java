package org.innsight.batch;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.RoiEncoder;
import ij.io.TiffDecoder;
import ij.io.TiffEncoder;

/**
 * Reads scans and writes outputs for the batch through ImageJ1, with errors that name the file and the
 * problem. This is the one place the batch touches file formats: when {@code org.innsight.io} (NIfTI, HDF5,
 * TIFF) is merged, its readers and writers plug in here and nothing else in {@code batch} changes.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** Reads an image; throws an {@link IOException} that says why a file is not a usable image. */
	public static ImagePlus read(final Path file) throws IOException {
		checkReadable(file);
		final long size = Files.size(file);
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff")) checkTiff(file, size);
		final ImagePlus imp = new Opener().openImage(file.toAbsolutePath().toString());
		if (imp == null) throw new IOException("ImageJ cannot read this file as an image");
		return imp;
	}

	/** Throws an {@link IOException} saying why {@code file} cannot be read at all (missing, folder, permissions, empty). */
	public static void checkReadable(final Path file) throws IOException {
		if (Files.isSymbolicLink(file) && !Files.exists(file))
			throw new IOException("dangling symbolic link (its target " + Files.readSymbolicLink(file) + " does not exist)");
		if (!Files.exists(file)) throw new IOException("file does not exist");
		if (Files.isDirectory(file)) throw new IOException("is a folder, not an image file");
		if (!Files.isReadable(file)) throw new IOException("no permission to read the file");
		if (Files.size(file) == 0) throw new IOException("file is empty");
		try (InputStream in = Files.newInputStream(file)) {
			in.read(); // a permission or device problem shows here, with the system's own reason
		}
	}

	/**
	 * ImageJ reads a truncated TIFF without complaint and fills the missing part with zeros, which would flow
	 * through a pipeline as plausible data; so the image data's extent is checked against the file size first.
	 */
	private static void checkTiff(final Path file, final long size) throws IOException {
		final File f = file.toAbsolutePath().toFile();
		final FileInfo[] info;
		try {
			info = new TiffDecoder(f.getParent() + File.separator, f.getName()).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("not a readable TIFF: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
		}
		if (info == null || info.length == 0) throw new IOException("not a TIFF file (no image directory found)");
		long end = 0;
		for (final FileInfo fi : info)
			end = Math.max(end, dataEnd(fi));
		if (end > size)
			throw new IOException("truncated TIFF: the image data needs " + end + " bytes but the file has only " + size);
	}

	private static long dataEnd(final FileInfo fi) {
		final long plane = (long) fi.width * fi.height * fi.getBytesPerPixel();
		if (fi.nImages > 1) // ImageJ's contiguous stack: one header, planes back to back
			return fi.getOffset() + fi.nImages * plane + (fi.nImages - 1) * fi.getGap();
		long end = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length)
			for (int i = 0; i < fi.stripOffsets.length; i++)
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
		if (fi.compression <= FileInfo.COMPRESSION_NONE) end = Math.max(end, fi.getOffset() + plane);
		return end;
	}

	/**
	 * Writes an image in one of {@link OutputSpec#FORMATS}: {@code tif} (ImageJ TIFF with calibration, slice
	 * labels and properties), {@code zip} (that TIFF, zipped) or {@code png} (8-bit or RGB, one plane).
	 */
	public static void write(final ImagePlus imp, final String format, final OutputStream out) throws IOException {
		switch (format) {
		case "tif" -> writeTiff(imp, out);
		case "zip" -> {
			final ZipOutputStream zip = new ZipOutputStream(out);
			final String title = imp.getTitle() == null || imp.getTitle().isBlank() ? "image" : imp.getTitle().replaceAll("[\\\\/:]", "_");
			zip.putNextEntry(new ZipEntry(title.endsWith(".tif") ? title : title + ".tif"));
			writeTiff(imp, zip);
			zip.closeEntry();
			zip.finish();
		}
		case "png" -> {
			if (imp.getStackSize() != 1)
				throw new IOException("PNG holds one plane, this image has " + imp.getStackSize() + "; write tif or pick a plane");
			if (imp.getBitDepth() != 8 && imp.getBitDepth() != 24)
				throw new IOException("PNG output needs an 8-bit or RGB image, this one is " + imp.getBitDepth() + "-bit");
			final BufferedImage bi = imp.getProcessor().getBufferedImage();
			if (!ImageIO.write(bi, "png", out)) throw new IOException("no PNG writer available");
		}
		default -> throw new IllegalArgumentException("unknown output format " + format);
		}
	}

	/**
	 * What {@link FileSaver#saveAsTiff} writes (calibration, slice labels such as "520nm", ROI, overlay, display
	 * ranges and image properties such as "wavelengths"), but to a stream; {@link FileSaver#serialize()} would
	 * drop the properties.
	 */
	private static void writeTiff(final ImagePlus imp, final OutputStream out) throws IOException {
		if (imp.getStack().isVirtual()) throw new IOException("cannot write a virtual stack");
		final FileSaver saver = new FileSaver(imp);
		final FileInfo fi = imp.getFileInfo();
		fi.info = imp.getInfoProperty();
		fi.description = saver.getDescriptionString();
		final String[] labels = imp.getStack().getSliceLabels();
		boolean anyLabel = false;
		for (int i = 0; labels != null && i < imp.getStackSize(); i++)
			anyLabel |= labels[i] != null;
		fi.sliceLabels = anyLabel ? java.util.Arrays.copyOf(labels, imp.getStackSize()) : null;
		fi.roi = RoiEncoder.saveAsByteArray(imp.getRoi());
		fi.overlay = FileSaver.getOverlay(imp);
		fi.properties = imp.getPropertiesAsArray();
		if (imp.isComposite()) saver.saveDisplayRangesAndLuts(imp, fi);
		new TiffEncoder(fi).write(out);
	}
}
