#!/usr/bin/env python3
# gcda_oracle.py - tests/gcda.sh's two readers, one record shape for both.
"""
  gcda_oracle.py gcov BUILD GCOVDIR   the .gcov text files of
                                      `llvm-cov gcov -b -c -l -p`, run in
                                      BUILD and moved to GCOVDIR
  gcda_oracle.py lcov FILE            an lcov tracefile (covkit's)
  gcda_oracle.py compare KIND TOOL BUILD WANT GOT KNOWN
                                      WANT's and GOT's records (of the two
                                      commands above) of KIND (DA, FN,
                                      BRSET, BR; or path) against the
                                      known differences of TOOL (clang-14,
                                      ...) in KNOWN: exit 0 when they
                                      differ only there

Both print the same records, sorted, one a line:
  DA PATH LINE COUNT          a line and its count; a line listed for
                              several units (a header) sums them
  FN PATH LINE NAME COUNT     a function, its first line and its calls
  BR PATH LINE C1,C2,...      the branches of a line in order: each
                              count, or - for a branch of a block never
                              executed (llvm-cov's "never executed",
                              lcov's BRDA '-'); a line listed for several
                              units (a header) adds them branch by branch
                              (- plus N is N), as merging lcov's BRDA
                              records does
  BRSET PATH LINE C1,C2,...   the same counts sorted: the line's
                              branches whatever order each tool lists
                              them in
gcov text: "COUNT:LINE:source", COUNT "-" (not a line) or "#####" (0),
a trailing "*" dropped; "function NAME called N ..." before the line that
starts NAME; "branch K taken N" or "branch K never executed" after the line
they are on. A relative "Source:" is joined with BUILD, and every path has
"." and ".." resolved lexically, as covkit's readers do.
"""
import collections
import os
import posixpath
import sys


def norm(path, base):
    if not path.startswith("/"):
        path = base + "/" + path
    return posixpath.normpath(path)


def add_branches(a, b):
    """Two units' branches of one line, added one by one."""
    if len(a) != len(b):
        return a + ["!"] + b  # units that disagree: shown as such
    return ["-" if x == y == "-" else
            str((0 if x == "-" else int(x)) + (0 if y == "-" else int(y)))
            for x, y in zip(a, b)]


def gcov_records(build, gcovdir):
    da = collections.Counter()
    fn = collections.Counter()
    br = {}
    for name in sorted(os.listdir(gcovdir)):
        if not name.endswith(".gcov"):
            continue
        one = collections.defaultdict(list)  # this unit's branches
        path, funcs, line = None, [], None
        with open(os.path.join(gcovdir, name), errors="replace") as f:
            for text in f:
                text = text.rstrip("\n")
                if text.startswith("function "):
                    funcs.append((text.split()[1], int(text.split()[3])))
                    continue
                if text.startswith("branch "):
                    w = text.split()
                    one[(path, line)].append(
                        "-" if w[2] == "never" else w[3])
                    continue
                parts = text.split(":", 2)
                if len(parts) < 3 or not parts[1].strip().isdigit():
                    continue
                count, line = parts[0].strip(), int(parts[1])
                if line == 0:
                    if parts[2].startswith("Source:"):
                        path = norm(parts[2][len("Source:"):], build)
                    continue
                for fname, calls in funcs:
                    fn[(path, line, fname)] += calls
                funcs = []
                if count == "-":
                    continue
                count = count.rstrip("*")
                da[(path, line)] += 0 if count.startswith("#") \
                    or count.startswith("=") else int(count)
        for k, v in one.items():
            br[k] = add_branches(br[k], v) if k in br else v
    out = [f"DA {p} {l} {c}" for (p, l), c in da.items()]
    out += [f"FN {p} {l} {n} {c}" for (p, l, n), c in fn.items()]
    return out + branch_records(br)


def branch_records(br):
    """BR and BRSET records of {(path, line): [count or -]}."""
    out = []
    for (p, l), v in br.items():
        out.append(f"BR {p} {l} {','.join(v)}")
        out.append(f"BRSET {p} {l} {','.join(sorted(v))}")
    return out


def lcov_records(tracefile):
    da = collections.Counter()
    fn = {}
    fnda = collections.Counter()
    br = collections.defaultdict(list)
    path = None
    with open(tracefile) as f:
        for text in f:
            tag, _, rest = text.rstrip("\n").partition(":")
            if tag == "SF":
                path = rest
            elif tag == "DA":
                line, count = rest.split(",")[:2]
                da[(path, int(line))] += int(count)
            elif tag == "FN":
                line, name = rest.split(",", 1)
                fn[(path, name)] = int(line)
            elif tag == "FNDA":
                count, name = rest.split(",", 1)
                fnda[(path, name)] += int(count)
            elif tag == "BRDA":
                line, block, branch, taken = rest.split(",")
                br[(path, int(line))].append(
                    (int(block), int(branch), taken))
    out = [f"DA {p} {l} {c}" for (p, l), c in da.items()]
    out += [f"FN {p} {l} {n} {fnda[(p, n)]}" for (p, n), l in fn.items()]
    return out + branch_records(
        {k: [t for _, _, t in sorted(v)] for k, v in br.items()})


def known_list(path, tool):
    """KNOWN's entries for TOOL: [(kind, rest of the line)]."""
    out = []
    with open(path) as f:
        for text in f:
            w = text.split("#")[0].split()
            if len(w) >= 3 and w[0] == tool:
                out.append((w[1], " ".join(w[2:])))
    return out


def compare(kind, tool, build, want, got, known_file):
    """Prints what differs and is not known, and what is known but no
    longer differs; returns the exit status."""
    known = known_list(known_file, tool)

    def records(path):  # the build directory written BUILD
        with open(path) as f:
            return [r.replace(build + "/", "BUILD/")
                    for r in f.read().split("\n") if r]

    w, g = records(want), records(got)
    bad = 0
    for k, rest in known:  # covkit's paths, as known: FROM TO
        if k != "path":
            continue
        old, new = rest.split()
        if kind == "path" and not any(" " + old in r for r in g):
            print(f"{tool}: known path difference gone: {rest}")
            bad = 1
        g = [r.replace(" " + old, " " + new) for r in g]
    if kind == "path":
        return bad

    def key(r):  # KIND FILE LINE (and NAME for FN)
        return " ".join(r.split()[:4 if r.startswith("FN ") else 3])

    w = {key(r): r for r in w if r.split()[0] == kind}
    g = {key(r): r for r in g if r.split()[0] == kind}
    differ = {k for k in set(w) | set(g) if w.get(k) != g.get(k)}
    ok = {f"{k} {rest}" for k, rest in known if k == kind}
    for k in sorted(differ - ok):
        print(f"{tool}: {k}: llvm-cov {w.get(k, '(none)').split(' ', 3)[-1]}"
              f", covkit {g.get(k, '(none)').split(' ', 3)[-1]}")
        bad = 1
    for k in sorted(ok - differ):
        print(f"{tool}: known difference gone (remove it): {k}")
        bad = 1
    if ok & differ:
        print(f"{tool}: {len(ok & differ)} known {kind} differences "
              "(tests/gcda_known.txt)")
    return bad


def main():
    if len(sys.argv) == 8 and sys.argv[1] == "compare":
        sys.exit(compare(*sys.argv[2:]))
    if len(sys.argv) == 4 and sys.argv[1] == "gcov":
        recs = gcov_records(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "lcov":
        recs = lcov_records(sys.argv[2])
    else:
        sys.exit(__doc__)
    sys.stdout.write("".join(r + "\n" for r in sorted(recs)))


if __name__ == "__main__":
    main()
