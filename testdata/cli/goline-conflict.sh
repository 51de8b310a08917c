# A range the first input gives 1 and 2 statements gets 3 in the second:
# other sources (a 1-statement block of it is fine).
cp "$TD/cli/goline.out" "$TD/cli/goline-other.out" .
covmerge goline.out goline-other.out -o m.out
rc=$?
ls
exit $rc
