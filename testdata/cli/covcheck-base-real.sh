# covcheck --base on real data of testdata/corpus (see its README): jq's
# lcov captures of its own test suite (A, the base) and of another workload
# (B, the head), and the gofmt system runs A and B of the Go corpus. No
# diff: every changed file is listed (3 shown). tests/compare.sh checks
# these totals and deltas against lcov --summary and go tool cover -func.
covcheck -q "$CORPUS/c/jq/lcov/B.info" --base "$CORPUS/c/jq/lcov/A.info" \
    --max-files 3 --max-drop 18.5 >jq.txt
echo "exit $?"
sed -n '/^Compared/,$p' jq.txt
covcheck -q "$CORPUS/go/system/system.B.count.out" \
    --base "$CORPUS/go/system/system.A.count.out" --max-files 3 \
    --max-drop 0 --max-drop-file 5
echo "exit $?"
