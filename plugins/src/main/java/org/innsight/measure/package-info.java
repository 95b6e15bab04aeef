/**
 * Region measurements of InnSight's maps: what an analyst reports per region of interest, per frame.
 * <ul>
 * <li>{@link org.innsight.measure.MapImage}: one map as an array with its grid and calibration; its name says what
 * it is ({@link org.innsight.measure.MapKind}: {@code sO2_median}, {@code sO2_samples}, {@code ood_mask}, a label
 * map).</li>
 * <li>{@link org.innsight.measure.Regions}: where to measure: the labels of a label image, a mask, the whole image, or
 * regions given as pixel lists (the Fiji command turns ImageJ ROIs into these; they may overlap).</li>
 * <li>{@link org.innsight.measure.Measure#run}: the entry point, with the options of a
 * {@link org.innsight.measure.MeasureRequest}; posterior maps by {@link org.innsight.measure.PosteriorMeasures},
 * label maps (DALSA classes, Mutex Watershed segments) by {@link org.innsight.measure.LabelMeasures}.</li>
 * <li>{@link org.innsight.measure.Measurements}: the rows (image, region, label, slice, frame, then columns with
 * units) and their CSV.</li>
 * </ul>
 * Front ends: {@code Plugins > InnSight > Measure Regions} (a ResultsTable), {@code innsight measure} (a CSV file),
 * the pipeline step {@code measure} (statistics in {@code summary.csv}). See {@code docs/measure.md}.
 */
package org.innsight.measure;
