#!/bin/sh
# annotate.sh - covcheck's pull-request outputs on real repositories:
#   github   two commits of a small C program (gcc --coverage, lcov
#            --capture) and of a small Go module (go test -coverprofile),
#            git diff between them: the lines that --format github
#            annotates are exactly the '+' lines of the diff (parsed
#            here) that the profile (lcov DA records; Go blocks by the
#            BLOCKS TO LINES rule of covkit-formats(5)) has and did not
#            run, both ways; runs are maximal and old uncovered lines of
#            a changed file are present and never annotated;
#   gitlab   the Code Quality report of the same change is an array of
#            issues with the keys and types of GitLab's documentation,
#            unique fingerprints (MD5 of check, path and range), the
#            same ranges as the GitHub warnings;
#   budget   a profile of 5,200 files and a diff adding uncovered lines
#            to all of them: --format markdown --max-files 0 stays within
#            65,000 bytes, every table row has its header's cells, code
#            spans and <details> are balanced, the notes' counts equal
#            the rows left out; rendered by markdown-it (GFM tables)
#            when python3-markdown-it is installed.
# Last line: "annotate: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
needs annotate "gcc, gcov, lcov, git, python3 and Go" \
    sh -c 'command -v gcc && command -v gcov && command -v lcov &&
        command -v git && command -v python3 && test -x "$1"' sh "$GO" \
    >/dev/null
