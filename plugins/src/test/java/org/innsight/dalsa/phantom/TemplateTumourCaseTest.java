package org.innsight.dalsa.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.innsight.dalsa.LabelVolume;
import org.innsight.dalsa.ScanGeometry;
import org.innsight.dalsa.Volume;
import org.junit.jupiter.api.Test;

/** The anatomy case on a synthetic three-tissue "template": tissue classes, contrasts, tumour, geometry. */
class TemplateTumourCaseTest {

	/** A 60 x 60 x 50 ball of 1 mm voxels: white matter (200) inside 14 mm, grey matter (120) to 20 mm, CSF (40) to 24 mm. */
	private static Volume template() {
		final Volume v = new Volume(60, 60, 50, 1, 1, 1);
		for (int z = 0; z < 50; z++)
			for (int y = 0; y < 60; y++)
				for (int x = 0; x < 60; x++) {
					final double r = Math.sqrt((x - 30) * (x - 30) + (y - 30) * (y - 30) + (z - 25) * (z - 25));
					v.set(x, y, z, r < 14 ? 200 : r < 20 ? 120 : r < 24 ? 40 : 0);
				}
		return v;
	}

	@Test
	void threeMeansFindsTheTissuesAndContrastsInterpolateBetweenThem() {
		final Volume t = template();
		final boolean[] in = new boolean[t.size()];
		for (int i = 0; i < in.length; i++) in[i] = t.voxels[i] > 0;
		assertArrayEquals(new double[] { 40, 120, 200 }, TemplateTumourCase.threeMeans(t.voxels, in), 1e-9);
		final double[] c = { 40, 120, 200 };
		assertEquals(1.00, TemplateTumourCase.tissueContrast(40, c, 2), 1e-12); // CSF in T2
		assertEquals(0.62, TemplateTumourCase.tissueContrast(120, c, 2), 1e-12); // grey matter in T2
		assertEquals(0.5 * (0.62 + 0.45), TemplateTumourCase.tissueContrast(160, c, 2), 1e-12); // half way GM - WM
		assertEquals(0.45, TemplateTumourCase.tissueContrast(250, c, 2), 1e-12); // beyond WM: WM
	}

	@Test
	void theCaseHasEveryClassInTheBrainAndKeepsTheTemplatesPlace() {
		final Volume t = template();
		final ScanGeometry g = new ScanGeometry("mm", new double[] { 1, 1, 1 }, null);
		final BrainTumourPhantom.Phantom p = TemplateTumourCase.generate(t, g, new TemplateTumourCase.Settings(1, 3, 0.03, 9));
		final LabelVolume truth = p.truth();
		final long[] h = truth.histogram();
		for (int l = 1; l <= 4; l++) assertTrue(h[l] > 30, "label " + l + ": " + h[l] + " voxels");
		long brain = 0;
		for (final float v : t.voxels) if (v > 0) brain++;
		assertEquals(brain, h[1] + h[2] + h[3] + h[4], "every brain voxel has a class, nothing outside");
		for (int i = 0; i < truth.size(); i++) assertEquals(truth.get(i) != 0, p.scan().modality(2).voxels[i] > 0, "T2 voxel " + i);
		// Necrosis at the centre, enhancing around it: T1c is brightest in the enhancing rim (contrast 1.00 vs <= 0.76 elsewhere).
		double enhancing = 0, necrosis = 0;
		for (int i = 0; i < truth.size(); i++) {
			if (truth.get(i) == BrainTumourPhantom.ENHANCING) enhancing += p.scan().modality(1).voxels[i] / h[3];
			if (truth.get(i) == BrainTumourPhantom.NECROSIS) necrosis += p.scan().modality(1).voxels[i] / h[4];
		}
		assertTrue(enhancing > 1.5 * necrosis, "T1c enhancing " + enhancing + " vs necrosis " + necrosis);
		assertEquals(g, p.scan().geometry());
		final BrainTumourPhantom.Phantom half = TemplateTumourCase.generate(t, g, new TemplateTumourCase.Settings(2, 3, 0.03, 9));
		assertEquals(30, half.truth().width);
		assertArrayEquals(new double[] { 2, 2, 2 }, half.scan().geometry().voxelSize(), 0);
		assertNull(half.scan().geometry().nifti(), "a downsampled case cannot keep the template's qform/sform");
	}
}
