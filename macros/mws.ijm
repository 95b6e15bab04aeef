// InnSight: Mutex Watershed of a small membrane-like image, from affinities derived from the image itself.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/mws.ijm OUT_DIR
// Argument: the folder to write cells_mws.tif into (created if missing).
out = getArgument();
if (out == "") exit("usage: give an output folder as the macro's argument");
File.makeDirectory(out);

// A 64x64 image of 4x4 square cells: membranes (value 1) on every 16th row and column, 0 inside.
newImage("cells", "32-bit black", 64, 64, 1);
for (y = 0; y < 64; y++)
	for (x = 0; x < 64; x++)
		if (x % 16 == 0 || y % 16 == 0) setPixel(x, y, 1);

// Membrane pixels have weak attraction everywhere; the size filter merges them into the cells.
run("Mutex Watershed", "image=cells source=[boundary map] attractive=0 meaning=same-object strides=1 sigma=0 min_size=20");
selectImage("cells_mws");
getStatistics(area, mean, min, max);
print("segments: " + max);
saveAs("Tiff", out + File.separator + "cells_mws.tif");
print("wrote " + out + File.separator + "cells_mws.tif");
