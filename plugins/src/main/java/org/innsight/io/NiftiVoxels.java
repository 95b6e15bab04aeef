package org.innsight.io;

import java.nio.ByteBuffer;

/** Conversion of one plane of NIfTI voxels between file bytes and ImageJ pixel arrays. */
final class NiftiVoxels {

	private NiftiVoxels() {}

	/**
	 * The plane in {@code bb} as ImageJ pixels: byte[] (bitDepth 8, uint8 unscaled), short[] (16, uint16 unscaled) or
	 * float[] (32) holding {@code raw * slope + inter}.
	 */
	static Object decode(final ByteBuffer bb, final NiftiDataType type, final int n, final int bitDepth, final double slope,
		final double inter)
	{
		if (bitDepth == 8) {
			final byte[] a = new byte[n];
			bb.get(0, a);
			return a;
		}
		if (bitDepth == 16) {
			final short[] a = new short[n];
			bb.asShortBuffer().get(a);
			return a;
		}
		final float[] a = new float[n];
		if (type == NiftiDataType.FLOAT32 && slope == 1 && inter == 0) {
			bb.asFloatBuffer().get(a);
			return a;
		}
		for (int i = 0; i < n; i++)
			a[i] = (float) (raw(bb, type, i) * slope + inter);
		return a;
	}

	/** Voxel {@code i} of the buffer as stored (unscaled). */
	static double raw(final ByteBuffer bb, final NiftiDataType type, final int i) {
		return switch (type) {
			case UINT8 -> bb.get(i) & 0xff;
			case INT8 -> bb.get(i);
			case INT16 -> bb.getShort(2 * i);
			case UINT16 -> bb.getShort(2 * i) & 0xffff;
			case INT32 -> bb.getInt(4 * i);
			case UINT32 -> Integer.toUnsignedLong(bb.getInt(4 * i));
			case INT64 -> bb.getLong(8 * i);
			case UINT64 -> {
				final long v = bb.getLong(8 * i);
				yield (double) (v >>> 1) * 2 + (v & 1);
			}
			case FLOAT32 -> bb.getFloat(4 * i);
			case FLOAT64 -> bb.getDouble(8 * i);
		};
	}

	/** Stores {@code value} (already unscaled, and whole for integer types) as voxel {@code i}. */
	static void put(final ByteBuffer bb, final NiftiDataType type, final int i, final double value) {
		switch (type) {
			case UINT8, INT8 -> bb.put(i, (byte) (long) value);
			case INT16, UINT16 -> bb.putShort(2 * i, (short) (long) value);
			case INT32, UINT32 -> bb.putInt(4 * i, (int) (long) value);
			case FLOAT32 -> bb.putFloat(4 * i, (float) value);
			case FLOAT64 -> bb.putDouble(8 * i, value);
			case INT64, UINT64 -> throw new IllegalArgumentException("InnSight does not write 64-bit integer NIfTI");
		}
	}
}
