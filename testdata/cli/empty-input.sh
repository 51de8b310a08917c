# An empty input adds nothing: alone it gives a bare mode line, with
# another input the result is that input's.
: >empty.out
cp "$TD/cli/u.count.out" .
covmerge empty.out || exit
covmerge u.count.out -o one.out &&
covmerge empty.out u.count.out -o two.out &&
cmp one.out two.out && echo "empty input changes nothing"
