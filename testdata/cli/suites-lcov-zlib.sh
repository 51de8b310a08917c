# zlib runs A and B with suite names: lcov 1.16 reads the TN sections with
# no warning and totals them as the unlabelled merge; --suite A hits what A
# alone hits (2229 lines, 107 functions, 1253 branches),
# over the coverable lines of both runs.
sum() { lcov --summary --rc lcov_branch_coverage=1 "$1" 2>&1 | grep -v -e '^Reading tracefile' -e '^Summary coverage rate:'; }
covmerge --label A=$TD/lcov/zlib-A.branch.info.gz \
    --label B=$TD/lcov/zlib-B.branch.info.gz $TD/lcov/zlib-A.branch.info.gz $TD/lcov/zlib-B.branch.info.gz -o ab.info
covmerge $TD/lcov/zlib-A.branch.info.gz $TD/lcov/zlib-B.branch.info.gz -o plain.info
grep -c '^TN:[AB]$' ab.info
sum ab.info
sum plain.info
covmerge --suite A ab.info -o a.info
sum a.info
gunzip -c $TD/lcov/zlib-A.branch.info.gz > A.info
sum A.info
