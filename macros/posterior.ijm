// InnSight: per-pixel posterior of tissue parameters of a multispectral image, and the posterior of one pixel.
// Runs unchanged in Fiji (Plugins > InnSight) and headless: ./innsight macro macros/posterior.ijm "out=[OUT_DIR]"
// Argument (keys as in ImageJ options): out=[folder to write into] (required);
//   image=[spectral TIFF] (default: sample-data/msi/image.tif of the InnSight checkout);
//   model=NAME or folder (default: msi-tissue-16band); samples=N (default 100); x=.. y=.. pixel to inspect (default 40, 60).
arg = getArgument();
out = call("ij.Macro.getValue", arg, "out", "");
if (out == "") exit("usage: give out=[folder] as the macro's argument");
image = call("ij.Macro.getValue", arg, "image", "");
if (image == "") image = getInfo("innsight.repo") + File.separator + "sample-data" + File.separator + "msi" + File.separator + "image.tif";
model = call("ij.Macro.getValue", arg, "model", "msi-tissue-16band");
samples = call("ij.Macro.getValue", arg, "samples", "100");
x = call("ij.Macro.getValue", arg, "x", "40");
y = call("ij.Macro.getValue", arg, "y", "60");
File.makeDirectory(out);

open(image);
title = getTitle();
base = File.nameWithoutExtension;
run("Tissue Posterior Estimation", "image=[" + title + "] model=[" + model + "] samples=" + samples + " seed=1 statistics=[median,mean,IQR,modes]");
run("Posterior Pixel Inspector", "image=[" + title + "] model=[" + model + "] x=" + x + " y=" + y + " samples=1000 seed=1");

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
