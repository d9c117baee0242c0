#!/bin/sh
# A build killed with SIGKILL never loses a report:
#
#  - at each named point of the test hook (PROGRESS_REPORT_TEST_KILL,
#    see docs/operations.md): before the commit is decided the previous
#    outputs stay byte-identical; after it, the next run completes the
#    new set; the history passes PRAGMA integrity_check and holds either
#    the previous or the new snapshot, never a mixture;
#  - at increasing delays (kill -KILL), wherever the build happens
#    to be: each output file is the old or the new one, an all-or-nothing
#    set unless a commit journal is there to complete it.
#
# After every kill, the next ordinary build succeeds and gives exactly
# the outputs of an undisturbed build, with no temporary file left.
. "$ROOT/tests/ops-lib.sh"

cp -R "$ROOT/inputs" "$T/old-in"
cp -R "$ROOT/inputs" "$T/new-in"
# The new inputs differ from the old in one milestone title, so that
# every output file and the snapshot differ between the two builds.
f=$(first_file_with progress)
[ -n "$f" ] || fail "no input file with milestones (progress:)"
python3 "$ROOT/tests/lib/ops_mutate.py" "$T/new-in/$f" title --append " (neu)" ||
	fail "could not change $f"
cmp -s "$ROOT/inputs/$f" "$T/new-in/$f" && fail "could not change $f"

# The previous state: old inputs built once.
mkdir "$T/old"
pr_build "$T/old-in" "$T/old/out" "$T/old/db" || fail "the old build failed"
old_tree=$(tree_sum "$T/old/out")
old_db=$(db_sum "$T/old/db")
[ -n "$(ls "$T/old/out"/*.pdf)" ] || fail "the old build wrote no PDF"

# The reference: the new inputs built over the previous state.
cp -R "$T/old" "$T/ref"
pr_build "$T/new-in" "$T/ref/out" "$T/ref/db" || fail "the new build failed"
new_tree=$(tree_sum "$T/ref/out")
new_db=$(db_sum "$T/ref/db")
[ "$old_tree" != "$new_tree" ] || fail "old and new outputs are equal"
[ "$old_db" != "$new_db" ] || fail "old and new snapshots are equal"

# final_sum DIR: tree_sum without temporaries and journal.
final_sum() {
	tree_sum "$1" | grep -v -E '\.tmp-[A-Za-z0-9]+$|/\.progress-report\.commit$'
}

# finish_and_compare DIR: the next cron run completes and equals the
# undisturbed build.
finish_and_compare() {
	pr_build "$T/new-in" "$1/out" "$1/db" ||
		fail "$2: the build after the kill failed"
	[ "$(tree_sum "$1/out")" = "$new_tree" ] ||
		fail "$2: outputs after the next build differ from an undisturbed build"
	[ "$(db_sum "$1/db")" = "$new_db" ] ||
		fail "$2: history after the next build differs"
	no_temps "$1/out"
	db_check "$1/db"
}

for point in locked synced history-staged commit decided renamed-first; do
	k=$T/k-$point
	cp -R "$T/old" "$k"
	PROGRESS_REPORT_TEST_KILL=$point pr_build "$T/new-in" "$k/out" "$k/db" \
	    2>"$T/err"
	rc=$?
	[ "$rc" = 137 ] || { cat "$T/err"; fail "$point: exit status $rc, expected 137 (SIGKILL)"; }
	grep -q "killed at $point" "$T/err" || fail "$point: the hook did not fire"
	db_check "$k/db"
	case $point in
	locked | synced | history-staged)
		[ "$(final_sum "$k/out")" = "$old_tree" ] ||
			fail "$point: previous outputs changed"
		[ "$(db_sum "$k/db")" = "$old_db" ] ||
			fail "$point: history changed though the build did not finish"
		;;
	commit)
		# The snapshot is committed just before the outputs: the
		# window documented in docs/operations.md.
		[ "$(final_sum "$k/out")" = "$old_tree" ] ||
			fail "$point: previous outputs changed"
		[ "$(db_sum "$k/db")" = "$new_db" ] ||
			fail "$point: history is not the new snapshot"
		;;
	decided | renamed-first)
		[ -f "$k/out/.progress-report.commit" ] ||
			fail "$point: no commit journal left to complete"
		# The next run, whatever its inputs, first completes the
		# decided commit: stop it right after and look.
		PROGRESS_REPORT_TEST_KILL=locked pr_build "$T/old-in" \
		    "$k/out" "$k/db" 2>/dev/null
		[ "$(final_sum "$k/out")" = "$new_tree" ] ||
			fail "$point: the next run did not complete the new set"
		[ -f "$k/out/.progress-report.commit" ] &&
			fail "$point: the journal is still there"
		;;
	esac
	finish_and_compare "$k" "$point"
	echo "ok: killed at $point"
done

# Kills wherever the build is, at fractions of its undisturbed time.
start=$(date +%s%N)
cp -R "$T/old" "$T/timing"
pr_build "$T/new-in" "$T/timing/out" "$T/timing/db" || fail "timing build failed"
ns=$(( $(date +%s%N) - start ))
for pct in 5 15 30 45 60 75 85 95; do
	k=$T/t-$pct
	cp -R "$T/old" "$k"
	delay=$(awk -v ns="$ns" -v p="$pct" 'BEGIN { printf "%.3f", ns * p / 100 / 1e9 }')
	# Not timeout(1): with -s KILL it kills its own process group and
	# returns before the build has died, and a dying build (slow under
	# ASan) may still hold the history's lock.  wait reaps it.
	"$PR" build --quiet --inputs "$T/new-in" --output "$k/out" \
	    --db "$k/db" --templates "$ROOT/report-templates" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	db_check "$k/db"
	d=$(db_sum "$k/db")
	[ "$d" = "$old_db" ] || [ "$d" = "$new_db" ] ||
		fail "after a kill at ${delay}s the history is neither snapshot"
	now=$(final_sum "$k/out")
	if [ ! -f "$k/out/.progress-report.commit" ]; then
		[ "$now" = "$old_tree" ] || [ "$now" = "$new_tree" ] ||
			fail "after a kill at ${delay}s the outputs are a mixture without a journal"
	fi
	finish_and_compare "$k" "kill at ${delay}s"
	echo "ok: killed at ${delay}s (exit $rc)"
done
exit 0
