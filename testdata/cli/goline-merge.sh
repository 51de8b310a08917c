# Go text of goyacc code (//line): a block that ends before it starts, a
# range with 1 and 2 statements, overlaps, one range twice; merged with
# itself it doubles, and the output reads back to the same bytes.
cp "$TD/cli/goline.out" .
covmerge -q goline.out goline.out -o m.out
cat m.out
covmerge m.out | cmp - m.out && echo "read back: the same"
