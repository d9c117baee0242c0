#!/bin/sh
# Deep template expressions: 50,000 prefix "-" or
# "not", or a chain of as many operators or filters, are refused with
# a message at the template's file:line:col and exit status 1, instead
# of overflowing the stack.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

# deep NAME PYTHON-EXPRESSION-FOR-THE-TEMPLATE
deep() {
	rm -rf "$T/rt"
	cp -R "$ROOT/report-templates" "$T/rt"
	python3 -c "import sys; sys.stdout.write($2)" >"$T/rt/de/report.tmpl"
	timeout 120 "$PR" check --quiet --inputs "$ROOT/inputs" \
	    --templates "$T/rt" --lang de >/dev/null 2>"$T/err"
	expect_status 1 $? "$1"
	grep -q "rt/de/report.tmpl:1:[0-9]*: error: the expression is nested more than 64 levels deep" "$T/err" ||
		fail "$1: no message about the depth: $(head -c 300 "$T/err")"
}

deep minus "'{{ ' + '-' * 50000 + '1 }}\n'"
deep not "'{% if ' + 'not ' * 50000 + 'true %}x{% endif %}\n'"
deep plus "'{{ ' + '1+' * 50000 + '1 }}\n'"
deep and "'{% if ' + 'true and ' * 50000 + 'true %}x{% endif %}\n'"
deep filter "'{{ settings.title' + '|upper' * 50000 + ' }}\n'"
finish
