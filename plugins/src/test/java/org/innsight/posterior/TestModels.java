package org.innsight.posterior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.engine.ModelCard;
import org.innsight.inn.InnArchitecture;
import org.innsight.inn.InnModel;
import org.innsight.inn.InvertibleNetwork;
import org.innsight.inn.Param;

import ai.djl.ndarray.NDManager;

/** Small posterior model folders for tests: an untrained network with random weights, so outputs depend on the observation. */
public final class TestModels {

	private TestModels() {}

	/**
	 * A model of sO2 (in [0, 1]) and depth (unbounded, m) from 3 bands at 500, 600, 700 nm, with the given
	 * per-spectrum normalisation, saved to {@code dir}.
	 */
	public static Path randomModel(final Path dir, final String normalisation, final String kind) throws IOException {
		return randomModel(dir, normalisation, kind, new double[] { 500, 600, 700 });
	}

	/** The same for bands at {@code nm}. */
	public static Path randomModel(final Path dir, final String normalisation, final String kind, final double[] nm) throws IOException {
		final InnArchitecture arch = InnArchitecture.forTargets(2, nm.length);
		arch.blocks = 2;
		arch.subnetWidth = 16;
		arch.conditionWidth = 16;
		arch.conditionFeatures = 8;
		arch.ranges = new double[][] { { 0, 1 }, null };
		try (NDManager m = Engines.newManager(Device.parse("cpu")); InvertibleNetwork net = InvertibleNetwork.create(arch, m)) {
			final Map<String, float[]> w = net.parameters().snapshot();
			final SplittableRandom rng = new SplittableRandom(5);
			for (final Param p : net.parameters().all())
				if (p.trainable()) {
					final float[] v = w.get(p.name());
					for (int i = 0; i < v.length; i++) v[i] = (float) (0.3 * rng.nextGaussian());
				}
			net.parameters().restore(w, "test weights");
			final ModelCard card = new ModelCard();
			card.name = dir.getFileName().toString();
			card.kind = kind;
			card.version = "1";
			card.inputs.names = new java.util.ArrayList<>();
			for (int i = 0; i < nm.length; i++) card.inputs.names.add("band_" + i);
			card.inputs.wavelengthsNm = nm.clone();
			card.outputs.add(ModelCard.Output.of("sO2", "1", null));
			card.outputs.add(ModelCard.Output.of("depth", "m", null));
			card.training.command = "TestModels.randomModel";
			card.training.seed = 5L;
			card.training.dataSha256 = ModelCard.UNKNOWN_SHA256;
			card.details.addProperty("spectrum_normalisation", normalisation);
			InnModel.of(net, card).save(dir, false);
		}
		return dir;
	}
}
