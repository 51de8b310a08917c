#!/usr/bin/env python3
# review_oracle.py - an independent oracle for `covcheck --base` (issue #18).
#
# Written from the interface of issue 18 (base/head totals, their deltas,
# the line mapping through a unified diff with moved code, the twelve
# differential categories, changed and indirect files), not from covkit's
# code. Python 3 standard library only.
#
#   review_oracle.py lines PROFILE [--module M] [--lcov FILE]
#       the per-line view of PROFILE (Go text profile or lcov tracefile):
#       "path line hits" for every coverable line (hits 0 or 1), then
#       "branch path line covered total"; with --lcov, compare it with
#       that lcov file (covconv --to lcov of PROFILE) and exit 1 on any
#       difference, listing them
#   review_oracle.py compare --base B --head H [--diff D] [--module M]
#           [--funcs-base F] [--funcs-head F]
#       the comparison as JSON on stdout: "head" and "base" totals, "delta",
#       "categories", "files", "drop" (exact line drop, a fraction "p/q"),
#       "ambiguous" (moved-line candidates the rules leave open)
#       --module M: Go import paths M/x.go become x.go (what go.mod does)
#       --funcs-*: `go tool cover -func` output of that side (Go functions:
#       covered when any statement ran)
#   review_oracle.py verify [--go] ORACLE COVCHECK
#       compare the oracle's JSON with covcheck --format json's "base"
#       section and totals, field by field; print each difference, exit 1
#       when there is one. --go: the base's Go functions may also be "no
#       data" (a Go text profile has no functions: covkit finds them in the
#       sources, which are the head's; the oracle has the base's from
#       `go tool cover -func` at the base commit)
import json
import re
import sys
from fractions import Fraction

KINDS = ("lines", "branches", "functions", "statements")
CATS = ("GNC", "UNC", "GBC", "LBC", "CBC", "UBC",
        "GIC", "UIC", "DCB", "DUB", "ECB", "EUB")
HEAD_LISTED = ("GNC", "UNC", "GBC", "LBC", "GIC", "UIC")
BASE_LISTED = ("DCB", "DUB", "ECB", "EUB")


class Side:
    """One profile: per file {line: hit}, branches, statements, functions."""

    def __init__(self):
        self.lines = {}      # path -> {line: bool covered}
        self.branches = {}   # path -> [covered, total]
        self.stmts = [0, 0]
        self.funcs = None    # [covered, total] or None (no data)

    def file(self, path):
        self.branches.setdefault(path, [0, 0])
        return self.lines.setdefault(path, {})

    def totals(self):
        lc = sum(sum(1 for h in f.values() if h) for f in self.lines.values())
        lt = sum(len(f) for f in self.lines.values())
        bc = sum(b[0] for b in self.branches.values())
        bt = sum(b[1] for b in self.branches.values())
        fn = self.funcs or [0, 0]
        return {"lines": (lc, lt), "branches": (bc, bt),
                "functions": tuple(fn), "statements": tuple(self.stmts)}


def go_path(path, module):
    if module and path.startswith(module + "/"):
        return path[len(module) + 1:]
    return path


def read_go(text, module):
    """Blocks to lines: a block gives its start line, its middle lines and
    its end line when the end column is past 2 (covkit-formats(5), BLOCKS
    TO LINES); a line is covered when any block on it ran; a line with
    both run and unrun blocks is a two-way branch, one way taken."""
    side = Side()
    blocks = {}
    pat = re.compile(r"^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$")
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("mode:"):
            continue
        m = pat.match(raw)
        if not m:
            sys.exit("review_oracle: go profile line %d: not a block: %r"
                     % (n, raw))
        path = go_path(m.group(1), module)
        key = (path,) + tuple(int(m.group(i)) for i in range(2, 7))
        blocks[key] = blocks.get(key, 0) + int(m.group(7))
    state = {}  # (path, line) -> set of hit flags
    for (path, sl, sc, el, ec, nst), count in blocks.items():
        side.file(path)
        side.stmts[1] += nst
        if count > 0:
            side.stmts[0] += nst
        last = el if ec > 2 else el - 1
        for line in range(sl, max(last, sl) + 1):
            state.setdefault((path, line), set()).add(count > 0)
    for (path, line), flags in state.items():
        side.file(path)[line] = True in flags
        if len(flags) == 2:
            side.branches[path][0] += 1
            side.branches[path][1] += 2
    return side


