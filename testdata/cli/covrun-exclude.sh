# covrun folds with the exclusions: the block 13.25,15.3 of small.count's
# main.go has `// coverage-ignore` after its '{' (line 13, column 25) in the
# source found through go.mod under --source-root; --no-exclude-markers
# keeps it.
mkdir src
printf 'module example.com/demo\n\ngo 1.21\n' >src/go.mod
{
    echo 'package main'
    for i in 2 3 4 5 6 7 8 9 10 11 12; do echo "// line $i"; done
    printf '\tif aaaaaaaaaaaaaaaaaaa { // coverage-ignore\n'
    echo '// line 14'
    printf '\t}\n'
} >src/main.go
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$TD/covdata/small.count")
covrun -o out.txt --source-root src -- sh -c "$fake"
cat out.txt
covrun -o all.txt --source-root src --no-exclude-markers -- sh -c "$fake"
grep -c '13.25,15.3' all.txt
