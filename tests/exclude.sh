#!/bin/sh
# exclude.sh - exclusion markers in sources against the real tools.
#
#  1. lcov: tests/exclude/lcov_*.c, built here with gcc --coverage and run;
#     `lcov --capture` of the run (which honours LCOV_EXCL_*) against
#     covconv --to lcov of the build directory (.gcno/.gcda) and of gcc's
#     gcov JSON: the same DA, FN, FNDA and BRDA records; with lcov
#     --no-markers against --no-exclude-markers; the warnings (a STOP
#     alone, a START without STOP) name file and line.
#  2. gcovr: tests/exclude/gcovr_*.c the same way; what gcovr --json
#     leaves out with its markers and --exclude-lines-by-pattern /
#     --exclude-branches-by-pattern (against gcovr with a marker prefix
#     that matches nothing) is what covkit leaves out (against
#     --no-exclude-markers): lines, branches, functions; gcovr's warnings
#     and ours name the same lines.
#  3. Go: tests/exclude/gomod, tested here with -coverprofile; the files
#     --exclude-generated drops are those go/ast.IsGenerated calls
#     generated (tests/exclude/oracle, built here, is the oracle), also
#     with CRLF line ends; the blocks `// coverage-ignore` leaves out are
#     those go/ast's blocks marked so hold; go tool cover -func's total of
#     that profile is covconv --to func's; found through go.mod under
#     --source-root from another directory; --exclude-generated again on
#     Go's own go/constant and go/token, tested here (real code with a
#     generated file), with the toolchain's sources.
#  4. Every tool says what was excluded; --warn-excluded-hits names file,
#     line and count; a bad pattern is a usage error.
# Needs gcc, lcov, gcovr, python3 and Go; skipped without them, except
# under CI=true. Last line: "exclude: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
needs exclude "gcc, lcov, gcovr, python3 and Go" \
    sh -c 'command -v gcc && command -v gcov && command -v lcov &&
           command -v gcovr && command -v python3 && [ -x "$0" ]' \
    "$GO" >/dev/null
