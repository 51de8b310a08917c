#!/bin/sh
# covrun.sh - covrun on real Go programs built here, against Go's own tools.
#   tests/godemo built three ways: `go build -cover` (demo), `go test -c
#   -cover -coverpkg=./...` (demo.test) and without -cover (plain, plain.test).
#   * N parallel runs of each instrumented binary into one output equal `go
#     tool covdata textfmt` of the runs' kept files, and leave no lock file;
#   * demo.test is found to be a test binary: one run's output equals the
#     profile the binary writes itself with -test.coverprofile, and its
#     standard output equals the binary's own minus the testing package's
#     last two lines (PASS or FAIL, coverage:), which the test checks are
#     there, while the same lines written earlier by a test stay;
#   * a binary built without -cover fails the run (exit 1), with the cause,
#     while `go run -cover` (a launcher) is folded;
#   * -o in a missing directory is refused before the program runs;
#   * covmerge/covconv/covcheck of an output with its --keep directory warn.
# Needs Go 1.23; skipped without it, except under CI=true.
set -u
. "$(dirname "$0")/lib.sh"
needs covrun "$GO" test -x "$GO"
scratch go
pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
textfmt() { "$GO" tool covdata textfmt -i="$1" -o "$2"; }
N=8

D=$top/tests/godemo
(cd "$D" && "$GO" build -cover -covermode=count -o "$work/demo" . &&
    "$GO" test -c -cover -covermode=count -coverpkg=./... -o "$work/demo.test" . &&
    "$GO" build -o "$work/plain" . && "$GO" test -c -o "$work/plain.test" .) ||
    { echo "covrun: cannot build the demo programs"; echo "covrun: 0 passed, 1 failed"; exit 1; }
cd "$work" || exit 1

# ---- N parallel runs of a go build -cover binary, kept in one directory
mkdir e2e
i=0
while [ $i -lt $N ]; do
    "$BIN/covrun" -q --keep e2e/kept -o e2e/all.out -- ./demo $i -$i x >/dev/null &
    i=$((i + 1))
done
wait
textfmt e2e/kept textfmt.out
check "$N parallel runs equal covdata textfmt of their files" cmp -s e2e/all.out textfmt.out
check "no lock file is left beside the output" \
    test "$(ls -A e2e | tr '\n' ' ')" = "all.out kept "
check "the kept directory notes the output" \
    grep -q "	\.\./all\.out\$" e2e/kept/covrun-folded.txt
"$BIN/covmerge" e2e/kept -o fromdir.out
check "covmerge of the kept directory equals covdata textfmt" cmp -s fromdir.out textfmt.out
rc=0; "$BIN/covrun" -q -o e2e/all.out -- ./demo 2>/dev/null || rc=$?
check "covrun passes the exit status through" test "$rc" = 2
"$BIN/covmerge" e2e/all.out e2e/kept -o twice.out 2>warn.txt
check "covmerge OUTPUT KEEPDIR warns" grep -q "^covmerge: warning: e2e/kept: .*into e2e/all.out" warn.txt
"$BIN/covconv" --to percent e2e/kept e2e/all.out 2>warn.txt >/dev/null
check "covconv KEEPDIR OUTPUT warns" grep -q "counted twice" warn.txt
"$BIN/covcheck" e2e/all.out e2e/kept 2>warn.txt >/dev/null
check "covcheck OUTPUT KEEPDIR warns" grep -q "counted twice" warn.txt
"$BIN/covmerge" textfmt.out e2e/kept -o other.out 2>warn.txt
check "another profile with the kept directory: no warning" test ! -s warn.txt

# ---- test binaries: found, folded, their last lines dropped
./demo.test -test.coverprofile=ref.out >direct.txt
rc=0; "$BIN/covrun" -o one.out -- ./demo.test >covrun.txt || rc=$?
check "test binary: exit 0" test "$rc" = 0
check "test binary: output equals its own -test.coverprofile" cmp -s one.out ref.out
check "test binary run directly ends with PASS and coverage:" \
    sh -c 'tail -n 2 direct.txt | head -n 1 | grep -qx PASS &&
        tail -n 1 direct.txt | grep -q "^coverage: [0-9.]*% of statements"'
