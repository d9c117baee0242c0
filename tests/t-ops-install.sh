#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR (issue 8, part 7).
#
# Two installs, because they test different things:
#
#  1. `make install DESTDIR=$T/x PREFIX=/usr`, the packager's case.  The
#     binary's compiled-in data folder is /usr/share/progress-report,
#     which is not where DESTDIR put the files, so this run passes
#     --templates and --fonts pointing into $T/x: it tests what was
#     installed, not that the binary finds it.
#  2. `make install PREFIX=$T/y/usr` (no DESTDIR), the administrator's
#     case: the binary is run with no --templates or --fonts and must
#     find both through its compiled-in PREFIX, from a folder outside
#     the source tree, with its own copy of the inputs.
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

# 1. DESTDIR
seed
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" install B="$T/build" DESTDIR="$T/x" PREFIX=/usr \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make install DESTDIR failed"; }
for f in usr/bin/progress-report usr/share/man/man1/progress-report.1 \
    usr/share/progress-report/fonts/DejaVuSans.ttf \
    usr/share/progress-report/fonts/DejaVuSans-Bold.ttf; do
	[ -f "$T/x/$f" ] || fail "make install did not install /$f"
done
[ -x "$T/x/usr/bin/progress-report" ] || fail "the binary is not executable"
diff -r "$ROOT/report-templates" "$T/x/usr/share/progress-report/report-templates" ||
	fail "the installed templates differ from report-templates/"
strings "$T/x/usr/bin/progress-report" | grep -q '^/usr/share/progress-report/' ||
	fail "the installed binary does not carry PREFIX=/usr's data folder"

mkdir -p "$T/elsewhere"
cp -R "$ROOT/inputs" "$T/elsewhere/my-inputs"
( cd "$T/elsewhere" &&
  "$T/x/usr/bin/progress-report" build --quiet --inputs my-inputs \
      --output reports --db history.sqlite \
      --templates "$T/x/usr/share/progress-report/report-templates" \
      --fonts "$T/x/usr/share/progress-report/fonts" ) 2>"$T/err" ||
	{ cat "$T/err"; fail "the DESTDIR-installed binary failed"; }
ls "$T/elsewhere/reports/"*.pdf "$T/elsewhere/reports/"*.html \
    "$T/elsewhere/reports/"*.oparl.json >/dev/null ||
	fail "the installed binary wrote no reports"
[ -f "$T/elsewhere/history.sqlite" ] || fail "no history in the working folder"

env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" uninstall B="$T/build" DESTDIR="$T/x" PREFIX=/usr \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make uninstall failed"; }
left=$(find "$T/x" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "ok: DESTDIR install, run with explicit --templates/--fonts, uninstall"

# 2. PREFIX only: the binary finds its data by itself.
seed
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" install B="$T/build" PREFIX="$T/y/usr" \
    >"$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make install PREFIX failed"; }
rm -rf "$T/elsewhere"
mkdir -p "$T/elsewhere"
cp -R "$ROOT/inputs" "$T/elsewhere/my-inputs"
( cd "$T/elsewhere" &&
  env -u PROGRESS_REPORT_FONTS "$T/y/usr/bin/progress-report" build --quiet \
      --inputs my-inputs --output reports --db history.sqlite ) 2>"$T/err" ||
	{ cat "$T/err"; fail "the PREFIX-installed binary failed"; }
ls "$T/elsewhere/reports/"*.pdf >/dev/null || fail "no PDF from the installed binary"
# It used the installed fonts: the PDF embeds DejaVu Sans.
if command -v pdffonts >/dev/null; then
	pdffonts "$T/elsewhere/reports/"*.pdf | grep -q DejaVuSans ||
		fail "the PDF does not embed DejaVu Sans"
fi
MANPATH="$T/y/usr/share/man" man -w progress-report >/dev/null 2>&1 ||
	[ -f "$T/y/usr/share/man/man1/progress-report.1" ] ||
	fail "the man page is not installed"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$ROOT" uninstall B="$T/build" PREFIX="$T/y/usr" >/dev/null 2>&1 ||
	fail "make uninstall PREFIX failed"
[ -z "$(find "$T/y" -type f)" ] || fail "make uninstall left files in PREFIX"
echo "ok: PREFIX install found its templates and fonts without options"
exit 0
