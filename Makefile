# progress-report - see README.md.
#
#   make            build build/progress-report (installs build packages)
#   make report     build and write the sample report into output/
#   make check      install test tools, run every test, then the same
#                   tests under ASan+UBSan, and the sample under valgrind
#   make bench      measure speed and memory (docs/benchmarks.md)
#   make fuzz       run the libFuzzer harnesses for a bounded time
#   make install / uninstall   honour PREFIX and DESTDIR
#   make po         after changing messages: po/progress-report.pot from
#                   the sources, merged into po/de.po (docs/operations.md)
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/progress-report
MANDIR = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale

VERSION = 0.1.0
B ?= build
BIN = $(B)/progress-report
FONTS_SRC = /usr/share/fonts/truetype/dejavu
# The PDF's sRGB output intent (Debian's colord-data).
ICC_SRC = /usr/share/color/icc/colord/sRGB.icc
FONTS = DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSans-Oblique.ttf \
	DejaVuSans-BoldOblique.ttf

PKGS = yaml-0.1 sqlite3 libpcre2-8 libcmark-gfm nettle harfbuzz-subset \
	libdeflate
# The spreadsheet libraries are not linked but opened when a command
# needs them (generator/sheetlib.h), by the sonames of those compiled
# against.
SHEET_PKGS = xlsxwriter libzip expat
# Evaluated lazily: on a fresh machine pkg-config itself is installed by
# the deps step that runs before anything is compiled.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(SHEET_PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
SHEET_LIBS = $(shell pkg-config --libs $(SHEET_PKGS))
soname = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" | \
	awk '$$1 == "SONAME" { print $$2 }')

CC ?= cc
CFLAGS ?= -O2 -g
SANFLAGS ?=
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2
# -pthread: the HTML is written on a second thread while the main
# thread writes the PDF (main.c), the PDF's pages are deflated on
# another (pdf_tag.c), and checksums are computed in parallel.
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread \
	$(WARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) \
	-DPR_VERSION='"$(VERSION)"' -DPR_DATADIR='"$(DATADIR)"' \
	-DPR_LOCALEDIR='"$(LOCALEDIR)"'
LDLIBS = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lcsv -lz -lm -pthread
# The unit tests compare our hyphenation with libhyphen's
# (tests/unit/test_hyph.c); the program does not link it.  The fuzzing
# harness for spreadsheets makes its archives with libzip.
TEST_LDLIBS = -lhyphen $(SHEET_LIBS)

