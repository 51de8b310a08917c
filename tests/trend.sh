#!/bin/sh
# trend.sh - badges, the coverage history file and the HTML trend chart
# (issue 18):
#  1. --to badge is well-formed XML (xmllint); its colour at each threshold
#     boundary (covkit-formats(5)) for c of t lines, the percentage it shows
#     equal to `lcov --summary`'s; each --badge-metric on jq's real
#     tracefile equal to lcov --summary (lines, functions, branches), and
#     statements (the default for Go) equal to `go tool cover -func`'s
#     total on tests/godemo built here;
#  2. covcheck --history: three runs (SOURCE_DATE_EPOCH, --commit) append
#     three lines, each parsed by Python's json: its totals equal covcheck
#     --format json's, each suite's equal covcheck --suite NAME's, its time
#     the epoch's; a file whose last line lacks its newline and every
#     testdata/bad/history file are refused (exit 1), left byte-identical;
#  3. covconv --to html --history: every testdata/bad/history/CASE.jsonl
#     fails with exit 1 and exactly CASE.err, an existing report kept;
#     the chart draws the last 100 of 120 entries;
#  4. in headless Chromium (tests/trend.py): the chart's points and line,
#     light and dark, and badges at their declared size, texts in their
#     boxes.
# Needs xmllint, lcov, python3, Go 1.23 and chromium; skipped without
# them, except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
needs trend "xmllint, lcov, python3, $GO and chromium" \
    sh -c 'command -v xmllint && command -v lcov && command -v python3 &&
           [ -x "$1" ] && [ -n "$2" ]' - "$GO" "$CHROMIUM" >/dev/null
scratch go
cd "$work" || exit 1
export GIT_CEILING_DIRECTORIES=$work # no git repository above the runs
pass=0 fail=0
same() { # what, expected, got
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: expected '$2', got '$3'"; fi
}
check() { # what, then a command that succeeds when the check holds
    what=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $what"; fi
}
value() { sed -n 's/.*textLength="[0-9]*" lengthAdjust="spacingAndGlyphs">\([^<]*\)<.*/\1/p' "$1" | sed -n 4p; }
colour() { sed -n 's/.*<rect x="[0-9]*" width="[0-9]*" height="20" fill="\([^"]*\)".*/\1/p' "$1"; }
lcov_pct() { # FILE KIND: lcov --summary's percentage of lines/functions/branches
    lcov --rc lcov_branch_coverage=1 --summary "$1" 2>&1 |
        sed -n "s/^ *$2\.*: \([0-9.]*%\).*/\1/p"
}

# ---- 1. badges
# c of t lines: the boundaries of the colours (89.96% shows as 90.0%)
for case in 499:1000:#e05d44 500:1000:#fe7d37 599:1000:#fe7d37 \
    600:1000:#dfb317 699:1000:#dfb317 700:1000:#a4a61d 799:1000:#a4a61d \
    800:1000:#97ca00 899:1000:#97ca00 8996:10000:#4c1 900:1000:#4c1 \
    1000:1000:#4c1 0:7:#e05d44; do
    c=${case%%:*} rest=${case#*:} t=${case#*:}; t=${t%%:*} want=${rest#*:}
    awk -v c="$c" -v t="$t" 'BEGIN { print "SF:a.c"
        for (i = 1; i <= t; i++) print "DA:" i "," (i <= c ? 1 : 0)
        print "end_of_record" }' >"l$c.info"
    "$BIN/covconv" -q --to badge "l$c.info" -o "b$c.svg"
    check "badge $c/$t: well-formed" xmllint --noout "b$c.svg"
    same "badge $c/$t: colour" "$want" "$(colour "b$c.svg")"
    same "badge $c/$t: value (lcov --summary)" "$(lcov_pct "l$c.info" lines)" \
        "$(value "b$c.svg")"
done
printf 'SF:a.c\nend_of_record\n' >none.info
"$BIN/covconv" -q --to badge none.info -o none.svg
same "badge of nothing: n/a" "n/a #9f9f9f" "$(value none.svg) $(colour none.svg)"
JQ=$C/c/jq/lcov/A.branch.info
for m in lines functions branches; do
    "$BIN/covconv" -q --to badge --badge-metric "$m" --badge-label "$m" \
        "$JQ" -o "jq-$m.svg"
    check "jq $m badge: well-formed" xmllint --noout "jq-$m.svg"
    same "jq $m badge = lcov --summary" "$(lcov_pct "$JQ" "$m")" \
        "$(value "jq-$m.svg")"
done
"$BIN/covconv" -q --to badge "$JQ" -o jq-default.svg
same "line data: the default metric is lines" \
    "$(value jq-lines.svg) $(colour jq-lines.svg)" \
    "$(value jq-default.svg) $(colour jq-default.svg)"
DEMO=$top/tests/godemo
(cd "$DEMO" && "$GO" build -cover -covermode=count -o "$work/demo" .) ||
    { echo "trend: cannot build tests/godemo"; exit 1; }
mkdir d && GOCOVERDIR=$work/d ./demo x 1 >/dev/null
"$GO" tool covdata textfmt -i=d -o demo.out
want=$(cd "$DEMO" && "$GO" tool cover -func="$work/demo.out" | tail -n 1 |
    awk '{ print $NF }')
"$BIN/covconv" -q --to badge --source-root "$DEMO" demo.out -o go.svg
same "Go badge (default: statements) = go tool cover -func" "$want" \
    "$(value go.svg)"
