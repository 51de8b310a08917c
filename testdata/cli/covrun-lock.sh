# Parallel covruns lock OUTPUT's directory and leave no lock file; where a
# directory cannot be locked (failwrite.so makes flock on one fail, as on
# some network file systems) they lock OUTPUT.lock, which stays
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$CORPUS/go/covdata/A.count")
A=$CORPUS/go/covdata/A.count
covmerge "$A" "$A" "$A" "$A" -o expected.out
mkdir a b
for i in 1 2 3 4; do
    covrun -o a/all.out -- sh -c "$fake" &
done
wait
cmp a/all.out expected.out && echo "a: 4 runs = 4 merged inputs"
ls -A a
for i in 1 2 3 4; do
    FAILWRITE=flockdir LD_PRELOAD=$BIN/tests/shim/failwrite.so \
        covrun -o b/all.out -- sh -c "$fake" &
done
wait
cmp b/all.out expected.out && echo "b: 4 runs = 4 merged inputs"
ls -A b
