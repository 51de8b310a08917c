#!/bin/sh
# suites.sh - suite labels never change lcov totals (issue 14, item 3).
#
# The same inputs are written as lcov without labels and with
# `-l NAME=INPUT` (TN: sections); lcov 1.16 is the oracle:
#  1. `lcov --summary` prints the same lines, functions and branches;
#  2. the sections added up by lcov (every TN emptied, then `lcov -a`, which
#     adds the records of one test name) equal `lcov -a` of the unlabelled
#     file record for record: DA, BRDA, FN/FNDA, summaries; counts as
#     hit/not hit, and exactly on the corpus's count-mode data, where no
#     line has a count M below the number K of suites that ran it (the
#     sections add up to M when M >= K, see covkit-formats(5)).
# Inputs: tests/godemo built with `go build -cover` and run twice (a text
# profile from `go tool covdata textfmt` of one run, the other run's
# GOCOVERDIR), whose partial lines must give branches; the corpus
# (testdata/corpus): its Go unit profiles + GOCOVERDIRs A and B and the gcc
# gcov JSON of jq (jv.c) and zlib (runs A and B, with branches).
# Needs Go 1.23 and lcov; skipped without them, except under CI=true.
set -u
. "$(dirname "$0")/lib.sh"
needs suites "$GO and lcov" \
    sh -c '[ -x "$1" ] && command -v lcov >/dev/null' - "$GO"
scratch go
pass=0 fail=0
check() { # what, then a command that succeeds when the check holds
    what=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $what"; fi
}
LCOV="lcov -q --rc lcov_branch_coverage=1"

summary() { # the three totals of lcov --summary
    lcov --summary --rc lcov_branch_coverage=1 "$1" 2>&1 |
        grep -E '^ *(lines|functions|branches)\.'
}
# the records lcov -a makes of FILE with every test name emptied, one per
# line as "SF|record", sorted (lcov -a orders FNDA by hash); unless EXACT,
# the counts of DA, FNDA and BRDA as 0/1
added_up() {
    sed 's/^TN:.*/TN:/' "$1" >"$work/flat.info"
    $LCOV -a "$work/flat.info" -o "$work/added.info" >/dev/null 2>&1 || return 1
    awk -v exact="${EXACT:-}" '/^SF:/ { sf = $0 }
        !exact && /^(DA|FNDA|BRDA):/ {
            n = split($0, f, ","); k = /^FNDA:/ ? 1 : n
            sub(/^[A-Z]+:/, "", f[1]); v = f[k]
            if (v != "-" && v > 0) f[k] = 1
            r = substr($0, 1, index($0, ":")) f[1]
            for (i = 2; i <= n; i++) r = r "," f[i]
            $0 = r }
        !/^TN:/ { print sf "|" $0 }' "$work/added.info" | LC_ALL=C sort
}

# compare NAME: lcov of the inputs "$@" (labels come first, as -l NAME=IN)
# with and without the -l options; PLAIN_ARGS holds the inputs alone
compare() {
    name=$1 plain=$work/plain.info labelled=$work/labelled.info
    shift
    "$BIN/covconv" -q --to lcov $PLAIN_ARGS -o "$plain" &&
        "$BIN/covconv" -q --to lcov "$@" $PLAIN_ARGS -o "$labelled" ||
        { fail=$((fail + 1)); echo "FAIL: $name: covconv failed"; return; }
    check "$name: labelled output has TN sections" grep -q '^TN:.' "$labelled"
    check "$name: unlabelled output has branches" grep -q '^BRDA:' "$plain"
    summary "$plain" >"$work/s1"
    summary "$labelled" >"$work/s2"
    check "$name: lcov --summary has branch data" grep -q 'branches.*%' "$work/s1"
    check "$name: lcov --summary equal" cmp -s "$work/s1" "$work/s2"
    added_up "$plain" >"$work/a1" && added_up "$labelled" >"$work/a2"
    check "$name: sections added up by lcov -a equal the unlabelled file" \
        cmp -s "$work/a1" "$work/a2"
    [ -n "${DEBUG:-}" ] && { cat "$work/s1"; diff "$work/a1" "$work/a2" | head; }
    return 0
}

# ---- tests/godemo: a text profile (run u) and a GOCOVERDIR (run e). The
# usage line is partial in both runs (neither ran the usage exit): the part
# that ran is in both suites' sections, the other in the TN: section; the
# Sscan line is partial in run u only (no bad number) and covered as a
# whole, so it has no branch at all.
(cd "$top/tests/godemo" &&
    "$GO" build -cover -covermode=count -o "$work/demo" .) ||
    { echo "suites: cannot build tests/godemo"; exit 1; }
mkdir "$work/u" "$work/e"
GOCOVERDIR=$work/u "$work/demo" 1 2 3 >/dev/null
GOCOVERDIR=$work/e "$work/demo" x -4 0 >/dev/null
"$GO" tool covdata textfmt -i="$work/u" -o "$work/u.out"
PLAIN_ARGS="$work/u.out $work/e"
compare godemo -l "unit=$work/u.out" -l "e2e=$work/e"
L=$(grep -n 'fmt.Sscan' "$top/tests/godemo/main.go" | cut -d: -f1)
check "godemo: the Sscan line ($L) has no branch" \
    sh -c '! grep -q "^BRDA:$1," "$2"' - "$L" "$work/labelled.info"
L=$(grep -n 'len(os.Args) < 2' "$top/tests/godemo/main.go" | cut -d: -f1)
check "godemo: the usage line's ($L) branch is in 3 sections" \
    test "$(grep -c "^BRDA:$L,0," "$work/labelled.info")" = 3
PLAIN_ARGS="$work/u $work/e"
compare "godemo (two GOCOVERDIRs)" -l "unit=$work/u" -l "e2e=$work/e"

# ---- the corpus (testdata/corpus)
U=$C/go/unit/unit.count.out D=$C/go/covdata/A.count
PLAIN_ARGS="$U $D" EXACT=1
compare "corpus Go unit + GOCOVERDIR A" -l "unit=$U" -l "e2e=$D"
EXACT=
U=$C/go/unit/unit.set.out D=$C/go/covdata/B.count
PLAIN_ARGS="$U $D"
compare "corpus Go unit (set) + GOCOVERDIR B" -l "unit=$U" -l "e2e=$D"
for p in jq zlib; do
    J=$C/c/$p/gcov-json
    PLAIN_ARGS=$(echo "$J"/A/*.gz "$J"/B/*.gz)
    labels=
    for f in "$J"/A/*.gz; do labels="$labels -l A=$f"; done
    for f in "$J"/B/*.gz; do labels="$labels -l B=$f"; done
    # shellcheck disable=SC2086 # one word per option
    EXACT=1
    compare "corpus $p gcov JSON A + B" $labels
    EXACT=
done

echo "suites: $pass passed, $fail failed"
[ $fail = 0 ]
