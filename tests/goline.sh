#!/bin/sh
# goline.sh - a real goyacc program through covkit, against the Go tools.
#
# tests/goyacc is a small module whose parser goyacc writes at test time,
# as a project does. parser.go is full of //line directives, so Go reports
# its coverage in the pseudo-files calc.y and yaccpar: ranges that end
# before they start, one range with two statement counts, overlapping
# blocks, and two functions' units at one range. The suite builds goyacc
# (Debian's golang-golang-x-tools-dev), generates the parser, writes unit
# profiles in the three modes (go test -coverpkg) and a GOCOVERDIR of
# `go build -cover` runs, and checks:
#  1. every profile and the GOCOVERDIR are read, without a warning, and
#     they hold those shapes (else this test would test nothing);
#  2. covconv --to percent of the GOCOVERDIR is go tool covdata percent,
#     byte for byte;
#  3. covconv --to func of it is go tool covdata func, byte for byte:
#     covdata orders two functions' units at one range as a map iterates,
#     so its table changes from run to run, and covkit's must be one of
#     them (covdata is run until it prints covkit's, at most 64 times);
#  4. covconv --to go of it holds exactly the (file, range, statements)
#     lines of covdata textfmt, each count the sum of textfmt's (which
#     prints such a range once per function);
#     the lcov lines of the GOCOVERDIR are those of that Go text;
#  5. covcheck's statement totals are those of every textfmt line;
#  6. covconv --to go of each unit profile holds exactly the profile's
#     (file, range, statements), counts combined by its mode;
#  7. covmerge of each unit profile with the GOCOVERDIR succeeds, and its
#     output read back gives the same bytes;
#  8. lcov --summary reads covkit's lcov of a merge without a warning and
#     counts the lines covcheck counts; the Cobertura output is valid
#     against coverage-04.dtd; the HTML report is written;
#  9. a unit profile of other sources (one statement count changed, one
#     block moved into another) with the GOCOVERDIR is refused.
# Needs Go 1.23, goyacc's source, lcov and xmllint; skipped without them,
# except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
YACC=/usr/share/gocode/src/golang.org/x/tools/cmd/goyacc
needs goline "$GO, $YACC, lcov and xmllint" sh -c \
    '[ -x "$1" ] && [ -d "$2" ] && command -v lcov && command -v xmllint' \
    - "$GO" "$YACC" >/dev/null
scratch go
export GOPROXY=off
P=$work/p
cp -R "$top/tests/goyacc" "$P"
(cd "$work" && GOPATH=/usr/share/gocode GO111MODULE=off \
    "$GO" build -o goyacc golang.org/x/tools/cmd/goyacc) &&
    (cd "$P/calc" && "$work/goyacc" -o parser.go -v /dev/null calc.y) ||
    { echo "goline: cannot build goyacc or generate the parser"; exit 1; }
for m in set count atomic; do
    (cd "$P" && "$GO" test -covermode=$m -coverpkg=./... \
        -coverprofile="$work/unit.$m.out" ./... >/dev/null) ||
        { echo "goline: go test -covermode=$m failed"; exit 1; }
done
(cd "$P" && "$GO" build -cover -covermode=count -coverpkg=./... \
    -o "$work/calc" ./cmd/calc) || { echo "goline: go build -cover failed"; exit 1; }
mkdir "$work/e2e"
calc() { GOCOVERDIR=$work/e2e "$work/calc" "$@" >/dev/null 2>&1; }
calc '1+2*3' '(4-1)*-2'
calc '7/7' '8/0' # exits 1 at 8/0; the coverage is written all the same
calc -- '-(2-9)' '12/4/3'
E=$work/e2e
"$GO" tool covdata textfmt -i="$E" -o "$work/textfmt.out"

pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

