package org.innsight.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.innsight.measure.MapKind.Named;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.FloatProcessor;

/** The CSV of a tiny case byte for byte, and how maps are named from their titles, files and properties. */
class MeasurementsTest {

	@Test
	void csvOfTheTwoRegionCaseByteForByte() {
		final Measurements m = Measure.run("scan", MeasureTest.posteriorMaps(true), Regions.ofLabels(MeasureTest.TWO_REGIONS, Map.of(1, "tumour, core")),
			null, MeasureRequest.defaults());
		assertEquals("""
			image,region,label,frame,pixels,excluded_share,sO2_median,sO2_pooled_q25,sO2_pooled_median,sO2_pooled_q75,sO2_ci90_low,sO2_ci90_high,\
			sO2_pooled,sO2_IQR_mean,sO2_multimodal_share,ood_flagged_share,ood_score_mean
			scan,"tumour, core",1,1,4,0,0.5,0.475,0.5,0.525,0.4,0.6,samples,0.1,0.25,0.25,2.5
			scan,label 2,2,1,4,0.25,0.8,0.8,0.8,0.8,0.8,0.8,samples,0.2,0,0.25,5
			""", m.csv());
	}

	@Test
	void valuesAsTextAndHeadingsWithUnits() {
		assertEquals("", Measurements.text(null));
		assertEquals("NaN", Measurements.text(Double.NaN));
		assertEquals("12", Measurements.text(12.0));
		assertEquals("12", Measurements.text(12L));
		assertEquals("0.1", Measurements.text(0.10000000149011612)); // 0.1f as a double
		assertEquals("1.0E-4", Measurements.text(1e-4));
		assertEquals("168.82", Measurements.text(168.82));
		assertEquals("depth_median [mm]", new Measurements.Column("depth_median", "mm").heading());
		assertEquals("sO2_median", new Measurements.Column("sO2_median", "").heading());
		final Measurements m = new Measurements();
		final Map<Measurements.Column, Object> v = Measurements.values();
		v.put(new Measurements.Column("a", ""), 1.0);
		m.add("x", "r \"1\"", 1, 2, 1, v);
		assertEquals("image,region,label,slice,frame,a\nx,\"r \"\"1\"\"\",1,2,1,1\n", m.csv());
	}

	@Test
	void mapNamesFromPropertiesTitlesAndPipelineFiles() {
		final ImagePlus median = new ImagePlus("msi_vHb_1_median", new FloatProcessor(1, 1));
		median.setProp("parameter", "vHb_1");
		median.setProp("statistic", "median");
		assertEquals(new Named("msi", "vHb_1_median"), MapKind.name(median, "msi_vHb_1_median"));
		final ImagePlus samples = new ImagePlus("t", new FloatProcessor(1, 1));
		samples.setProp("parameter", "sO2");
		assertEquals(new Named("scan 2", "sO2_samples"), MapKind.name(samples, "scan 2_sO2_samples"));
		assertEquals(new Named("image", "ood_mask"), MapKind.name(null, "image_ood_mask"));
		assertEquals(new Named("", "ood_score"), MapKind.name(null, "ood_score"));
		assertEquals(new Named("image", "ood_intensity_z"), MapKind.name(null, "image_ood_intensity_z"));
		assertEquals(MapKind.Type.OOD_INTENSITY_Z, MapKind.of("ood_intensity_z").type());
		assertEquals(MapKind.Type.OOD_HIGHLIGHT, MapKind.of("ood_highlight").type());
		assertEquals(new Named("image", "ood_highlight"), MapKind.name(null, "image_ood_highlight"));
		assertEquals(new Named("crop1", "sO2_median"), MapKind.name(null, "crop1.sO2_median"));
		assertEquals(new Named("", "labels_from_image"), MapKind.name(null, "labels_from_image"));
		assertEquals(new Named("", "sO2_median"), MapKind.name(null, "sO2_median"));
		assertEquals(new MapKind(MapKind.Type.POSTERIOR, "vHb_1", "IQR"), MapKind.of("vHb_1_IQR"));
		assertEquals(new MapKind(MapKind.Type.SAMPLES, "sO2", null), MapKind.of("sO2_samples"));
		assertEquals(MapKind.Type.LABELS, MapKind.of("cells_mws").type());
		assertEquals(List.of("image", "region", "label", "slice", "frame"), Measurements.KEYS);
	}
}
