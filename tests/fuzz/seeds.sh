#!/bin/sh
# seeds.sh - seed inputs of fuzz_covdata from the real pods in
# testdata/covdata: for every counter file, its meta-data file's length
# (2 bytes, little-endian), the meta-data file, the counter file.
# Usage: tests/fuzz/seeds.sh OUTDIR
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
mkdir -p "$out"
n=0
for meta in "$top"/testdata/covdata/*/covmeta.*; do
    dir=$(dirname "$meta")
    hash=${meta##*/covmeta.}
    len=$(wc -c <"$meta")
    for ctr in "$dir"/covcounters."$hash".*; do
        n=$((n + 1))
        {
            printf "\\$(printf %o $((len % 256)))"
            printf "\\$(printf %o $((len / 256)))"
            cat "$meta" "$ctr"
        } >"$out/seed-$n"
    done
done
echo "seeds.sh: $n seeds in $out"
