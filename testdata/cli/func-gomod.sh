# --to func of a Go text profile over the multi-module tree testdata/gomod
# (nested, quoted and _ modules, decoys under vendor/, testdata/, .hidden/;
# generics, braces in strings and runes, //line directives) is byte for
# byte what go tool cover -func printed for it; the default source root is
# ".", and go.mod files below it are found; a second root does not change
# the result.
cp -R "$TD/gomod" gomod
(cd gomod && covconv --to func cover.out) | cmp - gomod/cover.func.txt &&
    echo "default root: identical to go tool cover -func"
covconv --to func --source-root /nonexistent gomod/cover.out 2>&1
echo "exit $?"
covconv --to func --source-root . --source-root gomod gomod/cover.out |
    cmp - gomod/cover.func.txt && echo "--source-root . gomod: identical"
