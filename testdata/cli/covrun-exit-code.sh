# covrun exits with the program's own status; no counters is reported
covrun -o out.txt -- sh -c 'exit 7'
echo "exit=$?"
test -e out.txt && echo "out.txt created" || echo "no out.txt"
