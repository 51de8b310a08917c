#!/bin/sh
# filters.sh - --include/--exclude in every tool, and the settings file.
#   A Go module written here (packages main, a, gen, internal/mock) is
#   built with `go build -cover` and run; for each filter:
#   * covrun -o (one run, --keep) and covmerge of a GOCOVERDIR equal `go
#     tool covdata textfmt -pkg=...` of the same run, the -pkg list naming
#     the packages the filter keeps;
#   * covconv --to lcov keeps the same files (repository paths) and the
#     lines `lcov --remove` / `lcov --extract` keep of the unfiltered
#     tracefile (lcov --summary of both);
#   * covcheck --format json counts those files and lines;
#   the same for zlib's real lcov tracefile (absolute paths) against
#   lcov --remove/--extract; --path-map comes before --include; a bad
#   regex is a usage error (exit 2, pattern and offset) in every tool;
#   filtering everything away gives what an input with no file gives, and
#   a warning. The settings file: the same filter from covkit.conf,
#   --config, --no-config, the command line adding to repeatable options
#   and winning over the others, [TOOL ...] sections, --help despite a
#   broken file, and the must-fail files of testdata/bad/conf (each
#   CASE.conf with CASE.err, the expected stderr, and optionally
#   CASE.exit; output never clobbered).
# Needs Go 1.23 and lcov 1.16; skipped without them, except under CI=true.
set -u
. "$(dirname "$0")/lib.sh"
needs filters "$GO and lcov" sh -c "test -x '$GO' && command -v lcov >/dev/null"
scratch go
pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -10; return 1; }; }
# same_profile A B: the same mode line and blocks, in any order (covdata
# textfmt writes files in its own order, covkit sorts them)
same_profile() {
    { head -n 1 "$1"; tail -n +2 "$1" | sort; } >"$1.sorted"
    { head -n 1 "$2"; tail -n +2 "$2" | sort; } >"$2.sorted"
    same "$1.sorted" "$2.sorted"
}
MOD=example.com/flt

# ---- the Go program
mkdir -p "$work/mod/a" "$work/mod/gen" "$work/mod/internal/mock"
cd "$work/mod" || exit 1
printf 'module %s\n\ngo 1.23\n' $MOD >go.mod
cat >main.go <<'EOF'
package main

import (
	"fmt"
	"os"

	"example.com/flt/a"
	"example.com/flt/gen"
	"example.com/flt/internal/mock"
)

func main() {
	fmt.Println(a.Add(len(os.Args), 2), gen.Name(len(os.Args)), mock.Fake())
}
EOF
cat >a/a.go <<'EOF'
package a

// Add adds, and says when the sum is large.
func Add(x, y int) int {
	if x+y > 10 {
		return -1
	}
	return x + y
}
EOF
cat >gen/gen.go <<'EOF'
package gen

// Name names a number.
func Name(n int) string {
	switch n {
	case 1:
		return "one"
	case 2:
		return "two"
	}
	return "many"
}
EOF
cat >internal/mock/mock.go <<'EOF'
package mock

// Fake is a stand-in.
func Fake() string { return "fake" }

// Unused is never called.
func Unused() int { return 0 }
EOF
"$GO" build -cover -covermode=count -o prog . ||
    { echo "filters: cannot build the Go program"; echo "filters: 0 passed, 1 failed"; exit 1; }
mkdir cov && GOCOVERDIR=cov ./prog x >/dev/null
"$GO" tool covdata textfmt -i=cov -o all.out
"$BIN/covconv" -q --to lcov all.out -o all.info