scratch go
pass=0 fail=0
same() { # what, expected, got
    if [ -n "$2" ] && [ "$2" = "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1"; echo "  expected: $2" |
        head -c 2000; echo; echo "  got:      $3" | head -c 2000; echo; fi
}
differ() { # what, a, b: the check can fail (the markers change something)
    if [ "$2" != "$3" ]; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: no difference"; fi
}
has() { # what, file, fixed string
    if grep -qF -- "$3" "$2"; then pass=$((pass + 1))
    else fail=$((fail + 1)); echo "FAIL: $1: no '$3' in:"; cat "$2"; fi
}
EX=$top/tests/exclude

# The records of an lcov tracefile, one a line, "file|record", sorted
# (FN, FNDA, DA, BRDA; totals and TN left out: they follow from these).
records() {
    awk '/^SF:/ { n = $0; sub(/^SF:/, "", n); sub(/.*\//, "", n); next }
        /^(FN|FNDA|DA|BRDA):/ { print n "|" $0 }' "$1" | LC_ALL=C sort
}

# ---- 1. lcov
L=$work/l
mkdir "$L"
cp "$EX/lcov_main.c" "$EX/lcov_tail.c" "$L/"
(cd "$L" && gcc --coverage -O0 -c lcov_main.c lcov_tail.c &&
    gcc --coverage -o prog lcov_main.o lcov_tail.o &&
    ./prog >/dev/null && ./prog 2 >/dev/null) ||
    { echo "exclude: cannot build and run lcov_*.c"; exit 1; }
(cd "$L" && lcov -q --capture --rc lcov_branch_coverage=1 -d . -o l.info &&
    lcov -q --capture --rc lcov_branch_coverage=1 --no-markers -d . \
        -o l0.info &&
    gcov --json-format -b lcov_main.gcda lcov_tail.gcda) >/dev/null 2>&1 ||
    { echo "exclude: lcov or gcov failed"; exit 1; }
(cd "$L" && "$BIN/covconv" --to lcov . -o c.info 2>c.err &&
    "$BIN/covconv" -q --to lcov --no-exclude-markers . -o c0.info &&
    "$BIN/covconv" -q --to lcov lcov_main.gcov.json.gz \
        lcov_tail.gcov.json.gz -o j.info &&
    "$BIN/covconv" -q --to lcov --no-exclude-markers lcov_main.gcov.json.gz \
        lcov_tail.gcov.json.gz -o j0.info) ||
    { echo "exclude: covconv failed on the lcov run"; exit 1; }
same "lcov: build directory = lcov --capture" "$(records "$L/l.info")" \
    "$(records "$L/c.info")"
same "lcov: gcov JSON = lcov --capture" "$(records "$L/l.info")" \
    "$(records "$L/j.info")"
same "lcov: --no-exclude-markers = lcov --no-markers" \
    "$(records "$L/l0.info")" "$(records "$L/c0.info")"
same "lcov: gcov JSON --no-exclude-markers = lcov --no-markers" \
    "$(records "$L/l0.info")" "$(records "$L/j0.info")"
differ "lcov: the markers exclude something" "$(records "$L/l.info")" \
    "$(records "$L/l0.info")"
stop=$(grep -n 'LCOV_EXCL_STOP: a second' "$EX/lcov_main.c" | cut -d: -f1)
start=$(grep -n 'LCOV_EXCL_START' "$EX/lcov_tail.c" | cut -d: -f1)
has "lcov: a STOP alone" "$L/c.err" \
    "warning: $L/lcov_main.c:$stop: LCOV_EXCL_STOP without LCOV_EXCL_START"
has "lcov: a START without STOP" "$L/c.err" \
    "warning: $L/lcov_tail.c:$start: LCOV_EXCL_START without LCOV_EXCL_STOP"

# ---- 2. gcovr
G=$work/g
mkdir "$G"
cp "$EX/gcovr_main.c" "$EX/gcovr_tail.c" "$G/"
(cd "$G" && gcc --coverage -O0 -c gcovr_main.c gcovr_tail.c &&
    gcc --coverage -o prog gcovr_main.o gcovr_tail.o &&
    ./prog >/dev/null && ./prog 15 >/dev/null) ||
    { echo "exclude: cannot build and run gcovr_*.c"; exit 1; }
PAT_L='.*IGNORE_LINE' PAT_B='.*IGNORE_BR'
(cd "$G" && gcovr -r . --json g.json --exclude-lines-by-pattern "$PAT_L" \
        --exclude-branches-by-pattern "$PAT_B" . 2>g.err &&
    gcovr -r . --json g0.json --exclude-pattern-prefix NO_MARKERS_HERE . &&
    "$BIN/covconv" --to lcov --exclude-lines-by-pattern "$PAT_L" \
        --exclude-branches-by-pattern "$PAT_B" . -o c.info 2>c.err &&
    "$BIN/covconv" -q --to lcov --no-exclude-markers . -o c0.info) \
    >/dev/null || { echo "exclude: gcovr or covconv failed"; exit 1; }
# What leaves between the run without markers and the run with them:
# "file|line N", "file|branches of N: counts", "file|function NAME".
gcovr_out() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
def recs(path):
    out = set()
    for f in json.load(open(path))["files"]:
        n = f["file"].split("/")[-1]
        for l in f["lines"]:
            if l["gcovr/noncode"]:
                continue
            out.add("%s|line %d" % (n, l["line_number"]))
            if l["branches"]:
                out.add("%s|branches of %d: %s" % (n, l["line_number"],
                        ",".join(str(b["count"]) for b in l["branches"])))
        for fn in f["functions"]:
            out.add("%s|function %s" % (n, fn["name"]))
    return out
for r in sorted(recs(sys.argv[1]) - recs(sys.argv[2])):
    print(r)
EOF
}
ours_out() {
    python3 - "$1" "$2" <<'EOF'
import sys
def recs(path):
    out, br, n = set(), {}, ""
    for line in open(path):
        line = line.strip()
        if line.startswith("SF:"):
            n = line[3:].split("/")[-1]
        elif line.startswith("DA:"):
            out.add("%s|line %s" % (n, line[3:].split(",")[0]))
        elif line.startswith("BRDA:"):
            l, _, _, c = line[5:].split(",")
            br.setdefault((n, int(l)), []).append("0" if c == "-" else c)
        elif line.startswith("FN:"):
            out.add("%s|function %s" % (n, line[3:].split(",", 1)[1]))
    for (n, l), cs in br.items():
        out.add("%s|branches of %d: %s" % (n, l, ",".join(cs)))
    return out
for r in sorted(recs(sys.argv[1]) - recs(sys.argv[2])):
    print(r)
EOF
}
want=$(gcovr_out "$G/g0.json" "$G/g.json")
same "gcovr: what the markers and patterns leave out" "$want" \
    "$(ours_out "$G/c0.info" "$G/c.info")"
differ "gcovr: the markers exclude something" "$want" ""
# gcovr's warnings name lines; ours name the same ones
glines=$(sed 's/started on line [0-9]*//' "$G/g.err" |
    grep -o 'on line [0-9]*' | awk '{print $3}' | sort -n | tr '\n' ' ')
clines=$(grep -o '\.c:[0-9]*:' "$G/c.err" | tr -d '.c:' | sort -n |
    tr '\n' ' ')
same "gcovr: warnings on the lines gcovr warns about" "$glines" "$clines"
stop=$(grep -n 'GCOVR_EXCL_STOP without' "$EX/gcovr_main.c" | cut -d: -f1)
has "gcovr: a STOP alone" "$G/c.err" \
    "gcovr_main.c:$stop: GCOVR_EXCL_STOP without GCOVR_EXCL_START"

# ---- 3. Go
M=$work/m
cp -r "$EX/gomod" "$M"
printf '// Code generated by hand for a test. DO NOT EDIT.\r\n\r\npackage excl\r\n\r\n// CRLF is generated.\r\nfunc CRLF() int { return 7 }\r\n' \
    >"$M/crlf.go"
