// InnSight DALSA: train a tumour classifier from sparse scribbles on the phantom, save it, apply it again.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/dalsa.ijm "out=[OUT_DIR]"
// Argument: out=[folder] to write into (created if missing): phantom.dalsa, truth.tif, labels.tif,
// probabilities.tif, applied_labels.tif. Needs no input: the phantom is generated.
out = option("out", "");
if (out == "") exit("usage: dalsa.ijm out=[folder to write into]");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("dalsa.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");
model = out + File.separator + "phantom.dalsa";

// The phantom: dalsa_phantom (T1, T1c, T2, FLAIR as channels), its ground truth and sparse scribbles.
run("DALSA Phantom", "seed=1 scribbles=0.005");
selectImage("dalsa_phantom_truth");
saveAs("Tiff", out + File.separator + "truth.tif");
close();

// Train on the unbiased scribbles (0.5% of the voxels) with importance weighting and segment the scan.
run("DALSA Segmentation", "scan=dalsa_phantom annotations=[label image] labels=dalsa_phantom_scribbles_unbiased " +
	"class_names=[1=healthy,2=oedema,3=enhancing,4=necrosis] weighting=on weighting_method=class weight_temper=0.5 weight_clip=10 modalities=[] trees=32 sigmas=1,2,4,8 seed=1 " +
	"classifier_file=[" + model + "] probability_maps=true structure_tensor=false weight_map=false");
selectImage("dalsa_phantom_dalsa_labels");
saveAs("Tiff", out + File.separator + "labels.tif");
close();
selectImage("dalsa_phantom_dalsa_probabilities");
saveAs("Tiff", out + File.separator + "probabilities.tif");
close();

// Reuse the saved classifier on the scan (on another scan of the same protocol in practice).
run("Apply DALSA Classifier", "scan=dalsa_phantom classifier=[" + model + "] modalities=[] probability_maps=false");
selectImage("dalsa_phantom_dalsa_labels");
saveAs("Tiff", out + File.separator + "applied_labels.tif");
print("wrote " + out);

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
