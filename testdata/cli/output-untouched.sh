# A bad later input leaves an existing -o file untouched and no temporary.
cp "$TD/cli/u.count.out" .
cp "$TD/bad/go/nan-count.out" bad.out
printf 'previous\n' >out.out
covmerge u.count.out bad.out -o out.out
rc=$?
cat out.out
ls -A
exit $rc
