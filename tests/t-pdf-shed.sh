#!/bin/sh
# The PDF draws its pages after the tree's nodes are freed, once the HTML
# is rendered too (pr_doc_shed(): a fifth of M's peak memory): from its
# own boxes, copies of the links' targets and texts and of the
# anchors' names, the drawings and the document's own texts.  The last
# layout (the only one of a small report, the second of one laid out
# twice) frees the tree part by part as it goes (pr_doc_release()).
# With the HTML made to finish first and the tree in parts of 2 kB (test
# hooks), the tree is always gone before the first page is drawn, and
# the parts behind the layout are freed; the
# outputs must be the same bytes as a build where they are not, laid out
# once and twice.  Under the sanitizers (make check's second pass) a
# read of a freed node fails.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600

for keep in "" 200000; do
	for hook in "" 1; do
		out=$T/out-${keep:-whole}-${hook:-plain}
		env ${keep:+PROGRESS_REPORT_TEST_LAYOUT_KEEP=$keep} \
		    ${hook:+PROGRESS_REPORT_TEST_HTML_FIRST=1} \
		    ${hook:+PROGRESS_REPORT_TEST_PART_BYTES=2048} \
		    "$PR" build --quiet --inputs "$ROOT/inputs" \
		    --templates "$ROOT/report-templates" --output "$out" \
		    --db "$out.db" 2>"$T/err"
		expect_status 0 $? "build ${keep:+laid out twice }${hook:+HTML first }($(head -3 "$T/err"))"
	done
	for f in "$T/out-${keep:-whole}-plain"/*; do
		checks=$((checks + 1))
		cmp -s "$f" "$T/out-${keep:-whole}-1/${f##*/}" ||
		    fail "${f##*/} ${keep:+laid out twice }differs when the tree is freed before the PDF draws"
	done
done
echo "$checks checks"
finish
