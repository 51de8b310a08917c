#!/usr/bin/env bash
# run.sh - time covkit against the peer tools; writes bench/RESULTS.md.
#
#   bench/run.sh                        (what 'make bench' runs)
#   BIN=build/bench bench/run.sh        tools from another build dir
#
# Environment (all optional):
#   BIN        directory holding covmerge/covconv      (default: build)
#   DATA       where generated inputs are cached; they are big (~280 MB),
#              never commit them               (default: $BIN/bench-data)
#   RESULTS    the report to write; '-': stdout only
#                                              (default: bench/RESULTS.md)
#   RUNS       minimum timed runs per command           (default: 5)
#   MAXRUNS    maximum timed runs per command           (default: 30)
#   JOBS       extended regex: run only the jobs whose name matches
#   TIMER      hyperfine or loop (default: hyperfine when installed)
#   SIZES      block counts of the scaling job (default: 250000 500000
#              1000000 2000000)
#   BINARIES   test binaries in the -coverpkg job       (default: 650)
#   BIGBINARIES  the same for the ~1 GB profile of job bigprofile
#                                                       (default: 6500)
#   MANY       inputs of the many_inputs job            (default: 10000)
#   SHARDS     lcov tracefiles in the lcov_shards job    (default: 100)
#   COPIES     jq copies in each of those tracefiles     (default: 4)
#   CORPUS     the real-data corpus           (default: ../shared/corpus)
#   GOROOT     Go 1.23 toolchain; its src/ is the source tree the corpus
#              profiles were made from        (default: /usr/lib/go-1.23)
#
# Each job checks first that covkit and every peer agree (PASS/FAIL), then
# times each command: median of >= RUNS runs (hyperfine when installed, else
# a loop around 'date +%s%N') and peak RSS from one run under
# '/usr/bin/time -v'. Exit status: 0 all checks passed, 1 a check failed,
# 3 a tool or input is missing.
#
# Adding a job is a few lines: write a function job_NAME that calls
#   job NAME "what it measures" [scale]   start it (scale: the scaling table)
#   input FILE...                         inputs whose bytes are reported
#   blocks N                              distinct blocks (scaling table)
#   run covkit|peer|floor LABEL 'CMD' [IN] a command to time (bash -c CMD;
#                                         stdout is discarded while timing);
#                                         IN: its inputs when not the job's
#   check LABEL 'CMD'                     exit 0 = the outputs agree
#   endjob                                run once, check, time, record
# and add NAME to ALL_JOBS. Commands run once before the checks, so a check
# may read what they wrote (write outputs under $T). 'has_format NAME r|w'
# tells whether this covkit build reads/writes a format, so a job can skip
# itself until its format lands; job_lcov_merge below is a short example.
# (shellcheck: the helpers are called through "job_$j")
# shellcheck disable=SC2317
set -u
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 3
BIN=$(cd "${BIN:-build}" 2>/dev/null && pwd) || {
    echo "run.sh: no build directory '${BIN:-build}' (run make first)" >&2
    exit 3
}
DATA=${DATA:-$BIN/bench-data}
RESULTS=${RESULTS:-$top/bench/RESULTS.md}
RUNS=${RUNS:-5}
MAXRUNS=${MAXRUNS:-30}
JOBS=${JOBS:-.}
TIMER=${TIMER:-}
SIZES=${SIZES:-250000 500000 1000000 2000000}
BINARIES=${BINARIES:-650}
BIGBINARIES=${BIGBINARIES:-6500}
MANY=${MANY:-10000}
SHARDS=${SHARDS:-100}
COPIES=${COPIES:-4}
CORPUS=$(cd "${CORPUS:-$top/../shared/corpus}" 2>/dev/null && pwd) ||
    CORPUS=/nonexistent
GOROOT=${GOROOT:-/usr/lib/go-1.23}
GOTOOLCHAIN=local
PATH=$GOROOT/bin:$PATH
export GOROOT GOTOOLCHAIN PATH
ALL_JOBS="go_merge coverpkg bigprofile many_inputs coverpkg_bin scale
          covdata_merge covdata_func lcov_merge lcov_shards threads
          lcov_cobertura gcovjson_cobertura cobertura html"

U=$CORPUS/go/unit/unit.count.out
S=$CORPUS/go/system/system.AB.count.out
GOCOVMERGE_REF=$CORPUS/go/ref/gocovmerge/unit+system.AB.count.out
# 'go tool cover -func' resolves go/ast/... through the Go tree's own module.
GOSRC=$GOROOT/src
FUNC="cd $GOSRC && go tool cover -func"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 3; }

# ---- peers: install from Debian only, only as root, only when missing ----

have() { command -v "$1" >/dev/null 2>&1; }

# has_format NAME r|w|rw: covkit lists format NAME as readable/writable;
# when not, the calling job is noted as skipped
SKIPPED=()
has_format() {
    "$BIN/covconv" --list-formats 2>/dev/null |
        awk -v n="$1" -v m="$2" '$1 == n && index($2, m) { f = 1 }
                                  END { exit !f }' && return 0
    SKIPPED+=("${FUNCNAME[1]#job_}: this covkit has no format '$1' ($2)")
    return 1
}

