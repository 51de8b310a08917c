# --mode count with a set input: counts are kept, a set hit counts 1.
cp "$TD/cli/u.count.out" "$TD/cli/s.set.out" .
covmerge --mode count u.count.out s.set.out
