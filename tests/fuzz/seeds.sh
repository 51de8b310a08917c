#!/bin/sh
# seeds.sh - seed inputs of one fuzz target (tests/fuzz/fuzz_read.c) from
# testdata/: good inputs and the must-fail ones of testdata/bad/FMT.
# gzip'd inputs are also given decompressed; seeds are cut to 64 KiB.
# Usage: tests/fuzz/seeds.sh FMT OUTDIR
#   FMT  a format name (go, lcov, gcov-json, cobertura, ...), covdata
#        (GOCOVERDIR pods), gcda (a .gcda and its .gcno), exclude (the
#        sources with markers of tests/exclude) or roundtrip (every text
#        format)
# A format without a line in patterns() gets testdata/FMT/* and
# testdata/bad/FMT/*.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
fmt=$1 out=$2
mkdir -p "$out"
n=0

# File name patterns (find -name) of FMT's inputs anywhere in testdata/.
patterns() {
    case $1 in
    go) echo '*.out' ;;
    lcov) echo '*.info *.info.gz' ;;
    gcov-json) echo '*.json *.json.gz' ;;
    cobertura) echo '*.xml *.xml.gz' ;;
    sonarqube) echo '*.xml *.xml.gz' ;;
    diff) echo '*.diff *.patch' ;;
    history) echo '*.jsonl' ;;
    roundtrip) echo '*.out *.info *.info.gz *.json *.json.gz *.xml *.xml.gz' ;;
    esac
}

seed() { # FILE: add it (decompressed too when gzip'd), cut to 64 KiB
    n=$((n + 1))
    head -c 65536 "$1" >"$out/seed-$n"
    case $1 in
    *.gz)
        n=$((n + 1))
        { gzip -dc "$1" 2>/dev/null || true; } | head -c 65536 >"$out/seed-$n"
        ;;
    esac
}

# covdata: for every counter file, its meta-data file's length (2 bytes,
# little-endian), the meta-data file, the counter file.
covdata_seeds() {
    for meta in "$top"/testdata/covdata/*/covmeta.* \
        "$top"/testdata/bad/covdata/*/covmeta.*; do
        [ -f "$meta" ] || continue
        dir=$(dirname "$meta")
        hash=${meta##*/covmeta.}
        len=$(wc -c <"$meta")
        [ "$len" -lt 65535 ] || continue
        for ctr in "$dir"/covcounters."$hash".*; do
            [ -f "$ctr" ] || continue
            n=$((n + 1))
            {
                printf "\\$(printf %o $((len % 256)))"
                printf "\\$(printf %o $((len / 256)))"
                cat "$meta" "$ctr"
            } >"$out/seed-$n"
        done
    done
}

# gcda: for every notes file, its data file's length (2 bytes, little-
# endian; 0xffff: none), the data file, the notes file.
gcda_seeds() {
    for notes in "$top"/testdata/gcda/*/obj/*.gcno \
        "$top"/testdata/bad/gcda/*.gcno; do
        [ -f "$notes" ] || continue
        data=${notes%.gcno}.gcda
        n=$((n + 1))
        if [ -f "$data" ]; then
            len=$(wc -c <"$data")
            [ "$len" -lt 65535 ] || continue
            {
                printf "\\$(printf %o $((len % 256)))"
                printf "\\$(printf %o $((len / 256)))"
                cat "$data" "$notes"
            } >"$out/seed-$n"
        else
            { printf '\377\377'; cat "$notes"; } >"$out/seed-$n"
        fi
    done
    for pair in "$top"/testdata/fuzz/*.pair; do # found by the fuzzer
        [ -f "$pair" ] || continue
        n=$((n + 1))
        cp "$pair" "$out/seed-$n"
    done
}

if [ "$fmt" = gcda ]; then
    gcda_seeds
elif [ "$fmt" = covdata ]; then
    covdata_seeds
elif [ "$fmt" = exclude ]; then
    for f in "$top"/tests/exclude/*.c "$top"/tests/exclude/gomod/*.go; do
        seed "$f"
    done
else
    pats=$(patterns "$fmt")
    if [ -n "$pats" ]; then
        set -f
        args=""
        for p in $pats; do args="$args -o -name $p"; done
        files=$(find "$top/testdata" -type f \( ${args# -o } \) | sort)
        set +f
    else
        files=$(find "$top/testdata/$fmt" "$top/testdata/bad/$fmt" -type f \
            ! -name '*.err' ! -name '*.exit' ! -name '*.md' 2>/dev/null | sort)
    fi
    for f in $files; do seed "$f"; done
fi
[ "$n" -gt 0 ] || { echo "seeds.sh: no seeds for $fmt" >&2; exit 1; }
echo "seeds.sh: $n seeds for $fmt in $out"
