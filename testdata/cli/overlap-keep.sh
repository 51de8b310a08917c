# --overlap=keep keeps both overlapping blocks.
cp "$TD/cli/u.count.out" "$TD/cli/overlap.out" .
covmerge --overlap=keep u.count.out overlap.out
