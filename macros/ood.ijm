// InnSight: out-of-distribution map of a multispectral image with the default OOD model.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/ood.ijm OUT_DIR
// Argument: the folder to write ood_score.tif and ood_mask.tif into (created if missing).
// Image: the active image if one is open, else sample-data/msi/image.tif of the InnSight checkout.
out = getArgument();
if (out == "") exit("usage: give an output folder as the macro's argument");
File.makeDirectory(out);

if (nImages == 0) {
	repo = call("java.lang.System.getProperty", "innsight.repo");
	if (repo == "") exit("open a spectral image first (or run through ./innsight macro, which knows the sample data)");
	open(repo + File.separator + "sample-data" + File.separator + "msi" + File.separator + "image.tif");
}
title = getTitle();
base = title;
if (endsWith(base, ".tif")) base = substring(base, 0, lengthOf(base) - 4);

run("Out-of-Distribution Map", "image=[" + title + "] model=msi-ood-16band device=cpu");

selectImage(base + "_ood_score");
saveAs("Tiff", out + File.separator + "ood_score.tif");
selectImage(base + "_ood_mask");
getHistogram(values, counts, 256);
print("out of distribution: " + counts[255] + " of " + (getWidth() * getHeight()) + " pixels");
saveAs("Tiff", out + File.separator + "ood_mask.tif");
print("wrote " + out + File.separator + "ood_score.tif and ood_mask.tif");
