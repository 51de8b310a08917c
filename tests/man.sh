#!/bin/sh
# man.sh - keep the man pages honest. Fails unless:
#   lint     `mandoc -Tlint -W warning` is silent for every man/*.[135]
#            (mandoc is a test dependency: scripts/install-deps.sh);
#   options  every long option of `$BIN/TOOL --help` is an item of the
#            OPTIONS section of man/TOOL.1, and every long option an item
#            there names exists in --help (covmerge, covconv, covrun,
#            covcheck);
#   formats  every name of `covmerge --list-formats` has a ".SS NAME"
#            subsection under FORMATS in man/covkit-formats.5, and every
#            subsection there is a listed format; covconv.1's --to item
#            names every writable format;
#   exit     every code of the EXIT_* enum in cmd/common.h is an item of
#            the EXIT STATUS section of covmerge.1, covconv.1 and
#            covcheck.1;
#   example  the EXAMPLE program of libprof.3 compiles warning-free
#            against $BIN/libprof.a and merges testdata/sample exactly as
#            covmerge does;
#   api      every function declared in libprof/prof.h has a prototype
#            "NAME(" in the SYNOPSIS of libprof.3 and is described as
#            "NAME()" in the rest of the page, and the SYNOPSIS declares
#            no function prof.h lacks;
#   readme   README.md's Tests section names every tests/*.sh the
#            Makefile's test target runs, first mentioned in that order,
#            and its Layout block names every .c and .h file of cmd/,
#            libprof/ and formats/ under the entry of its directory, and
#            no entry twice.
# Pages are compared as mandoc renders them, so roff escapes do not matter.
# BIN is the build directory (default build). Last line:
# "man: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
M=$top/man
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "man: $*"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bs=$(printf '\b')

