# --list-formats: one row per format, "  NAME RW DESCRIPTION"; the go row
# exactly, the others only for their layout; --help lists the same rows.
covmerge --list-formats >formats.txt || exit
grep '^  go ' formats.txt
awk 'length($1) > 10 || $2 !~ /^(r|w|rw)$/ || NF < 3 { bad = 1 }
     END { print bad ? "malformed rows" : "all rows well formed" }' formats.txt
covconv --list-formats | cmp - formats.txt && echo "covconv lists the same"
covmerge --help | grep '^  [a-z-]* *\(r\|w\|rw\) ' | cmp - formats.txt &&
    echo "--help lists the same"
