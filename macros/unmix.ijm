// InnSight: the classical baseline: sO2 and relative total haemoglobin of a reflectance image by linear spectral unmixing.
// Runs unchanged in Fiji (Plugins > InnSight) and headless:
//   ./innsight macro macros/unmix.ijm "image=[/path/to/innsight/sample-data/msi/image.tif] out=[OUT_DIR]"
// Argument (keys as in ImageJ options): out=[folder to write into] (required);
//   image=[reflectance TIFF] to open, else the active image; camera=NAME or camera JSON (default: msi-16band);
//   slope=true|false also fit a scattering slope (default: false).
out = option("out", "");
image = option("image", "");
camera = option("camera", "msi-16band");
fitSlope = option("slope", "false");
if (out == "") exit("usage: unmix.ijm out=[folder to write into] image=[reflectance TIFF] (without image=, the active image) camera=.. slope=..");
if (image != "") {
	if (!File.exists(image)) exit("unmix.ijm: image=[" + image + "]: no such file");
	open(image);
}
else if (nImages == 0) exit("unmix.ijm: no image: give image=[reflectance TIFF] or open one first");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("unmix.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");
title = getTitle();
base = resultBase(title);
run("Linear Unmixing (baseline)", "image=[" + title + "] camera=[" + camera + "] mask=none exclude=none use_selection=false slope=" + fitSlope +
	" saturation=auto accept_units=false");

// the results are titled <image>_sO2_unmixed and <image>_tHb_unmixed; NaN (not fitted) pixels are left out of the statistics
selectImage(base + "_sO2_unmixed");
getStatistics(area, mean, min, max);
saveAs("Tiff", out + File.separator + "sO2_unmixed.tif");
selectImage(base + "_tHb_unmixed");
saveAs("Tiff", out + File.separator + "tHb_unmixed.tif");
print("unmixing of " + title + " with camera " + camera + ": mean sO2 " + d2s(mean, 4) + "; saved sO2_unmixed.tif and tHb_unmixed.tif to " + out);

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