install_peers() {
    local need=0
    have hyperfine || need=1
    [ -x /usr/bin/time ] || need=1
    [ -x "$GOROOT/bin/go" ] || need=1
    if [ $need = 1 ] && [ "$(id -u)" = 0 ]; then
        say "installing missing peers from Debian (scripts/install-deps.sh)"
        scripts/install-deps.sh --peers >&2 || say "install failed; going on"
    fi
    if ! have grcov && [ "$(id -u)" = 0 ] &&
            apt-cache show grcov >/dev/null 2>&1; then
        apt-get install -y grcov >&2 || say "grcov install failed; going on"
    fi
    GRCOV_NOTE="grcov: $(grcov --version 2>/dev/null || echo 'not installed')"
    # lcov-result-merger: npm, into DATA (never into the repository)
    LRM=$DATA/npm/node_modules/.bin/lcov-result-merger
    if [ ! -x "$LRM" ] && have npm; then
        if ! mkdir -p "$DATA/npm" || ! (cd "$DATA/npm" &&
                npm install --no-audit --no-fund --prefix . \
                    lcov-result-merger@6.0.0 >&2); then
            say "npm install lcov-result-merger failed; going on"
        fi
    fi
    [ -x "$LRM" ] || LRM=
    LRM_NOTE="lcov-result-merger: not installed (npm or its registry missing)"
    [ -n "$LRM" ] && LRM_NOTE="lcov-result-merger: 6.0.0 from npm, in \$DATA/npm"
    GOCOVMERGE=
    if have gocovmerge; then
        GOCOVMERGE=$(command -v gocovmerge)
        GOCOVMERGE_NOTE="gocovmerge: $GOCOVMERGE"
    elif apt-cache show golang-github-wadey-gocovmerge-dev \
            >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get install -y golang-github-wadey-gocovmerge-dev >&2 &&
            have gocovmerge && GOCOVMERGE=$(command -v gocovmerge)
        GOCOVMERGE_NOTE="gocovmerge: installed from Debian"
    else
        GOCOVMERGE_NOTE="gocovmerge: not packaged in Debian (apt-cache"
        GOCOVMERGE_NOTE+=" search gocovmerge finds nothing), so not run; its"
        GOCOVMERGE_NOTE+=" output recorded in the corpus is compared instead"
    fi
}

# ---- timing ----

# median/min/max (seconds) of the numbers (nanoseconds) on stdin
stats_ns() {
    sort -n | awk '{ v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.6f %.6f %.6f %d\n", m / 1e9, v[1] / 1e9,
                     v[NR] / 1e9, NR }'
}

