package org.innsight.dalsa.features;

/** Float voxels of one {@link Box} of an image, x fastest; positions are given in image coordinates. */
public final class Block {

	public final Box box;
	public final float[] data;

	public Block(final Box box) {
		this(box, new float[Math.toIntExact(box.voxelCount())]);
	}

	public Block(final Box box, final float[] data) {
		if (data.length != box.voxelCount()) throw new IllegalArgumentException("block data does not match " + box);
		this.box = box;
		this.data = data;
	}

	/** Array index of image position (x, y, z), which must lie in the box. */
	public int index(final int x, final int y, final int z) {
		return (x - box.x0()) + box.nx() * ((y - box.y0()) + box.ny() * (z - box.z0()));
	}

	public float get(final int x, final int y, final int z) {
		return data[index(x, y, z)];
	}
}