def read_lcov(text):
    side = Side()
    path = None
    fn_total = fn_hit = 0
    fns = {}
    for raw in text.splitlines():
        tag, _, val = raw.partition(":")
        if tag == "SF":
            path = val
            side.file(path)
            fns = {}
        elif tag == "DA":
            line, hits = val.split(",")[:2]
            f = side.file(path)
            f[int(line)] = f.get(int(line), False) or int(hits) > 0
        elif tag == "BRDA":
            taken = val.split(",")[3]
            side.branches[path][1] += 1
            if taken != "-" and int(taken) > 0:
                side.branches[path][0] += 1
        elif tag == "FN":
            fns.setdefault(val.split(",", 1)[1], 0)
        elif tag == "FNDA":
            hits, name = val.split(",", 1)
            fns[name] = fns.get(name, 0) + int(hits)
        elif tag == "end_of_record":
            fn_total += len(fns)
            fn_hit += sum(1 for h in fns.values() if h > 0)
    side.funcs = [fn_hit, fn_total]
    lc, lt = side.totals()["lines"]
    side.stmts = [lc, lt]  # a line record counts as one statement
    return side


def read_profile(path, module):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("mode:"):
        return read_go(text, module), "go"
    return read_lcov(text), "lcov"


def read_func(path):
    """go tool cover -func: a function is covered when its percent > 0."""
    cov = tot = 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if raw.startswith("total:"):
                continue
            pct = float(raw.split()[-1].rstrip("%"))
            tot += 1
            cov += pct > 0
    return [cov, tot]


# ---- the unified diff

class Patch:
    def __init__(self):
        self.old = self.new = None   # repository paths, None = /dev/null
        self.hunks = []              # [old_start, old_len, new_start, new_len]
        self.rows = []               # per hunk: [(tag, old, new, text)]
        self.renamed = False


def strip_ab(p):
    p = p.split("\t")[0]
    if p == "/dev/null":
        return None
    return p[2:] if p[:2] in ("a/", "b/") else p


def parse_diff(text):
    patches = []
    cur = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("diff --git "):
            cur = Patch()
            patches.append(cur)
            m = re.match(r"diff --git a/(.*) b/(.*)$", ln)
            if m:
                cur.old, cur.new = m.group(1), m.group(2)
        elif ln.startswith("rename from ") and cur:
            cur.old, cur.renamed = ln[12:], True
        elif ln.startswith("rename to ") and cur:
            cur.new, cur.renamed = ln[10:], True
        elif ln.startswith("--- ") and i + 1 < len(lines) and \
                lines[i + 1].startswith("+++ "):
            if cur is None or cur.hunks:
                cur = Patch()
                patches.append(cur)
            cur.old, cur.new = strip_ab(ln[4:]), strip_ab(lines[i + 1][4:])
            i += 1
        elif ln.startswith("@@ "):
            m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", ln)
            h = [int(m.group(1)), int(m.group(2) or 1),
                 int(m.group(3)), int(m.group(4) or 1)]
            cur.hunks.append(h)
            rows = []
            o, n = h[0], h[2]
            left_o, left_n = h[1], h[3]
            i += 1
            while i < len(lines) and (left_o > 0 or left_n > 0):
                r = lines[i]
                if r.startswith("\\"):
                    i += 1
                    continue
                tag, body = (r[:1] or " "), r[1:]
                if tag == "-":
                    rows.append(("-", o, None, body))
                    o += 1
                    left_o -= 1
                elif tag == "+":
                    rows.append(("+", None, n, body))
                    n += 1
                    left_n -= 1
                else:
                    rows.append((" ", o, n, body))
                    o, n = o + 1, n + 1
                    left_o, left_n = left_o - 1, left_n - 1
                i += 1
            cur.rows.append(rows)
            continue
        i += 1
    return patches


def runs(patches, tag):
    """Maximal runs of consecutive TAG rows of one hunk:
    [(patch index, [(line, trimmed text)])]."""
    out = []
    for pi, p in enumerate(patches):
        for rows in p.rows:
            run = []
            for t, o, n, body in rows + [("", 0, 0, "")]:
                if t == tag:
                    run.append((o if tag == "-" else n, body.strip()))
                elif run:
                    out.append((pi, run))
                    run = []
    return out


def alnum(s):
    return sum(c.isalnum() for c in s)


