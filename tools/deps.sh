#!/bin/sh
# deps.sh build|test - install the Debian packages a step needs.
#
# Only what is missing is installed, and only when run as root;
# otherwise the exact command is printed and the step stops.  Nothing is
# fetched from anywhere but Debian's archive (and, for the browser
# tests, the npm registry via tests/package-lock.json).
set -eu

build="gcc make pkg-config libc6-dev libhpdf-dev libyaml-dev libsqlite3-dev
libpcre2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcsv-dev zlib1g-dev
libharfbuzz-dev
fonts-dejavu-core fonts-dejavu-extra libssl-dev colord-data"
test="$build poppler-utils qpdf python3 python3-pikepdf python3-fonttools
chromium nodejs npm default-jre-headless valgrind clang libclang-rt-14-dev
sqlite3 util-linux procps mandoc"
bench="$build time chromium poppler-utils python3"

case "${1:-}" in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
*) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# The machine may bring its own node and npm; Debian's are only needed
# when there is none.
case " $missing " in *" nodejs "*|*" npm "*)
	if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
		missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
	fi ;;
esac
[ -z "$(echo "$missing" | tr -d ' ')" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "Missing Debian packages. Install them with:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
echo "Installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# apt-cache and apt-get know nothing until the lists have been fetched
# once on a fresh machine.
if ! apt-get install -y -q --no-install-recommends $missing; then
	apt-get update -q
	apt-get install -y -q --no-install-recommends $missing
fi
