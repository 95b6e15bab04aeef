package org.innsight.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innsight.engine.Device;
import org.innsight.io.Checksums;
import org.innsight.request.Suggestion;

/**
 * A pipeline checked against the known steps: every option validated, every output named uniquely, every
 * {@code "from"} pointing back to an existing image, every model checksummed. Made once per run, before any
 * scan is read; any problem is an {@link IllegalArgumentException} naming the step.
 * <p>
 * A step whose options hold resources (a loaded network, see {@link Step#configure}) returns a config that is
 * {@link AutoCloseable}; {@link #close()} closes them once the run is over, and a plan that fails half-way
 * closes what it already configured.
 */
public final class Plan implements AutoCloseable {

	private final Pipeline pipeline;
	private final List<PlannedStep> steps;
	private final Map<String, String> modelChecksums;

	private Plan(final Pipeline pipeline, final List<PlannedStep> steps, final Map<String, String> modelChecksums) {
		this.pipeline = pipeline;
		this.steps = List.copyOf(steps);
		this.modelChecksums = Collections.unmodifiableMap(modelChecksums);
	}

	/** A plan for the CPU. */
	public static Plan of(final Pipeline pipeline, final StepRegistry registry) throws IOException {
		return of(pipeline, registry, Device.CPU);
	}

	/** A plan whose steps load their networks onto {@code device}; close it when the run is over. */
	public static Plan of(final Pipeline pipeline, final StepRegistry registry, final Device device) throws IOException {
		final List<PlannedStep> planned = new ArrayList<>();
		try {
			return plan(pipeline, registry, device, planned);
		}
		catch (final IllegalArgumentException e) {
			closeAll(planned, e);
			if (pipeline.file() == null) throw e;
			throw new IllegalArgumentException("pipeline " + pipeline.file() + ": " + e.getMessage(), e);
		}
		catch (final IOException | RuntimeException e) {
			closeAll(planned, e);
			throw e;
		}
	}

	private static Plan plan(final Pipeline pipeline, final StepRegistry registry, final Device device, final List<PlannedStep> planned)
		throws IOException
	{
		final Set<String> images = new HashSet<>(Set.of("input"));
		final Map<String, Path> models = new LinkedHashMap<>();
		int number = 0;
		for (final Pipeline.Entry e : pipeline.steps()) {
			number++;
			final String where = "step " + number + " (" + e.step() + "): ";
			final Step<?> step;
			try {
				step = registry.get(e.step());
			}
			catch (final IllegalArgumentException x) {
				throw new IllegalArgumentException("step " + number + ": " + x.getMessage());
			}
			final StepOptions options = new StepOptions(e.step(), e.options(), pipeline.baseFolder(), device);
			final PlannedStep p = configure(number, step, options, e);
			planned.add(p); // before the checks below, so a failing plan closes it too
			final List<String> unknown = options.unknownKeys();
			if (!unknown.isEmpty()) {
				final String hint = unknown.size() == 1 ? Suggestion.didYouMean(unknown.get(0), options.knownKeys()) : null;
				throw new IllegalArgumentException(where + "unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) +
					(hint == null ? "" : " (" + hint + ")") +
					(options.knownKeys().isEmpty() ? "; this step has no options" : "; known options: " + String.join(", ", options.knownKeys())));
			}
			if (e.from() != null && !images.contains(e.from()))
				throw new IllegalArgumentException(where + "\"from\": \"" + e.from() + "\" is neither \"input\" nor an output of an earlier step");
			for (final String used : p.step().uses(p.config()))
				if (!images.contains(used))
					throw new IllegalArgumentException(where + "reads the image \"" + used + "\", which is neither \"input\" nor an output of an earlier step");
			for (final OutputSpec o : p.outputs())
				if (!images.add(o.name()))
					throw new IllegalArgumentException(where + "a second output named \"" + o.name() + "\"; give this step \"as\": \"another-name\"");
			for (final Map.Entry<String, Path> m : p.step().models(p.config()).entrySet()) {
				final String label = m.getKey();
				if (models.containsKey(label) && !models.get(label).equals(m.getValue()))
					throw new IllegalArgumentException(where + "model label \"" + label + "\" is used for two different models");
				models.put(label, m.getValue());
			}
		}
		final Map<String, String> checksums = new LinkedHashMap<>();
		for (final Map.Entry<String, Path> m : models.entrySet())
			checksums.put(m.getKey(), Checksums.sha256(m.getValue()));
		return new Plan(pipeline, planned, checksums);
	}

	private static PlannedStep configure(final int number, final Step<?> step, final StepOptions options, final Pipeline.Entry e) {
		final String where = "step " + number + " (" + step.name() + "): ";
		try {
			return new PlannedStep(number, step, step.configure(options), e.as(), e.from(), e.save());
		}
		catch (final IllegalArgumentException x) {
			// one form for every problem of a step: "step 2 (convert): option ..." (StepOptions says 'step "convert": ...')
			String m = String.valueOf(x.getMessage());
			if (m.startsWith(where)) throw x;
			final String named = "step \"" + step.name() + "\": ";
			if (m.startsWith(named)) m = m.substring(named.length());
			throw new IllegalArgumentException(where + m, x);
		}
	}

	public Pipeline pipeline() {
		return pipeline;
	}

	public List<PlannedStep> steps() {
		return steps;
	}

	/** Every output written per scan (steps with {@code "save": false} left out), in pipeline order. */
	public List<OutputSpec> savedOutputs() {
		final List<OutputSpec> out = new ArrayList<>();
		for (final PlannedStep s : steps)
			if (s.save()) out.addAll(s.outputs());
		return out;
	}

	/** Model label -> SHA-256, computed once for the run. */
	public Map<String, String> modelChecksums() {
		return modelChecksums;
	}

	public String pipelineSha256() {
		return pipeline.sha256();
	}

	/** Closes every step config that holds resources (e.g. a loaded model); the plan cannot run after this. */
	@Override
	public void close() {
		final RuntimeException failure = new IllegalStateException("closing the pipeline's steps failed");
		closeAll(steps, failure);
		if (failure.getSuppressed().length > 0) throw failure;
	}

	private static void closeAll(final List<PlannedStep> steps, final Throwable collect) {
		for (int i = steps.size() - 1; i >= 0; i--)
			if (steps.get(i).config() instanceof AutoCloseable c) try {
				c.close();
			}
			catch (final Exception e) {
				collect.addSuppressed(e);
			}
	}
}
