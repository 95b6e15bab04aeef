package org.innsight.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.innsight.batch.StepOptions;
import org.innsight.cli.InnSightCli;
import org.innsight.cli.SettingOptions;
import org.innsight.fiji.FijiSettings;
import org.innsight.fiji.TissuePosteriorCommand;
import org.innsight.request.FrontEnds;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import picocli.CommandLine;

/** Tissue Posterior Estimation, {@code innsight posterior} and the pipeline step offer the request's settings with its defaults. */
class PosteriorFrontEndsTest {

	@Test
	void everyFrontEndOffersTheRequestsSettingsWithItsDefaults() {
		FrontEnds.of(PosteriorRequest.SETTINGS)
			.fiji(TissuePosteriorCommand.class)
			// the CLI's global --threads (all cores by default) caps the parallel tiles instead
			.cli("posterior", "threads")
			// the batch decides how many scans run at once; each scan takes the default
			.pipeline("posterior", "threads")
			.check();
	}

	/** The tile size was added as one setting plus one declaration in Fiji and the CLI: each front end's syntax reaches the estimator. */
	@Test
	void theTileSizeTypedInAnyFrontEndReachesTheEstimator() throws Exception {
		final StepOptions pipeline = new StepOptions("posterior", JsonParser.parseString("{\"tileSize\": 32}").getAsJsonObject(), null);
		assertEquals(32, PosteriorRequest.of(pipeline.settings(PosteriorRequest.SETTINGS)).options(255).tileSize);

		final CommandLine cli = new CommandLine(new InnSightCli());
		cli.setDefaultValueProvider(new SettingOptions());
		final CommandLine.ParseResult parsed = cli.parseArgs("posterior", "--model", "m", "--out", "o", "--tile-size", "48", "scan.tif");
		assertEquals(48, new PosteriorRequest(SettingOptions.read(parsed.subcommand().commandSpec(), PosteriorRequest.SETTINGS)).tileSize());

		final TissuePosteriorCommand fiji = new TissuePosteriorCommand();
		final java.lang.reflect.Field field = FijiSettings.field(TissuePosteriorCommand.class, "tile_size");
		field.setAccessible(true);
		field.setInt(fiji, 128);
		assertEquals(128, new PosteriorRequest(FijiSettings.read(fiji, PosteriorRequest.SETTINGS)).options(255).tileSize);

		assertEquals(64, PosteriorRequest.defaults().options(255).tileSize);
		assertEquals(List.of("tileSize must be between 8 and 4096, not 4"), PosteriorRequest.defaults().with(PosteriorRequest.TILE_SIZE, 4).validate());
		assertEquals("step \"posterior\": option \"tileSize\" must be between 8 and 4096, not 4", assertThrows(IllegalArgumentException.class,
			() -> new StepOptions("posterior", JsonParser.parseString("{\"tileSize\": 4}").getAsJsonObject(), null).settings(PosteriorRequest.SETTINGS))
				.getMessage());
	}

	@Test
	void validateNamesTheSettingOfEachProblem() {
		final PosteriorRequest ok = PosteriorRequest.defaults();
		assertEquals(List.of(), ok.validate());
		assertEquals(List.of(Statistic.MEDIAN, Statistic.MEAN, Statistic.IQR, Statistic.MODES), ok.statistics());
		assertEquals(List.of("statistics names IQR twice"), ok.with(PosteriorRequest.STATISTICS, "IQR,median,iqr").validate());
		assertEquals(List.of("saturation must be above 0, not 0"), ok.with(PosteriorRequest.SATURATION, 0.0).validate());
		assertEquals(List.of("samples must be between 1 and 100000, not 0"), ok.with(PosteriorRequest.SAMPLES, 0).validate());
		assertThrows(IllegalArgumentException.class, () -> ok.with(PosteriorRequest.STATISTICS, "medain").options(255));
	}

	@Test
	void autoSaturationIsResolvedPerInputWithoutChangingTheRequest() {
		final PosteriorRequest auto = PosteriorRequest.defaults();
		assertEquals(255, auto.options(255).saturation);
		assertEquals(Double.POSITIVE_INFINITY, auto.options(Double.POSITIVE_INFINITY).saturation);
		assertEquals(true, Double.isNaN(auto.saturation()));
		assertEquals(1000, auto.with(PosteriorRequest.SATURATION, 1000.0).options(255).saturation);
	}

	@Test
	void mapNamesAreParameterThenStatistic() {
		final PosteriorRequest r = PosteriorRequest.defaults().with(PosteriorRequest.STATISTICS, "median,IQR").with(PosteriorRequest.KEEP_SAMPLES, true);
		assertEquals(List.of("sO2_median", "sO2_IQR", "vHb_median", "vHb_IQR"), TissuePosterior.mapNames(List.of("sO2", "vHb"), r));
		assertEquals(List.of("sO2_samples", "vHb_samples"), TissuePosterior.sampleNames(List.of("sO2", "vHb"), r));
	}
}
