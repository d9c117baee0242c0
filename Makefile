# progress-report - see README.md.
#
#   make            build build/progress-report (installs build packages)
#   make report     build and write the sample report into output/
#   make check      install test tools, run every test, then the same
#                   tests under ASan+UBSan, and the sample under valgrind
#   make bench      measure speed and memory (docs/benchmarks.md)
#   make fuzz       run the libFuzzer harnesses for a bounded time
#   make install / uninstall   honour PREFIX and DESTDIR
#   make clean

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/progress-report
MANDIR = $(PREFIX)/share/man

VERSION = 0.1.0
B ?= build
BIN = $(B)/progress-report
FONTS_SRC = /usr/share/fonts/truetype/dejavu
# The PDF's sRGB output intent (Debian's colord-data).
ICC_SRC = /usr/share/color/icc/colord/sRGB.icc
FONTS = DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSans-Oblique.ttf \
	DejaVuSans-BoldOblique.ttf

PKGS = yaml-0.1 sqlite3 libpcre2-8 libcmark-gfm libcrypto harfbuzz-subset \
	xlsxwriter libzip expat libdeflate
# Evaluated lazily: on a fresh machine pkg-config itself is installed by
# the deps step that runs before anything is compiled.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

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
	-DPR_VERSION='"$(VERSION)"' -DPR_DATADIR='"$(DATADIR)"'
LDLIBS = $(PKG_LIBS) -lcmark-gfm-extensions -lhpdf -lcsv -lhyphen -lz -lm -pthread

SRCS = $(sort $(wildcard generator/*.c))
LIB_SRCS = $(filter-out generator/main.c generator/fuzz_%.c,$(SRCS))
OBJS = $(LIB_SRCS:generator/%.c=$(B)/obj/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: FORCE print-ldlibs all deps-build deps-test deps-bench deps-fuzz compile report check test \
	test-fast asan valgrind bench fuzz install uninstall clean format \
	npm

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

compile: $(BIN) $(UNIT_BINS)

$(B)/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libpr.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $(OBJS)

$(BIN): $(B)/obj/main.o $(B)/libpr.a
	$(CC) $(SANFLAGS) -o $@ $(B)/obj/main.o $(B)/libpr.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpr.a $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Igenerator -o $@ $< $(B)/libpr.a $(LDLIBS)

-include $(OBJS:.o=.d) $(B)/obj/main.d

# The data folder is compiled in, so a different PREFIX must rebuild the
# objects that use it; otherwise `make install PREFIX=/usr` after a
# plain `make` would install a binary that looks in /usr/local.  The
# stamp changes only when DATADIR does.
DATADIR_OBJS = $(patsubst generator/%.c,$(B)/obj/%.o,\
	$(shell grep -l PR_DATADIR $(SRCS)))
$(DATADIR_OBJS): $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
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
	@sh tools/toolcheck.sh || true
	@MAKE='$(MAKE)' sh tests/check.sh $(BIN) $(B)

# The tests alone, against an already built binary.
test: compile
	@sh tests/run.sh $(BIN) $(B)

asan:
	@$(MAKE) --no-print-directory B=build/asan \
	    SANFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    CFLAGS='-O1 -g' compile
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
	@echo $(LDLIBS)

# The folders install creates are listed in the data folder, so that
# uninstall removes them and nothing that was there before.
MADEDIRS = $(DATADIR)/installed-folders

install: all
	sh tools/madedirs.sh record $(MADEDIRS) '$(DESTDIR)' $(BINDIR) \
	    $(DATADIR)/fonts $(MANDIR)/man1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/progress-report
	cp -R report-templates $(DESTDIR)$(DATADIR)/
	for f in $(FONTS); do \
	    install -m 644 $(FONTS_SRC)/$$f $(DESTDIR)$(DATADIR)/fonts/; done
	install -m 644 $(ICC_SRC) $(DESTDIR)$(DATADIR)/sRGB.icc
	sed 's|/usr/local/share/progress-report|$(DATADIR)|g' \
	    docs/progress-report.1 >$(DESTDIR)$(MANDIR)/man1/progress-report.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/progress-report.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/progress-report
	rm -f $(DESTDIR)$(MANDIR)/man1/progress-report.1
	sh tools/madedirs.sh remove $(MADEDIRS) '$(DESTDIR)' $(DATADIR)

format:
	clang-format -i generator/*.c generator/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build
