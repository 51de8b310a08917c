# genhtml 1.16 accepts covkit's lcov output (from lcov and from Go input)
# without a warning; its index shows the merged totals.
covmerge "$TD/lcov/zlib-A.branch.info.gz" "$TD/lcov/zlib-B.branch.info.gz" \
    -o zlib.info || exit 1
covconv --to lcov "$TD/sample/unit.out" -o go.info || exit 1
for t in zlib go; do
    genhtml -q --no-source --rc genhtml_branch_coverage=1 -o "$t" "$t.info" \
        2>&1 || exit 1
    echo "$t: $(grep -o 'headerCovTableEntry">[0-9]*' "$t/index.html" |
        sed 's/.*>//' | tr '\n' ' ')"
done
