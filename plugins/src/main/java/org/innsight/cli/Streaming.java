package org.innsight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.innsight.image.SpectralImage;
import org.innsight.io.AtomicFiles;
import org.innsight.io.Hdf5Images;
import org.innsight.io.Hdf5Lazy;
import org.innsight.io.ImageFiles;
import org.innsight.io.OmeZarr;

/**
 * What the streamed image commands ({@code posterior}, {@code ood}, {@code transfer} with {@code --stream}) share:
 * when to stream, how the input is opened (OME-Zarr and HDF5 chunk by chunk, other files whole), the refusal of
 * options that need whole images, and the output folders they replace.
 */
final class Streaming {

	/** An input file larger than this share of the maximum heap is streamed unless --no-stream. */
	static final double STREAM_ABOVE_HEAP_SHARE = 0.5;

	private Streaming() {}

	/** Whether {@code image} is streamed: {@code flag} (--stream / --no-stream) when given, else a .zarr folder or a file over half the heap. */
	static boolean streams(final Boolean flag, final Path image) throws IOException {
		if (flag != null) return flag;
		if (Files.isDirectory(image)) return true;
		return Files.isRegularFile(image) && Files.size(image) > STREAM_ABOVE_HEAP_SHARE * Runtime.getRuntime().maxMemory();
	}

	/** Refuses, naming them all, the options in {@code refused} (empty: nothing to refuse) that streaming {@code image} cannot honour. */
	static void refuse(final Path image, final List<String> refused) {
		if (!refused.isEmpty()) throw new IllegalArgumentException(image + ": " + String.join(", ", refused) + " cannot be used when " +
			"streaming (--stream, automatic for .zarr inputs and large images); leave them out or give --no-stream");
	}

	/**
	 * A streamed input: an OME-Zarr folder or an HDF5 file (dataset {@code dataset}, or its default; axes cyx or
	 * tcyx) read chunk by chunk, keeping the chunks that {@code threads} workers' tiles of {@code tile} pixels
	 * touch (and 4 more); any other image file read whole. Close it when done (the HDF5 file stays open until then).
	 */
	static final class Input implements AutoCloseable {

		private final Hdf5Lazy hdf5;
		private final SpectralImage image;

		Input(final Path file, final String dataset, final int tile, final int threads) throws IOException {
			final boolean zarr = Files.isDirectory(file);
			// HDF5 cells are the tile size: a tile touches 4 of them where tiles and cells are aligned as here, fewer
			hdf5 = !zarr && ImageFiles.formatOf(file) == ImageFiles.Format.HDF5 ?
				Hdf5Lazy.open(file, dataset != null ? dataset : Hdf5Images.defaultDataset(file), tile, 4 * threads + 4) : null;
			image = zarr ? OmeZarr.openSpectral(file, OmeZarr.chunksPerTile(OmeZarr.open(file).array(), tile) * threads + 4) :
				hdf5 != null ? hdf5.image() : ImageFiles.openSpectral(file);
		}

		SpectralImage image() {
			return image;
		}

		@Override
		public void close() throws IOException {
			if (hdf5 != null) hdf5.close();
		}
	}

	/**
	 * Claims the streamed outputs {@code targets} (OME-Zarr folders and files) of {@code input}: refused if one
	 * exists without --force or one is the input; with --force, existing folders are removed (chunks of an older,
	 * larger image would otherwise stay beside the new ones).
	 */
	static void claim(final OutputOptions output, final List<Path> targets, final Path input) throws IOException {
		output.check(targets);
		for (final Path t : targets) {
			AtomicFiles.requireNotInput(t, List.of(input));
			if (Files.isDirectory(t)) deleteFolder(t); // only reached with --force
		}
	}

	private static void deleteFolder(final Path folder) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			for (final Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
		}
	}
}
