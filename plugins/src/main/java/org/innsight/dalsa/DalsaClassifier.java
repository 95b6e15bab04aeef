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

	/**
	 * Matches the names of a scan's modalities against this classifier's, in order, and refuses a mismatch with the
	 * order expected. Names {@code given} by the user (e.g. {@code --modalities}) must be the classifier's names
	 * (case aside) in its order. Names from files or channels (e.g. {@code BraTS_001_t1ce.nii.gz}) match modality m when
	 * one of their words (split at anything but letters and digits) or the whole name is m; a name that matches another
	 * modality than the one expected at its place is refused, a name that matches none is accepted and reported.
	 *
	 * @param names the scan's modality names, in the scan's order
	 * @param given true: the user typed these names; false: they come from file or channel names
	 * @return notes for the user (names that could not be checked); empty when every name matched
	 */
	public List<String> checkModalities(final List<String> names, final boolean given) {
		final String expected = "the classifier expects " + modalities.size() + " modalities in the order " + modalities;
		if (names.size() != modalities.size())
			throw new IllegalArgumentException("the scan has " + names.size() + (names.size() == 1 ? " modality " : " modalities ") + names + " but " + expected);
		final List<String> unknown = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			final String name = names.get(i);
			if (given) {
				if (!name.trim().equalsIgnoreCase(modalities.get(i).trim()))
					throw new IllegalArgumentException("modality " + (i + 1) + " is named '" + name + "' but " + expected + " (named " + names + ")");
				continue;
			}
			if (namesModality(name, modalities.get(i))) continue;
			for (int j = 0; j < modalities.size(); j++)
				if (j != i && namesModality(name, modalities.get(j)))
					throw new IllegalArgumentException("modality " + (i + 1) + " of the scan, '" + name + "', looks like '" + modalities.get(j) + "' but " +
						expected + "; give the inputs in this order (or name them with --modalities)");
			unknown.add(name);
		}
		if (unknown.isEmpty()) return List.of();
		return List.of("modality names " + unknown + " match none of the classifier's " + modalities + "; assuming the scan's modalities are in that order");
	}

	/** Whether a file or channel name names modality {@code modality}: the whole name, or one of its words. */
	public static boolean namesModality(final String name, final String modality) {
		final String n = name.trim().toLowerCase(java.util.Locale.ROOT), m = modality.trim().toLowerCase(java.util.Locale.ROOT);
		if (n.equals(m)) return true;
		for (final String word : n.split("[^a-z0-9]+")) if (word.equals(m)) return true;
		return false;
	}
}
