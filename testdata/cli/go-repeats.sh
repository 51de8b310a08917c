# A -coverpkg profile repeats each file's blocks once per test binary; the
# Go reader then matches a repeated line by its text (memo) and parses only
# the count. Runs here differ the ways real ones can: a new block in the
# middle, blocks in another order, a run missing a block, the same range
# spelled with a leading zero, CRLF lines, counts past 2^32, and a second
# file between runs. The merged counts must equal an independent awk sum.
{
    echo 'mode: count'
    for run in 1 2 3 4 5 6; do
        printf 'a.go:1.1,2.2 1 %d\n' "$run"
        [ $run -ge 3 ] && printf 'a.go:2.3,3.2 2 %d\n' "$((run * 10))"
        printf 'a.go:4.1,5.9 3 %d\n' "$((run * 100))"
        [ $run -ne 5 ] && printf 'a.go:6.1,7.2 1 1\n'
        [ $run -eq 4 ] && printf 'a.go:04.1,5.9 3 7\n'
        printf 'b.go:1.1,1.20 1 %d\r\n' "$((run % 2))"
        printf 'b.go:3.1,4.2 1 4294967296\n'
    done
    printf 'a.go:6.1,7.2 1 1\na.go:1.1,2.2 1 1000\n'
} >rep.out
covmerge rep.out -o merged.out || exit 1
cat merged.out
awk 'NR > 1 { sub(/\r$/, ""); split($1, a, ":"); split(a[2], r, "[.,]");
              k = a[1] ":" r[1] + 0 "." r[2] "," r[3] "." r[4] " " $2
              n[k] += $3 }
     END { for (k in n) printf "%s %.0f\n", k, n[k] }' rep.out | sort >sum.txt
if tail -n +2 merged.out | sort | cmp -s - sum.txt; then
    echo "= awk sum"
else
    echo "differs from the awk sum"
fi
