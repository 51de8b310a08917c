# BOM, CRLF, comments, VER, MCDC, lcov 2 BRDA forms, a negative count,
# duplicate SF sections and a missing final end_of_record. The output is
# read by the real lcov 1.16 without a warning.
cp "$TD/lcov/quirks.info" . && covmerge quirks.info -o out.info || exit 1
cat out.info
lcov --summary --rc lcov_branch_coverage=1 out.info 2>&1
