# A GOCOVERDIR (testdata/covdata/small.count: one pod, two runs) as Go
# text: byte-identical to `go tool covdata textfmt` of the same directory.
covconv --to go "$TD/covdata/small.count" -o small.out || exit 1
cmp small.out "$TD/covdata/small.count.out" && echo "identical to textfmt"
cat small.out
