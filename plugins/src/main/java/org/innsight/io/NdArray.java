package org.innsight.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional numeric array in C order (last index fastest, as in numpy and HDF5): a flat primitive array
 * ({@code byte[] short[] int[] long[] float[] double[]}) plus its shape and the element type it was stored as
 * ({@code dtype}, numpy names such as "uint8", "int16", "float32"; unsigned values are held in a wider Java type).
 */
public final class NdArray {

	private final int[] shape;
	private final Object data;
	private final String dtype;

	private NdArray(final Object data, final String dtype, final int[] shape) {
		this.data = Objects.requireNonNull(data, "data");
		this.dtype = Objects.requireNonNull(dtype, "dtype");
		this.shape = shape.clone();
		long n = 1;
		for (final int s : shape) {
			if (s < 0) throw new IllegalArgumentException("Negative extent in shape " + Arrays.toString(shape));
			n *= s;
		}
		if (n != java.lang.reflect.Array.getLength(data))
			throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " holds " + n + " values but the data has " +
				java.lang.reflect.Array.getLength(data));
	}

	/** Wraps {@code data} (not copied) with a shape and a stored-type name; for readers. */
	public static NdArray of(final Object data, final String dtype, final int... shape) {
		final Class<?> c = data.getClass();
		if (c != byte[].class && c != short[].class && c != int[].class && c != long[].class && c != float[].class && c != double[].class)
			throw new IllegalArgumentException("NdArray holds byte/short/int/long/float/double arrays, not " + c.getSimpleName());
		return new NdArray(data, dtype, shape);
	}

	public static NdArray of(final float[] data, final int... shape) {
		return new NdArray(data, "float32", shape);
	}

	public static NdArray of(final double[] data, final int... shape) {
		return new NdArray(data, "float64", shape);
	}

	public static NdArray of(final int[] data, final int... shape) {
		return new NdArray(data, "int32", shape);
	}

	public static NdArray of(final long[] data, final int... shape) {
		return new NdArray(data, "int64", shape);
	}

	public static NdArray of(final short[] data, final int... shape) {
		return new NdArray(data, "int16", shape);
	}

	public static NdArray of(final byte[] data, final int... shape) {
		return new NdArray(data, "int8", shape);
	}

	public int[] shape() {
		return shape.clone();
	}

	public int rank() {
		return shape.length;
	}

	/** Number of elements. */
	public int size() {
		return java.lang.reflect.Array.getLength(data);
	}

	/** The flat primitive array (not a copy). */
	public Object data() {
		return data;
	}

	/** The element type in the file, e.g. "uint16" (held here in an int[]). */
	public String dtype() {
		return dtype;
	}

	/** Element {@code i} of the flat array as a double. */
	public double get(final int i) {
		if (data instanceof float[] a) return a[i];
		if (data instanceof double[] a) return a[i];
		if (data instanceof int[] a) return a[i];
		if (data instanceof long[] a) return a[i];
		if (data instanceof short[] a) return a[i];
		return ((byte[]) data)[i];
	}

	/** The values as floats: the array itself when it holds floats, else a converted copy. */
	public float[] toFloats() {
		if (data instanceof float[] a) return a;
		final float[] out = new float[size()];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) get(i);
		return out;
	}

	/** The values as doubles: the array itself when it holds doubles, else a converted copy. */
	public double[] toDoubles() {
		if (data instanceof double[] a) return a;
		final double[] out = new double[size()];
		for (int i = 0; i < out.length; i++)
			out[i] = get(i);
		return out;
	}

	@Override
	public String toString() {
		return "NdArray[" + dtype + " " + Arrays.toString(shape) + "]";
	}
}
