# The HTML report holds no time unless SOURCE_DATE_EPOCH asks for one: a
# second run on the same inputs gives a byte-identical report.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
covconv -q --to html -l u=u.count.out -l s=s.count.out u.count.out s.count.out -o a
covconv -q --to html -l u=u.count.out -l s=s.count.out u.count.out s.count.out -o c
diff -r a c && echo "rerun: identical"
SOURCE_DATE_EPOCH=86400 covconv -q --to html u.count.out -o d
grep -o '<footer>.*</footer>' d/index.html
grep -c 'generated' a/index.html || true
