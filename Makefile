# covkit - plain GNU make; dependencies through pkg-config.
#   make            build the tools and libprof.a into build/
#   make check      install missing test deps (as root), build with -Werror
#                   and run every test
#   make asan       the same tests under AddressSanitizer + UBSan
#   make check-valgrind  the CLI golden tests with the tools under valgrind
#   make demo       install missing build deps (root), build, merge the sample
#   make bench      time covkit against the peer tools (bench/RESULTS.md)
#   make bench-quick  the same on small inputs, 1-2 runs ($(B)/bench-quick.md)
#   make fuzz       libFuzzer on every reader + a round trip, FUZZ_TIME=15 s each
#   make fuzz-long  the same for SECONDS=600 s each (long campaigns)
#   make check-browser  the corpus's HTML reports in headless Chromium
#   make format     clang-format the files already in the style (FORMATTED)
#   make format-check  count the lines clang-format would change, per file

PKG_CONFIG ?= pkg-config
DEPS       := zlib libxml-2.0 libpcre2-8 jansson
# What a program linking libprof.a needs (libprof.pc's Requires): libxml2
# is loaded at run time (formats/xmlapi.h), jansson is covcheck's alone.
LIB_DEPS   := zlib libpcre2-8
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
# libxml2 is not linked: the Cobertura reader loads it when first needed
# (formats/xmlapi.h), by the soname of the library compiled against.
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs $(filter-out libxml-2.0,$(DEPS)) \
                 2>/dev/null)
XML_SONAME  := $(shell objdump -p $$($(PKG_CONFIG) --variable=libdir \
                 libxml-2.0 2>/dev/null)/libxml2.so 2>/dev/null | \
                 awk '$$1 == "SONAME" { print $$2 }')
DEPS_CFLAGS += $(if $(XML_SONAME),-DCOVKIT_XML_SONAME='"$(XML_SONAME)"')
ALL_CFLAGS   = $(WARN) -D_GNU_SOURCE $(DEPS_CFLAGS) $(CFLAGS) $(MOREFLAGS) -MMD -MP
LDLIBS      += $(DEPS_LIBS) -lpthread -ldl

