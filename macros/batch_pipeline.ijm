// InnSight: export a batch pipeline from Fiji and run it over a folder, as innsight batch does on servers.
// Builds pipeline.json with Add Pipeline Step (OOD map, then the tissue posterior of the trusted pixels), then
// runs it with Run Pipeline on Folder: per-scan isolation (a broken file is reported, the rest go on),
// manifests, resuming (a second run skips finished scans), report.html and summary.csv in the output folder.
// The exported pipeline.json runs unchanged with: ./innsight batch --pipeline pipeline.json --in SCANS --out OUT
// Runs unchanged in Fiji and headless: ./innsight macro macros/batch_pipeline.ijm "in=[SCANS] out=[OUT_DIR]"
// Argument: in=[folder of scans] (required), out=[folder] (required), samples=N posterior samples per pixel
//   (default 50), jobs=N scans at once (default 1). InnSight's sample scans: in=[/path/to/innsight/sample-data/msi].
in = option("in", "");
out = option("out", "");
samples = option("samples", "50");
jobs = option("jobs", "1");
if (in == "" || out == "") exit("usage: batch_pipeline.ijm in=[folder of scans] out=[folder to write into] samples=N jobs=N");
if (!File.isDirectory(in)) exit("batch_pipeline.ijm: in=[" + in + "] is not a folder");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("batch_pipeline.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");
pipeline = out + File.separator + "pipeline.json";

run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=check options=[{dimensions: 3, bands: 16}] start_new=true description=[OOD map and sO2 posterior of trusted pixels]");
run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=ood options=[{model: 'msi-ood-16band'}] from=input");
run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=posterior options=[{model: 'msi-tissue-16band', samples: " + samples + ", statistics: ['median', 'IQR'], exclude: 'ood_mask'}] from=input");
run("Run Pipeline on Folder", "pipeline=[" + pipeline + "] input=[" + in + "] output=[" + out + File.separator + "results] glob=[*.tif] jobs=" + jobs + " force=false device=cpu");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
