package org.innsight.ood;

import java.util.List;

import org.innsight.request.Setting;
import org.innsight.request.Settings;
import org.innsight.request.UnitsCheck;

/**
 * The options of out-of-distribution maps ({@link OodMaps#run}), as the Fiji command {@code Out-of-Distribution
 * Map}, {@code innsight ood} and the pipeline step {@code "ood"} offer them. The threshold is not an option: it is
 * the model's, calibrated when the model was trained ({@code innsight train-ood --fpr}). The image and the model
 * are inputs, not settings; the device is the front end's ({@code --device}, the pipeline's run).
 */
public record OodRequest(Settings settings) {

	public static final Setting<Boolean> SPREAD = Setting.flag("spread", false,
		"Also make the spread (standard deviation over the members) of the log-likelihood");

	/** Score even an image that does not look like the model's training units ({@link UnitsCheck}). */
	public static final Setting<Boolean> ACCEPT_UNITS = UnitsCheck.ACCEPT_UNITS;

	public static final List<Setting<?>> SETTINGS = List.of(SPREAD, ACCEPT_UNITS);

	public static OodRequest defaults() {
		return new OodRequest(Settings.defaults(SETTINGS));
	}

	public <T> OodRequest with(final Setting<T> s, final T v) {
		return new OodRequest(settings.with(s, v));
	}

	/** Whether to make {@link OodMaps#SPREAD} too. */
	public boolean spread() {
		return settings.get(SPREAD);
	}

	/** Whether an image that fails the {@link UnitsCheck} is scored anyway, with a warning. */
	public boolean acceptUnits() {
		return settings.get(ACCEPT_UNITS);
	}

	/** What is wrong with the options, one clear message each; empty when they can be run. */
	public List<String> validate() {
		return settings.problems();
	}

	/** This request, or an exception listing its problems. */
	public OodRequest checked() {
		final List<String> problems = validate();
		if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
		return this;
	}
}
