package org.innsight.io;

/** NIfTI-1 voxel types InnSight reads (all) and writes (all but the 64-bit integers). */
public enum NiftiDataType {
	UINT8(2, 1, 0, 255),
	INT16(4, 2, Short.MIN_VALUE, Short.MAX_VALUE),
	INT32(8, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
	FLOAT32(16, 4, Double.NaN, Double.NaN),
	FLOAT64(64, 8, Double.NaN, Double.NaN),
	INT8(256, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
	UINT16(512, 2, 0, 65535),
	UINT32(768, 4, 0, 4294967295.0),
	INT64(1024, 8, Long.MIN_VALUE, Long.MAX_VALUE),
	UINT64(1280, 8, 0, 18446744073709551615.0);

	/** The NIfTI {@code datatype} code. */
	public final int code;
	/** Bytes per voxel. */
	public final int bytes;
	final double min;
	final double max;

	NiftiDataType(final int code, final int bytes, final double min, final double max) {
		this.code = code;
		this.bytes = bytes;
		this.min = min;
		this.max = max;
	}

	public boolean isInteger() {
		return this != FLOAT32 && this != FLOAT64;
	}

	/** The type of a NIfTI datatype code, or null for codes InnSight does not read (RGB, complex, ...). */
	public static NiftiDataType of(final int code) {
		for (final NiftiDataType t : values())
			if (t.code == code) return t;
		return null;
	}
}
