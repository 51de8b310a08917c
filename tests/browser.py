#!/usr/bin/env python3
"""browser.py - load covkit HTML reports in headless Chromium (DevTools
protocol over --remote-debugging-pipe, standard library only).

  browser.py CHROMIUM REPORT[=CHECKS] ...

Every page of each REPORT directory (index.html and f/*.html) is loaded; a
console error, an uncaught exception, a failed load or any request whose URL
is not file: or data: fails the run. CHECKS (comma-separated) add behaviour
checks on that report: 'index' (sorting and filtering), 'keys' (n/p jump to
missed lines), 'suite:NAME:OTHER' (the page's view of suite NAME equals the
line classes of report OTHER, made from NAME's profile alone).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile


class Chromium:
    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="covkit-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():  # the DevTools pipe: Chromium reads fd 3, writes fd 4
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)  # dup2 makes them inheritable, even onto
            os.dup2(w, 4)  # themselves (a pipe may already be fd 3)

        args = [exe, "--headless", "--remote-debugging-pipe", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + self.profile, "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target["targetId"],
                                  "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(domain + ".enable", {}, self.session)

    def close(self):
        try:
            self.call("Browser.close", {})
        except Exception:
            pass
        self.proc.wait(timeout=30)
        subprocess.run(["rm", "-rf", self.profile])

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name):
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == name:
                    del self.events[i]
                    return e
            self.events.append(self._read())

    def open(self, url):
        """Load URL; return the problems seen while loading it."""
        self.events = []
        self.call("Page.navigate", {"url": url}, self.session)
        self.wait_event("Page.loadEventFired")
        self.eval("new Promise(r => setTimeout(r, 50))")
        return self.problems()

    def problems(self):
        out = []
        for e in self.events:
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                out.append("exception: %s" % d.get("exception", {})
                           .get("description", d.get("text")))
            elif m == "Runtime.consoleAPICalled" and p["type"] in (
                    "error", "assert", "warning"):
                out.append("console.%s: %s" % (p["type"], " ".join(
                    str(a.get("value", a.get("description")))
                    for a in p["args"])))
            elif m == "Log.entryAdded" and p["entry"]["level"] in (
                    "error", "warning"):
                out.append("log %s: %s" % (p["entry"]["level"],
                                           p["entry"]["text"]))
            elif m == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if not url.startswith(("file:", "data:")):
                    out.append("network request: " + url)
            elif m == "Network.loadingFailed":
                out.append("load failed: %s" % p.get("errorText"))
        self.events = []
        return out

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr,
                                           "returnByValue": True,
                                           "awaitPromise": True},
                      self.session)
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %r: %s" % (
                expr[:60], r["exceptionDetails"].get("text")))
        return r["result"].get("value")


# JavaScript run inside the pages; each returns a list of failures.
INDEX_JS = r"""(() => {
  const bad = [], rows = () => [...document.querySelectorAll('#tree tbody tr')];
  const box = document.getElementById('filter');
  if (!box || box.hidden) bad.push('filter box not shown');
  const heads = document.querySelectorAll('#tree thead th');
  const n = rows().length;
  heads[1].click();
  if (heads[1].getAttribute('aria-sort') !== 'ascending') bad.push('no aria-sort');
  // siblings in ascending line percentage, parents before children
  const seen = new Set();
  const byParent = {};
  for (const r of rows()) {
    const p = r.dataset.p || '';
    if (p && !seen.has(p)) bad.push('row ' + r.id + ' before its directory');
    seen.add(r.id);
    (byParent[p] = byParent[p] || []).push(+r.cells[1].dataset.v);
  }
  for (const k in byParent)
    for (let i = 1; i < byParent[k].length; i++)
      if (byParent[k][i - 1] > byParent[k][i]) bad.push('unsorted under ' + k);
  heads[1].click();
  if (heads[1].getAttribute('aria-sort') !== 'descending') bad.push('no toggle');
  if (rows().length !== n) bad.push('rows lost by sorting');
  // filter by the name of the last file
  const files = rows().filter(r => r.classList.contains('f'));
  const q = files[files.length - 1].querySelector('a').title.split('/').pop();
  box.value = q.toUpperCase();
  box.dispatchEvent(new Event('input'));
  const shown = rows().filter(r => !r.hidden && r.classList.contains('f'));
  if (!shown.length) bad.push('filter shows nothing for ' + q);
  for (const r of shown)
    if (!r.querySelector('a').title.toLowerCase().includes(q.toLowerCase()))
      bad.push('filter shows ' + r.querySelector('a').title);
  for (const r of rows().filter(r => !r.hidden && r.dataset.p))
    if (document.getElementById(r.dataset.p).hidden) bad.push('parent hidden');
  box.value = '';
  box.dispatchEvent(new Event('input'));
  if (rows().some(r => r.hidden)) bad.push('rows hidden after clearing');
  return bad;
})()"""

KEYS_JS = r"""(() => {
  const bad = [], rows = [...document.querySelectorAll('table.code tbody tr')];
  const missed = r => r.classList.contains('m') || r.classList.contains('p');
  const starts = rows.filter((r, i) => missed(r) && !(i && missed(rows[i - 1])));
  const key = k => document.dispatchEvent(new KeyboardEvent('keydown', {key: k}));
  for (const want of starts.concat(starts.slice(0, 1))) {
    key('n');
    if (location.hash !== '#' + want.id) bad.push('n gave ' + location.hash + ', expected #' + want.id);
  }
  if (starts.length) {
    key('p');
    const last = starts[starts.length - 1];
    if (location.hash !== '#' + last.id) bad.push('p gave ' + location.hash + ', expected #' + last.id);
    if (!last.classList.contains('cur')) bad.push('current row not marked');
  }
  return bad;
})()"""

# Line classes of a file page (under suite view NAME when given).
CLASSES_JS = r"""((name) => {
  const sel = document.getElementById('suite');
  if (name !== null) {
    const opt = [...sel.options].find(o => o.textContent === name);
    sel.value = opt.value;
    sel.dispatchEvent(new Event('change'));
  }
  const out = {};
  for (const r of document.querySelectorAll('table.code tbody tr'))
    for (const c of ['c', 'm', 'p'])
      if (r.classList.contains(c)) out[r.id] = c;
  return out;
})"""


def pages(report):
    return [os.path.join(report, "index.html")] + sorted(
        glob.glob(os.path.join(report, "f", "*.html")))


def url(path):
    return "file://" + os.path.abspath(path)


def check_report(b, report, checks):
    failures = []
    for page in pages(report):
        for p in b.open(url(page)):
            failures.append("%s: %s" % (page, p))
        if page.endswith("index.html") and "index" in checks:
            failures += ["%s: %s" % (page, x) for x in b.eval(INDEX_JS)]
        elif not page.endswith("index.html") and "keys" in checks:
            failures += ["%s: %s" % (page, x) for x in b.eval(KEYS_JS)]
        for c in checks:
            if c.startswith("suite:"):
                failures += check_suite(b, page, c.split(":")[1:])
    return failures


def check_suite(b, page, args):
    """Suite view NAME of PAGE must equal PAGE's twin in report OTHER."""
    name, other = args
    if page.endswith("index.html"):
        return []
    mine = b.eval(CLASSES_JS + "(%s)" % json.dumps(name))
    twin = os.path.join(other, "f", os.path.basename(page))
    if os.path.exists(twin):
        b.open(url(twin))
        theirs = b.eval(CLASSES_JS + "(null)")
    else:  # the suite's profile lacks the file: it ran none of it
        theirs = {k: "m" for k in mine}
    if mine == theirs:
        return []
    diff = sorted(set(mine.items()) ^ set(theirs.items()))[:5]
    return ["%s: suite view '%s' differs from %s: %s" % (page, name, twin,
                                                          diff)]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    b = Chromium(sys.argv[1])
    failures, npages = [], 0
    try:
        for arg in sys.argv[2:]:
            report, _, checks = arg.partition("=")
            checks = [c for c in checks.split(",") if c]
            npages += len(pages(report))
            print("browser: %s: %d pages" % (report, len(pages(report))))
            failures += check_report(b, report, checks)
    finally:
        b.close()
    for f in failures:
        print("browser: " + f)
    print("browser: %d pages, %d problems" % (npages, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
