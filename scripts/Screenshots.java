/*
 * InnSight: screenshots of the Fiji dialogs and of result windows, taken in a real ImageJ2 window.
 * Run by scripts/screenshots.sh (under Xvfb, with the ImageJ2 runtime of ../shared/imagej2); not part of the build.
 *
 *   java -cp APP_AND_RUNTIME_JARS scripts/Screenshots.java OUT_DIR SAMPLE_MSI_TIFF
 *
 * Opens ImageJ2's legacy user interface, opens the sample image, then for each command opens its dialog as a user
 * does from the menu (InnSight's dialog, org.innsight.fiji.InnSightDialog), captures that window with java.awt.Robot, and cancels it. Last,
 * it runs Tissue Posterior Estimation and Out-of-Distribution Map with macro options on the sample and captures the
 * whole screen with the result windows. Every capture is checked to be a window of the expected title, so a dialog
 * that did not open fails the run instead of leaving a blank picture.
 */
import java.awt.Dialog;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

public class Screenshots {

	/** Menu label (the dialog's title) and command class, in the order of docs/fiji-dialogs.md. */
	private static final String[][] DIALOGS = {
		{ "Tissue Posterior Estimation", "org.innsight.fiji.TissuePosteriorCommand" },
		{ "Out-of-Distribution Map", "org.innsight.fiji.OodMapCommand" },
		{ "Domain Transfer", "org.innsight.fiji.DomainTransferCommand" },
		{ "Linear Unmixing (baseline)", "org.innsight.fiji.LinearUnmixingCommand" },
		{ "Measure Regions", "org.innsight.fiji.MeasureRegionsCommand" },
		{ "Mutex Watershed", "org.innsight.fiji.MutexWatershedCommand" },
		{ "DALSA Segmentation", "org.innsight.fiji.DalsaSegmentationCommand" },
		{ "Apply DALSA Classifier", "org.innsight.fiji.ApplyDalsaClassifierCommand" },
		{ "Validate Posterior Model", "org.innsight.fiji.ValidatePosteriorModelCommand" },
	};

