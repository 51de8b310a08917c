# -o DIR for html: built beside DIR and swapped in only when complete. A
# covkit report or an empty directory is replaced; anything else is refused
# (exit 2, untouched); a failed run (bad input, exit 1; write error, exit 3)
# leaves the old report as it was and no temporary behind.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" "$TD/cli/nstmt2.out" .
covconv -q --to html u.count.out -o rep
ls -A rep/f | wc -l
covmerge -q --to html u.count.out s.count.out -o rep
echo "replaced: exit $? pages $(ls -A rep/f | wc -l)"
cp -R rep before
covconv -q --to html u.count.out nstmt2.out -o rep
echo "bad input: exit $?"
diff -r before rep && echo "bad input: untouched"
(trap '' XFSZ; ulimit -f 4; covconv -q --to html u.count.out -o rep) 2>err
echo "write error: exit $?"
sed 's/: [^:]*$//' err
diff -r before rep && echo "write error: untouched"
mkdir docs empty
echo keep >docs/notes.txt
covconv -q --to html u.count.out -o docs
echo "not a report: exit $?"
cat docs/notes.txt
covconv -q --to html u.count.out -o empty
echo "empty: exit $? $(ls empty | tr '\n' ' ')"
echo keep >file.txt
covconv -q --to html u.count.out -o file.txt
echo "file: exit $?"
ln -s rep link
covconv -q --to html u.count.out -o link
echo "symlink: exit $?"
ls -A | tr '\n' ' '
echo
