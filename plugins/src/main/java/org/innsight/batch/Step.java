package org.innsight.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;

/**
 * One kind of work a pipeline can do to every scan: a conversion, a statistic, or a capability (posterior,
 * OOD, transfer, DALSA, MWS) seen through its facade. A step is configured once per run, before any scan is
 * read, so a bad option fails in the first second instead of at 3 a.m. on file 412.
 *
 * <p>A capability adds itself with one line in {@link StepRegistry#standard()}.</p>
 *
 * @param <C> the step's parsed, validated options
 */
public interface Step<C> {

	/** The name used in pipeline files ({@code "step": "normalise"}); lowercase words joined by '-'. */
	String name();

	/** One sentence for {@code innsight batch --list-steps}. */
	String description();

	/**
	 * Reads and checks every option this step knows; throws {@link IllegalArgumentException} naming the option
	 * (use {@link StepOptions#bad}). Options the step never reads are reported as unknown by the pipeline.
	 * A step that runs a network loads it here, once per run, onto {@link StepOptions#device()} (a missing or
	 * incompatible model then fails before the first scan); its config is then {@link AutoCloseable} and
	 * closed when the run ends. A config is shared by all jobs, so what it holds must be safe for concurrent use.
	 */
	C configure(StepOptions options);

	/**
	 * The capability settings this step reads with {@link StepOptions#settings} (those of its capability's
	 * request, e.g. {@code PosteriorRequest.SETTINGS}); empty for steps that are not a capability. {@code
	 * FrontEndsTest} checks them against the Fiji command and the CLI.
	 */
	default List<org.innsight.request.Setting<?>> settings() {
		return List.of();
	}

	/**
	 * The images this step writes per scan, with their file format; the pipeline names files
	 * {@code <scan>.<output name>.<format>}. Known before any scan is read, so a re-run can check them.
	 */
	List<OutputSpec> outputs(C config);

	/**
	 * Model files or folders this step depends on, by a label (e.g. {@code "posterior"}). Their SHA-256 goes into
	 * every manifest and into the up-to-date check: a changed model recomputes every scan.
	 */
	default Map<String, Path> models(final C config) {
		return Map.of();
	}

	/**
	 * Images besides its input this step reads through {@link StepContext#image} (e.g. an earlier step's
	 * {@code "ood_mask"} to leave out-of-distribution pixels alone), by their final names. The pipeline checks
	 * that each is {@code "input"} or an output of an earlier step.
	 */
	default List<String> uses(final C config) {
		return List.of();
	}

	/**
	 * Processes one scan. The same instance runs on several scans at once (see {@code --jobs}): keep no state
	 * in fields. Throw with a message that says what is wrong with this scan; the pipeline reports it against
	 * the scan and this step, and goes on with the next scan. Work on a shared device goes through
	 * {@link StepContext#onDevice}.
	 *
	 * @param input the image the previous step passed on (or the scan itself); do not modify it
	 */
	StepResult run(ImagePlus input, C config, StepContext context) throws Exception;
}