# files PROFILE: the file names of a Go profile or lcov tracefile, as
# repository paths (the module's path taken off), sorted
files() {
    if head -n 1 "$1" | grep -q '^mode:'; then
        sed -n 's/^\([^:]*\):.*/\1/p' "$1" | grep -v '^mode$'
    else
        sed -n 's/^SF://p' "$1"
    fi | sed "s|^$MOD/||" | sort -u
}
# summary TRACEFILE: lcov's totals of a tracefile ("lines 5 of 6" ...)
summary() {
    lcov --summary "$1" --rc lcov_branch_coverage=1 2>&1 |
        sed -n 's/^ *\([a-z]*\)\.*: [0-9.]*% (\([0-9]* of [0-9]*\) [a-z]*)$/\1 \2/p'
}
# json_lines REPORT: "FILES LINES-HIT LINES-FOUND" of a covcheck JSON report
json_lines() {
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
t = r["totals"]["lines"]; print(r["files"], t["covered"], t["total"])' "$1"
}
# lcov_lines TRACEFILE: the same from lcov --summary and the SF count
lcov_lines() {
    echo "$(files "$1" | grep -c .)" $(summary "$1" |
        sed -n 's/^lines \([0-9]*\) of \([0-9]*\)/\1 \2/p')
}

# case NAME PKGS LCOVOP GLOBS -- FILTER...: every tool with FILTER keeps
# the packages PKGS (covdata's -pkg) and what `lcov LCOVOP GLOBS` keeps
case_() {
    n=$1 pkgs=$2 op=$3 globs=$4
    shift 5
    "$GO" tool covdata textfmt -i=cov -pkg="$pkgs" -o "$n.want"
    "$BIN/covmerge" -q "$@" cov -o "$n.merge"
    check "$n: covmerge equals covdata textfmt -pkg" same_profile "$n.want" "$n.merge"
    rm -rf "k$n"
    "$BIN/covrun" -q --keep "k$n" "$@" -o "$n.run" -- ./prog x >/dev/null
    check "$n: covrun equals covdata textfmt -pkg" same_profile "$n.want" "$n.run"
    "$BIN/covconv" -q --to lcov "$@" all.out -o "$n.info"
    files "$n.want" >"$n.wfiles"
    files "$n.info" >"$n.cfiles"
    check "$n: covconv --to lcov keeps the same files" same "$n.wfiles" "$n.cfiles"
    # shellcheck disable=SC2086 # GLOBS are words
    lcov -q --rc lcov_branch_coverage=1 $op all.info $globs -o "$n.lcov" 2>/dev/null
    files "$n.lcov" >"$n.lfiles"
    check "$n: lcov $op keeps the same files" same "$n.lfiles" "$n.cfiles"
    summary "$n.lcov" >"$n.lsum"
    summary "$n.info" >"$n.csum"
    check "$n: lcov $op gives the same totals" \
        sh -c "grep -q '^lines ' $n.lsum && cmp -s $n.lsum $n.csum"
    "$BIN/covcheck" -q --format json "$@" all.out >"$n.json"
    json_lines "$n.json" >"$n.jl"
    lcov_lines "$n.lcov" >"$n.ll"
    check "$n: covcheck counts those files and lines" same "$n.ll" "$n.jl"
}
case_ exclude "$MOD,$MOD/a,$MOD/internal/mock" --remove 'gen/*' -- \
    --exclude '(^|/)gen/'
case_ include "$MOD/a,$MOD/internal/mock" --extract 'a/* internal/mock/*' -- \
    --include '(^|/)a/' --include '/mock/'
case_ exclude-wins "$MOD/a" --extract 'a/*' -- \
    --include '(^|/)a/' --include '(^|/)gen/' --exclude 'gen/[a-z]*\.go$'
check "the filters left something to compare" test -s include.cfiles