	public static void main(final String[] args) throws Exception {
		if (args.length < 2) throw new IllegalArgumentException("usage: Screenshots OUT_DIR SAMPLE_MSI_TIFF [results]");
		final boolean dialogs = args.length < 3 || !args[2].equals("results");
		final File out = new File(args[0]);
		if (!out.isDirectory() && !out.mkdirs()) throw new IllegalStateException("cannot make " + out);
		final net.imagej.ImageJ imagej = new net.imagej.ImageJ();
		imagej.ui().showUI();
		final ij.ImagePlus sample = ij.IJ.openImage(args[1]);
		if (sample == null) throw new IllegalStateException("cannot open " + args[1]);
		sample.setTitle("image.tif");
		sample.show();
		Thread.sleep(2000);
		final Robot robot = new Robot();
		if (args.length > 2 && args[2].equals("record")) System.exit(Record.recordAndCancel(imagej, robot, out));
		final List<String> written = new ArrayList<>();
		for (final String[] dialog : dialogs ? DIALOGS : new String[0][]) {
			final String title = dialog[0];
			final Future<?> run = imagej.command().run(dialog[1], true);
			final Window window = waitForWindow(title, 60_000);
			Thread.sleep(1500);
			// SciJava's Console (a Swing frame; ImageJ's windows are AWT frames) opens when something writes to standard
			// error, e.g. SLF4J when the engine loads, and can cover the dialog: hidden
			SwingUtilities.invokeAndWait(() -> {
				for (final Window w : Window.getWindows())
					if (w instanceof javax.swing.JFrame && w.isShowing()) w.setVisible(false);
				window.toFront();
			});
			Thread.sleep(500);
			final File png = new File(out, "dialog-" + slug(title) + ".png");
			capture(robot, window.getBounds(), png);
			written.add(png.getName());
			// as the window's close box does: GenericDialog then counts as cancelled (dispose alone would be OK)
			SwingUtilities.invokeAndWait(() -> window.dispatchEvent(new java.awt.event.WindowEvent(window, java.awt.event.WindowEvent.WINDOW_CLOSING)));
			if (run != null) {
				try {
					run.get(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (final Exception e) {
					System.out.println("screenshots: " + title + " after cancel: " + e);
				}
			}
			// no line printed per dialog: SciJava's Console comes to the front with each, over the next dialog
			Thread.sleep(500);
		}
		// Results: what a user sees after running the two commands on the sample (as a macro, on its own thread).
		final Thread runs = new Thread(() -> ij.IJ.runMacro(
			"selectWindow('image.tif'); run('Tissue Posterior Estimation', 'image=image.tif model=msi-tissue-16band model_folder=[] samples=32 seed=1 statistics=[median,IQR] median=true mean=false iqr=true modes=false sd=false q05=false q25=false q75=false q95=false mask=none exclude=none use_selection=true sample_stack=false saturation=auto threads=2 tile_size=64 accept_units=false device=cpu');\n"
				+ "selectWindow('image.tif'); run('Out-of-Distribution Map', 'image=image.tif model=msi-ood-16band model_folder=[] device=cpu spread=false accept_units=false');\n"), "macro");
		System.out.println("screenshots: running Tissue Posterior Estimation and Out-of-Distribution Map on the sample");
		runs.start();
		runs.join(300_000);
		final boolean finished = !runs.isAlive();
		Thread.sleep(3000);
		// a run that did not finish (e.g. a dialog opened: a key the macro lacks) is captured to see why, and fails
		final File results = new File(out, finished ? "results-posterior-ood.png" : "results-NOT-FINISHED.png");
		capture(robot, new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize()), results);
		written.add(results.getName());
		System.out.println("screenshots: wrote " + written.size() + " files to " + out + ": " + String.join(", ", written));
		if (!finished) System.out.println("screenshots: error: the commands did not finish in 300 s; see " + results);
		System.exit(finished ? 0 : 1);
	}

	/** Mode {@code record}, in a class of its own: ImageJ1's classes it names load only after ImageJ2 patched them. */
	private static final class Record {

		/**
		 * Mode {@code record}: with ImageJ's Recorder open, drives Tissue Posterior Estimation's dialog as a user would
		 * (device cpu, 8 samples; every statistic unticked to see the dialog's message and OK disabled, then median ticked
		 * again), clicks OK and prints what the Recorder recorded; then runs it again with 3000 samples and presses Esc
		 * after 3 s, and prints whether result windows appeared; last, a macro line that leaves keys out must run without a
		 * dialog. Exit status 0 when all is as expected.
		 */
		static int recordAndCancel(final net.imagej.ImageJ imagej, final Robot robot, final File out) throws Exception {
			final String title = "Tissue Posterior Estimation";
			new ij.plugin.frame.Recorder();
			Thread.sleep(1000);
			Future<?> run = imagej.command().run("org.innsight.fiji.TissuePosteriorCommand", true);
			ij.gui.GenericDialog gd = (ij.gui.GenericDialog) waitForWindow(title, 60_000);
			Thread.sleep(1000);
			final java.awt.Choice device = (java.awt.Choice) gd.getChoices().get(gd.getChoices().size() - 1);
			final List<String> devices = new ArrayList<>();
			for (int i = 0; i < device.getItemCount(); i++) devices.add(device.getItem(i));
			System.out.println("record: device choices " + devices);
			final List<String> models = new ArrayList<>();
			final java.awt.Choice model = (java.awt.Choice) gd.getChoices().get(1);
			for (int i = 0; i < model.getItemCount(); i++) models.add(model.getItem(i));
			System.out.println("record: model choices " + models);
			final ij.gui.GenericDialog dialog = gd;
			SwingUtilities.invokeAndWait(() -> {
				device.select("cpu");
				((java.awt.TextField) dialog.getNumericFields().get(0)).setText("8");
				for (final Object o : dialog.getCheckboxes()) {
					final java.awt.Checkbox box = (java.awt.Checkbox) o;
					if (List.of("Median", "Mean", "IQR", "Modes").contains(box.getLabel())) {
						box.setState(false);
						dialog.itemStateChanged(new java.awt.event.ItemEvent(box, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, box, java.awt.event.ItemEvent.DESELECTED));
					}
				}
			});
			Thread.sleep(1000);
			final boolean okWithout = gd.getButtons()[0].isEnabled();
			System.out.println("record: no statistic ticked: OK enabled " + okWithout + "; dialog says " + text(gd));
			SwingUtilities.invokeAndWait(dialog::toFront);
		Thread.sleep(500);
		capture(robot, gd.getBounds(), new File(out, "dialog-tissue-posterior-estimation-message.png"));
			SwingUtilities.invokeAndWait(() -> {
				for (final Object o : dialog.getCheckboxes()) {
					final java.awt.Checkbox box = (java.awt.Checkbox) o;
					if (box.getLabel().equals("Median")) {
						box.setState(true);
						dialog.itemStateChanged(new java.awt.event.ItemEvent(box, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, box, java.awt.event.ItemEvent.SELECTED));
					}
				}
			});
			Thread.sleep(500);
			final boolean okWith = gd.getButtons()[0].isEnabled();
			System.out.println("record: median ticked: OK enabled " + okWith);
			SwingUtilities.invokeAndWait(() -> dialog.actionPerformed(new java.awt.event.ActionEvent(dialog.getButtons()[0], java.awt.event.ActionEvent.ACTION_PERFORMED, "OK")));
			run.get(300, java.util.concurrent.TimeUnit.SECONDS);
			Thread.sleep(1000);
			final String recorded = ij.plugin.frame.Recorder.getInstance() == null ? "(no recorder)" : ij.plugin.frame.Recorder.getInstance().getText();
			System.out.println("record: the Recorder holds:\n" + recorded);
			System.out.println("record: open images " + String.join(", ", ij.WindowManager.getImageTitles()));
			final boolean once = recorded.split("Tissue Posterior Estimation", -1).length == 2 && recorded.contains("samples=8") && recorded.contains("device=cpu")
				&& recorded.contains("median=true") && recorded.contains("mean=false") && !recorded.contains("statistics=");
			// Esc during a long run: no results
			final int before = ij.WindowManager.getImageCount();
			ij.IJ.selectWindow("image.tif");
			run = imagej.command().run("org.innsight.fiji.TissuePosteriorCommand", true);
			gd = (ij.gui.GenericDialog) waitForWindow(title, 60_000);
			final ij.gui.GenericDialog second = gd;
			SwingUtilities.invokeAndWait(() -> {
				((java.awt.TextField) second.getNumericFields().get(0)).setText("3000");
				((java.awt.TextField) second.getNumericFields().get(3)).setText("8"); // small tiles: progress (and Esc) after each
				second.actionPerformed(new java.awt.event.ActionEvent(second.getButtons()[0], java.awt.event.ActionEvent.ACTION_PERFORMED, "OK"));
			});
			Thread.sleep(3000);
			final long pressed = System.currentTimeMillis();
			ij.IJ.setKeyDown(java.awt.event.KeyEvent.VK_ESCAPE);
			run.get(120, java.util.concurrent.TimeUnit.SECONDS);
			final long stopped = System.currentTimeMillis() - pressed;
			Thread.sleep(1000);
			final int after = ij.WindowManager.getImageCount();
			final String log = ij.IJ.getLog() == null ? "" : ij.IJ.getLog();
			System.out.println("record: Esc after 3 s of a 3000-sample run: stopped " + stopped + " ms later; images before " + before + ", after " + after +
				"; Log ends: " + log.substring(Math.max(0, log.length() - 300)).replace('\n', '|'));
			final boolean cancelled = after == before && log.contains("Tissue Posterior Estimation: cancelled");
			// a macro in the GUI that leaves keys out: their defaults, no dialog
			final Thread macro = new Thread(() -> ij.IJ.runMacro("selectWindow('image.tif'); run('Out-of-Distribution Map', 'device=cpu');"), "macro");
			macro.start();
			macro.join(180_000);
			final boolean noDialog = !macro.isAlive() && ij.WindowManager.getImage("image_ood_score") != null;
			System.out.println("record: run('Out-of-Distribution Map', 'device=cpu') in the GUI: " + (noDialog ? "ran with the defaults, no dialog"
				: "did not finish (a dialog?)"));
			final boolean ok = once && !okWithout && okWith && cancelled && noDialog;
			System.out.println("record: " + (ok ? "OK" : "FAILED") + " (recorded once with the same keys: " + once + ", OK disabled with the message: " +
				!okWithout + ", enabled again: " + okWith + ", cancelled without results: " + cancelled + ", a macro's omitted keys without a dialog: " +
				noDialog + ")");
			return ok ? 0 : 1;
		}

		/** The text of a dialog's labels, joined. */
		private static String text(final java.awt.Container c) {
			final StringBuilder s = new StringBuilder();
			for (final java.awt.Component k : c.getComponents()) {
				if (k instanceof ij.gui.MultiLineLabel m) s.append(m.getPreferredSize().width > 0 ? "[" + String.valueOf(labelText(m)) + "]" : "");
				else if (k instanceof java.awt.Container inner) s.append(text(inner));
			}
			return s.toString();
		}

		private static String labelText(final ij.gui.MultiLineLabel m) {
			try {
				final java.lang.reflect.Field f = ij.gui.MultiLineLabel.class.getDeclaredField("lines");
				f.setAccessible(true);
				return String.join(" ", (String[]) f.get(m)).trim();
			}
			catch (final ReflectiveOperationException e) {
				return "?";
			}
		}
	}

	private static Window waitForWindow(final String title, final long timeoutMillis) throws InterruptedException {
		final long end = System.currentTimeMillis() + timeoutMillis;
		while (System.currentTimeMillis() < end) {
			for (final Window w : Window.getWindows()) {
				if (w instanceof Dialog d && w.isShowing() && title.equals(d.getTitle())) return w;
			}
			Thread.sleep(200);
		}
		final List<String> seen = new ArrayList<>();
		for (final Window w : Window.getWindows()) {
			if (w.isShowing()) seen.add(w.getClass().getSimpleName() + " " + (w instanceof Dialog d ? d.getTitle() : ""));
		}
		throw new IllegalStateException("the dialog '" + title + "' did not open within " + timeoutMillis / 1000 + " s; windows showing: " + seen);
	}

	private static void capture(final Robot robot, final Rectangle bounds, final File png) throws Exception {
		final BufferedImage image = robot.createScreenCapture(bounds);
		if (!ImageIO.write(image, "png", png)) throw new IllegalStateException("no PNG writer for " + png);
	}

	private static String slug(final String title) {
		return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}
}