sed '$d' direct.txt | sed '$d' >expected.txt
check "test binary: its stdout without the last two lines" cmp -s covrun.txt expected.txt
check "test binary: a test's own PASS line stays" grep -qx PASS covrun.txt
mkdir t
i=0
while [ $i -lt $N ]; do
    "$BIN/covrun" --keep t/kept -o t/all.out -- ./demo.test -test.run="$(
        [ $((i % 2)) = 0 ] && echo Classify || echo Output)" >/dev/null &
    i=$((i + 1))
done
wait
textfmt t/kept t.textfmt
check "$N parallel test binary runs equal covdata textfmt" cmp -s t/all.out t.textfmt
DEMO_FAIL=1 ./demo.test >direct-fail.txt
rc=0; DEMO_FAIL=1 "$BIN/covrun" --keep tf -o fail.out -- ./demo.test >covrun-fail.txt || rc=$?
check "failing test binary: its exit status 1" test "$rc" = 1
check "failing test binary run directly ends with FAIL" \
    sh -c 'tail -n 2 direct-fail.txt | head -n 1 | grep -qx FAIL'
sed '$d' direct-fail.txt | sed '$d' >expected-fail.txt
check "failing test binary: its stdout without FAIL and coverage:" \
    cmp -s covrun-fail.txt expected-fail.txt
textfmt tf tf.textfmt
check "failing test binary: its coverage is folded" cmp -s fail.out tf.textfmt
"$BIN/covrun" --test-binary -o forced.out -- ./demo.test >/dev/null
check "--test-binary: same as found" cmp -s forced.out ref.out
rc=0; "$BIN/covrun" -o x.out -- ./demo.test -test.gocoverdir=elsewhere 2>/dev/null || rc=$?
check "-test.gocoverdir of the user: usage error" test "$rc" = 2

# ---- binaries without -cover fail the run; a missing -o dir stops it
rc=0; "$BIN/covrun" -o p.out -- ./plain 1 >plain.txt 2>plain.err || rc=$?
check "plain binary: runs, exit 1" test "$rc $(cat plain.txt)" = "1 1 odd"
check "plain binary: warned before it ran" \
    sh -c 'head -n 1 plain.err | grep -q "^covrun: warning: ./plain was built without -cover"'
check "plain binary: the message says how to build it" \
    grep -q "exited 0 but .* built without -cover.*go build -cover" plain.err
check "plain binary: no output written" test ! -e p.out
rc=0; "$BIN/covrun" -o p.out -- ./plain.test >plain.txt 2>plain.err || rc=$?
check "plain test binary: its own exit 2" test "$rc" = 2
check "plain test binary: the message says it was built without -cover" \
    grep -q "(exit 2): it was built without -cover" plain.err
rc=0; "$BIN/covrun" --allow-no-coverage -o p.out -- ./plain 1 >plain.txt 2>plain.err || rc=$?
check "plain binary with --allow-no-coverage: runs, exit 0" \
    test "$rc $(cat plain.txt)" = "0 1 odd"
check "plain binary with --allow-no-coverage: no warning before" \
    sh -c '! grep -q "warning" plain.err'
# a launcher: go run -cover starts the instrumented program, which inherits
# GOCOVERDIR (go itself is not built with -cover, and draws no warning)
(cd "$D" && "$BIN/covrun" --keep "$work/launched" -o "$work/launched.out" -- \
    "$GO" run -cover -covermode=count . 3 >/dev/null 2>"$work/launch.err")
textfmt launched launched.textfmt
check "go run -cover under covrun: folded" cmp -s launched.out launched.textfmt
check "go run -cover under covrun: no warning" test ! -s launch.err
rc=0; "$BIN/covrun" -o missing/x.out -- ./demo 1 >demo.txt 2>/dev/null || rc=$?
check "-o in a missing directory: exit 3, not run" test "$rc$(cat demo.txt)" = 3

echo "covrun: $pass passed, $fail failed"
[ $fail = 0 ]
