#!/bin/sh
# external.sh - every file of ../shared/corpus/external (real coverage files
# of other projects, which stay out of this repository) is read or refused
# as testdata/external.tsv says:
#   read     covconv --to summary exits 0 and its Total row has the list's
#            lines, functions, branches and statements ("*": not checked);
#            for a line format, --to cobertura keeps the branch totals
#   refused  exit 1, the message names the file and holds the list's text
# Every file of the folder must have a row, every row a file. The totals
# were computed without covkit (tests/external_oracle.py, reviewed by hand).
# A SonarQube file is read by the sonarqube format; while covmerge
# --list-formats has none, its refusal as "not Cobertura" is accepted.
# Without the folder (it is optional, also under CI=true) the test skips.
set -u -f # (words of the list are split, never globbed: "*" is a value)
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
X=$top/../shared/corpus/external
list=$top/testdata/external.tsv
if [ ! -d "$X" ]; then
    echo "external: ../shared/corpus/external not found; skipped"
    exit 0
fi
X=$(cd "$X" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
sonar=0
"$BIN/covmerge" --list-formats | grep -q '^ *sonarqube ' && sonar=1

bad() {
    echo "external: $1"
    fail=$((fail + 1))
}

# The Total row of a summary on stdin as "lines stmts funcs branches".
totals() {
    awk '$1 == "Total" { o = ""
        for (i = 2; i <= NF; i++)
            if ($i == "-") o = o " -"; else if ($i ~ /\//) { o = o " " $i; i++ }
        print substr(o, 2) }'
}

# FILE read: its totals are the list's.
check_read() {
    file=$1 fmt=$2 want=$3
    if ! "$BIN/covconv" -q --to summary "$X/$file" >"$work/out" 2>"$work/err"; then
        if [ "$fmt" = sonarqube ] && [ $sonar = 0 ] &&
            grep -q 'this is SonarQube generic coverage XML' "$work/err"; then
            pass=$((pass + 1)) # the sonarqube format is not built here
            return
        fi
        bad "$file: not read: $(head -c 300 "$work/err")"
        return
    fi
    got=$(totals <"$work/out")
    set -- $want
    wl=$1 wf=$2 wb=$3 ws=$4
    set -- $got
    gl=${1:-?} gs=${2:-?} gf=${3:-?} gb=${4:-?}
    ok=1
    for pair in "lines $wl $gl" "functions $wf $gf" "branches $wb $gb" \
        "statements $ws $gs"; do
        set -- $pair
        [ "$2" = "*" ] || [ "$2" = "$3" ] ||
            { bad "$file: $1 $3, expected $2"; ok=0; }
    done
    case $fmt in lcov | cobertura | gcov-json) ;; *) [ $ok = 0 ] ||
        pass=$((pass + 1)); return ;;
    esac
    # the branches survive Cobertura (a line with branches and no line
    # record is written with them)
    if "$BIN/covconv" -q --to cobertura "$X/$file" -o "$work/o.xml" 2>"$work/err" &&
        "$BIN/covconv" -q --to summary "$work/o.xml" >"$work/out2" 2>>"$work/err"; then
        set -- $(totals <"$work/out2")
        [ "${4:-?}" = "$gb" ] ||
            { bad "$file: --to cobertura has branches ${4:-?}, not $gb"; ok=0; }
    else
        bad "$file: --to cobertura failed: $(head -c 300 "$work/err")"
        ok=0
    fi
    [ $ok = 0 ] || pass=$((pass + 1))
}

# FILE refused: exit 1, the message names it and holds MSG.
check_refused() {
    file=$1 msg=$2
    "$BIN/covconv" -q --to summary "$X/$file" >/dev/null 2>"$work/err"
    rc=$?
    if [ $rc != 1 ]; then
        bad "$file: exit $rc, expected 1 (refused)"
    elif ! grep -qF "$X/$file" "$work/err" || ! grep -qF -- "$msg" "$work/err"; then
        bad "$file: the message lacks the file or \"$msg\": $(cat "$work/err")"
    else
        pass=$((pass + 1))
    fi
}

tab=$(printf '\t')
grep -v '^#' "$list" | cut -f1 | sort >"$work/listed"
(cd "$X" && find . -type f ! -name README.md | sed 's|^\./||' | sort) \
    >"$work/present"
for f in $(comm -13 "$work/listed" "$work/present"); do
    bad "$f: not in testdata/external.tsv (decide its outcome)"
done
for f in $(comm -23 "$work/listed" "$work/present"); do
    bad "$f: listed but not in the folder"
done
while IFS="$tab" read -r file fmt outcome lines funcs brs stmts msg note; do
    case $file in '#'* | '') continue ;; esac
    [ -f "$X/$file" ] || continue
    case $outcome in
    read) check_read "$file" "$fmt" "$lines $funcs $brs $stmts" ;;
    refused) check_refused "$file" "$msg" ;;
    *) bad "$file: unknown outcome '$outcome'" ;;
    esac
done <"$list"
echo "external: $pass passed, $fail failed"
[ $fail = 0 ]
