package org.innsight.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.innsight.cli.TerminalProgress;
import org.innsight.engine.Device;

/** What a {@link DemoStep} gets: where to read samples, where to write, the device, and output bookkeeping. */
public final class DemoContext {

	/** An output file and what it shows, for the results index. */
	public static final class Output {
		public final Path file;
		public final String what;

		Output(final Path file, final String what) {
			this.file = file;
			this.what = what;
		}
	}

	/** Writes a file's content to the path it is given (a temporary file beside the target). */
	@FunctionalInterface
	public interface FileWriter {
		void write(Path file) throws IOException;
	}

	private final Path results;
	private final Path folder;
	private final Path samples;
	private final Path repo;
	private final Device device;
	private final PrintWriter out, err;
	private final List<Output> outputs = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();

	DemoContext(final Path results, final String step, final Path samples, final Path repo, final Device device,
		final PrintWriter out, final PrintWriter err)
	{
		this.results = results;
		this.folder = results.resolve(step);
		this.samples = samples;
		this.repo = repo;
		this.device = device;
		this.out = out;
		this.err = err;
	}

	/** The step's own folder in the results (created on first write). */
	public Path folder() {
		return folder;
	}

	/** The sample-data folder (may not exist). */
	public Path samples() {
		return samples;
	}

	/** The InnSight checkout (for {@code macros/}, {@code models/}). */
	public Path repo() {
		return repo;
	}

	/** The device the user chose with {@code --device}. */
	public Device device() {
		return device;
	}

	/** The demo's standard output (the {@code innsight} command line's): for what a step prints as it runs. */
	public PrintWriter out() {
		return out;
	}

	/** The demo's standard error: for a step's warnings. */
	public PrintWriter err() {
		return err;
	}

	/** A terminal progress bar for one piece of work; close it when done. */
	public TerminalProgress progress(final String task) {
		return TerminalProgress.start(task);
	}

	/** Ends the step as skipped, e.g. when its sample data is not there. */
	public void skip(final String reason) throws DemoStep.Skipped {
		throw new DemoStep.Skipped(reason);
	}

	/** A line for the results index (a key number, a caveat). */
	public void note(final String line) {
		notes.add(line);
	}

	/**
	 * Writes {@code name} in the step's folder atomically: {@code writer} fills a temporary file in the same
	 * folder, which then replaces the target in one rename, so a killed demo never leaves a half-written output.
	 */
	public Path write(final String name, final String what, final FileWriter writer) throws IOException {
		final Path target = folder.resolve(name).toAbsolutePath().normalize();
		if (Files.exists(samples) && target.startsWith(samples.toAbsolutePath().normalize())) throw new IOException(
			"refusing to write " + target + " inside the sample data " + samples);
		Files.createDirectories(target.getParent());
		// a fresh name in the same folder (so the rename is atomic), created by the writer with normal permissions
		final Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
		try {
			writer.write(tmp);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
		outputs.add(new Output(results.relativize(target), what));
		return target;
	}

	/**
	 * Lists a file in the results index that another component wrote itself, atomically (e.g. the batch's report);
	 * it must lie in this step's folder.
	 */
	public void record(final Path file, final String what) throws IOException {
		final Path f = file.toAbsolutePath().normalize();
		if (!f.startsWith(folder.toAbsolutePath().normalize()) || !Files.isRegularFile(f))
			throw new IOException("cannot list " + file + ": not a file in " + folder);
		outputs.add(new Output(results.toAbsolutePath().normalize().relativize(f), what));
	}

	/** {@link #write} for text. */
	public Path writeText(final String name, final String what, final String text) throws IOException {
		return write(name, what, tmp -> Files.write(tmp, text.getBytes(StandardCharsets.UTF_8)));
	}

	List<Output> outputs() {
		return Collections.unmodifiableList(outputs);
	}

	List<String> notes() {
		return Collections.unmodifiableList(notes);
	}
}
