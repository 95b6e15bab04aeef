package org.innsight.dalsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.innsight.cli.InnSightCli;
import org.innsight.cli.SettingOptions;
import org.innsight.fiji.ApplyDalsaClassifierCommand;
import org.innsight.fiji.DalsaSegmentationCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** DALSA's Fiji commands, {@code innsight dalsa train|apply|evaluate}, {@code bench dalsa} and the pipeline step offer its settings alike. */
class DalsaFrontEndsTest {

	@Test
	void trainingSettingsAreTheSameEverywhere() {
		FrontEnds.of(DalsaTrainRequest.SETTINGS)
			// The Fiji dialog leaves out the regression's penalty and sample count and the tile (a memory bound that never
			// changes the result): Fiji trains with their defaults. DALSA Segmentation takes no mask, so nothing to normalise over.
			.fiji(DalsaSegmentationCommand.class, "l2", "weightingSamples", "tile", "normalise")
			.fiji(org.innsight.fiji.TrainDalsaClassifierCommand.class, "l2", "weightingSamples", "tile")
			.cli("dalsa train")
			// Evaluation and benchmark train on the phantom, whose classes and modalities are named already and which has no mask.
			.cli("dalsa evaluate", "classNames", "normalise", "modalities")
			.cli("bench dalsa", "classNames", "normalise", "modalities")
			.check();
	}

	@Test
	void applySettingsAreTheSameEverywhere() {
		FrontEnds.of(DalsaApplyRequest.SETTINGS)
			// Fiji segments with the default tile (never changes the result) and reports no tumour statistics (no background class).
			// Fiji takes no mask (nothing to normalise over).
			.fiji(ApplyDalsaClassifierCommand.class, "tile", "background", "normalise")
			.fiji(DalsaSegmentationCommand.class, "tile", "background", "normalise")
			// The CLI asks for probability maps by naming their file (--probabilities FILE) and prints Dice, not tumour volumes.
			.cli("dalsa apply", "probabilities", "background")
			.pipeline("dalsa-apply")
			.check();
	}

	@Test
	void theCommandLineTurnsWeightingOffWithNoWeighting() {
		assertEquals(true, trainRequest().weighting());
		assertEquals(false, trainRequest("--no-weighting").weighting());
		assertEquals(true, trainRequest("--weighting").weighting());
		final DalsaTrainRequest r = trainRequest("--sigmas", "4,8", "--trees", "20", "--class-names", "1=healthy,2=oedema", "--tile", "64,64,8");
		assertEquals(List.of(4.0, 8.0), java.util.Arrays.stream(r.features().sigmasMm()).boxed().toList());
		assertEquals(20, r.trees());
		assertEquals(Map.of(1, "healthy", 2, "oedema"), r.classNames());
		assertEquals(8, r.tileSize()[2]);
	}

	private static DalsaTrainRequest trainRequest(final String... options) {
		final CommandLine root = new CommandLine(new InnSightCli());
		root.setDefaultValueProvider(new SettingOptions());
		final List<String> args = new java.util.ArrayList<>(List.of("dalsa", "train", "--images", "a.nii", "--labels", "l.nii", "--out", "m.dalsa"));
		args.addAll(List.of(options));
		final CommandLine.ParseResult parsed = root.parseArgs(args.toArray(new String[0]));
		return new DalsaTrainRequest(SettingOptions.read(parsed.subcommand().subcommand().commandSpec(), DalsaTrainRequest.SETTINGS));
	}

	@Test
	void defaultsBuildTheFeaturesAndForestOfBefore() {
		final DalsaTrainRequest r = DalsaTrainRequest.defaults();
		assertEquals(List.of(), r.validate());
		assertEquals(org.innsight.dalsa.features.FeatureSettings.defaults(), r.features());
		assertEquals(org.innsight.forest.ForestSettings.defaults(), r.forest(0));
		assertEquals(1.0, r.l2());
		assertEquals(20_000, r.weightingSamples());
		assertEquals(List.of(256, 256, 16), java.util.Arrays.stream(r.tileSize()).boxed().toList());
		assertEquals(Map.of(1, "healthy", 2, "oedema"), r.with(DalsaTrainRequest.CLASS_NAMES, "healthy, oedema").classNames());
	}

	@Test
	void problemsAreNamedClearly() {
		final List<String> p = DalsaTrainRequest.defaults().with(DalsaTrainRequest.SIGMAS, "1,x").with(DalsaTrainRequest.TILE, "64,64")
			.with(DalsaTrainRequest.TREES, 0).validate();
		assertEquals(3, p.size(), p.toString());
		assertTrue(p.get(0).startsWith("trees must be between 1 and 100000"), p.toString());
		assertEquals("sigmas: 'x' is not a number (expected e.g. 1,2,4,8)", p.get(1));
		assertEquals("tile needs three sizes [x, y, z], got 2", p.get(2));
		assertEquals(List.of("tile sizes must be whole numbers between 1 and 65536, got 0,1,2"),
			DalsaApplyRequest.defaults().with(DalsaApplyRequest.TILE, "0,1,2").validate());
	}
}
