# --keep DIR keeps each run's GOCOVERDIR files; each run folds only its own
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$CORPUS/go/covdata/S.set")
covrun -q --keep kept -o out.txt -- sh -c "$fake"
covrun -q --keep kept -o out.txt -- sh -c "$fake; touch \"\$GOCOVERDIR/marker\""
ls kept | sed 's/\..*//' | sort | uniq -c
cmp out.txt "$CORPUS/go/system/system.S.set.out" && echo "set mode: same as one run"
