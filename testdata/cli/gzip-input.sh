# gzip is detected from the bytes, whatever the name, on files and stdin.
cp "$TD/cli/u.count.out" .
gzip -n -c u.count.out >u.count.txt
gzip -n -c u.count.out | covmerge u.count.txt -
