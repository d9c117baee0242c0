#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR.
#
# Two installs:
#
#  1. `make install DESTDIR=$T/x PREFIX=/usr`, the packager's case, then
#     $T/x/usr/bin/progress-report run from another folder with its own
#     copy of the inputs and no --templates or --fonts.  The compiled-in
#     data folder is /usr/share/progress-report, which does not exist
#     here; the binary finds the staged copy because it also looks in
#     BINDIR/../share/progress-report (see default_templates() in
#     main.c).  A marker line added to the staged templates must show up
#     in the report, so this proves which templates were used.
#  2. `make install PREFIX=$T/y/usr` (no DESTDIR), the administrator's
#     case: the same, through the compiled-in PREFIX (the binary is
#     then moved away from its data, so only PREFIX can find it).
#
# Both builds go to a separate build folder (B=$T/build) seeded with
# the objects of the tested build, so only main.o (which holds the data
# folder) is compiled again.  Not run under the sanitizers: the
# installed binary is an ordinary build.
. "$ROOT/tests/ops-lib.sh"

if [ "${PR_SANITIZED:-}" = 1 ]; then
	echo "skip: installation is tested in the ordinary run"
	exit 77
fi

seed() {
	rm -rf "$T/build"
	mkdir -p "$T/build"
	cp -Rp "$B/obj" "$B/libpr.a" "$T/build/"
	[ -d "$B/tests" ] && cp -Rp "$B/tests" "$T/build/"
}

# 1. DESTDIR; usr/bin is there before (as /usr/local/bin is on Debian)
# and must stay, every folder the install creates must go.
seed
mkdir -p "$T/x/usr/bin"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" install B="$T/build" DESTDIR="$T/x" PREFIX=/usr \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make install DESTDIR failed"; }
for f in usr/bin/progress-report usr/share/man/man1/progress-report.1 \
    usr/share/man/de/man1/progress-report.1 \
    usr/share/locale/de/LC_MESSAGES/progress-report.mo \
    usr/share/progress-report/fonts/DejaVuSans.ttf \
    usr/share/progress-report/fonts/DejaVuSans-Bold.ttf; do
	[ -f "$T/x/$f" ] || fail "make install did not install /$f"
done
[ -x "$T/x/usr/bin/progress-report" ] || fail "the binary is not executable"
diff -r "$ROOT/report-templates" "$T/x/usr/share/progress-report/report-templates" ||
	fail "the installed templates differ from report-templates/"
strings "$T/x/usr/bin/progress-report" | grep -q '^/usr/share/progress-report/' ||
	fail "the installed binary does not carry PREFIX=/usr's data folder"

# run_installed BIN DATADIR WHAT: builds from another folder with its
# own inputs, no --templates or --fonts, and checks that the templates
# under DATADIR were the ones used.
run_installed() {
	marker="Installationstest $$ $3"
	printf '\n%s\n' "$marker" >>"$2/report-templates/de/report.tmpl"
	rm -rf "$T/elsewhere"
	mkdir -p "$T/elsewhere"
	cp -R "$ROOT/inputs" "$T/elsewhere/my-inputs"
	( cd "$T/elsewhere" &&
	  env -u PROGRESS_REPORT_FONTS "$1" build --quiet --inputs my-inputs \
	      --output reports --db history.sqlite ) 2>"$T/err" ||
		{ cat "$T/err"; fail "$3: the installed binary failed"; }
	ls "$T/elsewhere/reports/"*.pdf "$T/elsewhere/reports/"*.html \
	    "$T/elsewhere/reports/"*.oparl.json >/dev/null ||
		fail "$3: the installed binary wrote no reports"
	# (without the soft hyphens of its long word)
	sed 's/&shy;//g' "$T/elsewhere/reports/"*.html | grep -q "$marker" ||
		fail "$3: the report was not made from the templates in $2"
	[ -f "$T/elsewhere/history.sqlite" ] ||
		fail "$3: no history in the working folder"
	if command -v pdffonts >/dev/null; then
		pdffonts "$T/elsewhere/reports/"*.pdf | grep -q DejaVuSans ||
			fail "$3: the PDF does not embed DejaVu Sans"
	fi
}

run_installed "$T/x/usr/bin/progress-report" \
    "$T/x/usr/share/progress-report" "DESTDIR"
# The staged binary finds its German messages beside it, in
# BINDIR/../share/locale.
LANGUAGE=de env -u PROGRESS_REPORT_LOCALEDIR "$T/x/usr/bin/progress-report" --help |
	head -1 | grep -q '^Aufruf:' || fail "DESTDIR: the installed binary has no German messages"

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" uninstall B="$T/build" DESTDIR="$T/x" PREFIX=/usr \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make uninstall failed"; }
left=$(find "$T/x" -mindepth 1 | grep -v -x -e "$T/x/usr" -e "$T/x/usr/bin")
[ -z "$left" ] || fail "make uninstall left: $left"
[ -d "$T/x/usr/bin" ] || fail "make uninstall removed usr/bin, which was there before"
echo "ok: DESTDIR install found its staged templates, uninstall"

# 2. PREFIX only: the binary finds its data by itself.
seed
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" install B="$T/build" PREFIX="$T/y/usr" \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make install PREFIX failed"; }
# Move the binary away from its data: only the compiled-in PREFIX
# can find the templates now.
mkdir -p "$T/a/b/otherbin"
mv "$T/y/usr/bin/progress-report" "$T/a/b/otherbin/"
run_installed "$T/a/b/otherbin/progress-report" \
    "$T/y/usr/share/progress-report" "PREFIX"
LANGUAGE=de env -u PROGRESS_REPORT_LOCALEDIR "$T/a/b/otherbin/progress-report" --help |
	head -1 | grep -q '^Aufruf:' || fail "PREFIX: the installed binary has no German messages"
mv "$T/a/b/otherbin/progress-report" "$T/y/usr/bin/"
MANPATH="$T/y/usr/share/man" man -w progress-report >/dev/null 2>&1 ||
	[ -f "$T/y/usr/share/man/man1/progress-report.1" ] ||
	fail "the man page is not installed"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" uninstall B="$T/build" PREFIX="$T/y/usr" >/dev/null 2>&1 ||
	fail "make uninstall PREFIX failed"
[ ! -e "$T/y" ] || fail "make uninstall left in PREFIX: $(find "$T/y")"
echo "ok: PREFIX install found its templates and fonts without options"
exit 0
