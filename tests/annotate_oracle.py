"""annotate_oracle.py - the independent side of tests/annotate.sh.

  github DIFF KIND PROFILE OUT        KIND: lcov or go; OUT: --format github
  gitlab DIFF KIND PROFILE OUT GH     OUT: --format gitlab, GH: github's
  make-big N INFO DIFF [RANGES]       an lcov profile of N files and a diff
                                      adding every line of each (RANGES+2
                                      runs of uncovered lines per file)
  markdown MD NBELOW NPATCH [RUNS]    checks a --format markdown report

Exit 0 when the check holds, else 1 with the reason on stdout.
"""
import hashlib
import json
import os
import re
import sys

BUDGET = 65000


def fail(msg):
    print(msg)
    sys.exit(1)


def diff_added(path):
    """{new path: set of added line numbers}, from the unified diff."""
    added, cur, line = {}, None, 0
    for raw in open(path, encoding="utf-8", errors="surrogateescape"):
        raw = raw.rstrip("\n")
        if raw.startswith("+++ "):
            name = raw[4:].split("\t")[0]
            cur = None if name == "/dev/null" else name[2:]
            if cur is not None:
                added.setdefault(cur, set())
            continue
        if raw.startswith("--- ") or raw.startswith("diff "):
            continue
        m = re.match(r"@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@", raw)
        if m:
            line = int(m.group(1))
            continue
        if cur is None or not raw:
            continue
        if raw[0] == "+":
            added[cur].add(line)
            line += 1
        elif raw[0] == " ":
            line += 1
    return added


def lcov_lines(path):
    """{path relative to the current directory: {line: count}}."""
    out, cur = {}, None
    for raw in open(path):
        raw = raw.strip()
        if raw.startswith("SF:"):
            cur = out.setdefault(os.path.relpath(raw[3:]), {})
        elif raw.startswith("DA:"):
            ln, cnt = raw[3:].split(",")[:2]
            cur[int(ln)] = max(cur.get(int(ln), 0), int(cnt))
    return out


def go_lines(path):
    """{path in the module: {line: count}}: a block gives its start line,
    its middle lines, and its end line when the end column is past 2."""
    mod = open("go.mod").read().split()[1] + "/"
    out = {}
    for raw in open(path):
        m = re.match(r"(.+):(\d+)\.(\d+),(\d+)\.(\d+) \d+ (\d+)$",
                     raw.strip())
        if not m:
            continue
        f = m.group(1)[len(mod):] if m.group(1).startswith(mod) \
            else m.group(1)
        sl, el, ec, cnt = (int(m.group(i)) for i in (2, 4, 5, 6))
        lines = [sl] if sl == el else list(range(sl, el)) + \
            ([el] if ec > 2 else [])
        d = out.setdefault(f, {})
        for ln in lines:
            d[ln] = max(d.get(ln, 0), cnt)
    return out


def unescape(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n")
            .replace("%3A", ":").replace("%2C", ",").replace("%25", "%"))


def github_ranges(path):
    """[(file, first, last)] of the ::warning lines; checks the shape."""
    runs, lines = [], open(path).read().splitlines()
    if not lines or not lines[-1].startswith("::notice title=Coverage::"):
        fail("the last line is not the Coverage notice: %r" % lines[-1:])
    for ln in lines:
        if not ln.startswith("::warning "):
            continue
        props, _, msg = ln[len("::warning "):].partition("::")
        kv = dict(p.split("=", 1) for p in props.split(","))
        first = int(kv["line"])
        last = int(kv.get("endLine", first))
        if "endLine" in kv and last <= first:
            fail("endLine not past line: " + ln)
        runs.append((unescape(kv["file"]), first, last))
    return runs


