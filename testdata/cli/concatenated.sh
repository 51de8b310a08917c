# cat of two count profiles (a second, equal mode line in the middle) reads
# like the two files merged; CRLF endings read the same.
cp "$TD/cli/u.count.out" "$TD/cli/s.count.out" .
cat u.count.out s.count.out >cat.out
sed 's/$/\r/' cat.out >crlf.out
covmerge u.count.out s.count.out -o two.out &&
covmerge cat.out -o cat.merged &&
covmerge crlf.out -o crlf.merged &&
cmp two.out cat.merged && cmp two.out crlf.merged && echo "all equal"
