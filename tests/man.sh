#!/bin/sh
# man.sh - keep the man pages honest: mandoc lint is clean, every long
# option in a tool's --help is documented in its page, every format of
# --list-formats has a section in covkit-formats.5, and every exit code in
# cmd/common.h appears in the EXIT STATUS of covmerge.1 and covconv.1.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(cd "${BIN:-$top/build}" && pwd)
M=$top/man
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "man: $*"; }

if command -v mandoc >/dev/null; then
    out=$(mandoc -Tlint -W warning "$M"/*.[135] 2>&1)
    if [ -z "$out" ]; then ok; else bad "mandoc -Tlint:"; echo "$out"; fi
else
    if [ "${CI:-}" = true ]; then bad "mandoc is not installed"; else echo "man: mandoc missing, lint skipped"; fi
fi

# roff escapes '-' as '\-': compare against the page with those undone
page_text() { sed 's/\\-/-/g' "$1"; }

for tool in covmerge covconv covrun; do
    text=$(page_text "$M/$tool.1")
    for opt in $("$BIN/$tool" --help | grep -E '^ +-' | grep -o -e '--[a-z][a-z-]*' | sort -u); do
        case "$text" in
        *"$opt"*) ok ;;
        *) bad "$tool.1 does not document $opt" ;;
        esac
    done
done

fmts=$(page_text "$M/covkit-formats.5")
for f in $("$BIN/covmerge" --list-formats | awk '{print $1}'); do
    if printf '%s\n' "$fmts" | grep -q "^\.SS $f\$"; then ok; else bad "covkit-formats.5 has no section for $f"; fi
done

codes=$(sed -n 's/^ *EXIT_[A-Z]* = \([0-9]\).*/\1/p' "$top/cmd/common.h" | grep -v 4)
for tool in covmerge covconv; do
    status=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$M/$tool.1")
    for c in $codes; do
        if printf '%s\n' "$status" | grep -q "^\.B $c\$"; then ok; else bad "$tool.1 EXIT STATUS lacks $c"; fi
    done
done

echo "man: $pass passed, $fail failed"
[ $fail = 0 ]
