#!/usr/bin/env bash
# Runs `./innsight demo` and compares every output with a reference run, file by file: proof that a change left
# the demo's outputs as they were.
#
#   scripts/compare-demo.sh REF_DIR [OUT_DIR]    run the demo into OUT_DIR (default: a new temporary folder), compare
#
# Images, tables and models (.tif, .png, .h5, .dalsa, ...) must be byte-identical (cmp). Text files (README.md,
# *.txt, *.log, *.json, *.csv, *.html) must be identical too, except for what differs between any two runs of the
# same code; before comparing, both sides have these masked:
#   - timings: "(1.0 s)", "| 40.2 s |", "in 6.1 s", "0.82 scans/s", a manifest's "timingsMillis", summary.csv's seconds;
#   - dates: 2026-12-04T17:08:22.14420754Z (the index's header, a manifest's started/finished);
#   - where the run happened: the results folder itself, the checkout's sample-data/ and models/ folders, and the
#     macro step's temporary folder (innsight-demo-macro<digits>).
# Prints one line per file that differs (or exists on one side only), then "N identical, M differ"; exit code 0
# only when every file is identical. INNSIGHT_DEMO_RUN=no compares an existing OUT_DIR without running the demo.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
	echo "usage: $0 REF_DIR [OUT_DIR]" >&2
	exit 2
fi
ref="$(realpath -m "$1")"
[ -f "$ref/README.md" ] || { echo "$0: $ref is not a demo results folder (no README.md)" >&2; exit 2; }
out="$(realpath -m "${2:-$(mktemp -d "${TMPDIR:-/tmp}/innsight-compare-demo.XXXXXX")}")"
[ "$out" != "$ref" ] || { echo "$0: OUT_DIR must not be REF_DIR" >&2; exit 2; }

if [ "${INNSIGHT_DEMO_RUN:-yes}" != no ]; then
	demo_rc=0
	(cd "$here" && ./innsight demo --out "$out") || demo_rc=$?
	[ "$demo_rc" -eq 0 ] || echo "note: innsight demo ended with exit code $demo_rc; comparing what it wrote" >&2
fi

# $1 text with regex characters escaped for sed
literal() { printf '%s' "$1" | sed -e 's/[]\/$*.^[#|]/\\&/g'; }

# the text file $2 of the run in folder $1, with timings, dates and places masked
masked() {
	sed -E \
		-e "s#$(literal "$1")#<results>#g" \
		-e 's#[^][ `"'"'"'()<>=]*/(sample-data|models)\b#<checkout>/\1#g' \
		-e 's#[^ "'"'"']*/innsight-demo-[a-z]+[0-9]+#<temporary>#g' \
		-e 's#[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?#<date>#g' \
		-e 's#[0-9]+(\.[0-9]+)? s\b#<time> s#g' \
		-e 's#[0-9]+(\.[0-9]+)? scans/s#<rate> scans/s#g' \
		-e '/"timingsMillis": \{/,/\}/ s#: [0-9]+#: <ms>#' \
		-e 's#^([^,]*,[^,]*,[^,]*,("[^"]*"|[^,]*),)[0-9]+\.[0-9]+,#\1<seconds>,#' \
		"$1/$2"
}

echo "comparing $out (this run) with $ref (reference):"
same=0
differ=0
while IFS= read -r f; do
	if [ ! -e "$ref/$f" ]; then
		echo "only in $out: $f"
		differ=$((differ + 1))
	elif [ ! -e "$out/$f" ]; then
		echo "only in $ref: $f"
		differ=$((differ + 1))
	elif cmp -s "$ref/$f" "$out/$f"; then
		same=$((same + 1))
	else
		case "$f" in
		*.md | *.txt | *.log | *.json | *.csv | *.html)
			if cmp -s <(masked "$ref" "$f") <(masked "$out" "$f"); then
				same=$((same + 1))
				continue
			fi ;;
		esac
		echo "differ: $f"
		differ=$((differ + 1))
	fi
done < <( (cd "$ref" && find . -type f ! -name '.*' -printf '%P\n'; cd "$out" && find . -type f ! -name '.*' -printf '%P\n') | sort -u)

echo "$same identical, $differ differ"
[ "$differ" -eq 0 ]
