#!/bin/sh
# html.sh - time the HTML report on a generated tree of N Go files (default
# 10000) of 300 lines with sources, 60 blocks each (unit + system suites).
#
#   bench/html.sh [N]        BIN (default build), DATA (default $BIN/html-data)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$top/build}
N=${1:-10000}
DATA=${DATA:-$BIN/html-data}
mkdir -p "$DATA"
if [ ! -f "$DATA/unit.$N.out" ]; then
    echo "html: generating $N files under $DATA/src"
    awk -v n="$N" -v data="$DATA" 'BEGIN {
        u = data "/unit." n ".out"; s = data "/system." n ".out"
        print "mode: count" > u; print "mode: count" > s
        for (f = 0; f < n; f++) {
            dir = sprintf("example.com/app/pkg%03d", int(f / 100))
            path = sprintf("%s/file%05d.go", dir, f)
            if (f % 100 == 0) system("mkdir -p " data "/src/" dir)
            src = data "/src/" path
            print "package pkg\n" > src
            for (fn = 0; fn < 20; fn++) {
                l = 3 + fn * 15
                printf "func F%d(a int) int {\n\tx := a * 2\n\tif x > 10 {\n" \
                    "\t\tx -= 3\n\t\treturn x\n\t}\n\tfor i := 0; i < a; i++ {\n" \
                    "\t\tx += i // <tag> & \"quote\"\n\t}\n\treturn x\n}\n\n\n\n\n", fn > src
                printf "%s:%d.22,%d.12 2 %d\n", path, l, l + 2, (f + fn) % 3 ? 7 : 0 > u
                printf "%s:%d.12,%d.3 2 %d\n", path, l + 2, l + 5, (f * fn) % 4 == 1 > u
                printf "%s:%d.2,%d.3 1 %d\n", path, l + 6, l + 8, (f + fn) % 5 ? 0 : 2 > s
            }
            close(src)
        }
    }'
fi
rm -rf "$DATA/report"
start=$(date +%s%N)
/usr/bin/env time -f "html: peak RSS %M KiB" "$BIN/covconv" -q --to html \
    --source-root "$DATA/src" -l unit="$DATA/unit.$N.out" \
    -l system="$DATA/system.$N.out" "$DATA/unit.$N.out" \
    "$DATA/system.$N.out" -o "$DATA/report"
end=$(date +%s%N)
echo "html: $N pages in $(( (end - start) / 1000000 )) ms," \
    "$(du -sh "$DATA/report" | cut -f1) on disk"
