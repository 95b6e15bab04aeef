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

import org.innsight.dalsa.io.ClassifierFile;
import org.innsight.engine.ModelLookup.Installed;
import org.innsight.fiji.DialogFields.Field;
import org.innsight.fiji.DialogFields.Kind;
import org.innsight.image.SpectralImage;
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

import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.process.FloatProcessor;

/**
 * What InnSight's dialog offers for each command's inputs ({@link DialogFields}): drop-downs of the installed models of
 * the command's kind, of the open images (with none), of the devices (auto saying what it is here); the request's
 * message for values that cannot run ({@link InnSightCommand#check()}); no dialog but resolved inputs when a macro
 * runs the command; Esc stopping the work ({@link StatusProgress}).
 */
class DialogFieldsTest {

	private static Context context;

	/** Two posterior models, an OOD model, a transfer model and a DALSA classifier installed; GPUs as given. */
	private static final List<Installed> MODELS = List.of(new Installed("msi-tissue-16band", "posterior-cinn", "Tissue posterior of a 16-band camera"),
		new Installed("msi-ood-16band", "ood-waic-ensemble", "Out-of-distribution detector"), new Installed("pai-tissue-16wl", "posterior-cinn", ""),
		new Installed("msi-sim2real-16band", "transfer-cinn", "Sim to real"),
		new Installed("dalsa-mr-sample", ClassifierFile.KIND, "DALSA voxel classifier for the brain-tumour phantom"));

	/** The installed {@link #MODELS}; two images open: scan.tif (channels labelled 520nm, 560nm) and flags (no wavelengths). */
	private static DialogFields.Environment env(final int gpus) {
		final Map<String, ImagePlus> open = new LinkedHashMap<>();
		open.put("scan.tif", image("scan.tif", new double[] { 520, 560 }));
		open.put("flags", image("flags", null));
		return env(List.copyOf(open.keySet()), open::get, MODELS, gpus);
	}

	private static DialogFields.Environment env(final List<String> titles, final java.util.function.Function<String, ImagePlus> images,
		final List<Installed> models, final int gpus) {
		return new DialogFields.Environment() {
			@Override
			public List<String> openImages() {
				return titles;
			}

			@Override
			public List<Installed> models() {
				return models;
			}

			@Override
			public int gpus() {
				return gpus;
			}

			@Override
			public ImagePlus image(final String title) {
				return images.apply(title);
			}
		};
	}

	/** A two-channel image titled {@code title}, its channels labelled with {@code nm} (as InnSight labels them) unless null. */
	private static ImagePlus image(final String title, final double[] nm) {
		final ImageStack stack = new ImageStack(4, 3);
		stack.addSlice(new FloatProcessor(4, 3));
		stack.addSlice(new FloatProcessor(4, 3));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(2, 1, 1);
		if (nm != null) SpectralImage.label(imp, nm);
		return imp;
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
		return fields(m, env(gpus));
	}

