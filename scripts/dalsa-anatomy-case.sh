#!/usr/bin/env bash
# Builds DALSA's anatomy case: a synthetic brain tumour (oedema, enhancing rim, necrotic core) with synthetic T1c, T2
# and FLAIR on the real anatomy of the Colin27 brain (MRIcron's skull-stripped "ch2bet.nii.gz", 181 x 217 x 181
# voxels of 1 mm, MNI space), from the Debian package mricron-data. The data is not committed; this script makes it.
#
#   scripts/dalsa-anatomy-case.sh [OUT_DIR] [DOWNSAMPLE] [SEED] [SHARE]   (defaults: results/dalsa-anatomy 2 1 0.012)
# SHARE is the annotated share of the brain per scribble set: 0.012 at 2 mm gives about as many annotated voxels as
# 0.0017 (0.17 %) at 1 mm. The tumour (oedema radius 32 mm) is large enough that its core keeps a few hundred voxels at 2 mm.
#   ./innsight dalsa evaluate --data OUT_DIR --seed 1               (Dice per class: unweighted vs class vs global weighting)
#
# Needs: the ./innsight launcher (Java 17, Maven) and either an installed mricron-data (/usr/share/mricron/templates)
# or apt access to download it (apt-get update may be needed first; no root needed for apt-get download).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/results/dalsa-anatomy}"
downsample="${2:-2}"
seed="${3:-1}"
share="${4:-0.012}"
template=/usr/share/mricron/templates/ch2bet.nii.gz
if [ ! -f "$template" ]; then
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get download mricron-data >/dev/null)
	dpkg-deb -x "$tmp"/mricron-data_*.deb "$tmp/x"
	template="$tmp/x/usr/share/mricron/templates/ch2bet.nii.gz"
fi
"$here/innsight" dalsa anatomy --template "$template" --out "$out" --downsample "$downsample" --seed "$seed" --scribbles "$share" --tumour-radius 32
