package org.innsight.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.Checksums;
import org.innsight.io.Table;
import org.innsight.io.TableFiles;
import org.innsight.ood.OodModel;
import org.innsight.posterior.PosteriorModel;
import org.innsight.transfer.SpectraSources;
import org.innsight.transfer.TransferModel;

import com.google.gson.JsonArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code innsight model-range}: adds the training range of a model's inputs ({@code inputs.range}; a transfer model's
 * {@code details.domains[i].range}) to the card of a model made before the training commands recorded it, from the
 * very table(s) the card's {@code training.data_sha256} names. Only the card changes; the weights and their checksums
 * stay as they are.
 */
@Command(name = "model-range", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Record the training range of a model's inputs in its card (inputs.range), from the table(s) it was trained on.",
		"The tables must be the card's training data (their SHA-256 is checked against training.data_sha256); a transfer model",
		"takes two, source then target. What the range is for: the units check before posterior, ood and transfer." })
final class ModelRangeCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions cli;

	@Mixin
	OutputOptions output;

	@Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder whose card gets the range.")
	Path model;

	@Option(names = "--table", required = true, paramLabel = "TABLE",
		description = "The training table (.h5 or .csv); a transfer model: --table SOURCE --table TARGET, as it was trained.")
	List<Path> tables = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		if (!Files.isDirectory(model)) throw new IllegalArgumentException("--model " + model + ": not a model folder");
		final ModelCard card = ModelFolder.load(model).card();
		final Path cardFile = model.resolve(ModelCard.FILE_NAME);
		final boolean transfer = TransferModel.KIND.equals(card.kind);
		if (tables.size() != (transfer ? 2 : 1))
			throw new IllegalArgumentException("model " + card.name + " (" + card.kind + ") was trained on " + (transfer ? "two tables: give --table SOURCE " +
				"--table TARGET" : "one table: give one --table") + ", not " + tables.size());
		final String sha = Checksums.sha256(tables);
		if (!sha.equals(card.training.dataSha256))
			throw new IllegalArgumentException(String.join(" + ", tables.stream().map(Path::toString).toList()) + ": SHA-256 " + sha +
				" is not the training data of " + cardFile + " (" + card.training.dataSha256 + "); make the table(s) with the commands in the " +
				"model's README (training.command: " + card.training.command + ")");
		final List<InputRange> ranges = new ArrayList<>();
		for (final Path t : tables) ranges.add(range(card, TableFiles.read(t)));
		final boolean recorded = transfer ? card.details.getAsJsonArray("domains").get(0).getAsJsonObject().has("range") : card.inputs.range != null;
		if (recorded && !output.force()) throw new IllegalArgumentException(cardFile + " already records a training range; use --force to replace it");
		ModelFolder.updateCard(model, json -> {
			if (!transfer) json.getAsJsonObject("inputs").add("range", ModelCard.gson().toJsonTree(ranges.get(0)));
			else {
				final JsonArray domains = json.getAsJsonObject("details").getAsJsonArray("domains");
				for (int i = 0; i < 2; i++) domains.get(i).getAsJsonObject().add("range", ModelCard.gson().toJsonTree(ranges.get(i)));
			}
			return json;
		});
		for (int i = 0; i < ranges.size(); i++) {
			final InputRange r = ranges.get(i);
			cli.out().printf(Locale.ROOT, "%s: %s%d inputs over %d rows (%s; normalisation %s): q001 %.4g .. %.4g, q999 %.4g .. %.4g%n", cardFile,
				transfer ? (i == 0 ? "source domain, " : "target domain, ") : "", r.columns(), r.rows, r.quantity == null ? "quantity not recorded" : r.quantity,
				r.normalisation, min(r.q001), max(r.q001), min(r.q999), max(r.q999));
		}
		return 0;
	}

	/** The range of one training table, in the units the model of {@code card}'s kind takes its inputs. */
	private static InputRange range(final ModelCard card, final Table table) {
		if (TransferModel.KIND.equals(card.kind))
			return TransferModel.trainingRange(SpectraSources.fromTable(table, null), InputRange.quantityOf(table.header()));
		if (OodModel.KIND.equals(card.kind)) return OodModel.trainingRange(card, table);
		if (card.kind.toLowerCase(Locale.ROOT).startsWith("posterior")) return PosteriorModel.trainingRange(card, table);
		throw new IllegalArgumentException("model " + card.name + " is a '" + card.kind + "' model; ranges are recorded for posterior, OOD and transfer models");
	}

	private static double min(final double[] v) {
		return Arrays.stream(v).min().orElse(Double.NaN);
	}

	private static double max(final double[] v) {
		return Arrays.stream(v).max().orElse(Double.NaN);
	}
}
