package org.innsight.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;

/**
 * A pipeline step bound to its step and validated options, with its outputs' final names. Holds the options
 * as the step parsed them, so each scan only runs, never re-parses.
 */
public final class PlannedStep {

	private final int number;
	private final Step<Object> step;
	private final Object config;
	private final String label;
	private final Map<String, OutputSpec> outputs; // declared name -> output with its final name
	private final String from;
	private final boolean save;

	@SuppressWarnings("unchecked")
	PlannedStep(final int number, final Step<?> step, final Object config, final String as, final String from, final boolean save) {
		this.number = number;
		this.step = (Step<Object>) step;
		this.config = config;
		this.label = as != null ? as : step.name();
		this.from = from;
		this.save = save;
		this.outputs = new LinkedHashMap<>();
		final List<OutputSpec> declared = this.step.outputs(config);
		for (final OutputSpec o : declared) {
			final String name = as == null ? o.name() : declared.size() == 1 ? as : as + "_" + o.name();
			try {
				outputs.put(o.name(), new OutputSpec(name, o.format()));
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("step " + number + " (" + step.name() + "): \"as\": " + e.getMessage());
			}
		}
	}

	/** 1-based position in the pipeline. */
	public int number() {
		return number;
	}

	public String name() {
		return step.name();
	}

	/** The step's name, or its {@code "as"}: how its statistics are prefixed and how the report names it. */
	public String label() {
		return label;
	}

	public Step<Object> step() {
		return step;
	}

	public Object config() {
		return config;
	}

	/** The step's outputs with their final names, in the step's order. */
	public List<OutputSpec> outputs() {
		return List.copyOf(outputs.values());
	}

	/** Which image this step takes: {@code "input"}, an earlier output's final name, or null (the previous one). */
	public String from() {
		return from;
	}

	public boolean save() {
		return save;
	}

	/**
	 * Runs the step and returns its images under their final names; a step that returns other images than it
	 * declared is a programming error, reported against the scan like any other failure.
	 */
	Map<String, ImagePlus> run(final ImagePlus input, final StepContext context, final Map<String, Object> statistics) throws Exception {
		final StepResult result = step.run(input, config, context);
		if (result == null) throw new IllegalStateException("step \"" + name() + "\" returned nothing");
		final Map<String, ImagePlus> renamed = new LinkedHashMap<>();
		for (final Map.Entry<String, ImagePlus> e : result.images().entrySet()) {
			final OutputSpec o = outputs.get(e.getKey());
			if (o == null) throw new IllegalStateException("step \"" + name() + "\" made an undeclared output \"" + e.getKey() + "\"");
			renamed.put(o.name(), e.getValue());
		}
		for (final String declared : outputs.keySet())
			if (!result.images().containsKey(declared))
				throw new IllegalStateException("step \"" + name() + "\" did not make its output \"" + declared + "\"");
		for (final Map.Entry<String, Object> s : result.statistics().entrySet())
			statistics.put(label + "." + s.getKey(), s.getValue());
		return renamed;
	}
}