# time_cmd CMD: prints "median min max runs" in seconds. The outputs the
# job wrote so far are flushed first: the kernel's writeback would take
# one of the two cores while a two-thread command is timed (lcov_shards
# measured 175 ms just after lcov -a wrote its output, 120 ms a job later).
time_cmd() {
    local cmd=$1 json=$T/hf.json i t0 t1
    sync
    if [ "$TIMER" = hyperfine ]; then
        hyperfine -S bash -w 1 -m "$RUNS" -M "$MAXRUNS" --style none \
            --export-json "$json" "$cmd" >/dev/null 2>&1 ||
            { echo "- - - 0"; return; }
        # hyperfine writes one key per line; "times" lists every run
        awk -F'[:,]' '
            /"(median|min|max)":/ { gsub(/[" ]/, "", $1); v[$1] = $2 + 0 }
            /"times"/ { on = 1; next }
            on && /\]/ { on = 0 }
            on { n++ }
            END { printf "%.6f %.6f %.6f %d\n", v["median"], v["min"],
                         v["max"], n }' "$json"
    else
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1
            t1=$(date +%s%N)
            echo $((t1 - t0))
        done | stats_ns
    fi
}

# rss_cmd CMD: runs CMD once (its outputs are kept for the checks); prints
# the peak RSS in KiB and the CPU time (user + system) in seconds, or
# '- -'; returns CMD's exit status
rss_cmd() {
    local cmd=$1 rc
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v -o "$T/time.txt" bash -c "$cmd" >/dev/null 2>"$T/err"
        rc=$?
        awk -F': ' '/Maximum resident set size/ { r = $2 }
                    /(User|System) time \(seconds\)/ { c += $2 }
                    END { printf "%s %.2f\n", r, c }' "$T/time.txt"
    else
        bash -c "$cmd" >/dev/null 2>"$T/err"
        rc=$?
        echo - -
    fi
    return "$rc"
}

# ---- jobs: the declaration helpers ----

# job|jobkind|kind|label|bytes|blocks|median|min|max|runs|rss|cpu|agree|cmd
ROWS=()
FAILED=0
AGREE_LOG=()

JOB_LIST=()
job() { J_NAME=$1 J_DESC=$2 J_KIND=${3:-} J_BYTES=0 J_BLOCKS=-
        J_RUNS=() J_CHECKS=(); say "== $J_NAME: $J_DESC"
        [ "$J_KIND" = scale ] || JOB_LIST+=("- **$J_NAME**: $J_DESC"); }
# bytes of files, or of every file under a directory
nbytes() { find "$@" -type f -printf '%s\n' |
           awk '{ n += $1 } END { print n + 0 }'; }
input() { local f; for f; do [ -r "$f" ] || die "missing input $f"; done
          J_BYTES=$((J_BYTES + $(nbytes "$@"))); }
blocks() { J_BLOCKS=$1; }
run() { J_RUNS+=("$1|$2|${4:-}|$3"); }
check() { J_CHECKS+=("$1|$2"); }
# covkit's tracefile OURS and lcov -a's PEER: the same summary and hits
check_same_lcov() {
    check "same lcov --summary as lcov -a" \
        "cmp <(lcov --summary $1 2>&1 | sed 1d) \
             <(lcov --summary $2 2>&1 | sed 1d)"
    check "same DA and FNDA hits as lcov -a (gen.sh lcovnorm)" \
        "cmp <(bench/gen.sh lcovnorm $1) <(bench/gen.sh lcovnorm $2)"
}

endjob() {
    local r kind label in cmd c clabel ccmd agree=PASS t rc bytes
    local -A RSS
    for r in "${J_RUNS[@]}"; do
        IFS='|' read -r kind label in cmd <<<"$r"
        RSS[$label]=$(rss_cmd "$cmd")
        rc=$?
        if [ "$rc" != 0 ]; then
            say "  $label failed (exit $rc): $(head -c 300 "$T/err")"
            agree=FAIL
        fi
    done
    for c in "${J_CHECKS[@]}"; do
        clabel=${c%%|*} ccmd=${c#*|}
        if bash -c "$ccmd" >/dev/null 2>&1; then t=PASS; else t=FAIL; fi
        [ "$t" = PASS ] || agree=FAIL
        say "  check $t: $clabel"
        AGREE_LOG+=("$t | $J_NAME | $clabel")
    done
    [ "$agree" = PASS ] || FAILED=1
    for r in "${J_RUNS[@]}"; do
        IFS='|' read -r kind label in cmd <<<"$r"
        bytes=$J_BYTES
        # shellcheck disable=SC2086 # IN may name several files
        [ -n "$in" ] && bytes=$(nbytes $in 2>/dev/null)
        t=$(time_cmd "$cmd")
        say "  $(printf '%-34s' "$label") median ${t%% *} s," \
            "peak RSS ${RSS[$label]% *} KiB"
        t=${t// /|}
        ROWS+=("$J_NAME|$J_KIND|$kind|$label|$bytes|$J_BLOCKS|$t|")
        ROWS[-1]+="${RSS[$label]// /|}|$agree|$cmd"
    done
}

# ---- inputs ----

# gen FILE ARGS...: bench/gen.sh ARGS > FILE, unless FILE is already there
gen() {
    local f=$1; shift
    [ -s "$f" ] && return 0
    say "  generating $(basename "$f")"
    bench/gen.sh "$@" >"$f.tmp" || die "gen.sh $* failed"
    mv "$f.tmp" "$f" || die "cannot write $f"
}

# ---- the jobs ----

job_go_merge() {
    job go_merge "Go text merge of the real corpus: \`go/unit/unit.count.out\`
  (\`go test -coverpkg\` of 6 packages: blocks repeat once per test
  binary) + \`go/system/system.AB.count.out\`. Peer: \`go tool cover
  -func\` on the concatenation (second \`mode:\` line dropped): it parses
  and merges with golang.org/x/tools' cover parser, then reads the Go
  sources. \`-func of merged output (fixed cost)\` is the same on
  covmerge's small merged output: what -func spends on \`go list\` and the
  sources rather than on the profile."
    input "$U" "$S"
    { cat "$U"; tail -n +2 "$S"; } >"$T/cat.out"
    run covkit covmerge "$BIN/covmerge $U $S -o $T/m.out"
    run peer "go tool cover -func (concat)" "$FUNC=$T/cat.out"
    run peer "-func of merged output (fixed cost)" "$FUNC=$T/m.out" \
        "$T/m.out"
    [ -n "$GOCOVMERGE" ] &&
        run peer gocovmerge "$GOCOVMERGE $U $S >$T/gcm.out"
    check "-func of covmerge output = -func of the concatenation" \
        "cmp <($FUNC=$T/m.out) <($FUNC=$T/cat.out)"
    check "covmerge output = gocovmerge's (recorded in the corpus)" \
        "cmp $T/m.out $GOCOVMERGE_REF"
    [ -n "$GOCOVMERGE" ] &&
        check "covmerge output = gocovmerge's" "cmp $T/m.out $T/gcm.out"
    endjob
}

job_coverpkg() {
    local big=$DATA/coverpkg-$BINARIES.out
    job coverpkg "what \`go test ./... -coverpkg=./...\` writes for a repo of
  $BINARIES packages: every distinct block of the unit profile once per test
  binary (\`bench/gen.sh coverpkg\`). \`wc -l\` and \`cat\` read the same
  bytes: the physical floor."
    gen "$big" coverpkg "$BINARIES" "$U"
    input "$big"
    run covkit covmerge "$BIN/covmerge $big -o $T/cp.out"
    run peer "go tool cover -func" "$FUNC=$big"
    [ -n "$GOCOVMERGE" ] &&
        run peer gocovmerge "$GOCOVMERGE $big >$T/cp-gcm.out"
    run peer "-func of merged output (fixed cost)" "$FUNC=$T/cp.out" \
        "$T/cp.out"
    run floor "wc -l" "wc -l $big"
    run floor "cat >/dev/null" "cat $big >/dev/null"
    check "-func of covmerge output = -func of the raw profile" \
        "cmp <($FUNC=$T/cp.out) <($FUNC=$big)"
    check "covmerge output = awk reference merge (gen.sh refmerge)" \
        "cmp <(head -1 $T/cp.out; tail -n +2 $T/cp.out | sort) \
             <(bench/gen.sh refmerge $big)"
    [ -n "$GOCOVMERGE" ] &&
        check "covmerge output = gocovmerge's" "cmp $T/cp.out $T/cp-gcm.out"
    endjob
}

job_scale() {
    local n f
    JOB_LIST+=("- **scale_N**: one profile of N distinct blocks (copies of
  system.AB.count.out with each path prefixed \`pkgK/\`,
  \`bench/gen.sh distinct\`), merged by covmerge alone.")
    for n in $SIZES; do
        f=$DATA/distinct-$n.out
        job "scale_$n" "$n distinct blocks" scale
        gen "$f" distinct "$n" "$S"
        input "$f"
        blocks "$n"
        run covkit covmerge "$BIN/covmerge $f -o $T/scale.out"
        check "covmerge output holds the input's $n blocks, sorted" \
            "cmp <(sort $f) <(sort $T/scale.out) &&
             bench/gen.sh order $T/scale.out"
        endjob
    done
}

job_covdata_merge() {
    local a=$CORPUS/go/covdata/A.count b=$CORPUS/go/covdata/B.count
    has_format covdata r || return 0
    job covdata_merge "two real GOCOVERDIR directories (\`go/covdata/A.count\`,
  \`B.count\`: hundreds of runs of an instrumented gofmt) merged into one
  Go text profile; peer \`go tool covdata textfmt\` does the same."
    input "$a" "$b"
    run covkit covmerge "$BIN/covmerge $a $b -o $T/cd.out"
    run peer "go tool covdata textfmt" \
        "go tool covdata textfmt -i=$a,$b -o $T/cd-peer.out"
    check "covmerge output = covdata textfmt's, lines sorted" \
        "cmp <(head -1 $T/cd.out; tail -n +2 $T/cd.out | sort) \
             <(head -1 $T/cd-peer.out; tail -n +2 $T/cd-peer.out | sort)"
    endjob
}

job_covdata_func() {
    local a=$CORPUS/go/covdata/A.count b=$CORPUS/go/covdata/B.count
    has_format covdata r && has_format func w || return 0
    job covdata_func "the per-function table of the same two directories
  (\`covconv --to func\` vs \`go tool covdata func\`)."
    input "$a" "$b"
    run covkit "covconv --to func" "$BIN/covconv --to func $a $b -o $T/f.txt"
    run peer "go tool covdata func" \
        "go tool covdata func -i=$a,$b >$T/f-peer.txt"
    check "covconv --to func output = go tool covdata func's" \
        "cmp $T/f.txt $T/f-peer.txt"
    endjob
}

job_lcov_merge() {
    local a=$CORPUS/c/jq/lcov/A.info b=$CORPUS/c/jq/lcov/B.info
    has_format lcov rw || return 0
    job lcov_merge "two real lcov tracefiles of jq (\`c/jq/lcov/A.info\`:
  its test suite, \`B.info\`: another workload) merged; peer \`lcov -a\`
  (lcov 1.16)."
    input "$a" "$b"
    run covkit covmerge "$BIN/covmerge $a $b -o $T/l.info"
    run peer "lcov -a" "lcov -q -a $a -a $b -o $T/l-peer.info"
    check_same_lcov "$T/l.info" "$T/l-peer.info"
    endjob
}

# SHARDS tracefiles of one C project COPIES times the size of jq (the test
# suite run, A, and another workload, B, alternating), as a CI that splits
# its tests into shards has: $DATA/lcov-shards-SHARDSxCOPIES/NNN.info
lcov_shards() {
    local d=$DATA/lcov-shards-${SHARDS}x$COPIES i f
    gen "$DATA/lcovproj-$COPIES-A.info" lcovproj "$COPIES" \
        "$CORPUS/c/jq/lcov/A.branch.info"
    gen "$DATA/lcovproj-$COPIES-B.info" lcovproj "$COPIES" \
        "$CORPUS/c/jq/lcov/B.branch.info"
    mkdir -p "$d" || die "cannot create $d"
    for ((i = 0; i < SHARDS; i++)); do
        f=$d/$(printf %03d "$i").info
        [ -e "$f" ] || cp "$DATA/lcovproj-$COPIES-$( ((i % 2)) && echo B ||
            echo A).info" "$f" || die "cannot write $d"
    done
    SHARD_DIR=$d
}

job_lcov_shards() {
    has_format lcov rw || return 0
    lcov_shards
    local d=$SHARD_DIR
    job lcov_shards "$SHARDS lcov tracefiles (with branches) of a C project
  $COPIES times the size of jq (\`bench/gen.sh lcovproj\` of
  \`c/jq/lcov/A.branch.info\` and \`B.branch.info\`, alternating: the
  shards of one CI run) merged into one. Peers: \`lcov -a\` (lcov 1.16),
  \`grcov DIR -t lcov\` (reads every .info; uses all CPUs, as covmerge
  does), \`lcov-result-merger\` (npm)."
    input "$d"
    run covkit covmerge "$BIN/covmerge $d/*.info -o $T/sh.info"
    run peer "lcov -a" "lcov -q \$(printf -- '-a %s ' $d/*.info) \
        -o $T/sh-lcov.info"
    have grcov && run peer grcov "grcov $d -t lcov -o $T/sh-grcov.info"
    [ -n "$LRM" ] && run peer lcov-result-merger \
        "$LRM '$d/*.info' $T/sh-lrm.info"
    check_same_lcov "$T/sh.info" "$T/sh-lcov.info"
    have grcov && check "same DA hits as grcov (grcov counts a function
  once per input, not its calls)" \
        "cmp <(bench/gen.sh lcovnorm $T/sh.info | grep ' DA ') \
             <(bench/gen.sh lcovnorm $T/sh-grcov.info | grep ' DA ')"
    [ -n "$LRM" ] && check "same DA and FNDA hits as lcov-result-merger" \
        "cmp <(bench/gen.sh lcovnorm $T/sh.info) \
             <(bench/gen.sh lcovnorm $T/sh-lrm.info)"
    endjob
}

job_threads() {
    has_format lcov rw || return 0
    lcov_shards
    local d=$SHARD_DIR
    job threads "the $SHARDS shards of lcov_shards read with one thread
  (\`-j 1\`) and with two (\`-j 2\`): \"time / covkit\" of the \`-j 1\`
  row is the speed-up from 1 to 2 threads."
    input "$d"
    run covkit "covmerge -j 2" "$BIN/covmerge -j 2 $d/*.info -o $T/j2.info"
    run peer "covmerge -j 1 (covkit, one thread)" \
        "$BIN/covmerge -j 1 $d/*.info -o $T/j1.info"
    check "the same output with 1 and 2 threads" "cmp $T/j1.info $T/j2.info"
    endjob
}

job_lcov_cobertura() {
    local a
    has_format lcov r && has_format cobertura w || return 0
    lcov_shards
    a=$DATA/lcovproj-$COPIES-A.info
    job lcov_cobertura "one lcov tracefile (jq x$COPIES, with branches)
  converted to Cobertura XML; peer \`grcov FILE -t cobertura\`."
    input "$a"
    run covkit "covconv --to cobertura" \
        "$BIN/covconv --to cobertura $a -o $T/lc.xml"
    have grcov && run peer "grcov -t cobertura" \
        "grcov $a -t cobertura -o $T/lc-grcov.xml"
    have grcov && check "same line hits as grcov (gen.sh cobnorm)" \
        "cmp <(bench/gen.sh cobnorm $T/lc.xml | sort -u) \
             <(bench/gen.sh cobnorm $T/lc-grcov.xml | sort -u)"
    endjob
}

job_gcovjson_cobertura() {
    local g=$CORPUS/c/jq/gcov-json/A j=$CORPUS/c/jq/gcovr/A.gcovr.json.gz
    local root=/home/ci/source/jq-1.6/
    has_format gcov-json r && has_format cobertura w || return 0
    job gcovjson_cobertura "run A of jq: its \`gcov --json-format\` files
  (\`c/jq/gcov-json/A/*.gcov.json.gz\`) to Cobertura XML; peer: gcovr 5.2
  writing Cobertura from its JSON of the same run (\`gcovr -a\`; gcovr
  cannot read gcov's JSON, and the corpus has no .gcda for it to run gcov
  on)."
    input "$g"
    gzip -cd "$j" >"$T/A.gcovr.json"
    run covkit "covconv --to cobertura" \
        "$BIN/covconv --to cobertura $g/*.gcov.json.gz -o $T/gj.xml"
    run peer "gcovr -a --cobertura" \
        "gcovr -a $T/A.gcovr.json --cobertura $T/gj-gcovr.xml" \
        "$T/A.gcovr.json"
    check "same hits on every line both list (gcovr adds files that never
  ran and drops a few lines: covkit-formats(5))" \
        "awk 'NR == FNR { h[\$1 \" \" \$2] = \$3; next }
              (\$1 \" \" \$2) in h { n++; if (h[\$1 \" \" \$2] != \$3) bad++ }
              END { exit bad || n < 8000 }' \
             <(bench/gen.sh cobnorm $T/gj-gcovr.xml | sort -u) \
             <(bench/gen.sh cobnorm $T/gj.xml | sed 's|^$root||' | sort -u)"
    endjob
}

# COPIES of each counter file of the unit run's GOCOVERDIR, renamed as
# other processes' (what BINARIES test binaries writing into one
# -test.gocoverdir give): $DATA/covdir-BINARIES
covdir() {
    local src=$CORPUS/go/covdata/unit.count d=$DATA/covdir-$BINARIES f k n
    n=$(find "$src" -name 'covcounters.*' | wc -l)
    COVDIR=$d
    [ -e "$d/done" ] && return 0
    { mkdir -p "$d" && cp "$src"/covmeta.* "$d"; } || die "cannot write $d"
    for ((k = 0; k * n < BINARIES; k++)); do
        for f in "$src"/covcounters.*; do
            f=${f##*/}
            # covcounters.HASH.PID.TIME: a new PID per copy
            cp "$src/$f" "$d/${f%.*.*}.$((900000 + k)).${f##*.}" ||
                die "cannot write $d"
        done
    done
    touch "$d/done"
}

# Bounded memory (issue #8): a ~1 GB -coverpkg profile, and MANY small
# inputs at once.
job_bigprofile() {
    local big=$DATA/coverpkg-$BIGBINARIES.out
    job bigprofile "the coverpkg job's profile for $BIGBINARIES test
  binaries (~1 GB): peak RSS must stay bounded by the distinct blocks,
  not grow with the input."
    gen "$big" coverpkg "$BIGBINARIES" "$U"
    input "$big"
    run covkit covmerge "$BIN/covmerge $big -o $T/big.out"
    run floor "wc -l" "wc -l $big"
    check "covmerge output = awk reference merge (gen.sh refmerge)" \
        "cmp <(head -1 $T/big.out; tail -n +2 $T/big.out | sort) \
             <(bench/gen.sh refmerge $big)"
    endjob
}

# MANY inputs of 200 blocks each (the first 200 of system.AB.count.out,
# counts varied per input: gen.sh many), merged in one call.
job_many_inputs() {
    local d=$DATA/many-$MANY
    if [ ! -e "$d/done" ]; then
        say "  generating $MANY inputs in $d"
        rm -rf "$d" && mkdir -p "$d" && bench/gen.sh many "$MANY" "$S" "$d" &&
            touch "$d/done" || die "cannot write $d"
    fi
    job many_inputs "$MANY Go profiles of 200 blocks (\`bench/gen.sh many\`)
  merged in one call (each input is also a suite): peak RSS must stay
  bounded by the result, not grow with the number of inputs."
    input "$d"
    run covkit covmerge "cd $d && $BIN/covmerge -o $T/many.out *.out"
    check "covmerge output = awk reference merge of the concatenation" \
        "cmp <(head -1 $T/many.out; tail -n +2 $T/many.out | sort) \
             <(cd $d && awk 'NR == 1 || FNR > 1' *.out >$T/many-cat.out &&
               $top/bench/gen.sh refmerge $T/many-cat.out)"
    endjob
}

job_coverpkg_bin() {
    has_format covdata r || return 0
    covdir
    local d=$COVDIR
    job coverpkg_bin "the binary form of a -coverpkg run: the GOCOVERDIR of
  the unit run (\`go/covdata/unit.count\`, written with
  \`-test.gocoverdir\`) with its counter files copied as if written by
  $BINARIES test binaries; to a Go text profile. Peers: \`go tool covdata
  textfmt\`, and \`go tool covdata merge\` then \`textfmt\`."
    input "$d"
    run covkit covmerge "$BIN/covmerge $d -o $T/cb.out"
    run peer "go tool covdata textfmt" \
        "go tool covdata textfmt -i=$d -o $T/cb-peer.out"
    run peer "go tool covdata merge + textfmt" \
        "rm -rf $T/cbm && mkdir $T/cbm && \
         go tool covdata merge -i=$d -o $T/cbm && \
         go tool covdata textfmt -i=$T/cbm -o $T/cbm.out"
    # go tool covdata keeps 32-bit counters (it warns "uint32 overflow
    # during counter merge" and stops at 2^32-1); covkit's are 64-bit
    check "covmerge output = covdata textfmt's, lines sorted (counts
  above 2^32-1 clamped as Go's 32-bit counters are)" \
        "awk '{ if (NR > 1 && \$NF > 4294967295) \$NF = \"4294967295\"; print }' \
             $T/cb.out >$T/cb32.out &&
         cmp <(head -1 $T/cb32.out; tail -n +2 $T/cb32.out | sort) \
             <(head -1 $T/cb-peer.out; tail -n +2 $T/cb-peer.out | sort)"
    check "covmerge output = covdata merge + textfmt's (the same way)" \
        "cmp <(head -1 $T/cb32.out; tail -n +2 $T/cb32.out | sort) \
             <(head -1 $T/cbm.out; tail -n +2 $T/cbm.out | sort)"
    endjob
}

# lcov -> HTML vs genhtml, with real sources: the corpus has no C sources,
# but its Go profiles were made from the Go tree installed here, so the
# unit-all profile as an lcov tracefile with absolute paths into
# $GOROOT/src gives both tools the same tracefile and sources to render.
# Reports go to tmpfs when there is one (creating a file on this VM's ext4
# takes ~0.8 ms, which would time the disk; genhtml writes 3 files per
# source, covkit 1): the "(disk)" rows write to $T on the disk.
job_html() {
    local a=$DATA/gostd.info out=$T
    has_format html w || return 0
    [ -d /dev/shm ] && out=$(mktemp -d /dev/shm/covkit-bench.XXXXXX)
    HTML_TMP=$out
    [ -s "$a" ] || zcat "$CORPUS/go/unit/unit-all.count.out.gz" |
        "$BIN/covconv" -q --to lcov --path-map "^=$GOSRC/" - -o "$a" ||
        die "cannot write $a"
    job html "the Go standard library's unit-all profile
  (\`go/unit/unit-all.count.out.gz\`) as one lcov tracefile with absolute
  paths into \`\$GOROOT/src\` (written by covconv) to an HTML report with
  the sources; peer \`genhtml\` (lcov 1.16). Reports are written to tmpfs,
  and again to the disk (\`(disk)\` rows: this VM's ext4 takes ~0.8 ms to
  create a file; genhtml writes 3 files per source, covkit 1)."
    input "$a"
    run covkit "covconv --to html" \
        "rm -rf $out/html && $BIN/covconv --to html $a -o $out/html"
    have genhtml && run peer genhtml \
        "rm -rf $out/genhtml && genhtml -q $a -o $out/genhtml"
    run peer "covconv --to html (disk)" \
        "rm -rf $T/html && $BIN/covconv --to html $a -o $T/html"
    have genhtml && run peer "genhtml (disk)" \
        "rm -rf $T/genhtml && genhtml -q $a -o $T/genhtml"
    have genhtml && check "the same hits on every source line of every
  page (gen.sh htmlhits)" \
        "cmp <(bench/gen.sh htmlhits $out/html) \
             <(bench/gen.sh htmlhits $out/genhtml) &&
         [ \$(bench/gen.sh htmlhits $out/html | wc -l) -gt 30000 ]"
    endjob
}

job_cobertura() {
    local g=$CORPUS/c/jq/gcovr
    has_format cobertura rw || return 0
    job cobertura "two real Cobertura files of jq (gcovr 5.2's
  \`c/jq/gcovr/A.cobertura.xml.gz\`, \`B\`) merged into one Cobertura
  file; peer \`gcovr -a A.json -a B.json --cobertura\` merges gcovr's JSON
  of the same runs (decompressed first: gcovr 5.2 does not read gzip).
  Branch totals can differ: Cobertura carries per-line condition counts,
  not which branches were taken."
    input "$g/A.cobertura.xml.gz" "$g/B.cobertura.xml.gz"
    gzip -cd "$g/A.gcovr.json.gz" >"$T/A.json"
    gzip -cd "$g/B.gcovr.json.gz" >"$T/B.json"
    run covkit covmerge "$BIN/covmerge --to cobertura \
        $g/A.cobertura.xml.gz $g/B.cobertura.xml.gz -o $T/c.xml"
    run peer "gcovr -a --cobertura" "gcovr -a $T/A.json -a $T/B.json \
        --cobertura $T/c-peer.xml" "$T/A.json $T/B.json"
    check "same line hits (gen.sh cobnorm)" \
        "cmp <(bench/gen.sh cobnorm $T/c.xml) \
             <(bench/gen.sh cobnorm $T/c-peer.xml)"
    endjob
}

# ---- the report ----

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
ms() { awk -v s="$1" 'BEGIN { if (s == "-") print "-"
                              else printf "%.1f", s * 1000 }'; }
cpu_ms() { awk -v s="$1" 'BEGIN { if (s == "-") print "-"
                                  else printf "%.0f", s * 1000 }'; }
kib_mb() { case $1 in -|'') echo -;; *) awk -v k="$1" \
    'BEGIN { printf "%.1f", k / 1024 }';; esac; }

# the covkit median of a job
kit_median() {
    local r
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j _ kind _ _ _ med _ <<<"$r"
        [ "$j" = "$1" ] && [ "$kind" = covkit ] && { echo "$med"; return; }
    done
    echo 0
}

table_jobs() {
    local r j jk kind label bytes blk med min max n rss cpu agree cmd ratio k
    echo "| job | tool | input MiB | median ms | min-max ms | runs |" \
         "CPU ms | peak RSS MiB | time / covkit | agree |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j jk kind label bytes blk med min max n rss cpu \
            agree cmd <<<"$r"
        [ "$jk" = scale ] && continue
        k=$(kit_median "$j")
        ratio=$(awk -v a="$med" -v b="$k" 'BEGIN {
            if (b > 0 && a != "-") printf "%.2f", a / b; else print "-" }')
        [ "$kind" = covkit ] && ratio=1
        [ "$kind" = floor ] && label="$label (floor)" agree=-
        echo "| $j | $label | $(mb "$bytes") | $(ms "$med") |" \
             "$(ms "$min")-$(ms "$max") | $n | $(cpu_ms "$cpu") |" \
             "$(kib_mb "$rss") | $ratio | $agree |"
    done
}

table_scale() {
    local r j jk kind label bytes blk med min max n rss cpu agree cmd
    echo "| blocks | input MiB | median ms | min-max ms | runs | ns/block |" \
         "CPU ms | CPU ns/block | peak RSS MiB | RSS bytes/block | agree |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j jk kind label bytes blk med min max n rss cpu \
            agree cmd <<<"$r"
        [ "$jk" = scale ] || continue
        awk -v b="$blk" -v by="$bytes" -v m="$med" -v mi="$min" -v ma="$max" \
            -v n="$n" -v r="$rss" -v c="$cpu" -v a="$agree" 'BEGIN {
            printf "| %d | %.1f | %.1f | %.1f-%.1f | %d | %.0f | %s | %s |" \
                   " %s | %s | %s |\n", b, by / 1048576, m * 1e3, mi * 1e3,
                ma * 1e3, n, m * 1e9 / b,
                (c == "-") ? "-" : sprintf("%.0f", c * 1e3),
                (c == "-") ? "-" : sprintf("%.0f", c * 1e9 / b),
                (r == "-") ? "-" : sprintf("%.1f", r / 1024),
                (r == "-") ? "-" : sprintf("%.0f", r * 1024 / b), a }'
    done
}

# growth from the smallest to the largest scaling size
scale_growth() {
    local r j jk kind label bytes blk med min max n rss cpu agree cmd
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j jk kind label bytes blk med min max n rss cpu \
            agree cmd <<<"$r"
        [ "$jk" = scale ] && echo "$blk $med $min $cpu $rss"
    done | awk 'NR == 1 { b0 = $1; t0 = $2; m0 = $3; c0 = $4; r0 = $5 }
                { b = $1; t = $2; m = $3; c = $4; r = $5 }
        END { if (NR < 2) exit
              printf "From %d to %d blocks (x%.1f), per block: median time" \
                     " x%.2f, fastest run x%.2f, CPU time x%.2f, peak RSS" \
                     " x%.2f (1.00 = linear growth).\n", b0, b, b / b0,
                     (t / b) / (t0 / b0), (m / b) / (m0 / b0),
                     (c0 > 0) ? (c / b) / (c0 / b0) : 0, (r / b) / (r0 / b0) }'
}

commands() {
    local r j jk kind label bytes blk med min max n rss cpu agree cmd
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j jk kind label bytes blk med min max n rss cpu \
            agree cmd <<<"$r"
        echo "    # $j, $label"
        echo "    $(tr -s ' ' <<<"$cmd")"
    done | sed "s|$T/|\$T/|g"
}

machine() {
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- CPU: $(awk -F': ' '/model name/ { print $2; exit }' \
        /proc/cpuinfo)," \
         "nproc $(nproc)"
    echo "- memory (free -h):"
    echo
    free -h | sed 's/^/      /'
    echo
    echo "- busiest processes at start (%CPU, other helpers' work):" \
         "$BUSY0"
    echo "- load average at start: $LOAD0;" \
         "at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- kernel: $(uname -sr)"
    echo "- covkit: $("$BIN/covmerge" --version 2>&1 | head -1) ($BIN)"
    echo "- Go: $(go version 2>&1)"
    if [ "$TIMER" = hyperfine ]; then echo "- $(hyperfine --version)"
    else echo "- timer: a date +%s%N loop around bash -c" \
              "(includes bash start-up)"; fi
    echo "- GNU time (Debian package time"\
         "$(dpkg-query -W -f '${Version}' time 2>/dev/null || echo missing))"
    echo "- $(wc --version | head -1), mawk: $(awk -W version 2>&1 | head -1)"
    echo "- $GOCOVMERGE_NOTE"
    echo "- $GRCOV_NOTE; $LRM_NOTE; $(gcovr --version 2>/dev/null | head -1)"
    echo "- $(lcov --version 2>/dev/null | head -1); node $(node --version \
        2>/dev/null)"
}

skipped() { [ ${#SKIPPED[@]} = 0 ] || printf '%s; ' "${SKIPPED[@]}"; }

report() {
    cat <<EOT
# covkit benchmark results

Written by \`bench/run.sh\` (\`make bench\`); do not edit by hand.

## Machine
$(machine)

Note: this machine is shared (2 cores, several builds, tests and fuzzers
running at the same time), so absolute times are noisy; the ratios and the
scaling shape are what to read. With another process on one core, the
threads job cannot show a speed-up. The lead re-runs this on a quiet
machine.

## Jobs
$(printf '%s\n' "${JOB_LIST[@]}")

Not measured: $(skipped)a peer reading gcov's JSON itself (gcovr 5.2 and
lcov 1.16 run gcov on .gcda files, which the corpus does not hold; the
gcovjson_cobertura job compares with gcovr writing from its own JSON of the
same run instead).

"median" is wall time over all timed runs (after one warm-up run, so
inputs are in the page cache). "CPU ms" (user + system) and "peak RSS" come
from one more run under \`/usr/bin/time -v\` (CPU time in steps of 10 ms);
CPU time suffers less from the other load on a shared machine than wall
time. "input MiB" is what the command reads. "time / covkit" is the
tool's median over the covkit tool's median (above 1: covkit is faster).
"agree" is PASS when every check of the job passed.

$(table_jobs)

### Scaling (covmerge)
$(table_scale)

$(scale_growth)

### Targets (issue #7), from this run
$(targets)

Why a target is not met, and what was measured on the way:
\`bench/NOTES.md\`.

### Agreement checks (run before timing)
$(for a in "${AGREE_LOG[@]}"; do echo "- $a"; done)

## Reproduce
    make B=build/bench MOREFLAGS=-Werror
    BIN=build/bench bench/run.sh      # or: make bench (uses build/)

Timed commands, run from the repository root with GOROOT=$GOROOT,
GOTOOLCHAIN=local and \$GOROOT/bin first on PATH (\$T is a temporary
directory, \$SHM one in /dev/shm; \$BIN is the build directory, \$CORPUS
the corpus, and generated inputs are cached in $DATA):
$(commands)
EOT
}

# ---- targets (issue #7): computed from the rows above ----

# row_field JOB LABEL N: field N (1-based, of the ROWS record) of the row
# of JOB whose label is LABEL, or '-'
row_field() {
    local r j jk kind label
    for r in "${ROWS[@]}"; do
        IFS='|' read -r j jk kind label _ <<<"$r"
        if [ "$j" = "$1" ] && [ "$label" = "$2" ]; then
            cut -d'|' -f"$3" <<<"$r"
            return
        fi
    done
    echo -
}

# target TEXT WHAT GOAL: a table row; WHAT is a measured number, GOAL
# an awk condition on it (x)
target() {
    local text=$1 what=$2 goal=$3 verdict
    if [ "$what" = - ] || [ -z "$what" ]; then
        verdict="not measured"
    elif awk -v x="$what" "BEGIN { exit !($goal) }"; then
        verdict=met
    else
        verdict="**not met**"
    fi
    echo "| $text | $what | $verdict |"
}

# ratio A B: A / B to 2 decimals, '-' when either is missing
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || a == "" ||
        b == "" || b == 0) print "-"; else printf "%.2f", a / b }'
}

targets() {
    local kit func wcl lsh la gr gj gv th1 th2 ht gh
    kit=$(row_field coverpkg covmerge 7)
    func=$(row_field coverpkg "go tool cover -func" 7)
    wcl=$(row_field coverpkg "wc -l" 7)
    lsh=$(row_field lcov_shards covmerge 7)
    la=$(row_field lcov_shards "lcov -a" 7)
    gr=$(row_field lcov_shards grcov 7)
    gj=$(row_field gcovjson_cobertura "covconv --to cobertura" 7)
    gv=$(row_field gcovjson_cobertura "gcovr -a --cobertura" 7)
    th2=$(row_field threads "covmerge -j 2" 7)
    th1=$(row_field threads "covmerge -j 1 (covkit, one thread)" 7)
    ht=$(row_field html "covconv --to html" 7)
    gh=$(row_field html genhtml 7)
    htd=$(row_field html "covconv --to html (disk)" 7)
    ghd=$(row_field html "genhtml (disk)" 7)
    echo "| target | measured | verdict |"
    echo "|---|---:|---|"
    target "Go text merge (coverpkg): go tool cover -func / covmerge >= 10" \
        "$(ratio "$func" "$kit")" "x >= 10"
    target "Go text merge (coverpkg): covmerge / wc -l <= 3 (one core)" \
        "$(ratio "$kit" "$wcl")" "x <= 3"
    target "lcov merge (lcov_shards): lcov -a / covmerge >= 50" \
        "$(ratio "$la" "$lsh")" "x >= 50"
    target "lcov merge (lcov_shards): grcov / covmerge >= 3" \
        "$(ratio "$gr" "$lsh")" "x >= 3"
    target "HTML: genhtml / covconv >= 20" "$(ratio "$gh" "$ht")" "x >= 20"
    target "HTML, reports on this VM's disk: genhtml / covconv >= 20" \
        "$(ratio "$ghd" "$htd")" "x >= 20"
    target "Cobertura from gcov JSON: gcovr / covconv >= 20" \
        "$(ratio "$gv" "$gj")" "x >= 20"
    target "many inputs (threads): -j 1 / -j 2 >= 1.7" \
        "$(ratio "$th1" "$th2")" "x >= 1.7"
    local j b rss
    for j in coverpkg bigprofile many_inputs scale_2000000 lcov_shards; do
        b=$(row_field "$j" covmerge 5)
        rss=$(row_field "$j" covmerge 11)
        [ "$rss" = - ] || rss=$((rss * 1024))
        target "peak RSS / input bytes <= 1 ($j, covmerge)" \
            "$(ratio "$rss" "$b")" "x <= 1"
    done
}

# ---- main ----

install_peers
if [ -z "$TIMER" ]; then
    TIMER=loop
    have hyperfine && TIMER=hyperfine
fi
[ -x "$BIN/covmerge" ] || die "no $BIN/covmerge (run make first)"
have go || die "no Go at $GOROOT (install golang-1.23-go)"
{ [ -r "$U" ] && [ -r "$S" ]; } || die "no corpus at $CORPUS"
mkdir -p "$DATA" || die "cannot create $DATA"
T=$(mktemp -d "${TMPDIR:-/tmp}/covkit-bench.XXXXXX") || die "mktemp failed"
HTML_TMP=
trap 'rm -rf "$T" ${HTML_TMP:+"$HTML_TMP"}' EXIT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
# top's second sample: %CPU over the last half second
BUSY0=$(top -bn2 -d 0.5 2>/dev/null | awk '/^ *PID/ { n++; next }
    n == 2 && k < 3 { printf "%s%s %s", k++ ? "; " : "", $9, $12 }')

for j in $ALL_JOBS; do
    [[ $j =~ $JOBS ]] && "job_$j"
done

# The report names this machine's directories by their variables ($DATA,
# $BIN, $CORPUS, $SHM for /dev/shm's temporary): no machine path goes into
# the repository.
unmachine() {
    sed -e "s|$DATA|\$DATA|g" -e "s|$BIN|\$BIN|g" -e "s|$CORPUS|\$CORPUS|g" \
        ${HTML_TMP:+-e "s|$HTML_TMP|\$SHM|g"}
}

if [ "$RESULTS" = - ]; then
    report | unmachine
else
    report | unmachine >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
    cat "$RESULTS"
fi
exit $FAILED
