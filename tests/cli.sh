#!/bin/sh
# cli.sh - golden CLI tests (zstd cli-tests style).
#
# Each testdata/cli/NAME.sh is run with sh in a fresh temporary directory,
# with $BIN (tool directory, absolute), $TD (testdata, absolute) and
# $CORPUS (testdata/corpus: real coverage data, absolute) set and $BIN on
# PATH. Expected:
#   NAME.stdout   exact standard output       (absent: must be empty)
#   NAME.stderr   exact standard error        (absent: must be empty)
#   NAME.exit     exit status                 (absent: 0)
# Paths in stdout/stderr are made stable by running from the temp dir.
# --update NAME... rewrites the expectations of the named cases from the
# current behaviour (--update alone: of every case).
# RUNNER, when set, prefixes every run of a tool of $BIN (through wrapper
# scripts first on PATH), e.g. RUNNER="valgrind -q --error-exitcode=99".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
TD=$top/testdata
CORPUS=$TD/corpus
export BIN TD CORPUS
PATH=$BIN:$PATH
export PATH
update=0
[ "${1:-}" = --update ] && { update=1; shift; }
only=" $* "
pass=0 fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${RUNNER:-}" ]; then
    mkdir "$work/runner"
    for tool in "$BIN"/*; do
        [ -f "$tool" ] && [ -x "$tool" ] || continue
        printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$RUNNER" "$tool" \
            >"$work/runner/${tool##*/}"
        chmod +x "$work/runner/${tool##*/}"
    done
    PATH=$work/runner:$PATH
fi
for t in "$TD"/cli/*.sh; do
    [ -e "$t" ] || continue
    name=${t%.sh}
    case "$only" in
    "  ") ;;
    *" $(basename "$name") "* | *" $(basename "$t") "*) ;;
    *) continue ;;
    esac
    d=$work/$(basename "$name")
    mkdir -p "$d"
    (cd "$d" && sh "$t" >"$d.out" 2>"$d.err" </dev/null)
    rc=$?
    if [ $update = 1 ]; then
        if [ -s "$d.out" ]; then cp "$d.out" "$name.stdout"; else rm -f "$name.stdout"; fi
        if [ -s "$d.err" ]; then cp "$d.err" "$name.stderr"; else rm -f "$name.stderr"; fi
        if [ $rc != 0 ]; then echo $rc >"$name.exit"; else rm -f "$name.exit"; fi
        continue
    fi
    ok=1
    exp_rc=0
    [ -f "$name.exit" ] && exp_rc=$(cat "$name.exit")
    [ "$rc" = "$exp_rc" ] || { echo "$(basename "$t"): exit $rc, expected $exp_rc"; ok=0; }
    for s in stdout:out stderr:err; do
        f=$name.${s%%:*} got=$d.${s##*:}
        if [ -f "$f" ]; then
            cmp -s "$f" "$got" || { echo "$(basename "$t"): ${s%%:*} differs:"; diff "$f" "$got" | head -20; ok=0; }
        elif [ -s "$got" ]; then
            echo "$(basename "$t"): unexpected ${s%%:*}:"; head -5 "$got"; ok=0
        fi
    done
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $update = 1 ] && { echo "cli: expectations updated"; exit 0; }
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
