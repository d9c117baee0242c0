#!/bin/sh
# The sRGB colour profile the PDF/A output intent embeds is read from
# the system (Debian's colord-data) as the inputs are: a missing profile
# is one clear message naming the package (exit 3), and a FIFO or a
# folder in its place is refused at once (the run hung on a FIFO),
# each time with the previous reports and history as they were.  The
# system's file is hidden or replaced in a mount namespace of the build
# alone (unshare(1); as root, or in a user namespace).
. "$ROOT/tests/ops-lib.sh"

ICC=/usr/share/color/icc/colord/sRGB.icc
[ -f "$ICC" ] || fail "no $ICC (Debian's colord-data is a build dependency)"
if [ "$(id -u)" = 0 ]; then NS="unshare -m"; else NS="unshare -r -m"; fi
$NS true 2>/dev/null || { echo "skip: cannot make a mount namespace ($NS)"; exit 77; }

build_before

# in_ns SETUP WHAT: a build (a later build date, so that one that went
# on would change every file) after the shell commands SETUP in a
# namespace of its own; its stderr in $T/err, exit status in $rc.
in_ns() {
	fresh_out
	SOURCE_DATE_EPOCH=1830297600 $NS sh -c "$1"' && exec timeout 60 "$@"' sh \
	    "$PR" build --quiet --inputs "$ROOT/inputs" --output "$T/out" \
	    --db "$T/db" --templates "$ROOT/report-templates" 2>"$T/err"
	rc=$?
	[ "$rc" = 124 ] && bad "$2: hangs"
	unchanged "$2"
}

# Missing: colord-data's folder and an installed copy's hidden.
hide="mount -t tmpfs none /usr/share/color"
[ -d /usr/local/share/progress-report ] &&
	hide="$hide && mount -t tmpfs none /usr/local/share/progress-report"
in_ns "$hide" "no profile"
[ "$rc" = 3 ] || { cat "$T/err" >&2; bad "no profile: exit status $rc, expected 3"; }
grep -q "^progress-report: error: no sRGB colour profile for the PDF/A output intent (looked for .*$ICC.*); install Debian's package colord-data$" "$T/err" ||
	{ cat "$T/err" >&2; bad "no profile: no message naming the file and colord-data"; }
[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err" >&2; bad "no profile: more than one message"; }

# check finds it missing too: the January build would stop.
SOURCE_DATE_EPOCH=1830297600 $NS sh -c "$hide"' && exec timeout 60 "$@"' sh \
    "$PR" check --inputs "$ROOT/inputs" --templates "$ROOT/report-templates" \
    2>"$T/err"
rc=$?
[ "$rc" = 3 ] || { cat "$T/err" >&2; bad "check, no profile: exit status $rc, expected 3"; }
grep -q "^progress-report: error: no sRGB colour profile for the PDF/A output intent (looked for .*$ICC.*); install Debian's package colord-data$" "$T/err" ||
	{ cat "$T/err" >&2; bad "check, no profile: no message naming the file and colord-data"; }

# A FIFO mounted over the profile; a folder in its place.
mkfifo "$T/fifo"
for what in fifo folder; do
	case $what in
	fifo) setup="mount --bind '$T/fifo' '$ICC'" ;;
	folder) setup="mount -t tmpfs none '${ICC%/*}' && mkdir '$ICC'" ;;
	esac
	in_ns "$setup" "a $what as the profile"
	[ "$rc" = 1 ] || { cat "$T/err" >&2; bad "a $what: exit status $rc, expected 1"; }
	grep -q "^$ICC: error: this is not a regular file (it is a .*); colour profiles must be regular files$" "$T/err" ||
		{ cat "$T/err" >&2; bad "a $what: no message that the profile must be a regular file"; }
done
cases_done
