#!/bin/sh
# interop.sh - covmerge against the real Go tools on the real corpus profiles.
#
# For every mode pair (unit set/count/atomic x system set/count/atomic):
#  1. covmerge UNIT SYSTEM gives, for every (file, range), the statements and
#     count of golang.org/x/tools/cover's merge of the plain concatenation
#     (built from Debian's golang-golang-x-tools-dev; counts compared as 0/1
#     where DESIGN.md's mode policy makes the result set mode);
#  2. `go tool cover -func` prints the same table for both;
#  3. `covconv --to func UNIT SYSTEM` prints that table too (Go sources:
#     the Go tree, --source-root $GOROOT/src).
# Then covconv --to func against a live `go tool cover -func` on every
# corpus profile, on a profile of the edges of every function of the Go
# tree, and on the multi-module tree testdata/gomod (whose committed golden
# it also checks).
# The corpus profiles are testdata/corpus's; the checks of the bigger
# unit-all.count.out.gz run only when ../shared/corpus is there (skipped and
# counted otherwise). Needs Go 1.23 (golang-1.23-go); skipped without it,
# except under CI=true, where a missing tool fails.
set -u
. "$(dirname "$0")/lib.sh"
C=$C/go
XT=/usr/share/gocode/src/golang.org/x/tools/cover
needs interop "$GO and $XT" \
    sh -c '[ -x "$1" ] && [ -d "$2" ]' - "$GO" "$XT"
scratch go
(cd "$top/tests/xtools" && GOPATH=/usr/share/gocode GO111MODULE=off \
    "$GO" build -o "$work/xtools_merge" .) || { echo "interop: cannot build xtools_merge"; exit 1; }
GOROOT_SRC=$("$GO" env GOROOT)/src

pass=0 fail=0
check() { # name, then a command that succeeds when the check holds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

# x/tools output normalised to covkit's mode: set mode compares hit/not hit.
normalise() { # mode file
    awk -v m="$1" 'NR == 1 { print "mode: " m; next }
        m == "set" { n = split($0, f, " "); $NF = (f[n] > 0) ? 1 : 0 } { print }' "$2"
}

func_table() { (cd "$GOROOT_SRC" && "$GO" tool cover -func="$1") }
covkit_func() { "$BIN/covconv" -q --to func --source-root "$GOROOT_SRC" "$@"; }

for u in set count atomic; do
    for s in S.set A.count T.atomic; do
        U=$C/unit/unit.$u.out S=$C/system/system.$s.out
        cat "$U" >"$work/cat.out"
        tail -n +2 "$S" >>"$work/cat.out"
        "$BIN/covmerge" -q "$U" "$S" -o "$work/merged.out" || { fail=$((fail + 1)); continue; }
        "$work/xtools_merge" "$work/cat.out" >"$work/xt.out"
        mode=$(head -n 1 "$work/merged.out" | cut -d' ' -f2)
        normalise "$mode" "$work/xt.out" >"$work/xt.norm"
        check "unit.$u + system.$s: blocks equal x/tools" cmp -s "$work/xt.norm" "$work/merged.out"
        func_table "$work/merged.out" >"$work/f1" 2>&1
        func_table "$work/cat.out" >"$work/f2" 2>&1
        check "unit.$u + system.$s: cover -func equal" cmp -s "$work/f1" "$work/f2"
        covkit_func "$U" "$S" >"$work/f3" 2>&1
        check "unit.$u + system.$s: covconv --to func equals cover -func" \
            cmp -s "$work/f3" "$work/f2"
    done
done

# three inputs (unit + two system runs), gzip input, and the corpus -func reference
"$BIN/covmerge" "$C/unit/unit.count.out" "$C/system/system.A.count.out" \
    "$C/system/system.B.count.out" -o "$work/m3.out"
{ cat "$C/unit/unit.count.out"; tail -n +2 "$C/system/system.A.count.out";
  tail -n +2 "$C/system/system.B.count.out"; } >"$work/cat3.out"
"$work/xtools_merge" "$work/cat3.out" >"$work/xt3.out"
check "unit + A + B: blocks equal x/tools" cmp -s "$work/xt3.out" "$work/m3.out"
# a text profile with a GOCOVERDIR: textfmt of the dir + x/tools merge
"$BIN/covmerge" "$C/unit/unit.count.out" "$C/covdata/A.count" -o "$work/ud.out"
{ cat "$C/unit/unit.count.out"; tail -n +2 "$C/system/system.A.count.out"; } >"$work/ud.cat"
"$work/xtools_merge" "$work/ud.cat" >"$work/xt-ud.out"
check "unit.out + covdata dir: blocks equal textfmt + x/tools" cmp -s "$work/xt-ud.out" "$work/ud.out"
# the unit run over more packages (1.8 MB of gzip) is not in testdata: read
# from the shared corpus when it is there, else 3 checks are skipped
ALL=$SHARED/go/unit/unit-all.count.out.gz skip=0
if [ -f "$ALL" ]; then
    "$BIN/covmerge" "$ALL" -o "$work/all.out"
    gunzip -c "$ALL" >"$work/all.cat"
    "$work/xtools_merge" "$work/all.cat" >"$work/xt-all.out"
    check "unit-all (gzip): blocks equal x/tools" cmp -s "$work/xt-all.out" "$work/all.out"
    func_table "$work/all.out" >"$work/fa" 2>&1
    check "unit-all: cover -func equals corpus reference" \
        cmp -s "$work/fa" "$SHARED/go/ref/cover/func.unit-all.count.txt"
else
    ALL= skip=3
fi

# covconv --to func = go tool cover -func, every corpus profile (go tool
# cover reads no gzip: it gets the plain text)
for f in "$C"/unit/*.out "$C"/system/*.out $ALL; do
    case $f in
    *.gz) gunzip -c "$f" >"$work/p.out" ;;
    *) cp "$f" "$work/p.out" ;;
    esac
    func_table "$work/p.out" >"$work/gf" 2>&1
    covkit_func "$f" >"$work/cf" 2>&1
    check "${f##*/}: covconv --to func equals cover -func" cmp -s "$work/gf" "$work/cf"
