#!/usr/bin/env python3
# run.py - time covkit against the peer tools; writes bench/RESULTS.md.
"""
  bench/run.py                    (what 'make bench' runs)
  QUICK=1 bench/run.py            small sizes, 1-2 runs ('make bench-quick')
  BIN=build/bench bench/run.py    tools from another build dir

The jobs, their commands, their agreement checks and the targets are
declared in bench/jobs.toml; this program runs them and writes the report.

Environment (all optional):
  BIN        directory holding covmerge/covconv      (default: build)
  DATA       where generated inputs are cached; they are big (~280 MB),
             never commit them               (default: $BIN/bench-data)
  RESULTS    the report to write; '-': stdout only
             (default: bench/RESULTS.md; QUICK=1: $BIN/bench-quick.md)
  RUNS       minimum timed runs per command           (default: 5)
  MAXRUNS    maximum timed runs per command           (default: 30)
  JOBS       extended regex: run only the jobs whose name matches
  TIMER      hyperfine or loop (default: hyperfine when installed)
  SIZES      block counts of the scaling job (default: 250000 500000
             1000000 2000000)
  BINARIES   test binaries in the -coverpkg job       (default: 650)
  BIGBINARIES  the same for the ~1 GB profile of job bigprofile
                                                      (default: 6500)
  MANY       inputs of the many_inputs job            (default: 10000)
  SHARDS     lcov tracefiles in the lcov_shards job    (default: 100)
  COPIES     jq copies in each of those tracefiles     (default: 4)
  QUICK      1: the defaults above become RUNS=1 MAXRUNS=2 SIZES='250000
             500000' BINARIES=65 BIGBINARIES=650 MANY=500 SHARDS=10 COPIES=1
  CORPUS     the real-data corpus           (default: ../shared/corpus)
  CPROJ      a real C project's coverage build tree, made once by
             bench/cproj.sh    (default: build/bench/libxml2)
  GOROOT     Go 1.23 toolchain; its src/ is the source tree the corpus
             profiles were made from        (default: /usr/lib/go-1.23)

Each job checks first that covkit and every peer agree (PASS/FAIL), then
times each command: hyperfine's median of >= RUNS runs, read from its
--export-json (TIMER=loop: a loop of RUNS runs), and the peak RSS and CPU
time of one run under '/usr/bin/time -v', read by field name. Exit status:
0 all checks passed, 1 a check failed, 3 a tool or input is missing.
Peers are installed by 'scripts/install-deps.sh --peers' (root), never here.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUICK_DEFAULTS = {"RUNS": "1", "MAXRUNS": "2", "SIZES": "250000 500000",
                  "BINARIES": "65", "BIGBINARIES": "650", "MANY": "500",
                  "SHARDS": "10", "COPIES": "1"}
DEFAULTS = {"RUNS": "5", "MAXRUNS": "30",
            "SIZES": "250000 500000 1000000 2000000", "BINARIES": "650",
            "BIGBINARIES": "6500", "MANY": "10000", "SHARDS": "100",
            "COPIES": "4"}


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    say("run.py: " + msg)
    sys.exit(3)


def sh(cmd, **kw):
    """Runs CMD with bash from the repository root; returns the process."""
    return subprocess.run(["bash", "-c", cmd], cwd=TOP, **kw)


def sh_out(cmd):
    p = sh(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.stdout.strip()


def absdir(path):
    path = os.path.join(TOP, path)
    return os.path.realpath(path) if os.path.isdir(path) else None


def settings():
    """Every $NAME a command of jobs.toml may use."""
    env = os.environ
    quick = env.get("QUICK", "") not in ("", "0")
    v = dict(DEFAULTS, **(QUICK_DEFAULTS if quick else {}))
    v.update({k: env[k] for k in v if env.get(k)})
    v["QUICK"] = quick
    v["BIN"] = absdir(env.get("BIN") or "build")
    if not v["BIN"]:
        die(f"no build directory '{env.get('BIN') or 'build'}' "
            "(run make first)")
    v["DATA"] = env.get("DATA") or v["BIN"] + "/bench-data"
    v["RESULTS"] = env.get("RESULTS") or (
        v["BIN"] + "/bench-quick.md" if quick else TOP + "/bench/RESULTS.md")
    v["JOBS"] = env.get("JOBS") or "."
    v["CORPUS"] = absdir(env.get("CORPUS") or "../shared/corpus") \
        or "/nonexistent"
    v["CPROJ"] = os.path.abspath(env.get("CPROJ") or
                                 TOP + "/build/bench/libxml2")
    v["GOROOT"] = env.get("GOROOT") or "/usr/lib/go-1.23"
    v["TOP"] = TOP
    v["GOSRC"] = v["GOROOT"] + "/src"
    # 'go tool cover -func' resolves go/ast/... through the Go tree's module
    v["FUNC"] = "cd $GOSRC && go tool cover -func"
    v["U"] = "$CORPUS/go/unit/unit.count.out"
    v["S"] = "$CORPUS/go/system/system.AB.count.out"
    v["GOCOVMERGE_REF"] = "$CORPUS/go/ref/gocovmerge/unit+system.AB.count.out"
    v["CDA"] = "$CORPUS/go/covdata/A.count"
    v["CDB"] = "$CORPUS/go/covdata/B.count"
    v["PROJ"] = "$DATA/lcovproj-$COPIES"
    v["SHARD_DIR"] = "$DATA/lcov-shards-${SHARDS}x$COPIES"
    v["BIGSIZE"] = v["SIZES"].split()[-1]
    return v


VAR = re.compile(r"\$\$|\$(\w+)|\$\{(\w+)\}")


def expand(text, v):
    """$NAME and ${NAME} replaced by V's NAME (again and again: a setting
    may name others); any other $ is left to bash; $$ is a literal $."""
    def one(m):
        if m.group(0) == "$$":
            return "\0"
        name = m.group(1) or m.group(2)
        return str(v[name]) if name in v else m.group(0)
    while True:
        new = VAR.sub(one, text)
        if new == text:
            return text.replace("\0", "$")
        text = new


def peers(v):
    """The optional peer tools: their paths (None: missing) and notes."""
    tools = {t: shutil.which(t) for t in ("genhtml", "grcov", "gocovmerge")}
    lrm = shutil.which("lcov-result-merger") and "lcov-result-merger"
    old = v["DATA"] + "/npm/node_modules/.bin/lcov-result-merger"
    if not lrm and os.access(old, os.X_OK):
        lrm = old       # where run.sh used to install it
    tools["lcov-result-merger"] = lrm
    v["GOCOVMERGE"] = tools["gocovmerge"] or ""
    v["LRM"] = lrm or ""
    if tools["gocovmerge"]:
        gcm = "gocovmerge: " + tools["gocovmerge"]
    elif sh("apt-cache show golang-github-wadey-gocovmerge-dev",
            capture_output=True).returncode == 0:
        gcm = "gocovmerge: not installed (scripts/install-deps.sh --peers)"
    else:
        gcm = ("gocovmerge: not packaged in Debian (apt-cache search "
               "gocovmerge finds nothing), so not run; its output recorded "
               "in the corpus is compared instead")
    grcov = sh_out("grcov --version") if tools["grcov"] else "not installed"
    lrmv = "not installed (scripts/install-deps.sh --peers, from npm)"
    if lrm:
        lrmv = sh_out(f"{lrm} --version") + " from npm"
    v["NOTES"] = [gcm, f"grcov: {grcov}; lcov-result-merger: {lrmv}; "
                  + sh_out("gcovr --version 2>/dev/null | head -1")]
    missing = [t for t, p in tools.items() if not p]
    if missing:
        say("run.py: not installed: " + ", ".join(missing) + " (their rows "
            "are skipped; scripts/install-deps.sh --peers installs the "
            "peers Debian or npm has)")
    return tools


def formats(v):
    """{name: modes} of this covkit build's --list-formats."""
    out = sh_out(f"{v['BIN']}/covconv --list-formats 2>/dev/null")
    return {w[0]: w[1] for w in (l.split() for l in out.splitlines())
            if len(w) > 1}


