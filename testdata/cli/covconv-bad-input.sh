# covconv reports bad input data like covmerge, under its own name.
cp "$TD/bad/go/tab-separator.out" .
covconv --to go tab-separator.out -o out.out
