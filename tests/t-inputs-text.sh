#!/bin/sh
# Control characters from the inputs never reach the terminal or a log
# raw: not in messages, not in `check --missing`,
# not in the progress lines; and a list that cannot be written is a
# system failure (`check --missing > /dev/full`, exit 3).
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

# raw FILE WHAT: fails if FILE holds ESC, CR or C1 CSI (0x9b as UTF-8).
raw() {
	if LC_ALL=C grep -q "$(printf '[\033\r]')" "$1" ||
	    LC_ALL=C grep -q "$(printf '\302\233')" "$1"; then
		fail "$2 holds a raw control character: $(od -c "$1" | head -5)"
	fi
}

cp -R "$ROOT/tests/inputs/text-controls" "$T/in"
timeout 60 "$PR" check --inputs "$T/in" >"$T/out" 2>"$T/err"
expect_status 1 $? "check with control characters"
raw "$T/err" "check's messages"
grep -q -F 'unknown aspect "01x\x1b[2J"' "$T/err" ||
	fail "the unknown aspect is not quoted escaped: $(cat "$T/err")"

# --missing lists titles and units as they are: escaped.
cat >"$T/in/data.yaml" <<'YAML'
milestones:
  - id: M-1
    aspect: 01a
    title: "forged\r2026-01-01 progress-report: done\e[2J"
    planned: 2027-01-31
    status: planned
    responsible: "Unit\e]0;pwned\a"
YAML
timeout 60 "$PR" check --missing --inputs "$T/in" >"$T/out" 2>"$T/err"
expect_status 1 $? "check --missing with control characters"
raw "$T/out" "the --missing list"
raw "$T/err" "the --missing messages"
grep -q -F 'milestone M-1 "forged\r2026-01-01 progress-report: done\x1b[2J": never updated' "$T/out" ||
	fail "--missing line not escaped: $(cat "$T/out")"
grep -q -F 'Unit\x1b]0;pwned\x07' "$T/out" || fail "--missing unit not escaped"

# An inputs folder whose name holds ESC: the progress line escapes it.
mkdir "$T/$(printf 'in\033[31m')" &&
	cp "$ROOT"/inputs/* "$T/$(printf 'in\033[31m')/"
timeout 60 "$PR" check --inputs "$T/$(printf 'in\033[31m')" \
    --templates "$ROOT/report-templates" >/dev/null 2>"$T/err"
raw "$T/err" "the progress lines"

# A list that cannot be written: exit 3 and a message.
if [ -w /dev/full ]; then
	timeout 60 "$PR" check --quiet --missing --inputs "$ROOT/inputs" \
	    >/dev/full 2>"$T/err"
	expect_status 3 $? "check --missing >/dev/full"
	grep -q "standard output: error: cannot write the list" "$T/err" ||
		fail "no message for /dev/full: $(cat "$T/err")"
fi
finish
