# A --label naming something that is not an input: usage error, no output.
cp "$TD/cli/u.count.out" .
covmerge --label unit=unit.out u.count.out -o out.out
rc=$?
ls
exit $rc
