# --keep DIR notes in DIR which output its runs were folded into;
# covmerge, covconv and covcheck warn when DIR and that output are both
# inputs (also after both moved elsewhere), and not otherwise
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$CORPUS/go/covdata/S.set")
covrun -q --keep kept -o e2e.out -- sh -c "$fake"
covrun -q --keep kept -o e2e.out -- sh -c "$fake"
sed "s|$PWD/|PWD/|" kept/covrun-folded.txt
covmerge e2e.out kept -o m.out
echo "exit=$?"
covconv --to percent kept e2e.out >/dev/null
covcheck e2e.out kept >/dev/null
mkdir moved && mv kept e2e.out moved/
covmerge moved/e2e.out moved/kept -o m.out
covmerge -q moved/e2e.out moved/kept -o m.out
cp moved/e2e.out other.out
covmerge other.out moved/kept -o m.out && echo "another file: no warning"
covmerge moved/kept -o m.out
cmp m.out moved/e2e.out && echo "the kept directory alone equals the output"
