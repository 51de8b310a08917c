# a program killed by signal N gives 128+N
covrun -q -o out.txt -- sh -c 'kill -TERM $$'
echo "exit=$?"
