// InnSight: export a batch pipeline from Fiji and run it over a folder, as innsight batch does on servers.
// Builds pipeline.json with Add Pipeline Step (OOD map, then the tissue posterior of the trusted pixels), then
// runs it with Run Pipeline on Folder: per-scan isolation (a broken file is reported, the rest go on),
// manifests, resuming (a second run skips finished scans), report.html and summary.csv in the output folder.
// The exported pipeline.json runs unchanged with: ./innsight batch --pipeline pipeline.json --in SCANS --out OUT
// Runs unchanged in Fiji and headless: ./innsight macro macros/batch_pipeline.ijm "in=[SCANS] out=[OUT_DIR]"
// Argument: in=[folder of scans] (default: sample-data/msi of the InnSight checkout), out=[folder] (required),
//   samples=N posterior samples per pixel (default 50), jobs=N scans at once (default 1).
arg = getArgument();
in = call("ij.Macro.getValue", arg, "in", "");
if (in == "") in = getInfo("innsight.repo") + File.separator + "sample-data" + File.separator + "msi";
out = call("ij.Macro.getValue", arg, "out", "");
samples = call("ij.Macro.getValue", arg, "samples", "50");
jobs = call("ij.Macro.getValue", arg, "jobs", "1");
if (out == "") exit("usage: give out=[folder] (and in=[folder of scans]) as the macro's argument");
File.makeDirectory(out);
pipeline = out + File.separator + "pipeline.json";

run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=check options=[{dimensions: 3, bands: 16}] start_new description=[OOD map and sO2 posterior of trusted pixels]");
run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=ood options=[{model: 'msi-ood-16band'}] from=input");
run("Add Pipeline Step", "pipeline=[" + pipeline + "] step=posterior options=[{model: 'msi-tissue-16band', samples: " + samples + ", statistics: ['median', 'IQR'], exclude: 'ood_mask'}] from=input");
run("Run Pipeline on Folder", "pipeline=[" + pipeline + "] input=[" + in + "] output=[" + out + File.separator + "results] glob=[*.tif] jobs=" + jobs + " device=cpu");
