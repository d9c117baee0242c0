#!/bin/sh
# The command line: help, version, and wrong usage with exit status 2
# and a message that says what is allowed.
set -u
. "$ROOT/tests/lib/common.sh"

"$PR" --help >"$T/help" 2>&1; expect_status 0 $? "--help"
grep -q "^usage: progress-report build" "$T/help" || fail "--help shows no usage"
grep -q "4  another run holds" "$T/help" || fail "--help lacks the exit-status table"
"$PR" --version >"$T/v" 2>&1; expect_status 0 $? "--version"
grep -Eq "^progress-report [0-9]+\.[0-9]+\.[0-9]+$" "$T/v" || fail "bad --version: $(cat "$T/v")"

"$PR" >/dev/null 2>"$T/e"; expect_status 2 $? "no command"
grep -q "a command is needed: build, check, forms or import" "$T/e" || fail "no-command message"
"$PR" frobnicate 2>"$T/e"; expect_status 2 $? "unknown command"
grep -q "unknown command; allowed are build, check, forms and import" "$T/e" || fail "unknown-command message"
"$PR" build --year 20x6 2>"$T/e"; expect_status 2 $? "bad year"
grep -q -- "--year takes a year" "$T/e" || fail "bad-year message"
"$PR" build --lang fr 2>"$T/e"; expect_status 2 $? "bad lang"
grep -q -- "--lang takes de or en" "$T/e" || fail "bad-lang message"
"$PR" build --missing 2>"$T/e"; expect_status 2 $? "--missing with build"
"$PR" check --no-such-option 2>"$T/e"; expect_status 2 $? "unknown option"
"$PR" check --inputs "$T/nonexistent" 2>"$T/e"; expect_status 3 $? "missing inputs folder"
grep -q "nonexistent: error: the inputs folder does not exist" "$T/e" || fail "missing-folder message: $(cat "$T/e")"
finish
