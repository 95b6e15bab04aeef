package org.innsight.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.InputRange;
import org.innsight.engine.ModelCard;
import org.innsight.inn.InnTrainer;
import org.innsight.io.AtomicFiles;
import org.innsight.io.Checksums;
import org.innsight.io.TableFiles;
import org.innsight.progress.ProgressListener;

import com.google.gson.JsonObject;

/**
 * Training a transfer model from files, as {@code innsight train-transfer} does: {@link #read} the spectra of both
 * domains, {@link #train} the network ({@link TransferTrainer}), {@link #save} it with its card and README. The
 * caller brings the files, a {@link TrainTransferRequest} and the provenance (name, command line); everything else
 * on the card is assembled here.
 */
public final class TransferTraining {

	private TransferTraining() {}

	/** The files of one domain: one table, or spectral images with per-image masks (use only / skip non-zero pixels). */
	public record Domain(List<Path> files, List<Path> include, List<Path> exclude) {
		public Domain {
			files = List.copyOf(files);
			include = include == null ? List.of() : List.copyOf(include);
			exclude = exclude == null ? List.of() : List.copyOf(exclude);
		}
	}

	/**
	 * The spectra training starts from, and where they came from; {@code ranges}: each domain's values (L2-normalised,
	 * as the model takes them) for the card, source then target.
	 */
	public record Data(Spectra source, Spectra target, int[] sourceClasses, int[] targetClasses, int classes, List<Path> files,
		int maxRows, List<InputRange> ranges)
	{
		/** For the card: both domains' spectra, and the row limit if there was one. */
		public String description() {
			return "source: " + source + "; target: " + target + (maxRows > 0 ? " (at most " + maxRows + " rows per domain)" : "");
		}
	}

	/** Who asked for the model: its name in the card and the command line that made it. */
	public record Provenance(String name, String command) {}

