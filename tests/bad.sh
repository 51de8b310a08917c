#!/bin/sh
# bad.sh - inputs that must fail. For every testdata/bad/FORMAT/CASE.EXT
# (or directory testdata/bad/FORMAT/CASE/, e.g. a GOCOVERDIR; or the
# inputs CASE.inputs lists, one name a line, for a conflict between
# inputs) with CASE.err beside it:
#   - `covmerge --from FORMAT CASE.EXT -o out` (or `... CASE -o out`, or
#     the listed inputs in order; run from testdata/bad/FORMAT; with the
#     options in CASE.args first, e.g. --strict) must exit 1 (or the number
#     in CASE.exit) with exactly CASE.err on stderr;
#   - a pre-existing out must be left byte-identical, and no temporary file
#     may be left in its directory, nor beside (or in) the input.
# testdata/bad/diff holds unified diffs: `covcheck --diff CASE.diff` of
# a good profile (testdata/check/base/head.info) instead, its -o report
# kept the same way.
# --update rewrites CASE.err from the current behaviour.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
update=0
[ "${1:-}" = --update ] && update=1
pass=0 fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "$top"/testdata/bad/*/; do
    fmt=$(basename "$dir")
    [ "$fmt" = conf ] && continue # settings files: tests/filters.sh
    [ "$fmt" = history ] && continue # covcheck --history: tests/trend.sh
    for err in "$dir"*.err; do
        [ -e "$err" ] || continue
        case=${err%.err}
        if [ -d "$case" ]; then
            input=$case
        elif [ -f "$case.inputs" ]; then
            input=$(sed "s|^|$dir|" "$case.inputs")
        else
            input=$(ls "$case".* | grep -v -e '\.err$' -e '\.exit$' \
                -e '\.args$' | head -n 1)
        fi
        args=
        [ -f "$case.args" ] && args=$(cat "$case.args")
        [ -n "$input" ] || { echo "$err: no input"; fail=$((fail + 1)); continue; }
        input=$(echo $input) # one line: the names, in order
        rm -rf "$work/o" && mkdir "$work/o"
        printf 'previous output\n' >"$work/o/out"
        ls -A "$dir" $input >"$work/before"
        # shellcheck disable=SC2046,SC2086 # names without blanks; ARGS are words
        if [ "$fmt" = diff ]; then
            (cd "$dir" && "$BIN/covcheck" $args --diff "$(basename "$input")" \
                "$top/testdata/check/base/head.info" -o "$work/o/out" \
                2>"$work/stderr" >/dev/null)
        else
            (cd "$dir" && "$BIN/covmerge" $args --from "$fmt" $(for i in $input; do basename "$i"; done) \
                -o "$work/o/out" 2>"$work/stderr" >/dev/null)
        fi
        rc=$?
        sed "s|$work/o/|OUTDIR/|g" "$work/stderr" >"$work/stderr.n"
        if [ $update = 1 ]; then cp "$work/stderr.n" "$err"; continue; fi
        exp=1
        [ -f "$case.exit" ] && exp=$(cat "$case.exit")
        ok=1
        [ "$rc" = "$exp" ] || { echo "$input: exit $rc, expected $exp"; ok=0; }
        cmp -s "$err" "$work/stderr.n" || { echo "$input: stderr differs:"; diff "$err" "$work/stderr.n"; ok=0; }
        [ "$(cat "$work/o/out")" = "previous output" ] || { echo "$input: output clobbered"; ok=0; }
        [ "$(ls -A "$work/o")" = out ] || { echo "$input: left files: $(ls -A "$work/o")"; ok=0; }
        ls -A "$dir" $input | cmp -s - "$work/before" ||
            { echo "$input: files added or removed beside it"; ok=0; }
        if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    done
done
[ $update = 1 ] && { echo "bad: expectations updated"; exit 0; }
echo "bad: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
