#!/bin/sh
# A machine's openssl.cnf that activates a provider which is not there
# had made every build fail when OpenSSL computed the checksums ("OpenSSL
# cannot compute SHA-1 and SHA-512 checksums").  Nettle computes them
# now and a build loads no libcrypto (t-ops-sheetlib.sh); forms and
# import do, through libzip and libxlsxwriter.  With such a file in
# OPENSSL_CONF a build gives the same bytes as without it, and forms and
# import work, without a message.
. "$ROOT/tests/ops-lib.sh"

cat >"$T/broken.cnf" <<'CNF'
openssl_conf = conf
[conf]
providers = providers
[providers]
missing = missing
[missing]
module = /nonexistent/missing-provider.so
activate = 1
CNF

pr_build "$ROOT/inputs" "$T/a" "$T/a.sqlite" || fail "the first build failed"
OPENSSL_CONF="$T/broken.cnf" pr_build "$ROOT/inputs" "$T/b" "$T/b.sqlite" \
    2>"$T/err" || { cat "$T/err" >&2; fail "a broken openssl.cnf made the build fail"; }
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "a broken openssl.cnf brought messages to the build"; }
[ "$(tree_sum "$T/a")" = "$(tree_sum "$T/b")" ] ||
	fail "a broken openssl.cnf changed the outputs"
grep -q "'sha256-[A-Za-z0-9+/]*='" "$T/b"/*.html ||
	fail "the HTML has no hash of its script"

OPENSSL_CONF="$T/broken.cnf" "$PR" forms --quiet --inputs "$ROOT/inputs" \
    --output "$T/forms" 2>"$T/err" ||
	{ cat "$T/err" >&2; fail "a broken openssl.cnf made forms fail"; }
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "a broken openssl.cnf brought messages to forms"; }
cp -R "$ROOT/inputs" "$T/in"
OPENSSL_CONF="$T/broken.cnf" "$PR" import --quiet --inputs "$T/in" \
    "$ROOT/tests/forms/lo-presse.ods" 2>"$T/err" ||
	{ cat "$T/err" >&2; fail "a broken openssl.cnf made import fail"; }
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "a broken openssl.cnf brought messages to import"; }
echo "ok: the machine's openssl.cnf changes nothing"
