#!/bin/sh
# A FIFO where the tool expects a file never hangs a run: among the
# inputs, as a template folder's locale.yaml, or
# as the output folder's commit journal (read inside the lock), it is
# refused at once with "is not a regular file" naming it, and nothing
# changes.  Every build here runs under timeout(1): a hang fails.
. "$ROOT/tests/ops-lib.sh"

build_before

fresh() {
	rm -rf "$T/in" "$T/tpl"
	cp -R "$ROOT/inputs" "$T/in"
	fresh_out
}

fresh
mkfifo "$T/in/zz-fifo.yaml"
run_build 1 "FIFO among the inputs" --inputs "$T/in" --output "$T/out" --db "$T/db" &&
	says "FIFO among the inputs" "zz-fifo\.yaml: error: this is not a regular file \(it is a FIFO\)"
unchanged "FIFO among the inputs"

fresh
cp -R "$ROOT/report-templates" "$T/tpl"
rm "$T/tpl/de/locale.yaml"
mkfifo "$T/tpl/de/locale.yaml"
timeout 60 "$PR" build --quiet --inputs "$T/in" --output "$T/out" --db "$T/db" \
    --templates "$T/tpl" --lang de 2>"$T/err"
rc=$?
if [ "$rc" = 124 ]; then
	bad "FIFO as locale.yaml: hangs"
elif [ "$rc" != 1 ]; then
	cat "$T/err" >&2
	bad "FIFO as locale.yaml: exit status $rc, expected 1"
else
	says "FIFO as locale.yaml" "locale\.yaml: error: this is not a regular file \(it is a FIFO\)"
fi
unchanged "FIFO as locale.yaml"

fresh
mkfifo "$T/out/.progress-report.commit"
old_tree=$(tree_sum "$T/out")
run_build 3 "FIFO as the commit journal" --inputs "$T/in" --output "$T/out" --db "$T/db" &&
	says "FIFO as the commit journal" "\.progress-report\.commit: error: this is not a regular file \(it is a FIFO\)"
[ "$(tree_sum "$T/out")" = "$old_tree" ] || bad "FIFO as the commit journal: the reports changed"
[ "$(db_sum "$T/db")" = "$old_db" ] || bad "FIFO as the commit journal: the history changed"
cases_done
