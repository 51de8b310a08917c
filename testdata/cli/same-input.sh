# The same input twice (issue 14): merging it twice doubles every count,
# so covmerge says so, naming both arguments, and merges as asked (exit 0);
# -q silences it. The same input is one file or directory whatever the
# spelling (./, a symbolic or a hard link, a GOCOVERDIR given twice, stdin
# redirected from a file); the same content is a copy, or a gzip copy
# (compared after decompression). A different file of the same size is not.
cp "$TD/cli/u.count.out" a.out
cp a.out copy.out && gzip -c a.out >a.out.gz && ln -s a.out link.out &&
    ln a.out hard.out
sed '2s/ 0$/ 1/' a.out >other.out
cmp -s a.out other.out && echo "other.out should differ"
test "$(wc -c <a.out)" = "$(wc -c <other.out)" || echo "sizes should agree"
covmerge a.out a.out
echo "exit $?"
covmerge a.out ./a.out link.out hard.out copy.out a.out.gz other.out -o all.out
echo "exit $?"
covmerge -q a.out a.out -o /dev/null
echo "== stdin"
covmerge a.out - <a.out -o /dev/null
cat a.out | covmerge - - -o /dev/null
echo "== a GOCOVERDIR twice"
cp -r "$TD/covdata/small.count" dir
covmerge dir dir/ -o /dev/null
echo "== labels do not make it another input"
covmerge -l unit=a.out -l e2e=copy.out a.out copy.out -o /dev/null
