/*
 * InnSight: screenshots of the Fiji dialogs and of result windows, taken in a real ImageJ2 window.
 * Run by scripts/screenshots.sh (under Xvfb, with the ImageJ2 runtime of ../shared/imagej2); not part of the build.
 *
 *   java -cp APP_AND_RUNTIME_JARS scripts/Screenshots.java OUT_DIR SAMPLE_MSI_TIFF
 *
 * Opens ImageJ2's legacy user interface, opens the sample image, then for each command opens its dialog as a user
 * does from the menu (the SciJava input harvester), captures that window with java.awt.Robot, and cancels it. Last,
 * it runs Tissue Posterior Estimation and Out-of-Distribution Map with macro options on the sample and captures the
 * whole screen with the result windows. Every capture is checked to be a window of the expected title, so a dialog
 * that did not open fails the run instead of leaving a blank picture.
 */
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;
import javax.swing.JDialog;
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
		final List<String> written = new ArrayList<>();
		for (final String[] dialog : dialogs ? DIALOGS : new String[0][]) {
			final String title = dialog[0];
			final Future<?> run = imagej.command().run(dialog[1], true);
			final Window window = waitForWindow(title, 60_000);
			Thread.sleep(1500);
			final File png = new File(out, "dialog-" + slug(title) + ".png");
			capture(robot, window.getBounds(), png);
			written.add(png.getName());
			SwingUtilities.invokeAndWait(window::dispose);
			if (run != null) {
				try {
					run.get(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (final Exception e) {
					System.out.println("screenshots: " + title + " after cancel: " + e);
				}
			}
			System.out.println("screenshots: " + png.getName());
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

	private static Window waitForWindow(final String title, final long timeoutMillis) throws InterruptedException {
		final long end = System.currentTimeMillis() + timeoutMillis;
		while (System.currentTimeMillis() < end) {
			for (final Window w : Window.getWindows()) {
				if (w instanceof JDialog && w.isShowing() && title.equals(((JDialog) w).getTitle())) return w;
			}
			Thread.sleep(200);
		}
		final List<String> seen = new ArrayList<>();
		for (final Window w : Window.getWindows()) {
			if (w.isShowing()) seen.add(w.getClass().getSimpleName() + " " + (w instanceof JDialog ? ((JDialog) w).getTitle() : ""));
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
