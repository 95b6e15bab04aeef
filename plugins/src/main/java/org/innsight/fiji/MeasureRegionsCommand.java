package org.innsight.fiji;

import java.awt.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innsight.measure.MapImage;
import org.innsight.measure.MapKind;
import org.innsight.measure.Measure;
import org.innsight.measure.MeasureRequest;
import org.innsight.measure.Measurements;
import org.innsight.measure.Regions;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.measure.ResultsTable;

/**
 * {@code Plugins > InnSight > Measure Regions}: measurements of a map, and of the open posterior and OOD maps of the
 * same image ({@code scan_sO2_median}, {@code scan_sO2_IQR}, {@code scan_sO2_samples}, {@code scan_ood_mask}, ...),
 * per region and frame, appended to the Results table (as ImageJ's own Measure does), one row per region and frame.
 * Regions: the ROIs of the ROI Manager (else of the map's overlay), each its own region (they may overlap; a ROI on
 * one slice or frame covers only that one); the labels of a label image; the nonzero pixels of a mask; or the whole
 * image. Macro:
 * {@code run("Measure Regions", "map=scan_sO2_median regions=[label image] labels=regions truth=none label_kind=auto interval=0.9 per_slice=false class_names=[]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>InnSight>Measure Regions",
	description = "Posterior, OOD, DALSA and Mutex Watershed maps measured per ROI, label or mask into the Results table.")
public class MeasureRegionsCommand extends InnSightCommand {

	static final String ROIS = "ROI Manager or overlay", LABEL_IMAGE = "label image", MASK = "mask", WHOLE = "whole image";

	@Parameter(label = "Map", description = "a map (e.g. scan_sO2_median, scan_ood_mask, a DALSA or MWS label map); the open posterior and " +
		"OOD maps of the same image are measured with it")
	private ImagePlus map;

	@Parameter(label = "Regions", choices = { ROIS, LABEL_IMAGE, MASK, WHOLE },
		description = "ROIs (each its own region), the labels of a label image, the nonzero pixels of a mask, or the whole image")
	private String regions = ROIS;

	@Parameter(label = "Label image or mask", description = "title of the label image or mask, for regions = label image or mask; else none",
		persist = false, style = DialogFields.IMAGE)
	private String labels = "none";

	@Parameter(label = "Truth", description = "title of a truth label image to score a class map against (Dice per class), or none", persist = false,
		style = DialogFields.IMAGE)
	private String truth = "none";

	@Parameter(label = "Label map kind", choices = { "auto", "classes", "segments" },
		description = "classes (DALSA: volume, Dice), segments (Mutex Watershed: count, sizes) or auto (8-bit: classes)")
	private String label_kind = MeasureRequest.LABEL_KIND.defaultValue();

	@Parameter(label = "Credible interval", min = "0.5", max = "0.99", description = "level of the pooled posterior's interval (0.9: 5% to 95%)")
	private double interval = MeasureRequest.INTERVAL.defaultValue();

	@Parameter(label = "Each slice on its own", description = "measure each z slice of a 3D map on its own")
	private boolean per_slice = MeasureRequest.PER_SLICE.defaultValue();

	@Parameter(label = "Class names", required = false, description = "for a class map: 1=healthy,2=tumour")
	private String class_names = MeasureRequest.CLASS_NAMES.defaultValue();

	@Override
	protected void check() {
		new MeasureRequest(FijiSettings.read(this, MeasureRequest.SETTINGS)).checked();
		if ((regions.equals(LABEL_IMAGE) || regions.equals(MASK)) && "none".equalsIgnoreCase(labels.trim()))
			throw new IllegalArgumentException("labels: choose the " + regions + " (regions = " + regions + ")");
	}

	@Override
	protected void execute() {
		final MeasureRequest request = new MeasureRequest(FijiSettings.read(this, MeasureRequest.SETTINGS)).checked();
		final MapKind.Named named = MapKind.name(map, stem(map));
		final List<MapImage> maps = new ArrayList<>(List.of(MapImage.of(named.map(), map, map.getTitle())));
		if (MapKind.of(named.map()).type() != MapKind.Type.LABELS) maps.addAll(siblings(named.image()));
		final boolean samples = MapKind.of(named.map()).type() == MapKind.Type.SAMPLES;
		final int depth = samples ? 1 : map.getNSlices(), frames = map.getNFrames();
		final Regions where = switch (regions) {
			case ROIS -> rois(RoiAnnotations.rois(map), map, depth, frames);
			case LABEL_IMAGE -> Regions.ofLabels(MapImage.of("regions", image(labels, "label image"), labels), Map.of());
			case MASK -> Regions.ofMask(MapImage.of("mask", image(labels, "mask"), labels));
			case WHOLE -> null;
			default -> throw new IllegalArgumentException("regions: '" + regions + "' is not one of " + String.join(", ", ROIS, LABEL_IMAGE, MASK, WHOLE));
		};
		final ImagePlus truthImage = "none".equalsIgnoreCase(truth.trim()) ? null : image(truth, "truth");
		final Measurements m = Measure.run(named.image().isEmpty() ? map.getTitle() : named.image(), maps, where,
			truthImage == null ? null : MapImage.of("truth", truthImage, truth), request);
		show(m);
		final List<String> names = new ArrayList<>();
		for (final MapImage x : maps) names.add(x.source());
		IJ.log(String.format(Locale.ROOT, "Measure Regions: %d rows of %s (%s)", m.rows().size(), String.join(", ", names),
			where == null ? "the whole image" : where.regions().size() + " regions from " + where.source()));
		for (final String note : m.notes()) IJ.log("  note: " + note);
	}

	/** Appends the rows to the Results table (text columns as text, 6 decimals) and shows it. */
	private static void show(final Measurements m) {
		final ResultsTable rt = ResultsTable.getResultsTable();
		for (final Measurements.Row r : m.rows()) {
			rt.incrementCounter();
			rt.addValue("image", r.image());
			rt.addValue("region", r.region());
			rt.addValue("label", r.label());
			if (m.hasSlices()) rt.addValue("slice", r.slice());
			rt.addValue("frame", r.frame());
			for (final Map.Entry<Measurements.Column, Object> e : r.values().entrySet()) {
				final String heading = e.getKey().heading();
				if (e.getValue() instanceof String s) rt.addValue(heading, s);
				else rt.addValue(heading, ((Number) e.getValue()).doubleValue());
			}
		}
		rt.setPrecision(6); // shares and posterior quantiles need more than ImageJ's 3 decimals
		rt.show("Results");
	}

	/** The open posterior and OOD maps of image {@code base}, other than {@link #map}. */
	private List<MapImage> siblings(final String base) {
		final List<MapImage> out = new ArrayList<>();
		final int[] ids = WindowManager.getIDList();
		if (ids == null) return out;
		for (final int id : ids) {
			final ImagePlus imp = WindowManager.getImage(id);
			if (imp == null || imp == map || imp.getID() == map.getID()) continue;
			final MapKind.Named n = MapKind.name(imp, stem(imp));
			if (n.image().equals(base) && MapKind.of(n.map()).type() != MapKind.Type.LABELS) out.add(MapImage.of(n.map(), imp, imp.getTitle()));
		}
		return out;
	}

	/**
	 * Each ROI a region, named by the ROI (else "ROI n") and numbered by its place in the list; a ROI with a slice
	 * or frame position covers only that slice or frame, one without covers all.
	 */
	static Regions rois(final List<Roi> rois, final ImagePlus on, final int depth, final int frames) {
		if (rois.isEmpty()) throw new IllegalArgumentException("no ROIs: add the regions to the ROI Manager (or to the overlay of " + on.getTitle() +
			"), or choose regions = label image, mask or whole image");
		final int w = on.getWidth(), h = on.getHeight(), plane = w * h;
		final List<Regions.Region> out = new ArrayList<>();
		for (int k = 0; k < rois.size(); k++) {
			final Roi roi = rois.get(k);
			int z = 0, t = 0; // 1-based positions; 0 = all
			if (roi.hasHyperStackPosition()) {
				z = roi.getZPosition();
				t = roi.getTPosition();
			}
			else if (roi.getPosition() > 0) {
				final int[] czt = on.convertIndexToPosition(roi.getPosition());
				z = depth > 1 ? czt[1] : 0;
				t = frames > 1 ? czt[2] : 0;
			}
			final List<Integer> inPlane = new ArrayList<>();
			for (final Point p : roi.getContainedPoints())
				if (p.x >= 0 && p.y >= 0 && p.x < w && p.y < h) inPlane.add(p.x + w * p.y);
			final int[] pixels = new int[inPlane.size() * (z > 0 || depth == 1 ? 1 : depth)];
			int n = 0;
			for (int s = 0; s < depth; s++) {
				if (z > 0 && s != z - 1) continue;
				for (final int i : inPlane) pixels[n++] = s * plane + i;
			}
			final int[][] perFrame = new int[t > 0 && frames > 1 ? frames : 1][];
			for (int f = 0; f < perFrame.length; f++) perFrame[f] = perFrame.length == 1 || f == t - 1 ? pixels : new int[0];
			final String name = roi.getName() == null || roi.getName().isBlank() ? "ROI " + (k + 1) : roi.getName().trim();
			out.add(new Regions.Region(name, k + 1, perFrame));
		}
		final boolean perFrame = out.stream().anyMatch(r -> r.pixels().length > 1);
		if (perFrame) for (int k = 0; k < out.size(); k++) {
			final Regions.Region r = out.get(k);
			if (r.pixels().length == 1) {
				final int[][] all = new int[frames][];
				for (int f = 0; f < frames; f++) all[f] = r.pixels()[0];
				out.set(k, new Regions.Region(r.name(), r.label(), all));
			}
		}
		return new Regions(w, h, depth, perFrame ? frames : 1, out, rois.size() + " ROIs");
	}

	private static ImagePlus image(final String title, final String what) {
		if ("none".equalsIgnoreCase(title.trim())) throw new IllegalArgumentException("give the " + what + ": the title of an open image");
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("no open image titled '" + title + "' for the " + what);
		return imp;
	}

	/** The title without a file extension, as InnSight names results. */
	private static String stem(final ImagePlus imp) {
		return imp.getTitle().replaceAll("(?i)(\\.ome)?\\.(tiff?|h5|hdf5|nii|nii\\.gz|png)$", "");
	}
}
