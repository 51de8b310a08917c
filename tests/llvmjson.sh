#!/bin/sh
# llvmjson.sh - llvm-cov export JSON through covkit, against llvm-cov's lcov.
#
# tests/llvmjson holds a C program of two units sharing a header (loops,
# if/else, switch, && and ||, a macro with conditions, a constant loop
# condition, a function never called) and a C++ one (a template
# instantiated twice, a class, a lambda, a function never called). For
# clang 14 and clang 19 (and clang 19 with -fcoverage-mcdc), the suite
# builds them with -fprofile-instr-generate -fcoverage-mapping, runs them
# (twice, with other arguments), merges the raw profiles with
# llvm-profdata and writes `llvm-cov export -format=text` and
# `-format=lcov` of the same run. It checks:
#  1. the JSON holds what makes the mapping hard (else this would test
#     nothing): a condition folded to a constant (a 0-0 branch of a file
#     that no function lists), branches inside a macro expansion, two
#     instantiations of one template, a line with more than 16 branches
#     (llvm-cov numbers them in the order its std::sort leaves them), a
#     header's function in two units, a function never run, and MC/DC
#     records (-fcoverage-mcdc);
#  2. covconv --to lcov reads the JSON without a warning, and its DA,
#     FN, FNDA and BRDA lines are those of llvm-cov's lcov export, file by
#     file (as sets: the order of records is free);
#  3. lcov --summary gives the same line, function and branch totals for
#     both tracefiles;
#  4. the gzip-compressed JSON gives the same lcov.
# Needs clang, llvm-profdata and llvm-cov 14 and 19, lcov and jq; skipped
# without them, except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
TOOLS="clang-14 clang++-14 llvm-profdata-14 llvm-cov-14 clang-19 clang++-19
llvm-profdata-19 llvm-cov-19 lcov jq gzip"
have_all() {
    for t in $TOOLS; do command -v "$t" >/dev/null || return 1; done
}
needs llvmjson "$(echo $TOOLS | tr '\n' ' ')" have_all
scratch
S=$top/tests/llvmjson

pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
quiet() { # a command must succeed and print nothing on stderr
    "$@" 2>"$work/stderr" && [ ! -s "$work/stderr" ] || { cat "$work/stderr"; return 1; }
}
# The DA, FN, FNDA and BRDA records of a tracefile, each after its SF,
# sorted.
records() {
    awk '/^SF:/ { sf = substr($0, 4) }
         /^(DA|FN|FNDA|BRDA):/ { print sf " " $0 }' "$1" | LC_ALL=C sort
}
same_records() {
    records "$1" >"$work/a.rec"
    records "$2" >"$work/b.rec"
    [ -s "$work/a.rec" ] && cmp -s "$work/a.rec" "$work/b.rec" ||
        { diff "$work/a.rec" "$work/b.rec" | head -20; return 1; }
}
# lcov's summary lines (lines, functions, branches) of a tracefile.
summary() {
    lcov --rc lcov_branch_coverage=1 --summary "$1" 2>&1 |
        grep -E '^ *(lines|functions|branches)\.'
}
same_summary() {
    summary "$1" >"$work/a.sum"
    summary "$2" >"$work/b.sum"
    [ "$(wc -l <"$work/a.sum")" = 3 ] && cmp -s "$work/a.sum" "$work/b.sum" ||
        { diff "$work/a.sum" "$work/b.sum"; return 1; }
}
positive() { [ "${1:-0}" -gt 0 ] 2>/dev/null; }

