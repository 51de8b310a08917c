# covconv --to go writes what covmerge writes.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
covconv --to go u.count.out s.count.out -o conv.out &&
covmerge u.count.out s.count.out -o merge.out &&
cmp conv.out merge.out && echo "covconv --to go = covmerge"
