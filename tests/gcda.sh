#!/bin/sh
# gcda.sh - gcc and clang build directories read natively, against gcov.
#
# tests/gcda holds a C program (main.c, other.c: loops, a loop on one
# line, if/else, switch, && and ||, goto, an early return, a function never
# called, a static inline function of shared.h in both units, setjmp and
# longjmp, exit(), libxml2's IS_BLANK_CH in a loop), a C program never run (unused.c: its .gcno has no
# .gcda) and a C++ one (shapes.cc: a template instantiated twice, an
# exception thrown and caught, a class with inline methods). For each of
# gcc-11, gcc-12, clang-14 and clang-19 (g++/clang++ of the same version)
# the suite builds them with --coverage -O0 from relative sources in a
# build directory of its own (objects under obj/), runs them (some paths
# twice, some once, some never) and checks:
#  1. gcc: `covconv --to lcov BUILD` is byte for byte what covconv writes
#     from gcov's own JSON of the same run (`gcov-N -b -j -t` on every
#     .gcno, the .gcov of the same version; read with --from gcov-json):
#     every DA, FN, FNDA and BRDA; the same with one thread (-j 1); and
#     the same for one .gcda and for the never-run .gcno given alone;
#  2. clang: the DA, FN/FNDA and BRDA records of `covconv --to lcov BUILD`
#     are those of `llvm-cov-N gcov -b -c -l -p` (the .gcov text files,
#     tests/gcda_oracle.py): every line's count (summed over the units
#     that list it), every function's first line, name and calls, every
#     line's branch counts as a set (BRSET) and in order (BR: BRDA's
#     block and branch order against llvm-cov's), '-' for a branch of a
#     block never executed, a header's branches added unit by unit;
#     each difference must be listed in tests/gcda_known.txt (reported,
#     to be mended in the reader), and each listed one must still be
#     there;
#  3. the never-run unit reads as all zero, as gcov reads it;
#  4. covkit starts no gcov: every gcov and llvm-cov on PATH is a shim
#     that records being called;
#  5. the calls of blanks() (other.c) are those the program counts
#     itself: the truth where llvm-cov gcov is wrong (tests/gcda_known.txt);
#  6. the oracle's data holds the shapes (a function never called, a
#     branch of a block never run, two instances of one template), else
#     the test would test nothing.
# A compiler that is not installed is skipped with a message (a failure
# under CI=true). Needs python3 and covkit's gcda reader.
set -u
. "$(dirname "$0")/lib.sh"
needs gcda "python3 and covkit's gcda format" sh -c \
    'command -v python3 && "$1/covconv" --list-formats | grep -q "^ *gcda "' \
    - "$BIN" >/dev/null
scratch
ORACLE=$top/tests/gcda_oracle.py
pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

# every gcov and llvm-cov a reader could start: a shim that leaves a mark
mkdir "$work/shim"
for t in gcov gcov-11 gcov-12 gcov-13 gcov-14 llvm-cov llvm-cov-14 \
    llvm-cov-15 llvm-cov-16 llvm-cov-17 llvm-cov-18 llvm-cov-19; do
    printf '#!/bin/sh\necho "$0" >>"%s/gcov-called"\nexit 1\n' "$work" \
        >"$work/shim/$t"
    chmod +x "$work/shim/$t"
done
# covconv with the shims first on PATH (stderr kept in $work/err)
covkit() {
    PATH=$work/shim:$PATH "$BIN/covconv" "$@" 2>"$work/err" ||
        { cat "$work/err"; return 1; }
}
no_gcov() { [ ! -e "$work/gcov-called" ] || { cat "$work/gcov-called"; return 1; }; }
same() { # two files, the differences shown (30 lines)
    cmp -s "$1" "$2" && return 0
    diff "$1" "$2" | head -n 30
    return 1
}