(cd "$EX/oracle" && "$GO" build -o "$work/oracle" .) ||
    { echo "exclude: cannot build the oracle"; exit 1; }
(cd "$M" && "$GO" test -covermode=count -coverprofile=c.out . >/dev/null) ||
    { echo "exclude: go test failed"; exit 1; }
gen=$(cd "$M" && "$work/oracle" gen *.go | awk '$2 == "true" { print $1 }' |
    LC_ALL=C sort)
differ "go: some files are generated" "$gen" ""
# the files of c.out covkit drops (run elsewhere: sources through go.mod)
files() { grep -v '^mode:' | cut -d: -f1 | sed 's|.*/||' | LC_ALL=C sort -u; }
all=$(files <"$M/c.out")
kept=$(cd "$work" && "$BIN/covconv" --to go --exclude-generated \
    --source-root "$M" "$M/c.out" | files)
same "go: --exclude-generated drops what go/ast.IsGenerated says" "$gen" \
    "$(printf '%s\n%s\n' "$all" "$kept" | LC_ALL=C sort | uniq -u)"
want=$("$work/oracle" ignore example.com/excl "$M" "$M/c.out")
got=$(cd "$work" && "$BIN/covconv" --to go --source-root "$M" "$M/c.out" |
    grep -v '^mode:' | LC_ALL=C sort)
same "go: coverage-ignore leaves out the blocks go/ast marks" "$want" "$got"
differ "go: coverage-ignore leaves out something" "$want" \
    "$(grep -v '^mode:' "$M/c.out" | LC_ALL=C sort)"
{ echo "mode: count"; echo "$want"; } >"$work/want.out"
(cd "$M" && "$GO" tool cover -func="$work/want.out") >"$work/want.func"
(cd "$work" && "$BIN/covconv" --to func --source-root "$M" "$M/c.out") \
    >"$work/got.func"
same "go: covconv --to func total = go tool cover -func of that profile" \
    "$(tail -1 "$work/want.func")" "$(tail -1 "$work/got.func")"
has "go: a function ignored whole leaves the table" "$work/want.func" \
    "Ignored"
if grep -q 'Ignored' "$work/got.func"; then
    fail=$((fail + 1)); echo "FAIL: go: Ignored still in covconv --to func"
else pass=$((pass + 1)); fi

# The same on real code: Go's own go/constant (its stringer output,
# kind_string.go, is generated) and go/token, tested here.
GOROOT_SRC=$("$GO" env GOROOT)/src
(cd "$work" && "$GO" test -covermode=count -coverprofile=std.out \
    go/constant go/token >/dev/null) ||
    { echo "exclude: go test go/constant go/token failed"; exit 1; }
all=$(grep -v '^mode:' "$work/std.out" | cut -d: -f1 | LC_ALL=C sort -u)
gen=$(cd "$GOROOT_SRC" && "$work/oracle" gen $all |
    awk '$2 == "true" { print $1 }' | LC_ALL=C sort)
kept=$(cd "$work" && "$BIN/covconv" -q --to go --exclude-generated \
    --source-root "$GOROOT_SRC" std.out | files)
same "Go tree: --exclude-generated drops what go/ast.IsGenerated says" \
    "$gen" "$(printf '%s\n%s\n' "$(files <"$work/std.out")" "$kept" |
        LC_ALL=C sort | uniq -u)"

# ---- 4. what every tool says
(cd "$L" && "$BIN/covcheck" . >"$work/check.txt" 2>/dev/null) || true
dl=$(( $(grep -c '^DA:' "$L/c0.info") - $(grep -c '^DA:' "$L/c.info") ))
has "covcheck says how many lines were excluded" "$work/check.txt" \
    "excluded     $dl lines"
(cd "$L" && "$BIN/covconv" -q --to summary . >"$work/sum.txt")
has "the summary says it" "$work/sum.txt" "Excluded in sources: $dl lines"
(cd "$L" && "$BIN/covmerge" --to lcov --warn-excluded-hits . \
    >/dev/null 2>"$work/hits.err")
hit=$(grep -n 'LCOV_EXCL_LINE (hit)' "$EX/lcov_main.c" | cut -d: -f1)
n=$(awk -F'[:,]' -v l="$hit" '$1 == "DA" && $2 == l { print $3 }' \
    "$L/l0.info")
has "--warn-excluded-hits: file, line, count (lcov --no-markers')" \
    "$work/hits.err" "warning: $L/lcov_main.c:$hit: excluded code was hit $n times"
(cd "$L" && "$BIN/covconv" --to lcov --exclude-lines-by-pattern '(' . \
    >/dev/null 2>"$work/bad.err")
same "a bad pattern is a usage error" 2 "$?"
has "a bad pattern is named" "$work/bad.err" \
    "bad --exclude-lines-by-pattern regex '('"

echo "exclude: $pass passed, $fail failed"
[ $fail = 0 ]
