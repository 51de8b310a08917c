# A real gcovr 5.2 report (zlib, gcovr's output is not DTD-valid) is
# detected and read; written back it is valid, and its line totals per
# file agree with gcovr's own text summary of the same run.
covconv --to cobertura --source /home/ci/source/zlib "$TD/cobertura/zlib-A.gcovr.xml.gz" \
    -o out.xml || exit 1
XML_CATALOG_FILES=$TD/cobertura/catalog.xml xmllint --noout --nonet --valid \
    out.xml && echo "valid against coverage-04.dtd"
grep -o 'lines-covered="[0-9]*" lines-valid="[0-9]*" branches-covered="[0-9]*" branches-valid="[0-9]*"' out.xml
awk '/<class /  { match($0, /filename="[^"]*"/); f = substr($0, RSTART + 10, RLENGTH - 11); n[f] = 0; h[f] = 0 }
     /<method / { inm = 1 } /<\/method>/ { inm = 0 }
     /<line / && !inm { n[f]++; if ($0 !~ /hits="0"/) h[f]++ }
     END { for (f in n) print f, n[f], h[f] }' out.xml | sort >ours.txt
awk 'NF >= 4 && $2 ~ /^[0-9]+$/ && $1 != "TOTAL" { print $1, $2, $3 }' \
    "$TD/cobertura/zlib-A.gcovr-summary.txt" | sort >gcovr.txt
cmp ours.txt gcovr.txt && echo "per-file lines agree with gcovr: $(wc -l <ours.txt) files"
grep TOTAL "$TD/cobertura/zlib-A.gcovr-summary.txt"
