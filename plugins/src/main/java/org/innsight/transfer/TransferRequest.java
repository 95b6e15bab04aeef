package org.innsight.transfer;

import java.util.ArrayList;
import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;
import org.innsight.request.UnitsCheck;

/**
 * How to transfer an image or a table with a {@link TransferModel} ({@link DomainTransfer#run}): the destination
 * domain (the input is taken to be from the other one) and, for tables, which columns hold the bands. The model and
 * the input are arguments of the entry point, not settings.
 */
public record TransferRequest(Settings settings) {

	/**
	 * The destination: {@code target} (e.g. simulation -> real camera) or {@code source}; also {@code real} /
	 * {@code sim}. Text rather than a choice, so that these synonyms stay accepted; {@link #validate()} checks it.
	 */
	public static final Setting<String> TO = Setting.text("to", "target",
		"Destination domain; the input is from the other one (target or source; also real or sim)");
	/** Band columns of a table (names or globs); null: the header's observation columns, else {@code band_*}. */
	public static final Setting<String> BANDS = Setting.text("bands", null,
		"Band columns of a table (default: the header's observation columns, else band_*)");

	/** Transfer even an input that does not look like its domain's training units ({@link UnitsCheck}). */
	public static final Setting<Boolean> ACCEPT_UNITS = UnitsCheck.ACCEPT_UNITS;

	public static final List<Setting<?>> SETTINGS = List.of(TO, BANDS, ACCEPT_UNITS);

	public static TransferRequest defaults() {
		return new TransferRequest(Settings.defaults(SETTINGS));
	}

	public <T> TransferRequest with(final Setting<T> setting, final T value) {
		return new TransferRequest(settings.with(setting, value));
	}

	/** The destination domain ({@link DomainConditions#SOURCE} or {@link DomainConditions#TARGET}). */
	public int to() {
		return DomainTransfer.domain(settings.get(TO));
	}

	/** The domain the input is from: the other one. */
	public int from() {
		return 1 - to();
	}

	/** The band-column pattern of a table, or null for the table's own. */
	public String bands() {
		return settings.get(BANDS);
	}

	/** Whether an input that fails the {@link UnitsCheck} is transferred anyway, with a warning. */
	public boolean acceptUnits() {
		return settings.get(ACCEPT_UNITS);
	}

	/** What is wrong, one clear message each; empty when the request can run. */
	public List<String> validate() {
		final List<String> problems = new ArrayList<>(settings.problems());
		try {
			to();
		}
		catch (final IllegalArgumentException e) {
			problems.add(e.getMessage());
		}
		return problems;
	}

	/** Throws with every problem of {@link #validate()}, if any. */
	public TransferRequest check() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}
}
