#!/bin/sh
# goview.sh - Go data in line outputs, against the real Go tools: functions
# and repository paths (prof_profile_go_view).
#
# On tests/goview (a module with T.M, *T.M and generic methods, two types
# with one method name, a function literal and an empty function), built
# and run here: unit profiles in three modes with -coverpkg, a GOCOVERDIR
# from `go build -cover` runs, and the two merged. For each:
#  1. covcheck's function total (found, hit) equals the rows of
#     `go tool cover -func` on covmerge's Go output, and the rows above
#     0.0%; lcov --summary of the lcov output says the same;
#  2. every lcov FN of the GOCOVERDIR names the function `go tool covdata
#     func` names on that line;
#  3. the lcov output, with paths relative to the module root, goes through
#     genhtml run from there without a warning, and the Cobertura output is
#     valid against coverage-04.dtd with every filename found under its
#     <source>; run from elsewhere with --source-root, both are the same;
#     the SonarQube output has lcov's paths.
# Then one module path in two go.mod files (a copy below the root; two
# sibling copies): a warning names both, the choice is the documented one,
# and --to func equals go tool cover -func run in the chosen copy. On the
# corpus (testdata/corpus): the same function totals on the Go tree's
# packages.
set -u
. "$(dirname "$0")/lib.sh"
DTD=$top/testdata/cobertura/coverage-04.dtd
needs goview "$GO, lcov, genhtml and xmllint" \
    sh -c '[ -x "$1" ] && command -v lcov && command -v genhtml &&
           command -v xmllint' - "$GO" >/dev/null
scratch go

pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

M=$work/m
cp -R "$top/tests/goview" "$M"
(cd "$M" && for m in set count atomic; do
    "$GO" test -covermode=$m -coverpkg=./... -coverprofile="$work/unit.$m.out" \
        ./... >/dev/null || exit 1
done && "$GO" build -cover -covermode=count -o "$work/shapes" ./cmd/shapes) ||
    { echo "goview: cannot build tests/goview"; exit 1; }
mkdir "$work/e2e"
for args in "s2 c3" "c-1" "x1"; do
    GOCOVERDIR=$work/e2e "$work/shapes" $args >/dev/null 2>&1
done

# "found hit" of go tool cover -func's rows for the Go profile $1
go_funcs() {
    (cd "$M" && "$GO" tool cover -func="$1") |
        awk '!/^total/ { n++; if ($NF != "0.0%") h++ } END { print n + 0, h + 0 }'
}
# "found hit" of covcheck's functions line
covcheck_funcs() {
    (cd "$M" && "$BIN/covcheck" -q "$@") |
        awk '$1 == "functions" { print $5, $3 }'
}
lcov_funcs() {
    lcov --summary "$1" 2>&1 |
        sed -n 's/.*functions\.*: [0-9.]*% (\([0-9]*\) of \([0-9]*\).*/\2 \1/p'
}

for set in "unit.set.out" "unit.count.out" "unit.atomic.out" "e2e" \
           "unit.count.out e2e" "unit.set.out e2e"; do
    ins=$(for i in $set; do printf '%s ' "$work/$i"; done)
    # shellcheck disable=SC2086
    "$BIN/covmerge" -q $ins -o "$work/merged.out"
    want=$(go_funcs "$work/merged.out")
    # shellcheck disable=SC2086
    got=$(covcheck_funcs $ins)
    check "$set: covcheck functions ($got) equal cover -func rows ($want)" \
        test "$got" = "$want"
    # shellcheck disable=SC2086
    (cd "$M" && "$BIN/covconv" -q --to lcov $ins -o "$work/m.info")
    check "$set: lcov --summary functions equal cover -func rows" \
        test "$(lcov_funcs "$work/m.info")" = "$want"
done

# the GOCOVERDIR's FN names are go tool covdata func's
"$GO" tool covdata func -i="$work/e2e" |
    awk '!/^total/ { sub(/:$/, "", $1); n = split($1, a, ":");
                     print a[n], $2 }' | sort >"$work/covdata.names"
(cd "$M" && "$BIN/covconv" -q --to lcov "$work/e2e") |
    sed -n 's/^FN:\([0-9]*\),\(.*\)/\1 \2/p' | sort >"$work/lcov.names"
check "GOCOVERDIR: lcov FN names equal go tool covdata func's" \
    cmp -s "$work/covdata.names" "$work/lcov.names"

# repository paths: genhtml from the module root, Cobertura under <source>
(cd "$M" && "$BIN/covconv" --to lcov "$work/unit.count.out" "$work/e2e" \
    -o "$work/all.info" 2>"$work/conv.err")
check "lcov of text + GOCOVERDIR: no warning with the sources at hand" \
    test ! -s "$work/conv.err"
check "lcov SF paths are relative to the module root" \
    test "$(grep '^SF:' "$work/all.info" | sort | tr '\n' ' ')" = \
         "SF:cmd/shapes/main.go SF:shapes/shapes.go "
(cd "$M" && genhtml -q "$work/all.info" -o "$work/gh" >"$work/gh.log" 2>&1)
check "genhtml from the module root: exit 0, no warning" \
    sh -c '[ $? = 0 ] && ! grep -qi -e warning -e error "$1"' - "$work/gh.log"
(cd "$M" && "$BIN/covconv" -q --to cobertura "$work/unit.count.out" "$work/e2e" \
    -o "$work/all.xml")
check "Cobertura of text + GOCOVERDIR is valid against coverage-04.dtd" \
    xmllint --noout --nonet --dtdvalid "$DTD" "$work/all.xml" 2>"$work/xl.err"
