# stdin, stdout and stderr pass through to the program
echo "from stdin" | covrun -q -o out.txt -- sh -c 'cat; echo to-stderr >&2'
