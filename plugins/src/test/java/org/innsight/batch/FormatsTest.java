package org.innsight.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;

import org.innsight.io.Checksums;
import org.innsight.io.ImageFiles;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** The batch reads and writes every format org.innsight.io knows, with the pixels unchanged. */
class FormatsTest {

	@TempDir
	Path tmp;

	@Test
	void niftiAndHdf5ScansInNiftiAndHdf5OutputsOut() throws Exception {
		final Path in = tmp.resolve("in"), out = tmp.resolve("out");
		final ImagePlus scan = SyntheticScans.scan(6, 5, 3, 7);
		ImageFiles.save(scan, in.resolve("a.nii.gz"), List.of());
		ImageFiles.save(SyntheticScans.scan(6, 5, 3, 8), in.resolve("b.h5"), List.of());
		final Pipeline p = Pipeline.parse("""
			[{"step": "statistics"},
			 {"step": "convert", "options": {"format": "h5"}, "as": "as_h5"},
			 {"step": "convert", "options": {"format": "nii"}, "from": "input", "as": "as_nii"}]""", null);
		final BatchReport r = new BatchRunner(StepRegistry.standard()).run(p, new BatchSettings(in, out), ProgressListener.NONE);
		assertFalse(r.anyFailed(), () -> r.failures().toString());
		assertEquals(List.of("a.as_h5.h5", "a.as_nii.nii"), r.outcomes().get(0).outputs());
		assertEquals(List.of("b.as_h5.h5", "b.as_nii.nii"), r.outcomes().get(1).outputs());
		for (final String output : List.of("a.as_h5.h5", "a.as_nii.nii")) {
			final ImagePlus back = ImageFiles.open(out.resolve(output));
			assertEquals(3, back.getStackSize(), output);
			for (int z = 1; z <= 3; z++)
				assertArrayEquals((float[]) scan.getStack().getPixels(z), (float[]) back.getStack().getPixels(z), output + " plane " + z);
		}
		final Manifest m = Manifest.read(out.resolve("a.manifest.json"));
		for (final Manifest.Output o : m.outputs)
			assertEquals(Checksums.sha256(out.resolve(o.file)), o.sha256);
	}
}
