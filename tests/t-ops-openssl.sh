#!/bin/sh
# The outputs' checksums (the metadata's SHA-1 and SHA-512) and the hash
# of the HTML's one script come from Nettle, which reads no
# configuration.  OpenSSL computed them before, and a machine's
# openssl.cnf that activates a provider which is not there made every
# build fail ("OpenSSL cannot compute SHA-1 and SHA-512 checksums");
# libcrypto is still loaded (libzip and libxlsxwriter link it).  With
# such a file in OPENSSL_CONF the build succeeds, with the same bytes
# as without it.
. "$ROOT/tests/ops-lib.sh"

pr_build "$ROOT/inputs" "$T/a" "$T/a.sqlite" || fail "the first build failed"

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
OPENSSL_CONF="$T/broken.cnf" pr_build "$ROOT/inputs" "$T/b" "$T/b.sqlite" \
    2>"$T/err" || { cat "$T/err" >&2; fail "a broken openssl.cnf made the build fail"; }
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "a broken openssl.cnf brought messages"; }
[ "$(tree_sum "$T/a")" = "$(tree_sum "$T/b")" ] ||
	fail "a broken openssl.cnf changed the outputs"
grep -q "'sha256-[A-Za-z0-9+/]*='" "$T/b"/*.html ||
	fail "the HTML has no hash of its script"
echo "ok: the machine's openssl.cnf changes nothing"
