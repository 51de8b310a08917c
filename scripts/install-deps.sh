#!/bin/sh
# install-deps.sh - install what covkit needs to build and test (Debian bookworm).
#
#   scripts/install-deps.sh --build  what building and `make demo` need
#   scripts/install-deps.sh --test   that + what `make check` needs
#   scripts/install-deps.sh          that + the other CI targets' tools
#                                    (check-valgrind, fuzz, check-browser)
#   scripts/install-deps.sh --peers  all that + the peer tools of bench
#   scripts/install-deps.sh --missing MODE  print the packages of MODE
#                                    (--build, --test, ...) not installed
#
# Only missing packages are installed; with none missing, apt is not run.
# Go 1.23 (--test and up) comes from bookworm-backports. That suite is added
# only when Go is to be installed, by copying the machine's own Debian
# source entry with the suite name changed, so no mirror host name is
# written anywhere in this repository.
set -eu

BUILD_PKGS="build-essential pkg-config zlib1g-dev libxml2-dev libpcre2-dev libjansson-dev"
TEST_PKGS="libcmocka-dev golang-1.23-go golang-golang-x-tools-dev git libxml2-utils mandoc lcov gcovr jq python3 python3-markdown-it"
# tests/gcda.sh: the compilers whose .gcno/.gcda covkit reads, and their gcov
TEST_PKGS="$TEST_PKGS gcc-11 g++-11 clang-14 llvm-14 libclang-rt-14-dev clang-19 llvm-19 libclang-rt-19-dev"
CI_PKGS="valgrind clang libclang-rt-14-dev chromium"
PEER_PKGS="hyperfine time grcov dpkg-dev autoconf automake libtool"

list=0
[ "${1:-}" = --missing ] && { list=1; shift; }
case "${1:-}" in
--build) pkgs=$BUILD_PKGS ;;
--test) pkgs="$BUILD_PKGS $TEST_PKGS" ;;
"") pkgs="$BUILD_PKGS $TEST_PKGS $CI_PKGS" ;;
--peers) pkgs="$BUILD_PKGS $TEST_PKGS $CI_PKGS $PEER_PKGS" ;;
*) echo "usage: install-deps.sh [--missing] [--build | --test | --peers]" >&2
   exit 2 ;;
esac

mode=${1:-}
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
        grep -q ' installed$' || missing="$missing $p"
done
# npm for bench's lcov-result-merger, unless a Node.js is already there
# (NodeSource's nodejs package has its own npm and conflicts with Debian's)
[ "${1:-}" = --peers ] && ! command -v npm >/dev/null && missing="$missing npm"
missing=${missing# }
# bench's peers apt does not list: gocovmerge when Debian packages it
# (bookworm does not), lcov-result-merger from npm (no Debian package)
bench_peers() {
    [ "$mode" = --peers ] || return 0
    # bench's real C project comes from its Debian source package
    if ! apt-cache showsrc libxml2 2>/dev/null | grep -q '^Package:' &&
            [ "$(id -u)" = 0 ] && add_debsrc; then
        apt-get update -qq
    fi
    if ! command -v gocovmerge >/dev/null &&
            apt-cache show golang-github-wadey-gocovmerge-dev >/dev/null 2>&1; then
        apt-get install -y -qq golang-github-wadey-gocovmerge-dev >/dev/null
    fi
    command -v lcov-result-merger >/dev/null ||
        npm install -g --no-audit --no-fund lcov-result-merger@6.0.0 >/dev/null ||
        echo "install-deps.sh: npm install -g lcov-result-merger failed" >&2
}
# copy_bookworm NAME FIELD VALUE SED: the machine's own plain "bookworm"
# source entry copied to /etc/apt/sources.list.d/covkit-NAME.sources with
# FIELD (deb822) set to VALUE, or for a one-line sources.list its first
# bookworm line edited by SED into covkit-NAME.list; fails when the copy
# exists already or there is nothing to copy
copy_bookworm() {
    src=/etc/apt/sources.list.d/debian.sources
    dst=/etc/apt/sources.list.d/covkit-$1.sources
    old=/etc/apt/sources.list
    list=/etc/apt/sources.list.d/covkit-$1.list
    [ -e "$dst" ] || [ -e "$list" ] && return 1
    if [ -f "$src" ]; then
        awk -v RS= -v ORS='\n\n' -v f="$2" -v val="$3" '
            /Suites:[^\n]*bookworm([ \n]|$)/ && !/security/ {
                sub(f ":[^\n]*", f ": " val); print; exit }' "$src" >"$dst"
        [ -s "$dst" ] || rm -f "$dst"
    fi
    if [ ! -e "$dst" ] && [ -f "$old" ]; then
        grep -E '^deb[[:space:]]+[^[:space:]]+[[:space:]]+bookworm[[:space:]]' "$old" | head -n 1 |
            sed -E "$4" >"$list"
        [ -s "$list" ] || rm -f "$list"
    fi
    [ -e "$dst" ] || [ -e "$list" ]
}
# a deb-src entry for bench's real C project (apt-get source)
add_debsrc() { copy_bookworm src Types deb-src 's/^deb[[:space:]]/deb-src /'; }

if [ "$list" = 1 ]; then
    [ -z "$missing" ] || echo "$missing"
    exit 0
fi
[ -n "$missing" ] || { bench_peers; exit 0; }

if [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: run as root, or run: apt-get install $missing" >&2
    exit 3
fi

add_backports() {
    copy_bookworm backports Suites bookworm-backports \
        's/[[:space:]]bookworm[[:space:]]/ bookworm-backports /' || true
}

export DEBIAN_FRONTEND=noninteractive
case " $missing " in *" golang-1.23-go "*) add_backports ;; esac
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
bench_peers
