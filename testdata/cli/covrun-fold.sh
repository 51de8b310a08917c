# two runs of an "instrumented program" (it drops real GOCOVERDIR files) fold
# into one profile equal to go tool covdata textfmt of both runs
fake() { printf 'cp "%s"/* "$GOCOVERDIR"/\n' "$1"; }
covrun -o all.out --label A -- sh -c "$(fake "$CORPUS/go/covdata/A.count")"
covrun -o all.out --label B -- sh -c "$(fake "$CORPUS/go/covdata/B.count")"
cmp all.out "$CORPUS/go/system/system.AB.count.out" && echo "A+B equals textfmt"
