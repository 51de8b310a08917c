#!/usr/bin/env python3
"""html_gocover.py GO_HTML REPORT - compare the shading of each source byte
in `go tool cover -html` output with covkit's HTML report REPORT.

A byte is 'c' (in a block that ran), 'm' (in a block that did not) or '-'
(in no block). Go writes one <pre> per file with tabs as 8 spaces; covkit
writes one table row per line. Prints the differences; exit 1 if any."""
import glob
import html
import re
import sys

TAG = re.compile(r"<(/?)span([^>]*)>|([^<]+)")


def shade(fragment, state_of):
    """Text and per-character states of an HTML fragment of spans."""
    text, states, stack = [], [], ["-"]
    for close, attrs, chunk in TAG.findall(fragment):
        if chunk:
            t = html.unescape(chunk)
            text.append(t)
            states.append(stack[-1] * len(t))
        elif close:
            stack.pop()
        else:
            stack.append(state_of(attrs, stack[-1]))
    return "".join(text), "".join(states)


def go_state(attrs, outer):
    m = re.search(r'class="cov(\d+)"', attrs)
    return outer if not m else ("m" if m.group(1) == "0" else "c")


def ours_state(attrs, outer):
    m = re.search(r'class="([cm]) k\d+"', attrs)
    return m.group(1) if m else outer


def go_files(path):
    doc = open(path, encoding="utf-8").read()
    names = dict(re.findall(r'<option value="(file\d+)">(.*?) \(', doc))
    out = {}
    for fid, body in re.findall(
            r'<pre class="file" id="(file\d+)"[^>]*>(.*?)</pre>', doc, re.S):
        out[html.unescape(names[fid])] = shade(body, go_state)
    return out


def ours_files(report):
    out = {}
    for page in glob.glob(report + "/f/*.html"):
        doc = open(page, encoding="utf-8").read()
        name = html.unescape(re.search(r"<h1>(.*?)</h1>", doc).group(1))
        text, states = [], []
        for cell in re.findall(r'<td class="s">(.*?)</td></tr>', doc):
            t, s = shade(cell, ours_state)
            t, s = expand_tabs(t, s)
            text.append(t + "\n")
            states.append(s + "-")
        out[name] = ("".join(text), "".join(states))
    return out


def expand_tabs(t, s):
    tt, ss = [], []
    for ch, st in zip(t, s):
        n = 8 if ch == "\t" else 1
        tt.append(" " * n if ch == "\t" else ch)
        ss.append(st * n)
    return "".join(tt), "".join(ss)


def main():
    go, ours = go_files(sys.argv[1]), ours_files(sys.argv[2])
    bad = []
    if sorted(go) != sorted(ours):
        bad.append("files differ: %s vs %s" % (sorted(go), sorted(ours)))
    for name in sorted(set(go) & set(ours)):
        (gt, gs), (ot, os_) = go[name], ours[name]
        gt, gs = gt.rstrip("\n"), gs[:len(gt.rstrip("\n"))]
        ot, os_ = ot.rstrip("\n"), os_[:len(ot.rstrip("\n"))]
        if gt != ot:
            bad.append("%s: source text differs" % name)
            continue
        lines = gt.split("\n")
        at = 0
        for no, line in enumerate(lines, 1):
            a, b = gs[at:at + len(line)], os_[at:at + len(line)]
            if a != b:
                bad.append("%s:%d: go %s\n%*s covkit %s\n%*s text %s" % (
                    name, no, a, len(name) + 6, "", b, len(name) + 8, "",
                    line))
            at += len(line) + 1
    for b in bad[:20]:
        print("html_gocover: " + b)
    ngo = sum(len(v[0]) for v in go.values())
    print("html_gocover: %d files, %d bytes compared, %d differences" % (
        len(go), ngo, len(bad)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
