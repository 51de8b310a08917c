# covmerge of two lcov tracefiles holds exactly the records `lcov -a` writes
# for the same inputs (compared after sorting, per SF).
A=$TD/lcov/zlib-A.branch.info.gz B=$TD/lcov/zlib-B.branch.info.gz
covmerge "$A" "$B" -o ours.info || exit 1
lcov -q -a "$A" -a "$B" --rc lcov_branch_coverage=1 -o ref.info 2>&1 || exit 1
canon() {
    awk '/^SF:/ { f = $0 }
         /^(DA|FN|FNDA|FNF|FNH|BRDA|BRF|BRH|LF|LH):/ { print f " " $0 }' \
        "$1" | LC_ALL=C sort
}
canon ours.info >ours.txt
canon ref.info >ref.txt
cmp ours.txt ref.txt && echo "same records as lcov -a: $(wc -l <ref.txt)"
