# pdfcheck/lib.sh - shell helpers for the tests that read a PDF back
# (t-pdf-sample.sh, t-pdf-ua-rules.sh); sourced after tests/lib/common.sh.
# They record failures with fail() and go on.

PY=/usr/bin/python3
CHECK="$ROOT/tests/pdfcheck.py"
PDFJS_STRUCT="$ROOT/tests/pdfjs-struct.mjs"

# need_readers - skip (77) unless pikepdf, qpdf and poppler are there.
need_readers() {
	$PY -c "import pikepdf" 2>/dev/null || { echo "no python3-pikepdf"; exit 77; }
	for tool in qpdf pdfinfo pdftotext pdffonts; do
		command -v $tool >/dev/null || { echo "no $tool"; exit 77; }
	done
}

have_pdfjs() {
	command -v node >/dev/null &&
	    [ -f "$ROOT/tests/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ]
}

# pdfcheck_passes PDF WHAT - the checker finds nothing.
pdfcheck_passes() {
	$PY "$CHECK" "$1" >"$T/pdfcheck.out" 2>&1
	expect_status 0 $? "pdfcheck.py on $2"
	[ -s "$T/pdfcheck.out" ] && sed 's/^/pdfcheck: /' "$T/pdfcheck.out" | head -40 >&2
}

# outlines_agree PDF WHAT STRUCT - pikepdf (pdfcheck.py --list), poppler
# and pdf.js (pdfjs-struct.mjs) list the same headings, tables and
# figures in the same order.  STRUCT is what `pdfinfo -struct-text PDF`
# printed, or "-" to leave poppler out (it takes seconds of CPU per page
# of a large report: it runs the page's content once per element).
# Compared without whitespace (each reader joins lines its own way);
# poppler does not print /Alt, so for it a figure is just "Figure".
# Leaves the outlines in $T/o.pikepdf, $T/o.poppler and $T/o.pdfjs.
outlines_agree() {
	$PY "$CHECK" --list "$1" | grep -E '^(H[1-6]?|Table|Figure)( |$)' >"$T/o.pikepdf"
	grep -q '^H1 ' "$T/o.pikepdf" || fail "$2: pdfcheck --list found no H1"
	if [ "$3" != - ]; then
		$PY "$ROOT/tests/pdfcheck/poppler_outline.py" "$3" >"$T/o.poppler"
		sed 's/^Figure.*/Figure/; s/[[:space:]]//g' "$T/o.pikepdf" >"$T/n.pikepdf.noalt"
		sed 's/[[:space:]]//g' "$T/o.poppler" >"$T/n.poppler"
		expect_same "$T/n.pikepdf.noalt" "$T/n.poppler" \
			"$2: poppler's headings, tables and figures"
	fi
	if ! have_pdfjs; then
		echo "note: no tests/node_modules/pdfjs-dist (make npm): pdf.js part skipped"
		return
	fi
	node "$PDFJS_STRUCT" "$1" >"$T/o.pdfjs" 2>"$T/err.pdfjs"
	expect_status 0 $? "$2: pdfjs-struct.mjs ($(head -3 "$T/err.pdfjs"))"
	sed 's/[[:space:]]//g' "$T/o.pikepdf" >"$T/n.pikepdf"
	sed 's/[[:space:]]//g' "$T/o.pdfjs" >"$T/n.pdfjs"
	expect_same "$T/n.pikepdf" "$T/n.pdfjs" "$2: pdf.js's headings, tables and figures"
	if [ "$3" != - ]; then
		# pdf.js and poppler: the same headings in the same order.
		grep '^H' "$T/n.pdfjs" >"$T/h.pdfjs"
		grep '^H' "$T/n.poppler" >"$T/h.poppler"
		expect_same "$T/h.pdfjs" "$T/h.poppler" \
			"$2: pdf.js's headings against poppler's"
	fi
	# And the checker agrees with pdf.js's headings, text included.
	grep '^H' "$T/o.pdfjs" >"$T/h.expected"
	$PY "$CHECK" --expect-headings "$T/h.expected" "$1" >"$T/expect.out" 2>&1
	expect_status 0 $? "$2: pdfcheck --expect-headings with pdf.js's headings ($(grep '^headings-expected' "$T/expect.out"))"
}

# longest_table PDF WHAT MIN_PAGES - the table over the most pages is one
# Table element over at least MIN_PAGES pages (pdfcheck.py --tables reads
# the element's content items, so a table split into several elements
# cannot pass), with its column headers repeated as an artifact on
# every continuation page.  Prints the table it found.
longest_table() {
	$PY "$CHECK" --tables "$1" >"$T/tables" 2>&1
	awk '/^Table / {
		n = split($4, p, ",")
		if (n > best) { best = n; line = $0 }
	} END { print best + 0; print line }' "$T/tables" >"$T/longest"
	pages=$(sed -n 1p "$T/longest")
	line=$(sed -n 2p "$T/longest")
	echo "$2: longest table: $line"
	checks=$((checks + 1))
	if [ "$pages" -lt "$3" ]; then
		fail "$2: no table runs over $3 pages; the longest: ${line:-none}"
		return
	fi
	cont=$(echo "$line" | awk '{ print $4 }' | cut -d, -f2-)
	rep=$(echo "$line" | awk '{ print $10 }')
	[ "$cont" = "$rep" ] || fail "$2: continuation pages $cont, column headers repeated as artifact only on $rep"
}
