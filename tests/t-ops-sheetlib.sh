#!/bin/sh
# The spreadsheet libraries (libzip, expat, libxlsxwriter, and the
# libcrypto they bring) are opened only by the commands that read or
# write spreadsheets (generator/sheetlib.h): a build loads none of them,
# `forms` and `import` load theirs, and without them those two say
# which library is missing and exit 3, writing nothing.
. "$ROOT/tests/ops-lib.sh"

command -v readelf >/dev/null || fail "readelf is missing (binutils)"
readelf -d "$PR" | grep NEEDED >"$T/needed" || fail "readelf -d $PR failed"
for lib in libzip libexpat libxlsxwriter libcrypto; do
	grep -q "\\[$lib\\." "$T/needed" && fail "the program links $lib"
done

# ld.so names every library it loads (LD_DEBUG=files), dlopen(3)'s too.
loaded() { # loaded LOG LIB: whether LIB was loaded in the run logged
	grep -qs "file=$2[-.]" "$1".*
}
LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld-build" \
    pr_build "$ROOT/inputs" "$T/out" "$T/h.sqlite" || fail "the build failed"
ls "$T"/ld-build.* >/dev/null 2>&1 || fail "LD_DEBUG wrote nothing"
for lib in libzip libexpat libxlsxwriter libcrypto; do
	loaded "$T/ld-build" $lib && fail "a build loaded $lib"
done
loaded "$T/ld-build" libyaml || fail "LD_DEBUG did not name libyaml"

LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld-forms" \
    "$PR" forms --quiet --inputs "$ROOT/inputs" --output "$T/forms" ||
	fail "forms failed"
loaded "$T/ld-forms" libxlsxwriter || fail "forms did not load libxlsxwriter"
form=$(ls "$T"/forms/*.xlsx | head -1)
[ -f "$form" ] || fail "forms wrote no form"
cp -R "$ROOT/inputs" "$T/in"
LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld-import" \
    "$PR" import --quiet --inputs "$T/in" "$form" ||
	fail "importing an unchanged form failed"
loaded "$T/ld-import" libzip || fail "import did not load libzip"
loaded "$T/ld-import" libexpat || fail "import did not load expat"

# Without the libraries (a test hook names one that is not there).
export PROGRESS_REPORT_TEST_NO_SHEETLIB=1
"$PR" forms --quiet --inputs "$ROOT/inputs" --output "$T/forms2" 2>"$T/err"
st=$?
[ $st -eq 3 ] || fail "forms without libxlsxwriter: exit $st, not 3"
grep -q "cannot load libprogress-report-missing.so.*writing the forms needs it" \
    "$T/err" || { cat "$T/err" >&2; fail "forms did not say what is missing"; }
[ -n "$(ls -A "$T/forms2" 2>/dev/null)" ] && fail "forms wrote files without the library"
"$PR" import --quiet --inputs "$T/in" "$form" 2>"$T/err"
st=$?
[ $st -eq 3 ] || fail "import without libzip: exit $st, not 3"
grep -q "cannot load libprogress-report-missing.so.*reading spreadsheets needs it" \
    "$T/err" || { cat "$T/err" >&2; fail "import did not say what is missing"; }
echo "ok: the spreadsheet libraries are loaded by forms and import only"
