// InnSight: unsupervised domain transfer of a spectral image with the default transfer model
// (models/msi-sim2real-16band: simulations of the msi-16band camera <-> the "real" camera of sample-data/transfer).
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/transfer.ijm OUT_DIR
// Argument: the folder to write real_transferred.tif (real -> simulation) and round_trip.tif (and back) into.
out = getArgument();
if (out == "") exit("usage: give an output folder as the macro's argument");
File.makeDirectory(out);

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
run("Domain Transfer", "image=real model=msi-sim2real-16band direction=[target to source] device=cpu");
run("Domain Transfer", "image=real_transferred model=msi-sim2real-16band direction=[source to target] device=cpu");
selectImage("real_transferred");
saveAs("Tiff", out + File.separator + "real_transferred.tif");
selectImage("real_transferred_transferred");
saveAs("Tiff", out + File.separator + "round_trip.tif");
print("wrote " + out + File.separator + "real_transferred.tif and round_trip.tif");
