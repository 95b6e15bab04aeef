package org.innsight.dalsa.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.MultiModalScan;
import org.innsight.dalsa.VolumeImages;
import org.innsight.dalsa.phantom.BrainTumourPhantom;

/**
 * The phantom as a folder of NIfTI files in BraTS style: {@code t1, t1c, t2, flair} (16-bit), {@code truth}
 * (labels 1 healthy, 2 oedema, 3 enhancing, 4 necrosis; 0 outside the brain) and the two scribble sets
 * {@code scribbles_unbiased}, {@code scribbles_biased}, all {@code .nii.gz}.
 */
public final class PhantomFiles {

	public static final List<String> MODALITY_FILES = List.of("t1", "t1c", "t2", "flair");
	public static final String TRUTH = "truth", UNBIASED = "scribbles_unbiased", BIASED = "scribbles_biased", EXTENSION = ".nii.gz";

	/** A phantom read back from its folder. */
	public record Sample(MultiModalScan scan, LabelVolume truth, LabelVolume unbiased, LabelVolume biased) {}

	private PhantomFiles() {}

	public static List<Path> modalityFiles(final Path dir) {
		final List<Path> files = new ArrayList<>();
		for (final String m : MODALITY_FILES) files.add(dir.resolve(m + EXTENSION));
		return files;
	}

	public static void write(final MultiModalScan scan, final LabelVolume truth, final LabelVolume unbiased, final LabelVolume biased,
		final Path dir) throws IOException
	{
		Files.createDirectories(dir);
		for (int m = 0; m < scan.modalityCount(); m++)
			VolumeImages.save(VolumeImages.placed(VolumeImages.image16(scan.modality(m), MODALITY_FILES.get(m)), scan.geometry()), dir.resolve(MODALITY_FILES.get(m) + EXTENSION),
				List.of());
		VolumeImages.save(VolumeImages.image(truth, TRUTH, scan.geometry()), dir.resolve(TRUTH + EXTENSION), List.of());
		VolumeImages.save(VolumeImages.image(unbiased, UNBIASED, scan.geometry()), dir.resolve(UNBIASED + EXTENSION), List.of());
		VolumeImages.save(VolumeImages.image(biased, BIASED, scan.geometry()), dir.resolve(BIASED + EXTENSION), List.of());
	}

	/** Every file {@link #write} writes into {@code dir}. */
	public static List<Path> files(final Path dir) {
		final List<Path> files = new ArrayList<>(modalityFiles(dir));
		for (final String f : List.of(TRUTH, UNBIASED, BIASED)) files.add(dir.resolve(f + EXTENSION));
		return files;
	}

	public static Sample read(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such phantom folder");
		final MultiModalScan files = VolumeImages.readModalities(modalityFiles(dir));
		final MultiModalScan scan = new MultiModalScan(BrainTumourPhantom.MODALITIES, files.modalities(), files.geometry());
		return new Sample(scan, VolumeImages.readLabels(dir.resolve(TRUTH + EXTENSION)), VolumeImages.readLabels(dir.resolve(UNBIASED + EXTENSION)),
			VolumeImages.readLabels(dir.resolve(BIASED + EXTENSION)));
	}
}
