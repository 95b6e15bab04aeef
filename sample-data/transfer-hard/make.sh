#!/usr/bin/env bash
# Makes the "hard" transfer benchmark of sample-data/transfer-hard (issue 22), from the repository root:
#   sample-data/transfer-hard/make.sh            held-out tables (committed) + training tables (train/, not committed)
#   sample-data/transfer-hard/make.sh --models   ... and trains the benchmark's models (train/models/, not committed;
#                                                5 seeds x 2 variants, about 2 minutes each on 2 cores) and validates them
#   sample-data/transfer-hard/make.sh --model VARIANT SEED    one model (VARIANT classes|plain|adv-classes), tables made before
#   sample-data/transfer-hard/make.sh --validate              validate the 5 + 5 models (tables and models made before), and the
#                                                             adversarial ones and the ensembles where they were made
#   sample-data/transfer-hard/make.sh --ensembles             20 more class-conditioned models (seeds 6-25) and the validation of
#                                                             5 ensembles of 5 (seeds 1-5, 6-10, ..., 21-25)
#   sample-data/transfer-hard/make.sh --pai [--models]        the photoacoustic case: its tables [and 3 + 3 models (6000 spectra per domain), validated]
#   sample-data/transfer-hard/make.sh --pai-model VARIANT SEED | --pai-validate   one of those models | validate them
# Every table is byte-identical on every run (fixed seeds); a model is deterministic for the same thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=sample-data/transfer-hard
hard=$here/hard-camera.json
# three tissue classes with their own statistics, the same in both domains (each range applies to all three layers):
# 0 "mucosa", 1 "vascular" (much blood, little scattering), 2 "fatty/connective" (little blood, strong scattering)
layers() { local out=(); for p in "$@"; do for l in 1 2 3; do out+=("${p/@/_$l}"); done; done; local IFS=,; echo "${out[*]}"; }
classes=(--class "$(layers vHb@=0.02:0.1 a_mie@=1000:3000 b_mie@=0.8:2)"
	--class "$(layers vHb@=0.1:0.3 a_mie@=500:2000 b_mie@=0.5:1.5)"
	--class "$(layers vHb@=0.001:0.03 a_mie@=2500:5000 b_mie@=1.2:2.5)")
