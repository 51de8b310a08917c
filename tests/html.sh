#!/bin/sh
# html.sh - the HTML report's column-precise shading against
# `go tool cover -html`: for every file of each Go profile, every source
# byte must be covered, not covered or untracked in covkit's page exactly
# as in Go's page (tabs compared as Go writes them, 8 spaces).
# Needs Go 1.23 (golang-1.23-go, also the sources) and python3; skipped
# without them, except under CI=true, where a missing tool fails.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
GO=${GO:-/usr/lib/go-1.23/bin/go}
if [ ! -x "$GO" ] || ! command -v python3 >/dev/null; then
    echo "html: needs $GO and python3"
    if [ "${CI:-}" = true ]; then echo "html: 0 passed, 1 failed"; exit 1; fi
    echo "html: skipped"; exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=${HOME:-$work} GOCACHE=$work/gocache GOFLAGS= GOTOOLCHAIN=local
SRC=$("$GO" env GOROOT)/src
pass=0 fail=0
for p in "$top/testdata/cli/sample-merged.out" "$top/testdata/cli/u.count.out" \
    "$top/testdata/cli/s.set.out"; do
    name=$(basename "$p")
    (cd "$SRC" && "$GO" tool cover -html="$p" -o "$work/$name.go.html") &&
        "$BIN/covconv" -q --to html --source-root "$SRC" "$p" -o "$work/$name" &&
        python3 "$top/tests/html_gocover.py" "$work/$name.go.html" "$work/$name"
    if [ $? = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
done
echo "html: $pass passed, $fail failed"
[ $fail = 0 ]
