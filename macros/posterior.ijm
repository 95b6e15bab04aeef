// InnSight: per-pixel posterior of tissue parameters of a multispectral image, and the posterior of one pixel.
// Runs unchanged in Fiji (Plugins > InnSight) and headless:
//   ./innsight macro macros/posterior.ijm "image=[/path/to/innsight/sample-data/msi/image.tif] out=[OUT_DIR]"
// Argument (keys as in ImageJ options): out=[folder to write into] (required);
//   image=[spectral TIFF] to open, else the active image;
//   model=NAME or folder (default: msi-tissue-16band); samples=N (default 100); x=.. y=.. pixel to inspect (default 40, 60).
out = option("out", "");
image = option("image", "");
model = option("model", "msi-tissue-16band");
samples = option("samples", "100");
x = option("x", "40");
y = option("y", "60");
if (out == "") exit("usage: posterior.ijm out=[folder to write into] image=[spectral TIFF] (without image=, the active image) model=.. samples=.. x=.. y=..");
if (image != "") {
	if (!File.exists(image)) exit("posterior.ijm: image=[" + image + "]: no such file");
	open(image);
}
else if (nImages == 0) exit("posterior.ijm: no image: give image=[spectral TIFF] or open one first");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("posterior.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");
title = getTitle();
base = resultBase(title);
run("Tissue Posterior Estimation", "image=[" + title + "] model=[" + model + "] samples=" + samples + " seed=1 statistics=[median,mean,IQR,modes] " +
	"mask=none exclude=none use_selection=true sample_stack=false saturation=auto threads=2 tile_size=64 accept_units=false device=cpu");
run("Posterior Pixel Inspector", "image=[" + title + "] model=[" + model + "] x=" + x + " y=" + y + " width=1 height=1 samples=1000 seed=1 device=cpu");

// every result is titled <image>_<parameter>_<statistic> (or _posterior for the inspector's plots): save them all
saved = 0;
n = nImages;
for (i = 1; i <= n; i++) {
	selectImage(i);
	t = getTitle();
	if (startsWith(t, base + "_")) {
		name = substring(t, lengthOf(base) + 1);
		if (endsWith(name, "_posterior")) saveAs("PNG", out + File.separator + name + ".png");
		else saveAs("Tiff", out + File.separator + name + ".tif");
		saved++;
	}
}
print("posterior of " + title + " with " + model + ": saved " + saved + " images to " + out);

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
