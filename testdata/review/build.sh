#!/bin/sh
# build.sh - makes one of the review fixtures: a two-commit git repository
# and the coverage of each commit, built and run here.
#   build.sh go DIR   DIR/repo from go/base plus go/head.patch; go test
#                     profiles DIR/{base,head}.{set,count}.out and
#                     `go tool cover -func` of the set ones, DIR/{base,head}.func
#   build.sh c DIR    DIR/repo from c/base plus c/head.patch; lcov
#                     tracefiles DIR/{base,head}.info (SF paths relative to
#                     the repository; both commits built in DIR/repo)
# Both: tags base and head, DIR/diff.patch = `git diff base head`. Needs
# git; go: GO (default go on PATH), GOCACHE and GOPATH set by the caller
# or put in DIR; c: gcc, lcov 1.16. Exits 1 saying which step failed.
set -eu
kind=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
R=$out/repo
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
    GIT_AUTHOR_NAME=covkit GIT_AUTHOR_EMAIL=covkit@example.invalid \
    GIT_COMMITTER_NAME=covkit GIT_COMMITTER_EMAIL=covkit@example.invalid
die() { echo "build.sh: $kind: $*" >&2; exit 1; }
commit() { # message, date
    git -C "$R" add -A && GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 \
        git -C "$R" commit -q -m "$1" || die "git commit '$1' failed"
}
mkdir -p "$R"
cp -R "$here/$kind/base/." "$R/"
git -C "$R" init -q -b main || die "git init failed"
commit base 2024-01-01T00:00:00Z
git -C "$R" tag base
git -C "$R" apply "$here/$kind/head.patch" || die "head.patch does not apply"
commit head 2024-01-02T00:00:00Z
git -C "$R" tag head
git -C "$R" diff base head >"$out/diff.patch"

go_side() { # commit
    for m in set count; do
        (cd "$R" && GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off \
            "${GO:-go}" test -covermode=$m -coverprofile="$out/$1.$m.out" \
            ./... >/dev/null) || die "go test -covermode=$m at $1 failed"
    done
    (cd "$R" && GOFLAGS=-mod=mod GOTOOLCHAIN=local GOPROXY=off \
        "${GO:-go}" tool cover -func="$out/$1.set.out" >"$out/$1.func") ||
        die "go tool cover -func at $1 failed"
}
c_side() { # commit
    (cd "$R" && rm -f ./*.gcda ./*.gcno prog &&
        gcc --coverage -O0 -o prog ./*.c && ./prog >/dev/null) ||
        die "gcc or the program at $1 failed"
    lcov -q --capture -d "$R" --rc lcov_branch_coverage=1 \
        -o "$out/$1.raw.info" >/dev/null 2>&1 || die "lcov --capture at $1 failed"
    sed "s|^SF:$R/|SF:|" "$out/$1.raw.info" >"$out/$1.info"
    rm -f "$out/$1.raw.info" "$R"/*.gcda "$R"/*.gcno "$R/prog"
}
for side in base head; do
    git -C "$R" checkout -q "$side" || die "git checkout $side failed"
    "${kind}_side" "$side"
done
