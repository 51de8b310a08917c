#!/bin/sh
# html.sh - the HTML report's column-precise shading against
# `go tool cover -html`: for every file of each Go profile, every source
# byte must be covered, not covered or untracked in covkit's page exactly
# as in Go's page (tabs compared as Go writes them, 8 spaces).
# Needs Go 1.23 (golang-1.23-go, also the sources) and python3; skipped
# without them, except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
needs html "$GO and python3" \
    sh -c '[ -x "$1" ] && command -v python3 >/dev/null' - "$GO"
scratch go
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
