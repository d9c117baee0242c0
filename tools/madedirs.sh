#!/bin/sh
# madedirs.sh record LIST ROOT DIR... | remove LIST ROOT DATADIR
#
# `make install` creates BINDIR, MANDIR/man1 and the data folder with
# their missing parents; `make uninstall` must remove those folders and
# no others (not a /usr/local/bin that was there before).  Before the
# install, `record` adds to LIST (kept in the data folder) each of DIR
# and its parents that does not exist yet, without the ROOT (DESTDIR)
# prefix; `remove` reads LIST, removes the data folder whole, then the
# listed folders that are empty, deepest first.
set -eu
cmd=$1 list=$2 root=$3
shift 3
case $cmd in
record)
	new=$(for d; do
		while [ ! -e "$root$d" ] && [ "$d" != / ] && [ -n "$d" ]; do
			echo "$d"
			d=$(dirname "$d")
		done
	done)
	old=$(cat "$root$list" 2>/dev/null || true)
	mkdir -p "$(dirname "$root$list")"
	printf '%s\n' "$old" "$new" | grep -v '^$' | sort -u >"$root$list.tmp" || true
	mv "$root$list.tmp" "$root$list" ;;
remove)
	dirs=$(awk '{ print gsub("/", "/") "\t" $0 }' "$root$list" 2>/dev/null |
	    sort -rn | cut -f2-)
	rm -rf "$root$1"
	for d in $dirs; do
		rmdir "$root$d" 2>/dev/null || true
	done ;;
*) echo "usage: $0 record|remove LIST ROOT [DIR...]" >&2; exit 2 ;;
esac
