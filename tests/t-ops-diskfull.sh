#!/bin/sh
# A read-only output folder, a full disk and a file-size limit: each
# gives a clear message naming the file, exit status 3, and loses
# nothing: the previous outputs stay byte-identical, no temporary file
# is left, the history is unchanged.
#
# Root ignores file permissions, so as root the read-only folder is a
# read-only bind mount and the full disk a small tmpfs, both inside a
# private mount namespace (unshare -m) that vanishes with the test.  As
# another user the folder is made read-only with chmod, and the tmpfs
# cases are skipped (the file-size limit case runs for everyone).
. "$ROOT/tests/ops-lib.sh"

cp -R "$ROOT/inputs" "$T/new-in"
f=$(first_file_with progress)
[ -n "$f" ] || fail "no input file with milestones (progress:)"
python3 "$ROOT/tests/lib/ops_mutate.py" "$T/new-in/$f" title --append " (neu)" >/dev/null ||
	fail "could not change $f"

pr_build "$ROOT/inputs" "$T/out" "$T/db" || fail "the first build failed"
old_tree=$(tree_sum "$T/out")
old_db=$(db_sum "$T/db")
export old_db
pdf=$(ls "$T/out"/*.pdf)
pdf_size=$(stat -c %s "$pdf")
out_kb=$(du -sk "$T/out" | cut -f1)

# lost_nothing WHAT: previous outputs and history as they were.
lost_nothing() {
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || fail "$1: previous outputs changed"
	no_temps "$T/out"
	[ "$(db_sum "$T/db")" = "$old_db" ] || fail "$1: the history changed"
	db_check "$T/db"
}

# 1. A read-only output folder.
if [ "$(id -u)" = 0 ]; then
	if unshare -m true 2>/dev/null; then
		unshare -m sh -c 'mount --bind "$1" "$1" &&
		    mount -o remount,bind,ro "$1" && shift && exec "$@"' \
		    sh "$T/out" "$PR" build --quiet --inputs "$T/new-in" \
		    --output "$T/out" --db "$T/db" \
		    --templates "$ROOT/report-templates" 2>"$T/err"
		rc=$?
		ro=yes
	else
		echo "skip: read-only folder (cannot make a mount namespace)"
		ro=no
	fi
else
	chmod -R a-w "$T/out"
	pr_build "$T/new-in" "$T/out" "$T/db" 2>"$T/err"
	rc=$?
	chmod -R u+w "$T/out"
	ro=yes
fi
if [ $ro = yes ]; then
	cat "$T/err"
	[ "$rc" = 3 ] || fail "read-only folder: exit status $rc, expected 3"
	grep -q -E "^$T/out[^:]*: error: .*(Read-only file system|Permission denied)" "$T/err" ||
		fail "read-only folder: no clear message naming the folder"
	lost_nothing "read-only folder"
	echo "ok: read-only output folder"
fi

# 2. A file-size limit (ulimit -f, in 512-byte blocks): the PDF cannot
# be written in full.  SIGXFSZ must not kill the build silently.
blocks=$((pdf_size / 2 / 512))
( ulimit -f "$blocks" && exec "$PR" build --quiet --inputs "$T/new-in" \
    --output "$T/out" --db "$T/db" --templates "$ROOT/report-templates" ) \
    2>"$T/err"
rc=$?
cat "$T/err"
[ "$rc" = 3 ] || fail "file-size limit: exit status $rc, expected 3"
grep -q -E "^$T/out/[^:]*: error: .*(File too large|incomplete|size limit)" "$T/err" ||
	fail "file-size limit: no clear message naming the file"
lost_nothing "file-size limit"
echo "ok: file-size limit"

# 3. A full disk: the output folder on a tmpfs that holds the previous
# outputs and a little more.  The free space grows in steps from "not
# even the PDF fits" until the build succeeds; every run before must
# fail with status 3 and keep the previous outputs.
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
	echo "skip: full disk (needs root for a tmpfs in a mount namespace)"
	exit 0
fi
pr_build "$T/new-in" "$T/ref" "$T/ref.db" || fail "reference build failed"
new_kb=$(du -sk "$T/ref" | cut -f1)
cat >"$T/full.sh" <<'EOF'
. "$ROOT/tests/ops-lib.sh"
kb=$1
mkdir -p "$T/small"
mount -t tmpfs -o size=${kb}k,mode=0755 tmpfs "$T/small" || exit 77
cp -a "$T/out/." "$T/small/"
cp "$T/db" "$T/small.db"
before=$(tree_sum "$T/small")
"$PR" build --quiet --inputs "$T/new-in" --output "$T/small" \
    --db "$T/small.db" --templates "$ROOT/report-templates" 2>"$T/err"
rc=$?
cat "$T/err"
if [ $rc = 0 ]; then
	[ "$(tree_sum "$T/small")" = "$(tree_sum "$T/ref")" ] ||
		fail "${kb}k: the build succeeded but its outputs are not complete"
	echo "ok: ${kb}k: enough space"
	exit 10
fi
[ $rc = 3 ] || fail "${kb}k: exit status $rc, expected 3"
grep -q -E "^$T/small/[^:]*: error: .*(No space left on device|incomplete)" "$T/err" ||
	fail "${kb}k: no clear message naming the file"
[ "$(tree_sum "$T/small")" = "$before" ] || fail "${kb}k: previous outputs changed"
no_temps "$T/small"
[ "$(db_sum "$T/small.db")" = "$old_db" ] || fail "${kb}k: the history changed"
echo "ok: ${kb}k: disk full, nothing lost"
exit 0
EOF
step=$(( (new_kb + 7) / 8 ))
[ $step -ge 4 ] || step=4
kb=$((out_kb + 4))
succeeded=no
while [ $kb -le $((out_kb + new_kb + 64)) ]; do
	unshare -m sh "$T/full.sh" "$kb"
	rc=$?
	case $rc in
	0) ;;
	10) succeeded=yes; break ;;
	77) echo "skip: cannot mount a tmpfs"; exit 0 ;;
	*) fail "full disk at ${kb}k" ;;
	esac
	kb=$((kb + step))
done
[ $succeeded = yes ] || fail "the build never succeeded, even with room for it"
# Between the last failure and the first success, page by page (4k):
# here the disk fills while the metadata and the journal are written.
k=$((kb - step + 4))
while [ $k -lt $kb ]; do
	unshare -m sh "$T/full.sh" "$k"
	case $? in
	0 | 10) ;;
	*) fail "full disk at ${k}k" ;;
	esac
	k=$((k + 4))
done
exit 0
