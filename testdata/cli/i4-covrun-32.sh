# 32 covruns at once fold into one output under the lock. Run i copies the
# real meta-data file of gofmt's pod and its i-th counter file (a
# different real run each time) into its GOCOVERDIR, kept in dir$i: the
# shared output must equal one covmerge of the 32 kept dirs, and one read
# of a single directory holding all 32 counter files. No lock file is
# left beside the output.
A=$CORPUS/go/covdata/A.count
meta=$(ls "$A"/covmeta.*)
cat >prog.sh <<'PROG'
cp "$1" "$2" "$GOCOVERDIR"/
PROG
ls "$A"/covcounters.* | head -n 32 >runs
i=0
while read -r c; do
    i=$((i + 1))
    covrun -o same.out --keep dir$i -- sh prog.sh "$meta" "$c" &
done <runs
wait
dirs=
i=0
while [ $i -lt 32 ]; do
    i=$((i + 1))
    dirs="$dirs dir$i"
    [ "$(ls -A dir$i | grep -c -v '^covrun-folded.txt$')" = 2 ] ||
        echo "dir$i: $(ls -A dir$i)"
done
covmerge $dirs -o merged.out
cmp same.out merged.out && echo "32 parallel runs = one merge of the 32 dirs"
mkdir all && cp "$meta" $(cat runs) all/
covmerge all -o all.out
cmp same.out all.out && echo "= one GOCOVERDIR holding the 32 counter files"
covmerge dir1 -o one.out
cmp -s same.out one.out || echo "and differs from a single run"
ls -A | grep -v -e '^dir[0-9]*$' | tr '\n' ' '; echo
