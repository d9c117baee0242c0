#!/bin/sh
# The history named with --db is one real file outside the output
# folder, and only what progress-report made runs in it:
#
#  - --db "" and --db :memory: (SQLite would keep the snapshot nowhere),
#    and --db naming a file in the output folder (spelled through a
#    link too, or named like a stale temporary that the clean-up would
#    remove) are wrong usage, exit 2, before anything is written;
#  - two first builds on one new history: the one that did not create
#    it never removes it, so the other's snapshot is kept;
#  - a history holding a trigger, view or index is refused (exit 1, a
#    message naming the file), before the trigger could run.
. "$ROOT/tests/ops-lib.sh"

build_before

# usage_error WHAT DB [OUTPUT]: refused as wrong usage, nothing written.
usage_error() {
	fresh_out
	run_build 2 "$1" --inputs "$ROOT/inputs" --output "${3:-$T/out}" --db "$2" &&
		says "$1" "progress-report: --db "
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || bad "$1: the reports changed"
}

# From the scratch folder: a build that takes the name after all must
# not leave its file in the source tree.
cd "$T" || fail "cannot change to $T"
usage_error '--db ""' ""
usage_error "--db :memory:" ":memory:"
usage_error "--db file:history.sqlite" "file:history.sqlite"
usage_error "--db in the output folder" "$T/out/history.sqlite"
[ -e "$T/out/history.sqlite" ] && bad "--db in the output folder: it was created"
ln -s "$T/out" "$T/outlink"
usage_error "--db in the output folder, named through a link" \
    "$T/out/history.sqlite" "$T/outlink"
# Named like a temporary file of an interrupted run: the clean-up
# must not take it.
fresh_out
stale=$T/out/.progress-report-2026.pdf.tmp-4711
cp "$T/db" "$stale"
sqlite3 "$stale" "INSERT INTO snapshot VALUES (2020, 'then', NULL, '0')" ||
	fail "cannot add a snapshot"
stale_db=$(db_sum "$stale")
run_build 2 "--db named like a stale temporary" --inputs "$ROOT/inputs" \
    --output "$T/out" --db "$stale"
[ -f "$stale" ] && [ "$(db_sum "$stale")" = "$stale_db" ] ||
	bad "--db named like a stale temporary: it was removed or changed"

# Two first builds on one new history, into different folders.  B
# finds no history and is held just before opening it (HOLD_OPEN of
# tests/lib/fail_io.c); A then creates it and holds its write
# transaction (stopped after staging); B, let go, finds the file locked
# and gives up (4).  B did not create the file, so it must not remove
# it: A's snapshot must be in it afterwards.
command -v cc >/dev/null || fail "no C compiler for tests/lib/fail_io.c"
cc -shared -fPIC -o "$T/fail_io.so" "$ROOT/tests/lib/fail_io.c" -ldl ||
	fail "cannot build tests/lib/fail_io.c"
rm -rf "$T/a" "$T/b" "$T/new.db" "$T/go" "$T/go.waiting"
HOLD_OPEN=new.db HOLD_UNTIL="$T/go" LD_PRELOAD="$T/fail_io.so" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0" \
    timeout 60 "$PR" build --quiet --inputs "$ROOT/inputs" --output "$T/b" \
    --db "$T/new.db" --templates "$ROOT/report-templates" 2>"$T/b.err" &
b=$!
i=0
until [ -e "$T/go.waiting" ]; do
	i=$((i + 1))
	[ $i -le 600 ] && kill -0 "$b" 2>/dev/null ||
		{ cat "$T/b.err"; fail "the second build never reached the history"; }
	sleep 0.1
done
hold_at history-staged "$ROOT/inputs" "$T/a" "$T/new.db"
touch "$T/go"
wait "$b"
rc=$?
[ "$rc" = 4 ] || { cat "$T/b.err" >&2; bad "the second first build: exit status $rc, expected 4"; }
kill -CONT "$held"
wait "$held"
rc=$?
[ "$rc" = 0 ] || { cat "$T/held.err" >&2; bad "the first first build: exit status $rc"; }
if [ -f "$T/new.db" ]; then
	n=$(sqlite3 "$T/new.db" 'SELECT count(*) FROM snapshot')
	[ "$n" = 1 ] || bad "the first first build's history holds $n snapshots"
else
	bad "the first first build exited $rc, but its history is gone"
fi

# Objects the tool never makes.
for obj in \
    "TRIGGER wipe AFTER INSERT ON snapshot BEGIN DELETE FROM milestone; END" \
    "VIEW latest AS SELECT max(year) FROM snapshot" \
    "INDEX by_status ON milestone (status)"; do
	fresh_out
	sqlite3 "$T/db" "CREATE $obj" || fail "sqlite3 cannot add $obj"
	with=$(db_sum "$T/db")
	name=$(echo "$obj" | cut -d' ' -f1 | tr 'A-Z' 'a-z')
	run_build 1 "a history with a $name" --inputs "$ROOT/inputs" \
	    --output "$T/out" --db "$T/db" &&
		says "a history with a $name" "^$T/db: error: .*holds the $name "
	[ "$(db_sum "$T/db")" = "$with" ] || bad "a history with a $name: it changed"
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || bad "a history with a $name: the reports changed"
done
cases_done
