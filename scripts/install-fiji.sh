#!/usr/bin/env bash
# Installs InnSight into a Fiji installation.
#
#   scripts/install-fiji.sh /path/to/Fiji.app            build, then copy InnSight and its libraries into Fiji.app
#   scripts/install-fiji.sh --dry-run /path/to/Fiji.app  only say what would be added, replaced or kept
#
# The copying is done by SciJava's own installer, the populate-app goal of org.scijava:scijava-maven-plugin,
# which puts every runtime jar into Fiji.app/jars (natives into jars/linux64 etc.) and settles version conflicts
# with Fiji's jars by its "older" policy: a library Fiji already has in a NEWER version is kept and InnSight's copy
# is skipped; an OLDER copy in Fiji is deleted and replaced. populate-app needs Maven online (it resolves the
# installed artifacts), so this script is the one command in InnSight that may download from Maven Central.
# The default models are copied into Fiji.app/models. Restart Fiji afterwards; the commands are under Plugins > InnSight.
# Fiji users without Maven: unzip plugins/target/innsight-fiji-<version>.zip over Fiji.app instead (README).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dry=false
if [ "${1:-}" = "--dry-run" ]; then dry=true; shift; fi
fiji="${1:-}"
if [ -z "$fiji" ] || [ "$#" -ne 1 ]; then
	echo "usage: $0 [--dry-run] /path/to/Fiji.app" >&2
	exit 2
fi
if [ ! -d "$fiji/jars" ]; then
	echo "install-fiji: error: $fiji is not a Fiji installation (it has no jars/ folder)" >&2
	exit 1
fi
fiji="$(cd "$fiji" && pwd)"
plugin_version="$(sed -n 's:.*<scijava-maven-plugin.version>\(.*\)</scijava-maven-plugin.version>.*:\1:p' "$here/pom.xml")"

# The name of a jar without its version: gson-2.13.1.jar -> gson; pytorch-native-cpu-2.7.1-linux-x86_64.jar ->
# pytorch-native-cpu (-linux-x86_64). Prints "base<TAB>version".
split_name() {
	local n="${1%.jar}" classifier=""
	case "$n" in *-linux-x86_64) classifier="-linux-x86_64"; n="${n%-linux-x86_64}" ;; esac
	if [[ "$n" =~ ^(.+)-([0-9][0-9A-Za-z.+-]*)$ ]]; then
		printf '%s%s\t%s\n' "${BASH_REMATCH[1]}" "$classifier" "${BASH_REMATCH[2]}"
	else
		printf '%s%s\t\n' "$n" "$classifier"
	fi
}

# imglib2: InnSight's tests pass against 7.1.4 and 8.0.0 (mvn -Dimglib2.version=7.1.4 test). When Fiji ships an
# imglib2 of at least 7.1.4, build InnSight against Fiji's own version, so that populate-app finds the same version
# and keeps Fiji's jar instead of replacing it with 8.0.0, which other plugins may not accept.
build_opts=()
fiji_imglib2="$(find "$fiji/jars" -maxdepth 1 -name 'imglib2-[0-9]*.jar' 2>/dev/null | head -n 1)"
if [ -n "$fiji_imglib2" ]; then
	read -r _ v < <(split_name "$(basename "$fiji_imglib2")")
	if [ "$(printf '%s\n%s\n' "$v" 7.1.4 | sort -V | head -n 1)" = "7.1.4" ]; then
		build_opts+=("-Dimglib2.version=$v")
		echo "imglib2: Fiji has $v; building InnSight against it, so Fiji's jar is kept"
	else
		echo "imglib2: Fiji has $v, older than 7.1.4 (the oldest InnSight is tested with); it will be replaced by 8.0.0" >&2
	fi
fi

if $dry; then
	[ -d "$here/plugins/target/lib" ] || (cd "$here" && mvn -q -B -o -DskipTests package)
	echo "InnSight's runtime jars versus $fiji/jars:"
	for jar in "$here"/plugins/target/innsight-*.jar "$here"/plugins/target/lib/*.jar; do
		read -r base version < <(split_name "$(basename "$jar")")
		if [ "$base" = "imglib2" ] && [ "${#build_opts[@]}" -gt 0 ]; then version="${build_opts[0]#-Dimglib2.version=}"; fi
		found="$(find "$fiji/jars" -name "$base-[0-9]*.jar" 2>/dev/null | head -n 1)"
		if [ -z "$found" ]; then
			echo "  add      $(basename "$jar")"
		else
			read -r _ fiji_version < <(split_name "$(basename "$found")")
			if [ "$fiji_version" = "$version" ]; then
				echo "  same     $(basename "$found")"
			elif [ "$(printf '%s\n%s\n' "$fiji_version" "$version" | sort -V | tail -n 1)" = "$fiji_version" ]; then
				echo "  keep     $(basename "$found") (Fiji's is newer than $version)"
			else
				echo "  replace  $(basename "$found") with $version"
			fi
		fi
	done
	for model in "$here"/models/*/; do
		if [ -d "$fiji/models/$(basename "$model")" ]; then echo "  replace  models/$(basename "$model")"; else echo "  add      models/$(basename "$model")"; fi
	done
	exit 0
fi

cd "$here"
# install first: populate-app resolves InnSight's own jar from the local Maven repository
mvn -B -DskipTests ${build_opts[@]+"${build_opts[@]}"} install "org.scijava:scijava-maven-plugin:$plugin_version:populate-app" \
	-Dscijava.app.directory="$fiji" -Dscijava.deleteOtherVersions=older
# populate-app copies jars only; the default models go where the Fiji zip puts them (models of other names are kept)
mkdir -p "$fiji/models" && cp -R "$here/models/." "$fiji/models/"
echo "InnSight installed into $fiji (jars, and models/); restart Fiji and look under Plugins > InnSight."
