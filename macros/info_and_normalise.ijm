// InnSight: engine report, then L2 normalisation of a small spectral image.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/info_and_normalise.ijm "out=[OUT_DIR]"
// Argument: out=[folder] to write spectrum_normalised.tif into (created if missing). Needs no input.
out = option("out", "");
if (out == "") exit("usage: info_and_normalise.ijm out=[folder to write into]");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("info_and_normalise.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

run("Engine Info", "device=cpu");

// A 4x3 image with 3 channels (520, 560, 600 nm); pixel (x, y) in channel c holds (c+1)*(x+1) + y.
newImage("spectrum", "32-bit black", 4, 3, 3, 1, 1);
wavelengths = newArray("520nm", "560nm", "600nm");
for (c = 1; c <= 3; c++) {
	Stack.setChannel(c);
	setMetadata("Label", wavelengths[c - 1]);
	for (y = 0; y < 3; y++)
		for (x = 0; x < 4; x++)
			setPixel(x, y, c * (x + 1) + y);
}

run("Spectral Normalise", "image=spectrum norm=L2");
selectImage("spectrum_normalised");
saveAs("Tiff", out + File.separator + "spectrum_normalised.tif");
print("wrote " + out + File.separator + "spectrum_normalised.tif");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