LIB_SRC  := $(wildcard libprof/*.c) $(wildcard formats/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
TOOLS    := covmerge covconv covrun covcheck
TOOL_BIN := $(TOOLS:%=$(B)/%)
CLI_OBJ  := $(B)/cmd/common.o $(B)/cmd/config.o $(B)/cmd/keepmark.o \
            $(B)/cmd/dupes.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:%.c=$(B)/%)
MANS     := $(wildcard man/*.1 man/*.3 man/*.5)

.DEFAULT_GOAL := all

golden-update: all
	BIN=$(B) tests/cli.sh --update
	BIN=$(B) tests/bad.sh --update

.PHONY: golden-update all check test asan demo deps test-deps install \
        uninstall clean bench bench-quick format format-check man-lint fuzz \
        fuzz-long check-valgrind

all: $(TOOL_BIN) $(B)/libprof.a

# make does not track flags: $(B)/.flags holds the compile and link
# command lines and is rewritten only when they change (MOREFLAGS=-Werror
# of `make check`, CFLAGS=...), and everything compiled depends on it, so
# a change of flags rebuilds everything and no change rebuilds nothing.
FLAGS_NOW = $(CC) $(ALL_CFLAGS) | $(LDFLAGS) $(LDLIBS)
$(B)/.flags: FORCE
	@mkdir -p $(dir $@)
	@f='$(subst ','\'',$(FLAGS_NOW))'; \
	 if [ "$$f" != "$$(cat $@ 2>/dev/null)" ]; then \
	   echo "flags changed: rebuilding $(B)"; printf '%s\n' "$$f" >$@; fi
FORCE:
.PHONY: FORCE

$(B)/%.o: %.c $(B)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libprof.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/%: $(B)/cmd/%.o $(CLI_OBJ) $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# covcheck's reports live in their own files.
$(B)/covcheck: $(B)/cmd/covcheck.o $(B)/cmd/check_report.o \
	    $(B)/cmd/check_annotate.o $(B)/cmd/check_history.o $(CLI_OBJ) \
	    $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# One cmocka binary per tests/test_*.c, each with its own main().
$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/libprof.a
	$(CC) $(CFLAGS) $(MOREFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) \
	    $(shell $(PKG_CONFIG) --libs cmocka)

# Test helpers: peak RSS of a command, and an LD_PRELOAD shim that makes
# write/fsync/rename/linkat fail (tests/shim/).
SHIMS := $(B)/tests/shim/peak $(B)/tests/shim/failwrite.so
$(B)/tests/shim/peak: tests/shim/peak.c $(B)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<
$(B)/tests/shim/failwrite.so: tests/shim/failwrite.c $(B)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $< -ldl

# Tests: unit (cmocka), CLI golden, must-fail inputs, interop with Go,
# a goyacc program (//line), gcc and clang build directories (gcda),
# a real C project's build tree (cproj: when make bench has made it),
# llvm-cov JSON (clang 14, 19) against llvm-cov's lcov export,
# covrun on real Go programs, summary totals,
# SonarQube against gcovr and lcov, Coveralls jobs, the external corpus
# (when ../shared/corpus/external is there), HTML shading, hostile inputs
# and output faults, exclusion markers against lcov, gcovr and go/ast,
# covcheck's annotations and markdown budget on real two-commit repos,
# badges, the history file and its trend chart (lcov, Go, Chromium),
# covcheck --base on two-commit Go and C repositories (review) and
# against lcov --summary and go tool cover -func.
test: all $(TEST_BIN) $(SHIMS)
	tests/unit.sh $(TEST_BIN)
	BIN=$(B) tests/cli.sh
	BIN=$(B) tests/bad.sh
	BIN=$(B) tests/interop.sh
	BIN=$(B) tests/goview.sh
	BIN=$(B) tests/covrun.sh
	BIN=$(B) tests/filters.sh
	BIN=$(B) tests/goline.sh
	BIN=$(B) tests/llvmjson.sh
	BIN=$(B) tests/gcda.sh
	BIN=$(B) tests/cproj.sh
	BIN=$(B) tests/summary.sh
	BIN=$(B) tests/sonarqube.sh
	BIN=$(B) tests/suites.sh
	BIN=$(B) tests/percent.sh
	BIN=$(B) tests/coveralls.sh
	BIN=$(B) tests/external.sh
	BIN=$(B) tests/man.sh
	BIN=$(B) tests/html.sh
	BIN=$(B) tests/hostile.sh
	BIN=$(B) tests/faults.sh
	BIN=$(B) tests/exclude.sh
	BIN=$(B) tests/annotate.sh
	BIN=$(B) tests/trend.sh
	BIN=$(B) tests/review.sh
	BIN=$(B) tests/compare.sh

check: test-deps
	$(MAKE) MOREFLAGS="$(MOREFLAGS) -Werror" test

# No console errors, no network requests, working scripts (tests/browser.sh).
.PHONY: check-browser
check-browser: all
	BIN=$(B) tests/browser.sh

# (ASan's shadow memory and quarantine: hostile.sh allows twice the RSS)
asan:
	RSS_LIMIT_MB=400 $(MAKE) B=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    MOREFLAGS="-Werror -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    test

# The CLI golden tests with every tool under valgrind (memcheck, leaks);
# not part of check (minutes, not seconds: see README's Makefile targets).
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect,possible
check-valgrind: all
	RUNNER="$(VALGRIND)" BIN=$(B) tests/cli.sh

# deps: what building and the demo need; test-deps: what `make check`
# needs. As root they install what is missing (scripts/install-deps.sh);
# otherwise they print the command to run: deps stops, test-deps stops only
# when cmocka (to build the unit tests) is missing, else the suites skip
# what is not there (and fail under CI=true).
deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps.sh --build; \
	 elif ! $(PKG_CONFIG) --exists $(DEPS); then \
	   echo "missing build dependencies; run as root:"; \
	   echo "  sudo scripts/install-deps.sh --build"; exit 3; fi

test-deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps.sh --test; \
	 else m=$$(scripts/install-deps.sh --missing --test); \
	   [ -z "$$m" ] || { echo "missing test dependencies ($$m);"; \
	     echo "run as root:  sudo scripts/install-deps.sh --test"; }; \
	   $(PKG_CONFIG) --exists $(DEPS) cmocka || exit 3; fi

SAMPLE := testdata/sample
demo: deps
	$(MAKE) all
	@mkdir -p out
	$(B)/covmerge --label unit=$(SAMPLE)/unit.out --label system=$(SAMPLE)/system.out \
	    $(SAMPLE)/unit.out $(SAMPLE)/system.out -o out/merged.out
	@echo "merged profile: out/merged.out ($$(wc -l < out/merged.out) lines)"
	$(B)/covconv --to lcov testdata/gcda/gcc-12 -o out/gcc-build.info
	@echo "a gcc build directory read natively: out/gcc-build.info ($$(grep -c '^DA:' out/gcc-build.info) lines)"

# bench/jobs.toml declares the jobs; bench/run.py runs them (python3)
bench: all
	BIN=$(B) python3 bench/run.py

bench-quick: all
	QUICK=1 BIN=$(B) python3 bench/run.py

# libFuzzer + ASan/UBSan (clang): tests/fuzz/fuzz_read.c built once per
# reader with -DFUZZ_FORMAT=NAME (a format name, covdata or roundtrip),
# seeded by tests/fuzz/seeds.sh; not part of check. `make fuzz` runs each
# target FUZZ_TIME seconds, `make fuzz-long SECONDS=N` N seconds (or
# RUNS=N executions; MAX_LEN=N caps input bytes, default libFuzzer's: the
# largest seed); corpora are kept in build/fuzz/corpus-NAME. A new reader
# is one word here.
FUZZ_TARGETS := go covdata gcda lcov gcov-json llvm-json cobertura sonarqube json diff roundtrip \
                exclude history
FUZZ_B    := build/fuzz
FUZZ_TIME ?= 15
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CC    = clang -g -O1 $(FUZZ_SAN) $(WARN) -D_GNU_SOURCE $(DEPS_CFLAGS)
FUZZ_OBJ  := $(LIB_SRC:%.c=$(FUZZ_B)/%.o)
FUZZ_BIN  := $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)

$(FUZZ_B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

.SECONDARY: $(FUZZ_OBJ)
$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_read.c $(FUZZ_OBJ) $(wildcard libprof/*.h)
	$(FUZZ_CC) -fsanitize=fuzzer -DFUZZ_FORMAT='"$*"' -o $@ $(filter %.c %.o,$^) \
	    $(DEPS_LIBS) -lpthread -ldl

fuzz-run = for t in $(FUZZ_TARGETS); do \
	    tests/fuzz/seeds.sh $$t $(FUZZ_B)/corpus-$$t >/dev/null && \
	    echo "== fuzz_$$t -max_total_time=$(1) $(2)" && \
	    $(FUZZ_B)/fuzz_$$t -max_total_time=$(1) -timeout=10 $(2) \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_B)/$$t- \
	        $(FUZZ_B)/corpus-$$t 2>$(FUZZ_B)/fuzz_$$t.log || \
	    { tail -40 $(FUZZ_B)/fuzz_$$t.log; exit 1; }; \
	    grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec' \
	        $(FUZZ_B)/fuzz_$$t.log; done

fuzz: $(FUZZ_BIN)
	@$(call fuzz-run,$(FUZZ_TIME))

SECONDS ?= 600
FUZZ_LONG_OPTS = $(if $(RUNS),-runs=$(RUNS)) $(if $(MAX_LEN),-max_len=$(MAX_LEN))
fuzz-long: $(FUZZ_BIN)
	@$(call fuzz-run,$(if $(RUNS),0,$(SECONDS)),$(FUZZ_LONG_OPTS))

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
	    -e 's|@DEPS@|$(LIB_DEPS)|' libprof.pc.in \
	    >$(DESTDIR)$(LIBDIR)/pkgconfig/libprof.pc

VERSION := $(shell sed -n 's/^\#define PROF_VERSION "\(.*\)"/\1/p' libprof/prof.h)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(LIBDIR)/libprof.a \
	    $(DESTDIR)$(INCLUDEDIR)/prof.h $(DESTDIR)$(LIBDIR)/pkgconfig/libprof.pc
	for m in $(MANS); do \
	    s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done

man-lint:
	mandoc -Tlint -W warning $(MANS)

# clang-format 14 with .clang-format. The style matches the code's, but
# clang-format would still rewrap about 1,200 of 28,000 lines (packing
# arguments and initialisers to 80 columns, aligning trailing comments):
# `make format` rewrites only FORMATTED, the files it leaves unchanged, and
# `make format-check` counts, per file, the lines it would change in every
# C file (a report: it does not fail).
FORMATTED := libprof/arena.c libprof/gomod.c libprof/sizes.c \
             formats/cobertura.h formats/html.h formats/html_assets.c \
             formats/xmlapi.h tests/helpers.h tests/test_gosrc.c \
             tests/test_md5.c tests/shim/peak.c
C_FILES := $(wildcard libprof/*.[ch] formats/*.[ch] cmd/*.[ch] tests/*.[ch] \
             tests/*/*.[ch])
format:
	clang-format -i $(FORMATTED)

format-check:
	@t=0; for f in $(C_FILES); do \
	    n=$$(clang-format "$$f" | diff "$$f" - | grep -c '^<'); \
	    [ "$$n" = 0 ] || echo "$$f: $$n lines would change"; \
	    t=$$((t + n)); done; \
	echo "format-check: $$t of $$(cat $(C_FILES) | wc -l) lines would change"

clean:
	rm -rf build out

-include $(shell find $(B) -name '*.d' 2>/dev/null)
