package org.innsight.fiji;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GUI;
import ij.gui.ImageWindow;
import ij.macro.Interpreter;
import ij.plugin.CalibrationBar;

/**
 * How InnSight commands hand result images to the user and to macros.
 * <p>
 * A command shows its results itself ({@link #show}) under a predictable title ({@link org.innsight.image.DerivedImages#title}), instead of
 * declaring them as {@code @Parameter(type = ItemIO.OUTPUT)}. Why: Fiji's legacy layer does not pass an
 * {@code ItemIO.OUTPUT} {@link ImagePlus} on to a headless macro, so a macro could never {@code selectImage} it;
 * and in Fiji's GUI an image that is both shown by the command and declared as an output is displayed twice
 * (once by {@code show()}, once by the display post-processor). Showing only, never declaring, gives exactly one
 * window in the GUI and one selectable image in a macro. ImageJ1's batch mode (on for every headless macro)
 * keeps such images off screen; they are listed by {@code WindowManager} and closed with {@code close()}.
 */
public final class ResultImages {

	/** The image {@link #show} last showed in this thread, for {@link InnSightCommand} to hand to the calling macro. */
	private static final ThreadLocal<ImagePlus> LAST = new ThreadLocal<>();
	/** The windows one command run has shown so far, for {@link #arrange}. */
	private static final ThreadLocal<List<ImageWindow>> WINDOWS = ThreadLocal.withInitial(ArrayList::new);
	/** Every result window this class has placed, in any run (weakly held: a closed window goes with its image). */
	private static final Set<ImageWindow> PLACED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private ResultImages() {}

	/** Gives {@code result} its title and shows it (off screen in batch mode); returns it for chaining. */
	public static ImagePlus show(final ImagePlus result, final String title) {
		result.setTitle(title);
		// A headless JVM outside a macro (a test, `fiji --headless --run`) has no screen to show a window on,
		// and ImagePlus.show() would throw; ImageJ1's batch mode is its way of holding images without windows,
		// so turn it on: the image is then listed by WindowManager like any open image.
		if (GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode()) Interpreter.batchMode = true;
		result.show();
		LAST.set(result);
		arrange(result.getWindow());
		calibrationBar(result);
		return result;
	}

	/**
	 * In Fiji's GUI, gives a 32-bit map a calibration bar (ImageJ's Analyze > Tools > Calibration Bar, as an overlay:
	 * the pixels stay the values) with the map's value unit (when it has one other than "1"), so the colours can be
	 * read without the status bar (issue 23). Only on maps of at least {@link #MIN_BAR_SIDE} pixels a side; not in
	 * batch mode or headless (no window; macros that save results get the pixels alone), nor on masks and labels.
	 */
	/** The smallest width and height of a map that gets a calibration bar. */
	static final int MIN_BAR_SIDE = 384;

	private static void calibrationBar(final ImagePlus map) {
		if (map.getWindow() == null || Interpreter.isBatchMode() || map.getBitDepth() != 32) return;
		// the bar with its labels is about 100 x 150 pixels at zoom 1: on a smaller map it hid half of it (the
		// 128 x 128 sample, seen in the real runtime), so there the colour scale stays in the status bar and LUT
		if (map.getWidth() < MIN_BAR_SIDE || map.getHeight() < MIN_BAR_SIDE) return;
		final String unit = map.getCalibration().getValueUnit();
		final boolean showUnit = unit != null && !unit.isBlank() && !"Gray Value".equals(unit) && !"1".equals(unit);
		final Thread self = Thread.currentThread();
		final String before = Macro.getOptions();
		final ImagePlus current = WindowManager.getCurrentImage();
		try {
			WindowManager.setTempCurrentImage(map);
			Macro.setOptions(self, "location=[Upper Right] fill=White label=Black number=3 decimal=2 font=12 zoom=1 overlay" + (showUnit ? " show" : ""));
			new CalibrationBar().run("");
		}
		catch (final RuntimeException e) {
			IJ.log("InnSight: no calibration bar on " + map.getTitle() + ": " + e); // a picture aid: never fail the command for it
		}
		finally {
			Macro.setOptions(self, before);
			WindowManager.setTempCurrentImage(current);
		}
	}

	/**
	 * In Fiji's GUI, places each result window of one run beside the previous one (a new row when the screen's
	 * edge is reached), so that a command's maps do not cover each other; the first window of a run goes below the
	 * result windows of earlier runs that are still open (seen covering them in a screenshot, issue 23). Batch mode
	 * and headless runs have no windows.
	 */
	private static void arrange(final ImageWindow window) {
		if (window == null) return;
		final List<ImageWindow> shown = WINDOWS.get();
		if (shown.isEmpty()) {
			final Rectangle earlier = openEarlierResults();
			if (earlier != null) {
				final Rectangle screen = GUI.getScreenBounds(window);
				window.setLocation(earlier.x, Math.min(earlier.y + earlier.height + 4, screen.y + screen.height - 60));
			}
		}
		else {
			final Rectangle previous = shown.get(shown.size() - 1).getBounds();
			final Rectangle screen = GUI.getScreenBounds(window);
			int x = previous.x + previous.width + 4, y = previous.y;
			if (x + window.getWidth() > screen.x + screen.width) {
				x = shown.get(0).getBounds().x;
				y = previous.y + previous.height + 4;
			}
			window.setLocation(x, Math.min(y, screen.y + screen.height - 60));
		}
		shown.add(window);
		PLACED.add(window);
	}

	/** The bounds around the result windows of earlier runs that are still showing, or null. */
	private static Rectangle openEarlierResults() {
		Rectangle around = null;
		synchronized (PLACED) {
			for (final ImageWindow w : PLACED) {
				if (!w.isShowing()) continue;
				around = around == null ? w.getBounds() : around.union(w.getBounds());
			}
		}
		return around;
	}

	/** The image last shown in this thread since {@link #forgetLastShown()}, or null. */
	static ImagePlus lastShown() {
		return LAST.get();
	}

	static void forgetLastShown() {
		LAST.remove();
		WINDOWS.remove();
	}
}
