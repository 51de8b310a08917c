# --to func is byte-for-byte `go tool covdata func` on the corpus
# GOCOVERDIRs (gofmt runs in count, set and atomic mode, go test units),
# alone and merged (A+B = covdata func -i=A,B), on the small demo of
# testdata/covdata and on the corner cases of testdata/func.
G=$CORPUS/go
for d in A.count B.count S.set T.atomic unit.count; do
    covconv --to func "$G/covdata/$d" -o "$d.txt" || exit 1
    cmp "$d.txt" "$G/ref/covdata/func.$d.txt" && echo "$d: identical"
done
covconv --to func "$G/covdata/A.count" "$G/covdata/B.count" -o AB.txt || exit 1
cmp AB.txt "$G/ref/covdata/func.A+B.txt" && echo "A+B: identical"
covconv --to func "$TD/covdata/small.count" |
    cmp - "$TD/covdata/small.count.func.txt" && echo "small.count: identical"
covconv --to func "$TD/func/edge.count" | cmp - "$TD/func/edge.func.txt" &&
    echo "edge.count: identical"