def find_moves(patches):
    """'+' line -> '-' line it moved from: a run of >= 3 '+' lines equal
    (trimmed) to a run of '-' lines, >= 20 alphanumerics in all. A '+'
    line in several such runs takes the longest; a tie between different
    '-' lines is reported as ambiguous."""
    best = {}  # (pi, new line) -> (length, [(pj, old line)])
    for pi, prun in runs(patches, "+"):
        for pj, mrun in runs(patches, "-"):
            for d in range(-len(prun) + 1, len(mrun)):
                i = max(0, -d)
                while i < len(prun) and i + d < len(mrun):
                    j = i
                    while j < len(prun) and j + d < len(mrun) and \
                            prun[j][1] == mrun[j + d][1]:
                        j += 1
                    seg = range(i, j)
                    if len(seg) >= 3 and \
                            sum(alnum(prun[k][1]) for k in seg) >= 20:
                        for k in seg:
                            key = (pi, prun[k][0])
                            src = (pj, mrun[k + d][0])
                            cur = best.get(key, (0, []))
                            if len(seg) > cur[0]:
                                best[key] = (len(seg), [src])
                            elif len(seg) == cur[0] and src not in cur[1]:
                                cur[1].append(src)
                    i = j + 1 if j == i else j
    moved, ambiguous = {}, []
    for key, (_, srcs) in sorted(best.items()):
        moved[key] = srcs[0]
        if len(srcs) > 1:
            ambiguous.append([patches[key[0]].new, key[1],
                              [[patches[s[0]].old, s[1]] for s in srcs]])
    return moved, ambiguous


def match_path(diff_path, paths):
    """The profile path that is the diff path: equal, else the longest
    '/'-bounded suffix either way; a tie matches nothing."""
    if diff_path is None:
        return None
    if diff_path in paths:
        return diff_path
    best, n, tie = None, 0, False
    for p in paths:
        a, b = (p, diff_path) if len(p) >= len(diff_path) else (diff_path, p)
        if a.endswith(b) and (len(a) == len(b) or a[-len(b) - 1] == "/"):
            if len(b) > n:
                best, n, tie = p, len(b), False
            elif len(b) == n:
                tie = True
    return None if tie else best


def shift(hunks, line, old_side):
    """LINE outside every hunk, moved by the hunks before it."""
    off = 0
    for os_, ol, ns, nl in hunks:
        start, length = (os_, ol) if old_side else (ns, nl)
        if start + max(length, 1) - 1 < line:
            off += (nl - ol) if old_side else (ol - nl)
    return line + off


class Mapping:
    """Base line <-> head line through the diff (or identity)."""

    def __init__(self, patches, base, head):
        self.patches = patches or []
        self.moved, self.ambiguous = find_moves(self.patches)
        self.moved_from = {}   # (base path, base line) -> [(head path, line)]
        self.by_base, self.by_head = {}, {}
        bpaths, hpaths = list(base.lines), list(head.lines)
        for pi, p in enumerate(self.patches):
            p.base = match_path(p.old, bpaths)
            p.head = match_path(p.new, hpaths)
            p.rowmap_old, p.rowmap_new = {}, {}
            for rows in p.rows:
                for t, o, n, body in rows:
                    if o is not None:
                        p.rowmap_old[o] = (t, n)
                    if n is not None:
                        p.rowmap_new[n] = (t, o)
            if p.base:
                self.by_base[p.base] = p
            if p.head:
                self.by_head[p.head] = p
        for (pi, nline), (pj, oline) in self.moved.items():
            src = self.patches[pj]
            dst = self.patches[pi]
            self.moved_from.setdefault((src.base, oline), []).append(
                (dst.head, nline))
        self.moved_old = {(pj, o) for pj, o in self.moved.values()}

    def origin(self, hpath, line):
        """Where head LINE comes from: ("new",), ("base", path, line) or
        ("none",) (from a file the base profile does not have)."""
        p = self.by_head.get(hpath)
        if p is None:
            return ("base", hpath, line)
        pi = self.patches.index(p)
        if p.old is None and (pi, line) not in self.moved:
            return ("new",)
        row = p.rowmap_new.get(line)
        if row and row[0] == "+":
            if (pi, line) in self.moved:
                pj, oline = self.moved[(pi, line)]
                return ("base", self.patches[pj].base, oline)
            return ("new",)
        oline = row[1] if row else shift(p.hunks, line, False)
        return ("base", p.base, oline)

    def image(self, bpath, line):
        """Where base LINE goes: ("deleted",) or ("head", [(path, line)])."""
        p = self.by_base.get(bpath)
        if p is None:
            return ("head", [(bpath, line)])
        pi = self.patches.index(p)
        row = p.rowmap_old.get(line)
        if row and row[0] == "-" or p.new is None:
            if (pi, line) in self.moved_old:
                return ("head", self.moved_from.get((bpath, line), []))
            return ("deleted",)
        nline = row[1] if row else shift(p.hunks, line, True)
        return ("head", [(p.head or p.new, nline)])

    def touched(self, path):
        for p in self.patches:
            if path in (p.base, p.head):
                if p.old is None or p.new is None or p.renamed or \
                        p.old != p.new or \
                        any(r[0] in "+-" for rows in p.rows for r in rows):
                    return True
        return False


