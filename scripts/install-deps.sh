#!/bin/sh
# install-deps.sh - install what covkit needs to build and test (Debian bookworm).
#
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --peers  also the peer tools used by interop tests and bench
#
# Go 1.23 comes from bookworm-backports. That suite is added by copying the
# machine's own Debian source entry with the suite name changed, so no mirror
# host name is written anywhere in this repository.
set -eu

BUILD_PKGS="build-essential pkg-config zlib1g-dev libxml2-dev libpcre2-dev libjansson-dev libcmocka-dev"
TEST_PKGS="golang-1.23-go git golang-golang-x-tools-dev libxml2-utils mandoc valgrind lcov clang libclang-rt-14-dev jq chromium python3"
PEER_PKGS="gcovr hyperfine time grcov"

peers=0
[ "${1:-}" = "--peers" ] && peers=1

if [ "$(id -u)" != 0 ]; then
    echo "install-deps.sh: run as root, or run: apt-get install $BUILD_PKGS $TEST_PKGS" >&2
    exit 3
fi

add_backports() {
    src=/etc/apt/sources.list.d/debian.sources
    dst=/etc/apt/sources.list.d/covkit-backports.sources
    old=/etc/apt/sources.list
    list=/etc/apt/sources.list.d/covkit-backports.list
    [ -e "$dst" ] || [ -e "$list" ] && return 0
    if [ -f "$src" ]; then
        # first deb822 stanza whose Suites name plain "bookworm"
        awk -v RS= -v ORS='\n\n' '/Suites:[^\n]*bookworm([ \n]|$)/ && !/security/ {
                 sub(/Suites:[^\n]*/, "Suites: bookworm-backports"); print; exit }' \
            "$src" >"$dst"
        [ -s "$dst" ] || rm -f "$dst"
    fi
    if [ ! -e "$dst" ] && [ -f "$old" ]; then
        grep -E '^deb[[:space:]]+[^[:space:]]+[[:space:]]+bookworm[[:space:]]' "$old" | head -n 1 |
            sed -E 's/[[:space:]]bookworm[[:space:]]/ bookworm-backports /' >"$list"
        [ -s "$list" ] || rm -f "$list"
    fi
}

export DEBIAN_FRONTEND=noninteractive
add_backports
apt-get update -qq
pkgs="$BUILD_PKGS $TEST_PKGS"
[ "$peers" = 1 ] && pkgs="$pkgs $PEER_PKGS"
# npm for bench's lcov-result-merger, unless a Node.js is already there
# (NodeSource's nodejs package has its own npm and conflicts with Debian's)
[ "$peers" = 1 ] && ! command -v npm >/dev/null && pkgs="$pkgs npm"
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