def cmd_github(diff, kind, profile, out):
    added = diff_added(diff)
    prof = lcov_lines(profile) if kind == "lcov" else go_lines(profile)
    want = {(f, ln) for f, ls in added.items() for ln in ls
            if prof.get(f, {}).get(ln) == 0}
    covered = {(f, ln) for f, ls in added.items() for ln in ls
               if prof.get(f, {}).get(ln, 0) > 0}
    old = {(f, ln) for f in added for ln, c in prof.get(f, {}).items()
           if c == 0 and ln not in added[f]}
    if not want or not covered or not old:
        fail("test data too weak: uncovered %d, covered %d, old uncovered "
             "%d" % (len(want), len(covered), len(old)))
    runs = github_ranges(out)
    got = {(f, ln) for f, a, b in runs for ln in range(a, b + 1)}
    if got != want:
        fail("annotated but not uncovered added: %s\nuncovered added, not "
             "annotated: %s" % (sorted(got - want), sorted(want - got)))
    ends = {(f, b) for f, a, b in runs}
    for f, a, b in runs:
        if (f, a - 1) in ends:
            fail("runs not merged at %s:%d" % (f, a))


def cmd_gitlab(diff, kind, profile, out, gh):
    issues = json.load(open(out))
    if not isinstance(issues, list):
        fail("not a JSON array")
    types = {"description": str, "check_name": str, "fingerprint": str,
             "severity": str, "location": dict}
    seen, ranges = set(), set()
    for i in issues:
        for k, t in types.items():
            if not isinstance(i.get(k), t):
                fail("issue without a %s %s: %r" % (t.__name__, k, i))
        loc = i["location"]
        path, lines = loc.get("path"), loc.get("lines")
        if not isinstance(path, str) or path.startswith(("./", "/")):
            fail("bad location.path: %r" % path)
        if not isinstance(lines, dict) or not all(
                isinstance(lines.get(k), int) for k in ("begin", "end")):
            fail("bad location.lines: %r" % lines)
        if not 1 <= lines["begin"] <= lines["end"]:
            fail("bad range: %r" % lines)
        if i["severity"] not in ("info", "minor", "major", "critical",
                                 "blocker"):
            fail("bad severity: %r" % i["severity"])
        key = "%s\0%s\0%d-%d" % (i["check_name"], path, lines["begin"],
                                 lines["end"])
        if i["fingerprint"] != hashlib.md5(key.encode()).hexdigest():
            fail("fingerprint is not MD5 of check, path, range: %r" % i)
        if i["fingerprint"] in seen:
            fail("fingerprint twice: " + i["fingerprint"])
        seen.add(i["fingerprint"])
        if i["check_name"] == "covkit-uncovered":
            ranges.add((path, lines["begin"], lines["end"]))
    if ranges != set(github_ranges(gh)) or not ranges:
        fail("gitlab ranges %s != github ranges %s"
             % (sorted(ranges), sorted(github_ranges(gh))))


def cmd_make_big(n, info, diff, runs=2):
    n, runs = int(n), int(runs)
    with open(info, "w") as f, open(diff, "w") as d:
        for i in range(n):
            p = "src/pkg%d/file_%05d%s.c" % (i % 97, i,
                                              "|x" if i == 0 else
                                              "`y" if i == 1 else "")
            last = 3 * runs + 5
            f.write("TN:\nSF:%s\n" % p)
            f.writelines("DA:%d,%d\n" % (ln, ln % 3 == 0)
                         for ln in range(1, last + 1))
            f.write("end_of_record\n")
            d.write("diff --git a/%s b/%s\nnew file mode 100644\n"
                    "--- /dev/null\n+++ b/%s\n@@ -0,0 +1,%d @@\n"
                    % (p, p, p, last))
            d.writelines("+x%d\n" % ln for ln in range(1, last + 1))


