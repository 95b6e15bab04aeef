package org.innsight.macro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * What a macro left behind: its log (everything {@code print} and {@code IJ.log} wrote), the value it returned,
 * and the images still open. The images stay open until {@link #close()} or the next macro run.
 */
public final class MacroResult implements AutoCloseable {

	private final String log;
	private final String returnValue;
	private final List<ImagePlus> images;

	MacroResult(final String log, final String returnValue, final List<ImagePlus> images) {
		this.log = log;
		this.returnValue = returnValue;
		this.images = Collections.unmodifiableList(new ArrayList<>(images));
	}

	/** The macro's log output, one line per {@code print}. */
	public String log() {
		return log;
	}

	/** The log split into lines. */
	public List<String> logLines() {
		final List<String> lines = new ArrayList<>();
		for (final String l : log.split("\\R"))
			if (!l.isEmpty()) lines.add(l);
		return lines;
	}

	/** What the macro returned ({@code return "x";} at top level), or null. */
	public String returnValue() {
		return returnValue;
	}

	/** Titles of the images open when the macro ended, oldest first. */
	public List<String> imageTitles() {
		final List<String> titles = new ArrayList<>();
		for (final ImagePlus imp : images)
			titles.add(imp.getTitle());
		return titles;
	}

	/** The open image with this title; an error naming the open ones if there is none. */
	public ImagePlus image(final String title) {
		for (final ImagePlus imp : images)
			if (imp.getTitle().equals(title)) return imp;
		throw new IllegalArgumentException("no image titled '" + title + "' was open when the macro ended; open: " +
			imageTitles());
	}

	/** Closes the images the macro left open. */
	@Override
	public void close() {
		for (final ImagePlus imp : images) {
			imp.changes = false;
			if (WindowManager.getImage(imp.getID()) != null) imp.close();
		}
	}
}
