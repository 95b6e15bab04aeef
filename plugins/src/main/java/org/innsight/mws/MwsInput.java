package org.innsight.mws;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import ij.ImagePlus;

/**
 * What a Mutex Watershed run segments: an image (to derive affinities from, or for a network), or affinities
 * (an image whose channels are they, or a file), with an optional foreground mask and seed labels of the same
 * size. Which of these give the affinities is checked by {@link MwsSegmentation#run}: exactly one source.
 *
 * @param image the image to derive affinities from or to predict them for; null when affinities are given
 * @param affinityImage an image whose channels are the affinities (one per offset, z as slices), or null
 * @param affinityFile an affinity file (HDF5 shaped (C, [Z,] Y, X), or a TIFF hyperstack), or null
 * @param mask foreground (non-zero), or null
 * @param seeds seed labels (0 = none), or null
 * @param threads threads for deriving affinities and sorting edges; 0 = all cores
 * @param device how network work gets onto the device (a batch's lock, so scans take turns); by default at once
 */
public record MwsInput(ImagePlus image, ImagePlus affinityImage, Path affinityFile, ImagePlus mask, ImagePlus seeds, int threads, Device device) {

	/** Runs work that uses the device. */
	@FunctionalInterface
	public interface Device {
		<T> T run(Callable<T> work) throws Exception;
	}

	private static final Device NOW = Callable::call;

	/** An image to derive affinities from ({@link MwsRequest#FROM}) or to run a network on. */
	public static MwsInput image(final ImagePlus image) {
		return new MwsInput(image, null, null, null, null, 0, NOW);
	}

	/** An image whose channels are the affinities. */
	public static MwsInput affinities(final ImagePlus affinities) {
		return new MwsInput(null, affinities, null, null, null, 0, NOW);
	}

	/** An affinity file: HDF5 (offsets in numpy order, from the file unless given) or a TIFF hyperstack. */
	public static MwsInput affinities(final Path file) {
		return new MwsInput(null, null, file, null, null, 0, NOW);
	}

	public MwsInput withImage(final ImagePlus i) {
		return new MwsInput(i, affinityImage, affinityFile, mask, seeds, threads, device);
	}

	public MwsInput withMask(final ImagePlus m) {
		return new MwsInput(image, affinityImage, affinityFile, m, seeds, threads, device);
	}

	public MwsInput withSeeds(final ImagePlus s) {
		return new MwsInput(image, affinityImage, affinityFile, mask, s, threads, device);
	}

	public MwsInput withThreads(final int n) {
		return new MwsInput(image, affinityImage, affinityFile, mask, seeds, n, device);
	}

	public MwsInput withDevice(final Device d) {
		return new MwsInput(image, affinityImage, affinityFile, mask, seeds, threads, d == null ? NOW : d);
	}

	/** Whether affinities are given (as an image or a file) rather than derived or predicted. */
	public boolean hasAffinities() {
		return affinityImage != null || affinityFile != null;
	}
}
