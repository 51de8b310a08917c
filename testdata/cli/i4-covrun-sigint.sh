# SIGINT: a program killed by it gives 130, and a SIGINT sent to covrun
# itself is forwarded to the program, whose own exit status is kept.
covrun -o out -- sh -c 'kill -INT $$'
echo "killed by SIGINT: exit=$?"
covrun -o out -- sh -c \
    'trap "kill \$! 2>/dev/null; exit 7" INT; sleep 5 & : >ready; wait' &
pid=$!
n=0
while [ ! -e ready ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
kill -INT $pid
wait $pid
echo "SIGINT to covrun, program traps it: exit=$?"
ls
