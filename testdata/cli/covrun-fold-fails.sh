# A fold that fails keeps the run's files where the message says (under
# $TMPDIR, or in --keep DIR) and leaves the output as it was; the error
# names a file that still exists.
mkdir tmp
export TMPDIR=$PWD/tmp
fake=$(printf 'cp "%s"/* "$GOCOVERDIR"/' "$CORPUS/go/covdata/A.count")
hide() { sed -e "s|$PWD/||g" -e 's|covrun-[A-Za-z0-9]\{6\}|covrun-XXXXXX|g'; }
printf 'not a profile\n' >out.txt
covrun -o out.txt -- sh -c "$fake" 2>err
echo "exit=$?"
hide <err
kept=$(sed -n 's/.* kept in //p' err)
ls "$kept" | sed 's/\..*//' | sort | uniq -c
cat out.txt
# bad counter data (its pod's hash, garbage inside)
rm out.txt
hash=$(ls "$CORPUS"/go/covdata/A.count/covmeta.* | sed 's/.*covmeta\.//')
covrun -o out.txt --keep k -- sh -c \
    "$fake; printf garbage >\"\$GOCOVERDIR/covcounters.$hash.1.2\"" 2>err
echo "exit=$?"
hide <err
test -e "$(sed -n 's/^covrun: \(.*covcounters[^:]*\):.*/\1/p' err)" &&
    echo "the file named exists"
test -e out.txt || echo "no out.txt"
ls -A k | hide
