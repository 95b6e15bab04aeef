package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Checksums;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodCalibration;
import org.innsight.ood.IntensityScore;
import org.innsight.ood.OodModel;
import org.innsight.ood.TableSpectra;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code innsight ood-calibrate} (formerly {@code ood-intensity}, still accepted): adds the intensity score
 * ({@code details.intensity}) and, with {@code --highlight-share}, the highlight score ({@code details.highlight})
 * to an OOD model's card and recalibrates its WAIC threshold, from the table the model was trained on
 * ({@link OodCalibration}). Only the card changes; the weights and their checksums stay as they are.
 */
@Command(name = "ood-calibrate", aliases = "ood-intensity", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Add the intensity score (z of ln mean brightness, details.intensity) and, with --highlight-share, the highlight score",
		"(likelihood ratio of the spectrum less a white offset, details.highlight) to an OOD model's card and recalibrate its WAIC threshold,",
		"all on the held-out calibration rows of the model's own training table (its SHA-256 is checked against training.data_sha256).",
		"The final flag is then WAIC above the threshold OR intensity outside its bounds OR highlight above its threshold." })
final class OodCalibrateCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--model", required = true, paramLabel = "DIR", description = "The OOD model folder whose card gets the intensity score.")
	Path model;

	@Option(names = "--table", required = true, paramLabel = "TABLE", description = "The model's training table (.h5 or .csv).")
	Path table;

	@Option(names = "--share", defaultValue = "0.02", paramLabel = "P",
		description = "Share of ordinary tissue the intensity bounds flag (half below, half above; default: ${DEFAULT-VALUE}).")
	double share;

	@Option(names = "--fpr", defaultValue = "0.025", paramLabel = "P", description = "Share of ordinary tissue the WAIC threshold flags (default: ${DEFAULT-VALUE}).")
	double fpr;

	@Option(names = "--highlight-share", defaultValue = "0", paramLabel = "P",
		description = "Share of ordinary tissue the highlight score flags; 0 for no highlight score (default: ${DEFAULT-VALUE}).")
	double highlightShare;

	@Option(names = "--intensity-kind", defaultValue = "given-shape", paramLabel = "KIND",
		description = "plain: z of ln mean brightness; given-shape: less the brightness a quadratic regression on the spectrum's shape predicts, " +
			"fitted on the rows the members were trained on (default: ${DEFAULT-VALUE}).")
	String intensityKind;

	@Override
	public Integer call() throws Exception {
		if (!Files.isDirectory(model)) throw new IllegalArgumentException("--model " + model + ": not a model folder");
		final ModelCard card = ModelFolder.load(model).card();
		final Path cardFile = model.resolve(ModelCard.FILE_NAME);
		if (!OodModel.KIND.equals(card.kind))
			throw new IllegalArgumentException(cardFile + ": model '" + card.name + "' is a '" + card.kind + "' model, not an OOD model (" + OodModel.KIND + ")");
		if (card.details.has(IntensityScore.DETAILS) && !output.force())
			throw new IllegalArgumentException(cardFile + " already has an intensity score; use --force to recalibrate it");
		final String sha = Checksums.sha256(java.util.List.of(table));
		if (!sha.equals(card.training.dataSha256))
			throw new IllegalArgumentException(table + ": SHA-256 " + sha + " is not the training data of " + cardFile + " (" + card.training.dataSha256 +
				"); make the table with the commands in the model's README (training.command: " + card.training.command + ")");
		final OodCalibration.Result r;
		try (OodModel m = OodModel.load(model, cli.device())) {
			r = OodCalibration.run(m, TableSpectra.of(TableFiles.read(table), String.join(",", card.inputs.names)), share, fpr, highlightShare,
				givenShape(), cardFile.toString());
		}
		ModelFolder.updateCard(model, json -> OodCalibration.apply(json, r));
		cli.out().printf(Locale.ROOT, "%s: %s%n", cardFile, r.intensity());
		if (r.highlight() != null) cli.out().printf(Locale.ROOT, "%s: %s%n", cardFile, r.highlight());
		cli.out().printf(Locale.ROOT, "WAIC threshold %.4f (was %.4f) at %.2f%%; on the %d held-out calibration rows: WAIC flags %.2f%%, intensity %.2f%%, " +
			"%scombined %.2f%%%n", r.threshold(), r.previousThreshold(), 100 * r.waicFpr(), r.rows(), 100 * r.waicShare(), 100 * r.intensityShare(),
			r.highlight() == null ? "" : String.format(Locale.ROOT, "highlight %.2f%%, ", 100 * r.highlightShare()), 100 * r.combinedShare());
		return 0;
	}

	private boolean givenShape() {
		return switch (intensityKind) {
			case "plain" -> false;
			case "given-shape" -> true;
			default -> throw new IllegalArgumentException("--intensity-kind must be plain or given-shape, not " + intensityKind);
		};
	}
}