# the simulation draws the classes equally often, the "real" scans are mostly fatty/connective tissue
real_mix=(--class-fractions 0.15,0.25,0.6)
seeds=(1 2 3 4 5)
tables() {
	mkdir -p $here/train
	./innsight --threads 2 simulate --model msi --camera msi-16band "${classes[@]}" --n 2000 --seed 21 --out $here/sim_heldout.h5 --force
	./innsight --threads 2 simulate --model msi --camera $hard "${classes[@]}" "${real_mix[@]}" --n 2000 --seed 22 --out $here/real_heldout.h5 --force
	./innsight --threads 2 simulate --model msi --camera msi-16band "${classes[@]}" --n 20000 --seed 11 --out $here/train/sim_train.h5 --force
	./innsight --threads 2 simulate --model msi --camera $hard "${classes[@]}" "${real_mix[@]}" --n 20000 --seed 12 --out $here/train/real_train.h5 --force
}
# one transfer model: 6 coupling blocks of 128-unit subnets, 300 epochs, 10000 spectra per domain drawn by the seed;
# adv-classes: class-conditioned with the adversarial term at weight 0.1 (about 4x the time)
model() {
	local variant=$1 s=$2 extra=()
	case "$variant" in
		classes) extra=(--class-column tissue_class) ;;
		adv-classes) extra=(--class-column tissue_class --adversarial 0.1) ;;
	esac
	./innsight --threads 2 --device cpu train-transfer --source $here/train/sim_train.h5 --target $here/train/real_train.h5 \
		"${extra[@]}" --blocks 6 --width 128 --epochs 300 --max-rows 10000 --seed "$s" --out $here/train/models/$variant-seed$s --force | tail -1
}
validate() {
	for variant in classes plain adv-classes; do
		local models=()
		for s in "${seeds[@]}"; do models+=("$here/train/models/$variant-seed$s"); done
		[ -d "${models[0]}" ] || { echo "skipping $variant: no $variant models (make.sh --model $variant SEED)"; continue; }
		./innsight --threads 2 --device cpu validate-transfer --model "${models[@]}" --source $here/sim_heldout.h5 \
			--target $here/real_heldout.h5 --seeds "$(IFS=,; echo "${seeds[*]}")"
	done
	validate_ensembles
}
# 5 ensembles of 5 class-conditioned models: run i (split seed i) transfers the source with models 5i-4 .. 5i
validate_ensembles() {
	local models=()
	for s in $(seq 1 25); do models+=("$here/train/models/classes-seed$s"); done
	[ -d "${models[24]}" ] || { echo "skipping the ensembles: no classes-seed25 (make.sh --ensembles)"; return 0; }
	./innsight --threads 2 --device cpu validate-transfer --model "${models[@]}" --ensemble 5 --source $here/sim_heldout.h5 \
		--target $here/real_heldout.h5 --seeds 1,2,3,4,5
}
# the photoacoustic case: three classes of target (vessel depth and blood volume), the same in both domains;
# the simulation draws them equally often, the "real" system sees mostly deep vessels
pai_classes=(--class depth=0:0.002,vHb=0.2:1 --class depth=0.004:0.01,vHb=0.2:1 --class vHb=0.01:0.1)
pai_mix=(--class-fractions 0.2,0.5,0.3)
pai_tables() {
	mkdir -p $here/train
	./innsight --threads 2 simulate --model pai "${pai_classes[@]}" --n 2000 --seed 31 --out $here/pai_sim_heldout.h5 --force
	./innsight --threads 2 simulate --model pai --camera $here/pai-hard-camera.json "${pai_classes[@]}" "${pai_mix[@]}" --n 2000 --seed 32 \
		--out $here/pai_real_heldout.h5 --force
	./innsight --threads 2 simulate --model pai "${pai_classes[@]}" --n 10000 --seed 41 --out $here/train/pai_sim_train.h5 --force
	./innsight --threads 2 simulate --model pai --camera $here/pai-hard-camera.json "${pai_classes[@]}" "${pai_mix[@]}" --n 10000 --seed 42 \
		--out $here/train/pai_real_train.h5 --force
}
pai_model() {
	local variant=$1 s=$2 extra=()
	[ "$variant" = classes ] && extra=(--class-column tissue_class)
	./innsight --threads 2 --device cpu train-transfer --source $here/train/pai_sim_train.h5 --target $here/train/pai_real_train.h5 \
		"${extra[@]}" --blocks 6 --width 128 --epochs 300 --max-rows 6000 --seed "$s" --out $here/train/models/pai-$variant-seed$s --force | tail -1
}
pai_validate() {
	for variant in classes plain; do
		local models=()
		for s in 1 2 3; do models+=("$here/train/models/pai-$variant-seed$s"); done
		./innsight --threads 2 --device cpu validate-transfer --model "${models[@]}" --source $here/pai_sim_heldout.h5 \
			--target $here/pai_real_heldout.h5 --seeds 1,2,3
	done
}
case "${1:-}" in
	--pai) pai_tables; if [ "${2:-}" = --models ]; then for v in classes plain; do for s in 1 2 3; do pai_model $v $s; done; done; pai_validate; fi ;;
	--pai-model) pai_model "$2" "$3" ;;
	--pai-validate) pai_validate ;;
	"") tables ;;
	--models) tables; for variant in classes plain; do for s in "${seeds[@]}"; do model $variant $s; done; done; validate ;;
	--model) model "$2" "$3" ;;
	--validate) validate ;;
	--ensembles) for s in $(seq 6 25); do model classes "$s"; done; validate_ensembles ;;
	*) echo "usage: $0 [--models | --model classes|plain|adv-classes SEED | --validate | --ensembles | --pai [--models] | --pai-model classes|plain SEED | --pai-validate]" >&2; exit 2 ;;
esac
