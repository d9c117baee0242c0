#!/bin/sh
# Links and folders planted in the output folder, which may be public
# and writable by others:
#
#  - the lock file as a symbolic link to the history, a dangling link,
#    or a hard link to the history: refused (exit 3, a message naming
#    it); the history is not emptied, nothing is made outside the folder;
#  - links planted at the temporary names a build uses (the pid is in
#    the lock file): never followed, their targets stay unchanged, and
#    the reports put in place are files, not the links;
#  - a folder where a report's final name is (the OParl file's): found
#    before the history commits; exit 3 then really means that the
#    previous reports and history are intact.
. "$ROOT/tests/ops-lib.sh"

build_before
lock=.progress-report.lock

fresh() {
	rm -rf "$T/elsewhere"
	fresh_out
}

fresh
rm "$T/out/$lock"
ln -s "$T/db" "$T/out/$lock"
run_build 3 "lock -> history" --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db" &&
	says "lock -> history" "$lock: error: this is not a regular file \(it is a symbolic link\)"
unchanged "lock -> history"

fresh
rm "$T/out/$lock"
ln "$T/db" "$T/out/$lock"
run_build 3 "lock hard-linked to the history" --inputs "$ROOT/inputs" \
    --output "$T/out" --db "$T/db" &&
	says "lock hard-linked" "$lock: error: this file has 2 names"
unchanged "lock hard-linked to the history"

fresh
rm "$T/out/$lock"
ln -s "$T/elsewhere" "$T/out/$lock"
run_build 3 "dangling lock link" --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db"
[ -e "$T/elsewhere" ] && bad "dangling lock link: a file was made outside the output folder"
unchanged "dangling lock link"

# Links at the temporary names of a build held inside its lock, named
# from the pid in the lock file as an attacker would.
fresh
echo "victim" >"$T/victim"
hold_at locked "$ROOT/inputs" "$T/out" "$T/db"
pid=$(cat "$T/out/$lock")
[ "$pid" = "$held" ] || bad "the lock file does not hold the build's pid"
for s in pdf html oparl.json; do
	ln -s "$T/victim" "$T/out/.progress-report-2026.$s.tmp-$pid"
done
ln -s "$T/victim" "$T/out/.progress-report.commit.tmp-$pid"
kill -CONT "$held"
wait "$held"
rc=$?
[ "$rc" = 0 ] || { cat "$T/held.err"; bad "links at temporary names: exit status $rc"; }
[ "$(cat "$T/victim")" = victim ] || bad "a link at a temporary name was followed: its target was overwritten"
for f in "$T/out"/progress-report-2026.*; do
	[ -L "$f" ] && bad "$f is a planted link put in place as a report"
done

# The OParl file's final name is a folder: refused before anything
# changes, and the message names it.
fresh
rm "$T/out/progress-report-2026.oparl.json"
mkdir "$T/out/progress-report-2026.oparl.json"
old_tree=$(tree_sum "$T/out")
SOURCE_DATE_EPOCH=1830297600 run_build 3 "a folder at a final name" \
    --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db" &&
	says "a folder at a final name" "progress-report-2026\.oparl\.json: error: this is not a regular file \(it is a folder\)"
unchanged "a folder at a final name"

# A rename that fails all the same, after the history committed (a
# disk error, injected by tests/lib/fail_io.c): not "nothing lost"
# (3) but 6, naming the file; the next build completes the commit.
command -v cc >/dev/null || fail "no C compiler for tests/lib/fail_io.c"
cc -shared -fPIC -o "$T/fail_io.so" "$ROOT/tests/lib/fail_io.c" -ldl ||
	fail "cannot build tests/lib/fail_io.c"
fresh
SOURCE_DATE_EPOCH=1830297600 FAIL_RENAME=.html LD_PRELOAD="$T/fail_io.so" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0" \
    run_build 6 "a rename failing after the commit" --inputs "$ROOT/inputs" \
    --output "$T/out" --db "$T/db" &&
	says "a rename failing after the commit" "progress-report-2026\.html: error: cannot move the new report into place, after the history stored the new snapshot"
[ -f "$T/out/.progress-report.commit" ] || bad "a rename failing after the commit: no journal left"
# The reference starts from the same folder and history, since the
# OParl objects keep the date of the year's first publication.
rm -rf "$T/new" "$T/new.db"
cp -R "$T/before/out" "$T/new"
cp "$T/before/db" "$T/new.db"
SOURCE_DATE_EPOCH=1830297600 pr_build "$ROOT/inputs" "$T/new" "$T/new.db" ||
	fail "the reference build failed"
SOURCE_DATE_EPOCH=1830297600 run_build 0 "the build after a failed rename" \
    --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db"
[ "$(tree_sum "$T/out")" = "$(tree_sum "$T/new")" ] ||
	bad "the build after a failed rename: the reports differ from an undisturbed build"
no_temps "$T/out"
cases_done
