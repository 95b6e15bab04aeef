#!/usr/bin/env bash
# Makes the sample domains of sample-data/transfer and the default transfer model, from the repository root:
#   sample-data/transfer/make.sh            held-out tables (committed) + training tables (train/, not committed)
#   sample-data/transfer/make.sh --model    ... and trains models/msi-sim2real-16band (a few minutes on 2 cores)
# Every table is byte-identical on every run (fixed seeds); the model is deterministic for the same thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
real=sample-data/transfer/real-camera.json
# the "real" tissue: narrower scattering than the simulation's default ranges (a_mie 500-5000 1/m, b_mie 0.3-3)
scatter=(--range a_mie_1=1000:2500 --range a_mie_2=1000:2500 --range a_mie_3=1000:2500
	--range b_mie_1=0.8:2 --range b_mie_2=0.8:2 --range b_mie_3=0.8:2)
mkdir -p sample-data/transfer/train
./innsight simulate --model msi --camera msi-16band --n 2000 --seed 21 --out sample-data/transfer/sim_heldout.h5
./innsight simulate --model msi --camera "$real" "${scatter[@]}" --n 2000 --seed 22 --out sample-data/transfer/real_heldout.h5
./innsight simulate --model msi --camera msi-16band --n 20000 --seed 11 --out sample-data/transfer/train/sim_train.h5
./innsight simulate --model msi --camera "$real" "${scatter[@]}" --n 20000 --seed 12 --out sample-data/transfer/train/real_train.h5
if [ "${1:-}" = "--model" ]; then
	./innsight --threads 2 --device cpu train-transfer --source sample-data/transfer/train/sim_train.h5 \
		--target sample-data/transfer/train/real_train.h5 --out models/msi-sim2real-16band --seed 1 --replace
	validate=(./innsight --threads 2 --device cpu validate-transfer --model models/msi-sim2real-16band
		--source sample-data/transfer/sim_heldout.h5 --target sample-data/transfer/real_heldout.h5)
	# the figures go into the model's README (documentation beside the model; the card checksums only the weights)
	{
		printf '\n## Validation on the held-out tables of sample-data/transfer\n\n    %s\n\n' "${validate[*]}"
		"${validate[@]}" | sed 's/^/    /'
	} | tee -a models/msi-sim2real-16band/README.md
fi