def ranges(lines):
    out = []
    for ln in sorted(lines):
        if out and out[-1][1] == ln - 1:
            out[-1][1] = ln
        else:
            out.append([ln, ln])
    return out


def percent(c, t):
    return None if t == 0 else float("%.1f" % (100.0 * c / t))


def delta(b, h):
    if b[1] == 0 or h[1] == 0:
        return None
    return Fraction(100 * h[0], h[1]) - Fraction(100 * b[0], b[1])


def compare(base, head, patches):
    mp = Mapping(patches, base, head)
    cats = {}   # path -> {cat: [lines]}
    def put(path, cat, line):
        cats.setdefault(path, {}).setdefault(cat, []).append(line)
    for hpath, hl in head.lines.items():
        for line, cov in hl.items():
            o = mp.origin(hpath, line)
            if o[0] == "new":
                put(hpath, "GNC" if cov else "UNC", line)
                continue
            b = base.lines.get(o[1], {}).get(o[2]) if o[0] == "base" else None
            if b is None:
                put(hpath, "GIC" if cov else "UIC", line)
            else:
                put(hpath, {(True, True): "CBC", (False, False): "UBC",
                            (False, True): "GBC", (True, False): "LBC"}
                    [(b, cov)], line)
    for bpath, bl in base.lines.items():
        for line, cov in bl.items():
            im = mp.image(bpath, line)
            if im[0] == "deleted":
                put(bpath, "DCB" if cov else "DUB", line)
                continue
            live = [h for h in im[1] if head.lines.get(h[0], {}).get(h[1])
                    is not None]
            for h in live:  # the head pass must have seen it coming from here
                o = mp.origin(*h)
                if o != ("base", bpath, line):
                    sys.exit("review_oracle: inconsistent mapping: %s:%d -> "
                             "%s:%d -> %r" % (bpath, line, h[0], h[1], o))
            if not live:
                put(bpath, "ECB" if cov else "EUB", line)
    return mp, cats


def side_file(side, path):
    if path not in side.lines:
        return None
    f = side.lines[path]
    c, t = sum(1 for h in f.values() if h), len(f)
    return {"covered": c, "total": t, "percent": percent(c, t)}


def result(base, head, patches):
    mp, cats = compare(base, head, patches)
    bt, ht = base.totals(), head.totals()
    total_cats = {c: 0 for c in CATS}
    files = []
    for path in sorted(set(base.lines) | set(head.lines)):
        fc = {c: len(v) for c, v in cats.get(path, {}).items()}
        for c, n in fc.items():
            total_cats[c] += n
        b, h = side_file(base, path), side_file(head, path)
        key = lambda s: s and (s["covered"], s["total"])
        if key(b) == key(h) and not any(c not in ("CBC", "UBC") for c in fc):
            continue
        d = delta((b["covered"], b["total"]), (h["covered"], h["total"])) \
            if b and h else None
        files.append({
            "path": path,
            "status": "kept" if b and h else "added" if h else "removed",
            "direct": mp.touched(path) if patches is not None else None,
            "base": b, "head": h,
            "delta": None if d is None else str(d),
            "categories": {c: fc[c] for c in CATS if fc.get(c)},
            "lines": {c: ranges(cats[path][c]) for c in CATS
                      if c in HEAD_LISTED + BASE_LISTED and
                      cats.get(path, {}).get(c)}})
    tot = lambda t: {k: {"covered": t[k][0], "total": t[k][1],
                         "percent": percent(*t[k])} for k in KINDS}
    deltas = {k: delta(bt[k], ht[k]) for k in KINDS}
    drop = -deltas["lines"] if deltas["lines"] is not None else None
    return {"inputs": 1, "base": tot(bt), "head": tot(ht),
            "delta": {k: None if v is None else str(v)
                      for k, v in deltas.items()},
            "categories": total_cats, "files": files,
            "drop": None if drop is None else str(drop),
            "ambiguous": mp.ambiguous}


def line_view(side):
    out = []
    for path in sorted(side.lines):
        for line in sorted(side.lines[path]):
            out.append("%s %d %d" % (path, line, side.lines[path][line]))
    for path in sorted(side.branches):
        c, t = side.branches[path]
        if t:
            out.append("branch %s %d %d" % (path, c, t))
    return out