scratch go
pass=0 fail=0
check() { # NAME CMD...: CMD's output is the failure, if any
    _n=$1
    shift
    if _out=$("$@" 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "annotate: FAIL $_n"
        echo "$_out" | head -20
    fi
}
git_commit() { git -c user.name=t -c user.email=t@t commit -qam "$1"; }
ORACLE=$top/tests/annotate_oracle.py

# ---- C: two commits, gcc + lcov
C1=$work/c
mkdir -p "$C1" && cd "$C1" && git init -q . || exit 1
cat >calc.c <<'EOF'
int add(int a, int b)
{
    return a + b;
}

int never(int a)
{
    if (a > 100)
        return 1;
    return 0;
}
EOF
cat >main.c <<'EOF'
int add(int a, int b);
int main(int argc, char **argv)
{
    (void)argv;
    return add(argc, 1) == 2 ? 0 : 1;
}
EOF
git add . && git_commit one || exit 1
cat >calc.c <<'EOF'
int add(int a, int b)
{
    return a + b;
}

int never(int a)
{
    if (a > 100)
        return 1;
    return 0;
}

int sub(int a, int b)
{
    if (a < 0) {
        a = -a;
        b = -b;
    }
    return a - b;
}

int unused(int a)
{
    int r = a * 2;
    r += 1;
    return r;
}
EOF
cat >main.c <<'EOF'
int add(int a, int b);
int sub(int a, int b);
int main(int argc, char **argv)
{
    (void)argv;
    if (sub(argc, 1) != 0)
        return 2;
    return add(argc, 1) == 2 ? 0 : 1;
}
EOF
git_commit two || exit 1
git diff HEAD~1 HEAD >c.diff
{ gcc --coverage -O0 -o prog calc.c main.c && ./prog &&
    lcov -q --capture -d . -o c.info; } >lcov.log 2>&1 ||
    { cat lcov.log; echo "annotate: gcc or lcov failed"; exit 1; }
"$BIN/covcheck" -q c.info --diff c.diff --format github -o c.gh
"$BIN/covcheck" -q c.info --diff c.diff --format gitlab -o c.gl
check "C: github annotations = uncovered '+' lines (lcov DA)" \
    python3 "$ORACLE" github c.diff lcov c.info c.gh
check "C: gitlab report (schema, fingerprints, ranges = github's)" \
    python3 "$ORACLE" gitlab c.diff lcov c.info c.gl c.gh
# the gate's message on stderr is the ::error line, escaped
"$BIN/covcheck" -q c.info --diff c.diff --format github \
    --fail-under-patch 99 -o g2 2>err
code=$?
check "C: failed gate: exit 4, ::error = stderr message" sh -c '
    test "$1" = 4 &&
    msg=$(sed "s/^covcheck: //; s/%/%25/g" "$2") &&
    grep -qxF "::error title=covcheck::$msg" "$3"' sh "$code" err g2

# ---- Go: two commits of a module, go test -coverprofile
G=$work/go
mkdir -p "$G/shapes" && cd "$G" && git init -q . || exit 1
printf 'module example.com/ann\n\ngo 1.23\n' >go.mod
cat >shapes/shapes.go <<'EOF'
package shapes

func Area(w, h int) int {
	if w < 0 || h < 0 {
		return 0
	}
	return w * h
}

func Unused(n int) int {
	for i := 0; i < n; i++ {
		n--
	}
	return n
}
EOF
cat >shapes/shapes_test.go <<'EOF'
package shapes

import "testing"

func TestArea(t *testing.T) {
	if Area(2, 3) != 6 {
		t.Fatal("area")
	}
}
EOF
git add . && git_commit one || exit 1
cat >>shapes/shapes.go <<'EOF'

func Perimeter(w, h int) int {
	if w < 0 || h < 0 {
		return -1
	}
	p := 2 * (w + h)
	return p
}

func Scale(w, h, k int) (int, int) {
	if k == 0 {
		panic("zero")
	}
	return w * k,
		h * k
}
EOF
sed -i 's/return 0$/return -0/' shapes/shapes.go
cat >>shapes/shapes_test.go <<'EOF'

func TestPerimeter(t *testing.T) {
	if Perimeter(1, 2) != 6 {
		t.Fatal("perimeter")
	}
}
EOF
git_commit two || exit 1
git diff HEAD~1 HEAD -- '*.go' >g.diff
"$GO" test -covermode=count -coverprofile=g.out ./... >gotest.log 2>&1 ||
    { cat gotest.log; echo "annotate: go test failed"; exit 1; }
"$BIN/covcheck" -q g.out --diff g.diff --format github -o g.gh
"$BIN/covcheck" -q g.out --diff g.diff --format gitlab -o g.gl
check "Go: github annotations = uncovered '+' lines (Go blocks)" \
    python3 "$ORACLE" github g.diff go g.out g.gh
check "Go: gitlab report (schema, fingerprints, ranges = github's)" \
    python3 "$ORACLE" gitlab g.diff go g.out g.gl g.gh

# ---- the markdown budget (rendered by markdown-it when a python3 has it)
MDPY=python3
for py in python3 /usr/bin/python3; do
    "$py" -c 'import markdown_it' 2>/dev/null && { MDPY=$py; break; }
done
[ "$MDPY" = python3 ] && ! python3 -c 'import markdown_it' 2>/dev/null &&
    echo "annotate: python3-markdown-it not installed: GFM tables checked" \
        "by the test's own parser only"
B=$work/budget
mkdir -p "$B" && cd "$B" || exit 1
python3 "$ORACLE" make-big 5200 big.info big.diff || exit 1
"$BIN/covcheck" -q big.info --diff big.diff --format markdown \
    --max-files 0 --fail-under-file 90 -o big.md 2>/dev/null
check "budget: 5,200 files, --max-files 0: <= 65,000 bytes, GFM intact" \
    "$MDPY" "$ORACLE" markdown big.md 5200 5200
# the same with --base (every file covered less before): a third list of
# 5,200 rows, the changed files, shares the budget
sed 's/^DA:\([0-9]*\),1$/DA:\1,0/' big.info >base.info
"$BIN/covcheck" -q big.info --base base.info --diff big.diff --format \
    markdown --max-files 0 --fail-under-file 90 -o bigbase.md 2>/dev/null
check "budget: --base, 5,200 changed files too: <= 65,000 bytes, GFM intact" \
    "$MDPY" "$ORACLE" markdown bigbase.md 5200 5200 - 5200
# few files, very many ranges each: the range cells are shortened
python3 "$ORACLE" make-big 3 big3.info big3.diff 20000 || exit 1
"$BIN/covcheck" -q big3.info --diff big3.diff --format markdown \
    --max-files 0 -o big3.md
check "budget: 3 files of 20,000 ranges: ranges shortened, rows kept" \
    "$MDPY" "$ORACLE" markdown big3.md 0 3 20002
# the default --max-files 10 of a small report is unchanged by the budget
"$BIN/covcheck" -q big.info --diff big.diff --format markdown \
    --fail-under-file 90 -o small.md 2>/dev/null
check "budget: --max-files 10 report: no budget note" sh -c '
    ! grep -q "comment length limit" small.md &&
    grep -qx "5190 more not shown." small.md'

echo "annotate: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
