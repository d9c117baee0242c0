#!/bin/sh
# deps.sh [--list] build|test|bench|fuzz - install the Debian packages a
# step needs (--list: only name those that are missing).
#
# Only what is missing is installed, and only when run as root;
# otherwise the exact command is printed and the step stops.  Nothing is
# fetched from anywhere but Debian's archive (and, for the browser
# tests, the npm registry via tests/package-lock.json).  Recommended
# packages are never installed: they would more than double the test
# set-up (python3-fonttools alone would bring scipy, pythran and Boost;
# naming python3-munkres and python3-defcon satisfies its alternatives
# with small packages instead).
#
# The tests run with the Node.js and Chromium that Debian 12 ships
# (tools/toolcheck.sh): a machine that brings a newer Node of its own
# would hide what fails on a bare Debian 12.  As root, `test` and `bench`
# replace such a Node with Debian's; PR_ANY_TOOLS=1 keeps it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

build="gcc make pkg-config libc6-dev libhpdf-dev libyaml-dev libsqlite3-dev
libpcre2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcsv-dev zlib1g-dev
libharfbuzz-dev libxlsxwriter-dev libzip-dev libexpat1-dev libdeflate-dev
fonts-dejavu-core fonts-dejavu-extra nettle-dev colord-data gettext
hyphen-de hyphen-en-us"
browser="chromium nodejs npm"
test="$build $browser poppler-utils qpdf python3 python3-pikepdf
python3-fonttools python3-munkres python3-defcon default-jre-headless
valgrind sqlite3 util-linux procps mandoc man-db bsdextrautils libhyphen-dev
python3-jsonschema python3-rfc3987 python3-openpyxl python3-yaml"
bench="$build $browser time poppler-utils qpdf python3 python3-pikepdf
default-jre-headless"
fuzz="$build clang libclang-rt-14-dev"

list=
[ "${1:-}" = --list ] && { list=1; shift; }
case "${1:-}" in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
fuzz) want=$fuzz ;;
*) echo "usage: $0 [--list] build|test|bench|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

# Chromium depends on GTK 3 or a desktop portal (libgtk-3-0 |
# xdg-desktop-portal-backend) and loads neither when headless.  Where
# GTK is not installed already, the smallest portal satisfies the
# dependency: 47 MB less than GTK with its icon themes, dconf and the
# systemd that dconf's D-Bus session brings.
case " $missing " in *" chromium "*)
	dpkg-query -W -f='${Status}' libgtk-3-0 2>/dev/null |
	    grep -q 'install ok installed' ||
		missing="$missing xdg-desktop-portal-wlr" ;;
esac
# --list: what would be installed here (for tools/bare-debian-check.sh).
if [ -n "$list" ]; then
	echo $missing
	exit 0
fi

# A Node.js that no configured Debian archive offers (a vendor's build
# installed as package nodejs) is replaced by Debian's.
nodejs=""
case " $want " in *" nodejs "*)
	if [ "${PR_ANY_TOOLS:-}" != 1 ] && ! sh "$here/toolcheck.sh" node >/dev/null 2>&1 &&
	    dpkg-query -W -f='${Status}' nodejs 2>/dev/null | grep -q 'install ok installed'; then
		nodejs=replace
	fi ;;
esac
[ -z "$(echo "$missing" | tr -d ' ')" ] && [ -z "$nodejs" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
		echo "Missing Debian packages. Install them as root with:" >&2
		echo "  apt-get install --no-install-recommends$missing" >&2
	fi
	if [ -n "$nodejs" ]; then
		echo "The installed Node.js is not Debian 12's; the tests run with" >&2
		echo "Debian's. Replace it as root (sh tools/deps.sh $1), or set" >&2
		echo "PR_ANY_TOOLS=1 to test with this one." >&2
	fi
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# apt-cache and apt-get know nothing until the lists have been fetched
# once on a fresh machine.
apt_install() {
	apt-get install -y -q --no-install-recommends "$@" ||
		{ apt-get update -q && apt-get install -y -q --no-install-recommends "$@"; }
}
if [ -n "$nodejs" ]; then
	apt-cache madison nodejs | grep -q . || apt-get update -q
	# madison lists only versions that an archive offers, newest first.
	v=$(apt-cache madison nodejs | awk -F'|' 'NR == 1 { gsub(/ /, "", $2); print $2 }')
	[ -n "$v" ] || { echo "deps.sh: no archive offers nodejs" >&2; exit 1; }
	echo "Replacing $(node --version 2>/dev/null) by Debian's nodejs $v" >&2
	apt_install --allow-downgrades "nodejs=$v" npm
fi
if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
	echo "Installing Debian packages:$missing" >&2
	apt_install $missing
fi
