# The same block with a different statement count in two inputs.
cp "$TD/cli/u.count.out" "$TD/cli/nstmt2.out" .
covmerge u.count.out nstmt2.out
