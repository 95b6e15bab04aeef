// InnSight: unsupervised domain transfer of a spectral image with the default transfer model
// (models/msi-sim2real-16band: simulations of the msi-16band camera <-> the "real" camera of sample-data/transfer).
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/transfer.ijm "out=[OUT_DIR]"
// Argument: out=[folder] to write real_transferred.tif (real -> simulation) and round_trip.tif (and back) into.
// Needs no input: the image is generated.
out = option("out", "");
if (out == "") exit("usage: transfer.ijm out=[folder to write into]");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("transfer.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

// An 8x8 image with 16 channels (500-800 nm): a tissue-like reflectance, dark in the haemoglobin bands and
// rising towards the red, a little brighter and redder from pixel to pixel.
newImage("real", "32-bit black", 8, 8, 16, 1, 1);
for (c = 1; c <= 16; c++) {
	lambda = 500 + 20 * (c - 1);
	Stack.setChannel(c);
	setMetadata("Label", "" + lambda + "nm");
	for (y = 0; y < 8; y++)
		for (x = 0; x < 8; x++)
			setPixel(x, y, 0.05 + 0.01 * y + (0.25 + 0.02 * x) / (1 + exp(-(lambda - 600) / 15)));
}

// real camera -> simulation domain (where simulation-trained models apply), then back again
run("Domain Transfer", "image=real model=msi-sim2real-16band direction=[target to source] device=cpu accept_units=false");
run("Domain Transfer", "image=real_transferred model=msi-sim2real-16band direction=[source to target] device=cpu accept_units=false");
selectImage("real_transferred");
saveAs("Tiff", out + File.separator + "real_transferred.tif");
selectImage("real_transferred_transferred");
saveAs("Tiff", out + File.separator + "round_trip.tif");
print("wrote " + out + File.separator + "real_transferred.tif and round_trip.tif");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
