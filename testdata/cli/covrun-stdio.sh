# stdin, stdout and stderr pass through to the program (which writes no
# coverage: --allow-no-coverage makes that no error)
echo "from stdin" | covrun -q --allow-no-coverage -o out.txt -- \
    sh -c 'cat; echo to-stderr >&2'