def code_spans(line):
    """[(start, end)] of the code spans of LINE (a run of n backticks up
    to the next run of exactly n); None when a run is left open."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    spans, i = [], 0
    while i < len(runs):
        n = runs[i][1] - runs[i][0]
        j = next((j for j in range(i + 1, len(runs))
                  if runs[j][1] - runs[j][0] == n), None)
        if j is None:
            return None
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def cells(row):
    """The cells of a table row: '|' not escaped and not in code."""
    spans = code_spans(row) or []
    return sum(1 for k, ch in enumerate(row)
               if ch == "|" and (k == 0 or row[k - 1] != "\\")
               and not any(a <= k < b for a, b in spans))


def tables(lines):
    """[(header line index, header cells, [rows])]."""
    out, i = [], 0
    while i < len(lines):
        if (lines[i].startswith("|") and i + 1 < len(lines)
                and re.match(r"^\|(-+:?\|)+$", lines[i + 1].replace(
                    "---:", "---"))):
            rows, j = [], i + 2
            while j < len(lines) and lines[j].startswith("|"):
                rows.append(lines[j])
                j += 1
            out.append((i, lines[i], rows))
            i = j
        else:
            i += 1
    return out


def note_after(lines, start):
    for ln in lines[start:start + 4]:
        m = re.match(r"^_… and ([\d,]+) more (\w+) not shown \(comment "
                     r"length limit\)_$", ln)
        if m:
            return int(m.group(1).replace(",", ""))
    return 0


def check_cells(md, ts):
    for i, head, rows in ts:
        for r in rows:
            if cells(r) != cells(head):
                fail("row of %d cells under a header of %d: %r"
                     % (cells(r), cells(head), r[:200]))
    for ln in md.splitlines():
        if code_spans(ln) is None:
            fail("unbalanced code span: %r" % ln[:200])
    if md.count("<details>") != md.count("</details>"):
        fail("unbalanced <details>")


def check_lists(lines, ts, nbelow, npatch, nchanged=0):
    found = {"coverage": 0, "uncovered": 0, "base": 0}
    for i, head, rows in ts:
        kind = head.split("|")[2].strip()
        if kind not in found:
            continue
        found[kind] = len(rows) + note_after(lines, i + 2 + len(rows))
    if found["coverage"] != nbelow or found["uncovered"] != npatch:
        fail("rows + notes: below %d (want %d), patch %d (want %d)"
             % (found["coverage"], nbelow, found["uncovered"], npatch))
    if found["base"] != nchanged:
        fail("rows + notes: changed files %d (want %d)"
             % (found["base"], nchanged))


def check_runs(ts, runs):
    total = 0
    for i, head, rows in ts:
        if head.split("|")[2].strip() != "uncovered":
            continue
        for r in rows:
            cell = r.rsplit("|", 2)[1].strip()
            shown = len(cell.split(", … ")[0].split(", "))
            m = re.search(r"… ([\d,]+) more$", cell)
            more = int(m.group(1).replace(",", "")) if m else 0
            if shown + more != runs or not more:
                fail("ranges %d + %d more != %d: %r"
                     % (shown, more, runs, cell[-80:]))
            total += 1
    if not total:
        fail("no patch rows")


def render(md, ts):
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return
    html = MarkdownIt("commonmark").enable("table").render(md)
    if html.count("<table>") != len(ts):
        fail("markdown-it renders %d tables, not %d"
             % (html.count("<table>"), len(ts)))
    rows = sum(len(r) + 1 for _, _, r in ts)
    if html.count("<tr>") != rows:
        fail("markdown-it renders %d rows, not %d" % (html.count("<tr>"),
                                                     rows))


def cmd_markdown(path, nbelow, npatch, runs=None, nchanged=0):
    """RUNS "-": no range check; NCHANGED: rows + notes of the --base
    list of changed files."""
    runs = None if runs == "-" else runs
    data = open(path, "rb").read()
    if len(data) > BUDGET:
        fail("%d bytes, over %d" % (len(data), BUDGET))
    md = data.decode("utf-8")
    lines = md.splitlines()
    ts = tables(lines)
    check_cells(md, ts)
    check_lists(lines, ts, int(nbelow), int(npatch), int(nchanged))
    if runs is not None:
        check_runs(ts, int(runs))
    elif "comment length limit" not in md:
        fail("no note")
    render(md, ts)


CMDS = {"github": cmd_github, "gitlab": cmd_gitlab,
        "make-big": cmd_make_big, "markdown": cmd_markdown}

if __name__ == "__main__":
    CMDS[sys.argv[1]](*sys.argv[2:])
