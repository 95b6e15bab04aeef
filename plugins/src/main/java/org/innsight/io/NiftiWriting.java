package org.innsight.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

/** Chooses the header of a NIfTI file to write and encodes the voxels; see {@link NiftiFiles}. */
final class NiftiWriting {

	private NiftiWriting() {}

	static NiftiHeader header(final ImagePlus imp, final NiftiDataType requested) {
		if (imp.getBitDepth() == 24)
			throw new IllegalArgumentException("Image '" + imp.getTitle() + "' is RGB; NIfTI output needs 8-, 16- or 32-bit grayscale");
		final NiftiHeader source = NiftiFiles.header(imp);
		final NiftiHeader h = source != null ? source.copy() : NiftiHeader.create();
		NiftiDataType type;
		double slope = 1, inter = 0;
		if (requested != null) {
			type = requested;
			if (type == NiftiDataType.INT64 || type == NiftiDataType.UINT64)
				throw new IllegalArgumentException("InnSight does not write " + type + " NIfTI; use INT32 or FLOAT64");
			if (source != null && type.isInteger() && source.datatype() == type.code && source.isScaled()) {
				slope = source.sclSlope();
				inter = Float.isFinite(source.sclInter()) ? source.sclInter() : 0;
			}
			final String problem = type.isInteger() ? misfit(imp, type, slope, inter) : null;
			if (problem != null)
				throw new IllegalArgumentException("Cannot write image '" + imp.getTitle() + "' as " + type + " NIfTI: " + problem);
		}
		else {
			type = defaultType(imp);
			final NiftiDataType kept = source == null ? null : NiftiDataType.of(source.datatype());
			if (kept != null && kept != NiftiDataType.INT64 && kept != NiftiDataType.UINT64) {
				final boolean scaled = kept.isInteger() && source.isScaled();
				final double s = scaled ? source.sclSlope() : 1, i = scaled && Float.isFinite(source.sclInter()) ? source.sclInter() : 0;
				if (!kept.isInteger() || misfit(imp, kept, s, i) == null) {
					type = kept;
					slope = s;
					inter = i;
				}
			}
		}
		fill(h, imp, source, type, slope, inter);
		return h;
	}

	private static NiftiDataType defaultType(final ImagePlus imp) {
		return switch (imp.getBitDepth()) {
			case 8 -> NiftiDataType.UINT8;
			case 16 -> imp.getCalibration().isSigned16Bit() ? NiftiDataType.INT16 : NiftiDataType.UINT16;
			default -> NiftiDataType.FLOAT32;
		};
	}

	private static void fill(final NiftiHeader h, final ImagePlus imp, final NiftiHeader source, final NiftiDataType type,
		final double slope, final double inter)
	{
		final int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		int rank = nc > 1 ? 5 : nt > 1 ? 4 : nz > 1 ? 3 : 2;
		if (source != null) rank = Math.max(rank, Math.min(source.dim(0), 5));
		h.setDim(0, rank);
		final int[] sizes = { imp.getWidth(), imp.getHeight(), nz, nt, nc, 1, 1 };
		for (int i = 1; i <= 7; i++) h.setDim(i, sizes[i - 1]);
		h.setDatatype(type);
		final Calibration cal = imp.getCalibration();
		h.setPixdim(1, cal.pixelWidth);
		h.setPixdim(2, cal.pixelHeight);
		h.setPixdim(3, cal.pixelDepth);
		if (cal.frameInterval > 0) h.setPixdim(4, cal.frameInterval);
		final int time = cal.frameInterval > 0 && nt > 1 ? NiftiUnits.timeCode(cal.getTimeUnit()) : source != null ? source.xyztUnits() & 0x38 : 0;
		h.setXyztUnits(NiftiUnits.spaceCode(cal.getUnit()) | time);
		h.setVoxOffset(NiftiHeader.VOX_OFFSET);
		h.setScaling(slope, inter);
		if (source == null) {
			// Orientation unknown: say "scanner coordinates" with no rotation, placed where ImageJ's origin puts voxel 0.
			h.setQformCode(1);
			h.setSformCode(0);
			h.setPixdim(0, 1);
			h.setQoffset(-cal.xOrigin * cal.pixelWidth, -cal.yOrigin * cal.pixelHeight, -cal.zOrigin * cal.pixelDepth);
		}
	}

	/** Why the pixel values do not fit {@code type} with this scaling exactly, or null when they do. */
	static String misfit(final ImagePlus imp, final NiftiDataType type, final double slope, final double inter) {
		final ImageStack stack = imp.getStack();
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final int n = imp.getWidth() * imp.getHeight();
		for (int s = 1; s <= stack.getSize(); s++) {
			final Object pixels = stack.getPixels(s);
			for (int i = 0; i < n; i++) {
				final double v = value(pixels, i, signed16);
				final double raw = (v - inter) / slope;
				final double whole = Math.rint(raw);
				if (!(Math.abs(raw - whole) <= 1e-3) || whole < type.min || whole > type.max) {
					final String scaling = slope == 1 && inter == 0 ? "" : " with scl_slope " + slope + " and scl_inter " + inter;
					return "pixel (" + i % imp.getWidth() + ", " + i / imp.getWidth() + ") of plane " + s + " is " + v +
						", not a value " + type + " can hold" + scaling;
				}
			}
		}
		return null;
	}

	/** Writes the voxels in NIfTI order (x, y, z, t, channel) as {@code h} says. */
	static void voxels(final ImagePlus imp, final NiftiHeader h, final OutputStream out) throws IOException {
		final NiftiDataType type = NiftiDataType.of(h.datatype());
		final boolean scaled = type.isInteger() && h.isScaled();
		final double slope = scaled ? h.sclSlope() : 1, inter = scaled ? h.sclInter() : 0;
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames(), n = imp.getWidth() * imp.getHeight();
		final ImageStack stack = imp.getStack();
		final ByteBuffer bb = ByteBuffer.allocate(n * type.bytes).order(h.order());
		for (int c = 0; c < nc; c++)
			for (int t = 0; t < nt; t++)
				for (int z = 0; z < nz; z++) {
					final Object pixels = stack.getPixels(1 + c + z * nc + t * nc * nz);
					for (int i = 0; i < n; i++) {
						final double v = value(pixels, i, signed16);
						NiftiVoxels.put(bb, type, i, type.isInteger() ? Math.rint((v - inter) / slope) : v);
					}
					out.write(bb.array());
				}
	}

	private static double value(final Object pixels, final int i, final boolean signed16) {
		if (pixels instanceof byte[] a) return a[i] & 0xff;
		if (pixels instanceof short[] a) return signed16 ? (a[i] & 0xffff) - 32768 : a[i] & 0xffff;
		return ((float[]) pixels)[i];
	}
}
