package org.innsight.dalsa;

import java.util.Map;

import org.innsight.progress.ProgressListener;

/** Train on a scan's sparse annotations and segment the same scan: what the Fiji command does in one step. */
public final class DalsaWorkflow {

	public record Outcome(DalsaTrainer.Result training, DalsaSegmenter.Segmentation segmentation) {}

	private DalsaWorkflow() {}

	public static Outcome trainAndSegment(final MultiModalScan scan, final LabelVolume annotations, final Map<Integer, String> classNames,
		final TrainingOptions options, final boolean probabilities, final ProgressListener progress)
	{
		final boolean[] mask = IntensityNormalisation.foreground(scan);
		final DalsaTrainer.Result trained = DalsaTrainer.train(scan, annotations, mask, classNames, options, progress);
		final DalsaSegmenter.Segmentation segmentation = DalsaSegmenter.segment(trained.classifier(), scan, mask, probabilities,
			options.tileSize(), options.threads(), progress);
		return new Outcome(trained, segmentation);
	}

	/** Class names from "1=healthy,2=oedema" or a plain list "healthy,oedema" (labels 1, 2, ...); empty = none. */
	public static Map<Integer, String> parseClassNames(final String text) {
		final Map<Integer, String> names = new java.util.LinkedHashMap<>();
		if (text == null || text.isBlank()) return names;
		final String[] parts = text.split(",");
		for (int i = 0; i < parts.length; i++) {
			final String p = parts[i].trim();
			final int eq = p.indexOf('=');
			if (eq < 0) names.put(i + 1, p);
			else {
				try {
					names.put(Integer.parseInt(p.substring(0, eq).trim()), p.substring(eq + 1).trim());
				}
				catch (final NumberFormatException e) {
					throw new IllegalArgumentException("class names: '" + p + "' is not LABEL=NAME");
				}
			}
		}
		return names;
	}
}