# Go text lines as "file sl sc el ec stmts count" (header dropped).
fields() {
    n='\([0-9]*\)'
    sed -n "s/^\(.*\):$n\.$n,$n\.$n $n $n\$/\1 \2 \3 \4 \5 \6 \7/p" "$1"
}
# The lines of a Go text profile combined by (file, range, statements):
# set ORs, count and atomic add (what x/tools does, by range alone).
combined() {
    mode=$(head -n 1 "$1" | cut -d' ' -f2)
    fields "$1" | awk -v m="$mode" '{
        k = $1 ":" $2 "." $3 "," $4 "." $5 " " $6
        if (m == "set") { if ($7 > 0) c[k] = 1; else if (!(k in c)) c[k] = 0 }
        else c[k] += $7
    } END { for (k in c) print k, c[k] }' | LC_ALL=C sort
}
body() { tail -n +2 "$1" | LC_ALL=C sort; }
# "inverted N multi N overlap N ties N": blocks that end before they start,
# ranges with several statement counts, overlapping non-identical ranges
# (blocks with an extent), and (range, statements) printed more than once.
shapes() {
    fields "$1" | LC_ALL=C sort -k1,1 -k2,2n -k3,3n -k4,4n -k5,5n | awk '
    { k = $1 " " $2 " " $3 " " $4 " " $5
      if ($4 < $2 || ($4 == $2 && $5 < $3)) inv++
      if ((k, $6) in seen) ties++; seen[k, $6] = 1
      if (k in st && st[k] != $6) multi++; st[k] = $6
      if ($4 < $2 || ($4 == $2 && $5 < $3) || ($3 == 0 && $5 == 0 && $2 == $4)) next
      if ($1 == file && k != last && ($2 < el || ($2 == el && $3 < ec))) over++
      if ($1 != file || $4 > el || ($4 == el && $5 > ec)) { el = $4; ec = $5 }
      file = $1; last = k }
    END { printf "inverted %d multi %d overlap %d ties %d\n", inv, multi, over, ties }'
}
has_shapes() { # FILE, then the names of the shapes it must have
    s=$(shapes "$1"); shift
    for w in "$@"; do
        echo "$s" | grep -q "$w [1-9]" || { echo "goline: no $w in: $s"; return 1; }
    done
}
quiet() { # a command must succeed and print nothing on stderr
    "$@" 2>"$work/stderr" && [ ! -s "$work/stderr" ] || { cat "$work/stderr"; return 1; }
}

# 1. read, and the shapes are there
for f in unit.set.out unit.count.out unit.atomic.out e2e; do
    check "$f: read without a warning" quiet "$BIN/covmerge" "$work/$f" -o "$work/r.out"
done
check "unit.count.out: holds //line shapes" \
    has_shapes "$work/unit.count.out" inverted multi overlap
check "textfmt: holds //line shapes and two functions' units at one range" \
    has_shapes "$work/textfmt.out" inverted multi overlap ties

# 2. percent
"$GO" tool covdata percent -i="$E" >"$work/go.pct"
"$BIN/covconv" --to percent "$E" >"$work/ck.pct"
check "GOCOVERDIR: --to percent equals covdata percent" cmp -s "$work/ck.pct" "$work/go.pct"

# 3. func (one of covdata's tables)
"$BIN/covconv" --to func "$E" >"$work/ck.func"
func_seen() {
    i=0
    while [ $i -lt 64 ]; do
        "$GO" tool covdata func -i="$E" >"$work/go.func" || return 1
        cmp -s "$work/ck.func" "$work/go.func" && return 0
        i=$((i + 1))
    done
    diff "$work/go.func" "$work/ck.func"
    return 1
}
check "GOCOVERDIR: --to func equals covdata func" func_seen

# 4. Go text of the GOCOVERDIR
"$BIN/covconv" --to go "$E" -o "$work/e2e.out"
combined "$work/textfmt.out" >"$work/tf.comb"
body "$work/e2e.out" >"$work/e2e.body"
check "GOCOVERDIR: --to go holds textfmt's lines, counts summed" \
    cmp -s "$work/e2e.body" "$work/tf.comb"
check "GOCOVERDIR: --to go has the mode of textfmt" \
    test "$(head -n 1 "$work/e2e.out")" = "$(head -n 1 "$work/textfmt.out")"

# the line view of the GOCOVERDIR is that of its Go text
lines_of() { "$BIN/covconv" -q --to lcov "$@" | grep -E '^(SF|DA|BRDA):'; }
lines_of "$E" >"$work/e2e.lines"
lines_of --from go "$work/e2e.out" >"$work/e2e-text.lines"
check "GOCOVERDIR: lcov lines equal those of its Go text" \
    cmp -s "$work/e2e.lines" "$work/e2e-text.lines"