src=$(sed -n 's|.*<source>\(.*\)</source>.*|\1|p' "$work/all.xml")
missing=0
for f in $(grep -o 'filename="[^"]*"' "$work/all.xml" | cut -d'"' -f2); do
    [ -f "$src/$f" ] || missing=$((missing + 1))
done
check "Cobertura: <source> is the module root, every filename is under it" \
    test "$src" = "$(cd "$M" && pwd)" -a "$missing" = 0
"$BIN/covconv" -q --to lcov --source-root "$M" "$work/unit.count.out" \
    "$work/e2e" -o "$work/else.info"
check "lcov from elsewhere with --source-root equals lcov from the root" \
    cmp -s "$work/all.info" "$work/else.info"
SOURCE_DATE_EPOCH=1 "$BIN/covconv" -q --to cobertura --source-root "$M" \
    "$work/unit.count.out" "$work/e2e" | grep -v timestamp >"$work/else.xml"
(cd "$M" && SOURCE_DATE_EPOCH=1 "$BIN/covconv" -q --to cobertura \
    "$work/unit.count.out" "$work/e2e") | grep -v timestamp >"$work/root.xml"
check "Cobertura from elsewhere with --source-root equals it from the root" \
    cmp -s "$work/root.xml" "$work/else.xml"
(cd "$M" && "$BIN/covconv" --to sonarqube "$work/unit.count.out" "$work/e2e" \
    -o "$work/sonar.xml" 2>"$work/sonar.err")
check "SonarQube: the paths genhtml found, no warning (no function is read)" \
    test "$(grep -o '<file path="[^"]*"' "$work/sonar.xml" | cut -d'"' -f2 |
            sed 's/^/SF:/' | tr '\n' ' ')" = \
         "$(grep '^SF:' "$work/all.info" | tr '\n' ' ')" -a ! -s "$work/sonar.err"

# one module path, two go.mod files: a stale copy below the root, then two
# sibling copies; the copies differ (one function fewer) so a wrong choice
# changes the table
stale() { # dir: a copy of the module without function unused
    cp -R "$M" "$1"
    sed -i '/^func unused/,$d' "$1/shapes/shapes.go"
}
T=$work/t1
cp -R "$M" "$T"
stale "$T/old"
"$BIN/covconv" --to func --source-root "$T" "$work/unit.count.out" \
    >"$work/t1.cf" 2>"$work/t1.err"
(cd "$T" && "$GO" tool cover -func="$work/unit.count.out") >"$work/t1.gf"
check "copy below the root: --to func equals cover -func in the root" \
    cmp -s "$work/t1.cf" "$work/t1.gf"
check "copy below the root: one warning naming both go.mod files" \
    sh -c '[ "$(grep -c "is declared by both $1/go.mod and $1/old/go.mod: using $1/go.mod" "$2")" = 1 ] &&
           [ "$(wc -l <"$2")" = 1 ]' - "$T" "$work/t1.err"
T=$work/t2
mkdir "$T"
cp -R "$M" "$T/a"
stale "$T/b"
"$BIN/covconv" --to func --source-root "$T" "$work/unit.count.out" \
    >"$work/t2.cf" 2>"$work/t2.err"
check "sibling copies: the first in byte order (a/) is used" \
    cmp -s "$work/t2.cf" "$work/t1.gf"
check "sibling copies: the warning names both" \
    grep -q "declared by both $T/a/go.mod and $T/b/go.mod" "$work/t2.err"
mv "$T/a" "$T/c"
"$BIN/covconv" -q --to func --source-root "$T" "$work/unit.count.out" \
    >"$work/t3.cf"
(cd "$T/b" && "$GO" tool cover -func="$work/unit.count.out") >"$work/t3.gf"
check "sibling copies renamed: b/ is now first, and used" \
    cmp -s "$work/t3.cf" "$work/t3.gf"

# a module without go.mod: one warning per module, paths kept
printf 'mode: set\nother.org/x/y/p/a.go:1.1,1.5 1 1\nother.org/x/y/q/b.go:1.1,1.5 1 0\n' \
    >"$work/other.out"
(cd "$M" && "$BIN/covconv" --to lcov "$work/other.out" 2>"$work/o.err") |
    grep '^SF:' >"$work/o.sf"
check "unknown module: import paths kept" \
    test "$(tr '\n' ' ' <"$work/o.sf")" = "SF:other.org/x/y/p/a.go SF:other.org/x/y/q/b.go "
check "unknown module: one warning naming it" \
    sh -c 'grep -c "module of other.org/x/y (1 module)" "$1" | grep -qx 1' - "$work/o.err"

# the Go tree's packages (testdata/corpus): function totals of text, GOCOVERDIR
# and mixed inputs equal go tool cover -func's rows
CG=$C/go
G=$("$GO" env GOROOT)/src
for set in "unit/unit.set.out" "covdata/A.count" \
           "covdata/S.set covdata/T.atomic" \
           "unit/unit.count.out covdata/A.count"; do
    ins=$(for i in $set; do printf '%s ' "$CG/$i"; done)
    # shellcheck disable=SC2086
    "$BIN/covmerge" -q $ins -o "$work/c.out"
    want=$( (cd "$G" && "$GO" tool cover -func="$work/c.out") |
        awk '!/^total/ { n++; if ($NF != "0.0%") h++ } END { print n + 0, h + 0 }')
    # shellcheck disable=SC2086
    got=$("$BIN/covcheck" -q --source-root "$G" $ins |
        awk '$1 == "functions" { print $5, $3 }')
    check "corpus $set: functions ($got) equal cover -func ($want)" \
        test "$got" = "$want"
done

echo "goview: $pass passed, $fail failed"
[ $fail = 0 ]