# render PAGE: plain text, overstrike (bold, underline) removed
render() { mandoc -Tascii "$1" | sed "s/.$bs//g"; }
# section NAME: the lines of one section of rendered text on stdin
section() { awk -v s="$1" '$0 == s { f = 1; next } /^[A-Z]/ { f = 0 } f'; }
# the long options named by the item tags (7-space indent) on stdin
tag_options() {
    grep -E '^       -' | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

if ! command -v mandoc >/dev/null; then
    echo "man: mandoc is not installed (scripts/install-deps.sh)"
    echo "man: 0 passed, 1 failed"
    exit 1
fi

# ---- lint
for p in "$M"/*.[135]; do
    out=$(mandoc -Tlint -W warning "$p" 2>&1)
    if [ -z "$out" ]; then ok; else bad "mandoc -Tlint:"; echo "$out"; fi
done

# ---- options, both ways
for tool in covmerge covconv covrun covcheck; do
    page=$M/$tool.1
    [ -x "$BIN/$tool" ] || { bad "$BIN/$tool is missing"; continue; }
    [ -f "$page" ] || { bad "$tool has no man page"; continue; }
    "$BIN/$tool" --help | grep -E '^ +-' | grep -oE -- '--[a-z][a-z-]*' |
        sort -u >"$work/help"
    render "$page" | section OPTIONS | tag_options >"$work/page"
    [ -s "$work/help" ] || bad "$tool --help lists no options"
    for opt in $(cat "$work/help"); do
        if grep -qx -- "$opt" "$work/page"; then ok
        else bad "$tool.1 OPTIONS has no item for $opt"; fi
    done
    for opt in $(cat "$work/page"); do
        if grep -qx -- "$opt" "$work/help"; then ok
        else bad "$tool.1 documents $opt, which $tool --help does not list"; fi
    done
done

# ---- formats, both ways
"$BIN/covmerge" --list-formats | awk '{ print $1 }' | sort >"$work/fmts"
sed -n '/^\.SH FORMATS/,/^\.SH /s/^\.SS  *"\{0,1\}\([^" ]*\).*/\1/p' \
    "$M/covkit-formats.5" | sort >"$work/sections"
[ -s "$work/fmts" ] || bad "covmerge --list-formats lists nothing"
for f in $(cat "$work/fmts"); do
    if grep -qx -- "$f" "$work/sections"; then ok
    else bad "covkit-formats.5 FORMATS has no subsection '.SS $f'"; fi
done
for f in $(cat "$work/sections"); do
    if grep -qx -- "$f" "$work/fmts"; then ok
    else bad "covkit-formats.5 describes '$f', which --list-formats lacks"; fi
done

# every writable format is named in covconv.1's --to item
render "$M/covconv.1" | section OPTIONS |
    awk '/^       -/ { f = /--to / } f' >"$work/to"
for f in $("$BIN/covmerge" --list-formats | awk '$2 ~ /w/ { print $1 }'); do
    if grep -qw -- "$f" "$work/to"; then ok
    else bad "covconv.1 --to does not name the writable format $f"; fi
done

# ---- exit codes
codes=$(sed -n 's/^ *EXIT_[A-Z_]* *= *\([0-9][0-9]*\).*/\1/p' \
    "$top/cmd/common.h")
[ -n "$codes" ] || bad "no EXIT_* codes found in cmd/common.h"
for tool in covmerge covconv covcheck; do
    render "$M/$tool.1" | section "EXIT STATUS" >"$work/status"
    for c in $codes; do
        if grep -qE "^       $c( |\$)" "$work/status"; then ok
        else bad "$tool.1 EXIT STATUS has no item for $c"; fi
    done
done

# ---- the libprof.3 example
sed -n '/^\.SH EXAMPLE/,/^\.SH /p' "$M/libprof.3" |
    awk '/^\.nf/ { n++; f = (n == 1); next } /^\.fi/ { f = 0 } f' |
    sed -e 's/\\e/\\/g' -e 's/\\-/-/g' -e 's/\\&//g' >"$work/example.c"
libs=$(pkg-config --libs zlib libpcre2-8 2>/dev/null)
san=
nm "$BIN/libprof.a" 2>/dev/null | grep -q __asan_ &&
    san=-fsanitize=address,undefined # built by make asan
S=$top/testdata/sample
if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror $san -I"$top/libprof" \
        -o "$work/example" "$work/example.c" "$BIN/libprof.a" $libs \
        -lpthread 2>"$work/cc.err"; then
    bad "the libprof.3 EXAMPLE does not compile:"; head -20 "$work/cc.err"
elif ! "$work/example" "$S/unit.out" "$S/system.out" "$work/ex.out" \
        >/dev/null; then
    bad "the libprof.3 EXAMPLE failed on testdata/sample"
elif ! "$BIN/covmerge" -q "$S/unit.out" "$S/system.out" -o "$work/cm.out" ||
        ! cmp -s "$work/ex.out" "$work/cm.out"; then
    bad "the libprof.3 EXAMPLE output differs from covmerge's"
else
    ok
fi

# ---- api: prof.h against libprof.3
# prototypes FILE: the name of every function a C header declares, one a
# line: comments and preprocessor lines out, split into declarations at
# ; { and }, typedefs left out, "TYPE NAME(" kept (struct members that
# are function pointers, "T (*NAME)(", are not NAME( and do not count)
prototypes() {
    awk '
    { src = src $0 "\n" }
    END {
        out = ""
        while ((i = index(src, "/*")) > 0) {
            out = out substr(src, 1, i - 1) " "
            src = substr(src, i + 2)
            j = index(src, "*/")
            src = j ? substr(src, j + 2) : ""
        }
        n = split(out src, ln, "\n")
        src = ""
        for (k = 1; k <= n; k++) {
            if (cont || ln[k] ~ /^[ \t]*#/) {
                cont = ln[k] ~ /\\$/
                continue
            }
            sub(/\/\/.*/, "", ln[k])
            src = src " " ln[k]
        }
        gsub(/[ \t]+/, " ", src)
        n = split(src, st, /[;{}]/)
        for (k = 1; k <= n; k++) {
            s = st[k]
            sub(/^ /, "", s)
            if (s ~ /^(typedef|extern) /)
                continue
            if (match(s, /^[A-Za-z_][A-Za-z0-9_ *]*[ *][A-Za-z_][A-Za-z0-9_]* ?\(/)) {
                s = substr(s, 1, RLENGTH - 1)
                sub(/ $/, "", s)
                sub(/.*[ *]/, "", s)
                print s
            }
        }
    }' "$1" | sort -u
}
prototypes "$top/libprof/prof.h" >"$work/api"
render "$M/libprof.3" >"$work/lib.txt"
section SYNOPSIS <"$work/lib.txt" >"$work/synopsis"
awk '$0 == "SYNOPSIS" { f = 1; next } /^[A-Z]/ { f = 0 } !f' \
    "$work/lib.txt" >"$work/libtext"
n=$(wc -l <"$work/api")
[ "$n" -ge 50 ] || bad "only $n functions found in libprof/prof.h"
for f in $(cat "$work/api"); do
    if grep -q -- "[ *]$f(" "$work/synopsis"; then ok
    else bad "libprof.3 SYNOPSIS has no prototype of $f (libprof/prof.h)"; fi
    if grep -q -- "$f()" "$work/libtext"; then ok
    else bad "libprof.3 does not describe $f() (libprof/prof.h)"; fi
done
for f in $(grep -oE '[ *]prof_[a-z0-9_]+\(' "$work/synopsis" |
        tr -d ' *(' | sort -u); do
    if grep -qx -- "$f" "$work/api"; then ok
    else bad "libprof.3 SYNOPSIS declares $f, which libprof/prof.h lacks"; fi
done

# ---- readme: Tests and Layout
R=$top/README.md
# the scripts `make test` runs, in order
awk '/^test:/ { f = 1; next } f && !/^\t/ { f = 0 } f' "$top/Makefile" |
    grep -oE 'tests/[a-z_]+\.sh' >"$work/run"
[ -s "$work/run" ] || bad "no tests/*.sh found in the Makefile's test target"
awk '/^## / { f = ($0 == "## Tests") } f' "$R" >"$work/rtests"
grep -oE 'tests/[a-z_]+\.sh' "$work/rtests" | awk '!seen[$0]++' >"$work/named"
for t in $(cat "$work/run"); do
    if grep -qx -- "$t" "$work/named"; then ok
    else bad "README.md Tests does not name $t (run by make test)"; fi
done
grep -xFf "$work/run" "$work/named" >"$work/order"
if cmp -s "$work/run" "$work/order"; then ok
else bad "README.md Tests names make test's scripts in another order:" \
    $(cat "$work/order"); fi
# the Layout code block: "DIR<TAB>text" for each line, DIR the entry (an
# unindented line) it belongs to
awk '/^## / { f = ($0 == "## Layout") } f && /^```/ { b = !b; next }
     f && b && /^[^ ]/ { d = $1 } f && b { print d "\t" $0 }' "$R" \
    >"$work/layout"
[ -s "$work/layout" ] || bad "README.md has no Layout block"
for path in "$top"/cmd/*.[ch] "$top"/libprof/*.[ch] "$top"/formats/*.[ch]; do
    d=${path%/*}; d=${d##*/}/ f=${path##*/}
    if awk -F '\t' -v d="$d" '$1 == d' "$work/layout" | cut -f2- |
            grep -qwF -- "$f"; then ok
    else bad "README.md Layout does not name $d$f under $d"; fi
done
dups=$(cut -f2- "$work/layout" | grep -E '^[^ ]' | awk '{ print $1 }' |
    sort | uniq -d)
if [ -z "$dups" ]; then ok; else bad "README.md Layout lists twice:" $dups; fi

echo "man: $pass passed, $fail failed"
[ $fail = 0 ]