# ---- lcov on real C data: zlib's tracefile, absolute paths
gzip -dc "$top/testdata/lcov/zlib-A.branch.info.gz" >zlib.info
Z=/home/ci/source/zlib-1.2.13.dfsg
zcase() { # NAME, LCOVOP, GLOB, then the covconv filter
    n=$1 op=$2 glob=$3
    shift 3
    "$BIN/covconv" -q --to lcov "$@" zlib.info -o "$n.info"
    lcov -q --rc lcov_branch_coverage=1 "$op" zlib.info "$glob" -o "$n.lcov" 2>/dev/null
    files "$n.info" >"$n.cfiles"
    files "$n.lcov" >"$n.lfiles"
    check "$n: covconv keeps what lcov $op '$glob' keeps" same "$n.lfiles" "$n.cfiles"
    summary "$n.info" >"$n.csum"
    summary "$n.lcov" >"$n.lsum"
    check "$n: the same totals as lcov $op" \
        sh -c "grep -q '^branches ' $n.lsum && cmp -s $n.lsum $n.csum"
}
zcase zlib-remove --remove "$Z/test/*" --exclude "^$Z/test/"
zcase zlib-extract --extract '*/inf*.c' --include '/inf[^/]*\.c$'
zcase zlib-gz --remove '*/gz*' --exclude '/gz[^/]*$'
check "zlib: the filters kept and dropped files" \
    sh -c 'test "$(grep -c . zlib-extract.cfiles)" = 3 &&
        test "$(grep -c . zlib-remove.cfiles)" = 14'

# ---- --path-map comes first
"$BIN/covconv" --to lcov --path-map "^$Z/=" --include '^test/' zlib.info -o pm.info
check "--path-map then --include sees the mapped path" \
    test "$(files pm.info)" = test/example.c
"$BIN/covconv" -q --to lcov --path-map "^$Z/=" --include '^/home/' zlib.info -o pm2.info
check "--include does not see the path before --path-map" test ! -s pm2.info

# ---- a bad regex: exit 2, naming the pattern and the offset
for tool in covmerge covconv covcheck covrun; do
    case $tool in
    covconv) args="--to lcov all.out" ;;
    covrun) args="-o bad.out -- touch ran" ;;
    *) args=all.out ;;
    esac
    rc=0
    # shellcheck disable=SC2086 # ARGS are words
    "$BIN/$tool" --exclude 'ok' --include 'a(b' $args >/dev/null 2>err.txt || rc=$?
    check "$tool: a bad regex is exit 2" test "$rc" = 2
    check "$tool: the message names the pattern and the offset" \
        grep -q "^$tool: bad --include regex 'a(b' at offset 3: " err.txt
done
check "covrun: a bad regex stops it before the program runs" \
    sh -c 'test ! -e ran && test ! -e bad.out'

# ---- everything filtered away: what an input without a file gives
printf 'mode: count\n' >empty.out
"$BIN/covmerge" --include nomatch all.out -o none.out 2>none.err
"$BIN/covmerge" empty.out -o empty.merge
check "covmerge: nothing left is an input without a file" same empty.merge none.out
check "covmerge: nothing left is a warning" \
    grep -q "^covmerge: warning: --include/--exclude left none of the 4 files$" none.err
"$BIN/covconv" -q --to cobertura --exclude . all.out | xmllint --noout - 2>/dev/null
check "covconv: nothing left is a valid empty Cobertura" test $? = 0
rc=0; "$BIN/covcheck" -q --exclude . all.out >/dev/null || rc=$?
check "covcheck: nothing left passes without gates" test $rc = 0
rc=0; "$BIN/covcheck" -q --exclude . --fail-under-line 1 all.out >/dev/null 2>&1 || rc=$?
check "covcheck: nothing left fails a line gate, as no data does" test $rc = 4
rm -f none.run
"$BIN/covrun" -q --exclude . -o none.run -- ./prog >/dev/null
check "covrun: nothing left writes a profile without a file" same empty.merge none.run

# ---- the settings file
mkdir conf && cd conf || exit 1
printf '# filters for every tool\n\nexclude = (^|/)gen/\n' >covkit.conf
"$BIN/covmerge" -q ../cov -o c1.out
check "covkit.conf: the same as --exclude" same ../exclude.merge c1.out
"$BIN/covrun" -q -o c1.run -- ../prog x >/dev/null
check "covkit.conf: covrun reads it too" same ../exclude.merge c1.run
"$BIN/covmerge" -q --no-config ../cov -o c2.out
"$BIN/covmerge" -q ../cov --no-config -o c2.out
check "--no-config: no filter" same_profile ../all.out c2.out
printf 'include = (^|/)a/\n' >other.conf
"$BIN/covmerge" -q --config other.conf --include '/mock/' ../cov -o c3.out
check "--config FILE, and the command line adds an --include" \
    same ../include.merge c3.out
