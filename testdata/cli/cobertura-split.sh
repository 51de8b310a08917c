# --split-size: out.xml, out-2.xml, ... each at most the size, each a
# complete DTD-valid report; together every line once. A later run with
# fewer parts removes the stale ones; stdout cannot take several files;
# a size below one file's class is refused.
export SOURCE_DATE_EPOCH=1700000000
covconv --to cobertura --source /s --split-size 42K "$TD/sample/unit.out" \
    -o out.xml || exit 1
total=0
for f in out*.xml; do
    size=$(wc -c <"$f")
    [ "$size" -le 43008 ] || echo "$f: $size bytes, too big"
    XML_CATALOG_FILES=$TD/cobertura/catalog.xml xmllint --noout --nonet \
        --valid "$f" || echo "$f: invalid"
    n=$(sed -n 's/.* lines-valid="\([0-9]*\)".*/\1/p' "$f" | head -n 1)
    echo "$f: $n lines, $(grep -c '<class ' "$f") classes"
    total=$((total + n))
done
echo "total: $total lines"
covconv --to cobertura --source /s --split-size 60K "$TD/sample/unit.out" \
    -o out.xml || exit 1
ls out*.xml
covconv --to cobertura --source /s --split-size 42K "$TD/sample/unit.out"
echo "exit $?"
covconv --to cobertura --source /s --split-size 4K "$TD/sample/unit.out" -o small.xml
echo "exit $?"
