// InnSight: the classic ImageJ batch loop over a folder of multispectral scans.
// Every key of every command is given, so Fiji's remembered dialog values never change what it does.
// For every TIFF in the folder: out-of-distribution map, then the tissue posterior of the pixels the OOD model
// trusts; saves <scan>_ood_mask.tif and <scan>_sO2_median.tif and one row per scan in batch_summary.csv.
// A file that is not a 16-band spectral image is skipped with a message, and the loop goes on.
// Runs unchanged in Fiji and headless: ./innsight macro macros/batch.ijm "in=[SCANS] out=[OUT_DIR]"
// Argument: in=[folder of scans] (required), out=[folder to write into] (required, must differ from in),
//   samples=N posterior samples per pixel (default 50). InnSight's sample scans: in=[/path/to/innsight/sample-data/msi].
// For big cohorts on servers prefer Plugins > InnSight > Batch > Run Pipeline on Folder (see batch_pipeline.ijm):
// it adds per-scan isolation of any error, resuming, parallel jobs and a report.
in = option("in", "");
out = option("out", "");
samples = option("samples", "50");
if (in == "" || out == "") exit("usage: batch.ijm in=[folder of scans] out=[folder to write into] samples=N");
if (!File.isDirectory(in)) exit("batch.ijm: in=[" + in + "] is not a folder");
if (File.getName(in) == File.getName(out) && File.getParent(in) == File.getParent(out)) exit("batch.ijm: out must not be the scan folder " + in);
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("batch.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");
setBatchMode(true);

files = getFileList(in);
Array.sort(files);
run("Clear Results");
done = 0;
skipped = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	if (!(endsWith(name, ".tif") || endsWith(name, ".tiff")) || startsWith(name, ".")) continue;
	open(in + File.separator + name);
	title = getTitle();
	base = File.nameWithoutExtension;
	getDimensions(width, height, channels, slices, frames);
	bands = maxOf(channels, slices);
	if (bands != 16 || frames != 1 || minOf(channels, slices) != 1) {
		print("skipped " + name + ": " + channels + " channels, " + slices + " slices, " + frames + " frames; expected a 16-band spectral image");
		skipped++;
		close("*");
		continue;
	}
	run("Out-of-Distribution Map", "image=[" + title + "] model=msi-ood-16band device=cpu spread=false accept_units=false");
	selectImage(base + "_ood_mask");
	getHistogram(values, counts, 256);
	oodPixels = counts[255];
	oodFraction = oodPixels / (getWidth() * getHeight());
	saveAs("Tiff", out + File.separator + base + "_ood_mask.tif");
	rename(base + "_ood_mask");
	run("Tissue Posterior Estimation", "image=[" + title + "] model=msi-tissue-16band samples=" + samples + " seed=1 statistics=[median] mask=none exclude=[" + base + "_ood_mask] use_selection=false sample_stack=false saturation=auto threads=2 tile_size=64 accept_units=false device=cpu");
	selectImage(base + "_sO2_median");
	medianSO2 = getValue("Median"); // NaN pixels (excluded, not estimated) do not count
	saveAs("Tiff", out + File.separator + base + "_sO2_median.tif");
	row = nResults;
	setResult("file", row, name);
	setResult("pixels", row, getWidth() * getHeight());
	setResult("ood_pixels", row, oodPixels);
	setResult("median_sO2", row, d2s(medianSO2, 6)); // as text: the table would keep 3 decimals
	print(name + ": " + d2s(100 * oodFraction, 2) + "% out of distribution, median sO2 " + d2s(medianSO2, 4));
	done++;
	close("*");
}
saveAs("Results", out + File.separator + "batch_summary.csv");
print("batch: " + done + " scans done, " + skipped + " skipped; summary in " + out + File.separator + "batch_summary.csv");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
