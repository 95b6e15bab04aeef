// Fiji virtual stacks as posterior inputs (docs/big-images.md "Fiji virtual stacks"): saves the planes of the MSI
// sample as an image sequence (one TIFF per band, named by wavelength), opens the folder as a virtual stack (File >
// Import > Image Sequence, "Use virtual stack"), runs Tissue Posterior Estimation on it and on the sample loaded
// whole over the same selection, and prints the largest difference of their sO2 median maps (0: the same maps).
// Run from the repository root:  ./innsight macro --device cpu scripts/virtual-stack-check.ijm /tmp/planes
dir = getArgument();
if (dir == "") exit("usage: virtual-stack-check.ijm FOLDER (a new folder for the planes, in an existing one)");
if (!endsWith(dir, File.separator)) dir = dir + File.separator;
File.makeDirectory(dir);
open("sample-data/msi/image.tif");
whole = getTitle();
for (i = 1; i <= nSlices; i++) {
	selectImage(whole);
	setSlice(i);
	label = getInfo("slice.label");
	w = getWidth(); h = getHeight(); b = bitDepth();
	run("Copy");
	newImage("plane", b + "-bit black", w, h, 1);
	run("Paste");
	saveAs("Tiff", dir + IJ.pad(i, 2) + "-" + label + ".tif");
	close();
}
File.openSequence(dir, " virtual");
sequence = getTitle();
print("virtual stack: " + is("Virtual Stack") + ", " + nSlices + " planes, first labelled " + getInfo("slice.label"));
maps = newArray(2);
images = newArray(sequence, whole);
for (k = 0; k < 2; k++) {
	selectImage(images[k]);
	makeRectangle(40, 50, 24, 20);
	run("Tissue Posterior Estimation", "image=[" + images[k] + "] model=[msi-tissue-16band] samples=16 seed=1 statistics=[median,IQR] " +
		"mask=none exclude=none use_selection=true sample_stack=false saturation=auto threads=2 tile_size=64 accept_units=false device=cpu");
	for (i = 1; i <= nImages; i++) {
		selectImage(i);
		if (getTitle() == File.getNameWithoutExtension(images[k]) + "_sO2_median") maps[k] = getTitle();
	}
}
imageCalculator("Difference create 32-bit", maps[0], maps[1]);
getStatistics(area, mean, min, max);
selectImage(maps[0]);
getStatistics(area, meanVirtual);
print("sO2 median, mean over the map: " + d2s(meanVirtual, 9) + "; largest difference virtual vs whole: " + max);
