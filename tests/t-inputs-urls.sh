#!/bin/sh
# E-mail and web addresses of the settings: each wrong form is an
# error at the value's file:line:col with
# exit 1; right forms pass.  tests/inputs/contact-addresses holds the
# web-address forms with their messages.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

base=$ROOT/tests/inputs/control-char/00-base.yaml
mkdir "$T/in"

# put LINES: the base with LINES in place of its e-mail line, as a.yaml
put() {
	python3 - "$base" "$1" "$T/in/a.yaml" <<'PY'
import sys
s = open(sys.argv[1]).read().replace("    email: a11y@example.org", sys.argv[2])
open(sys.argv[3], "w").write(s)
PY
}

# email VALUE EXPECTED-STATUS [MESSAGE-PART]
email() {
	put "    email: '$1'"
	timeout 60 "$PR" check --quiet --inputs "$T/in" \
	    --templates "$ROOT/report-templates" >/dev/null 2>"$T/err"
	expect_status "$2" $? "email $1"
	if [ -n "${3:-}" ]; then
		grep -q -F "a.yaml:11:12: error: \"$1\" is not an e-mail address such as accessibility@example.org; $3" "$T/err" ||
			fail "email $1: message: $(cat "$T/err")"
	fi
}
email 'a11y@example.org' 0
email 'first.last+tag@sub.example-town.de' 0
email 'mailto:a11y@example.org' 1 'write the address without "mailto:"'
email 'a11y@example.org?subject=Hi&bcc=x@evil.org' 1 "a '?' (mail headers"
email 'a..b@example.org' 1 "the part before '@'"
email '.a@example.org' 1 "the part before '@'"
email 'a b@example.org' 1 "the part before '@'"
email 'a11y@localhost' 1 "the domain after '@' needs a dot"
email 'a11y@exa_mple.org' 1 "the domain after '@'"
email 'a11y@example..org' 1 "the domain after '@'"
email 'a11y@example.org.' 1 "the domain after '@'"

# url VALUE EXPECTED-STATUS [MESSAGE-PART]
url() {
	put "    email: a11y@example.org
    url: '$1'"
	timeout 60 "$PR" check --quiet --inputs "$T/in" \
	    --templates "$ROOT/report-templates" >/dev/null 2>"$T/err"
	expect_status "$2" $? "url $(echo "$1" | cut -c1-60)"
	if [ -n "${3:-}" ]; then
		grep -q -F "a.yaml:12:10: error: " "$T/err" && grep -q -F "$3" "$T/err" ||
			fail "url: message: $(cut -c1-300 "$T/err")"
	fi
}
url 'https://www.example.org/barrierefreiheit' 0
url 'HTTPS://Example.org:8443/a/b;c?d=e&f=%C3%9F#top' 0
url 'https://example.org/a b' 1 'a space is not allowed in a web address (RFC 3986)'
url 'https://example.org/<b>' 1 "the character '<' (U+003C) is not allowed"
url 'javascript:alert(1)' 1 'it must start with https:// or http://'
# The documented maximum: 2,000 characters (a 60,000-character URL
# made a 752 MB PDF).
long=https://example.org/$(head -c 60000 /dev/zero | tr '\0' a)
url "$long" 1 'it has 60020 characters; a web address may have at most 2000'
finish
