#!/bin/sh
# cproj.sh - a real C project's coverage build tree for bench and tests.
#
#   bench/cproj.sh DIR    Debian's libxml2 source (apt-get source) in
#                         DIR/tree, built there with gcc-12 --coverage -O0
#                         (the library's objects under DIR/tree/.libs), its
#                         own test suite (make check) run once; DIR/ok
#                         written last
#
# DIR/tree then holds the .gcno and .gcda of that run: what bench/jobs.toml's
# cproj job captures and tests/cproj.sh checks. Nothing is done when DIR/ok
# exists. apt-get source needs a deb-src entry: scripts/install-deps.sh
# --peers (as root) adds one, copied from the machine's own bookworm entry.
# Python bindings, ICU and lzma are left out (configure --without-...);
# the build and the test suite take about 3 minutes on 2 cores. Needs
# dpkg-dev, autoconf, automake, libtool and gcc-12.
set -eu
[ $# = 1 ] || { echo "usage: cproj.sh DIR" >&2; exit 2; }
dir=$1
[ -e "$dir/ok" ] && exit 0
pkg=libxml2
rm -rf "$dir" && mkdir -p "$dir/dl"
(cd "$dir/dl" && apt-get source -qq "$pkg" >/dev/null 2>"$dir/apt.err") || {
    cat "$dir/apt.err" >&2
    echo "cproj.sh: apt-get source $pkg failed; as root, run" \
        "scripts/install-deps.sh --peers (it adds a deb-src entry)" >&2
    exit 3
}
mv "$dir"/dl/"$pkg"-*/ "$dir/tree"
rm -rf "$dir/dl"
# Debian's patches change Makefile.am (a test added): regenerate, as its
# build does (dh_autoreconf; needs autoconf, automake, libtool)
(cd "$dir/tree" && autoreconf -fi >../autoreconf.log 2>&1) ||
    { tail -n 20 "$dir/autoreconf.log" >&2; exit 1; }
cd "$dir/tree"
# built in the source tree (libxml2's suite reads its test files from
# there); gcc-12, whose gcov-12 is the tests' oracle
./configure -q --without-python --without-icu --without-lzma \
    --disable-static CC=gcc-12 CFLAGS="-O0 --coverage" \
    LDFLAGS=--coverage >../configure.log
make -j2 >../make.log 2>&1 || { tail -n 30 ../make.log >&2; exit 1; }
# its own test suite, once. Debian's source (+dfsg) lacks test/threads,
# so runtest reports 1 error of 508 and make check's && chain stops
# there: the rest of the chain is run after it, each whatever the one
# before said (runxmlconf needs the W3C suite, absent, and is left out)
make check >../check.log 2>&1 || true
for t in testrecurse testapi testchar testdict testcatalog; do
    ./$t >>../check.log 2>&1 || echo "cproj.sh: $t failed (see" \
        "$dir/check.log); its coverage is kept" >&2
done
find . -name '*.gcda' | wc -l | sed 's/^/cproj.sh: .gcda files: /' >&2
echo "$pkg $(dpkg-parsechangelog -S Version 2>/dev/null)" >../ok
