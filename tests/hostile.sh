#!/bin/sh
# hostile.sh - hostile inputs end in a clear error (exit 1) within bounded
# memory, never a crash, a hang or a leak of a local file; very long lines
# are read correctly. Inputs are generated here, in a temporary directory.
#
# Each case runs under build/tests/shim/peak (peak RSS from wait4) and
# `timeout 60` (a guard against hangs, not a timing assertion). A failing
# case must exit 1 with its message on stderr, peak RSS under RSS_LIMIT_MB
# (default 200) and an old -o output left byte-identical. Times are shown,
# never checked.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
PEAK=${PEAK:-$BIN/tests/shim/peak}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-200}
TD=$top/testdata
limit_mb=$RSS_LIMIT_MB
pass=0 fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3

now() { date +%s.%N; }

# run NAME EXIT PATTERN TOOL ARG...: TOOL ARG... -o out must exit EXIT
# with PATTERN (grep -E) on stderr (or stdout for EXIT 0), in memory, the
# old output kept on failure.
run() {
    name=$1 want=$2 pat=$3
    shift 3
    printf 'old output\n' >out
    case $1 in /*) cmd=$1 ;; *) cmd=$BIN/$1 ;; esac
    shift
    t0=$(now)
    "$PEAK" rss timeout 60 "$cmd" "$@" 2>err >stdout
    rc=$?
    t1=$(now)
    kb=$(cat rss 2>/dev/null || echo 0)
    secs=$(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}')
    ok=1 why=""
    [ "$rc" = "$want" ] || { ok=0; why="exit $rc, expected $want"; }
    [ "$kb" -le $((limit_mb * 1024)) ] ||
        { ok=0; why="$why; peak RSS $((kb / 1024)) MB over $limit_mb MB"; }
    if [ "$want" != 0 ]; then
        grep -Eq "$pat" err || { ok=0; why="$why; stderr lacks /$pat/"; }
        [ "$(cat out)" = "old output" ] || { ok=0; why="$why; output clobbered"; }
    elif [ -n "$pat" ]; then
        grep -Eq "$pat" stdout || { ok=0; why="$why; stdout lacks /$pat/"; }
    fi
    if grep -q 'root:' err stdout out 2>/dev/null; then
        ok=0
        why="$why; /etc/passwd leaked"
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
        printf 'ok   %-28s exit %s  %5s s  %4d MB\n' "$name" "$rc" "$secs" $((kb / 1024))
    else
        fail=$((fail + 1))
        printf 'FAIL %-28s %s\n' "$name" "$why"
        head -c 600 err
    fi
}

# check NAME CONDITION...: a plain assertion (for the long-line cases)
check() {
    name=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
        printf 'ok   %s\n' "$name"
    else
        fail=$((fail + 1))
        printf 'FAIL %s\n' "$name"
    fi
}

# ---- decompression bombs: 128 gzip members of 64 MiB of zeros = 8 GiB,
# at gzip -9 (1030:1, 8 MB) and -1 (229:1, 36 MB)
head -c 64M /dev/zero | gzip -1 >member.gz
head -c 64M /dev/zero | gzip -9 >member9.gz
i=0
while [ $i -lt 128 ]; do cat member.gz; i=$((i + 1)); done >bomb.gz
i=0
while [ $i -lt 128 ]; do cat member9.gz; i=$((i + 1)); done >bomb9.gz
run gzip-bomb-8G 1 'decompression bomb' covmerge bomb.gz -o out
run gzip-bomb-8G-9 1 'decompression bomb' covmerge bomb9.gz -o out
run gzip-bomb-8G-stdin 1 'decompression bomb' /bin/sh -c 'exec "$0" - -o out <bomb.gz' "$BIN/covmerge"
run gzip-bomb-max-input 1 'larger than the limit of 67108864 bytes' \
    covmerge --max-input-size 64M bomb.gz -o out
run gzip-bomb-covconv 1 'decompression bomb' covconv --to cobertura bomb.gz -o out
head -c 3M /dev/zero >big.out
run plain-over-max-input 1 'larger than the limit of 1048576 bytes' \
    covmerge --max-input-size 1M big.out -o out

truncate -s 2100M sparse.xml
run cobertura-over-2G 1 'larger than 2 GiB' covmerge --from cobertura sparse.xml -o out
rm -f sparse.xml

# ---- XML: external entities, entity expansion, nesting
for f in xxe xxe-parameter billion-laughs billion-laughs-late quadratic-blowup; do
    cp "$TD/bad/cobertura/$f.xml" .
    run "cobertura-$f" 1 'malformed XML|refused' covconv --to lcov "$f.xml" -o out
done
cat >xxe-text.xml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE coverage [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<coverage><sources><source>&x;</source></sources><packages><package name="&x;"><classes>
<class name="c" filename="a.c"><methods><method name="&x;" signature=""><lines/></method></methods>
<lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>
EOF
run cobertura-xxe-in-text 1 'malformed XML|refused' covconv --to lcov xxe-text.xml -o out
{
    printf '<?xml version="1.0"?>\n<coverage>'
    head -c 200000 /dev/zero | tr '\0' 'x' | sed 's/x/<a>/g'
} >deep.xml
run cobertura-deep-200000 1 'malformed XML' covconv --to lcov deep.xml -o out

# ---- JSON nesting (the scanner stops at 512 levels): where gcov JSON
# and llvm-cov JSON have arrays, and under an unknown key (skipped values)
{
    printf '{"format_version":"1","gcc_version":"12.2.0","files":'
    head -c 200000 /dev/zero | tr '\0' '['
} >deep.json
run gcov-json-deep-200000 1 "expected '\\{' to start a file" covmerge --from gcov-json deep.json -o out
{
    printf '{"format_version":"1","gcc_version":"12.2.0","calls":'
    head -c 200000 /dev/zero | tr '\0' '['
} >deep-skip.json
run gcov-json-deep-skipped-200000 1 'nested deeper than 512 levels' covmerge --from gcov-json deep-skip.json -o out
{
    printf '{"covkit":1,"mode":"set","family":"go","suites":'
    head -c 200000 /dev/zero | tr '\0' '['
} >deep.covkit.json
run json-deep-200000 1 'expected a string in "suites"' covmerge --from json deep.covkit.json -o out
{
    printf '{"data":[{"files":[{"filename":"a.c","segments":'
    head -c 200000 /dev/zero | tr '\0' '['
} >deep.llvm.json
run llvm-json-deep-200000 1 'expected an unsigned integer for "line"' covmerge --from llvm-json deep.llvm.json -o out
{
    printf '{"data":[{"files":[{"filename":"a.c","summary":'
    head -c 200000 /dev/zero | tr '\0' '['
} >deep-skip.llvm.json
run llvm-json-deep-skipped-200000 1 'nested deeper than 512 levels' covmerge --from llvm-json deep-skip.llvm.json -o out

# ---- llvm-cov JSON: lines come from segments, and a few bytes can ask for
# billions of them: refused before they are made (per file, and per byte)
printf '{"data":[{"files":[{"filename":"a.c","segments":[[1,1,1,true,true,false],[4294967295,1,0,true,false,false]]}]}]}' >gap.llvm.json
run llvm-json-lines-4-billion 1 'no source file is that long' covmerge --from llvm-json gap.llvm.json -o out
printf '{"data":[{"files":[{"filename":"a.c","segments":[[1,1,1,true,true,false],[4000000,1,0,true,false,false]]}]}]}' >gap2.llvm.json
run llvm-json-lines-4-million 1 'no source file is that long' covmerge --from llvm-json gap2.llvm.json -o out

# ---- NUL bytes in each text format (in a file name: never cut there)
printf 'mode: set\na\000b.go:1.1,2.2 1 1\n' >nul.out
printf 'SF:a\000b.c\nDA:1,1\nend_of_record\n' >nul.info
printf '{"format_version":"1","gcc_version":"12.2.0","files":[{"file":"a\\u0000b.c","functions":[],"lines":[{"line_number":1,"count":1,"unexecuted_block":false,"branches":[]}]}]}\n' >nul.json
printf '<?xml version="1.0"?>\n<coverage><packages><package name="p"><classes><class name="a" filename="a\000b.c"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n' >nul.xml
run nul-go 1 'NUL byte' covmerge nul.out -o out
run nul-lcov 1 'NUL byte' covmerge nul.info -o out
run nul-gcov-json 1 'u0000' covmerge nul.json -o out
run nul-cobertura 1 'Char 0x0' covmerge nul.xml -o out

# ---- counts past 2^64-1: refused in Go text, saturating when merged, and
# in gcov JSON (1e30: an exponent form, which gcc 9 and 10 print) as every
# count of the line formats saturates, with the reading policy's warning
printf 'mode: count\na.go:1.1,2.2 1 18446744073709551616\n' >over.out
run count-over-u64-go 1 'count out of range' covmerge over.out -o out
printf 'mode: count\na.go:1.1,2.2 1 18446744073709551615\n' >max.out
run count-sum-saturates 0 '^a\.go:1\.1,2\.2 1 18446744073709551615$' \
    covmerge max.out max.out max.out
printf '{"format_version":"1","gcc_version":"12.2.0","files":[{"file":"a.c","functions":[],"lines":[{"line_number":1,"count":1e30,"unexecuted_block":false,"branches":[]}]}]}\n' >over.json
run count-over-u64-gcov-json 0 '' covconv --to lcov over.json -o over.info
check count-over-u64-gcov-json-saturates \
    grep -qx 'DA:1,18446744073709551615' over.info
run count-over-u64-gcov-json-strict 1 'refused by strict reading' \
    covmerge --strict over.json -o out

# ---- GOCOVERDIR headers that claim more than the file holds
for c in meta-entries meta-nfuncs meta-length meta-strtab-count \
    meta-unit-count ctr-segment-records ctr-record-counters-huge \
    ctr-segment-tables; do
    run "covdata-$c" 1 "$c/cov" covmerge "$TD/bad/covdata/$c" -o out
done

# ---- counts with huge exponents (lcov writes 1.8e+19 for big counts):
# each saturates in a few steps; 99999 steps a count made 2M lines a hang
# (fuzz_lcov). The 60 s timeout of run is the hang guard.
awk 'BEGIN { print "SF:a.c"; for (i = 0; i < 2000000; i++)
             print "DA:" i % 50 + 1 ",1e99999"; print "end_of_record" }' >exp.info
run lcov-huge-exponents 0 '' covconv --to lcov exp.info -o exp.out
check lcov-huge-exponents-saturate grep -qx 'DA:50,18446744073709551615' exp.out

# ---- 64 MiB lines are read correctly (memory: the input, the interned
# path, and for JSON the scanner's copy of the string)
limit_mb=$((RSS_LIMIT_MB * 2))
head -c 67108864 /dev/zero | tr '\0' 'p' >long.name
{ printf 'mode: count\n'; cat long.name; printf '.go:1.1,2.2 3 4\n'; } >long.out
run long-line-go 0 '' covmerge long.out -o long.go.out
check long-line-go-identical cmp -s long.out long.go.out
{ printf 'SF:/'; cat long.name; printf '.c\nDA:7,5\nend_of_record\n'; } >long.info
run long-line-lcov 0 '' covconv --to lcov long.info -o long.lcov.info
check long-line-lcov-path sh -c \
    '[ "$(sed -n 2p long.lcov.info | wc -c)" = $((67108864 + 7)) ]'
check long-line-lcov-records sh -c \
    'sed -n "1p;3,\$p" long.lcov.info | tr "\n" " " | grep -qx "TN: FNF:0 FNH:0 DA:7,5 LF:1 LH:1 end_of_record "'
{
    printf '{"format_version":"1","gcc_version":"12.2.0","files":[{"file":"/'
    cat long.name
    printf '.c","functions":[],"lines":[{"line_number":7,"count":5,"unexecuted_block":false,"branches":[]}]}]}\n'
} >long.json
run long-line-gcov-json 0 '' covconv --to lcov long.json -o long.json.info
check long-line-gcov-json-same cmp -s long.lcov.info long.json.info

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]
