#!/bin/sh
# toolcheck.sh [node|chromium]... - say which Node.js and Chromium the
# tests run with, and fail unless each is the one the Debian archive
# offers (Debian 12: nodejs 18, chromium from bookworm-security).
#
# A program passes when the file that `node` (or /usr/bin/chromium)
# resolves to belongs to a Debian package, that package's installed
# version is one a configured archive offers (apt-cache madison lists
# nothing else; a vendor's package kept only in dpkg's status fails),
# and the program reports that same upstream version.  The README
# promises `make check` on a bare Debian 12; a development machine
# with a newer Node of its own would pass tests that fail there.
set -u
status=0
[ $# -gt 0 ] || set -- node chromium
release=$(cat /etc/debian_version 2>/dev/null || echo unknown)

# check NAME PATH VERSION_OUTPUT
check() {
	name=$1 path=$2 said=$3
	real=$(readlink -f "$path" 2>/dev/null || echo "$path")
	pkg=$(dpkg-query -S "$real" 2>/dev/null | sed -n '1s/:.*//p')
	if [ -z "$pkg" ]; then
		echo "$name: $path ($said) is not from a Debian package"
		status=1
		return
	fi
	pkg=${pkg%%,*}
	ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null)
	upstream=$(echo "$ver" | sed 's/^[0-9]*://; s/[-+~].*//')
	if ! apt-cache madison "$pkg" 2>/dev/null |
	    awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF "$ver"; then
		echo "$name: $said from package $pkg $ver, which no configured Debian archive offers"
		status=1
	elif ! echo "$said" | grep -qF "$upstream"; then
		echo "$name: $path says \"$said\", package $pkg is $ver"
		status=1
	else
		echo "$name: $said (Debian $release package $pkg $ver)"
	fi
}

for tool; do
	case $tool in
	node)
		path=$(command -v node) || { echo "node: not installed"; status=1; continue; }
		check node "$path" "$(node --version 2>&1 | sed 's/^v//')" ;;
	chromium)
		path=/usr/bin/chromium
		[ -x "$path" ] || { echo "chromium: not installed"; status=1; continue; }
		check chromium "$path" "$("$path" --version 2>/dev/null | head -n 1)" ;;
	*) echo "usage: $0 [node|chromium]..." >&2; exit 2 ;;
	esac
done
exit $status
