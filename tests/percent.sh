#!/bin/sh
# percent.sh - one rounding rule for every percentage (issue 14, item 6):
# one decimal, rounded as `go tool cover -func` rounds (Go's %.1f).
#  1. tests/godemo, built with `go build -cover` and run so that its total
#     (9 of 14 statements, 64.2857%) rounds up where rounding down gives
#     64.2%: `go tool cover -func`'s total equals the statements of
#     --to func, --to summary (text and markdown), the HTML report (total
#     row and card) and covcheck (text, markdown, JSON); --to func equals
#     the whole table, and the GOCOVERDIR's --to func / --to percent equal
#     `go tool covdata func` / `percent`;
#  2. every c of t <= 80 (ties such as 1 of 16 = 6.25 included) through
#     --to summary equals Go's fmt.Sprintf("%.1f") of a program built here,
#     and so does the HTML suite view's JavaScript (covkit.js) under Node.
# Needs Go 1.23 (and Node for the JavaScript); skipped without Go, except
# under CI=true, where Node is needed too.
set -u
. "$(dirname "$0")/lib.sh"
needs percent "$GO" test -x "$GO"
scratch go
pass=0 fail=0
check() { # what, then a command that succeeds when the check holds
    what=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $what"; fi
}
same() { # what, expected, got
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: expected '$2', got '$3'"; fi
}

# ---- 1. tests/godemo against go tool cover -func and go tool covdata
DEMO=$top/tests/godemo
(cd "$DEMO" && "$GO" build -cover -covermode=count -o "$work/demo" .) ||
    { echo "percent: cannot build tests/godemo"; exit 1; }
mkdir "$work/d"
GOCOVERDIR=$work/d "$work/demo" x 1 >/dev/null
"$GO" tool covdata textfmt -i="$work/d" -o "$work/p.out"
(cd "$DEMO" && "$GO" tool cover -func="$work/p.out") >"$work/go.func"
want=$(tail -n 1 "$work/go.func" | awk '{ print $NF }')
# the case tells the rules apart: rounding down gives another number
down=$(awk 'NR > 1 { n = split($0, f, " "); st[f[1]] = f[2]; if (f[3] > 0) h[f[1]] = 1 }
    END { for (k in st) { t += st[k]; if (k in h) c += st[k] }
          printf "%d.%d%%\n", int(1000 * c / t) / 10, int(1000 * c / t) % 10 }' \
    "$work/p.out")
check "godemo total: rounding down ($down) differs from Go's $want" \
    test "$down" != "$want"
"$BIN/covconv" -q --to func --source-root "$DEMO" "$work/p.out" >"$work/ck.func"
check "godemo: --to func equals go tool cover -func" \
    cmp -s "$work/go.func" "$work/ck.func"
same "summary text" "$want" "$("$BIN/covconv" --to summary "$work/p.out" |
    awk '$1 == "Total" { print $5 }')"
same "summary markdown" "$want" "$("$BIN/covconv" --to summary \
    --format markdown "$work/p.out" |
    awk -F' [|] ' '/Total/ { split($3, a, " "); gsub(/\*/, "", a[1]); print a[1] }')"
"$BIN/covconv" -q --to html "$work/p.out" -o "$work/html"
same "HTML total row" "$want" "$(sed -n 's/.*<tfoot>//p' "$work/html/index.html" |
    grep -o 'class="pc">[^<]*' | sed -n '2s/.*>//p')"
same "HTML card" "$want" "$(grep -o '<h2>Statements</h2>.*' "$work/html/index.html" |
    grep -o 'class="pc">[^<]*' | sed -n '1s/.*>//p')"
same "covcheck text" "$want" "$("$BIN/covcheck" "$work/p.out" |
    awk '$1 == "statements" { print $2 }')"
same "covcheck markdown" "$want" "$("$BIN/covcheck" --format markdown \
    "$work/p.out" | awk -F' [|] ' '$1 == "| statements" { print $4 }' |
    sed 's/ |$//')"
same "covcheck JSON" "${want%\%}" "$("$BIN/covcheck" --format json \
    "$work/p.out" | awk '/"statements"/ { s = 1 } s && /"percent"/ {
        gsub(/[ ,]/, ""); sub(/"percent":/, ""); print; exit }')"
(cd "$DEMO" && "$GO" tool covdata func -i="$work/d") >"$work/go.cfunc"
"$BIN/covconv" --to func "$work/d" >"$work/ck.cfunc"
check "godemo GOCOVERDIR: --to func equals go tool covdata func" \
    cmp -s "$work/go.cfunc" "$work/ck.cfunc"
"$GO" tool covdata percent -i="$work/d" >"$work/go.pct"
"$BIN/covconv" --to percent "$work/d" >"$work/ck.pct"
check "godemo GOCOVERDIR: --to percent equals go tool covdata percent" \
    cmp -s "$work/go.pct" "$work/ck.pct"

# ---- 2. every c of t <= 80: Go's fmt, covkit (a file of two blocks per
# pair, c statements run and t - c not), the report's JavaScript
mkdir "$work/fmt"
cat >"$work/fmt/main.go" <<'EOF'
package main

import "fmt"

func main() {
	for t := 1; t <= 80; t++ {
		for c := 0; c <= t; c++ {
			fmt.Printf("%d %d %.1f%%\n", c, t, 100.0*float64(c)/float64(t))
		}
	}
}
EOF
printf 'module fmtpct\n\ngo 1.23\n' >"$work/fmt/go.mod"
(cd "$work/fmt" && "$GO" run .) >"$work/go.pairs" ||
    { echo "percent: cannot run the fmt program"; exit 1; }
awk 'BEGIN { print "mode: set"
    for (t = 1; t <= 80; t++) for (c = 0; c <= t; c++) {
        f = sprintf("p/c%03d_%03d.go", c, t)
        if (c) print f ":1.1,1.9 " c " 1"
        if (c < t) print f ":2.1,2.9 " (t - c) " 0" } }' >"$work/pairs.out"
"$BIN/covconv" --to summary "$work/pairs.out" |
    awk '$1 ~ /^c[0-9]+_[0-9]+\.go$/ { split(substr($1, 2), a, /[_.]/)
        print a[1] + 0, a[2] + 0, $5 }' | sort -k2,2n -k1,1n >"$work/ck.pairs"
check "every c of t <= 80: --to summary equals Go's %.1f" \
    cmp -s "$work/go.pairs" "$work/ck.pairs"
check "the pairs include exact ties (1 of 16 = 6.2%, 3 of 16 = 18.8%)" \
    grep -q -x -e '1 16 6.2%' "$work/go.pairs"
if command -v node >/dev/null; then
    js=$(sed -n '/var percent = function/,/^  };/p' "$work/html/covkit.js")
    node -e "$js
        for (var t = 1; t <= 80; t++) for (var c = 0; c <= t; c++)
            console.log(c + ' ' + t + ' ' + percent(c, t) + '%');" >"$work/js.pairs"
    check "covkit.js percent() found" test -n "$js"
    check "every c of t <= 80: covkit.js equals Go's %.1f" \
        cmp -s "$work/go.pairs" "$work/js.pairs"
elif [ "${CI:-}" = true ]; then
    fail=$((fail + 1)); echo "FAIL: node is needed under CI=true"
else
    echo "percent: no node: the report's JavaScript not checked"
fi

echo "percent: $pass passed, $fail failed"
[ $fail = 0 ]
