# covconv without --to is a usage error.
cp "$TD/cli/u.count.out" .
covconv u.count.out
