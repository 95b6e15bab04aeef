package org.innsight.batch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.innsight.io.Checksums;
import org.innsight.io.ImageFiles;

import ij.ImagePlus;

/**
 * Reads scans and writes outputs for the batch. Formats are {@link ImageFiles}'s business (TIFF, NIfTI, HDF5,
 * Bio-Formats when present); this class adds the checks that give an unreadable scan a reason a person can act
 * on, and returns the SHA-256 of every file written for the manifest.
 */
public final class ScanFiles {

	private ScanFiles() {}

	/** Reads a scan; throws an {@link IOException} that says why a file is not a usable image. */
	public static ImagePlus read(final Path file) throws IOException {
		checkReadable(file);
		final ImagePlus imp = ImageFiles.open(file);
		if (imp == null) throw new IOException("cannot be read as an image");
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
	 * Writes an output atomically in one of {@link OutputSpec#FORMATS} (never over {@code input}) and returns its
	 * SHA-256. {@code png} is an 8-bit or RGB rendering of one plane; the others keep the data as it is.
	 */
	public static String write(final ImagePlus imp, final String format, final Path target, final Path input) throws IOException {
		if (format.equals("png")) {
			if (imp.getStackSize() != 1)
				throw new IOException("PNG holds one plane, this image has " + imp.getStackSize() + "; write tif or pick a plane");
			if (imp.getBitDepth() != 8 && imp.getBitDepth() != 24)
				throw new IOException("PNG output needs an 8-bit or RGB image, this one is " + imp.getBitDepth() + "-bit");
			final BufferedImage bi = imp.getProcessor().getBufferedImage();
			return AtomicWrite.write(target, input, out -> {
				if (!ImageIO.write(bi, "png", out)) throw new IOException("no PNG writer available");
			});
		}
		ImageFiles.save(imp, target, List.of(input));
		return Checksums.sha256(target);
	}
}
