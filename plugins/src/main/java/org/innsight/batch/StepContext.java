package org.innsight.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.innsight.engine.Device;

import ij.ImagePlus;

/** What a step may know about the scan being processed and the run around it. */
public final class StepContext {

	private final Path inputFile;
	private final String relativePath;
	private final Device device;
	private final DeviceLock deviceLock;
	private final int threads;
	private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
	private final Map<String, ImagePlus> images = new HashMap<>();

	/** A context whose steps may use every core (e.g. one scan processed on its own). */
	public StepContext(final Path inputFile, final String relativePath, final Device device, final DeviceLock deviceLock) {
		this(inputFile, relativePath, device, deviceLock, Runtime.getRuntime().availableProcessors());
	}

	/** @param threads CPU threads a step may use for this scan (at least 1); see {@link #threads()} */
	public StepContext(final Path inputFile, final String relativePath, final Device device, final DeviceLock deviceLock, final int threads) {
		if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
		this.inputFile = inputFile;
		this.relativePath = relativePath;
		this.device = device;
		this.deviceLock = deviceLock;
		this.threads = threads;
	}

	/** The scan's file, for steps that read more than the image (e.g. a second dataset in the same HDF5). */
	public Path inputFile() {
		return inputFile;
	}

	/** The scan's path relative to {@code --in}, with '/' separators; how the report names it. */
	public String relativePath() {
		return relativePath;
	}

	/**
	 * An image of this scan by its final name: {@code "input"} (the scan) or an output of an earlier step, saved
	 * or not. A step names the images it reads in {@link Step#uses}, so a pipeline that lacks them fails at once.
	 */
	public ImagePlus image(final String name) {
		final ImagePlus imp = images.get(name);
		if (imp == null) throw new IllegalArgumentException("no image \"" + name + "\" at this point of the pipeline; known: " + new TreeSet<>(images.keySet()));
		return imp;
	}

	/** Makes an image available to later steps (the pipeline calls this for the input and every step's outputs). */
	void add(final String name, final ImagePlus image) {
		images.put(name, image);
	}

	/**
	 * CPU threads a step may use on this scan for parallel work of its own (feature tiles, edge sorting):
	 * {@code --threads} (default all cores) shared among the {@code --jobs} scans running at once, at least 1.
	 */
	public int threads() {
		return threads;
	}

	/** The device the user chose ({@code --device}). */
	public Device device() {
		return device;
	}

	/**
	 * Runs work that needs the shared device (a network's forward pass) while holding the device; keep reading,
	 * pre- and post-processing outside, so other jobs use the CPU meanwhile.
	 */
	public <T> T onDevice(final Callable<T> work) throws Exception {
		return deviceLock.run(work);
	}

	/** Notes something about this scan that is worth a look but not a failure; shown in the report. */
	public void warn(final String message) {
		warnings.add(message);
	}

	public List<String> warnings() {
		synchronized (warnings) {
			return new ArrayList<>(warnings);
		}
	}
}
