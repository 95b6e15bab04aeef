package org.innsight.dalsa;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.innsight.io.ImageFiles;
import org.innsight.io.NiftiHeader;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * DALSA's volumes ({@link MultiModalScan}, {@link LabelVolume}, {@link Volume}: scans, label images, result maps)
 * as ImagePlus and as files (NIfTI, TIFF, HDF5 through {@link ImageFiles}).
 * Voxel sizes come from the calibration and are converted to millimetres; an uncalibrated image counts as 1 mm.
 */
public final class VolumeImages {

	/** Image property listing the modality names of a multi-channel scan, comma-separated. */
	public static final String MODALITIES_PROPERTY = "modalities";

	private VolumeImages() {}

	/** One modality per file (e.g. BraTS t1, t1ce, t2, flair); names are the file names without extension. */
	public static MultiModalScan readModalities(final List<Path> files) throws IOException {
		return modalities(open(files), files);
	}

	/**
	 * Co-registered modality files stacked into one multi-channel image (a hyperstack, channels in the given order
	 * and named by the file names), so a scan travels as one file: {@link #scan} of it gives what
	 * {@link #readModalities} gives of the files. The pixel type is kept when all files share it (else 32-bit
	 * values); calibration and a NIfTI header (orientation) come from the first file.
	 */
	public static ImagePlus stackModalities(final List<Path> files) throws IOException {
		final List<ImagePlus> images = open(files);
		final MultiModalScan scan = modalities(images, files); // the checks of readModalities: one channel each, one grid
		final ImagePlus first = images.get(0);
		boolean raw = true;
		for (final ImagePlus imp : images)
			raw &= imp.getBitDepth() == first.getBitDepth() && imp.getBitDepth() != 24 && !imp.getCalibration().calibrated();
		if (!raw) return channels(scan.modalities(), scan.names(), "modalities");
		final Volume grid = scan.grid();
		final ImageStack stack = new ImageStack(grid.width, grid.height);
		for (int z = 0; z < grid.depth; z++)
			for (int m = 0; m < images.size(); m++)
				stack.addSlice(scan.names().get(m), images.get(m).getStack().getProcessor(z + 1)); // one channel: plane z is z (or frame z)
		final ImagePlus out = new ImagePlus("modalities", stack);
		out.setDimensions(images.size(), grid.depth, 1);
		if (images.size() > 1) out.setOpenAsHyperStack(true);
		calibrated(out, grid.spacing());
		out.setProperty(MODALITIES_PROPERTY, String.join(",", scan.names()));
		if (first.getProperty(NiftiHeader.PROPERTY) != null) out.setProperty(NiftiHeader.PROPERTY, first.getProperty(NiftiHeader.PROPERTY));
		return out;
	}

	private static List<ImagePlus> open(final List<Path> files) throws IOException {
		final List<ImagePlus> images = new ArrayList<>();
		for (final Path f : files) {
			final ImagePlus imp = ImageFiles.open(f);
			if (imp.getNChannels() > 1) throw new IOException(f + " has " + imp.getNChannels() + " channels; give one modality per file, or the multi-channel file alone");
			images.add(imp);
		}
		return images;
	}

