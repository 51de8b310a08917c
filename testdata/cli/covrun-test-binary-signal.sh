# With a test binary, covrun relays its standard output through a pipe;
# a SIGINT sent to covrun meanwhile still reaches the program, whose own
# exit status is kept, and its output before and after comes through
cat >prog <<'PROG'
#!/bin/sh
trap 'echo "got INT"; kill $! 2>/dev/null; exit 7' INT
echo started; : >ready; sleep 5 & wait
PROG
chmod +x prog
covrun --test-binary -o out -- ./prog &
pid=$!
n=0
while [ ! -e ready ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
kill -INT $pid
wait $pid
echo "exit=$?"
