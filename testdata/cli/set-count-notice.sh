# count + set gives set mode (counts 0/1) and a one-line notice on stderr.
cp "$TD/cli/u.count.out" "$TD/cli/s.set.out" .
covmerge u.count.out s.set.out
