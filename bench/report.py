# report.py - bench/RESULTS.md from run.py's measurements, by name.
import os
import re
import subprocess
import time

INTRO = """\
# covkit benchmark results

Written by `bench/run.py` from `bench/jobs.toml` (`make bench`); do not
edit by hand.{quick}

## Machine
{machine}

Note: this machine is shared (2 cores, several builds, tests and fuzzers
running at the same time), so absolute times are noisy; the ratios and the
scaling shape are what to read. With another process on one core, the
threads job cannot show a speed-up. The lead re-runs this on a quiet
machine.

## Jobs
{about}

Not measured: {skipped}a peer reading gcov's JSON itself (gcovr 5.2 and
lcov 1.16 run gcov on .gcda files, which the corpus does not hold; the
gcovjson_cobertura job compares with gcovr writing from its own JSON of the
same run instead).

"median" is wall time over all timed runs (after one warm-up run, so
inputs are in the page cache). "CPU ms" (user + system) and "peak RSS" come
from one more run under `/usr/bin/time -v` (CPU time in steps of 10 ms);
CPU time suffers less from the other load on a shared machine than wall
time. "input MiB" is what the command reads. "time / covkit" is the
tool's median over the covkit tool's median (above 1: covkit is faster).
"agree" is PASS when every check of the job passed.

{jobs}

### Scaling (covmerge)
{scale}

{growth}

### Targets (issue #7), from this run
{targets}

Why a target is not met, and what was measured on the way:
`bench/NOTES.md`.

### Agreement checks (run before timing)
{checks}

## Reproduce
    make B=build/bench MOREFLAGS=-Werror
    BIN=build/bench bench/run.py      # or: make bench (uses build/)

Timed commands, run from the repository root with GOROOT={goroot},
GOTOOLCHAIN=local and $GOROOT/bin first on PATH ($T is a temporary
directory, $SHM one in /dev/shm; $BIN is the build directory, $CORPUS
the corpus, and generated inputs are cached in {data}):
{commands}
"""


