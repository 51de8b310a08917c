# --to percent is byte-for-byte `go tool covdata percent` on the corpus
# GOCOVERDIRs, alone and merged, and on testdata/func/edge.count (a package
# without statements: covdata prints no figure and no newline for it).
G=$CORPUS/go
for d in A.count B.count S.set T.atomic unit.count; do
    covconv --to percent "$G/covdata/$d" -o "$d.txt" || exit 1
    cmp "$d.txt" "$G/ref/covdata/percent.$d.txt" && echo "$d: identical"
done
covconv --to percent "$G/covdata/A.count" "$G/covdata/B.count" -o AB.txt ||
    exit 1
cmp AB.txt "$G/ref/covdata/percent.A+B.txt" && echo "A+B: identical"
covconv --to percent "$TD/func/edge.count" |
    cmp - "$TD/func/edge.percent.txt" && echo "edge.count: identical"