# 5. statement totals: every unit, as covdata counts them
want=$(fields "$work/textfmt.out" |
    awk '{ t += $6; if ($7 > 0) c += $6 } END { print c " of " t }')
got=$("$BIN/covcheck" "$E" | sed -n 's/^ *statements .* \([0-9]* of [0-9]*\)$/\1/p')
check "GOCOVERDIR: covcheck statements $got = textfmt's $want" test "$got" = "$want"

# 6, 7. unit profiles alone, and merged with the GOCOVERDIR
for m in set count atomic; do
    U=$work/unit.$m.out
    "$BIN/covconv" --to go "$U" -o "$work/u.out"
    combined "$U" >"$work/u.comb"
    body "$work/u.out" >"$work/u.body"
    check "unit.$m: --to go holds the profile's lines, combined" \
        cmp -s "$work/u.body" "$work/u.comb"
    check "unit.$m + GOCOVERDIR: merged" \
        "$BIN/covmerge" -q "$U" "$E" -o "$work/m.$m.out"
    "$BIN/covmerge" "$work/m.$m.out" -o "$work/m2.out"
    check "unit.$m + GOCOVERDIR: read back, the same bytes" \
        cmp -s "$work/m.$m.out" "$work/m2.out"
done

# 8. line formats
M=$work/m.count.out
"$BIN/covconv" --to lcov "$M" -o "$work/m.info"
lcov --summary "$work/m.info" >"$work/lcov.sum" 2>&1
lines=$(sed -n 's/^ *lines\.*: [0-9.]*% (\([0-9]* of [0-9]*\) lines)$/\1/p' "$work/lcov.sum")
# (goyacc's yaccpar and yacctab are no files: lcov leaves them out, with a
# warning, and totals keep them)
want=$("$BIN/covcheck" -q --exclude '/yacc(par|tab)$' "$M" | sed -n 's/^ *lines .* \([0-9]* of [0-9]*\)$/\1/p')
check "lcov --summary of the merge: no warning" sh -c '! grep -qi warning "$1"' - "$work/lcov.sum"
check "lcov --summary lines ($lines) = covcheck's ($want)" test -n "$lines" -a "$lines" = "$want"
"$BIN/covconv" --to cobertura "$M" -o "$work/m.xml"
valid_xml() { # (the DOCTYPE's own URL is not fetched: a warning only)
    xmllint --noout --nonet --dtdvalid "$top/testdata/cobertura/coverage-04.dtd" \
        "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err"; return 1; }
}
check "Cobertura of the merge: valid against coverage-04.dtd" valid_xml "$work/m.xml"
check "HTML of the merge: written" \
    quiet "$BIN/covconv" -q --to html "$M" -o "$work/html"

# 9. other sources: a statement count changed, a block moved inside another
awk '/ 2 [0-9]*$/ && !done && /yaccpar/ { sub(/ 2 /, " 3 "); done = 1 } { print }' \
    "$work/unit.count.out" >"$work/other.out"
check "unit profile with one statement count changed + GOCOVERDIR: refused" \
    sh -c '"$1/covmerge" "$2" "$3" -o "$4" 2>"$5"; [ $? = 1 ] &&
        grep -q "statements here but .* the inputs were built from different sources" "$5"' \
    - "$BIN" "$E" "$work/other.out" "$work/x.out" "$work/stderr"
awk 'NR == 2 { split($0, a, ":"); f = a[1] } { print }
    END { print f ":1000000.1,1000002.1 1 0"; print f ":1000001.1,1000003.1 1 0" }' \
    "$work/unit.count.out" >"$work/ov1.out"
awk 'NR == 2 { split($0, a, ":"); f = a[1] } { print }
    END { print f ":1000001.5,1000001.9 1 0" }' "$work/unit.count.out" >"$work/ov2.out"
check "a block overlapping another input's: refused" \
    sh -c '"$1/covmerge" "$2" "$3" -o "$4" 2>"$5"; [ $? = 1 ] && grep -q "overlaps" "$5"' \
    - "$BIN" "$work/ov1.out" "$work/ov2.out" "$work/x.out" "$work/stderr"
check "the same overlap inside one input: kept" \
    "$BIN/covmerge" -q "$work/ov1.out" "$work/ov1.out" -o "$work/x.out"

echo "goline: $pass passed, $fail failed"
[ $fail = 0 ]
