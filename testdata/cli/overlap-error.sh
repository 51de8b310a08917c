# Overlapping, non-identical blocks from two inputs: data error, no output.
cp "$TD/cli/u.count.out" "$TD/cli/overlap.out" .
covmerge u.count.out overlap.out -o out.out
rc=$?
ls -A
exit $rc
