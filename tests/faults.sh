#!/bin/sh
# faults.sh - output safety: a failed write leaves the old output, exit 3
# and a clear message; kill -9 at any moment leaves the old output or the
# complete new one, and no temporary file that outlives the next run;
# covrun keeps the run's files when its fold fails, and locks a lock file
# where a directory cannot be locked.
#
# Write failures are injected by build/tests/shim/failwrite.so (LD_PRELOAD,
# see tests/shim/failwrite.c): write, fsync, linkat and rename fail with
# ENOSPC or EIO, with O_TMPFILE (unnamed temporary) and without it (the
# named-temporary fallback).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
SHIM=${SHIM:-$BIN/tests/shim/failwrite.so}
TD=$top/testdata
KILLS=${KILLS:-8}
pass=0 fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 3
# an ASan build must not insist on its runtime coming first
ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0
export ASAN_OPTIONS

result() { # NAME OK WHY
    if [ "$2" = 1 ]; then
        pass=$((pass + 1))
        printf 'ok   %s\n' "$1"
    else
        fail=$((fail + 1))
        printf 'FAIL %s: %s\n' "$1" "$3"
    fi
}

temps() { ls -A "$1" | grep -c '^\.covkit-tmp-'; }

# ---- injected failures
# inject NAME FAILWRITE MESSAGE TOOL ARG...: TOOL ARG... -o o/out must exit
# 3 with MESSAGE, o/out unchanged, nothing else in o/
inject() {
    name=$1 spec=$2 msg=$3
    shift 3
    rm -rf o && mkdir o
    printf 'old output\n' >o/out
    cp o/out old
    FAILWRITE=$spec LD_PRELOAD=$SHIM "$BIN/$@" -o o/out 2>err >/dev/null
    rc=$?
    ok=1 why=""
    [ $rc = 3 ] || { ok=0; why="exit $rc, expected 3"; }
    grep -q "$msg" err || { ok=0; why="$why; stderr: $(head -c 300 err)"; }
    cmp -s old o/out || { ok=0; why="$why; old output changed"; }
    [ "$(ls -A o)" = out ] || { ok=0; why="$why; left: $(ls -A o | tr '\n' ' ')"; }
    result "$name" $ok "$why"
}

cp "$TD/sample/unit.out" "$TD/sample/system.out" "$TD/lcov/small.info" .
for tmp in "" tmpfile,; do
    mode=${tmp:+named-temp}
    mode=${mode:-O_TMPFILE}
    for fault in write:ENOSPC write:EIO fsync:EIO linkat:ENOSPC rename:EIO; do
        case $fault in
        write:ENOSPC) msg='cannot write: No space left on device' ;;
        write:EIO | fsync:EIO) msg='cannot write: Input/output error' ;;
        linkat:ENOSPC) msg='cannot rename the output into place: No space left on device' ;;
        rename:EIO) msg='cannot rename the output into place: Input/output error' ;;
        esac
        # linkat is only used with O_TMPFILE
        [ "$mode$fault" = named-templinkat:ENOSPC ] && continue
        inject "$mode $fault covmerge" "$tmp$fault" "$msg" \
            covmerge unit.out system.out
        inject "$mode $fault covconv cobertura" "$tmp$fault" "$msg" \
            covconv --to cobertura unit.out
        inject "$mode $fault covconv lcov" "$tmp$fault" "$msg" \
            covconv --to lcov small.info
    done
done
# a failure after some bytes went out (the sink's second buffer)
FAILWRITE_AFTER=40000
export FAILWRITE_AFTER
inject "write:ENOSPC after 40000 bytes" write:ENOSPC \
    'cannot write: No space left on device' covconv --to cobertura unit.out
unset FAILWRITE_AFTER
# the shim really fails: without it the same run succeeds
rm -rf o && mkdir o
"$BIN/covmerge" unit.out system.out -o o/out
result "no fault: exit 0" $(( $? == 0 )) "covmerge failed"

