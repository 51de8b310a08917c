# covkit - plain GNU make; dependencies through pkg-config.
#   make            build the tools and libprof.a into build/
#   make check      build with -Werror and run every test
#   make asan       the same tests under AddressSanitizer + UBSan
#   make demo       install missing deps (as root), build, merge the sample
#   make bench      time covkit against the peer tools (bench/RESULTS.md)
#   make fuzz       libFuzzer on the covdata reader for FUZZ_TIME=20 s (clang)
#   make check-browser  the corpus's HTML reports in headless Chromium

PKG_CONFIG ?= pkg-config
DEPS       := zlib libxml-2.0 libpcre2-8 jansson
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
B          ?= build

CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
            -Wmissing-prototypes -Wshadow -Wformat=2 -Wvla -Wwrite-strings
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
ALL_CFLAGS   = $(WARN) -D_GNU_SOURCE $(DEPS_CFLAGS) $(CFLAGS) $(MOREFLAGS) -MMD -MP
LDLIBS      += $(DEPS_LIBS) -lpthread

LIB_SRC  := $(wildcard libprof/*.c) $(wildcard formats/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
TOOLS    := covmerge covconv covrun covcheck
TOOL_BIN := $(TOOLS:%=$(B)/%)
CLI_OBJ  := $(B)/cmd/common.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:%.c=$(B)/%)
MANS     := $(wildcard man/*.1 man/*.3 man/*.5)

.DEFAULT_GOAL := all

golden-update: all
	BIN=$(B) tests/cli.sh --update
	BIN=$(B) tests/bad.sh --update

.PHONY: golden-update all check test asan demo deps install uninstall clean bench format man-lint fuzz

all: $(TOOL_BIN) $(B)/libprof.a

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libprof.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(B)/%: $(B)/cmd/%.o $(CLI_OBJ) $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# covcheck's reports live in their own file.
$(B)/covcheck: $(B)/cmd/covcheck.o $(B)/cmd/check_report.o $(CLI_OBJ) \
	    $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# One cmocka binary per tests/test_*.c, each with its own main().
$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) \
	    $(shell $(PKG_CONFIG) --libs cmocka)

# Tests: unit (cmocka), CLI golden, must-fail inputs, interop with Go,
# summary totals against go tool cover and lcov --summary.
test: all $(TEST_BIN)
	tests/unit.sh $(TEST_BIN)
	BIN=$(B) tests/cli.sh
	BIN=$(B) tests/bad.sh
	BIN=$(B) tests/interop.sh
	BIN=$(B) tests/summary.sh
	BIN=$(B) tests/man.sh
	BIN=$(B) tests/html.sh

check:
	$(MAKE) MOREFLAGS="$(MOREFLAGS) -Werror" test

# No console errors, no network requests, working scripts (tests/browser.sh).
.PHONY: check-browser
check-browser: all
	BIN=$(B) tests/browser.sh

asan:
	$(MAKE) B=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    MOREFLAGS="-Werror -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    test

deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps.sh; \
	 elif ! $(PKG_CONFIG) --exists $(DEPS) cmocka; then \
	   echo "missing build dependencies; run as root:"; \
	   echo "  sudo scripts/install-deps.sh"; exit 3; fi

SAMPLE := testdata/sample
demo: deps
	$(MAKE) all
	@mkdir -p out
	$(B)/covmerge --label unit=$(SAMPLE)/unit.out --label system=$(SAMPLE)/system.out \
	    $(SAMPLE)/unit.out $(SAMPLE)/system.out -o out/merged.out
	@echo "merged profile: out/merged.out ($$(wc -l < out/merged.out) lines)"

bench: all
	BIN=$(B) bench/run.sh

# libFuzzer + ASan/UBSan over the covdata reader (clang), seeded from
# testdata/covdata; not part of check. FUZZ_TIME seconds, corpus kept.
FUZZ_B    := build/fuzz
FUZZ_TIME ?= 20
$(FUZZ_B)/fuzz_covdata: tests/fuzz/fuzz_covdata.c $(LIB_SRC) \
	    $(wildcard libprof/*.h)
	@mkdir -p $(dir $@)
	clang -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all $(WARN) -D_GNU_SOURCE $(DEPS_CFLAGS) \
	    -o $@ tests/fuzz/fuzz_covdata.c $(LIB_SRC) $(DEPS_LIBS) -lpthread

fuzz: $(FUZZ_B)/fuzz_covdata
	tests/fuzz/seeds.sh $(FUZZ_B)/corpus
	$(FUZZ_B)/fuzz_covdata -max_total_time=$(FUZZ_TIME) \
	    -artifact_prefix=$(FUZZ_B)/ $(FUZZ_B)/corpus

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(TOOL_BIN) $(DESTDIR)$(BINDIR)
	install -m 644 $(B)/libprof.a $(DESTDIR)$(LIBDIR)
	install -m 644 libprof/prof.h $(DESTDIR)$(INCLUDEDIR)
	for m in $(MANS); do \
	    s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; done
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@DEPS@|$(DEPS)|' libprof.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/libprof.pc

VERSION := $(shell sed -n 's/^\#define PROF_VERSION "\(.*\)"/\1/p' libprof/prof.h)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(LIBDIR)/libprof.a \
	    $(DESTDIR)$(INCLUDEDIR)/prof.h $(DESTDIR)$(LIBDIR)/pkgconfig/libprof.pc
	for m in $(MANS); do \
	    s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

man-lint:
	mandoc -Tlint -W warning $(MANS)

format:
	clang-format -i libprof/*.[ch] formats/*.c cmd/*.[ch] tests/*.c

clean:
	rm -rf build out

-include $(shell find $(B) -name '*.d' 2>/dev/null)
