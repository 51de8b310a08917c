#!/bin/sh
# coveralls.sh - `--to coveralls` against the Coveralls API's job layout and
# the line data, on testdata and its corpus (testdata/corpus):
#   - jq -e: every documented key has its documented type (strings, a
#     boolean, arrays of null or integers, quadruples of integers), no
#     unknown key, names unique and relative;
#   - the coverage arrays are the DA records of `covconv --to lcov` line by
#     line, and the branches its BRDA records ('-' as 0); for real lcov
#     tracefiles (corpus C runs, testdata) also the tracefile's own DA and
#     BRDA records summed per file and line, as lcov -a sums them;
#   - source_digest is coreutils' md5sum of the source, and the array is as
#     long as the source (awk's line count) when found, else it ends at the
#     last line with data.
# Go inputs use the sources of testdata/gomod and of Go's GOROOT; without
# Go 1.23 those parts are skipped with a message (failed under CI=true). Last line: "coveralls: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
needs coveralls "jq and md5sum" \
    sh -c 'command -v jq >/dev/null && command -v md5sum >/dev/null'
scratch
pass=0 fail=0
ok() { pass=$((pass + 1)); [ -n "${DEBUG:-}" ] && echo "ok: $1"; :; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# The job's documented keys and types.
SCHEMA='
def str: type == "string";
def uint: type == "number" and . >= 0 and . == floor;
(keys - ["repo_token", "service_name", "service_number", "service_job_id",
  "service_job_number", "service_pull_request", "flag_name", "commit_sha",
  "run_at", "parallel", "git", "source_files"] == []) and
([to_entries[] | select(.key != "parallel" and .key != "git" and
  .key != "source_files") | .value | str] | all) and
(if has("parallel") then .parallel == true else true end) and
(if has("git") then (.git | keys - ["branch", "head"] == [] and
  (if has("branch") then .branch | str else true end) and
  (if has("head") then (.head | (.id | str) and
    ([.[] | str] | all)) else true end)) else true end) and
(.source_files | type == "array") and
([.source_files[] | (keys - ["name", "source_digest", "coverage",
    "branches"] == []) and (.name | str) and (.name[0:1] != "/") and
  (if has("source_digest") then .source_digest | test("^[0-9a-f]{32}$")
   else true end) and
  (.coverage | type == "array" and length > 0 and
    ([.[] | . == null or uint] | all)) and
  (if has("branches") then .branches | type == "array" and
    length > 0 and length % 4 == 0 and ([.[] | uint] | all)
   else true end)] | all) and
([.source_files[].name] | length == (unique | length))'

# "name line hits" of the coverage arrays, and "name line block branch
# hits" of the branches, sorted.
json_da() {
    jq -r '.source_files[] | .name as $n | .coverage | to_entries[] |
        select(.value != null) | "\($n) \(.key + 1) \(.value)"' "$1" | sort
}
json_brda() {
    jq -r '.source_files[] | .name as $n | (.branches // []) as $b |
        range(0; $b | length; 4) as $i |
        "\($n) \($b[$i]) \($b[$i + 1]) \($b[$i + 2]) \($b[$i + 3])"' "$1" |
        sort
}
# The same from an lcov tracefile: records summed per key (lcov -a), SF
# names made relative to directory $2 as the writer makes them.
lcov_da() {
    gzip -cdf "$1" | awk -v root="$2/" '
        /^SF:/ { sf = substr($0, 4); sub(/^\.\//, "", sf)
                 if (index(sf, root) == 1) sf = substr(sf, length(root) + 1) }
        /^DA:/ { split(substr($0, 4), a, ","); k = sf " " a[1]; s[k] += a[2] }
        END { for (k in s) printf "%s %.0f\n", k, s[k] }' | sort
}
lcov_brda() {
    gzip -cdf "$1" | awk -v root="$2/" '
        /^SF:/ { sf = substr($0, 4); sub(/^\.\//, "", sf)
                 if (index(sf, root) == 1) sf = substr(sf, length(root) + 1) }
        /^BRDA:/ { split(substr($0, 6), a, ",")
                   k = sf " " a[1] " " a[2] " " a[3]
                   s[k] += (a[4] == "-" ? 0 : a[4]) }
        END { for (k in s) printf "%s %.0f\n", k, s[k] }' | sort
}

# Digests and lengths: "ok" per file, or what differs. $2: where names are
# relative to.
sources() {
    jq -r '.source_files[] | [.name, (.source_digest // "-"),
        (.coverage | length), ([.coverage | to_entries[] |
        select(.value != null) | .key + 1] | max // 0),
        ((.branches // [0]) | [.[range(0; length; 4)]] | max)] | @tsv' "$1" |
    while IFS="	" read -r name digest len last blast; do
        [ "$blast" -gt "$last" ] && last=$blast
        if [ "$digest" = - ]; then
            [ "$len" = "$last" ] || echo "$name: $len entries, last line $last"
            continue
        fi
        f=$2/$name
        want=$(md5sum <"$f" | cut -d' ' -f1)
        [ "$digest" = "$want" ] || echo "$name: digest $digest, md5sum $want"
        n=$(awk 'END { print NR }' "$f")
        [ "$n" -lt "$last" ] && n=$last
        [ "$len" = "$n" ] || echo "$name: $len entries, source $n lines"
    done
}

# check WHAT ROOT [covconv options and inputs], run from ROOT: the checks
# above; the tracefile comparison when the one input is lcov ($LCOV set).
# MAP: a directory the data's absolute paths are under (--path-map makes
# them relative).
check() {
    what=$1 root=$2
    shift 2
    [ -n "${MAP:-}" ] && set -- --path-map "^$MAP/=" "$@"
    if ! (cd "$root" && env -i PATH="$PATH" "$BIN/covconv" -q --to coveralls \
        "$@" -o "$work/c.json") || ! (cd "$root" &&
        "$BIN/covconv" -q --to lcov "$@" -o "$work/c.info"); then
        bad "$what: covconv failed"
        return
    fi
    nf=$(jq '.source_files | length' "$work/c.json")
    if jq -e "$SCHEMA" "$work/c.json" >/dev/null; then ok "$what: schema"
    else bad "$what: not the documented job layout"; fi
    json_da "$work/c.json" >"$work/j.da"
    json_brda "$work/c.json" >"$work/j.brda"
    for k in da brda; do
        "lcov_$k" "$work/c.info" "$root" >"$work/l.$k"
        if [ -s "$work/l.da" ] && cmp -s "$work/j.$k" "$work/l.$k"; then
            ok "$what: $k"
        else
            bad "$what: $k records differ from --to lcov"
            diff "$work/j.$k" "$work/l.$k" | head -5
        fi
        [ -n "${LCOV:-}" ] || continue
        "lcov_$k" "$LCOV" "${MAP:-$root}" >"$work/t.$k"
        if cmp -s "$work/j.$k" "$work/t.$k"; then ok "$what: tracefile $k"
        else bad "$what: $k records differ from the tracefile"; fi
    done
    sources "$work/c.json" "$root" >"$work/src"
    if [ -s "$work/src" ]; then bad "$what: sources"; head -5 "$work/src"
    else ok "$what: digests and lengths"; fi
    digests=$(jq '[.source_files[] | select(.source_digest)] | length' \
        "$work/c.json")
    [ -n "${DEBUG:-}" ] && echo "$what: $nf files, $digests digests"
    [ "$nf" -gt 0 ] || bad "$what: no source files"
    [ -z "${ALL_DIGESTS:-}" ] || [ "$digests" = "$nf" ] ||
        bad "$what: $digests digests for $nf files"
}

TD=$top/testdata
# lcov: a tracefile with branches and '-', quirks (duplicate sections)
LCOV=$TD/lcov/small.info check small.info "$work" "$TD/lcov/small.info"
# (lcov 2 records, '-' and negative counts: against --to lcov only)
check quirks.info "$work" "$TD/lcov/quirks.info"
Z=/home/ci/source/zlib-1.2.13.dfsg
for f in lcov/zlib-A.branch.info.gz lcov/zlib-B.branch.info.gz; do
    MAP=$Z LCOV=$TD/$f check "$f" "$work" "$TD/$f"
done
# Go with sources: a multi-module tree (names relative to it, digests)
ALL_DIGESTS=1 check gomod/cover.out "$TD/gomod" cover.out
# absolute lcov paths under the source root become relative, with digests
mkdir -p "$work/abs/src"
# (no newline after the last line)
printf 'int main(void)\n{\n\treturn 0;\n}' >"$work/abs/src/m.c"
printf 'SF:%s/abs/src/m.c\nDA:1,1\nDA:3,1\nBRDA:3,0,0,1\nBRDA:3,0,1,-\n%s\n' \
    "$work" end_of_record >"$work/abs.info"
ALL_DIGESTS=1 LCOV=$work/abs.info check abs-lcov "$work/abs" "$work/abs.info"

if [ -x "$GO" ]; then
    GOSRC=$("$GO" env GOROOT)/src
    ALL_DIGESTS=1 check sample "$GOSRC" --source-root "$GOSRC" \
        "$TD/sample/unit.out" "$TD/sample/system.out"
else
    echo "coveralls: no Go at $GO: Go sources skipped"
    [ "${CI:-}" = true ] && bad "Go 1.23 missing under CI"
fi

if [ -x "$GO" ]; then
    MAP=/home/ci/source/jq-1.6 LCOV=$C/c/jq/lcov/A.branch.info \
        check jq/A.branch.info "$work" "$C/c/jq/lcov/A.branch.info"
    for f in c/zlib/lcov/merged.A+B.branch.info c/zlib/lcov/A.tn.info; do
        MAP=$Z LCOV=$C/$f check "$f" "$work" "$C/$f"
    done
    for f in go/unit/unit.count.out go/unit/unit.set.out \
        go/system/system.AB.count.out go/covdata/A.count; do
        ALL_DIGESTS=1 check "$f" "$GOSRC" --source-root "$GOSRC" "$C/$f"
    done
    ALL_DIGESTS=1 check "unit+e2e" "$GOSRC" --source-root "$GOSRC" \
        "$C/go/unit/unit.count.out" "$C/go/covdata/A.count"
else
    echo "coveralls: no Go at $GO: corpus skipped"
    [ "${CI:-}" = true ] && bad "Go 1.23 missing under CI"
fi
echo "coveralls: $pass passed, $fail failed"
[ "$fail" = 0 ]
