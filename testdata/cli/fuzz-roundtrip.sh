# Inputs the fuzzers found (testdata/fuzz, see its README): lcov 2 and
# Cobertura are a fixed point after one pass, and sq() of sq.h, run 4
# times from each of two documents, counts 8 (not 16 after a trip).
export SOURCE_DATE_EPOCH=1700000000
in=$TD/fuzz/sq-twice-columns.json
covconv -q --to lcov --lcov-format 2 "$in" -o a.info || exit 1
covconv --to lcov --lcov-format 2 a.info -o b.info || exit 1
cmp a.info b.info && echo "lcov 2: fixed point"
grep -A2 'sq.h$' b.info
covconv -q --to cobertura --source / "$in" -o a.xml || exit 1
covconv --to cobertura --source / a.xml -o b.xml || exit 1
covconv --to cobertura --source / b.xml -o c.xml || exit 1
cmp b.xml c.xml && echo "cobertura: fixed point"
grep -c '<method name="sq"' c.xml
covconv --to lcov --lcov-format 2 c.xml | grep -A2 'sq.h$'
# Two function names that differ only in bytes XML cannot hold are one
# method name once written, and a function with no line in its range has
# no method: Cobertura is a fixed point after one pass (h and f? only), and
# f? read back runs 5 times (the largest of its two methods), not 10.
in=$TD/fuzz/method-names.info
covconv -q --to cobertura --source / "$in" -o m1.xml || exit 1
covconv --to cobertura --source / m1.xml -o m2.xml || exit 1
covconv --to cobertura --source / m2.xml -o m3.xml || exit 1
cmp m2.xml m3.xml && echo "cobertura methods: fixed point"
grep -o '<method name="[^"]*"' m3.xml
covconv --to lcov m1.xml | grep '^FNDA'
