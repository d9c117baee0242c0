#!/bin/sh
# bare-debian-check.sh DIR - the README's quick start on a bare Debian 12:
# debootstrap --variant=minbase bookworm into DIR, add make, put a clone
# of this repository's HEAD into it, and run `make report && make check`
# there as root, printing the time each took and the packages and disk
# space they installed.  Needs root, debootstrap and Debian's archive;
# takes about 20 minutes.  Not part of `make check` (it is what checks
# that `make check` works from nothing).
#
# Where the network needs a certificate authority of its own, the files
# in /usr/local/share/ca-certificates are copied in, so that npm reaches
# its registry as it would on the host.
#
# --sizes DIR: only counts, in a bare root at DIR (made first if DIR
# does not exist; one made earlier by this script is reused): the
# packages `make report` and `make check` would install there
# (tools/deps.sh --list, then apt-get install -s), their installed and
# download sizes from Debian's package lists, and the largest.
set -eu
sizes=
[ "${1:-}" = --sizes ] && { sizes=1; shift; }
[ $# -eq 1 ] || { echo "usage: $0 [--sizes] DIR" >&2; exit 2; }
R=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# count PACKAGES...: what apt would install in $R for them.
count() {
	chroot "$R" apt-get install -s -q --no-install-recommends "$@" |
	    awk '/^Inst /{ print $2 }' >"$R/tmp/inst"
	chroot "$R" sh -c 'xargs -r apt-cache show --no-all-versions </tmp/inst' |
	    awk '/^Package:/ { p = $2 } /^Installed-Size:/ { i = $2 }
	        /^Size:/ { s = $2 } /^$/ && p != "" { print p, i, s; p = "" }' \
	    >"$R/tmp/sizes"
	awk '{ i += $2; s += $3; n++ } END { printf "%d packages, %d MB installed, %d MB downloaded\n", n, i / 1024, s / 1048576 }' "$R/tmp/sizes"
}

if [ -n "$sizes" ]; then
	if [ ! -e "$R" ]; then
		debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian
		cp /etc/resolv.conf "$R/etc/"
		chroot "$R" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends make' >/dev/null
	fi
	cp "$ROOT/tools/deps.sh" "$ROOT/tools/toolcheck.sh" "$R/tmp/"
	for set in build test; do
		echo "$set: $(count $(chroot "$R" sh /tmp/deps.sh --list $set))"
	done
	echo "largest of test:"
	sort -k2 -n -r "$R/tmp/sizes" | head -n 15 |
	    awk '{ printf "  %-28s %4d MB\n", $1, $2 / 1024 }'
	exit 0
fi
[ ! -e "$R" ] || { echo "$0: $R exists; give a new folder" >&2; exit 2; }
debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian
cleanup() {
	for d in dev/shm dev/pts dev sys proc; do umount "$R/$d" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
for d in proc sys dev dev/pts; do mount --bind "/$d" "$R/$d"; done
mount -t tmpfs tmpfs "$R/dev/shm"
cp /etc/resolv.conf "$R/etc/"
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
	mkdir -p "$R/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
fi
chroot "$R" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends make' >/dev/null
git clone -q "$ROOT" "$R/root/progress-report"

size() {
	chroot "$R" sh -c "dpkg-query -W -f='\${Installed-Size}\n' |
	    awk '{ s += \$1; n++ } END { printf \"%d packages, %d MB\", n, s / 1024 }'"
}
echo "bare system: $(size)"
chroot "$R" sh -c 'cd /root/progress-report && export CI=true &&
	s=$(date +%s) && make report && m=$(date +%s) &&
	echo "make report: $((m - s)) s" >/root/times &&
	make check && e=$(date +%s) &&
	echo "make check: $((e - m)) s" >>/root/times'
cat "$R/root/times"
echo "after both: $(size); downloaded: $(du -sh "$R/var/cache/apt/archives" | cut -f1)"
