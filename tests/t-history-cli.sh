#!/bin/sh
# The history through the command line: build creates
# it and stores one snapshot per year; check reads it but never creates
# or changes it; rebuilding a year replaces that year only; and a
# history that is not ours, damaged, of a newer version, read-only or
# locked stops build and check with the expected message and exit
# status, leaving the history and the previous outputs byte-for-byte as
# they were.  The "changes since the last report" facts themselves are
# checked in tests/unit/test_history.c.
set -u
. "$ROOT/tests/lib/common.sh"

need_binary
if [ ! -d "$ROOT/inputs" ] || [ ! -d "$ROOT/report-templates" ]; then
	echo "skip: no sample inputs or templates in $ROOT"
	exit 77
fi
for tool in sqlite3 python3 sha256sum; do
	command -v $tool >/dev/null || { echo "skip: $tool is missing"; exit 77; }
done
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH
unset PROGRESS_REPORT_TEST_KILL

# pr CMD DB OUT [options]: a run on the sample inputs in $T/in.
pr() {
	_cmd=$1 _db=$2 _out=$3
	shift 3
	if [ "$_cmd" = build ]; then
		"$PR" build --quiet --inputs "$T/in" --output "$_out" \
		    --db "$_db" --templates "$ROOT/report-templates" "$@"
	else
		"$PR" check --quiet --inputs "$T/in" --db "$_db" \
		    --templates "$ROOT/report-templates" "$@"
	fi
}

# sums DB OUT: checksums of the history and of every output file.
sums() {
	sha256sum "$1"
	[ -d "$2" ] && find "$2" -type f | LC_ALL=C sort | xargs sha256sum
}

# year_rows DB YEAR: that year's rows of every table, as text.
year_rows() {
	for t in snapshot milestone indicator indicator_value; do
		sqlite3 "$1" "SELECT * FROM $t WHERE year = $2 ORDER BY 1, 2, 3;"
	done
}

# set_year YEAR: the sample inputs as of another reporting year.
set_year() {
	python3 - "$T/in" "$1" <<'EOF'
import os, re, sys
folder, year = sys.argv[1], sys.argv[2]
for name in os.listdir(folder):
    p = os.path.join(folder, name)
    s = open(p, encoding="utf-8").read()
    s2 = re.sub(r"(?m)^(\s*reporting_year:\s*)\d{4}", r"\g<1>" + year, s)
    s2 = re.sub(r"(?m)^(\s*cutoff_date:\s*)\d{4}", r"\g<1>" + year, s2)
    if s2 != s:
        open(p, "w", encoding="utf-8").write(s2)
EOF
}

cp -R "$ROOT/inputs" "$T/in"
db=$T/history.sqlite
out=$T/out

# check without a history neither needs nor creates one.
pr check "$db" "$out" 2>"$T/e"
expect_status 0 $? "check on the sample inputs"
[ -e "$db" ] && fail "check created $db"

