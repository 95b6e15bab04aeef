package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.innsight.request.Settings;
import org.innsight.transfer.TrainTransferRequest;
import org.junit.jupiter.api.Test;

/** The macro line a trained model's card records. */
class FijiSettingsTest {

	@Test
	void recordedLineBracketsOnlyValuesThatNeedIt() {
		final Settings s = Settings.defaults(TrainTransferRequest.SETTINGS).with(TrainTransferRequest.EPOCHS, 7)
			.with(TrainTransferRequest.CLASS_COLUMN, "tissue class");
		final String line = FijiSettings.recordedLine("Train Transfer Model", "source=[a.csv]", s);
		assertTrue(line.startsWith("run(\"Train Transfer Model\", \"source=[a.csv] "), line);
		assertTrue(line.endsWith("\")"), line);
		assertTrue(line.contains(" " + TrainTransferRequest.EPOCHS.macroKey() + "=7 ") || line.contains(" " + TrainTransferRequest.EPOCHS.macroKey() + "=7\""), line);
		assertTrue(line.contains(" " + TrainTransferRequest.CLASS_COLUMN.macroKey() + "=[tissue class]"), line);
		assertTrue(line.contains(" " + TrainTransferRequest.BANDS.macroKey() + "=[]"), line);
		assertEquals(TrainTransferRequest.SETTINGS.size(), line.split(" \\w+=").length - 1, line);
	}
}
