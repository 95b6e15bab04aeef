#!/usr/bin/env bash
# Screenshots of InnSight's Fiji dialogs and result windows, taken in a real ImageJ2 window under Xvfb
# (issues 20 and 23). Needs Xvfb (xvfb-run) and the ImageJ2 runtime in ../shared/imagej2; builds the Fiji zip
# first. Writes docs/screenshots/*.png (replacing the PNGs there, which this script made).
#   scripts/screenshots.sh [OUT_DIR [results|record]]   default OUT_DIR: docs/screenshots; 'results': only the result windows;
#   'record': drive Tissue Posterior Estimation's dialog with the Recorder open, then cancel a run with Esc (prints OK or FAILED)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runtime="$here/../shared/imagej2"
out="${1:-$here/docs/screenshots}"
only="${2:-}"   # "results": only the result windows
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run not found (Debian: apt install xvfb)" >&2; exit 1; }
[ -d "$runtime/jars" ] || { echo "screenshots: no ImageJ2 runtime at $runtime" >&2; exit 1; }
# The Fiji zip of these sources, built every time (an older zip would show older dialogs).
(cd "$here" && mvn -B -q -DskipTests package)
zip=$(ls "$here"/plugins/target/innsight-fiji-*.zip | head -1)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
app="$work/Fiji.app"
mkdir -p "$app"
unzip -q "$zip" -d "$app"
mkdir -p "$out"
out="$(cd "$out" && pwd)" # the JVM runs in $work: a relative OUT_DIR would land there
cp="$app/jars/*:$app/jars/linux64/*:$app/plugins/*:$runtime/jars/*"
# A fixed screen and font settings so that the pictures come out the same on every machine with these packages.
cd "$work"
xvfb-run -a -s "-screen 0 1600x1000x24" \
	"${JAVA:-java}" -Xmx4g -Dai.djl.offline=true \
	--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
	--add-opens=java.desktop/sun.awt=ALL-UNNAMED -Dawt.useSystemAAFontSettings=on \
	-Dplugins.dir="$app" -Dij.dir="$app" -Dimagej.dir="$app" -Dfiji.dir="$app" -Dscijava.context.strict=false -Djava.util.prefs.userRoot="$work/prefs" \
	-cp "$cp" "$here/scripts/Screenshots.java" "$out" "$here/sample-data/msi/image.tif" $only
