# A program that exits 0 without writing coverage fails the run (exit 1),
# unless --allow-no-coverage; one that wrote only meta-data is told apart;
# one that failed keeps its own status. No output is written.
covrun -o out.txt -- sh -c 'echo ran'
echo "exit=$?"
covrun --allow-no-coverage -o out.txt -- sh -c 'echo ran'
echo "exit=$?"
meta=$(ls "$CORPUS"/go/covdata/A.count/covmeta.*)
covrun -o out.txt -- sh -c "cp '$meta' \"\$GOCOVERDIR\"/"
echo "exit=$?"
covrun -o out.txt -- sh -c 'exit 5'
echo "exit=$?"
test -e out.txt && echo "out.txt written" || echo "no out.txt"
