# --to coveralls of a hand-made Go profile in a module: repository names
# (go.mod), a source found (a.go: MD5 digest, an array as long as the file)
# and one not (sub/b.go: no digest, the array ends at its last line, one
# warning); a partial line (8) is the branches [8,0,0,3, 8,0,1,0]. No CI
# variable is set (env -i): no job field, and the warning that Coveralls
# needs a token.
printf 'module example.com/m\n\ngo 1.22\n' >go.mod
printf 'package m\n\nfunc A() int {\n\treturn 1\n}\n\nfunc B(x int) int {\n\tif x > 0 {\n\t\treturn 2\n\t}\n\treturn 3\n}\n' >a.go
env -i PATH="$PATH" covconv --to coveralls "$TD/cobertura/go-small.out" \
    -o out.json || exit 1
cat out.json
d=$(md5sum <a.go | cut -d' ' -f1)
grep -q "\"source_digest\": \"$d\"" out.json && echo "a.go digest = md5sum"
echo "a.go has $(wc -l <a.go) lines"
