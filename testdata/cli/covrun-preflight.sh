# OUTPUT's directory, an existing OUTPUT and --keep DIR are checked before
# the program starts (it would create the file "ran"): exit 3, or 2 when
# -o names a directory; a program that cannot be run gives 127 and one
# message
covrun -o missing/out.txt -- touch ran
echo "exit=$?"
: >file
covrun -o file/out.txt -- touch ran
echo "exit=$?"
mkdir dir
covrun -o dir -- touch ran
echo "exit=$?"
mkfifo fifo
covrun -o fifo -- touch ran
echo "exit=$?"
covrun --keep file -o out.txt -- touch ran
echo "exit=$?"
test -e ran && echo "the program ran" || echo "the program never ran"
covrun -o out.txt -- ./no-such-program
echo "exit=$?"
ls
