#!/bin/sh
# Names that tell where you are: a screen reader's list of headings and
# its list of tables offer no two entries alike ("Meilensteine – 01a
# Homepage", not twelve "Meilensteine"), in the PDF's structure tree and
# in the HTML, German and English.  A heading and a caption may share a
# text; two headings (at any level) or two captions may not.
set -u
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/pdfcheck/lib.sh"
need_binary
need_readers
export SOURCE_DATE_EPOCH=1798761600

for lang in de en; do
	"$PR" build --quiet --lang $lang --inputs "$ROOT/inputs" \
	    --templates "$ROOT/report-templates" --output "$T/$lang" \
	    --db "$T/$lang.db" 2>"$T/err"
	expect_status 0 $? "build --lang $lang ($(head -3 "$T/err"))"
	for f in "$T/$lang"/*.pdf "$T/$lang"/*.html; do
		$PY "$ROOT/tests/names/names.py" "$f" >"$T/names" 2>&1
		expect_status 0 $? "names.py $f ($(tail -2 "$T/names"))"
		checks=$((checks + 1))
		[ "$(grep -c '^H' "$T/names")" -ge 20 ] ||
		    fail "$lang ${f##*.}: too few headings found: $(head -5 "$T/names")"
		grep -c '^Caption' "$T/names" | grep -qv '^0$' ||
		    fail "$lang ${f##*.}: no table captions found"
		sed 's/^H[1-6] /H /' "$T/names" | sort | uniq -d >"$T/dup"
		checks=$((checks + 1))
		[ -s "$T/dup" ] && fail "$lang ${f##*.}: names given more than once: $(head -5 "$T/dup" | tr '\n' '|')"
	done
done
finish