# build CC CXX DIR: the programs built in DIR from DIR/src, and run
build() {
    mkdir -p "$3/obj" "$3/src" && cp "$top"/tests/gcda/* "$3/src/" && (
        cd "$3" || exit 1
        for u in main other unused; do
            $1 --coverage -O0 -c src/$u.c -o obj/$u.o || exit 1
        done
        $2 --coverage -O0 -c src/shapes.cc -o obj/shapes.o &&
            $1 --coverage obj/main.o obj/other.o -o cprog &&
            $1 --coverage obj/unused.o -o unused &&
            $2 --coverage obj/shapes.o -o cxxprog || exit 1
        # blanks' calls, as the program counts them: BUILD/calls.log
        ./cprog abc b 2>>calls.log && ./cprog abc b zzz 9 dd 2>>calls.log &&
            ./cprog '  ' ' x' "$(printf '\t ')" 2>>calls.log &&
            ./cxxprog 12 x "" && ./cxxprog 3 || exit 1
        ./cprog x exit 2>>calls.log
        [ $? = 3 ] # exit() in the middle of main
    ) >/dev/null
}

# LCOV BUILD: the FNDA of blanks (other.c) is the calls the program counted
blanks_calls() {
    want=$(awk '{ n += $3 } END { print n + 0 }' "$2/calls.log")
    got=$(sed -n 's/^FNDA:\([0-9]*\),blanks$/\1/p' "$1")
    [ "$want" -gt 0 ] && [ "$got" = "$want" ] ||
        { echo "gcda: blanks called $want times, covkit says '$got'"; return 1; }
}

# a compiler, its C++ driver and its gcov tool, or a skip (CI: a failure)
have() {
    for t in "$@"; do
        command -v "$t" >/dev/null && continue
        echo "gcda: no $t (its checks are skipped)"
        [ "${CI:-}" = true ] && fail=$((fail + 1))
        return 1
    done
}

# shapes the oracle's lcov must hold (5.)
has_shapes() {
    grep -q '^FNDA:0,never_called$' "$1" && grep -q '^BRDA:.*,-$' "$1" &&
        grep -q ',_Z7largestIiET_PKS0_i$' "$1" &&
        grep -q ',_Z7largestIdET_PKS0_i$' "$1" ||
        { echo "gcda: $1 lacks a shape"; return 1; }
}
# the never-run unit: listed, every line 0 (3.)
all_zero() {
    awk '/^SF:/ { on = ($0 ~ /\/src\/unused\.c$/) }
         on && /^DA:/ { n++; if ($0 !~ /,0$/) bad++ }
         END { exit !(n > 0 && !bad) }' "$1" ||
        { echo "gcda: unused.c is not all zero in $1"; return 1; }
}

# BUILD FILE: covkit given one .gcda or .gcno = gcov-$v's JSON of it
one_alone() {
    (cd "$1" && gcov-$v -b -j -t "$2") 2>/dev/null |
        "$BIN/covconv" --from gcov-json --to lcov - -o "$work/one.want" &&
        (cd "$1" && covkit --to lcov "$2" -o "$work/one.got") &&
        same "$work/one.want" "$work/one.got"
}

# gcc-N: covkit against gcov-N's JSON
gcc_suite() {
    v=$1 B=$work/gcc-$1
    have gcc-$v g++-$v gcov-$v || return 0
    check "gcc-$v: build and run" build gcc-$v g++-$v "$B" || return 0
    (cd "$B" && gcov-$v -b -j -t obj/*.gcno) >"$work/g$v.json" 2>/dev/null
    "$BIN/covconv" --from gcov-json --to lcov "$work/g$v.json" -o "$work/g$v.want"
    check "gcc-$v: the oracle holds the shapes" has_shapes "$work/g$v.want"
    check "gcc-$v: covconv --to lcov BUILD" covkit --to lcov "$B" -o "$work/g$v.got"
    check "gcc-$v: = gcov-$v's JSON, byte for byte" same "$work/g$v.want" "$work/g$v.got"
    check "gcc-$v: -j 1 (one thread) gives the same bytes" sh -c \
        '"$1/covconv" -j 1 --to lcov "$2" | cmp -s - "$3"' - "$BIN" "$B" "$work/g$v.got"
    check "gcc-$v: the never-run unit is all zero" all_zero "$work/g$v.got"
    check "gcc-$v: blanks' calls = the program's count" \
        blanks_calls "$work/g$v.got" "$B"
    for one in obj/main.gcda obj/unused.gcno; do
        check "gcc-$v: $one alone = gcov-$v's JSON" one_alone "$B" $one
    done
}

# clang-N: covkit against llvm-cov-N gcov's text files
clang_suite() {
    v=$1 B=$work/clang-$1
    have clang-$v clang++-$v llvm-cov-$v || return 0
    check "clang-$v: build and run" build clang-$v clang++-$v "$B" || return 0
    mkdir "$work/c$v.gcov"
    (cd "$B" && llvm-cov-$v gcov -b -c -l -p obj/*.gcda obj/unused.gcno &&
        mv ./*.gcov "$work/c$v.gcov/") >/dev/null 2>&1
    python3 "$ORACLE" gcov "$B" "$work/c$v.gcov" >"$work/c$v.want"
    check "clang-$v: covconv --to lcov BUILD" covkit --to lcov "$B" -o "$work/c$v.got"
    python3 "$ORACLE" lcov "$work/c$v.got" >"$work/c$v.rec"
    check "clang-$v: the oracle holds a never-run branch and function" sh -c \
        'grep -q "^BR .*-" "$1" && grep -q "^FN .* never_called 0$" "$1"' \
        - "$work/c$v.want"
    for r in path DA FN BRSET BR; do
        check "clang-$v: $r records = llvm-cov-$v gcov's (or known)" \
            python3 "$ORACLE" compare $r clang-$v "$B" "$work/c$v.want" \
            "$work/c$v.rec" "$top/tests/gcda_known.txt"
    done
    check "clang-$v: the never-run unit is all zero" all_zero "$work/c$v.got"
    check "clang-$v: blanks' calls = the program's count" \
        blanks_calls "$work/c$v.got" "$B"
}

gcc_suite 11
gcc_suite 12
clang_suite 14
clang_suite 19
check "no gcov or llvm-cov process was started by covkit" no_gcov

# A fuzzer's find (testdata/fuzz/README.md): a .gcno naming its source with
# a string of NULs, read as the fuzz target reads it (a .gcda of the
# length in its first two bytes, then the .gcno): read, not a crash (ASan
# in make asan checks the bytes written).
fuzz_pair() {
    mkdir -p "$work/pair" &&
        python3 -c 'import sys; d = open(sys.argv[1], "rb").read()
n = d[0] | d[1] << 8; d = d[2:]
open(sys.argv[2] + "/u.gcda", "wb").write(d[:n])
open(sys.argv[2] + "/u.gcno", "wb").write(d[n:])' \
            "$top/testdata/fuzz/gcda-empty-source.pair" "$work/pair" &&
        { "$BIN/covconv" --to lcov "$work/pair" >/dev/null 2>&1; [ $? -lt 2 ]; }
}
check "a fuzzer's pair (an empty source name) is read, not a crash" fuzz_pair

echo "gcda: $pass passed, $fail failed"
[ $fail = 0 ]
