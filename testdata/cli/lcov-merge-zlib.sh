# Merge two real lcov captures of zlib (testdata/lcov/README.md) and let
# the real lcov 1.16 summarise the result: the totals must equal those of
# `lcov -a` on the same inputs (corpus c/zlib/lcov/merged.A+B.summary.txt).
covmerge "$TD/lcov/zlib-A.branch.info.gz" "$TD/lcov/zlib-B.branch.info.gz" \
    -o merged.info || exit 1
lcov --summary --rc lcov_branch_coverage=1 merged.info 2>&1