	private static Map<String, Field> fields(final Module m, final DialogFields.Environment env) {
		final Map<String, Field> out = new LinkedHashMap<>();
		for (final Field f : DialogFields.of(m, env)) out.put(f.key(), f);
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
		assertEquals(List.of("scan.tif"), f.get("image").values(), "the spectral input: the open images that say their wavelengths");
		assertEquals(List.of("none", "scan.tif", "flags"), f.get("mask").values());
		assertEquals("none", f.get("mask").value());
		assertEquals(List.of("none", "scan.tif", "flags"), f.get("exclude").values());
		assertEquals(List.of("auto", "cpu", "gpu:0", "gpu:1"), f.get("device").values());
		assertEquals("auto (here: gpu:0)", f.get("device").labels().get(0));
		assertEquals("auto", f.get("device").valueOf("auto (here: gpu:0)"));
		assertEquals(Kind.CHECKBOX, f.get("median").kind());
		assertEquals("true", f.get("median").value());
		assertEquals(Kind.NUMBER, f.get("samples").kind());
		assertEquals(Kind.AUTO_NUMBER, f.get("saturation").kind());
		assertEquals("auto", f.get("saturation").value());
		assertFalse(f.containsKey("statistics"), "the older macro key is not shown");
		assertFalse(f.containsKey("status") || f.containsKey("thread_service"), "services are not shown");
		assertEquals("auto (here: cpu)", fields(module(TissuePosteriorCommand.class), 0).get("device").labels().get(0));
		// nothing open: the image drop-down says so (the command then refuses with "no image given")
		final Map<String, Field> none = new LinkedHashMap<>();
		for (final Field x : DialogFields.of(module(OodMapCommand.class), env(List.of(), t -> null, List.of(), -1))) none.put(x.key(), x);
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

	/**
	 * The spectral inputs list the open images (as WindowManager lists them) that say their wavelengths, by plane
	 * labels or the "wavelengths" property; with none, the drop-down says so and the check says how to label one.
	 */
	@Test
	void spectralInputsOfferTheOpenImagesThatSayTheirWavelengths() {
		final boolean batch = Interpreter.batchMode;
		Interpreter.batchMode = true; // headless: ImageJ1 holds shown images without windows, listed by WindowManager
		final ImagePlus cube = image("cube", new double[] { 500, 600 }), photo = image("photo", null), props = image("props", null);
		props.setProp(org.innsight.image.Wavelengths.PROPERTY, "700, 800");
		final DialogFields.Environment open = new InnSightDialog.Open(); // WindowManager's images
		final List<ImagePlus> shown = List.of(cube, photo, props);
		try {
			for (final ImagePlus imp : shown) imp.show();
			final DialogFields.Environment now = env(new InnSightDialog.Open().openImages(), open::image, MODELS, 0);
			assertEquals(List.of("cube", "photo", "props"), now.openImages());
			final List<Class<? extends InnSightCommand>> spectral = List.of(TissuePosteriorCommand.class, OodMapCommand.class, DomainTransferCommand.class,
				LinearUnmixingCommand.class, PosteriorInspectorCommand.class);
			for (final Class<? extends InnSightCommand> type : spectral) {
				final Map<String, Field> f = new LinkedHashMap<>();
				for (final Field x : DialogFields.of(module(type), now)) f.put(x.key(), x);
				assertEquals(List.of("cube", "props"), f.get("image").values(), type.getSimpleName());
			}
			assertEquals(List.of("none", "cube", "photo", "props"), fields(module(TissuePosteriorCommand.class), now).get("mask").values(),
				"masks are any open image");
			cube.close();
			props.close();
			final DialogFields.Environment plain = env(new InnSightDialog.Open().openImages(), open::image, MODELS, 0);
			assertEquals(List.of("photo"), plain.openImages());
			final Module m = module(OodMapCommand.class);
			final Field image = fields(m, plain).get("image");
			assertEquals(List.of(DialogFields.NO_WAVELENGTHS), image.labels());
			assertEquals("", image.valueOf(DialogFields.NO_WAVELENGTHS), "the entry sets no image");
			m.setInput("image", null);
			assertEquals("key 'image': no open image says its wavelengths (open images: photo). Label the channels (e.g. \"520nm\"), set the image "
				+ "property \"wavelengths\" or put a sidecar JSON with \"wavelengths_nm\" beside the file.", message((InnSightCommand) m.getDelegateObject()));
			photo.close();
			assertEquals(List.of("(no image is open)"), fields(module(OodMapCommand.class), env(List.of(), t -> null, MODELS, 0)).get("image").labels());
		}
		finally {
			for (final ImagePlus imp : shown) imp.close();
			Interpreter.batchMode = batch;
		}
		assertEquals(0, WindowManager.getImageCount());
	}

	/**
	 * Apply DALSA Classifier: the installed classifiers as a drop-down (none installed: said so), a file elsewhere
	 * that wins over it, as macros from before the drop-down give {@code classifier_file}.
	 */
	@Test
	void theDalsaClassifierIsADropDownOfInstalledClassifiersOrAFileElsewhere() throws Exception {
		final Module m = module(ApplyDalsaClassifierCommand.class);
		final Map<String, Field> f = fields(m, 0);
		assertEquals(List.of("dalsa-mr-sample"), f.get("classifier").values(), "only the DALSA classifiers");
		assertEquals(List.of("dalsa-mr-sample \u2013 DALSA voxel classifier for the brain-tumour phantom"), f.get("classifier").labels());
		assertEquals("dalsa-mr-sample", f.get("classifier").value(), "the first installed one is chosen");
		assertEquals(Kind.FILE, f.get("classifier_file").kind());
		final Field none = fields(module(ApplyDalsaClassifierCommand.class), env(List.of(), t -> null, List.of(), 0)).get("classifier");
		assertEquals(List.of("(no dalsa-classifier model installed: give one below)"), none.labels());
		assertEquals(List.of(""), none.values());

		final InnSightCommand c = (InnSightCommand) m.getDelegateObject();
		assertEquals("classifier: choose an installed classifier, or give classifier_file (a .dalsa file)", message(c));
		final java.nio.file.Path sample = java.nio.file.Path.of("..", "models", "dalsa-mr-sample").toAbsolutePath().normalize();
		m.setInput("classifier", sample.toString()); // a model folder holding one .dalsa file
		c.check();
		m.setInput("classifier_file", "/no/such/brain.dalsa");
		assertTrue(message(c).startsWith("classifier_file: names /no/such/brain.dalsa, which does not exist; no model '/no/such/brain.dalsa'"), message(c));
		m.setInput("classifier_file", sample.resolve("phantom.dalsa").toString()); // an old macro's file: wins over classifier
		m.setInput("classifier", "no-such-classifier");
		c.check();
		m.setInput("classifier_file", "");
		assertTrue(message(c).startsWith("classifier: names no-such-classifier, which does not exist; no model 'no-such-classifier': looked in"), message(c));
	}

	@Test
	void theRequestsMessageNamesTheKeyBeforeAnythingRuns() {
		final Module m = module(TissuePosteriorCommand.class);
		final InnSightCommand c = (InnSightCommand) m.getDelegateObject();
		m.setInput("image", image("scan.tif", new double[] { 520, 560 }));
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
