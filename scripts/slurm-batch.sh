#!/bin/bash
# innsight batch on a SLURM cluster (docs/batch.md "Clusters: sharding and SLURM").
# Submit from the repository root:
#   PIPELINE=qc.json IN=/data/cohort OUT=/scratch/cohort-out ./scripts/slurm-batch.sh
# Each array task runs one shard (innsight batch --shard i/n) and leaves OUT/report.shard-i-of-n.{html,csv,json};
# the last shard to finish writes the merged OUT/report.html and OUT/summary.csv. A dependent job that runs
# whatever became of the shards (afterany) merges again with innsight batch --merge-shards, which names every shard
# that is missing (killed by the time limit, out of memory, node failure) and then exits with code 3. Resubmit
# such a shard alone (sbatch --array=i ...): its finished scans are skipped; merge again afterwards.
# Set SHARDS, CPUS (jobs per shard), GLOB (default: innsight batch's) and JAVA_HEAP as needed.
set -euo pipefail
: "${PIPELINE:?set PIPELINE to the pipeline file (JSON)}"
: "${IN:?set IN to the folder with the scans}"
: "${OUT:?set OUT to an output folder (shared by all shards)}"
SHARDS="${SHARDS:-16}"
CPUS="${CPUS:-4}"
JAVA_HEAP="${JAVA_HEAP:-8g}"
mkdir -p "$OUT"
export INNSIGHT_JAVA_OPTS="-Xmx${JAVA_HEAP}"
jobid=$(sbatch --parsable --job-name=innsight-batch --array="1-${SHARDS}" --cpus-per-task="$CPUS" --mem=16G --time=04:00:00 \
	--output="$OUT/slurm-%A_%a.out" \
	--wrap "./innsight batch --pipeline '$PIPELINE' --in '$IN' --out '$OUT' ${GLOB:+--glob '$GLOB'} \
		--shard \${SLURM_ARRAY_TASK_ID}/${SHARDS} --jobs $CPUS --quiet")
sbatch --dependency="afterany:${jobid}" --job-name=innsight-merge --cpus-per-task=1 --mem=2G --time=00:30:00 \
	--output="$OUT/slurm-merge-%j.out" \
	--wrap "./innsight batch --merge-shards '$OUT'"
echo "submitted shard array ${jobid} (${SHARDS} shards) and its merge job; the report will be $OUT/report.html"
