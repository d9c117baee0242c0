#!/bin/sh
# The PDF draws its pages after the tree's nodes are freed, once the HTML
# is rendered too (pr_doc_shed(): a fifth of M's peak memory): from its
# own boxes, copies of the links' targets and texts and of the
# anchors' names, the drawings and the document's own texts.  The last
# layout (the only one of a small report, the second of one laid out
# twice) frees the tree part by part as it goes (pr_doc_release()).
# So does the HTML, and a part goes once both have passed it.  With the
# tree in parts of 2 kB and the HTML made to finish first (test hooks),
# the tree is always gone before the first page is drawn, and the parts
# behind the layout are freed; with the PDF laid out first, the parts
# behind the HTML are.  The outputs must be the same bytes as a build
# where they are not, laid out once and twice.  Under the sanitizers
# (make check's second pass) a read of a freed node fails.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600

for keep in "" 200000; do
	for hook in plain HTML_FIRST PDF_FIRST; do
		out=$T/out-${keep:-whole}-$hook
		case $hook in
		plain) set -- ;;
		*) set -- PROGRESS_REPORT_TEST_$hook=1 \
		    PROGRESS_REPORT_TEST_PART_BYTES=2048 ;;
		esac
		env ${keep:+PROGRESS_REPORT_TEST_LAYOUT_KEEP=$keep} "$@" \
		    "$PR" build --quiet --inputs "$ROOT/inputs" \
		    --templates "$ROOT/report-templates" --output "$out" \
		    --db "$out.db" 2>"$T/err"
		expect_status 0 $? "build ${keep:+laid out twice }$hook ($(head -3 "$T/err"))"
	done
	for hook in HTML_FIRST PDF_FIRST; do
		for f in "$T/out-${keep:-whole}-plain"/*; do
			checks=$((checks + 1))
			cmp -s "$f" "$T/out-${keep:-whole}-$hook/${f##*/}" ||
			    fail "${f##*/} ${keep:+laid out twice }differs with $hook"
		done
	done
done
echo "$checks checks"
finish
