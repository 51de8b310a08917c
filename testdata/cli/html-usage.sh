# --to html writes a directory: without -o, or with -o -, a usage error
# (exit 2) before any input is read; nothing is written.
cp "$TD/cli/u.count.out" .
covconv --to html u.count.out
echo "exit $?"
covconv --to html -o - u.count.out
echo "exit $?"
covmerge --to html -o - missing.out
echo "exit $?"
ls
