#!/usr/bin/env python3
"""trend.py - the coverage badge and the HTML trend chart in headless
Chromium (the DevTools client of browser.py).

  trend.py CHROMIUM REPORT N BADGE...

REPORT/index.html must load with no console error and no request that is
not file: or data:, and show the trend chart with N points on its lines
series and a visible polyline through them, in light and in dark
(prefers-color-scheme emulated), its colour changing with the scheme.
Each BADGE (an .svg) must render at the width and height it declares
(as an <img>), and each of its texts must fit the box it is centred in.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Chromium, url  # noqa: E402

TREND_JS = r"""(() => {
  const svg = document.getElementById('trend');
  if (!svg) return {error: 'no #trend'};
  const g = svg.querySelector('g[data-series=lines]');
  const line = g && g.querySelector('polyline');
  const box = line ? line.getBBox() : {width: 0, height: 0};
  const r = svg.getBoundingClientRect();
  return {
    points: g ? g.querySelectorAll('circle').length : 0,
    vertices: line ? line.points.numberOfItems : 0,
    width: box.width, height: box.height,
    shown: r.width > 0 && r.height > 0,
    stroke: line ? getComputedStyle(line).stroke : '',
    axis: getComputedStyle(svg.querySelector('line.ax')).stroke,
    bg: getComputedStyle(document.body).backgroundColor,
    tips: [...g.querySelectorAll('circle > title')].map(t => t.textContent),
  };
})()"""

BADGE_JS = r"""(async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  document.body.appendChild(img);
  return {natural: [img.naturalWidth, img.naturalHeight]};
})"""

TEXTS_JS = r"""(() => {
  const svg = document.documentElement, out = [];
  const rects = [...svg.querySelectorAll('g[clip-path] rect')];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox(), x = +t.getAttribute('x');
    const box = rects.find(r => {
      const rx = +(r.getAttribute('x') || 0), w = +r.getAttribute('width');
      return rx <= x && x <= rx + w && w < +svg.getAttribute('width');
    });
    const rx = +(box.getAttribute('x') || 0), w = +box.getAttribute('width');
    const ctx = document.createElementNS('http://www.w3.org/1999/xhtml',
                                         'canvas').getContext('2d');
    const cs = getComputedStyle(t);
    ctx.font = cs.fontSize + ' ' + cs.fontFamily;
    out.push({text: t.textContent, left: b.x, right: b.x + b.width,
              from: rx, to: rx + w, natural: ctx.measureText(t.textContent).width,
              length: +t.getAttribute('textLength')});
  }
  return {texts: out, width: +svg.getAttribute('width'),
          height: +svg.getAttribute('height')};
})()"""


def scheme(b, dark):
    b.call("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]},
        b.session)


def check_trend(b, report, n):
    bad, strokes = [], {}
    for dark in (False, True):
        scheme(b, dark)
        name = "dark" if dark else "light"
        page = os.path.join(report, "index.html")
        bad += ["%s: %s" % (name, p) for p in b.open(url(page))]
        r = b.eval(TREND_JS)
        if "error" in r:
            return bad + ["%s: %s" % (name, r["error"])]
        if r["points"] != n or r["vertices"] != n:
            bad.append("%s: %d points, %d vertices, expected %d" % (
                name, r["points"], r["vertices"], n))
        if not r["shown"] or r["width"] <= 0:
            bad.append("%s: the chart or its line is not visible" % name)
        if r["stroke"] in ("", "none", r["bg"]) or r["axis"] == r["bg"]:
            bad.append("%s: line %s / axis %s on background %s" % (
                name, r["stroke"], r["axis"], r["bg"]))
        strokes[name] = (r["stroke"], r["bg"])
        print("trend: %s: %d points, line %s on %s; first tooltip %s" % (
            name, r["points"], r["stroke"], r["bg"], json.dumps(r["tips"][:1])))
    if strokes["light"] == strokes["dark"]:
        bad.append("the chart's colours do not follow the colour scheme")
    scheme(b, False)
    return bad


def check_badge(b, path):
    bad = []
    page = os.path.join(os.path.dirname(path), "badge-page.html")
    with open(page, "w") as f:
        f.write("<!DOCTYPE html><body></body>")
    bad += b.open(url(page))
    nat = b.eval(BADGE_JS + "(%s)" % json.dumps(url(path)))["natural"]
    bad += b.open(url(path))
    r = b.eval(TEXTS_JS)
    if nat != [r["width"], r["height"]]:
        bad.append("rendered %dx%d, declared %dx%d" % (
            nat[0], nat[1], r["width"], r["height"]))
    for t in r["texts"]:
        if t["left"] < t["from"] or t["right"] > t["to"]:
            bad.append("text %r spans %.1f-%.1f outside its box %d-%d" % (
                t["text"], t["left"], t["right"], t["from"], t["to"]))
    for t in r["texts"][1::2]:  # the texts (after their shadows)
        # the width table: the font's own width is what the badge reserves
        # (rounded up), so textLength scales ASCII text by a pixel at most;
        # other characters get the widest width
        low = t["length"] - 1.5 if t["text"].isascii() else 0
        if not low <= t["natural"] <= t["length"] + 0.05:
            bad.append("text %r is %.2f px wide in the font, the badge "
                       "reserves %d" % (t["text"], t["natural"], t["length"]))
    print("trend: badge %s: %dx%d, texts %s" % (
        os.path.basename(path), nat[0], nat[1],
        ", ".join("%r %.1f-%.1f in %d-%d" % (t["text"], t["left"], t["right"],
                                             t["from"], t["to"])
                  for t in r["texts"][1::2])))
    return ["%s: %s" % (path, x) for x in bad]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    b = Chromium(sys.argv[1])
    try:
        bad = check_trend(b, sys.argv[2], int(sys.argv[3]))
        for badge in sys.argv[4:]:
            bad += check_badge(b, badge)
    finally:
        b.close()
    for x in bad:
        print("trend: FAIL: " + x)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
