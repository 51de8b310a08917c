# The same inputs in any order give byte-identical output.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" "$TD/cli/u.atomic.out" .
covmerge u.count.out s.count.out -o ab.out &&
covmerge s.count.out u.count.out -o ba.out &&
cmp ab.out ba.out && echo "2 inputs: identical"
covmerge u.count.out s.count.out u.atomic.out -o abc.out &&
covmerge u.atomic.out u.count.out s.count.out -o cab.out &&
cmp abc.out cab.out && echo "3 inputs: identical"
