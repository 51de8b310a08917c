#!/bin/sh
# browser.sh - the HTML reports of testdata/corpus in headless Chromium
# (make check-browser): every page loads with no console error, no uncaught
# exception and no request that is not file: or data:; sorting, filtering
# and the n/p keys work; the suite view of a merged report shows, line for
# line, what the report of that suite alone shows.
#
# Go: unit + system profiles of the Go tree, sources from the Go 1.23 tree
# (golang-1.23-go). C: jq's lcov tracefiles of two runs (no sources: pages
# without source text). Needs chromium and python3 (scripts/install-deps.sh);
# skipped without them, except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
GOSRC=${GOSRC:-/usr/lib/go-1.23/src}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
needs browser "chromium, python3, $C and $GOSRC" \
    sh -c '[ -n "$1" ] && command -v python3 >/dev/null && [ -d "$2" ] &&
           [ -d "$3" ]' - "$CHROMIUM" "$C" "$GOSRC"
scratch

U=$C/go/unit/unit.count.out S=$C/go/system/system.AB.count.out
A=$C/c/jq/lcov/A.branch.info B=$C/c/jq/lcov/B.branch.info
set -e
"$BIN/covconv" -q --to html --source-root "$GOSRC" \
    --label unit="$U" --label system="$S" "$U" "$S" -o "$work/go"
"$BIN/covconv" -q --to html --source-root "$GOSRC" --label system="$S" \
    "$S" -o "$work/go-system"
"$BIN/covconv" -q --to html --label A="$A" --label B="$B" "$A" "$B" \
    -o "$work/c"
"$BIN/covconv" -q --to html --label B="$B" "$B" -o "$work/c-B"
set +e
python3 "$top/tests/browser.py" "$CHROMIUM" \
    "$work/go=index,keys,suite:system:$work/go-system" \
    "$work/c=index,keys,suite:B:$work/c-B"
