package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innsight.posterior.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * The dialogs' items once a dialog opens (the command's initializer ran): drop-downs of the installed models of the
 * command's kind, of the open images and of the devices; the statistic check boxes and the older
 * {@code statistics=} key; and the rule that keys a macro leaves out take their defaults, not remembered values.
 */
class DialogsTest {

	@TempDir
	static Path dir;
	private static Context context;
	private static Path model;

	@BeforeAll
	static void setUp() throws Exception {
		context = new Context(CommandService.class);
		model = TestModels.randomModel(dir.resolve("model"), "none", "posterior-cinn");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	@AfterEach
	void closeImages() {
		final int[] ids = WindowManager.getIDList();
		if (ids != null) for (final int id : ids) WindowManager.getImage(id).close();
	}

	/** The command's module as a dialog would show it: created, then initialised (its drop-downs filled). */
	private static Module opened(final Class<? extends InnSightCommand> type) throws Exception {
		final Module m = context.service(ModuleService.class).createModule(context.service(CommandService.class).getCommand(type));
		m.initialize();
		return m;
	}

	private static ModuleItem<?> item(final Module m, final String name) {
		final ModuleItem<?> item = m.getInfo().getInput(name);
		assertNotNull(item, m.getInfo().getTitle() + " has no input " + name);
		return item;
	}

	private static List<String> choices(final Module m, final String name) {
		final List<String> out = new ArrayList<>();
		final List<?> c = item(m, name).getChoices();
		if (c != null) for (final Object o : c) out.add(o.toString());
		return out;
	}

	private static ImagePlus spectral(final String title) {
		final ImageStack stack = new ImageStack(6, 5);
		for (int c = 0; c < 3; c++) {
			final float[] px = new float[30];
			for (int i = 0; i < px.length; i++) px[i] = 1000 + 10 * i + 300 * c;
			stack.addSlice((500 + 100 * c) + "nm", new FloatProcessor(6, 5, px));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(3, 1, 1);
		return imp;
	}

	/** The models a drop-down would offer: each installed model once, with its card's kind and first sentence. */
	@Test
	void installedModelsAreListedWithTheirKindAndOneLineDescription() {
		final java.util.Map<String, org.innsight.engine.ModelLookup.Installed> byName = new java.util.HashMap<>();
		for (final org.innsight.engine.ModelLookup.Installed m : org.innsight.engine.ModelLookup.standard().installed()) byName.put(m.name(), m);
		// the checkout's models/ (innsight.repo)
		assertEquals("posterior-cinn", byName.get("msi-tissue-16band").kind());
		assertEquals("ood-waic-ensemble", byName.get("msi-ood-16band").kind());
		assertEquals("transfer-cinn", byName.get("msi-sim2real-16band").kind());
		assertFalse(byName.get("msi-ood-16band").description().contains(". "), byName.get("msi-ood-16band").description());
		assertTrue(byName.get("msi-ood-16band").description().startsWith("Out-of-distribution detector"), byName.get("msi-ood-16band").description());
		// each dialog opens with its one-paragraph description and help page (a message, not a macro key)
		for (final Class<? extends InnSightCommand> c : List.of(TissuePosteriorCommand.class, OodMapCommand.class, DomainTransferCommand.class))
			assertEquals(ItemVisibility.MESSAGE, context.service(CommandService.class).getCommand(c).getInput("about").getVisibility());
		assertTrue(TissuePosteriorCommand.ABOUT.contains(Dialogs.DOCS + "posterior.md"));
		assertTrue(OodMapCommand.ABOUT.contains(Dialogs.DOCS + "ood.md"));
		assertTrue(DomainTransferCommand.ABOUT.contains(Dialogs.DOCS + "transfer.md"));
	}

	@Test
	void statisticsAreCheckBoxesAndTheOlderKeyStillChoosesThem() throws Exception {
		final Module posterior = opened(TissuePosteriorCommand.class);
		for (final String s : List.of("median", "mean", "iqr", "modes"))
			assertEquals(Boolean.TRUE, item(posterior, s).getValue(posterior), s);
		for (final String s : List.of("sd", "q05", "q25", "q75", "q95"))
			assertEquals(Boolean.FALSE, item(posterior, s).getValue(posterior), s);
		assertEquals(ItemVisibility.INVISIBLE, item(posterior, "statistics").getVisibility());
		assertFalse(item(posterior, "statistics").isPersisted());

		final ImagePlus scan = spectral("scan.tif");
		run("image", scan, "mean", false, "iqr", false, "modes", false, "q95", true); // the check boxes
		assertEquals(List.of("scan_sO2_median", "scan_sO2_q95"), maps("scan_sO2_"));
		closeImages();
		run("image", scan, "statistics", "IQR,sd"); // an older macro's statistics=[IQR,sd]: wins over the boxes
		assertEquals(List.of("scan_sO2_IQR", "scan_sO2_sd"), maps("scan_sO2_"));
		closeImages();
		final Exception none = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
			() -> run("image", scan, "median", false, "mean", false, "iqr", false, "modes", false));
		assertTrue(String.valueOf(rootMessage(none)).contains("no statistic is ticked"), rootMessage(none));
		// SciJava remembered the unticked boxes before the run failed: a run with the default boxes, so that later tests
		// (TissuePosteriorCommandTest, which gives no boxes) do not load them
		run("image", scan);
		closeImages();
	}

	/** In Fiji a macro runs the command in a thread with its options; omitted keys take their defaults, not remembered values. */
	@Test
	void keysAMacroLeavesOutTakeTheirDefaultsNotTheRememberedValues() throws Exception {
		final ImagePlus scan = spectral("scan.tif");
		scan.show();
		final TissuePosteriorCommand c = new TissuePosteriorCommand();
		set(c, "samples", 7); // as if loaded from the last dialog
		set(c, "mean", false);
		set(c, "sd", true); // given by the macro: Fiji's legacy layer sets it before the command runs
		set(c, "q25", true); // remembered, left out by the macro
		set(c, "image", scan);
		set(c, "model", model.toString());
		final Throwable[] failed = new Throwable[1];
		final Thread macro = new Thread(() -> {
			Macro.setOptions("image=scan.tif model=[" + model + "] device=cpu accept_units=true use_selection=false sd=true q05");
			try {
				c.run();
			}
			catch (final Throwable e) {
				failed[0] = e;
			}
		}, "Run$_test-macro");
		IJ.log("\\Clear");
		macro.start();
		macro.join();
		if (failed[0] != null) throw new AssertionError("the command failed", failed[0]);
		assertEquals(100, get(c, "samples"));
		assertEquals(true, get(c, "mean"));
		assertEquals(true, get(c, "q05"), "a bare key ticks its check box");
		final String log = IJ.getLog() == null ? "" : IJ.getLog();
		// headless, IJ.log goes to standard output; with a Log window it says which remembered values were replaced
		if (!log.isEmpty()) assertTrue(log.contains("samples=100 (remembered: 7)"), log);
		assertEquals(true, get(c, "sd"), "given: kept");
		assertEquals(false, get(c, "q25"), "left out: its default");
		assertNull(Macro.getOptions(), "the test's thread has no macro options");
	}

	private void run(final Object... inputs) throws Exception {
		// every statistic box given: values remembered by other tests (Java preferences) must not leak in
		final Object[] boxes = { "median", true, "mean", true, "iqr", true, "modes", true, "sd", false, "q05", false, "q25", false, "q75", false,
			"q95", false };
		final Object[] given = new Object[boxes.length + inputs.length];
		System.arraycopy(boxes, 0, given, 0, boxes.length);
		System.arraycopy(inputs, 0, given, boxes.length, inputs.length);
		run2(given);
	}

	private void run2(final Object... inputs) throws Exception {
		final Object[] rest = { "model", model.toString(), "samples", 5, "device", "cpu", "use_selection", false, "accept_units", true };
		final Object[] all = new Object[inputs.length + rest.length];
		System.arraycopy(inputs, 0, all, 0, inputs.length);
		System.arraycopy(rest, 0, all, inputs.length, rest.length);
		final Module m = context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(TissuePosteriorCommand.class), true,
			all).get();
		assertFalse(((Cancelable) m).isCanceled(), ((Cancelable) m).getCancelReason());
	}

	private static List<String> maps(final String prefix) {
		final List<String> out = new ArrayList<>();
		for (final String t : WindowManager.getImageTitles())
			if (t.startsWith(prefix)) out.add(t);
		out.sort(null);
		return out;
	}

	private static void set(final Object o, final String field, final Object value) throws Exception {
		final java.lang.reflect.Field f = FijiSettings.field(o.getClass(), field);
		f.setAccessible(true);
		f.set(o, value);
	}

	private static Object get(final Object o, final String field) throws Exception {
		final java.lang.reflect.Field f = FijiSettings.field(o.getClass(), field);
		f.setAccessible(true);
		return f.get(o);
	}

	private static String rootMessage(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null) t = t.getCause();
		return t.getMessage();
	}
}
