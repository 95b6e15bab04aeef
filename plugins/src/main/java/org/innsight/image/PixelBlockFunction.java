package org.innsight.image;

/** Per-pixel work over one tile: reads {@link PixelBlock#pixels()}, writes {@link PixelBlock#results()}. */
@FunctionalInterface
public interface PixelBlockFunction {

	void apply(PixelBlock block);
}
