# lcov 1.16 reads covkit's lcov output of the zlib tracefiles (each one
# converted, and their merge) without a warning, and its summary totals are
# those of `lcov -a` of the same inputs.
A=$TD/lcov/zlib-A.branch.info.gz B=$TD/lcov/zlib-B.branch.info.gz
rc="--rc lcov_branch_coverage=1"
covconv --to lcov "$A" -o A.info || exit 1
covconv --to lcov "$B" -o B.info || exit 1
covmerge "$A" "$B" -o AB.info || exit 1
lcov -q $rc -a "$A" -o refA.info 2>&1 || exit 1
lcov -q $rc -a "$B" -o refB.info 2>&1 || exit 1
lcov -q $rc -a "$A" -a "$B" -o refAB.info 2>&1 || exit 1
# summary: lcov's summary lines of $1, its stderr in $1.err
summary() {
    lcov --summary $rc "$1" 2>"$1.err" | grep -e '^  [a-z]*\.\.*:'
}
for t in A B AB; do
    echo "$t:"
    summary "$t.info" >"$t.sum" || exit 1
    cat "$t.sum"
    if grep -q WARNING "$t.info.err"; then cat "$t.info.err"
    else echo "no warnings"; fi
    summary "ref$t.info" >"ref$t.sum" || exit 1
    cmp -s "$t.sum" "ref$t.sum" && echo "same totals as lcov -a"
done
