package org.innsight.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The 348-byte NIfTI-1 header, kept as bytes in the file's byte order so that everything InnSight does not change
 * (orientation: qform/sform codes, quaternion, offsets, srow; intent; description) is written back unchanged.
 * Attached to an opened image as the ImagePlus property {@link #PROPERTY}.
 */
public final class NiftiHeader {

	/** The ImagePlus property holding the header of the file an image was read from. */
	public static final String PROPERTY = "NIfTI-1 header";

	static final int SIZE = 348;
	/** Header plus the 4-byte extension flag: where voxels start in the files InnSight writes. */
	static final int VOX_OFFSET = 352;

	private final ByteBuffer b;

	private NiftiHeader(final ByteBuffer b) {
		this.b = b;
	}

	/** A header in file byte order from the first 348 bytes of a file; anything but NIfTI-1 is an IOException. */
	static NiftiHeader parse(final byte[] bytes, final Path file) throws IOException {
		final ByteBuffer bb = ByteBuffer.wrap(bytes.clone()).order(ByteOrder.LITTLE_ENDIAN);
		final int le = bb.getInt(0);
		if (le != SIZE) {
			bb.order(ByteOrder.BIG_ENDIAN);
			if (bb.getInt(0) != SIZE) {
				final int be = bb.getInt(0);
				if (le == 540 || be == 540)
					throw new IOException(file + " is a NIfTI-2 file; InnSight reads NIfTI-1 (.nii, .nii.gz)");
				throw new IOException(file + " is not a NIfTI-1 file (its first 4 bytes should be 348, found " + le + ")");
			}
		}
		final NiftiHeader h = new NiftiHeader(bb);
		final String magic = h.magic();
		if (magic.equals("ni1"))
			throw new IOException(file + " is the header of a .hdr/.img pair; InnSight reads single-file NIfTI-1 (.nii, .nii.gz)");
		if (!magic.equals("n+1")) throw new IOException(file + " is not a NIfTI-1 file (magic \"" + magic + "\", expected \"n+1\")");
		return h;
	}

	/** A fresh little-endian header: magic n+1, voxels at byte 352, unit scaling, no orientation yet. */
	static NiftiHeader create() {
		final NiftiHeader h = new NiftiHeader(ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN));
		h.b.putInt(0, SIZE);
		h.b.put(38, (byte) 'r'); // "regular", as other writers set it
		h.b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
		for (int i = 0; i < 8; i++) h.setPixdim(i, 1);
		h.setVoxOffset(VOX_OFFSET);
		h.setScaling(1, 0);
		return h;
	}

	/**
	 * A fresh header (as {@link #create()}: no datatype, dimensions, scaling, intent or description yet) that keeps
	 * {@code source}'s place in space: qform and sform codes, quaternion, qoffset, srow rows, qfac (pixdim[0]), voxel
	 * sizes (pixdim[1..3]) and spatial unit. For images derived voxel by voxel from a scan (labels, probabilities,
	 * weights), whose datatype and dimensions are their own but whose orientation must be the scan's.
	 */
	public static NiftiHeader placementOf(final NiftiHeader source) {
		final NiftiHeader h = create();
		final ByteBuffer to = ByteBuffer.wrap(h.b.array()).order(h.b.order());
		for (int i = 0; i <= 3; i++) to.putFloat(76 + 4 * i, source.pixdim(i));
		to.put(123, (byte) (source.xyztUnits() & 0x07));
		to.putShort(252, (short) source.qformCode());
		to.putShort(254, (short) source.sformCode());
		final float[] q = source.qform();
		for (int i = 0; i < 6; i++) to.putFloat(256 + 4 * i, q[i]);
		for (int r = 0; r < 3; r++) {
			final float[] row = source.srow(r);
			for (int i = 0; i < 4; i++) to.putFloat(280 + 16 * r + 4 * i, row[i]);
		}
		return h;
	}

	public NiftiHeader copy() {
		final ByteBuffer c = ByteBuffer.allocate(SIZE).order(b.order());
		c.put(0, b.array(), 0, SIZE);
		return new NiftiHeader(c);
	}

	byte[] bytes() {
		return b.array().clone();
	}

	public ByteOrder order() {
		return b.order();
	}

	/** {@code dim[i]}: dim[0] is the number of dimensions, dim[1..7] the sizes (x, y, z, t, u, v, w). */
	public int dim(final int i) {
		return b.getShort(40 + 2 * i);
	}

	void setDim(final int i, final int value) {
		if (value > Short.MAX_VALUE) throw new IllegalArgumentException("NIfTI-1 sizes are at most 32767, not " + value);
		b.putShort(40 + 2 * i, (short) value);
	}

	public int datatype() {
		return b.getShort(70);
	}

	public int bitpix() {
		return b.getShort(72);
	}

	void setDatatype(final NiftiDataType type) {
		b.putShort(70, (short) type.code);
		b.putShort(72, (short) (8 * type.bytes));
	}

	/** {@code pixdim[i]}: pixdim[0] is qfac, pixdim[1..3] voxel sizes, pixdim[4] the time step. */
	public float pixdim(final int i) {
		return b.getFloat(76 + 4 * i);
	}

	void setPixdim(final int i, final double value) {
		b.putFloat(76 + 4 * i, (float) value);
	}

	public float voxOffset() {
		return b.getFloat(108);
	}

	void setVoxOffset(final int offset) {
		b.putFloat(108, offset);
	}

	public float sclSlope() {
		return b.getFloat(112);
	}

	public float sclInter() {
		return b.getFloat(116);
	}

	void setScaling(final double slope, final double inter) {
		b.putFloat(112, (float) slope);
		b.putFloat(116, (float) inter);
	}

	/** Whether voxel values are scaled ({@code scl_slope} nonzero and finite, not the identity). */
	public boolean isScaled() {
		final float s = sclSlope(), i = sclInter();
		return s != 0 && Float.isFinite(s) && (s != 1 || Float.isFinite(i) && i != 0);
	}

	public int xyztUnits() {
		return b.get(123) & 0xff;
	}

	void setXyztUnits(final int units) {
		b.put(123, (byte) units);
	}

	public int intentCode() {
		return b.getShort(68);
	}

	public int qformCode() {
		return b.getShort(252);
	}

	public int sformCode() {
		return b.getShort(254);
	}

	void setQformCode(final int code) {
		b.putShort(252, (short) code);
	}

	void setSformCode(final int code) {
		b.putShort(254, (short) code);
	}

	/** quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z. */
	public float[] qform() {
		final float[] q = new float[6];
		for (int i = 0; i < 6; i++) q[i] = b.getFloat(256 + 4 * i);
		return q;
	}

	void setQoffset(final double x, final double y, final double z) {
		b.putFloat(268, (float) x).putFloat(272, (float) y).putFloat(276, (float) z);
	}

	/** Row {@code r} (0..2) of the sform affine: srow_x, srow_y or srow_z (4 values). */
	public float[] srow(final int r) {
		final float[] row = new float[4];
		for (int i = 0; i < 4; i++) row[i] = b.getFloat(280 + 16 * r + 4 * i);
		return row;
	}

	public String descrip() {
		return text(148, 80);
	}

	String magic() {
		return text(344, 4);
	}

	private String text(final int offset, final int length) {
		int n = 0;
		while (n < length && b.get(offset + n) != 0) n++;
		return new String(b.array(), offset, n, StandardCharsets.ISO_8859_1);
	}

	/** A short description for ImageJ's Image > Show Info. */
	public String summary() {
		final StringBuilder sb = new StringBuilder("NIfTI-1 header\n");
		sb.append("dim: ");
		for (int i = 0; i <= 7; i++) sb.append(dim(i)).append(i < 7 ? " " : "\n");
		sb.append("datatype: ").append(datatype()).append(", scl_slope: ").append(sclSlope()).append(", scl_inter: ").append(sclInter()).append('\n');
		sb.append("pixdim: ");
		for (int i = 0; i <= 7; i++) sb.append(pixdim(i)).append(i < 7 ? " " : "\n");
		final float[] q = qform();
		sb.append("qform_code: ").append(qformCode()).append(", quatern b c d: ").append(q[0]).append(' ').append(q[1]).append(' ')
			.append(q[2]).append(", qoffset: ").append(q[3]).append(' ').append(q[4]).append(' ').append(q[5]).append('\n');
		sb.append("sform_code: ").append(sformCode());
		for (int r = 0; r < 3; r++) {
			final float[] row = srow(r);
			sb.append(", srow_").append("xyz".charAt(r)).append(": ").append(row[0]).append(' ').append(row[1]).append(' ').append(row[2]).append(' ').append(row[3]);
		}
		return sb.append('\n').append("descrip: ").append(descrip()).append('\n').toString();
	}
}
