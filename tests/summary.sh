#!/bin/sh
# summary.sh - `--to summary` totals against the peers' own numbers.
#   Go text profiles: the Total statements percentage equals the `total:`
#     line of `go tool cover -func` (Go 1.23, sources of its GOROOT), and
#     the covered/total statements equal a count straight from the profile
#     (awk: each distinct range once, covered when any count is > 0);
#   GOCOVERDIRs: every directory row equals `go tool covdata percent`'s
#     package line and the Total equals `covdata func`'s total (corpus refs);
#   lcov: lines, functions and branches of the Total row (covered/total and
#     percent) equal `lcov --summary --rc lcov_branch_coverage=1`, and a
#     metric lcov finds no data for is "-".
# Inputs: the corpus, testdata/corpus. Needs Go 1.23 and lcov; skipped
# without them, except under CI=true. Last line: "summary: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
needs summary "$GO and lcov" \
    sh -c '[ -x "$1" ] && command -v lcov >/dev/null' - "$GO"
scratch go
GOROOT_SRC=$("$GO" env GOROOT)/src
pass=0 fail=0
same() { # what, expected, got
    [ -n "$2" ] && [ "$2" = "$3" ] && [ -n "${DEBUG:-}" ] && echo "ok: $1: $3"
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: expected '$2', got '$3'"; fi
}

# the markdown summary's rows as "name<TAB>cell<TAB>cell...", bold and
# escapes removed; a cell is "pct (cov/tot)" or "-"
rows() {
    "$BIN/covconv" --to summary --format markdown "$@" |
        tail -n +3 | sed -e 's/\*\*//g' -e 's/\\//g' -e 's/^| //' -e 's/ |$//' \
            -e 's/ | /\t/g'
}
cell() { # column (1 lines .. 4 branches) of the Total row on stdin
    awk -F'\t' -v k="$1" '$1 == "Total" { print $(k + 1) }'
}

# ---- Go text profiles
for p in unit/unit.set.out unit/unit.count.out unit/unit.atomic.out \
         system/system.A.count.out system/system.AB.count.out \
         system/system.T.atomic.out; do
    f=$C/go/$p
    rows "$f" >"$work/rows" || { fail=$((fail + 1)); continue; }
    want=$(cd "$GOROOT_SRC" && "$GO" tool cover -func="$f" | tail -n 1 |
        awk '{ print $NF }')
    got=$(cell 2 <"$work/rows" | cut -d' ' -f1)
    same "$p: statements vs go tool cover -func" "$want" "$got"
    want=$(awk 'NR > 1 { n = split($0, a, " "); k = a[1];
            st[k] = a[2]; if (a[3] > 0) hit[k] = 1 }
        END { for (k in st) { t += st[k]; if (k in hit) c += st[k] }
              printf "(%d/%d)\n", c, t }' "$f")
    got=$(cell 2 <"$work/rows" | cut -d' ' -f2)
    same "$p: statements vs the profile" "$want" "$got"
    same "$p: no branches in Go data" "-" "$(cell 4 <"$work/rows")"
done

# ---- GOCOVERDIRs against go tool covdata percent / func
for d in A.count B.count S.set T.atomic unit.count; do
    rows "$C/go/covdata/$d" >"$work/rows"
    awk -F'\t' '{ sub(/coverage: /, "", $4); sub(/ of statements/, "", $4)
        print $2, $4 }' "$C/go/ref/covdata/percent.$d.txt" >"$work/want"
    awk -F'\t' '$1 != "Total" && $1 !~ /\.go$/ { split($3, a, " ")
        print $1, a[1] }' "$work/rows" >"$work/got"
    same "$d: directories vs covdata percent" "$(cat "$work/want")" "$(cat "$work/got")"
    want=$(tail -n 1 "$C/go/ref/covdata/func.$d.txt" | awk '{ print $NF }')
    same "$d: total vs covdata func" "$want" "$(cell 2 <"$work/rows" | cut -d' ' -f1)"
done

# ---- lcov tracefiles against lcov --summary
lcov_cell() { # metric (lines, functions, branches) of lcov --summary output
    awk -v m="$1" '$1 ~ "^" m "\\." {
        if ($2 == "no") { print "-"; exit }
        gsub(/[()]/, "", $3); print $2 " (" $3 "/" $5 ")" }' "$work/lcov"
}
for f in "$C"/c/jq/lcov/*.info "$C"/c/zlib/lcov/*.info; do
    name=$(basename "$(dirname "$(dirname "$f")")")/$(basename "$f")
    lcov --summary --rc lcov_branch_coverage=1 "$f" >"$work/lcov" 2>&1
    rows "$f" >"$work/rows"
    same "$name: lines" "$(lcov_cell lines)" "$(cell 1 <"$work/rows")"
    same "$name: functions" "$(lcov_cell functions)" "$(cell 3 <"$work/rows")"
    same "$name: branches" "$(lcov_cell branches)" "$(cell 4 <"$work/rows")"
    same "$name: no statements in lcov data" "-" "$(cell 2 <"$work/rows")"
done

echo "summary: $pass passed, $fail failed"
[ $fail = 0 ]
