package org.innsight.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.innsight.engine.ModelFolder;
import org.innsight.image.SpectralImage;
import org.innsight.io.ImageFiles;
import org.innsight.io.TableFiles;
import org.innsight.request.Outputs;
import org.innsight.transfer.DomainTransfer;
import org.innsight.transfer.TransferModel;
import org.innsight.transfer.TransferRequest;
import org.innsight.transfer.TransferValidation;

import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * Domain transfer with the default model: its validation figures on the held-out tables of sample-data/transfer,
 * and the msi sample image (the simulation camera) as the "real" camera of sample-data/transfer would see it.
 */
final class TransferDemo implements DemoStep {

	static final String MODEL = "msi-sim2real-16band";

	@Override
	public String name() {
		return "transfer";
	}

	@Override
	public String description() {
		return "Domain transfer (cINN) simulation <-> real camera: validation figures and a transferred image";
	}

	@Override
	public void run(final DemoContext demo) throws Exception {
		final Path model = demo.repo().resolve("models").resolve(MODEL);
		final Path sim = demo.samples().resolve("transfer/sim_heldout.h5"), real = demo.samples().resolve("transfer/real_heldout.h5");
		final Path image = demo.samples().resolve("msi/image.tif");
		if (!Files.isDirectory(model)) demo.skip("no model " + model);
		if (!Files.isRegularFile(sim) || !Files.isRegularFile(real)) demo.skip("no held-out tables in " + demo.samples().resolve("transfer"));
		try (TransferModel m = TransferModel.load(ModelFolder.load(model), demo.device())) {
			final TransferValidation.Report r;
			try (var progress = demo.progress("transfer: validate")) {
				r = TransferValidation.run(m, TableFiles.read(sim), TableFiles.read(real), new TransferValidation.Options(), progress);
			}
			demo.writeText("validation.txt", "validate-transfer figures of " + MODEL + " on sample-data/transfer",
				"innsight validate-transfer --model " + MODEL + " --source " + sim + " --target " + real + "\n" + String.join("\n", r.lines()) + "\n");
			demo.note(String.format(java.util.Locale.ROOT, "round trip %.1e; MMD %.3f -> %.3f; balanced accuracy raw %.3f, transferred %.3f, target-trained %.3f",
				r.roundTripMaxError(), r.mmdUntransferred(), r.mmdTransferred(), r.accuracyRaw(), r.accuracyTransferred(), r.accuracyTargetTrained()));
			if (Files.isRegularFile(image)) {
				final SpectralImage in = ImageFiles.openSpectral(image);
				final Outputs out;
				try (var progress = demo.progress("transfer: image")) {
					out = DomainTransfer.run(in, m, TransferRequest.defaults().with(TransferRequest.TO, "target"), progress);
				}
				for (final String w : out.warnings()) demo.note("warning: " + w);
				final ImagePlus imp = out.image(DomainTransfer.TRANSFERRED);
				imp.setTitle("msi_image_as_real");
				demo.write("msi_image_as_real.tif", "sample-data/msi/image.tif (simulation camera) as the real camera would see it (L2-normalised)", tmp -> {
					if (!new FileSaver(imp).saveAsTiff(tmp.toString())) throw new IOException("cannot write " + tmp);
				});
			}
		}
	}
}
