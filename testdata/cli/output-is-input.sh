# -o may name one of the inputs: it is read before being replaced.
cp "$TD/cli/u.count.out" a.out
cp "$TD/cli/s.count.out" b.out
covmerge a.out b.out -o a.out || exit
cat a.out
ls -A
