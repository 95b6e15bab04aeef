#!/usr/bin/env bash
# Checks the Fiji install zip that `mvn package` writes (plugins/target/innsight-fiji-<version>.zip) against what the
# README promises Fiji users: laid out as Fiji.app, only the jars InnSight adds (src/assembly/fiji.xml says why),
# PyTorch's CPU natives in jars/linux64, every model of models/ with its card, every macro of macros/ in
# macros/innsight, and the plugin index in InnSight's jar.
#
#   scripts/check-fiji-zip.sh            check the zip made by the last `mvn package`; prints its listing and size
#   scripts/check-fiji-zip.sh ZIP        check another zip
# Exit code 0 when the layout is right, 1 (with one line per problem) when not.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip="${1:-$(ls "$here"/plugins/target/innsight-fiji-*.zip 2>/dev/null | head -n 1)}"
[ -n "$zip" ] && [ -f "$zip" ] || { echo "check-fiji-zip: error: no zip; run mvn -DskipTests package first" >&2; exit 1; }
entries="$(unzip -Z1 "$zip")"
problems=0
fail() { echo "check-fiji-zip: $zip: $1" >&2; problems=$((problems + 1)); }
has() { grep -Eq "^$1\$" <<<"$entries" || fail "missing $2"; }

has 'jars/innsight-[0-9][^/]*\.jar' "jars/innsight-<version>.jar"
for base in api pytorch-engine pytorch-jni jhdf lz4-java compress-lzf; do has "jars/$base-[0-9][^/]*\.jar" "jars/$base-<version>.jar"; done
has 'jars/linux64/pytorch-native-cpu-[0-9.]+-linux-x86_64\.jar' "jars/linux64/pytorch-native-cpu-<version>-linux-x86_64.jar"
# only what InnSight adds: a second copy of a library Fiji has would sit beside Fiji's on the class path
extra="$(grep -E '^jars/[^/]+\.jar$' <<<"$entries" | grep -Ev '^jars/(innsight|api|pytorch-engine|pytorch-jni|jhdf|lz4-java|compress-lzf)-[0-9][^/]*\.jar$' || true)"
[ -z "$extra" ] || fail "jars Fiji already has, or the CLI only needs: $(tr '\n' ' ' <<<"$extra")"
stray="$(grep -Ev '^(jars/|models/|macros/(innsight/.*)?$)' <<<"$entries" || true)"
[ -z "$stray" ] || fail "entries outside jars/, models/ and macros/innsight/: $(tr '\n' ' ' <<<"$stray")"
for macro in "$here"/macros/*.ijm; do has "macros/innsight/$(basename "$macro")" "macros/innsight/$(basename "$macro")"; done
for model in "$here"/models/*/; do
	name="$(basename "$model")"
	for f in model.json README.md; do has "models/$name/$f" "models/$name/$f (the model's card)"; done
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
unzip -q "$zip" 'jars/innsight-*.jar' -d "$tmp"
unzip -Z1 "$tmp"/jars/innsight-*.jar > "$tmp/index" # not piped into grep -q: its early exit fails the pipe
grep -qx 'META-INF/json/org.scijava.plugin.Plugin' "$tmp/index" \
	|| fail "jars/innsight-*.jar has no META-INF/json/org.scijava.plugin.Plugin: Fiji would show no InnSight command"

unzip -l "$zip" | grep -E ' jars/| models/[^/]+/$| macros/' | awk '{ printf "%12s  %s\n", $1, $4 }'
echo "$(basename "$zip"): $(grep -c . <<<"$entries") entries, $(du -h "$zip" | cut -f1) ($(stat -c %s "$zip") bytes)"
[ "$problems" -eq 0 ] || exit 1
echo "layout OK: unzip -o $(basename "$zip") -d /path/to/Fiji.app"