# The first build creates it, marked as ours, with one snapshot.
year=$(sed -n 's/^ *reporting_year: *\([0-9]\{4\}\).*/\1/p' "$T"/in/*.y*ml | head -n 1)
[ -n "$year" ] || fail "no reporting_year in the sample settings"
pr build "$db" "$out" 2>"$T/e"
expect_status 0 $? "first build"
[ -f "$db" ] || fail "the first build made no history"
checks=$((checks + 1))
[ "$(sqlite3 "$db" 'PRAGMA application_id;')" = 1347577971 ] ||
	fail "the history does not carry our application id"
[ "$(sqlite3 "$db" 'PRAGMA user_version;')" = 3 ] ||
	fail "the history's schema version is not 3"
[ "$(sqlite3 "$db" 'SELECT group_concat(year) FROM snapshot;')" = "$year" ] ||
	fail "the history does not hold exactly the $year snapshot"
nms=$(sqlite3 "$db" "SELECT count(*) FROM milestone WHERE year = $year;")
[ "$nms" -gt 0 ] || fail "the $year snapshot holds no milestones"

# check reads it and leaves it as it was.
sums "$db" "$out" >"$T/before"
pr check "$db" "$out" 2>"$T/e"
expect_status 0 $? "check with a history"
sums "$db" "$out" >"$T/after"
expect_same "$T/before" "$T/after" "history after check"

# Three consecutive years; rebuilding the middle one leaves the others.
y1=$year y2=$((year + 1)) y3=$((year + 2))
set_year "$y2"
pr build "$db" "$out" 2>"$T/e"
expect_status 0 $? "build of $y2"
set_year "$y3"
pr build "$db" "$out" 2>"$T/e"
expect_status 0 $? "build of $y3"
checks=$((checks + 1))
[ "$(sqlite3 "$db" 'SELECT group_concat(year) FROM (SELECT year FROM snapshot ORDER BY year);')" = "$y1,$y2,$y3" ] ||
	fail "the history does not hold $y1, $y2 and $y3"
year_rows "$db" "$y1" >"$T/y1.before"
year_rows "$db" "$y3" >"$T/y3.before"
set_year "$y2"
# A changed title, so that the rebuilt year differs.
python3 - "$T/in" <<'EOF'
import os, re, sys
for name in sorted(os.listdir(sys.argv[1])):
    p = os.path.join(sys.argv[1], name)
    s = open(p, encoding="utf-8").read()
    s2 = re.sub(r"(?m)^(    title: )(.*)$", r"\1\2 (neu)", s, count=1)
    if s2 != s and "milestones:" in s:
        open(p, "w", encoding="utf-8").write(s2)
        break
EOF
pr build "$db" "$out" 2>"$T/e"
expect_status 0 $? "rebuild of $y2"
year_rows "$db" "$y1" >"$T/y1.after"
year_rows "$db" "$y3" >"$T/y3.after"
expect_same "$T/y1.before" "$T/y1.after" "the $y1 snapshot after rebuilding $y2"
expect_same "$T/y3.before" "$T/y3.after" "the $y3 snapshot after rebuilding $y2"
checks=$((checks + 1))
[ "$(sqlite3 "$db" "SELECT count(*) FROM milestone WHERE year = $y2 AND title LIKE '% (neu)';")" = 1 ] ||
	fail "the rebuilt $y2 snapshot does not hold the changed title"
set_year "$y1"

# refused DB WANT_STATUS MESSAGE WHAT: build and check both stop with
# the message, and nothing changes.
refused() {
	sums "$1" "$out" >"$T/before"
	pr build "$1" "$out" 2>"$T/e"
	expect_status "$2" $? "build with $4"
	grep -F -q -- "$1: error: $3" "$T/e" ||
		fail "build with $4: expected \"$1: error: $3\", got: $(cat "$T/e")"
	if [ "${5:-}" != build-only ]; then
		pr check "$1" "$out" 2>"$T/e"
		expect_status "$2" $? "check with $4"
		grep -F -q -- "$1: error: $3" "$T/e" ||
			fail "check with $4: expected \"$1: error: $3\", got: $(cat "$T/e")"
	fi
	sums "$1" "$out" >"$T/after"
	expect_same "$T/before" "$T/after" "history and outputs after $4"
	[ -e "$1-journal" ] && fail "$4: a journal was left behind"
}

bad=$T/notes.txt
printf 'Meilensteine 2027\n' >"$bad"
refused "$bad" 1 "this file is not a progress-report history: it is not an SQLite 3 database" "a text file"

bad=$T/other.sqlite
sqlite3 "$bad" 'CREATE TABLE kunden (id INTEGER, name TEXT); INSERT INTO kunden VALUES (1, "A");'
refused "$bad" 1 "this file is not a progress-report history: it is an SQLite database of another program" "another program's database"

bad=$T/damaged.sqlite
size=$(wc -c <"$db")
head -c $((size / 2)) "$db" >"$bad"
refused "$bad" 1 "the history is damaged" "a truncated history"

bad=$T/newer.sqlite
cp "$db" "$bad"
sqlite3 "$bad" 'PRAGMA user_version = 7;'
refused "$bad" 1 "the history was written by a newer progress-report (history schema version 7" "a newer history"

bad=$T/readonly.sqlite
cp "$db" "$bad"
chmod 444 "$bad"
refused "$bad" 3 "the history is read-only" "a read-only history" build-only
pr check "$bad" "$out" 2>"$T/e"
expect_status 0 $? "check with a read-only history"
chmod 644 "$bad"

# Locked by another program (an sqlite3 session with a write lock):
# build and check both report it (exit 4) and change nothing.
bad=$T/locked.sqlite
cp "$db" "$bad"
python3 - "$bad" "$T/locked" <<'EOF' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
c.execute("ROLLBACK")
EOF
holder=$!
n=0
while [ ! -e "$T/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
[ -e "$T/locked" ] || fail "the lock holder did not start"
refused "$bad" 4 "the history is locked by another program" "a locked history"
rm -f "$T/locked"
wait $holder

# After all this the real history still builds.
pr build "$db" "$out" 2>"$T/e"
expect_status 0 $? "build after the refusals"
finish
