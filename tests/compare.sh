#!/bin/sh
# compare.sh - covcheck --base on real data against the real tools:
#  1. C: jq's lcov captures of run A (base) and run B (head)
#     (testdata/corpus/c/jq/lcov): each side's line and function totals
#     equal `lcov --summary` of that file, and the JSON delta of lines
#     equals B's percentage minus A's from lcov's counts, exact value
#     rounded to 4 decimals (Python's fractions);
#  2. Go: the gofmt system runs A (base) and B (head)
#     (testdata/corpus/go/system): each side's statement percentage equals
#     the total of `go tool cover -func` on that profile (run in
#     $GOROOT/src), and the JSON delta of statements equals the difference
#     of the exact counts covcheck reports;
#  3. --max-drop passes at the true drop of 1 (4 decimals, rounded up) and
#     fails just below it.
# Needs lcov, python3 and Go 1.23; skipped without them (CI=true: fails).
set -u
. "$(dirname "$0")/lib.sh"
needs compare "lcov, python3 and Go" sh -c \
    "{ command -v lcov && command -v python3; } >/dev/null && test -x '$GO'"
scratch go
pass=0 fail=0
same() { # what, expected, got
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: expected '$2', got '$3'"; fi
}
# NAME in JSON file FILE as Python's expression EXPR over j
jq_() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); \
print($2)" "$1"; }
# the exact (B/b - A/a) * 100 rounded to 4 decimals, half away from zero
delta() { python3 -c "from fractions import Fraction as F; import sys
a, b, c, d = map(int, sys.argv[1:])
v = (F(c, d) - F(a, b)) * 100 * 10000
r = (abs(v) * 2 + 1) // 2
print(float((r if v >= 0 else -r) / F(10000)))" "$@"; }
summ() { # lcov --summary FILE KIND -> "H F"
    lcov --summary "$1" 2>&1 | awk -v k="$2" '$1 ~ "^" k "\\.\\." {
        h = $3; sub(/\(/, "", h); print h, $5 }'
}

# ---- 1. C: jq A -> B against lcov --summary
J=$C/c/jq/lcov
"$BIN/covcheck" -q "$J/B.info" --base "$J/A.info" --format json \
    -o "$work/c.json"
set -- $(summ "$J/A.info" lines) $(summ "$J/B.info" lines)
same "jq: base lines = lcov --summary A" "$1 $2" \
    "$(jq_ "$work/c.json" "j['base']['totals']['lines']['covered'], j['base']['totals']['lines']['total']")"
same "jq: head lines = lcov --summary B" "$3 $4" \
    "$(jq_ "$work/c.json" "j['totals']['lines']['covered'], j['totals']['lines']['total']")"
want=$(delta "$1" "$2" "$3" "$4")
same "jq: delta of lines from lcov's counts" "$want" \
    "$(jq_ "$work/c.json" "j['base']['delta']['lines']")"
set -- $(summ "$J/A.info" functions) $(summ "$J/B.info" functions)
same "jq: base functions = lcov --summary A" "$1 $2" \
    "$(jq_ "$work/c.json" "j['base']['totals']['functions']['covered'], j['base']['totals']['functions']['total']")"

# ---- 3. --max-drop on either side of jq's true drop
drop=$(python3 -c "print(-$want)")
up=$(python3 -c "import math; print('%.4f' % (math.ceil($drop * 10000 + 1e-9) / 10000))")
below=$(python3 -c "print('%.4f' % ($up - 0.0001))")
"$BIN/covcheck" -q "$J/B.info" --base "$J/A.info" --max-drop "$up" \
    >/dev/null 2>&1
same "jq: --max-drop $up (the drop $drop rounded up) passes" 0 "$?"
"$BIN/covcheck" -q "$J/B.info" --base "$J/A.info" --max-drop "$below" \
    >/dev/null 2>&1
same "jq: --max-drop $below fails" 4 "$?"

# ---- 2. Go: the gofmt system runs A -> B against go tool cover -func
S=$C/go/system
SRC=$("$GO" env GOROOT)/src
total() { (cd "$SRC" && "$GO" tool cover -func="$1") | tail -n 1 |
    awk '{ sub(/%/, "", $NF); print $NF }'; }
"$BIN/covcheck" -q "$S/system.B.count.out" --base "$S/system.A.count.out" \
    --format json -o "$work/go.json"
same "go: base statements = go tool cover -func A" \
    "$(total "$S/system.A.count.out")" \
    "$(jq_ "$work/go.json" "j['base']['totals']['statements']['percent']")"
same "go: head statements = go tool cover -func B" \
    "$(total "$S/system.B.count.out")" \
    "$(jq_ "$work/go.json" "j['totals']['statements']['percent']")"
set -- $(jq_ "$work/go.json" "j['base']['totals']['statements']['covered'], j['base']['totals']['statements']['total'], j['totals']['statements']['covered'], j['totals']['statements']['total']")
same "go: delta of statements from the counts" "$(delta "$@")" \
    "$(jq_ "$work/go.json" "j['base']['delta']['statements']")"

echo "compare: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