"$BIN/covmerge" -q --include '(^|/)a/' --include '(^|/)gen/' ../cov -o c4.out
check "an --exclude from the file stays with --include given" \
    same ../exclude-wins.merge c4.out
printf 'mode = set\nquiet\n' >mode.conf
"$BIN/covmerge" --config mode.conf ../cov -o c5.out
"$BIN/covmerge" --config mode.conf --mode count ../cov -o c6.out
check "a single-valued option: the file's, and the command line wins" \
    sh -c 'head -n 1 c5.out | grep -qx "mode: set" &&
        head -n 1 c6.out | grep -qx "mode: count"'
cat >sections.conf <<'EOF'
exclude = (^|/)gen/
[covcheck]
fail-under-line = 100
[covmerge, covconv covcheck]
strict = yes
EOF
rc=0; "$BIN/covcheck" -q --config sections.conf ../all.out >/dev/null 2>&1 || rc=$?
check "[covcheck]: its gate applies to covcheck" test $rc = 4
rc=0; "$BIN/covmerge" --config sections.conf ../all.out -o c7.out || rc=$?
check "[covcheck]: not to covmerge, which gets [covmerge, ...]" test $rc = 0
rc=0; "$BIN/covrun" -q --config sections.conf -o c8.run -- ../prog x >/dev/null || rc=$?
check "covrun skips the sections it is not named in" \
    sh -c "test $rc = 0 && cmp -s ../exclude.merge c8.run"
printf 'strict\n' >strict.conf
rc=0; "$BIN/covrun" --config strict.conf -o c9.run -- touch ran 2>err.txt || rc=$?
check "a key before any section that this tool lacks: exit 2, not run" \
    sh -c "test $rc = 2 && test ! -e ran && grep -q '^covrun: strict.conf:1: unknown key' err.txt"
printf 'mode = never\n' >covkit.conf
check "--help works whatever covkit.conf holds" \
    sh -c "'$BIN/covmerge' --help >/dev/null && '$BIN/covrun' --help >/dev/null"
rc=0; "$BIN/covmerge" --config nonexistent.conf ../all.out >/dev/null 2>err.txt || rc=$?
check "an unreadable --config: exit 3, named" \
    sh -c "test $rc = 3 && grep -q '^covmerge: cannot read settings file nonexistent.conf: ' err.txt"
rc=0; "$BIN/covmerge" --config other.conf --no-config ../all.out >/dev/null 2>&1 || rc=$?
check "--config and --no-config: exit 2" test $rc = 2
rm covkit.conf

# ---- must-fail settings files
B=$top/testdata/bad/conf
n=0
for err in "$B"/*.err; do
    c=${err%.err}
    exp=2
    [ -f "$c.exit" ] && exp=$(cat "$c.exit")
    printf 'previous output\n' >out
    rc=0
    (cd "$B" && "$BIN/covmerge" --config "${c##*/}.conf" "$top/testdata/sample/unit.out" \
        -o "$work/mod/conf/out" >/dev/null 2>"$work/mod/conf/stderr") || rc=$?
    check "bad/conf/${c##*/}: exit $exp" test "$rc" = "$exp"
    check "bad/conf/${c##*/}: stderr" same "$err" stderr
    check "bad/conf/${c##*/}: output not clobbered" \
        sh -c 'test "$(cat out)" = "previous output" && test "$(ls)" = "$(ls -A)"'
    n=$((n + 1))
done
check "bad/conf holds the cases" test $n -ge 5

echo "filters: $pass passed, $fail failed"
[ $fail = 0 ]
