# -o in a directory that does not exist: I/O error, exit 3.
cp "$TD/cli/u.count.out" .
covmerge u.count.out -o no/such/dir/out.out
