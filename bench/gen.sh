#!/bin/sh
# gen.sh - big Go coverprofiles and reference checks for bench/run.py.
#
#   gen.sh coverpkg N PROFILE   what 'go test ./... -coverpkg=./...' writes
#                               for N test binaries: one mode line, then
#                               every distinct block of PROFILE once per
#                               binary, in PROFILE's first-seen order; the
#                               count of copy k is the (k mod n)-th count
#                               PROFILE holds for that block (n = how many
#                               times the block occurs in PROFILE)
#   gen.sh distinct N PROFILE   exactly N distinct blocks: copy k of
#                               PROFILE's blocks with every path prefixed
#                               'pkgK/' (PROFILE must hold no duplicates)
#   gen.sh many N PROFILE DIR   N profiles DIR/NNNNN.out of PROFILE's first
#                               200 blocks, the count of block b in
#                               input k being (count + k * b) mod 97, and
#                               k for the first block, so that no two
#                               inputs are the same (covmerge warns)
#   gen.sh refmerge PROFILE     reference merge of one count/atomic
#                               profile (sum per block, sorted with
#                               LC_ALL=C sort) to check covmerge against
#   gen.sh lcovproj K TRACEFILE K copies of TRACEFILE's source files, as
#                               one tracefile of a project K times as big:
#                               copy k's paths are prefixed /projK
#   gen.sh shards N A B DIR     N tracefiles DIR/NNN.info, copies of A and
#                               B alternating (the shards of one CI run)
#   gen.sh covdir N SRC DIR     a GOCOVERDIR DIR: SRC's meta-data files and
#                               copies of its counter files renamed as
#                               other processes' (a new PID per copy), at
#                               least N counter files in all: what N test
#                               binaries writing into one -test.gocoverdir
#                               leave
#   gen.sh order PROFILE        exit 0 when PROFILE is in DESIGN.md's
#                               output order: paths bytewise, then blocks
#                               by (start, end), no block twice
#   gen.sh lcovnorm TRACEFILE   the line and function hits of an lcov
#                               tracefile, one "FILE DA LINE HITS" or
#                               "FILE FNDA HITS NAME" per line, sorted, to
#                               compare two tools' tracefiles
#   gen.sh cobnorm XML          the line hits of a Cobertura file (gzip or
#                               not), one "FILENAME LINE HITS" per line,
#                               sorted
#   gen.sh htmlhits DIR         the line hits an HTML report shows (covkit's
#                               or genhtml's), one "DIR/FILE LINE HITS" per
#                               line (the last two components of the
#                               source's path), sorted
#
# Output goes to stdout. Nothing here is covkit code: it is an independent
# awk implementation so the checks in run.py compare two programs.
set -eu
LC_ALL=C
export LC_ALL

usage() {
    echo "usage: gen.sh coverpkg N PROFILE | distinct N PROFILE |" \
        "lcovproj K TRACEFILE | many N PROFILE DIR |" \
        "shards N A B DIR | covdir N SRC DIR |" \
        "refmerge PROFILE | order PROFILE | lcovnorm TRACEFILE |" \
    "cobnorm XML | htmlhits DIR" >&2
    exit 2
}

