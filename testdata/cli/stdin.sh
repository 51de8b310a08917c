# - reads standard input; it merges like a file.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
covmerge - s.count.out <u.count.out
