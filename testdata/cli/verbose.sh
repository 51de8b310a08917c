# -v reports each input read on stderr.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
covmerge -v u.count.out s.count.out -o out.out
