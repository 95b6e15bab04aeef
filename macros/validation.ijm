// InnSight: validation inside Fiji. Validates the default posterior model on held-out simulations (calibration, SBC
// rank ECDF, z-score vs contraction, re-simulation error), trains a tiny OOD model and draws its ROC against a second
// domain. The plots stay open as images; the figures go into the Results table and are saved as CSV.
// Runs unchanged in Fiji (Plugins > InnSight) and headless:
//   ./innsight macro macros/validation.ijm "table=[$PWD/sample-data/transfer/sim_heldout.h5] ood_table=[$PWD/sample-data/transfer/real_heldout.h5] out=[OUT_DIR]"
// Arguments: out=[folder] to write into (created if missing): posterior_validation.csv, ood_validation.csv and the
//   OOD model folder ood-model/; table=[held-out simulations with true parameters, 16 bands of msi-16band];
//   ood_table=[spectra of another domain]. The OOD model here is a smoke run (2 members, 2 epochs, trained on the same
//   table it is validated on): real figures need a model trained on other rows (see docs/validation.md).
out = option("out", "");
table = option("table", "");
oodTable = option("ood_table", "");
if (out == "" || table == "" || oodTable == "")
	exit("usage: validation.ijm out=[folder to write into] table=[held-out simulation table] ood_table=[out-of-distribution table]");
if (!File.exists(table)) exit("validation.ijm: table=[" + table + "]: no such file");
if (!File.exists(oodTable)) exit("validation.ijm: ood_table=[" + oodTable + "]: no such file");
File.makeDirectory(out);
if (!File.isDirectory(out)) exit("validation.ijm: cannot make the output folder out=[" + out + "] (does its parent folder exist?)");

run("Validate Posterior Model", "model=msi-tissue-16band table=[" + table + "] samples=50 seed=1 rows=200 resimulate=4 device=cpu");
saveAs("Results", out + File.separator + "posterior_validation.csv");
print("posterior validation: " + nResults + " parameters");

model = out + File.separator + "ood-model";
run("Train OOD Model", "table=[" + table + "] bands=[] output_folder=[" + model + "] replace_existing=true members=2 seed=1 fpr=0.05 " +
	"calibration=0.1 resample=subsample noise_transform=auto blocks=2 width=16 epochs=2 patience=6 batch=256 lr=0.001 device=cpu");
run("Validate OOD Model", "model=[" + model + "] in_distribution=[" + table + "] out_of_distribution=[" + oodTable + "] bands=[] device=cpu");
saveAs("Results", out + File.separator + "ood_validation.csv");
print("OOD validation: AUROC of " + getResultString("score", 0) + " " + d2s(getResult("auroc", 0), 4));
print("wrote " + out + File.separator + "posterior_validation.csv and ood_validation.csv");

// The argument: key=[value] pairs as in ImageJ options (brackets around values with spaces); a bare folder name is
// taken as out=[folder]. The macro reads nothing else: no repository, no working directory, no system property.
function option(key, fallback) {
	argument = getArgument();
	if (key == "out" && argument != "" && indexOf(argument, "=") < 0) return argument;
	return call("ij.Macro.getValue", argument, key, fallback);
}
