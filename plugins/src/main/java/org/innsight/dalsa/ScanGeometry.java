package org.innsight.dalsa;

import org.innsight.io.NiftiFiles;
import org.innsight.io.NiftiHeader;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * Where a scan lies in space, as its file said: the calibration's unit and voxel sizes exactly as read (not
 * converted to mm) and, for NIfTI, the header's placement (qform/sform codes, quaternion, offsets, srow, qfac).
 * Images derived from the scan voxel by voxel (labels, probabilities, weights) get it back, so a viewer that works
 * in world coordinates puts them where the scan is.
 *
 * @param unit the calibration unit as read (e.g. "mm", "µm", or ImageJ's "pixel" when unknown)
 * @param voxelSize x, y, z voxel size in that unit
 * @param nifti the NIfTI header of the file, or null
 */
public record ScanGeometry(String unit, double[] voxelSize, NiftiHeader nifti) {

	public ScanGeometry {
		voxelSize = voxelSize.clone();
	}

	/** The geometry of an open image (its calibration, and its NIfTI header if it was read from NIfTI). */
	public static ScanGeometry of(final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		return new ScanGeometry(cal.getUnit(), new double[] { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth > 0 ? cal.pixelDepth : 1 },
			NiftiFiles.header(imp));
	}

	/** Gives {@code out} (on the scan's grid) this calibration and, for NIfTI, the scan's placement in space. */
	public ImagePlus applyTo(final ImagePlus out) {
		final Calibration cal = out.getCalibration();
		cal.pixelWidth = voxelSize[0];
		cal.pixelHeight = voxelSize[1];
		cal.pixelDepth = voxelSize[2];
		cal.setUnit(unit);
		out.setCalibration(cal);
		if (nifti != null) out.setProperty(NiftiHeader.PROPERTY, NiftiHeader.placementOf(nifti));
		return out;
	}
}