done
# every function of the Go tree (outside testdata, vendor copies and _ or
# dot directories, which are no packages go list finds): tests/gofuncs puts
# blocks just inside and just outside both ends of each function as
# go/parser sees it, so an extent one column off changes a row
(cd "$top/tests/gofuncs" && GOPROXY=off "$GO" build -o "$work/gofuncs" .) ||
    { echo "interop: cannot build gofuncs"; fail=$((fail + 1)); }
(cd "$GOROOT_SRC" && find . -name '*.go' | sed 's|^\./||' |
    grep -v -e '/testdata/' -e '^cmd/vendor/' -e '^[._]' -e '/[._]' |
    LC_ALL=C sort | "$work/gofuncs" -profile) >"$work/tree.out"
func_table "$work/tree.out" >"$work/tree.gf" 2>&1
covkit_func "$work/tree.out" >"$work/tree.cf" 2>&1
check "Go tree ($(wc -l <"$work/tree.gf") rows): covconv --to func equals cover -func" \
    cmp -s "$work/tree.gf" "$work/tree.cf"
# the multi-module tree (go.work makes go list find all four modules); the
# default --source-root is ".", whose go.mod files are found
GM=$top/testdata/gomod
(cd "$GM" && GOPATH=$work/gopath GOPROXY=off "$GO" tool cover -func=cover.out) >"$work/gm.gf" 2>&1
check "gomod: go tool cover -func equals the committed golden" \
    cmp -s "$work/gm.gf" "$GM/cover.func.txt"
(cd "$GM" && "$BIN/covconv" --to func cover.out) >"$work/gm.cf" 2>&1
check "gomod: covconv --to func equals cover -func" cmp -s "$work/gm.cf" "$work/gm.gf"

[ $skip = 0 ] || echo "interop: $skip checks skipped: they need" \
    "unit-all.count.out.gz of ../shared/corpus, not found"
echo "interop: $pass passed, $fail failed"
[ $fail = 0 ]
