# gcc 9 and 10 print gcov JSON counts with %g: 1.37297e+06 is read as
# 1372970 (exact, as any whole count up to 2^53 and beyond), with one
# warning; --strict refuses it at the first such count (exit 1, covcheck
# too).
cp "$TD/policy/gcc9-g.gcov.json" .
covconv --to lcov gcc9-g.gcov.json
covconv --strict --to lcov gcc9-g.gcov.json
echo "strict: exit $?"
covcheck -q --strict gcc9-g.gcov.json >/dev/null
echo "covcheck --strict: exit $?"
