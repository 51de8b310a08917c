# Firefox's JavaScript lcov (grcov's prova.info): FN:0 and DA:0 records and
# an SF path over several lines. Read with one warning per kind (exit 0);
# the lines and branches are lcov 1.16's of the file without its line-0
# records; the function of FN:0 is skipped with its FNDA. --strict: exit 1
# at the first such record, the old output kept.
cp "$TD/policy/firefox-line0.info" in.info
covconv --to summary in.info
covconv --to lcov in.info -o out.info || exit 1
grep -v -E '^(DA|FN|BRDA|FNL):0,' in.info >no0.info
for f in no0.info out.info; do
    lcov --summary --rc lcov_branch_coverage=1 "$f" 2>&1 | grep -E 'lines|branches'
done
echo old >kept.info
covconv --strict --to lcov in.info -o kept.info
echo "strict: exit $?, output $(cat kept.info)"
