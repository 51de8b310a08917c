# Totals agree with lcov 1.16 --summary: on jq's real lcov data (run A,
# A+B merged by covcheck itself; branches with '-' records) and on the Go
# corpus profile written as lcov by covconv (partial lines as branches).
summ() { # lcov --summary FILE -> "lines H/F functions H/F branches H/F"
    lcov --summary "$1" --rc lcov_branch_coverage=1 2>&1 | awk '
        /lines\.\.\.|functions\.\.|branches\.\.\./ {
            k = $1; sub(/\..*/, "", k)
            if ($2 == "no") { printf "%s 0/0 ", k; next }
            h = $3; sub(/\(/, "", h); printf "%s %s/%s ", k, h, $5 }
        END { print "" }'
}
ours() { # covcheck text totals -> the same shape
    covcheck -q "$@" | awk '
        $1 == "lines" || $1 == "functions" || $1 == "branches" {
            if ($2 == "no") v[$1] = "0/0"; else v[$1] = $3 "/" $5 }
        END { printf "lines %s functions %s branches %s \n",
              v["lines"], v["functions"], v["branches"] }'
}
J=$CORPUS/c/jq/lcov
lcov -q -a "$J/A.branch.info" -a "$J/B.branch.info" --rc \
    lcov_branch_coverage=1 -o ab.info 2>/dev/null
covconv -q --to lcov "$CORPUS/go/unit/unit.count.out" -o go.info
for t in "A $J/A.branch.info" "B $J/B.branch.info" "A+B ab.info" \
         "go go.info"; do
    set -- $t
    a=$(summ "$2"); b=$(ours "$2")
    [ "$a" = "$b" ] && echo "$1: agree: $a" || echo "$1: lcov $a, covcheck $b"
done
a=$(summ ab.info); b=$(ours "$J/A.branch.info" "$J/B.branch.info")
[ "$a" = "$b" ] && echo "covcheck A B: agree" || echo "A B: lcov $a, covcheck $b"
