# lib.sh - what the tests against peer tools share (sourced, POSIX sh):
# where things are, the rule for a missing tool, and a scratch directory.
#   top BIN C GO         the checkout, the tools, the corpus pieces in
#                        testdata/corpus (README there), Go 1.23
#   SHARED               the whole shared corpus, ../shared/corpus: optional,
#                        for the few checks whose data is too big to copy
#   needs NAME WHAT CMD  CMD exits 0 when the tools are there; else print
#                        "NAME: needs WHAT" and skip (exit 0), or fail under
#                        CI=true, where every tool must be installed
#   scratch [go]         $work: a directory removed on exit; with "go", Go's
#                        caches in it and no toolchain download
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
C=$top/testdata/corpus
SHARED=$top/../shared/corpus
GO=${GO:-/usr/lib/go-1.23/bin/go}

needs() {
    _name=$1 _what=$2
    shift 2
    "$@" && return 0
    echo "$_name: needs $_what"
    if [ "${CI:-}" = true ]; then echo "$_name: 0 passed, 1 failed"; exit 1; fi
    echo "$_name: skipped"
    exit 0
}

scratch() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    [ "${1:-}" = go ] || return 0
    export HOME=${HOME:-$work} GOCACHE=$work/gocache GOFLAGS= GOTOOLCHAIN=local
}
