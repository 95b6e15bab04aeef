package org.innsight.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.innsight.engine.Device;
import org.innsight.engine.Engines;
import org.innsight.inn.InnTrainer;
import org.innsight.inn.InvertibleNetwork;
import org.innsight.inn.TrainingData;
import org.innsight.progress.ProgressListener;

import ai.djl.ndarray.NDManager;

/**
 * Trains a {@link TransferModel} on unpaired spectra of two domains: each domain normalised with its own
 * statistics, then one conditional INN fitted by maximum likelihood on the rows of both (the negative
 * log-likelihood summed over the domains, each row conditioned on its domain's label-smoothed one-hot). No
 * pairs, no labels needed; tissue classes only when the caller wants them in the condition.
 * <p>
 * With {@link TransferSettings#adversarial} &gt; 0 the adversarial term of Dreher et al. is added through the
 * trainer's extra-loss hook: least-squares GAN discriminators, one per domain, on transferred rows
 * ({@link AdversarialTerm}); they exist only during training.
 */
public final class TransferTrainer {

	/** The trained model and what training did. */
	/**
	 * @param adversarialLosses with the adversarial term: its last epoch's mean generator term and mean discriminator
	 *                          loss (least squares; 0.25 each when the discriminators cannot tell the domains apart); else null
	 */
	public record Trained(TransferModel model, InnTrainer.Result result, int sourceRows, int targetRows, int droppedRows, double[] adversarialLosses) {}

	private final TransferSettings settings;

	public TransferTrainer(final TransferSettings settings) {
		this.settings = settings.validate();
	}

	/**
	 * @param sourceClasses / targetClasses tissue class per spectrum (0..classes-1) to condition on, or both null
	 * @param classes number of tissue classes (0 without classes)
	 */
	public Trained train(final Spectra source, final Spectra target, final int[] sourceClasses, final int[] targetClasses, final int classes,
		final String classColumn, final Device device, final ProgressListener progress, final InnTrainer.EpochListener epochs,
		final AtomicBoolean stop)
	{
		if (source.bands() != target.bands())
			throw new IllegalArgumentException("the domains have different band counts: " + source.bands() + " in " + source.source() + ", " +
				target.bands() + " in " + target.source() + "; the transfer maps spectra of equal length");
		if ((sourceClasses == null) != (targetClasses == null) || (classes > 0) != (sourceClasses != null))
			throw new IllegalArgumentException("tissue classes must be given for both domains or for neither");
		final DomainConditions conditions = new DomainConditions(classes, settings.smoothing);
		final DomainNormalisation sourceNorm = DomainNormalisation.fit(source), targetNorm = DomainNormalisation.fit(target);
		final List<float[]> rows = new ArrayList<>();
		final List<float[]> conds = new ArrayList<>();
		final int[] usable = new int[2];
		int dropped = 0;
		final SplittableRandom rng = new SplittableRandom(settings.seed ^ 0x7A3DL);
		final Spectra[] domains = { source, target };
		final int[][] domainClasses = { sourceClasses, targetClasses };
		final DomainNormalisation[] norms = { sourceNorm, targetNorm };
		final List<List<float[]>> perDomainRows = new ArrayList<>(), perDomainConds = new ArrayList<>();
		for (int d = 0; d < 2; d++) {
			final Spectra s = domains[d];
			if (domainClasses[d] != null && domainClasses[d].length != s.rows())
				throw new IllegalArgumentException(s.source() + ": " + s.rows() + " spectra but " + domainClasses[d].length + " tissue classes");
			final float[] x = s.values().clone();
			final boolean[] ok = norms[d].apply(x, s.rows());
			final List<float[]> r = new ArrayList<>(), c = new ArrayList<>();
			for (int i = 0; i < s.rows(); i++) {
				if (!ok[i]) {
					dropped++;
					continue;
				}
				r.add(java.util.Arrays.copyOfRange(x, i * s.bands(), (i + 1) * s.bands()));
				final float[] cond = new float[conditions.columns()];
				conditions.hard(d, classes == 0 ? 0 : domainClasses[d][i], cond, 0);
				c.add(cond);
			}
			if (r.size() < 2) throw new IllegalArgumentException(s.source() + ": fewer than 2 usable spectra");
			usable[d] = r.size();
			perDomainRows.add(r);
			perDomainConds.add(c);
		}
		final int larger = Math.max(usable[0], usable[1]);
		for (int d = 0; d < 2; d++) {
			final List<float[]> r = perDomainRows.get(d), c = perDomainConds.get(d);
			rows.addAll(r);
			conds.addAll(c);
			// oversampling the smaller domain makes the summed likelihood weigh both domains equally
			if (settings.balanceDomains) for (int k = r.size(); k < larger; k++) {
				final int i = rng.nextInt(r.size());
				rows.add(r.get(i));
				conds.add(c.get(i));
			}
		}
		final TrainingData data = new TrainingData(rows.toArray(float[][]::new), conds.toArray(float[][]::new))
			.withNoise(conditions.smoothingNoise());
		final NDManager root = Engines.newManager(device);
		try {
			final InvertibleNetwork net = InvertibleNetwork.create(settings.architecture(source.bands(), conditions.columns()), root);
			final InnTrainer.Result result;
			double[] adversarialLosses = null;
			if (settings.adversarial > 0) {
				try (AdversarialTerm term = new AdversarialTerm(root, source.bands(), conditions.columns(), settings.learningRate, settings.seed)) {
					final double[][] last = new double[1][];
					final InnTrainer.EpochListener listen = e -> {
						last[0] = term.drainMeans();
						if (epochs != null) epochs.epochDone(e);
					};
					result = new InnTrainer(settings.trainingOptions(), term, settings.adversarial).train(net, data,
						progress == null ? ProgressListener.NONE : progress, listen, stop);
					adversarialLosses = last[0];
				}
			}
			else result = new InnTrainer(settings.trainingOptions()).train(net, data, progress == null ? ProgressListener.NONE : progress, epochs, stop);
			final TransferModel model = TransferModel.trained(net, root, sourceNorm, targetNorm, conditions, classColumn,
				source.wavelengthsNm(), target.wavelengthsNm(), source.source(), target.source());
			return new Trained(model, result, usable[0], usable[1], dropped, adversarialLosses);
		}
		catch (final RuntimeException e) {
			root.close();
			throw e;
		}
	}
}
