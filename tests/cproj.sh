#!/bin/sh
# cproj.sh - a real C project's build tree read natively, against gcov-12.
#
# The tree is bench's (bench/cproj.sh: Debian's libxml2 built with gcc-12
# --coverage -O0 in its source tree and run through its own test suite;
# `make bench` makes it in build/bench/libxml2, or CPROJ=DIR names
# another made by the same script). Code covkit's authors did not write,
# built by its own build system (libtool objects in .libs/, a configure
# test's .gcno whose source is gone, units that never ran, threads whose
# racy counters make gcov print negative counts). Checks:
#  1. `covconv --to lcov TREE` reads it, starting no gcov (every gcov on
#     PATH is a shim that leaves a mark);
#  2. every file's lines (DA), functions (FN, FNDA) and branches (BRDA)
#     are those of covconv's reading of gcov-12's own JSON of the same
#     run (`gcov-12 -b -j -t` on every .gcno, --from gcov-json): the
#     files that differ are listed, kind by kind;
#  3. the two lcov files are the same bytes.
# Without the tree (bench/cproj.sh not run: it needs the Debian source
# package) the suite says so and is skipped, under CI=true too: the tree
# is bench's, and make check does not build it.
set -u
. "$(dirname "$0")/lib.sh"
CPROJ=${CPROJ:-$top/build/bench/libxml2}
if [ ! -e "$CPROJ/ok" ]; then
    echo "cproj: no real project's build tree in $CPROJ (make bench makes it:" \
        "bench/cproj.sh, from Debian's libxml2 source package)"
    echo "cproj: skipped"
    exit 0
fi
needs cproj "python3, gcov-12 and covkit's gcda format" sh -c \
    'command -v python3 && command -v gcov-12 &&
     "$1/covconv" --list-formats | grep -q "^ *gcda "' - "$BIN" >/dev/null
scratch
T=$CPROJ/tree
pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
mkdir "$work/shim"
for t in gcov gcov-11 gcov-12 llvm-cov; do
    printf '#!/bin/sh\necho "$0" >>"%s/gcov-called"\nexit 1\n' "$work" >"$work/shim/$t"
    chmod +x "$work/shim/$t"
done

(cd "$T" && find . -name '*.gcno' -print0 | xargs -0 gcov-12 -b -j -t) \
    >"$work/gcov.json" 2>/dev/null
"$BIN/covconv" -q --from gcov-json --to lcov "$work/gcov.json" -o "$work/want.info"
read_tree() {
    PATH=$work/shim:$PATH "$BIN/covconv" -q --to lcov "$T" -o "$work/got.info" &&
        [ ! -e "$work/gcov-called" ]
}
check "covconv --to lcov TREE, no gcov started" read_tree
python3 "$top/tests/gcda_oracle.py" lcov "$work/want.info" >"$work/want.rec"
python3 "$top/tests/gcda_oracle.py" lcov "$work/got.info" >"$work/got.rec"
# KIND: that kind's records equal; else each file that differs, and how
same_kind() {
    grep "^$1 " "$work/want.rec" >"$work/want.$1"
    grep "^$1 " "$work/got.rec" >"$work/got.$1"
    cmp -s "$work/want.$1" "$work/got.$1" && return 0
    diff "$work/want.$1" "$work/got.$1" | awk -v k="$1" '
        /^[<>]/ { n[$3 " " $1]++ }
        END { for (f in n) { split(f, a, " ")
              printf "cproj: %s %s: %d records only %s\n", k, a[1], n[f],
                  a[2] == "<" ? "from gcov-12" : "from covkit" } }' | sort | head -n 40
    return 1
}
check "every file's lines = gcov-12's" same_kind DA
check "every file's functions = gcov-12's" same_kind FN
check "every file's branches = gcov-12's" same_kind BR
check "the lcov files are the same bytes" cmp -s "$work/want.info" "$work/got.info"
n=$(grep -c '^SF:' "$work/want.info")
check "gcov-12 lists files ($n): the test reads something" test "$n" -gt 40

echo "cproj: $pass passed, $fail failed"
[ $fail = 0 ]
