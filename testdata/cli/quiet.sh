# -q silences the set+count notice and changes nothing else.
cp "$TD/cli/u.count.out" "$TD/cli/s.set.out" .
covmerge u.count.out s.set.out -o loud.out 2>/dev/null || exit
covmerge -q u.count.out s.set.out -o quiet.out || exit
cmp loud.out quiet.out && echo "same output"
