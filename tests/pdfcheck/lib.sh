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

# with_pdfjs - pdf.js is installed (make npm) and worth running: not
# under the sanitizers, where it would only re-read the same bytes.
with_pdfjs() {
	[ -z "${PR_SANITIZED:-}" ] && command -v node >/dev/null &&
	    [ -f "$ROOT/tests/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ]
}

# check_pdf PDF WHAT - pdf.js reads the structure tree first
# ($T/o.pdfjs); then one run of pdfcheck.py must find nothing, with the
# headings pdf.js found as the expected ones (text included), and writes
# its outline, table and feature reports to $T/rep.list, $T/rep.tables
# and $T/rep.features.
check_pdf() {
	rm -f "$T/o.pdfjs" "$T/h.expected"
	if with_pdfjs; then
		node "$PDFJS_STRUCT" "$1" >"$T/o.pdfjs" 2>"$T/err.pdfjs"
		expect_status 0 $? "$2: pdfjs-struct.mjs ($(head -3 "$T/err.pdfjs"))"
		grep '^H' "$T/o.pdfjs" >"$T/h.expected"
	elif [ -z "${PR_SANITIZED:-}" ]; then
		echo "note: no tests/node_modules/pdfjs-dist (make npm): pdf.js part skipped"
	fi
	if [ -f "$T/h.expected" ]; then
		set -- "$1" "$2" --expect-headings "$T/h.expected"
	fi
	pdf=$1 what=$2
	shift 2
	$PY "$CHECK" "$pdf" --report "$T/rep" "$@" >"$T/pdfcheck.out" 2>&1
	expect_status 0 $? "pdfcheck.py on $what"
	[ -s "$T/pdfcheck.out" ] && sed 's/^/pdfcheck: /' "$T/pdfcheck.out" | head -40 >&2
}

# outlines_agree WHAT STRUCT - after check_pdf: pikepdf (pdfcheck.py),
# poppler and pdf.js list the same headings, tables and figures in the
# same order (pdf.js page by page, where floats come after what passed
# them; the headings in the same order).  STRUCT is what `pdfinfo -struct-text` printed, or "-" to
# leave poppler out (it runs a page's content once per element: seconds
# of CPU per page of a large report).  Compared without whitespace,
# no-break spaces included (each reader joins lines its own way);
# poppler does not print /Alt, so for it a figure is just "Figure".
outlines_agree() {
	grep -E '^(H[1-6]?|Table|Figure)( |$)' "$T/rep.list" >"$T/o.pikepdf"
	grep -q '^H1 ' "$T/o.pikepdf" || fail "$1: pdfcheck found no H1"
	sed 's/[[:space:]]//g; s/\xc2\xa0//g' "$T/o.pikepdf" >"$T/n.pikepdf"
	if [ "$2" != - ]; then
		$PY "$ROOT/tests/pdfcheck/poppler_outline.py" "$2" >"$T/o.poppler"
		sed 's/^Figure.*/Figure/; s/[[:space:]]//g; s/\xc2\xa0//g' "$T/o.pikepdf" >"$T/n.pikepdf.noalt"
		sed 's/[[:space:]]//g; s/\xc2\xa0//g' "$T/o.poppler" >"$T/n.poppler"
		expect_same "$T/n.pikepdf.noalt" "$T/n.poppler" \
			"$1: poppler's headings, tables and figures"
	fi
	[ -f "$T/o.pdfjs" ] || return 0
	# pdf.js reads page by page: a figure or short table floated to
	# the next page comes after what passed it (rep.pagelist); the
	# headings are in the same order all the same.
	sed 's/[[:space:]]//g; s/\xc2\xa0//g' "$T/o.pdfjs" >"$T/n.pdfjs"
	sed 's/[[:space:]]//g; s/\xc2\xa0//g' "$T/rep.pagelist" >"$T/n.pagelist"
	expect_same "$T/n.pagelist" "$T/n.pdfjs" "$1: pdf.js's headings, tables and figures (page by page)"
	grep '^H' "$T/n.pikepdf" >"$T/h.pikepdf"
	grep '^H' "$T/n.pdfjs" >"$T/h.pdfjs"
	expect_same "$T/h.pikepdf" "$T/h.pdfjs" "$1: pdf.js's headings"
	if [ "$2" != - ]; then
		# pdf.js and poppler: the same headings in the same order.
		grep '^H' "$T/n.pdfjs" >"$T/h.pdfjs"
		grep '^H' "$T/n.poppler" >"$T/h.poppler"
		expect_same "$T/h.pdfjs" "$T/h.poppler" \
			"$1: pdf.js's headings against poppler's"
	fi
}

# longest_table WHAT MIN_PAGES - after check_pdf: the table over the most
# pages is one Table element over at least MIN_PAGES pages (pdfcheck.py
# reads the element's content items, so a table split into several
# elements cannot pass), with its column headers repeated as an artifact
# on every continuation page.  Prints the table it found.
longest_table() {
	awk '/^Table / {
		n = split($4, p, ",")
		if (n > best) { best = n; line = $0 }
	} END { print best + 0; print line }' "$T/rep.tables" >"$T/longest"
	pages=$(sed -n 1p "$T/longest")
	line=$(sed -n 2p "$T/longest")
	echo "$1: longest table: $line"
	checks=$((checks + 1))
	if [ "$pages" -lt "$2" ]; then
		fail "$1: no table runs over $2 pages; the longest: ${line:-none}"
		return
	fi
	cont=$(echo "$line" | awk '{ print $4 }' | cut -d, -f2-)
	rep=$(echo "$line" | awk '{ print $10 }')
	[ "$cont" = "$rep" ] || fail "$1: continuation pages $cont, column headers repeated as artifact only on $rep"
}

# feature NAME - after check_pdf: the count pdfcheck.py --features gave.
feature() {
	awk -v k="$1" '$1 == k { print $2 }' "$T/rep.features"
}
