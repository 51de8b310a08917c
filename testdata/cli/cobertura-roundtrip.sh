# Cobertura -> model -> Cobertura is a fixed point after one pass, for a
# hand-made report and for the Go sample (partial lines survive as
# 50% (1/2) conditions).
export SOURCE_DATE_EPOCH=1700000000
for in in "$TD/cobertura/hand.xml" "$TD/sample/unit.out"; do
    covconv -q --to cobertura --source /src "$in" -o a.xml || exit 1
    covconv --to cobertura --source /src a.xml -o b.xml || exit 1
    cmp a.xml b.xml && echo "$(basename "$in"): fixed point"
done
