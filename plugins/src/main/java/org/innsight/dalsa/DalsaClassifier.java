package org.innsight.dalsa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innsight.dalsa.features.FeatureSettings;
import org.innsight.forest.RandomForest;

/**
 * A trained DALSA voxel classifier: everything needed to segment another scan of the same protocol. The
 * modalities (in order), the feature settings and the per-scan z-score normalisation are part of the model; the
 * forest maps feature vectors to probabilities of the classes, which are label values 1..255 with names.
 */
public final class DalsaClassifier {

	private final List<String> modalities;
	private final FeatureSettings features;
	private final int[] classLabels;
	private final List<String> classNames;
	private final RandomForest forest;
	private final Map<String, String> provenance;

	public DalsaClassifier(final List<String> modalities, final FeatureSettings features, final int[] classLabels,
		final List<String> classNames, final RandomForest forest, final Map<String, String> provenance)
	{
		if (classLabels.length != classNames.size()) throw new IllegalArgumentException(classLabels.length + " class labels but " + classNames.size() + " names");
		if (forest.classCount() != classLabels.length) throw new IllegalArgumentException("forest has " + forest.classCount() + " classes, model lists " + classLabels.length);
		final int expected = modalities.size() * features.featuresPerModality();
		if (forest.featureCount() != expected) throw new IllegalArgumentException("forest uses " + forest.featureCount() + " features, settings give " + expected);
		for (int c = 0; c < classLabels.length; c++) {
			if (classLabels[c] < 1 || classLabels[c] > 255) throw new IllegalArgumentException("class label " + classLabels[c] + " outside 1..255");
			if (c > 0 && classLabels[c] <= classLabels[c - 1]) throw new IllegalArgumentException("class labels must increase");
		}
		this.modalities = Collections.unmodifiableList(new ArrayList<>(modalities));
		this.features = features;
		this.classLabels = classLabels.clone();
		this.classNames = Collections.unmodifiableList(new ArrayList<>(classNames));
		this.forest = forest;
		this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
	}

	public List<String> modalities() {
		return modalities;
	}

	public FeatureSettings features() {
		return features;
	}

	public int classCount() {
		return classLabels.length;
	}

	/** Label value (1..255) of class index c. */
	public int classLabel(final int c) {
		return classLabels[c];
	}

	public int[] classLabels() {
		return classLabels.clone();
	}

	public List<String> classNames() {
		return classNames;
	}

	public RandomForest forest() {
		return forest;
	}

	/** How the model was trained (weighting, sample counts, seed, ...), as shown to users. */
	public Map<String, String> provenance() {
		return provenance;
	}

	/** Throws a clear error unless {@code scan} has the modalities this classifier was trained on. */
	public void requireCompatible(final MultiModalScan scan) {
		if (scan.modalityCount() != modalities.size())
			throw new IllegalArgumentException("the classifier needs " + modalities.size() + " modalities " + modalities + " but the scan has " +
				scan.modalityCount() + " " + scan.names());
	}
}
