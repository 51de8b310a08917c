#!/bin/sh
# build.sh - remake the notes and data files of testdata/gcda (origin).
# Each compiler's build is made in /src/gcda-demo/COMPILER (a neutral path:
# gcc records the working directory in its notes), from the sources here,
# objects in obj/, then run: ./a, ./a x, ./b (never.c is compiled, not
# linked: notes without data). Needs root for /src.
# Usage: sh testdata/gcda/build.sh   (from the repository's top)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=/src/gcda-demo
rm -rf "$top" && mkdir -p "$top"
cp "$here"/a.cpp "$here"/b.c "$here"/h.h "$here"/never.c "$top"/
for cc in gcc-11 gcc-12 clang-14 clang-19; do
    case $cc in
    gcc-*) cxx=g++-${cc#gcc-} ;;
    clang-*) cxx=clang++-${cc#clang-} ;;
    esac
    mkdir -p "$top/$cc/obj"
    (
        cd "$top/$cc"
        $cxx --coverage -O0 -c ../a.cpp -o obj/a.o
        $cxx --coverage obj/a.o -o a
        $cc --coverage -O0 -c ../b.c -o obj/b.o
        $cc --coverage obj/b.o -o b
        $cc --coverage -O0 -c ../never.c -o obj/never.o
        ./a >/dev/null
        ./a x >/dev/null
        ./b >/dev/null
    )
    rm -rf "${here:?}/$cc"
    mkdir -p "$here/$cc/obj"
    cp "$top/$cc"/obj/*.gcno "$top/$cc"/obj/*.gcda "$here/$cc/obj/"
done
