package org.innsight.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;

/**
 * NIfTI-1 single files ({@code .nii}, {@code .nii.gz}) to and from ImageJ images, in pure Java.
 * <p>
 * Reading: dim 1..3 are x, y, z, dim 4 time, dim 5 channels; voxel (i, j, k) of the file is pixel (x=i, y=j,
 * slice k) (no flip). uint8 and uint16 without scaling stay 8/16-bit; everything else becomes 32-bit float with
 * {@code scl_slope}/{@code scl_inter} applied (float64 is rounded to float32). Voxel sizes and units go into the
 * calibration; the header is attached as property {@link NiftiHeader#PROPERTY}.
 * <p>
 * Writing keeps that header's orientation (qform/sform), intent and description, and its integer datatype and
 * scaling when the values still fit them losslessly; otherwise 8-bit is written as uint8, 16-bit as uint16 (int16 for
 * ImageJ's signed 16-bit), 32-bit as float32. Images without a header get qform_code 1 from their calibration.
 */
public final class NiftiFiles {

	private NiftiFiles() {}

	/** Opens a .nii or .nii.gz file. */
	public static ImagePlus read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such NIfTI file");
		final boolean gz = isGzip(file);
		try (InputStream in = gz ? new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)
			: new BufferedInputStream(Files.newInputStream(file), 1 << 16))
		{
			final byte[] head = new byte[NiftiHeader.SIZE];
			final int got = in.readNBytes(head, 0, head.length);
			if (got < head.length)
				throw new IOException("NIfTI file " + file + " is truncated: its header needs " + head.length + " bytes, found " + got);
			final NiftiHeader h = NiftiHeader.parse(head, file);
			final Layout l = Layout.of(h, file);
			if (!gz) {
				final long expected = (long) l.voxOffset + l.voxels * l.type.bytes;
				if (Files.size(file) < expected)
					throw new IOException("NIfTI file " + file + " is truncated: it should have " + expected + " bytes (" + l.voxels +
						" voxels of " + l.type + " from byte " + l.voxOffset + "), found " + Files.size(file));
			}
			skipFully(in, l.voxOffset - NiftiHeader.SIZE, file);
			final ImagePlus imp = readVoxels(in, h, l, file);
			imp.setProperty(NiftiHeader.PROPERTY, h);
			imp.setProperty("Info", h.summary());
			final FileInfo fi = new FileInfo();
			fi.directory = file.toAbsolutePath().getParent() + java.io.File.separator;
			fi.fileName = file.getFileName().toString();
			imp.setFileInfo(fi);
			return imp;
		}
		catch (final ZipException e) {
			throw new IOException("NIfTI file " + file + " is not a valid gzip file (" + e.getMessage() + ")", e);
		}
		catch (final EOFException e) {
			throw new IOException("NIfTI file " + file + " is truncated: " + e.getMessage(), e);
		}
	}

	/** Writes {@code imp} with the datatype chosen as the class comment says; never over one of {@code inputs}. */
	public static void write(final ImagePlus imp, final Path file, final Collection<Path> inputs) throws IOException {
		write(imp, file, null, inputs);
	}

	/**
	 * Writes {@code imp} as {@code type} (null: choose as the class comment says). An integer type that cannot hold
	 * the pixel values exactly is an {@link IllegalArgumentException}.
	 */
	public static void write(final ImagePlus imp, final Path file, final NiftiDataType type, final Collection<Path> inputs)
		throws IOException
	{
		final NiftiHeader h = NiftiWriting.header(imp, type);
		AtomicFiles.writeStream(file, inputs, raw -> {
			final OutputStream out = isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16);
			out.write(h.bytes());
			out.write(new byte[NiftiHeader.VOX_OFFSET - NiftiHeader.SIZE]); // no extensions
			NiftiWriting.voxels(imp, h, out);
			out.flush();
			if (out instanceof GZIPOutputStream g) g.finish();
		});
	}

	/** The header attached to an image read from NIfTI, or null. */
	public static NiftiHeader header(final ImagePlus imp) {
		return imp.getProperty(NiftiHeader.PROPERTY) instanceof NiftiHeader h ? h : null;
	}

	static boolean isGzip(final Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
	}

	/** What the header says about the voxels. */
	record Layout(NiftiDataType type, int nx, int ny, int nz, int nt, int nc, long voxels, int voxOffset) {

		static Layout of(final NiftiHeader h, final Path file) throws IOException {
			final NiftiDataType type = NiftiDataType.of(h.datatype());
			if (type == null)
				throw new IOException("NIfTI file " + file + " has datatype " + h.datatype() + ", which InnSight does not read " +
					"(it reads integers of 8-64 bits, float32 and float64; not RGB or complex)");
			final int rank = h.dim(0);
			if (rank < 1 || rank > 7) throw new IOException("NIfTI file " + file + " is corrupt: dim[0] = " + rank + " (must be 1..7)");
			final int[] size = new int[8];
			for (int i = 1; i <= 7; i++) {
				size[i] = i <= rank ? h.dim(i) : 1;
				if (size[i] < 1) throw new IOException("NIfTI file " + file + " is corrupt: dim[" + i + "] = " + size[i]);
			}
			if (size[6] * size[7] != 1)
				throw new IOException("NIfTI file " + file + " has 6 or 7 dimensions; InnSight reads up to 5 (x, y, z, t, channels)");
			if ((long) size[1] * size[2] * type.bytes > Integer.MAX_VALUE)
				throw new IOException("NIfTI file " + file + " has slices of " + size[1] + "x" + size[2] + ", too large for ImageJ");
			final float offset = h.voxOffset();
			if (!(offset >= NiftiHeader.SIZE) || offset > Integer.MAX_VALUE)
				throw new IOException("NIfTI file " + file + " is corrupt: vox_offset = " + offset);
			final long voxels = (long) size[1] * size[2] * size[3] * size[4] * size[5];
			return new Layout(type, size[1], size[2], size[3], size[4], size[5], voxels, (int) offset);
		}
	}

	private static ImagePlus readVoxels(final InputStream in, final NiftiHeader h, final Layout l, final Path file) throws IOException {
		final boolean scaled = h.isScaled();
		final double slope = scaled ? h.sclSlope() : 1, inter = scaled && Float.isFinite(h.sclInter()) ? h.sclInter() : 0;
		final int bitDepth = scaled ? 32 : l.type == NiftiDataType.UINT8 ? 8 : l.type == NiftiDataType.UINT16 ? 16 : 32;
		final int planeSize = l.nx * l.ny;
		final Object[] planes = new Object[l.nz * l.nt * l.nc];
		final byte[] buffer = new byte[planeSize * l.type.bytes];
		long read = 0;
		// File order: x fastest, then y, z, t, u (channels); ImageJ's stack order: c fastest, then z, t.
		for (int c = 0; c < l.nc; c++)
			for (int t = 0; t < l.nt; t++)
				for (int z = 0; z < l.nz; z++) {
					final int got = in.readNBytes(buffer, 0, buffer.length);
					if (got < buffer.length)
						throw new IOException("NIfTI file " + file + " is truncated: it ends after " + (read + got / l.type.bytes) + " of " +
							l.voxels + " voxels");
					read += planeSize;
					planes[c + z * l.nc + t * l.nc * l.nz] = NiftiVoxels.decode(ByteBuffer.wrap(buffer).order(h.order()), l.type, planeSize,
						bitDepth, slope, inter);
				}
		final ImageStack stack = new ImageStack(l.nx, l.ny);
		for (final Object p : planes) stack.addSlice(null, p);
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.setDimensions(l.nc, l.nz, l.nt);
		if ((l.nc > 1 ? 1 : 0) + (l.nz > 1 ? 1 : 0) + (l.nt > 1 ? 1 : 0) > 1) imp.setOpenAsHyperStack(true);
		calibrate(imp, h);
		return imp;
	}

	private static void calibrate(final ImagePlus imp, final NiftiHeader h) {
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = voxelSize(h.pixdim(1));
		cal.pixelHeight = voxelSize(h.pixdim(2));
		cal.pixelDepth = voxelSize(h.pixdim(3));
		final String unit = NiftiUnits.spaceUnit(h.xyztUnits());
		if (unit != null) cal.setUnit(unit);
		if (imp.getNFrames() > 1 && h.pixdim(4) > 0) {
			cal.frameInterval = h.pixdim(4);
			final String time = NiftiUnits.timeUnit(h.xyztUnits());
			if (time != null) cal.setTimeUnit(time);
		}
		imp.setCalibration(cal);
	}

	private static double voxelSize(final float pixdim) {
		final double s = Math.abs(pixdim);
		return s > 0 && Double.isFinite(s) ? s : 1;
	}

	private static void skipFully(final InputStream in, final long n, final Path file) throws IOException {
		long left = n;
		while (left > 0) {
			final long skipped = in.skip(left);
			if (skipped <= 0) {
				if (in.read() < 0) throw new IOException("NIfTI file " + file + " is truncated: it ends before its voxel data");
				left--;
			}
			else left -= skipped;
		}
	}
}
