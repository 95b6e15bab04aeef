package org.innsight.image;

/**
 * The pixels of one tile, handed by {@link Tiling} to per-pixel work. Pixel {@code p} (x fastest within the tile)
 * has its channel {@code c} at {@code pixels[p * inChannels + c]}; the work writes its result {@code k} for that
 * pixel to {@code results[p * outChannels + k]}. Only the first {@link #count()} pixels are valid; the arrays are
 * reused for the next tile, so do not keep them. Results not written stay NaN.
 */
public final class PixelBlock {

	final float[] pixels;
	final float[] results;
	final int inChannels;
	final int outChannels;
	int count;
	long x0, y0, width, height;
	long frame;

	PixelBlock(final int capacity, final int inChannels, final int outChannels) {
		this.pixels = new float[Math.multiplyExact(capacity, inChannels)];
		this.results = new float[Math.multiplyExact(capacity, outChannels)];
		this.inChannels = inChannels;
		this.outChannels = outChannels;
	}

	/** Input values, {@code [pixel * inChannels + channel]}. */
	public float[] pixels() {
		return pixels;
	}

	/** Where results go, {@code [pixel * outChannels + k]}. */
	public float[] results() {
		return results;
	}

	/** Number of valid pixels in this tile ({@code width * height}). */
	public int count() {
		return count;
	}

	public int inChannels() {
		return inChannels;
	}

	public int outChannels() {
		return outChannels;
	}

	/** The tile's first x in the image. */
	public long x0() {
		return x0;
	}

	/** The tile's first y in the image. */
	public long y0() {
		return y0;
	}

	public long width() {
		return width;
	}

	public long height() {
		return height;
	}

	/** Flat index of the tile's position along the dimensions after channel (0 for images without frames). */
	public long frame() {
		return frame;
	}
}
