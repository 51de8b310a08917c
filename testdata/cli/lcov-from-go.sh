# Go -> lcov, read back by the real lcov 1.16. Lines follow DESIGN.md's
# blocks-to-lines rule; each partial line is a two-way branch (1 of 2 hit).
covconv --to lcov "$TD/sample/unit.out" -o unit.info || exit 1
lcov --summary --rc lcov_branch_coverage=1 unit.info 2>&1
grep -c '^SF:' unit.info