def out(cmd):
    p = subprocess.run(["bash", "-c", cmd], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return p.stdout.rstrip("\n")


def f1(x, scale=1.0):
    return "-" if x is None else f"{x * scale:.1f}"


def f0(x, scale=1.0):
    return "-" if x is None else f"{x * scale:.0f}"


def med(row):
    return row["t"]["median"] if row["t"] else None


def ratio(a, b):
    return "-" if a is None or not b else f"{a / b:.2f}"


def machine(v):
    cpu = out("awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo")
    free = "\n".join("      " + l for l in out("free -h").splitlines())
    timer = ("- " + out("hyperfine --version") if v["TIMER"] == "hyperfine"
             else "- timer: a loop around bash -c (includes bash start-up)")
    lines = [
        "- date: " + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        f"- CPU: {cpu}, nproc {os.cpu_count()}",
        "- memory (free -h):", "", free, "",
        "- busiest processes at start (%CPU, other helpers' work): "
        + v["BUSY0"],
        f"- load average at start: {' '.join(v['LOAD0'])}; at end: "
        + " ".join(open("/proc/loadavg").read().split()[:3]),
        "- kernel: " + out("uname -sr"),
        "- covkit: " + out(f"{v['BIN']}/covmerge --version 2>&1 | head -1")
        + f" ({v['BIN']})",
        "- Go: " + out("go version"), timer,
        "- GNU time (Debian package time "
        + (out("dpkg-query -W -f '${Version}' time 2>/dev/null")
           or "missing") + ")",
        "- " + out("wc --version | head -1") + ", mawk: "
        + out("awk -W version 2>&1 | head -1")]
    lines += ["- " + n for n in v["NOTES"]]
    lines.append("- " + out("lcov --version 2>/dev/null | head -1")
                 + "; node " + out("node --version 2>/dev/null"))
    return "\n".join(lines)


def table_jobs(rows):
    kit = {r["job"]: med(r) for r in rows if r["kind"] == "covkit"}
    lines = ["| job | tool | input MiB | median ms | min-max ms | runs | "
             "CPU ms | peak RSS MiB | time / covkit | agree |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if r["each"]:
            continue
        t = r["t"] or {}
        label, agree = r["label"], r["agree"]
        rat = "1" if r["kind"] == "covkit" else ratio(med(r), kit.get(r["job"]))
        if r["kind"] == "floor":
            label, agree = label + " (floor)", "-"
        lines.append(
            f"| {r['job']} | {label} | {f1(r['bytes'], 1 / 1048576)} | "
            f"{f1(t.get('median'), 1e3)} | {f1(t.get('min'), 1e3)}-"
            f"{f1(t.get('max'), 1e3)} | {t.get('runs', 0)} | "
            f"{f0(r['cpu'], 1e3)} | {f1(r['rss'], 1 / 1024)} | {rat} | "
            f"{agree} |")
    return "\n".join(lines)


def table_scale(rows):
    lines = ["| blocks | input MiB | median ms | min-max ms | runs | ns/block "
             "| CPU ms | CPU ns/block | peak RSS MiB | RSS bytes/block | "
             "agree |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if not r["each"]:
            continue
        t, b = r["t"] or {}, int(r["blocks"])
        lines.append(
            f"| {b} | {f1(r['bytes'], 1 / 1048576)} | "
            f"{f1(t.get('median'), 1e3)} | {f1(t.get('min'), 1e3)}-"
            f"{f1(t.get('max'), 1e3)} | {t.get('runs', 0)} | "
            f"{f0(t.get('median'), 1e9 / b)} | {f0(r['cpu'], 1e3)} | "
            f"{f0(r['cpu'], 1e9 / b)} | {f1(r['rss'], 1 / 1024)} | "
            f"{f0(r['rss'], 1024 / b)} | {r['agree']} |")
    return "\n".join(lines)


def growth(rows):
    s = [r for r in rows if r["each"] and r["t"]]
    if len(s) < 2:
        return ""
    a, z = s[0], s[-1]
    ba, bz = int(a["blocks"]), int(z["blocks"])

    def per(key):
        x, y = key(a), key(z)
        return (y / bz) / (x / ba) if x and y is not None else 0
    return (f"From {ba} to {bz} blocks (x{bz / ba:.1f}), per block: median "
            f"time x{per(lambda r: r['t']['median']):.2f}, fastest run "
            f"x{per(lambda r: r['t']['min']):.2f}, CPU time "
            f"x{per(lambda r: r['cpu']):.2f}, peak RSS "
            f"x{per(lambda r: r['rss']):.2f} (1.00 = linear growth).")


def measure(rows, job, label, what):
    """WHAT (median: s, rss: bytes, bytes: input bytes) of a row, or None."""
    for r in rows:
        if r["job"] == job and r["label"] == label:
            if what == "median":
                return med(r)
            if what == "rss":
                return None if r["rss"] is None else r["rss"] * 1024
            return r["bytes"]
    return None


def targets(spec, rows, expand):
    lines = ["| target | measured | verdict |", "|---|---:|---|"]
    for g in spec["target"]:
        num = measure(rows, *[expand(x) for x in g["num"]])
        den = measure(rows, *[expand(x) for x in g["den"]])
        x = ratio(num, den)
        if x == "-":
            verdict = "not measured"
        elif float(x) >= g.get("at_least", float(x)) and \
                float(x) <= g.get("at_most", float(x)):
            verdict = "met"
        else:
            verdict = "**not met**"
        lines.append(f"| {expand(g['text'])} | {x} | {verdict} |")
    return "\n".join(lines)


def commands(rows, tdir):
    lines = []
    for r in rows:
        cmd = re.sub(r" +", " ", re.sub(r"\\\n\s*", " ", r["cmd"]))
        lines += [f"    # {r['job']}, {r['label']}", "    " + cmd]
    return "\n".join(lines).replace(tdir + "/", "$T/")


def unmachine(text, v):
    """This machine's directories named by their variables: no machine path
    goes into the repository."""
    for name in ("DATA", "BIN", "CORPUS", "SHM"):
        text = text.replace(v[name], "$" + name)
    return text


def write_report(spec, v, res, expand):
    """Writes v["RESULTS"] (or stdout: '-'); EXPAND is run.py's."""
    rows = res["rows"]
    text = INTRO.format(
        quick="\n\nQUICK=1: small inputs and 1-2 runs; a smoke test, not "
              "a measurement." if v["QUICK"] else "",
        machine=machine(v), about="\n".join(res["about"]),
        skipped="".join(s + "; " for s in res["skipped"]),
        jobs=table_jobs(rows), scale=table_scale(rows), growth=growth(rows),
        targets=targets(spec, rows, lambda s: expand(s, v)),
        checks="\n".join("- " + c for c in res["checks"]),
        goroot=v["GOROOT"], data=v["DATA"],
        commands=commands(rows, v["T"]))
    text = unmachine(text, v)
    if v["RESULTS"] == "-":
        print(text, end="")
        return
    with open(v["RESULTS"] + ".tmp", "w") as f:
        f.write(text)
    os.replace(v["RESULTS"] + ".tmp", v["RESULTS"])
    print(text, end="")