	/** Fails, naming the first, when a file of either domain (or a mask) does not exist. */
	public static void checkFiles(final Domain source, final Domain target) throws NoSuchFileException {
		final List<Path> all = new ArrayList<>(source.files());
		all.addAll(target.files());
		all.addAll(source.include());
		all.addAll(source.exclude());
		all.addAll(target.include());
		all.addAll(target.exclude());
		for (final Path p : all)
			if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "no such file");
	}

	/**
	 * The spectra of both domains (the request's band columns; its class column, from tables only), at most
	 * {@link TrainTransferRequest#maxRows()} per domain, drawn by the seed.
	 */
	public static Data read(final Domain source, final Domain target, final TrainTransferRequest request) throws IOException {
		checkFiles(source, target);
		request.check();
		Spectra src = SpectraSources.read(source.files(), source.include(), source.exclude(), request.bands());
		Spectra tgt = SpectraSources.read(target.files(), target.include(), target.exclude(), request.bands());
		int[] srcClasses = null, tgtClasses = null;
		int classes = 0;
		if (request.classColumn() != null) {
			if (!SpectraSources.isTable(source.files().get(0)) || !SpectraSources.isTable(target.files().get(0)))
				throw new IllegalArgumentException("--class-column needs tables for both domains (images carry no class per pixel)");
			srcClasses = SpectraSources.classes(TableFiles.read(source.files().get(0)), request.classColumn());
			tgtClasses = SpectraSources.classes(TableFiles.read(target.files().get(0)), request.classColumn());
			for (final int c : srcClasses) classes = Math.max(classes, c + 1);
			for (final int c : tgtClasses) classes = Math.max(classes, c + 1);
			classes = Math.max(classes, 2);
		}
		final int maxRows = request.maxRows();
		if (maxRows > 0) {
			final int[] si = pick(src.rows(), maxRows, request.seed()), ti = pick(tgt.rows(), maxRows, request.seed() + 1);
			src = src.rows(si);
			tgt = tgt.rows(ti);
			if (srcClasses != null) {
				srcClasses = select(srcClasses, si);
				tgtClasses = select(tgtClasses, ti);
			}
		}
		final List<Path> files = new ArrayList<>(source.files());
		files.addAll(target.files());
		return new Data(src, tgt, srcClasses, tgtClasses, classes, files, maxRows, List.of(range(src, source), range(tgt, target)));
	}

	/** A domain's training range: its spectra L2-normalised (as the model normalises them), the quantity its table names if it is one. */
	static InputRange range(final Spectra spectra, final Domain domain) throws IOException {
		final Path first = domain.files().get(0);
		final String quantity = SpectraSources.isTable(first) ? InputRange.quantityOf(TableFiles.read(first).header()) : null;
		return TransferModel.trainingRange(spectra, quantity);
	}

	/** Trains on {@code data}; {@code stop} set: ends after the current epoch with the best weights so far. */
	public static TransferTrainer.Trained train(final Data data, final TrainTransferRequest request, final Device device,
		final ProgressListener progress, final InnTrainer.EpochListener epochs, final AtomicBoolean stop)
	{
		return new TransferTrainer(request.trainer()).train(data.source(), data.target(), data.sourceClasses(), data.targetClasses(), data.classes(),
			request.classColumn(), device, progress, epochs, stop);
	}

	/** Saves the trained model to {@code out} with its card ({@link #card}) and a README; returns the saved card. */
	public static ModelCard save(final TransferTrainer.Trained trained, final Data data, final TrainTransferRequest request,
		final Provenance provenance, final Device device, final Path out, final boolean replace) throws IOException
	{
		final ModelCard saved = trained.model().save(out, card(trained, data, request, provenance, device), data.ranges(), replace);
		writeReadme(saved, out);
		return saved;
	}

	/** The card of a trained model: name, description, training provenance and settings, and what training did. */
	public static ModelCard card(final TransferTrainer.Trained t, final Data data, final TrainTransferRequest request, final Provenance provenance,
		final Device device) throws IOException
	{
		final ModelCard card = new ModelCard();
		card.name = provenance.name();
		card.description = "Unsupervised domain transfer of " + data.source().bands() + "-band spectra between '" + data.source().source() +
			"' (source) and '" + data.target().source() + "' (target): a conditional INN on L2-normalised, per-domain standardised spectra.";
		card.training.command = provenance.command();
		card.training.seed = request.seed();
		card.training.dataSha256 = Checksums.sha256(data.files());
		card.training.dataDescription = data.description();
		card.training.date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		card.training.device = device.toString();
		card.training.settings = request.trainer().toJson();
		card.training.settings.addProperty("threads", Engines.threads());
		final InnTrainer.Result r = t.result();
		final JsonObject v = new JsonObject();
		v.addProperty("best_epoch", r.bestEpoch());
		v.addProperty("epochs", r.epochs());
		v.addProperty("best_validation_nll_per_dim", r.bestValidationNll());
		v.addProperty("stopped_early", r.stoppedEarly());
		v.addProperty("interrupted", r.interrupted());
		v.addProperty("train_rows", r.trainRows());
		v.addProperty("validation_rows", r.validationRows());
		v.addProperty("source_rows", t.sourceRows());
		v.addProperty("target_rows", t.targetRows());
		v.addProperty("seconds", Math.round(r.seconds()));
		if (t.adversarialLosses() != null && Double.isFinite(t.adversarialLosses()[0]) && Double.isFinite(t.adversarialLosses()[1])) {
			v.addProperty("adversarial_generator_term_last_epoch", t.adversarialLosses()[0]);
			v.addProperty("adversarial_discriminator_loss_last_epoch", t.adversarialLosses()[1]);
		}
		card.validation = v;
		final JsonObject adversarial = new JsonObject();
		final double weight = request.trainer().adversarial;
		adversarial.addProperty("weight", weight);
		adversarial.addProperty("loss", weight > 0 ? "per-dimension NLL + weight x least-squares GAN generator term: mean over both directions of " +
			"mean (D_to(x') - 1)^2, x' = f^-1(f(x; c_from); c_to); one discriminator per domain (MLP " + data.source().bands() + "-" +
			AdversarialTerm.WIDTH + "-" + AdversarialTerm.WIDTH + "-1, leaky ReLU, Adam), trained alongside and not saved"
			: "maximum likelihood only (no adversarial term)");
		card.details = new JsonObject();
		card.details.add("adversarial", adversarial);
		return card;
	}

	private static void writeReadme(final ModelCard card, final Path out) throws IOException {
		final String text = "# " + card.name + "\n\n" + card.description + "\n\n" +
			"Made by (" + card.training.date + ", seed " + card.training.seed + "):\n\n    " + card.training.command + "\n\n" +
			"Training data: " + card.training.dataDescription + " (SHA-256 " + card.training.dataSha256 + ").\n\n" +
			"Check it on held-out tables with `innsight validate-transfer --model " + out + " --source SIM.h5 --target REAL.h5`;\n" +
			"apply it with `innsight transfer --model " + out + " --input FILE --out FILE [--to target|source]`.\n";
		AtomicFiles.writeBytes(out.resolve("README.md"), List.of(), text.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code max} of {@code rows} row indices drawn without replacement by {@code seed}, sorted; all when there are no more. */
	private static int[] pick(final int rows, final int max, final long seed) {
		if (rows <= max) {
			final int[] all = new int[rows];
			for (int i = 0; i < rows; i++) all[i] = i;
			return all;
		}
		final SplittableRandom r = new SplittableRandom(seed);
		final int[] p = new int[rows];
		for (int i = 0; i < rows; i++) p[i] = i;
		for (int i = 0; i < max; i++) {
			final int j = i + r.nextInt(rows - i);
			final int tmp = p[i];
			p[i] = p[j];
			p[j] = tmp;
		}
		final int[] out = Arrays.copyOf(p, max);
		Arrays.sort(out);
		return out;
	}

	private static int[] select(final int[] v, final int[] idx) {
		final int[] out = new int[idx.length];
		for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
		return out;
	}
}