def cmd_lines(args):
    module = opt(args, "--module")
    other = opt(args, "--lcov")
    side, _ = read_profile(args[0], module)
    mine = line_view(side)
    if other is None:
        print("\n".join(mine))
        return 0
    with open(other, encoding="utf-8") as f:
        theirs = line_view(read_lcov(f.read()))
    a, b = set(mine), set(theirs)
    diff = ["only the oracle has: %s" % r for r in sorted(a - b)] + \
        ["only %s has: %s" % (other, r) for r in sorted(b - a)]
    for row in diff[:20]:
        print("review_oracle: " + row)
    if len(diff) > 20:
        print("review_oracle: ... and %d more differences" % (len(diff) - 20))
    return 0 if a == b else 1


def opt(args, name):
    if name in args:
        i = args.index(name)
        val = args[i + 1]
        del args[i:i + 2]
        return val
    return None


def cmd_compare(args):
    module = opt(args, "--module")
    bpath, hpath, dpath = opt(args, "--base"), opt(args, "--head"), \
        opt(args, "--diff")
    fb, fh = opt(args, "--funcs-base"), opt(args, "--funcs-head")
    base, _ = read_profile(bpath, module)
    head, _ = read_profile(hpath, module)
    if fb:
        base.funcs = read_func(fb)
    if fh:
        head.funcs = read_func(fh)
    patches = None
    if dpath:
        with open(dpath, encoding="utf-8") as f:
            patches = parse_diff(f.read())
    res = result(base, head, patches)
    for a in res["ambiguous"]:
        print("review_oracle: ambiguous move: %s:%d from %r" % tuple(a),
              file=sys.stderr)
    json.dump(res, sys.stdout, indent=1)
    print()
    return 0


class Verify:
    def __init__(self):
        self.bad = 0

    def same(self, what, want, got):
        if want != got:
            self.bad += 1
            print("review: %s: oracle %s, covcheck %s"
                  % (what, json.dumps(want), json.dumps(got)))

    def points(self, what, want, got):
        """WANT an exact fraction (string) or None; GOT its value rounded
        to 4 decimals (an exact tie either way)."""
        if want is None or got is None or isinstance(got, bool):
            return self.same(what, want, got)
        w = Fraction(want)
        g = Fraction(str(got))
        ok = abs(g - w) <= Fraction(1, 20000) and (g * 10000).denominator == 1
        if not ok:
            self.bad += 1
            print("review: %s: oracle %s (%.6f), covcheck %s"
                  % (what, want, float(w), got))


def cmd_verify(args):
    go = "--go" in args
    if go:
        args.remove("--go")
    with open(args[0], encoding="utf-8") as f:
        want = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        got = json.load(f)
    v = Verify()
    gb = got.get("base")
    if not isinstance(gb, dict):
        print("review: covcheck's JSON has no \"base\" object: %r" % (gb,))
        return 1
    v.same("base.inputs", want["inputs"], gb.get("inputs"))
    none = {"covered": 0, "total": 0, "percent": None}
    for k in KINDS:
        v.same("head totals.%s" % k, want["head"][k], got["totals"].get(k))
        gt = gb.get("totals", {}).get(k)
        gd = gb.get("delta", {}).get(k)
        if go and k == "functions" and gt == none and gd is None:
            print("review: note: covcheck has no base functions (Go)")
            continue
        v.same("base totals.%s" % k, want["base"][k], gt)
        v.points("delta.%s" % k, want["delta"][k], gd)
    v.same("categories", want["categories"], gb.get("categories"))
    gfiles = gb.get("files") or []
    v.same("files (paths, in order)", [f["path"] for f in want["files"]],
           [f.get("path") for f in gfiles])
    byp = {f.get("path"): f for f in gfiles}
    for wf in want["files"]:
        gf = byp.get(wf["path"])
        if gf is None:
            continue
        p = wf["path"]
        for k in ("status", "direct", "base", "head"):
            v.same("files[%s].%s" % (p, k), wf[k], gf.get(k))
        for k in ("categories", "lines"):  # absent: none
            v.same("files[%s].%s" % (p, k), wf[k], gf.get(k, {}))
        v.points("files[%s].delta" % p, wf["delta"], gf.get("delta"))
    return 1 if v.bad else 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__ if __doc__ else "usage: see the file's head")
    cmd, args = sys.argv[1], sys.argv[2:]
    fn = {"lines": cmd_lines, "compare": cmd_compare,
          "verify": cmd_verify}.get(cmd)
    if fn is None:
        sys.exit("review_oracle: unknown command %r" % cmd)
    return fn(args)


if __name__ == "__main__":
    sys.exit(main())