[ $# -ge 2 ] || usage
case $1 in
coverpkg)
    [ $# -eq 3 ] || usage
    awk -v N="$2" '
        NR == 1 { print; next }
        {
            if (!($1 in n)) { order[++nb] = $1; st[$1] = $2; n[$1] = 0 }
            c[$1, n[$1]++] = $3
        }
        END {
            for (k = 0; k < N; k++)
                for (i = 1; i <= nb; i++) {
                    b = order[i]
                    print b, st[b], c[b, k % n[b]]
                }
        }' "$3"
    ;;
distinct)
    [ $# -eq 3 ] || usage
    awk -v N="$2" '
        NR == 1 { print; next }
        { line[++nb] = $0 }
        END {
            for (k = 0; left < N; k++)
                for (i = 1; i <= nb && left < N; i++) {
                    print "pkg" k "/" line[i]
                    left++
                }
        }' "$3"
    ;;
lcovproj)
    [ $# -eq 3 ] || usage
    awk -v K="$2" '
        { rec[++n] = $0 }
        END {
            for (k = 0; k < K; k++)
                for (i = 1; i <= n; i++) {
                    l = rec[i]
                    if (substr(l, 1, 3) == "SF:")
                        l = "SF:/proj" k substr(l, 4)
                    print l
                }
        }' "$3"
    ;;
many)
    [ $# -eq 4 ] || usage
    awk -v N="$2" -v dir="$4" '
        NR == 1 { mode = $0; next }
        nb < 200 { b[++nb] = $1 " " $2; c[nb] = $3 }
        END {
            for (k = 0; k < N; k++) {
                f = sprintf("%s/%05d.out", dir, k)
                print mode > f
                for (i = 1; i <= nb; i++)
                    print b[i], (i == 1 ? k : (c[i] + k * i) % 97) > f
                close(f)
            }
        }' "$3"
    ;;
shards)
    [ $# -eq 5 ] || usage
    mkdir -p "$5"
    i=0
    while [ "$i" -lt "$2" ]; do
        if [ $((i % 2)) = 0 ]; then f=$3; else f=$4; fi
        cp "$f" "$5/$(printf %03d "$i").info"
        i=$((i + 1))
    done
    ;;
covdir)
    [ $# -eq 4 ] || usage
    mkdir -p "$4"
    cp "$3"/covmeta.* "$4"
    n=0 k=0
    while [ "$n" -lt "$2" ]; do
        for f in "$3"/covcounters.*; do
            f=${f##*/}
            # covcounters.HASH.PID.TIME: a new PID per copy
            cp "$3/$f" "$4/${f%.*.*}.$((900000 + k)).${f##*.}"
            n=$((n + 1))
        done
        k=$((k + 1))
    done
    ;;
refmerge)
    [ $# -eq 2 ] || usage
    awk '
        NR == 1 { print; next }
        { st[$1] = $2; sum[$1] += $3 }
        END { for (b in sum) printf "%s %s %.0f\n", b, st[b], sum[b] }
    ' "$2" | { IFS= read -r mode; echo "$mode"; sort; }
    ;;
order)
    [ $# -eq 2 ] || usage
    awk '
        function key(s, a) {    # "SL.SC,EL.EC" -> fixed-width sort key
            split(s, a, /[.,]/)
            return sprintf("%010d%010d%010d%010d", a[1], a[2], a[3], a[4])
        }
        NR == 1 { next }
        {
            c = index($1, ":")
            f = substr($1, 1, c - 1)
            k = key(substr($1, c + 1))
            if (NR > 2 && (f < pf || (f == pf && k <= pk))) {
                printf "line %d out of order: %s\n", NR, $0 > "/dev/stderr"
                exit 1
            }
            pf = f; pk = k
        }' "$2"
    ;;
lcovnorm)
    [ $# -eq 2 ] || usage
    awk '
        /^SF:/ { f = substr($0, 4) }
        /^DA:/ { split(substr($0, 4), a, ","); print f, "DA", a[1], a[2] }
        /^FNDA:/ { c = index($0, ","); print f, "FNDA", substr($0, 6, c - 6),
                                             substr($0, c + 1) }
    ' "$2" | sort
    ;;
cobnorm)
    [ $# -eq 2 ] || usage
    # one record per element: some writers put the whole file on one line
    gzip -cdf "$2" | awk '
        BEGIN { RS = "<" }
        function attr(name) {
            if (!match($0, " " name "=\"[^\"]*\""))
                return ""
            return substr($0, RSTART + length(name) + 3,
                          RLENGTH - length(name) - 4)
        }
        /^class / { f = attr("filename") }
        /^line / { print f, attr("number"), attr("hits") }
    ' | sort
    ;;
htmlhits)
    [ $# -eq 2 ] || usage
    # covkit: f/*.html, the path in <h1>, rows '<tr id="LN" class="c|m|p"
    # ...><td class="n">N</td><td class="h">HITS<'; genhtml:
    # DIR/FILE.gcov.html, rows '<span class="lineNum"> N </span><span
    # class="lineCov|lineNoCov"> HITS : '
    find "$2" -name '*.html' ! -name 'index.html' ! -name 'index-sort-*' \
            ! -name '*.func*.html' | while read -r page; do
        awk -v page="$page" '
            function tail2(p,   n, a) {
                n = split(p, a, "/")
                return n > 1 ? a[n - 1] "/" a[n] : a[n]
            }
            BEGIN { f = page; sub(/\.gcov\.html$/, "", f); f = tail2(f) }
            /<h1>/ && page !~ /\.gcov\.html$/ {
                p = $0; sub(/.*<h1>/, "", p); sub(/<\/h1>.*/, "", p)
                f = tail2(p)
            }
            /<tr id="L[0-9]+" class="[cmp]"/ {
                n = $0; sub(/^<tr id="L/, "", n); sub(/".*/, "", n)
                h = $0; sub(/.*<td class="h">/, "", h); sub(/<.*/, "", h)
                print f, n, h
            }
            /class="lineNum"/ && /class="line(No)?Cov"/ {
                n = $0; sub(/.*class="lineNum"> */, "", n); sub(/ .*/, "", n)
                h = $0; sub(/.*class="line(No)?Cov"> */, "", h)
                sub(/ .*/, "", h)
                print f, n, h
            }' "$page"
    done | sort
    ;;
*) usage ;;
esac