# ---- covrun: a fold whose write fails exits 3 with the old output kept
# and the run's files kept where the message says; where a directory
# cannot be locked (flockdir), covrun locks OUTPUT.lock, and parallel runs
# still all count. The program (env -u LD_PRELOAD) runs without the shim.
G=$TD/covdata/small.count
fake="cp '$G'/* \"\$GOCOVERDIR\"/"
rm -rf r && mkdir r r/tmp
"$BIN/covmerge" "$G" -o r/out && cp r/out old
TMPDIR=$PWD/r/tmp FAILWRITE=write:ENOSPC LD_PRELOAD=$SHIM "$BIN/covrun" \
    -o r/out -- env -u LD_PRELOAD sh -c "$fake" 2>err
rc=$?
kept=$(sed -n 's/^covrun: this run.s coverage files are kept in //p' err)
ok=0; [ $rc = 3 ] && cmp -s old r/out && ok=1
result "covrun write:ENOSPC: exit 3, old output" $ok \
    "exit $rc, $(head -c 300 err)"
ok=0; [ -n "$kept" ] && [ "$(ls "$kept")" = "$(ls "$G")" ] && ok=1
result "covrun write:ENOSPC: the run's files kept where the message says" \
    $ok "kept in '$kept': $(ls -A r/tmp | tr '\n' ' ')"
rm -rf r && mkdir r
for i in 1 2 3 4; do
    FAILWRITE=flockdir LD_PRELOAD=$SHIM "$BIN/covrun" -o r/out -- \
        env -u LD_PRELOAD sh -c "$fake" &
done
wait
"$BIN/covmerge" "$G" "$G" "$G" "$G" -o four.out
ok=0; cmp -s four.out r/out && ok=1
result "covrun flockdir: 4 parallel runs = 4 merged inputs" $ok "r/out differs"
ok=0; [ "$(ls -A r | tr '\n' ' ')" = "out out.lock " ] && ok=1
result "covrun flockdir: OUTPUT.lock used (and kept)" $ok \
    "left: $(ls -A r | tr '\n' ' ')"

# ---- kill -9 during a large write: 1,000,000 blocks, about 74 MB
awk 'BEGIN { print "mode: count"
    for (f = 0; f < 200; f++) for (i = 1; i <= 5000; i++)
        printf "github.com/example/project/internal/pkg%03d/file.go:%d.2,%d.14 1 %d\n", f, i, i, i * f }' >big.out
t0=$(date +%s%N)
"$BIN/covmerge" big.out -o ref.out || exit 3
span=$((($(date +%s%N) - t0) / 1000000 * 3 / 2 + 1)) # ms: a run and a half
cmp -s big.out ref.out
result "large write is complete" $(( $? == 0 )) "ref.out differs from big.out"

# killed WHEN: run covmerge big.out -o k/out, kill -9 it at random moments
killed() {
    label=$1 preload=$2
    rm -rf k && mkdir k
    left=0 bad=0 olds=0 news=0 n=0
    while [ $n -lt "$KILLS" ]; do
        n=$((n + 1))
        printf 'old output\n' >k/out
        # a random moment in a run and a half (some end complete)
        ms=$(($(od -An -N4 -tu4 /dev/urandom) % span))
        FAILWRITE=${preload:+tmpfile} LD_PRELOAD=$preload \
            "$BIN/covmerge" big.out -o k/out 2>/dev/null &
        pid=$!
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        if [ "$(cat k/out 2>/dev/null | head -c 20)" = "old output" ]; then
            olds=$((olds + 1))
        elif cmp -s k/out ref.out; then
            news=$((news + 1))
        else
            bad=$((bad + 1))
        fi
    done
    left=$(temps k)
    result "kill -9 $label: output old ($olds) or complete ($news)" \
        $(( bad == 0 )) "$bad partial outputs"
    # what a killed run left is removed by the next write once it is a
    # minute old (its process is gone)
    for f in k/.covkit-tmp-*; do
        [ -e "$f" ] && touch -d '2 minutes ago' "$f"
    done
    printf 'mode: set\n' >small.out
    "$BIN/covmerge" small.out -o k/other
    result "kill -9 $label: $left stale temporaries, none after the next run" \
        $(( $(temps k) == 0 )) "left: $(ls -A k | tr '\n' ' ')"
}
killed O_TMPFILE ""
killed named-temp "$SHIM"

echo "faults: $pass passed, $fail failed"
[ $fail = 0 ]