	private static MultiModalScan modalities(final List<ImagePlus> images, final List<Path> files) throws IOException {
		final List<String> names = new ArrayList<>();
		final List<Volume> volumes = new ArrayList<>();
		try {
			for (int i = 0; i < files.size(); i++) {
				volumes.add(volume(images.get(i), 1, files.get(i).toString()));
				names.add(baseName(files.get(i)));
			}
			return new MultiModalScan(names, volumes, ScanGeometry.of(images.get(0)));
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** A multi-channel file (hyperstack) whose channels are the modalities. */
	public static MultiModalScan readMultiChannel(final Path file) throws IOException {
		final ImagePlus imp = ImageFiles.open(file);
		return scan(imp, file.toString());
	}

	/**
	 * The modalities of an open image: its channels; or, for one channel with both z-slices and time points (a 4D
	 * NIfTI x, y, z, modality, as BraTS and the Medical Segmentation Decathlon store scans), its time points; or
	 * the image itself if it has one channel.
	 */
	public static MultiModalScan scan(final ImagePlus imp, final String what) {
		if (imp.getNChannels() == 1 && imp.getNSlices() > 1 && imp.getNFrames() > 1) return scan(timeAsChannels(imp), what);
		final List<Volume> volumes = new ArrayList<>();
		for (int c = 1; c <= imp.getNChannels(); c++) volumes.add(volume(imp, c, what));
		return new MultiModalScan(modalityNames(imp), volumes, ScanGeometry.of(imp));
	}

	/** The same planes with time points as channels (names: "channel N", like unnamed channels). */
	private static ImagePlus timeAsChannels(final ImagePlus imp) {
		final int slices = imp.getNSlices(), frames = imp.getNFrames();
		final ImageStack in = imp.getStack(), out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int z = 1; z <= slices; z++)
			for (int t = 1; t <= frames; t++) out.addSlice("channel " + t, in.getProcessor(imp.getStackIndex(1, z, t)));
		final ImagePlus c = new ImagePlus(imp.getTitle(), out);
		c.setDimensions(frames, slices, 1);
		c.setCalibration(imp.getCalibration());
		if (imp.getProperty(NiftiHeader.PROPERTY) != null) c.setProperty(NiftiHeader.PROPERTY, imp.getProperty(NiftiHeader.PROPERTY));
		return c;
	}

	/** Reads a label image: integer values 0..255, 0 = unannotated. */
	public static LabelVolume readLabels(final Path file) throws IOException {
		final ImagePlus imp = ImageFiles.open(file);
		try {
			return labels(imp, file.toString());
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** A mask file (non-zero = inside) on {@code grid}'s voxels; a mask of another grid is refused, naming the file. */
	public static boolean[] readMask(final Path file, final Volume grid) throws IOException {
		final LabelVolume m = readLabels(file);
		m.requireGridOf(grid, "mask " + file);
		final boolean[] out = new boolean[m.size()];
		for (int i = 0; i < out.length; i++) out[i] = m.get(i) != 0;
		return out;
	}

	/** Label image from an open single-channel image; values must be integers 0..255. */
	public static LabelVolume labels(final ImagePlus imp, final String what) {
		if (imp.getNChannels() > 1) throw new IllegalArgumentException(what + ": a label image needs one channel, found " + imp.getNChannels());
		final Volume v = volume(imp, 1, what);
		final LabelVolume out = new LabelVolume(v.width, v.height, v.depth, v.spacing());
		for (int i = 0; i < v.size(); i++) {
			final float f = v.voxels[i];
			if (!(f >= 0 && f <= 255 && f == Math.rint(f)))
				throw new IllegalArgumentException(what + ": label images must hold whole numbers 0..255 (0 = unannotated), found " + f);
			out.labels[i] = (byte) (int) f;
		}
		return out;
	}

	/** Channel {@code channel} (1-based) of {@code imp} as a volume: slices (or, with one slice, frames) are z. */
	public static Volume volume(final ImagePlus imp, final int channel, final String what) {
		final int slices = imp.getNSlices(), frames = imp.getNFrames();
		if (slices > 1 && frames > 1) throw new IllegalArgumentException(what + " has both z-slices and time frames; DALSA needs one 3D volume per modality");
		final int depth = Math.max(slices, frames);
		final int w = imp.getWidth(), h = imp.getHeight();
		final float[] voxels = new float[Math.toIntExact((long) w * h * depth)];
		final ImageStack stack = imp.getStack();
		final Calibration cal = imp.getCalibration();
		final boolean calibrated = cal.calibrated();
		for (int z = 0; z < depth; z++) {
			final ImageProcessor ip = stack.getProcessor(imp.getStackIndex(channel, slices > 1 ? z + 1 : 1, frames > 1 ? z + 1 : 1));
			final int offset = z * w * h;
			for (int i = 0; i < w * h; i++) {
				final float raw = ip.getf(i);
				voxels[offset + i] = calibrated ? (float) cal.getCValue(raw) : raw;
			}
		}
		return new Volume(w, h, depth, spacingMm(cal), voxels);
	}

	/** Voxel size in mm from an ImageJ calibration (units mm, cm, m, µm, nm; anything else counts as mm). */
	public static double[] spacingMm(final Calibration cal) {
		final double known = mmPerUnit(cal.getUnit()), toMm = Double.isNaN(known) ? 1 : known;
		return new double[] { cal.pixelWidth * toMm, cal.pixelHeight * toMm, (cal.pixelDepth > 0 ? cal.pixelDepth : 1) * toMm };
	}

	/** Millimetres in one {@code unit} (mm, cm, m, µm, nm and their spellings); NaN for anything else (pixel, inch, none). */
	public static double mmPerUnit(final String unit) {
		return switch (unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT)) {
			case "mm", "millimeter", "millimetre" -> 1;
			case "cm" -> 10;
			case "m", "meter", "metre" -> 1000;
			case "µm", "μm", "um", "micron", "microns" -> 1e-3;
			case "nm" -> 1e-6;
			default -> Double.NaN;
		};
	}

	static List<String> modalityNames(final ImagePlus imp) {
		final int n = imp.getNChannels();
		final Object property = imp.getProperty(MODALITIES_PROPERTY);
		if (property instanceof String s) {
			final String[] parts = s.split(",");
			if (parts.length == n) {
				final List<String> names = new ArrayList<>();
				for (final String p : parts) names.add(p.trim());
				return names;
			}
		}
		final List<String> names = new ArrayList<>();
		for (int c = 1; c <= n; c++) {
			final String label = imp.getStack().getSliceLabel(imp.getStackIndex(c, 1, 1));
			names.add(n > 1 && label != null && !label.isBlank() && label.length() < 40 ? label.trim() : n > 1 ? "channel " + c : baseName(Path.of(imp.getTitle())));
		}
		return names.stream().distinct().count() == n ? names : defaultNames(n);
	}

	private static List<String> defaultNames(final int n) {
		final List<String> names = new ArrayList<>();
		for (int c = 1; c <= n; c++) names.add("channel " + c);
		return names;
	}

	/** File name without .nii.gz / .nii / .tif / .tiff / .h5 and similar. */
	public static String baseName(final Path file) {
		String name = file.getFileName().toString();
		final String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".nii.gz")) return name.substring(0, name.length() - 7);
		final int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	/** A 32-bit ImagePlus of a volume, calibrated in mm. */
	public static ImagePlus image(final Volume v, final String title) {
		final ImageStack stack = new ImageStack(v.width, v.height);
		final int plane = v.width * v.height;
		for (int z = 0; z < v.depth; z++) {
			final float[] p = new float[plane];
			System.arraycopy(v.voxels, z * plane, p, 0, plane);
			stack.addSlice(null, new FloatProcessor(v.width, v.height, p));
		}
		return calibrated(new ImagePlus(title, stack), v.spacing());
	}

	/** A 16-bit ImagePlus of a volume whose values are rounded and clamped to 0..65535 (compact sample data). */
	public static ImagePlus image16(final Volume v, final String title) {
		final ImageStack stack = new ImageStack(v.width, v.height);
		final int plane = v.width * v.height;
		for (int z = 0; z < v.depth; z++) {
			final short[] p = new short[plane];
			for (int i = 0; i < plane; i++) p[i] = (short) (int) Math.max(0, Math.min(65535, Math.rint(v.voxels[z * plane + i])));
			stack.addSlice(null, new ShortProcessor(v.width, v.height, p, null));
		}
		return calibrated(new ImagePlus(title, stack), v.spacing());
	}

	/** An 8-bit ImagePlus of a label image, calibrated in mm. */
	public static ImagePlus image(final LabelVolume v, final String title) {
		final ImageStack stack = new ImageStack(v.width, v.height);
		final int plane = v.width * v.height;
		for (int z = 0; z < v.depth; z++) {
			final byte[] p = new byte[plane];
			System.arraycopy(v.labels, z * plane, p, 0, plane);
			stack.addSlice(null, new ByteProcessor(v.width, v.height, p));
		}
		final ImagePlus imp = calibrated(new ImagePlus(title, stack), v.spacing());
		imp.setDisplayRange(0, Math.max(1, max(v)));
		return imp;
	}

	/** Several volumes on one grid as a multi-channel 32-bit hyperstack (channels = e.g. classes). */
	public static ImagePlus channels(final List<Volume> volumes, final List<String> names, final String title) {
		final Volume first = volumes.get(0);
		final ImageStack stack = new ImageStack(first.width, first.height);
		final int plane = first.width * first.height;
		for (int z = 0; z < first.depth; z++)
			for (int c = 0; c < volumes.size(); c++) {
				final float[] p = new float[plane];
				System.arraycopy(volumes.get(c).voxels, z * plane, p, 0, plane);
				stack.addSlice(names.get(c), new FloatProcessor(first.width, first.height, p));
			}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(volumes.size(), first.depth, 1);
		if (volumes.size() > 1) imp.setOpenAsHyperStack(true);
		imp.setProperty(MODALITIES_PROPERTY, String.join(",", names));
		return calibrated(imp, first.spacing());
	}

	/** {@code imp} placed in space like the scan it was derived from; unchanged when {@code geometry} is null (mm, no orientation). */
	public static ImagePlus placed(final ImagePlus imp, final ScanGeometry geometry) {
		return geometry == null ? imp : geometry.applyTo(imp);
	}

	/** {@link #image(Volume, String)} placed in space like the scan it was derived from ({@code geometry} null: mm, no orientation). */
	public static ImagePlus image(final Volume v, final String title, final ScanGeometry geometry) {
		return placed(image(v, title), geometry);
	}

	/** {@link #image(LabelVolume, String)} placed in space like the scan it was derived from. */
	public static ImagePlus image(final LabelVolume v, final String title, final ScanGeometry geometry) {
		return placed(image(v, title), geometry);
	}

	/** {@link #channels(List, List, String)} placed in space like the scan they were derived from. */
	public static ImagePlus channels(final List<Volume> volumes, final List<String> names, final String title, final ScanGeometry geometry) {
		return placed(channels(volumes, names, title), geometry);
	}

	public static void save(final ImagePlus imp, final Path file, final Collection<Path> inputs) throws IOException {
		ImageFiles.save(imp, file, inputs);
	}

	private static ImagePlus calibrated(final ImagePlus imp, final double[] spacing) {
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = spacing[0];
		cal.pixelHeight = spacing[1];
		cal.pixelDepth = spacing[2];
		cal.setUnit("mm");
		imp.setCalibration(cal);
		return imp;
	}

	private static int max(final LabelVolume v) {
		int m = 0;
		for (final byte b : v.labels) m = Math.max(m, b & 0xff);
		return m;
	}
}