SRCS = $(sort $(wildcard generator/*.c))
LIB_SRCS = $(filter-out generator/main.c generator/fuzz_%.c,$(SRCS))
OBJS = $(LIB_SRCS:generator/%.c=$(B)/obj/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
# Message catalogues, one per po/LANG.po; the binary finds them beside
# itself in $(B)/locale (generator/i18n.c).
LINGUAS = $(basename $(notdir $(wildcard po/*.po)))
MOS = $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/progress-report.mo)

.PHONY: FORCE print-ldlibs all deps-build deps-test deps-bench deps-fuzz compile units report check test \
	test-fast asan valgrind bench fuzz install uninstall clean format \
	npm po

all: deps-build
	@$(MAKE) --no-print-directory compile

deps-build:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

deps-bench:
	@sh tools/deps.sh bench

deps-fuzz:
	@sh tools/deps.sh fuzz

compile: $(BIN) $(MOS)

# The unit tests, apart: test_hyph links libhyphen, a test dependency.
units: $(UNIT_BINS)

$(B)/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/sheetlib.o: ALL_CFLAGS += \
	-DPR_SONAME_zip='"$(call soname,zip)"' \
	-DPR_SONAME_expat='"$(call soname,expat)"' \
	-DPR_SONAME_xlsxwriter='"$(call soname,xlsxwriter)"'

$(B)/libpr.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $(OBJS)

$(BIN): $(B)/obj/main.o $(B)/libpr.a
	$(CC) $(SANFLAGS) -o $@ $(B)/obj/main.o $(B)/libpr.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpr.a $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -iquote generator -o $@ $< $(B)/libpr.a $(LDLIBS) \
	    $(TEST_LDLIBS)

-include $(OBJS:.o=.d) $(B)/obj/main.d

$(B)/locale/%/LC_MESSAGES/progress-report.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# Every function whose format or message argument diag.c (or the
# function itself) translates, with that argument's position, so that
# the callers' plain English literals are extracted without _().
# The functions in XGETTEXT_MORE take a second such argument (a hint,
# an expected kind); xgettext knows one per function and run, so they
# are extracted in a second run.
XGETTEXT_KEYWORDS = _ N_ diag:3 diag_error:2 diag_warning:2 diag_syserr:2 \
	diag_log:1 usage:1 terr:3 verr:3 fail:2 cerr:3 sysfail:2 job_fail:2 \
	hfail:2 bad:2 diag_not_regular:4 fields:2 missing:2 token:3 \
	id_field:4 claim_id:5 year_value:2 update_target:4 unknown_ref:2 list:3 \
	bad_row:3 report_char:3 report_sqlite:3 exec:3 query_int:4
XGETTEXT_MORE = missing:4
XGETTEXT_FLAGS = diag:3 diag_error:2 diag_warning:2 diag_syserr:2 \
	diag_log:1 terr:3 verr:3 fail:2
POT = po/progress-report.pot
po: $(POT)
	@for l in $(LINGUAS); do \
	    msgmerge --quiet --update --backup=none --previous --no-wrap \
	        --add-location=file po/$$l.po $(POT) && \
	    printf '%s: ' po/$$l.po && \
	    msgfmt --statistics -o /dev/null po/$$l.po; done

# "%s" alone (diag_error(pos, "%s", text)) is no message: po/exclude.pot.
# tests/t-messages-de.sh makes one elsewhere with POT=FILE.
$(POT): FORCE
	@echo "xgettext: $@" && xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	    --add-location=file --sort-by-file --no-wrap \
	    --package-name=progress-report --package-version=$(VERSION) \
	    --msgid-bugs-address='see README.md' --exclude-file=po/exclude.pot \
	    $(XGETTEXT_KEYWORDS:%=--keyword=%) \
	    $(XGETTEXT_FLAGS:%=--flag=%:c-format) \
	    -o $@.tmp $(SRCS)
	@xgettext --from-code=UTF-8 --language=C --add-location=file \
	    --sort-by-file --no-wrap --join-existing \
	    --exclude-file=po/exclude.pot \
	    $(XGETTEXT_MORE:%=--keyword=%) -o $@.tmp $(SRCS)
	@mv $@.tmp $@

# The data folder is compiled in, so a different PREFIX must rebuild the
# objects that use it; otherwise `make install PREFIX=/usr` after a
# plain `make` would install a binary that looks in /usr/local.  The
# same holds for the message catalogues' folder (LOCALEDIR).  The stamp
# changes only when one of them does.
DATADIR_OBJS = $(patsubst generator/%.c,$(B)/obj/%.o,\
	$(shell grep -l -e PR_DATADIR -e PR_LOCALEDIR $(SRCS)))
$(DATADIR_OBJS): $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || \
	    echo '$(DATADIR) $(LOCALEDIR)' >$@
FORCE:

# The sample report is dated 1 January 2027 (before its committee
# session), so that it comes out byte for byte the same on every machine;
# set SOURCE_DATE_EPOCH to date it otherwise.
report: all
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1798761600} \
	    ./$(BIN) build --inputs inputs --output output

npm: deps-test
	@sh tools/npm.sh

# Every test, then again under the sanitizers, then valgrind; each pass
# runs whatever the one before found, and the last lines sum them up.
check: deps-test all npm
	@$(MAKE) --no-print-directory units
	@sh tools/toolcheck.sh || true
	@MAKE='$(MAKE)' sh tests/check.sh $(BIN) $(B)

# The tests alone, against an already built binary.
test: compile units
	@sh tests/run.sh $(BIN) $(B)

asan:
	@$(MAKE) --no-print-directory B=build/asan \
	    SANFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    CFLAGS='-O1 -g' compile units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    PR_SANITIZED=1 sh tests/run.sh build/asan/progress-report build/asan

valgrind: all
	@sh tests/valgrind.sh $(BIN)

bench: deps-bench npm all
	@$(MAKE) --no-print-directory $(B)/floor
	@sh bench/run.sh $(BIN) $(B)/floor

# The physical floor the bench compares a build with (bench/floor.c).
$(B)/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) $(CFLAGS) \
	    $(shell pkg-config --cflags libdeflate) -o $@ $< \
	    $(shell pkg-config --libs libdeflate) -pthread

# FUZZ_SECONDS (default 60) per harness; see docs/fuzzing.md.
fuzz: deps-fuzz
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# For scripts that link against build/libpr.a (tests/fuzz/run.sh).
print-ldlibs:
	@echo $(LDLIBS) $(SHEET_LIBS)

# The folders install creates are listed in the data folder, so that
# uninstall removes them and nothing that was there before.
MADEDIRS = $(DATADIR)/installed-folders

install: all
	sh tools/madedirs.sh record $(MADEDIRS) '$(DESTDIR)' $(BINDIR) \
	    $(DATADIR)/fonts $(MANDIR)/man1 $(MANDIR)/de/man1 \
	    $(LINGUAS:%=$(LOCALEDIR)/%/LC_MESSAGES)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/de/man1
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(B)/locale/$$l/LC_MESSAGES/progress-report.mo \
	        $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/progress-report
	cp -R report-templates $(DESTDIR)$(DATADIR)/
	for f in $(FONTS); do \
	    install -m 644 $(FONTS_SRC)/$$f $(DESTDIR)$(DATADIR)/fonts/; done
	install -m 644 $(ICC_SRC) $(DESTDIR)$(DATADIR)/sRGB.icc
	sed 's|/usr/local/share/progress-report|$(DATADIR)|g' \
	    docs/progress-report.1 >$(DESTDIR)$(MANDIR)/man1/progress-report.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/progress-report.1
	sed 's|/usr/local/share/progress-report|$(DATADIR)|g' \
	    docs/progress-report.de.1 \
	    >$(DESTDIR)$(MANDIR)/de/man1/progress-report.1
	chmod 644 $(DESTDIR)$(MANDIR)/de/man1/progress-report.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/progress-report
	rm -f $(DESTDIR)$(MANDIR)/man1/progress-report.1
	rm -f $(DESTDIR)$(MANDIR)/de/man1/progress-report.1
	for l in $(LINGUAS); do rm -f \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/progress-report.mo; done
	sh tools/madedirs.sh remove $(MADEDIRS) '$(DESTDIR)' $(DATADIR)

format:
	clang-format -i generator/*.c generator/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build
