# --to json -> --from json -> --to json is byte-identical for every input
# kind (Go text, GOCOVERDIR, lcov with branches and TN: suites, gcov JSON,
# Cobertura, a three-input merge with --label), and going through json
# changes nothing: go -> json -> go equals go -> go, lcov -> json -> lcov
# equals lcov -> lcov (gzip input too).
G=$CORPUS/go J=$CORPUS/c/jq Z=$CORPUS/c/zlib
rt() { # name, then the inputs and options of the first conversion
    name=$1; shift
    covconv -q --to json "$@" -o a.json || return
    covconv --to json a.json -o b.json || return
    covconv --from json --to json - <b.json >c.json || return
    cmp a.json b.json && cmp b.json c.json && echo "$name: json fixed point"
}
rt go-text "$G/unit/unit.count.out"
gzip -c "$G/unit/unit.count.out" >unit.count.out.gz
rt go-text-gz unit.count.out.gz
rt covdata "$G/covdata/S.set"
rt lcov-branch "$J/lcov/A.branch.info"
rt lcov-tn "$J/lcov/A.tn.info" "$Z/lcov/A.info"
rt gcov-json "$J/gcov-json/A/jv.gcov.json.gz" "$J/gcov-json/B/jv.gcov.json.gz"
rt cobertura "$J/gcovr/A.cobertura.xml.gz"
rt labels --label unit="$G/unit/unit.count.out" --label e2e="$G/covdata/A.count" \
    "$G/unit/unit.count.out" "$G/covdata/A.count" "$G/system/system.B.count.out"
grep '"suites": \[' a.json | head -n 1
same() { # name, file -> json -> native equals file -> native
    covmerge -q "$2" -o direct || return
    covconv -q --to json "$2" -o x.json && covmerge x.json -o via || return
    cmp direct via && echo "$1: same through json"
}
same go-set "$G/unit/unit.set.out"
same go-atomic "$G/system/system.T.atomic.out"
same covdata "$G/covdata/A.count"
same lcov "$J/lcov/merged.A+B.branch.info"
same lcov-gz "$J/lcov/merged.A+B.tn.info.gz"
same gcov-json "$Z/gcov-json/A"/adler32.gcov.json.gz
