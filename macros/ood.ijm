// InnSight: out-of-distribution map of a multispectral image with the default OOD model.
// Runs unchanged in Fiji (Plugins > InnSight) and headless:
//   ./innsight macro macros/ood.ijm "image=[/path/to/innsight/sample-data/msi/image.tif] out=[OUT_DIR]"
// Argument: out=[folder] to write ood_score.tif and ood_mask.tif into (created if missing);
//   image=[raw 16-band TIFF] to open, else the active image.
out = option("out", "");
image = option("image", "");
if (out == "") exit("usage: ood.ijm out=[folder to write into] image=[raw 16-band TIFF] (without image=, the active image)");
if (image != "") {
	if (!File.exists(image)) exit("ood.ijm: image=[" + image + "]: no such file");
	open(image);
}
else if (nImages == 0) exit("ood.ijm: no image: give image=[raw 16-band TIFF] or open one first");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("ood.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

title = getTitle();
base = resultBase(title);

run("Out-of-Distribution Map", "image=[" + title + "] model=msi-ood-16band device=cpu spread=false accept_units=false");

selectImage(base + "_ood_score");
saveAs("Tiff", out + File.separator + "ood_score.tif");
selectImage(base + "_ood_mask");
getHistogram(values, counts, 256);
print("out of distribution: " + counts[255] + " of " + (getWidth() * getHeight()) + " pixels");
saveAs("Tiff", out + File.separator + "ood_mask.tif");
print("wrote " + out + File.separator + "ood_score.tif and ood_mask.tif");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}

// The name InnSight gives results of an image: its title without the file extension (as image/DerivedImages).
function resultBase(title) {
	if (endsWith(toLowerCase(title), ".nii.gz")) return substring(title, 0, lengthOf(title) - 7);
	dot = lastIndexOf(title, ".");
	if (dot > 0 && lengthOf(title) - dot <= 5) return substring(title, 0, dot);
	return title;
}
