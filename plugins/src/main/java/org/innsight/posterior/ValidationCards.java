package org.innsight.posterior;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.innsight.engine.ModelCard;
import org.innsight.engine.ModelFolder;
import org.innsight.io.AtomicFiles;

import com.google.gson.JsonObject;

/**
 * Records validation figures in a model's card ({@code validation.<label>}), with the command that measured
 * them, so the card says how well the model did. Only the card changes; the files it lists (and their SHA-256)
 * stay as they are. The card is rewritten atomically.
 */
public final class ValidationCards {

	private ValidationCards() {}

	public static void record(final Path modelDir, final String label, final ValidationReport report, final String command) throws IOException {
		if (label == null || !label.matches("[A-Za-z0-9_.-]+"))
			throw new IllegalArgumentException("a card label is letters, digits, '_', '-' or '.', not '" + label + "'");
		final ModelFolder folder = ModelFolder.load(modelDir);
		final ModelCard card = folder.card();
		final JsonObject entry = report.toJson();
		entry.addProperty("command", command);
		if (card.validation == null) card.validation = new JsonObject();
		card.validation.add(label, entry);
		final Path file = folder.dir().resolve(ModelCard.FILE_NAME);
		card.validate(file.toString());
		AtomicFiles.writeBytes(file, List.of(), (card.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
		if (!Files.isRegularFile(file)) throw new IOException("card " + file + " was not written");
	}
}