def nbytes(paths):
    n = 0
    for p in paths:
        if os.path.isdir(p):
            for d, _, files in os.walk(p):
                n += sum(os.path.getsize(os.path.join(d, f)) for f in files)
        elif os.path.exists(p):
            n += os.path.getsize(p)
    return n


def generate(gens, v, optional=False):
    """Makes each missing generated input: its cmd writes $OUT, renamed.
    A failure stops the run, or with OPTIONAL returns False."""
    for path, cmd in gens:
        out = expand(path, v)
        if os.path.exists(out) and (os.path.isdir(out) or
                                    os.path.getsize(out) > 0):
            continue
        say("  generating " + os.path.basename(out))
        tmp = out + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        if os.path.isfile(tmp):
            os.remove(tmp)
        if sh(expand(cmd, dict(v, OUT=tmp))).returncode != 0:
            if optional:
                return False
            die(f"cannot make {out}")
        os.replace(tmp, out)
    return True


def time_cmd(cmd, v):
    """{median, min, max (s), runs} of CMD, or None when it failed."""
    os.sync()   # the writeback of the job's outputs would take a core
    if v["TIMER"] == "hyperfine":
        js = v["T"] + "/hf.json"
        p = subprocess.run(
            ["hyperfine", "-S", "bash", "-w", "1", "-m", v["RUNS"],
             "-M", v["MAXRUNS"], "--style", "none", "--export-json", js,
             cmd], cwd=TOP, capture_output=True)
        if p.returncode != 0:
            return None
        with open(js) as f:
            r = json.load(f)["results"][0]
        return {"median": r["median"], "min": r["min"], "max": r["max"],
                "runs": len(r["times"])}
    times = []
    for _ in range(int(v["RUNS"])):
        t0 = time.perf_counter()
        sh(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return {"median": med, "min": times[0], "max": times[-1], "runs": n}


def rss_cmd(cmd, v):
    """Runs CMD once (its outputs are kept for the checks): (exit status,
    peak RSS in KiB or None, CPU seconds or None, stderr)."""
    if not os.access("/usr/bin/time", os.X_OK):
        p = sh(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return p.returncode, None, None, p.stderr
    tv = v["T"] + "/time.txt"
    p = subprocess.run(["/usr/bin/time", "-v", "-o", tv, "bash", "-c", cmd],
                       cwd=TOP, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    field = {}
    with open(tv) as f:
        for line in f:
            name, _, value = line.strip().rpartition(": ")
            field[name] = value
    rss = int(field["Maximum resident set size (kbytes)"])
    cpu = float(field["User time (seconds)"]) + \
        float(field["System time (seconds)"])
    return p.returncode, rss, cpu, p.stderr


def run_job(job, v, tools, res):
    """Runs, checks, then times one job (one instance of an 'each' job);
    appends its rows and check results to RES."""
    name = expand(job["name"], v)
    say(f"== {name}: {expand(job['about'], v).splitlines()[0]}")
    generate(job.get("gen", []), v)
    for c in job.get("prepare", []):
        if sh(expand(c, v)).returncode != 0:
            die(f"{name}: cannot prepare its inputs")
    inputs = [expand(i, v) for i in job.get("inputs", [])]
    for i in inputs:
        if not os.access(i, os.R_OK):
            die("missing input " + i)
    runs = [dict(r, cmd=expand(r["cmd"], v), label=expand(r["label"], v))
            for r in job["run"] if tools.get(r.get("when"), True)]
    agree = "PASS"
    for r in runs:
        rc, r["rss"], r["cpu"], err = rss_cmd(r["cmd"], v)
        if rc != 0:
            say(f"  {r['label']} failed (exit {rc}): "
                f"{err.decode(errors='replace')[:300]}")
            agree = "FAIL"
    for c in job.get("check", []):
        if not tools.get(c.get("when"), True):
            continue
        ok = sh(expand(c["cmd"], v), stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL).returncode == 0
        agree = agree if ok else "FAIL"
        label = expand(c["label"], v)
        say(f"  check {'PASS' if ok else 'FAIL'}: {label}")
        res["checks"].append(f"{'PASS' if ok else 'FAIL'} | {name} | {label}")
    res["failed"] |= agree != "PASS"
    for r in runs:
        bytes_ = nbytes([expand(i, v) for i in r["inputs"]]) \
            if "inputs" in r else nbytes(inputs)
        t = time_cmd(r["cmd"], v)
        say(f"  {r['label']:<34} median "
            f"{t['median'] if t else '-':.4} s, peak RSS {r['rss']} KiB")
        res["rows"].append(dict(r, job=name, each="each" in job,
                                bytes=bytes_, blocks=v.get("N"),
                                agree=agree, t=t))


def run_jobs(spec, v, tools):
    fmts = formats(v)
    res = {"rows": [], "checks": [], "failed": False, "skipped": [],
           "about": []}
    for job in spec["job"]:
        if not re.search(v["JOBS"], job["name"]):
            continue
        if v["QUICK"] and job.get("quick") is False:
            res["skipped"].append(f"{job['name']}: not in QUICK runs "
                                  "(make bench runs it)")
            continue
        miss = [f for f in job.get("formats", [])
                if not set(f.split()[1]) <= set(fmts.get(f.split()[0], ""))]
        if miss:
            res["skipped"].append(f"{job['name']}: this covkit has no "
                                  f"format '{miss[0].split()[0]}' "
                                  f"({miss[0].split()[1]})")
            continue
        job = dict(job, gen=[spec["gen"][g] for g in job.get("gen", [])])
        if job.get("optional") and not generate(job["gen"], v, True):
            res["skipped"].append(f"{job['name']}: its input could not be "
                                  "made (its generator said why on stderr)")
            continue
        name = job["name"] + ("_N" if "each" in job else "")
        res["about"].append(f"- **{name}**: {expand(job['about'], v)}")
        for n in v[job["each"]].split() if "each" in job else [None]:
            w = dict(v, N=n) if n else v
            run_job(dict(job, name=job["name"] + "_$N") if n else job,
                    w, tools, res)
    return res


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from report import write_report
    os.environ["LC_ALL"] = "C"
    v = settings()
    os.environ["GOROOT"] = v["GOROOT"]
    os.environ["GOTOOLCHAIN"] = "local"
    os.environ["PATH"] = v["GOROOT"] + "/bin:" + os.environ["PATH"]
    with open(TOP + "/bench/jobs.toml", "rb") as f:
        spec = tomllib.load(f)
    tools = peers(v)
    v["TIMER"] = os.environ.get("TIMER") or (
        "hyperfine" if shutil.which("hyperfine") else "loop")
    if not os.access(v["BIN"] + "/covmerge", os.X_OK):
        die(f"no {v['BIN']}/covmerge (run make first)")
    if not shutil.which("go"):
        die(f"no Go at {v['GOROOT']} (install golang-1.23-go)")
    if not all(os.access(expand(f, v), os.R_OK) for f in ("$U", "$S")):
        die(f"no corpus at {v['CORPUS']}")
    os.makedirs(v["DATA"], exist_ok=True)
    v["LOAD0"] = open("/proc/loadavg").read().split()[:3]
    # top's second sample: %CPU over the last half second
    v["BUSY0"] = sh_out(
        "top -bn2 -d 0.5 2>/dev/null | awk '/^ *PID/ { n++; next } n == 2 "
        "&& k < 3 { printf \"%s%s %s\", k++ ? \"; \" : \"\", $9, $12 }'")
    tmp = os.environ.get("TMPDIR", "/tmp")
    with tempfile.TemporaryDirectory(prefix="covkit-bench.", dir=tmp) as T, \
            tempfile.TemporaryDirectory(
                prefix="covkit-bench.",
                dir="/dev/shm" if os.path.isdir("/dev/shm") else tmp) as shm:
        v["T"], v["SHM"] = T, shm
        res = run_jobs(spec, v, tools)
        write_report(spec, v, res, expand)
    sys.exit(1 if res["failed"] else 0)