"$BIN/covconv" -q --to badge --badge-metric statements --source-root \
    "$DEMO" d -o go-dir.svg
same "GOCOVERDIR badge --badge-metric statements" "$want" "$(value go-dir.svg)"

# ---- 2. the history file
A=$C/c/jq/lcov/A.branch.info B=$C/c/jq/lcov/B.branch.info
for i in 1 2 3; do
    SOURCE_DATE_EPOCH=$((1714564800 + i * 86400)) "$BIN/covcheck" -q \
        --history hist.jsonl --commit "c0ffee$i" --label "unit=$A" \
        --label "system=$B" "$A" "$B" >/dev/null
    same "covcheck --history run $i: exit" 0 "$?"
done
"$BIN/covcheck" -q --format json --label "unit=$A" --label "system=$B" \
    "$A" "$B" >all.json
"$BIN/covcheck" -q --format json --suite unit --label "unit=$A" \
    --label "system=$B" "$A" "$B" >unit.json
"$BIN/covcheck" -q --format json --suite system --label "unit=$A" \
    --label "system=$B" "$A" "$B" >system.json
out=$(python3 - hist.jsonl <<'PY'
import datetime, json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "" and len(lines) == 4, "three lines, each ended"
def totals(path):
    t = json.load(open(path))["totals"]
    return {k: {"covered": t[k]["covered"], "total": t[k]["total"]}
            for k in ("lines", "branches", "functions", "statements")}
want = totals("all.json")
for i, text in enumerate(lines[:3], 1):
    e = json.loads(text)
    assert e["version"] == 1 and e["commit"] == "c0ffee%d" % i, e
    assert e["branch"] is None, e["branch"]
    t = datetime.datetime.fromtimestamp(1714564800 + i * 86400,
                                        datetime.timezone.utc)
    assert e["time"] == t.strftime("%Y-%m-%dT%H:%M:%SZ"), e["time"]
    assert e["totals"] == want, (e["totals"], want)
    assert e["suites"] == {"unit": totals("unit.json"),
                           "system": totals("system.json")}, e["suites"]
    assert e["totals"]["lines"]["covered"] > e["suites"]["unit"]["lines"]["covered"]
print("ok")
PY
)
same "history: three lines as covcheck --format json and --suite" ok "$out"
cp hist.jsonl keep.jsonl
printf '%s' "$(head -n 1 keep.jsonl)" >cut.jsonl
cp cut.jsonl cut.before
"$BIN/covcheck" -q --history cut.jsonl "$A" >/dev/null 2>cut.err
same "history without a last newline: exit" 1 "$?"
check "history without a last newline: untouched" cmp -s cut.jsonl cut.before
check "history without a last newline: said" grep -q "no newline" cut.err
GITHUB_SHA=feed GITHUB_REF_NAME=main "$BIN/covcheck" -q --history env.jsonl \
    "$A" >/dev/null
same "history: commit and branch from the CI" '"feed" "main"' \
    "$(python3 -c 'import json,sys; e = json.load(open(sys.argv[1]))
print(json.dumps(e["commit"]), json.dumps(e["branch"]))' env.jsonl)"

# ---- 3. bad histories; 120 entries
BAD=$top/testdata/bad/history
mkdir -p rep && touch rep/.covkit-report rep/marker
for f in "$BAD"/*.jsonl; do
    name=${f##*/}
    cp "$f" "$name"
    "$BIN/covconv" -q --to html --history "$name" "$A" -o rep 2>html.err
    same "$name: covconv exit" 1 "$?"
    check "$name: covconv's message is ${name%.jsonl}.err" \
        cmp -s "${f%.jsonl}.err" html.err
    check "$name: the report kept" test -f rep/marker
    "$BIN/covcheck" -q --history "$name" "$A" >/dev/null 2>check.err
    same "$name: covcheck exit" 1 "$?"
    check "$name: covcheck leaves it untouched" cmp -s "$f" "$name"
done
python3 -c 'import sys
for i in range(120):
    print("{\"version\":1,\"commit\":\"c%d\",\"time\":\"2024-01-01T00:00:%02dZ\",\"totals\":{\"lines\":{\"covered\":%d,\"total\":120},\"branches\":{\"covered\":0,\"total\":0},\"functions\":{\"covered\":%d,\"total\":200},\"statements\":{\"covered\":0,\"total\":0}}}" % (i, i % 60, i, i))' >long.jsonl
"$BIN/covconv" -q --to html --history long.jsonl "$A" -o long
same "120 entries: the last 100 drawn" "100 100" \
    "$(grep -c '<circle.*lines [0-9.]*%' long/index.html) $(grep -c '<circle.*functions' long/index.html)"
check "120 entries: the first drawn is c20" grep -q '<title>c20 ' long/index.html
check "120 entries: c19 left out" sh -c '! grep -q "<title>c19 " long/index.html'

# ---- 4. Chromium
"$BIN/covconv" -q --to html --history hist.jsonl "$A" "$B" -o chart
if python3 "$top/tests/trend.py" "$CHROMIUM" chart 3 "$work/b799.svg" \
    "$work/jq-functions.svg" "$work/none.svg" "$work/go.svg"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1)); echo "FAIL: trend.py (Chromium)"
fi
echo "trend: $pass passed, $fail failed"
[ "$fail" = 0 ]
