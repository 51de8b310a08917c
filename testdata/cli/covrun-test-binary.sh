# --test-binary: PROGRAM gets -test.gocoverdir=DIR first, and the testing
# package's last lines (PASS or FAIL, then coverage:) are dropped from its
# standard output only at the very end; the same lines earlier stay
cat >prog <<'PROG'
#!/bin/sh
cp "$CORPUS"/go/covdata/S.set/* "${1#-test.gocoverdir=}"/
shift
echo "args: $*"
printf 'PASS\ncoverage: 1.0%% of statements\nmiddle\n'
printf "$LAST"
PROG
chmod +x prog
for last in 'PASS\ncoverage: 50.0%% of statements\n' \
    'FAIL\ncoverage: 12.5%% of statements in ./...\n' \
    'coverage: [no statements]\n' 'ok\nPASS\n' 'PASS\nnot the end\n' \
    'PASS\ncoverage: 1.0%% of statements\nno newline'; do
    echo "== $(printf "$last" | tr "\n" "|")"
    LAST=$last covrun --test-binary -o out.txt -- ./prog a b
    echo
done
cmp out.txt "$CORPUS/go/system/system.S.set.out" && echo "folded"
covrun --test-binary -o out.txt -- ./prog -test.gocoverdir=mine
echo "exit=$?"