# build NAME V COMPILER FLAGS SOURCES...: $work/NAME.json and .info of two
# runs of the program
build() {
    n=$1 v=$2 cc=$3 flags=$4
    shift 4
    d=$work/$n
    mkdir -p "$d"
    # shellcheck disable=SC2086
    "$cc" $flags -fprofile-instr-generate -fcoverage-mapping -o "$d/prog" "$@" &&
        LLVM_PROFILE_FILE="$d/run-%p.profraw" "$d/prog" >/dev/null &&
        LLVM_PROFILE_FILE="$d/run-%p.profraw" "$d/prog" "a1 b2;c" x y >/dev/null
    "llvm-profdata-$v" merge -o "$d/prof" "$d"/run-*.profraw &&
        "llvm-cov-$v" export -format=text -instr-profile "$d/prof" "$d/prog" \
            >"$work/$n.json" &&
        "llvm-cov-$v" export -format=lcov -instr-profile "$d/prof" "$d/prog" \
            >"$work/$n.info"
}

jqn() { jq "$1" "$2" 2>/dev/null; }
for v in 14 19; do
    build c$v $v "clang-$v" "-O0" "$S/main.c" "$S/util.c" &&
        build cpp$v $v "clang++-$v" "-O0" "$S/tmpl.cpp" ||
        { echo "llvmjson: cannot build or export with clang $v"; exit 1; }
done
build mcdc19 19 clang-19 "-O0 -fcoverage-mcdc" "$S/main.c" "$S/util.c" ||
    { echo "llvmjson: cannot build with clang 19 -fcoverage-mcdc"; exit 1; }

# 1. the shapes are there
for v in 14 19; do
    j=$work/c$v.json
    files=$(jqn '[.data[0].files[].branches[] | select(.[4] == 0 and .[5] == 0)] | length' "$j")
    fns=$(jqn '[.data[0].functions[].branches[] | select(.[4] == 0 and .[5] == 0)] | length' "$j")
    check "clang $v: a folded condition (0-0 branches: $files of files, $fns of functions)" \
        positive $((files - fns))
    check "clang $v: branches in a macro expansion" \
        positive "$(jqn '[.data[0].files[].expansions[].branches[]] | length' "$j")"
    check "clang $v: a header's function in two units" \
        test "$(grep -c '^FN:.*:util_sign$' "$work/c$v.info")" = 2
    check "clang $v: a C function never run" grep -q '^FNDA:0,' "$work/c$v.info"
    check "clang $v: a template instantiated twice" \
        test "$(grep -c '^FN:.*largest' "$work/cpp$v.info")" = 2
    check "clang $v: a C++ function never run" grep -q '^FNDA:0,' "$work/cpp$v.info"
    check "clang $v: more than 16 branches on one line (llvm-cov's sort order)" \
        positive "$(awk -F'[:,]' '/^BRDA:/ { n[$2]++ } END { for (l in n) if (n[l] > m) m = n[l]; print m - 32 }' \
            "$work/cpp$v.info")"
done
check "clang 19 -fcoverage-mcdc: MC/DC records" \
    positive "$(jqn '[.data[0].files[].mcdc_records[]] | length' "$work/mcdc19.json")"

# 2. and 3. covkit's lcov of the JSON is llvm-cov's lcov
for n in c14 cpp14 c19 cpp19 mcdc19; do
    check "$n: covconv --to lcov of the JSON, without a warning" \
        quiet "$BIN/covconv" --to lcov "$work/$n.json" -o "$work/$n.covkit.info"
    check "$n: DA, FN, FNDA and BRDA are llvm-cov's lcov export's" \
        same_records "$work/$n.info" "$work/$n.covkit.info"
    check "$n: lcov --summary totals are those of llvm-cov's lcov export" \
        same_summary "$work/$n.info" "$work/$n.covkit.info"
done

# 4. compressed, and detected from its content
gzip -c "$work/cpp19.json" >"$work/cpp19.json.gz"
check "cpp19: the gzip-compressed JSON gives the same lcov" \
    sh -c '"$1/covconv" --to lcov "$2" -o "$3" && cmp -s "$3" "$4"' - \
    "$BIN" "$work/cpp19.json.gz" "$work/gz.info" "$work/cpp19.covkit.info"

echo "llvmjson: $pass passed, $fail failed"
[ $fail = 0 ]
