// InnSight: Mutex Watershed of a small membrane-like image, from affinities derived from the image itself.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/mws.ijm "out=[OUT_DIR]"
// Argument: out=[folder] to write cells_mws.tif into (created if missing). Needs no input.
out = option("out", "");
if (out == "") exit("usage: mws.ijm out=[folder to write into]");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("mws.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

// A 64x64 image of 4x4 square cells: membranes (value 1) on every 16th row and column, 0 inside.
newImage("cells", "32-bit black", 64, 64, 1);
for (y = 0; y < 64; y++)
	for (x = 0; x < 64; x++)
		if (x % 16 == 0 || y % 16 == 0) setPixel(x, y, 1);

// Membrane pixels have weak attraction everywhere; the size filter merges them into the cells.
run("Mutex Watershed", "image=cells source=[boundary map] attractive=0 meaning=same-object strides=1 sigma=0 min_size=20 randomize=false random_seed=0");
selectImage("cells_mws");
getStatistics(area, mean, min, max);
print("segments: " + max);
saveAs("Tiff", out + File.separator + "cells_mws.tif");
print("wrote " + out + File.separator + "cells_mws.tif");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
