# Damaged records (testdata/sonarqube/damaged.xml) are read with one
# warning per kind: the count, at the first; -q silences them. Nothing of
# them is kept: a.c lines 1 (covered) and 2, no branches.
covconv --to lcov "$TD/sonarqube/damaged.xml" 2>&1 >out.info |
    sed "s|$TD/||"
cat out.info
covconv -q --to lcov "$TD/sonarqube/damaged.xml" | cmp - out.info &&
    echo "-q: same output, no warning"
