#!/usr/bin/env bash
# Kill -9 in the middle of a batch, re-run, and compare with an uninterrupted run (issue 10's evidence).
#
#   scripts/kill-resume-check.sh [PIPELINE [SAMPLE [SCANS [SIZE]]]]
#
# 1. `innsight bench batch --keep DIR` generates SCANS scans (6 of them broken; crops of SAMPLE when given) and
#    runs PIPELINE over them uninterrupted with --jobs 1: DIR/out-jobs1 is the reference.
# 2. `innsight batch --jobs 2` runs the same into DIR/killed and is killed with SIGKILL once a third of the
#    scans have their manifest; then it is run again to the end.
# 3. Prints how many scans the re-run found up to date (= the manifests present at the kill, i.e. not recomputed)
#    and compares the SHA-256 of every output file of both runs (reports and manifests hold timings: left out).
# Defaults: the QC pipeline over 8-band noise, 100 scans of 64 x 64. Exit code 0 when all outputs are identical.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pipeline="${1:-}"
sample="${2:-}"
scans="${3:-100}"
size="${4:-64}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/innsight-kill-resume.XXXXXX")"
bench=(bench batch --keep "$dir" --scans "$scans" --size "$size" --jobs 1 --single 0)
[ -n "$pipeline" ] && bench+=(--pipeline "$pipeline")
[ -n "$sample" ] && bench+=(--sample "$sample")
"$here/innsight" --device cpu "${bench[@]}"
[ -n "$pipeline" ] || pipeline="$dir/pipeline.json"
good=$((scans - 6))

"$here/innsight" --device cpu batch --pipeline "$pipeline" --in "$dir/in" --out "$dir/killed" --jobs 2 --quiet >"$dir/killed.log" 2>&1 &
pid=$!
target=$((good / 3))
while kill -0 "$pid" 2>/dev/null; do
	n=$( (find "$dir/killed" -name '*.manifest.json' 2>/dev/null || true) | wc -l)
	if [ "$n" -ge "$target" ]; then
		# the launcher execs java, so $pid is the JVM itself
		kill -9 "$pid"
		break
	fi
	sleep 0.05
done
wait "$pid" 2>/dev/null || true
at_kill=$(find "$dir/killed" -name '*.manifest.json' | wc -l)
partial=$(find "$dir/killed" -name '.*.tmp' | wc -l)
echo "killed with SIGKILL: $at_kill of $good scans had a manifest, $partial temporary files left behind"

set +e
"$here/innsight" --device cpu batch --pipeline "$pipeline" --in "$dir/in" --out "$dir/killed" --jobs 2 --quiet | tee "$dir/resume.log"
set -e
grep '^batch:' "$dir/resume.log"
echo "scans the re-run found up to date (not recomputed): $(grep -c ',skipped,' "$dir/killed/summary.csv" || true) (manifests at the kill: $at_kill)"

sums() {
	(cd "$1" && find . -type f ! -name '*.manifest.json' ! -name 'report*.html' ! -name 'summary*.csv' ! -path './report/*' -print0 |
		sort -z | xargs -0 sha256sum)
}
sums "$dir/out-jobs1" >"$dir/reference.sha256"
sums "$dir/killed" >"$dir/killed.sha256"
files=$(wc -l <"$dir/reference.sha256")
if cmp -s "$dir/reference.sha256" "$dir/killed.sha256"; then
	echo "identical: all $files output files of the killed-and-resumed run match the uninterrupted run (SHA-256); kept in $dir"
else
	echo "DIFFERENT: outputs of the killed-and-resumed run differ from the uninterrupted run:"
	diff "$dir/reference.sha256" "$dir/killed.sha256" | head -20
	exit 1
fi
