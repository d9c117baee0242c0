#!/bin/sh
# SIGTERM (systemd stopping the job) and SIGINT (Ctrl-C) end a build
# cleanly: exit status 5, temporary files and the
# journal removed, the previous reports and history as they were, one
# message saying so.  The build is held by the test hook at a point
# with temporaries on disk, signalled, then let go.
. "$ROOT/tests/ops-lib.sh"

build_before

# signalled SIG POINT: a build held at POINT gets SIG, then SIGCONT.
signalled() {
	fresh_out
	# A later build date: a build that went on would change every file.
	SOURCE_DATE_EPOCH=1830297600 hold_at "$2" "$ROOT/inputs" "$T/out" "$T/db"
	ls -A "$T/out" | grep -q -E '\.tmp-' || bad "$1 at $2: no temporary files to clean up"
	kill -"$1" "$held"
	kill -CONT "$held"
	wait "$held"
	rc=$?
	[ "$rc" = 5 ] || { cat "$T/held.err" >&2; bad "$1 at $2: exit status $rc, expected 5"; }
	grep -q -E "^progress-report: error: stopped by SIG$1; " "$T/held.err" ||
		{ cat "$T/held.err" >&2; bad "$1 at $2: no message saying why it stopped"; }
	[ "$(wc -l <"$T/held.err")" = 1 ] || { cat "$T/held.err" >&2; bad "$1 at $2: more than one message"; }
	unchanged "$1 at $2"
	ls "$T" | grep -q -- '-journal$' && bad "$1 at $2: a journal of the history is left"
}

signalled TERM synced
signalled TERM history-staged
# A shell's background job starts with SIGINT ignored; env(1) gives the
# build the default disposition, as a terminal's foreground job has.
HOLD_ENV=--default-signal=INT
signalled INT synced
signalled INT history-staged
HOLD_ENV=

# Ignored from the start (nohup), SIGINT stays ignored: the build
# finishes.
fresh_out
HOLD_ENV=--ignore-signal=INT
hold_at synced "$ROOT/inputs" "$T/out" "$T/db"
HOLD_ENV=
kill -INT "$held"
kill -CONT "$held"
wait "$held"
rc=$?
[ "$rc" = 0 ] || { cat "$T/held.err" >&2; bad "an ignored SIGINT: exit status $rc, expected 0"; }
cases_done
