# count + atomic gives atomic (no notice); counts add.
cp "$TD/cli/u.count.out" "$TD/cli/u.atomic.out" .
covmerge u.count.out u.atomic.out
