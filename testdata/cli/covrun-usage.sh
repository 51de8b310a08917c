# -o is required, and so is a program
covrun -- true
echo "exit=$?"
covrun -o x.out
echo "exit=$?"
