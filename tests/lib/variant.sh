# variant.sh - checks shared by the reports written beside the full one
# (build --draft, build --easy); sourced after common.sh, with $out, $db
# and $base set.

# variant_beside OPTION ENDING_DE ENDING_EN - the sample's full report
# first, then OPTION in German and English: the variant's four files are
# added, the full report and the history are not touched, no OParl
# metadata is written for the variant, and without a history it creates
# none.
variant_beside() {
	_opt=$1 _de=$2 _en=$3
	_build() {
		"$PR" build --quiet --inputs "$ROOT/inputs" --output "$out" --db "$db" \
		    --templates "$ROOT/report-templates" "$@" >"$T/build.log" 2>&1
		expect_status 0 $? "build $* ($(tail -3 "$T/build.log"))"
	}
	_build
	snapshot "$out" "$db" "$T/before"
	_build "$_opt"
	checks=$((checks + 1))
	[ -s "$T/build.log" ] && { cat "$T/build.log" >&2; fail "build $_opt of the sample printed warnings"; }
	_build "$_opt" --lang en
	snapshot "$out" "$db" "$T/after"
	checks=$((checks + 1))
	cmp -s "$T/before" "$T/after" && fail "build $_opt wrote nothing"
	grep -v -- "-$_de\.\|-$_en\." "$T/after" >"$T/after.full"
	checks=$((checks + 1))
	cmp -s "$T/before" "$T/after.full" ||
		{ diff "$T/before" "$T/after.full" | head >&2; fail "build $_opt changed the full report or the history"; }
	for _f in "$base-$_de.pdf" "$base-$_de.html" "$base-$_en.pdf" "$base-$_en.html"; do
		checks=$((checks + 1))
		[ -f "$out/$_f" ] || fail "build $_opt wrote no $_f"
	done
	checks=$((checks + 1))
	ls "$out" | grep -E -- "-($_de|$_en)\..*oparl" && fail "build $_opt wrote OParl metadata"
	rm -f "$T/none.sqlite"
	"$PR" build --quiet "$_opt" --inputs "$ROOT/inputs" --output "$T/o2" \
	    --db "$T/none.sqlite" --templates "$ROOT/report-templates" 2>"$T/err"
	expect_status 0 $? "build $_opt without a history"
	checks=$((checks + 1))
	[ -e "$T/none.sqlite" ] && fail "build $_opt created a history"
}
