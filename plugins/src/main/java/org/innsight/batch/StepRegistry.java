package org.innsight.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.batch.steps.CheckStep;
import org.innsight.batch.steps.ConvertStep;
import org.innsight.batch.steps.DalsaApplyStep;
import org.innsight.batch.steps.DalsaTrainStep;
import org.innsight.batch.steps.MeasureStep;
import org.innsight.batch.steps.MwsStep;
import org.innsight.batch.steps.NormaliseStep;
import org.innsight.batch.steps.OodStep;
import org.innsight.batch.steps.PosteriorStep;
import org.innsight.batch.steps.StatisticsStep;
import org.innsight.batch.steps.TransferStep;
import org.innsight.batch.steps.UnmixStep;
import org.innsight.request.Suggestion;

/** The steps a pipeline file may name. */
public final class StepRegistry {

	private final Map<String, Step<?>> steps = new LinkedHashMap<>();

	/**
	 * Every step InnSight ships. A capability adds its step here with one line, e.g.
	 * {@code .add(new PosteriorStep())}.
	 */
	public static StepRegistry standard() {
		return new StepRegistry()
			.add(new CheckStep())
			.add(new NormaliseStep())
			.add(new StatisticsStep())
			.add(new ConvertStep())
			.add(new PosteriorStep())
			.add(new OodStep())
			.add(new TransferStep())
			.add(new DalsaApplyStep())
			.add(new DalsaTrainStep())
			.add(new MwsStep())
			.add(new MeasureStep())
			.add(new UnmixStep());
	}

	/** Adds a step; a second step with the same name is a programming error. */
	public StepRegistry add(final Step<?> step) {
		if (steps.putIfAbsent(step.name(), step) != null)
			throw new IllegalStateException("two steps are named \"" + step.name() + "\"");
		return this;
	}

	public Step<?> get(final String name) {
		final Step<?> s = steps.get(name);
		if (s == null) {
			final List<String> known = new ArrayList<>(steps.keySet());
			Collections.sort(known);
			final String hint = Suggestion.didYouMean(name, known);
			throw new IllegalArgumentException("unknown step \"" + name + "\"" + (hint == null ? "" : " (" + hint + ")") + "; known steps: " +
				String.join(", ", known));
		}
		return s;
	}

	public Collection<Step<?>> all() {
		return Collections.unmodifiableCollection(steps.values());
	}
}
