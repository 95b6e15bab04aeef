#!/bin/bash
# Blockwise Mutex Watershed on a SLURM cluster (docs/mws.md "Blockwise", docs/batch.md "Clusters").
# Submit from the repository root:
#   AFF=/data/affinities.h5 OUT=/scratch/mws ./scripts/slurm-mws.sh
# Each array task solves every n-th block of the volume (innsight mws --blocks-only DIR --shard i/n) and writes
# DIR/block-NNNNNN.mwsblock; a dependent job stitches them (innsight mws stitch) into one label image. A task
# killed by the time limit can be resubmitted alone (--array=i) with --force; the stitch names any missing block.
# Set SHARDS, BLOCK (z,y,x), HALO (>= the largest offset), STRIDES (z,y,x) and JAVA_HEAP as needed.
set -euo pipefail
: "${AFF:?set AFF to the HDF5 affinity file (C,Z,Y,X) with an offsets attribute}"
: "${OUT:?set OUT to an output folder}"
SHARDS="${SHARDS:-16}"
BLOCK="${BLOCK:-64,128,128}"
HALO="${HALO:-9}"
STRIDES="${STRIDES:-1,2,2}"
JAVA_HEAP="${JAVA_HEAP:-4g}"
mkdir -p "$OUT"
export INNSIGHT_JAVA_OPTS="-Xmx${JAVA_HEAP}"
jobid=$(sbatch --parsable --job-name=mws-blocks --array="1-${SHARDS}" --cpus-per-task=2 --mem=8G --time=02:00:00 \
	--output="$OUT/slurm-%A_%a.out" \
	--wrap "./innsight --threads 2 mws --affinities '$AFF' --block $BLOCK --halo $HALO --strides $STRIDES \
		--blocks-only '$OUT/blocks' --shard \${SLURM_ARRAY_TASK_ID}/${SHARDS}")
sbatch --dependency="afterok:${jobid}" --job-name=mws-stitch --cpus-per-task=1 --mem=8G --time=01:00:00 \
	--output="$OUT/slurm-stitch-%j.out" \
	--wrap "./innsight mws stitch --blocks '$OUT/blocks' -o '$OUT/labels.tif'"
echo "submitted block array ${jobid} (${SHARDS} shards) and its stitch job; labels will be $OUT/labels.tif"
