package org.innsight.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.innsight.engine.ModelLookup.Installed;
import org.innsight.fiji.DialogFields.Field;
import org.innsight.fiji.DialogFields.Kind;
import org.innsight.progress.ParallelTasks;
import org.innsight.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

import ij.Macro;

/**
 * What InnSight's dialog offers for each command's inputs ({@link DialogFields}): drop-downs of the installed models of
 * the command's kind, of the open images (with none), of the devices (auto saying what it is here); the request's
 * message for values that cannot run ({@link InnSightCommand#check()}); no dialog but resolved inputs when a macro
 * runs the command; Esc stopping the work ({@link StatusProgress}).
 */
class DialogFieldsTest {

	private static Context context;

	/** Two posterior models, an OOD model and a transfer model installed; two images open; GPUs as given. */
	private static DialogFields.Environment env(final int gpus) {
		return new DialogFields.Environment() {
			@Override
			public List<String> openImages() {
				return List.of("scan.tif", "flags");
			}

			@Override
			public List<Installed> models() {
				return List.of(new Installed("msi-tissue-16band", "posterior-cinn", "Tissue posterior of a 16-band camera"),
					new Installed("msi-ood-16band", "ood-waic-ensemble", "Out-of-distribution detector"),
					new Installed("pai-tissue-16wl", "posterior-cinn", ""), new Installed("msi-sim2real-16band", "transfer-cinn", "Sim to real"));
			}

			@Override
			public int gpus() {
				return gpus;
			}
		};
	}

