# forge's lcov has BRDA records on lines without a DA record. Cobertura
# holds branches only on a <line>, so such a line is written with its
# conditions (hits: the largest sum of one block's taken counts, 0 when none
# ran): the branch totals stay lcov's (6 found, 4 hit), the lines gain the
# two branch-only lines. The output is DTD-valid.
cp "$TD/policy/forge-branches.info" in.info
SOURCE_DATE_EPOCH=1700000000 covconv --to cobertura --source /src in.info \
    -o out.xml || exit 1
grep -E '<coverage |<line ' out.xml
lcov --summary --rc lcov_branch_coverage=1 in.info 2>&1 | grep branches
covconv --to summary out.xml | tail -1
XML_CATALOG_FILES=$TD/cobertura/catalog.xml xmllint --noout --nonet --valid \
    out.xml && echo valid
