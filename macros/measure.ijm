// InnSight: the analyst's workflow: OOD and posterior maps of a 16-band scan, measured per region into the Results table.
// Runs unchanged in Fiji (Plugins > InnSight) and headless:
//   ./innsight macro macros/measure.ijm "image=[/path/to/innsight/sample-data/msi/image.tif] out=[OUT_DIR]"
// Argument: out=[folder] to write measurements.csv into (created if missing); image=[raw 16-band TIFF] to open, else the
//   active image; samples=N posterior samples per pixel (32; all are kept, so the region posteriors pool them).
// Regions: first a label image (1 = left half, 2 = the box around the sample's instrument), then three named ROIs on
// the sO2 median map's overlay (the ROI Manager works the same in Fiji); both sets of rows go into one Results table.
out = option("out", "");
image = option("image", "");
samples = option("samples", "32");
if (out == "") exit("usage: measure.ijm out=[folder to write into] image=[raw 16-band TIFF] samples=N (without image=, the active image)");
if (image != "") {
	if (!File.exists(image)) exit("measure.ijm: image=[" + image + "]: no such file");
	open(image);
}
else if (nImages == 0) exit("measure.ijm: no image: give image=[raw 16-band TIFF] or open one first");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("measure.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

title = getTitle();
base = resultBase(title);
w = getWidth();
h = getHeight();
run("Clear Results");

run("Out-of-Distribution Map", "image=[" + title + "] model=msi-ood-16band device=cpu spread=false");
run("Tissue Posterior Estimation", "image=[" + title + "] model=msi-tissue-16band samples=" + samples + " seed=1 statistics=[median,IQR,modes] " +
	"mask=none exclude=[" + base + "_ood_mask] use_selection=false sample_stack=true saturation=auto threads=2 tile_size=64 device=cpu");

// regions from a label image
newImage("regions", "8-bit black", w, h, 1);
setColor(1);
fillRect(0, 0, w / 2, h);
setColor(2);
fillRect(74, 27, 54, 52);
run("Measure Regions", "map=[" + base + "_sO2_median] regions=[label image] labels=regions truth=none label_kind=auto interval=0.9 " +
	"per_slice=false class_names=[]");

// regions from named ROIs (they may overlap: the instrument box lies in the right half)
selectImage(base + "_sO2_median");
addRoi("tissue", 0, 0, w / 2, h);
addRoi("right half", w / 2, 0, w - w / 2, h);
addRoi("instrument box", 74, 27, 54, 52);
run("Measure Regions", "map=[" + base + "_sO2_median] regions=[ROI Manager or overlay] labels=none truth=none label_kind=auto " +
	"interval=0.9 per_slice=false class_names=[]");

saveAs("Results", out + File.separator + "measurements.csv");
for (i = 0; i < nResults; i++)
	print(getResultString("region", i) + ": sO2 " + d2s(getResult("sO2_median", i), 3) + " [" + d2s(getResult("sO2_ci90_low", i), 3) + ", " +
		d2s(getResult("sO2_ci90_high", i), 3) + "], OOD " + d2s(100 * getResult("ood_flagged_share", i), 1) + "%, excluded " +
		d2s(100 * getResult("excluded_share", i), 1) + "%");
print("wrote " + out + File.separator + "measurements.csv (" + nResults + " rows)");

// A named rectangle on the active image's overlay.
function addRoi(name, x, y, width, height) {
	makeRectangle(x, y, width, height);
	Roi.setName(name);
	Overlay.addSelection;
	run("Select None");
}

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