	@BeforeAll
	static void setUp() {
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	private static Module module(final Class<? extends InnSightCommand> type) {
		return context.service(ModuleService.class).createModule(context.service(CommandService.class).getCommand(type));
	}

	private static Map<String, Field> fields(final Module m, final int gpus) {
		final Map<String, Field> out = new LinkedHashMap<>();
		for (final Field f : DialogFields.of(m, env(gpus))) out.put(f.key(), f);
		return out;
	}

	@Test
	void tissuePosteriorOffersPosteriorModelsOpenImagesAndDevices() {
		final Map<String, Field> f = fields(module(TissuePosteriorCommand.class), 2);
		assertEquals(Kind.MESSAGE, f.get("about").kind());
		assertEquals(Kind.CHOICE, f.get("model").kind());
		assertEquals(List.of("msi-tissue-16band", "pai-tissue-16wl"), f.get("model").values(), "only the posterior models");
		assertEquals(List.of("msi-tissue-16band \u2013 Tissue posterior of a 16-band camera", "pai-tissue-16wl"), f.get("model").labels());
		assertEquals("msi-tissue-16band", f.get("model").value());
		assertEquals(Kind.FOLDER, f.get("model_folder").kind());
		assertEquals(List.of("scan.tif", "flags"), f.get("image").values(), "the input: the open images");
		assertEquals(List.of("none", "scan.tif", "flags"), f.get("mask").values());
		assertEquals("none", f.get("mask").value());
		assertEquals(List.of("none", "scan.tif", "flags"), f.get("exclude").values());
		assertEquals(List.of("auto", "cpu", "gpu:0", "gpu:1"), f.get("device").values());
		assertEquals("auto (here: gpu:0)", f.get("device").labels().get(0));
		assertEquals("auto", f.get("device").valueOf("auto (here: gpu:0)"));
		assertEquals(Kind.CHECKBOX, f.get("median").kind());
		assertEquals("true", f.get("median").value());
		assertEquals(Kind.NUMBER, f.get("samples").kind());
		assertEquals(Kind.TEXT, f.get("saturation").kind());
		assertFalse(f.containsKey("statistics"), "the older macro key is not shown");
		assertFalse(f.containsKey("status") || f.containsKey("thread_service"), "services are not shown");
		assertEquals("auto (here: cpu)", fields(module(TissuePosteriorCommand.class), 0).get("device").labels().get(0));
		// nothing open: the image drop-down says so (the command then refuses with "no image given")
		final Map<String, Field> none = new LinkedHashMap<>();
		for (final Field x : DialogFields.of(module(OodMapCommand.class), new DialogFields.Environment() {
			@Override
			public List<String> openImages() {
				return List.of();
			}

			@Override
			public List<Installed> models() {
				return List.of();
			}

			@Override
			public int gpus() {
				return -1;
			}
		})) none.put(x.key(), x);
		assertEquals(List.of("(no image is open)"), none.get("image").labels());
		assertEquals(List.of("msi-ood-16band"), none.get("model").values(), "the default model, not installed here, is still offered");
		assertEquals(List.of("auto", "cpu"), none.get("device").labels(), "no engine: auto without what it resolves to");
	}

	@Test
	void eachModelDropDownHoldsItsKindAndAValueFromElsewhereComesFirst() {
		assertEquals(List.of("msi-ood-16band"), fields(module(OodMapCommand.class), 0).get("model").values());
		final Module transfer = module(DomainTransferCommand.class);
		assertEquals(List.of("msi-sim2real-16band"), fields(transfer, 0).get("model").values());
		assertEquals(List.of(DomainTransferCommand.TO_TARGET, DomainTransferCommand.TO_SOURCE), fields(transfer, 0).get("direction").values());
		final Module posterior = module(TissuePosteriorCommand.class);
		posterior.setInput("model", "/data/models/my-own");
		posterior.setInput("device", "gpu:3");
		final Map<String, Field> f = fields(posterior, 1);
		assertEquals(List.of("/data/models/my-own", "msi-tissue-16band", "pai-tissue-16wl"), f.get("model").values());
		assertEquals("/data/models/my-own", f.get("model").value());
		assertEquals(List.of("auto", "cpu", "gpu:0", "gpu:3"), f.get("device").values(), "a device word given before is kept");
		final Map<String, Field> mws = fields(module(MutexWatershedCommand.class), 0);
		assertEquals(List.of("none", "scan.tif", "flags"), mws.get("seeds").values());
		assertEquals(List.of("none", "scan.tif", "flags"), fields(module(MeasureRegionsCommand.class), 0).get("truth").values());
	}

	@Test
	void theRequestsMessageNamesTheKeyBeforeAnythingRuns() {
		final Module m = module(TissuePosteriorCommand.class);
		final InnSightCommand c = (InnSightCommand) m.getDelegateObject();
		c.check(); // the defaults can run
		m.setInput("saturation", "-5");
		assertTrue(message(c).startsWith("saturation must be above 0"), message(c));
		m.setInput("saturation", "lots");
		assertTrue(message(c).contains("saturation"), message(c));
		m.setInput("saturation", "auto");
		for (final String s : List.of("median", "mean", "iqr", "modes")) m.setInput(s, false);
		assertTrue(message(c).contains("no statistic is ticked"), message(c));
		m.setInput("median", true);
		m.setInput("mask", "no-such-image");
		assertTrue(message(c).contains("key 'mask': no open image is titled 'no-such-image'"), message(c));

		final Module measure = module(MeasureRegionsCommand.class);
		measure.setInput("regions", MeasureRegionsCommand.LABEL_IMAGE);
		assertEquals("labels: choose the label image (regions = label image)", message((InnSightCommand) measure.getDelegateObject()));
	}

	private static String message(final InnSightCommand c) {
		return InnSightCommand.message(assertThrows(IllegalArgumentException.class, c::check));
	}

	@Test
	void theHeaderIsPlainTextWithItsHelpPage() {
		assertEquals(Dialogs.DOCS + "posterior.md", Dialogs.helpPage(TissuePosteriorCommand.ABOUT));
		final String plain = Dialogs.plain(TissuePosteriorCommand.ABOUT);
		assertFalse(plain.contains("<") || plain.contains("Help:"), plain);
		assertTrue(plain.startsWith("Estimates, for every pixel of a spectral image"), plain);
		for (final String line : plain.split("\n")) assertTrue(line.length() <= 80, line);
	}

	/** A macro with options: no dialog; every input left out is resolved (InnSightCommand gives it its default). */
	@Test
	void aMacroGetsNoDialogButItsOmittedInputsResolved() throws Exception {
		final Module m = module(TissuePosteriorCommand.class);
		final InnSightDialog dialog = new InnSightDialog();
		dialog.setContext(context);
		final Thread macro = new Thread(() -> {
			Macro.setOptions("samples=5");
			dialog.process(m);
		}, "Run$_test-dialog");
		macro.start();
		macro.join();
		final List<String> unresolved = new ArrayList<>();
		for (final ModuleItem<?> item : m.getInfo().inputs())
			if (!m.isInputResolved(item.getName())) unresolved.add(item.getName());
		assertEquals(List.of(), unresolved);
		assertFalse(dialog.isCanceled());
		// without a macro, headless (as here): left to SciJava, as before
		final Module plain = module(TissuePosteriorCommand.class);
		dialog.process(plain);
		assertFalse(plain.isInputResolved("samples"));
		assertNull(Macro.getOptions());
	}

	/** Esc: the next progress report throws, and no further task starts. */
	@Test
	void cancellingStopsTheWorkAtTheNextProgressReport() {
		final AtomicInteger reports = new AtomicInteger(), ran = new AtomicInteger();
		final ProgressListener p = StatusProgress.of(new StatusProgressTest().silent(), () -> reports.incrementAndGet() > 3);
		assertThrows(CancellationException.class, () -> ParallelTasks.run(1000, 1, i -> ran.incrementAndGet(), p, "estimating"));
		assertEquals(4, ran.get(), "three reports passed, the fourth cancelled");
		ran.set(0);
		reports.set(0);
		assertThrows(CancellationException.class, () -> ParallelTasks.run(1000, 2, i -> ran.incrementAndGet(), p, "estimating"));
		assertTrue(ran.get() < 1000, ran.get() + " tasks ran");
	}
}
