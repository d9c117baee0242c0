#!/bin/sh
# Drafts: build --draft writes BASE-entwurf.pdf and
# .html (BASE-draft.* in English) beside the final report and leaves
# it, the history and the OParl metadata alone; every PDF page carries
# the mark as an artifact, the title says "(Entwurf)", the HTML opens
# with a role="note" banner; the draft passes the PDF checks
# (tests/pdfcheck.py) and the browser checks of t-html-browser; a final
# build carries none of the marks.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
. "$ROOT/tests/pdfcheck/lib.sh"
need_readers
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH
out=$T/out db=$T/history.sqlite base=progress-report-2026

. "$ROOT/tests/lib/variant.sh"
variant_beside --draft entwurf draft
"$PR" check --draft --inputs "$ROOT/inputs" 2>"$T/err"
expect_status 2 $? "check --draft"

PDF=$out/$base-entwurf.pdf
check_pdf "$PDF" "the draft"
checks=$((checks + 1))
pdfinfo "$PDF" | grep -q '^Title: .*(Entwurf)$' || fail "the draft's PDF title lacks (Entwurf)"
pdfinfo "$out/$base-draft.pdf" | grep -q '^Title: .*(Draft)$' || fail "the English draft's title lacks (Draft)"
pdfinfo "$out/$base.pdf" | grep -q 'Entwurf' && fail "the final report's title says Entwurf"
# The mark on every page, as an artifact: in the text, not in the
# structure tree.
"$PY" - "$PDF" "$out/$base.pdf" <<'PY' || fail "the draft's marks in the PDF are wrong"
import sys, pikepdf
def marks(path):
    n = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            data = b"".join(c.read_bytes() for c in
                            (page.Contents if isinstance(page.Contents, pikepdf.Array)
                             else [page.Contents]))
            n.append(data.count(b"/Subtype /Watermark>> BDC"))
    return n
draft, final = marks(sys.argv[1]), marks(sys.argv[2])
assert all(k == 1 for k in draft), draft
assert not any(final), final
print("ok: the mark on all %d pages, none in the final report" % len(draft))
PY
pdftotext -enc UTF-8 "$PDF" - | grep -c ENTWURF >"$T/n"
checks=$((checks + 1))
[ "$(cat "$T/n")" -ge "$(pdfinfo "$PDF" | awk '/^Pages:/ { print $2 }')" ] ||
	fail "pdftotext finds ENTWURF on fewer lines than there are pages"
# The PDF structure (what a screen reader reads) has no mark.
pdfinfo -struct-text "$PDF" 2>/dev/null | grep -q ENTWURF && fail "the mark is in the structure tree"

HTML=$out/$base-entwurf.html
checks=$((checks + 1))
grep -q '<header>
<div class="notice" role="note"><p><strong>ENTWURF</strong>' "$HTML" ||
	grep -A1 '^<header>$' "$HTML" | grep -q 'role="note"><p><strong>ENTWURF</strong>' ||
	fail "the draft's HTML does not open with a role=note banner"
grep -q '<title>[^<]*(Entwurf)</title>' "$HTML" || fail "the draft's HTML title lacks (Entwurf)"
grep -q 'role="note"><p><strong>DRAFT</strong>' "$out/$base-draft.html" ||
	fail "the English draft's HTML has no DRAFT banner"
grep -q 'role="note"\|Entwurf)' "$out/$base.html" && fail "the final HTML carries a draft mark"

# The browser checks of t-html-browser.sh, on both drafts.
. "$ROOT/tests/lib/browser.sh"
if [ -n "${PR_SANITIZED:-}" ]; then
	echo "browser checks skipped under the sanitizers"
elif browser_tools; then
	shots=$B/screenshots
	mkdir -p "$shots"
	check_page "$out/$base-entwurf.html" "$base-entwurf"
	check_page "$out/$base-draft.html" "$base-draft"
else
	fail "the browser test tools are missing: run sh tools/deps.sh test and sh tools/npm.sh"
fi
finish
