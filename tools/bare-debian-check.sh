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
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
R=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
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
