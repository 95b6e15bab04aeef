package org.innsight.cli.demo;

/**
 * One capability's part of {@code innsight demo}: runs it on the bundled sample data and writes its outputs
 * (and previews) into its own folder of the results. Each capability adds one implementation to
 * {@link DemoSteps#all()}; the demo runs them in order, keeps going when one fails, and indexes all outputs in
 * {@code README.md} of the results folder.
 */
public interface DemoStep {

	/** Short lower-case name: the step's folder in the results and its name for {@code --steps}. */
	String name();

	/** One line saying what the step shows, for the results index. */
	String description();

	/**
	 * Runs the step. Write outputs only through {@code demo} (it writes atomically and records them for the
	 * index); call {@link DemoContext#skip(String)} when the step's inputs are not there.
	 */
	void run(DemoContext demo) throws Exception;

	/** Thrown by {@link DemoContext#skip(String)}: the step did not apply (e.g. no sample data), not an error. */
	final class Skipped extends Exception {
		private static final long serialVersionUID = 1L;

		public Skipped(final String reason) {
			super(reason);
		}
	}
}
