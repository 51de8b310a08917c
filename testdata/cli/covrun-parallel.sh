# six covruns at once share one output under the lock: every run counts
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$CORPUS/go/covdata/A.count")
for i in 1 2 3 4 5 6; do
    covrun -o all.out -- sh -c "$fake" &
done
wait
A=$CORPUS/go/covdata/A.count
covmerge -q "$A" "$A" "$A" "$A" "$A" "$A" -o expected.out # the same input on purpose
cmp all.out expected.out && echo "6 parallel runs = 6 merged inputs"
