#!/bin/sh
# sonarqube.sh - SonarQube generic coverage against the real tools.
#
# On tests/sonarqube/prog.c, built here with gcc --coverage and run:
#  1. gcovr --sonarqube of the run is detected and read with gcovr's own
#     totals (--print-summary): lines, covered lines, branches, covered;
#  2. gcovr's Cobertura report of the same run, converted by covconv, is
#     gcovr's SonarQube report element for element;
#  3. covconv's SonarQube from lcov --capture (branch coverage) and from
#     gcc's gcov JSON of the run read back with the lines and branches of
#     lcov --summary;
#  and every SonarQube file (gcovr's and covkit's) is valid against
#  testdata/sonarqube/generic-coverage.xsd (xmllint --schema).
# On the corpus (testdata/corpus): the same for jq and zlib: gcovr
# --sonarqube of every gcovr JSON there (zlib's run A) against gcovr
# --print-summary and against covconv of gcovr's Cobertura, and every
# lcov tracefile -> sonarqube -> read back against lcov --summary.
# Needs gcc, gcovr, lcov and xmllint; skipped without them, except under
# CI=true. Last line: "sonarqube: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
XSD=$top/testdata/sonarqube/generic-coverage.xsd
needs sonarqube "gcc, gcovr, lcov and xmllint" \
    sh -c 'command -v gcc && command -v gcov && command -v gcovr &&
           command -v lcov && command -v xmllint' >/dev/null
scratch
pass=0 fail=0
same() { # what, expected, got
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: expected '$2', got '$3'"; fi
}
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
valid() { xmllint --noout --nonet --schema "$XSD" "$1" 2>"$work/xl.err" ||
    { cat "$work/xl.err"; return 1; }; }

# "lines covered/total branches covered/total" of covconv's summary of $1
ours() {
    "$BIN/covconv" -q --to summary --format markdown "$1" |
        awk -F'|' '/^\| \*\*Total/ {
                print "lines " cnt($3) " branches " cnt($6) }
            function cnt(c) { if (!match(c, /\([0-9]+\/[0-9]+\)/)) return "0/0"
                return substr(c, RSTART + 1, RLENGTH - 2) }'
}
# the same from gcovr's --print-summary lines on stdin
gcovr_totals() {
    awk '$1 == "lines:" { l = $3 "/" $6 } $1 == "branches:" { b = $3 "/" $6 }
        END { gsub(/\(/, "", l); gsub(/\(/, "", b); gsub(/\)/, "", l)
              gsub(/\)/, "", b); print "lines " l " branches " b }'
}
# the same from lcov --summary of tracefile $1
lcov_totals() {
    lcov --summary --rc lcov_branch_coverage=1 "$1" 2>&1 | awk '
        $1 ~ /^lines\./ { l = $3 "/" $5 } $1 ~ /^branches\./ { b = $3 "/" $5 }
        $1 ~ /^branches\./ && $2 == "no" { b = "0/0" }
        END { gsub(/\(/, "", l); gsub(/\(/, "", b)
              print "lines " l " branches " b }'
}
# the elements of a SonarQube file, one a line, without layout
elements() { tr '<' '\n' <"$1" | sed -n 's|^\(file [^>]*[^/]\)/*>.*|\1|p
    s|^\(lineToCover [^>]*[^/]\)/*>.*|\1|p'; }

# ---- a program built and run here
P=$work/prog
mkdir "$P"
cp "$top/tests/sonarqube/prog.c" "$P/"
(cd "$P" && gcc --coverage -O0 -o prog prog.c && ./prog 3 -4 12 7 >/dev/null &&
    ./prog 0 >/dev/null) ||
    { echo "sonarqube: cannot build and run prog.c"; exit 1; }
(cd "$P" && gcovr -r . --sonarqube g.xml --cobertura g.cob.xml -s >g.sum &&
    lcov -q --capture --rc lcov_branch_coverage=1 -d . -o l.info &&
    gcov --json-format -b prog.gcda) >/dev/null 2>&1 ||
    { echo "sonarqube: gcovr, lcov or gcov failed on prog"; exit 1; }
check "prog: gcovr's report is schema-valid" valid "$P/g.xml"
same "prog: gcovr --sonarqube read" "$(gcovr_totals <"$P/g.sum")" \
    "$(ours "$P/g.xml")"
"$BIN/covconv" --to sonarqube "$P/g.cob.xml" -o "$P/c.xml"
check "prog: covkit's from gcovr's Cobertura is schema-valid" valid "$P/c.xml"
same "prog: from gcovr's Cobertura = gcovr --sonarqube" \
    "$(elements "$P/g.xml")" "$(elements "$P/c.xml")"
want=$(lcov_totals "$P/l.info")
for in in l.info prog.gcov.json.gz; do
    "$BIN/covconv" -q --to sonarqube "$P/$in" -o "$P/s.xml"
    check "prog: $in -> sonarqube is schema-valid" valid "$P/s.xml"
    same "prog: $in -> sonarqube -> read vs lcov --summary" "$want" \
        "$(ours "$P/s.xml")"
done

# ---- the corpus (testdata/corpus)
for proj in jq zlib; do
    for j in "$C/c/$proj"/gcovr/*.gcovr.json.gz; do
        [ -f "$j" ] || continue
        n=$proj/$(basename "$j" .gcovr.json.gz)
        gzip -dc "$j" >"$work/g.json"
        (cd "$work" && gcovr -a g.json --sonarqube g.xml \
            --cobertura g.cob.xml -s >g.sum) 2>/dev/null ||
            { fail=$((fail + 1)); echo "FAIL: $n: gcovr"; continue; }
        check "$n: gcovr's report is schema-valid" valid "$work/g.xml"
        same "$n: gcovr --sonarqube read" "$(gcovr_totals <"$work/g.sum")" \
            "$(ours "$work/g.xml")"
        "$BIN/covconv" --to sonarqube "$work/g.cob.xml" -o "$work/c.xml"
        same "$n: from gcovr's Cobertura = gcovr --sonarqube" \
            "$(elements "$work/g.xml")" "$(elements "$work/c.xml")"
    done
    for f in "$C/c/$proj"/lcov/*.info "$C/c/$proj"/lcov/*.info.gz; do
        [ -f "$f" ] || continue
        n=$proj/$(basename "$f")
        "$BIN/covconv" -q --to sonarqube "$f" -o "$work/s.xml" ||
            { fail=$((fail + 1)); echo "FAIL: $n: covconv"; continue; }
        check "$n: -> sonarqube is schema-valid" valid "$work/s.xml"
        same "$n: -> sonarqube -> read vs lcov --summary" \
            "$(lcov_totals "$f")" "$(ours "$work/s.xml")"
    done
done

echo "sonarqube: $pass passed, $fail failed"
[ $fail = 0 ]
