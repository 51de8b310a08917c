#!/usr/bin/env python3
"""external_oracle.py - the totals of ../shared/corpus/external, without covkit.

Maintainer tool, not part of `make check`: it computes, for every file of the
external corpus, the totals a correct reader reports, from the file itself
and by tools other than covkit, and prints them as rows of
testdata/external.tsv (tests/external.sh compares covkit with that list):

  lcov        lcov 1.16's `lcov --summary` (lines, functions, branches), run on
              the file without the records the reading policy skips (line 0)
  cobertura   the format's rules over the XML (Python's ElementTree): a
              class's own <line>s, or its methods' when it has none; a line
              once per file (largest hits, largest condition counts);
              functions are methods with lines, by (file, name, first line),
              hit when their first line was; plus the header's attributes
  gcov-json   gcov's records (Python's json): lines by (path, line), hits
              summed; branches by (path, line, entry, index); functions by
              (path, name, start); %g counts as the integers they are
  go          the blocks (statements: `go tool cover -func`'s counting; lines
              by covkit-formats(5) BLOCKS TO LINES, Codecov's rule)

Where a generator's own numbers or another reader disagree, the row's note
says so; tests/external.sh documents how the list is used. Usage:

  tests/external_oracle.py ../shared/corpus/external > rows.tsv
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def load(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    return data


def kind_of(data):
    head = data[:4096].lstrip(b'\xef\xbb\xbf \t\r\n')
    if head.startswith(b'mode:'):
        return 'go'
    if head.startswith(b'{'):
        if b'"gcovr/format_version"' in head:
            return 'gcovr-json'
        if b'"gcc_version"' in head:
            return 'gcov-json'
        return 'json'
    if head.startswith(b'<'):
        m = re.search(rb'<(?![?!])([A-Za-z_][\w.-]*)', head)
        if m and m.group(1) == b'coverage':
            if re.search(rb'<file[\s>]', data[:65536]):
                return 'sonarqube'
            return 'cobertura'
        return 'xml'
    if re.search(rb'^(SF|TN):', data[:65536], re.M):
        return 'lcov'
    return 'text'


def frac(hit, found):
    return '%d/%d' % (hit, found) if found else '-'


# ---- lcov: lcov 1.16 itself ----------------------------------------------

LINE0 = re.compile(rb'^(DA|FN|BRDA|FNL):0,', re.M)


def lcov_oracle(data):
    skipped = len(LINE0.findall(data))
    body = b'\n'.join(l for l in data.split(b'\n') if not LINE0.match(l))
    with tempfile.NamedTemporaryFile(suffix='.info') as t:
        t.write(body)
        t.flush()
        p = subprocess.run(['lcov', '--summary', t.name, '--rc',
                            'lcov_branch_coverage=1'],
                           capture_output=True, text=True)
        out = p.stdout + p.stderr
    res = {}
    for key in ('lines', 'functions', 'branches'):
        m = re.search(r'%s\.+: .*\((\d+) of (\d+)' % key, out)
        res[key] = frac(int(m.group(1)), int(m.group(2))) if m else '-'
    rules = lcov_rules(data)
    note = 'the lcov rules'
    diff = [k for k in ('lines', 'functions', 'branches')
            if res[k] != rules[k]]
    if diff:
        note += '; lcov 1.16 --summary%s: %s' % (
            ' (without the %d line-0 records)' % skipped if skipped else '',
            ', '.join('%s %s' % (k, res[k]) for k in diff))
    own = own_summary(data)
    return rules, note, own


def num(s):
    """An lcov count: None when the record is skipped (not a whole number);
    negative and NaN counts are 0 (covkit-formats(5), READING POLICY)."""
    s = s.strip()
    if s.lower().lstrip('+-') == 'nan':
        return 0
    v = float(s)
    if v != int(v):
        return None
    return max(int(v), 0)


def lcov_rules(data):
    """lcov's records by the format's rules: a line per (file, line), a
    branch per (file, line, block, branch), a function per (file, name)
    defined by FN or FNL/FNA at a line, hit when its FNDA/FNA counts add up
    to more than 0; records at line 0 and sections without a path skipped."""
    lines, brs, defined, fhits = {}, {}, set(), {}
    f, fnl, seq = None, {}, {}
    for raw in data.decode('utf-8', 'replace').split('\n'):
        l = raw.rstrip(' \t\r')
        key, _, v = l.partition(':')
        if l == 'end_of_record':
            f = None
        elif key in ('SF', 'KF'):
            f, fnl, seq = (norm(v) if v else None), {}, {}
        elif f is None:
            continue
        elif key == 'DA':
            ln, c = v.split(',')[:2]
            c = num(c)
            if int(ln) and c is not None:
                lines[(f, int(ln))] = lines.get((f, int(ln)), 0) + c
        elif key == 'BRDA':
            ln, rest = v.split(',', 1)
            blk, rest = rest.split(',', 1)
            bid, taken = rest.rsplit(',', 1)
            blk = blk.lstrip('ef')
            if not int(ln) or blk.startswith('U'):
                continue
            k = (int(ln), blk)
            seq[k] = seq.get(k, -1) + 1 if seq.get('last') == k else 0
            seq['last'] = k
            bid = bid if bid.isdigit() else str(seq[k])
            t = 0 if taken == '-' else num(taken)
            if t is not None:
                key4 = (f, int(ln), int(blk), int(bid))
                brs[key4] = brs.get(key4, 0) + t
        elif key == 'FN':
            m = re.match(r'(\d+)(?:,(\d+))?,(.*)$', v)
            if m and int(m.group(1)) and m.group(3):
                defined.add((f, m.group(3)))
        elif key == 'FNDA':
            c, _, name = v.partition(',')
            c = num(c)
            if name and c is not None:
                fhits[(f, name)] = fhits.get((f, name), 0) + c
        elif key == 'FNL':
            parts = v.split(',')
            fnl[parts[0]] = int(parts[1])
        elif key == 'FNA':
            i, c, name = v.split(',', 2)
            if fnl.get(i) and name and num(c) is not None:
                defined.add((f, name))
                fhits[(f, name)] = fhits.get((f, name), 0) + num(c)
    funcs = {k: fhits.get(k, 0) for k in defined}
    return {k: frac(sum(1 for x in d.values() if x > 0), len(d))
            for k, d in (('lines', lines), ('branches', brs),
                         ('functions', funcs))}


def own_summary(data):
    """The file's own LF/LH, FNF/FNH, BRF/BRH, summed (a generator's numbers;
    duplicate sections of one file are counted twice)."""
    tot = {}
    for k in (b'LF', b'LH', b'FNF', b'FNH', b'BRF', b'BRH'):
        tot[k] = sum(int(v) for v in
                     re.findall(rb'^' + k + rb':(\d+)\s*$', data, re.M))
    return {'lines': frac(tot[b'LH'], tot[b'LF']),
            'functions': frac(tot[b'FNH'], tot[b'FNF']),
            'branches': frac(tot[b'BRH'], tot[b'BRF'])}


# ---- Cobertura: the format's rules ----------------------------------------

def count(s):
    if s is None:
        return 0
    try:
        v = float(s)
    except ValueError:
        return 0
    return int(v) if v == v and v > 0 else 0


def norm(path):
    path = path.replace('\\', '/')
    while path.startswith('./'):
        path = path[2:]
    return re.sub(r'/+', '/', path).replace('/./', '/')


def cobertura_oracle(data):
    root = ET.fromstring(data)
    lines, conds, funcs = {}, {}, {}
    for cls in root.iter('class'):
        fn = cls.get('filename')
        if not fn:
            continue
        fn = norm(fn)
        own = [l for ls in cls.findall('lines') for l in ls.findall('line')]
        meths = [m for ms in cls.findall('methods')
                 for m in ms.findall('method')]
        if own:
            use = own
        else:
            use = [l for m in meths for ls in m.findall('lines')
                   for l in ls.findall('line')]
        for l in use:
            n = l.get('number', '')
            if not n.strip().isdigit() or int(n) == 0:
                continue
            key = (fn, int(n))
            lines[key] = max(lines.get(key, 0), count(l.get('hits')))
            c = cond_of(l)
            if c:
                old = conds.get(key, (0, 0))
                conds[key] = (max(old[0], c[0]), max(old[1], c[1]))
        for m in meths:
            ml = [l for ls in m.findall('lines') for l in ls.findall('line')
                  if l.get('number', '').strip().isdigit()
                  and int(l.get('number')) > 0]
            if not ml or not m.get('name'):
                continue
            first = min(ml, key=lambda l: int(l.get('number')))
            key = (fn, m.get('name'), int(first.get('number')))
            funcs[key] = max(funcs.get(key, 0), count(first.get('hits')))
    res = {'lines': frac(sum(1 for v in lines.values() if v > 0), len(lines)),
           'functions': frac(sum(1 for v in funcs.values() if v > 0),
                             len(funcs)),
           'branches': frac(sum(c for c, t in conds.values()),
                            sum(t for c, t in conds.values()))}
    head = {k: root.get(k) for k in ('lines-covered', 'lines-valid',
                                      'branches-covered', 'branches-valid')}
    own = {'lines': '%s/%s' % (head['lines-covered'], head['lines-valid']),
           'branches': '%s/%s' % (head['branches-covered'],
                                  head['branches-valid'])}
    return res, 'the Cobertura rules over the XML', own


def cond_of(l):
    cc = l.get('condition-coverage') or ''
    m = re.search(r'\((\d+)/(\d+)\)', cc)
    if m:
        return int(m.group(1)), int(m.group(2))
    if (l.get('branch') or '').lower() != 'true':
        return None
    cs = [c for cs in l.findall('conditions') for c in cs.findall('condition')]
    if not cs:
        return None
    hit = sum(1 for c in cs
              if (c.get('coverage') or '').strip(' 0.%') != '')
    return hit, len(cs)


# ---- SonarQube generic coverage: its <lineToCover>s ------------------------

def sonarqube_oracle(data):
    root = ET.fromstring(data)
    lines, brs = {}, {}
    for f in root.iter('file'):
        p = norm(f.get('path') or '')
        for l in f.iter('lineToCover'):
            key = (p, int(l.get('lineNumber')))
            cov = (l.get('covered') or '').lower() == 'true'
            lines[key] = lines.get(key, False) or cov
            t = int(l.get('branchesToCover') or 0)
            c = int(l.get('coveredBranches') or 0)
            if t:
                old = brs.get(key, (0, 0))
                brs[key] = (max(old[0], c), max(old[1], t))
    res = {'lines': frac(sum(lines.values()), len(lines)),
           'branches': frac(sum(c for c, t in brs.values()),
                            sum(t for c, t in brs.values()))}
    return res, 'its <lineToCover>s (SonarQube generic coverage)', None


# ---- gcov JSON: gcov's records --------------------------------------------

def gcov_docs(data):
    dec = json.JSONDecoder()
    text, i = data.decode('utf-8'), 0
    while True:
        while i < len(text) and text[i] in ' \t\r\n':
            i += 1
        if i >= len(text):
            return
        doc, i = dec.raw_decode(text, i)
        yield doc


def gcov_oracle(data):
    lines, brs, funcs = {}, {}, {}
    for doc in gcov_docs(data):
        cwd = doc.get('current_working_directory', '')
        for f in doc['files']:
            p = f['file']
            if not p:
                continue
            if not (p.startswith('/') or p.startswith('<')):
                p = os.path.normpath(os.path.join(cwd, p))
            prev, nbr = None, 0
            for e in f['lines']:
                ln = e['line_number']
                if ln != prev:
                    nbr = 0
                prev = ln
                if ln == 0:
                    continue
                lines[(p, ln)] = lines.get((p, ln), 0) + max(int(e['count']),
                                                             0)
                if e.get('branches'):
                    unevaluated = e.get('unexecuted_block') and e['count'] == 0
                    for k, b in enumerate(e['branches']):
                        key = (p, ln, nbr, k)
                        taken = 0 if unevaluated else max(int(b['count']), 0)
                        brs[key] = brs.get(key, 0) + taken
                    nbr += 1
            for fn in f.get('functions', []):
                if not fn['name'] or not fn['start_line']:
                    continue
                key = (p, fn['name'], fn['start_line'],
                       fn.get('start_column', 0))
                funcs[key] = funcs.get(key, 0) + max(
                    int(fn['execution_count']), 0)
    res = {k: frac(sum(1 for v in d.values() if v > 0), len(d))
           for k, d in (('lines', lines), ('branches', brs),
                        ('functions', funcs))}
    return res, "gcov's records (JSON)", None


# ---- Go text profiles: the blocks -----------------------------------------

GOBLOCK = re.compile(rb'^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)\s*$')


def go_oracle(data):
    blocks, mode = {}, None
    for l in data.split(b'\n'):
        l = l.rstrip(b'\r')
        if l.startswith(b'mode:'):
            mode = l.split()[1]
            continue
        m = GOBLOCK.match(l)
        if not m:
            continue
        f = m.group(1).decode('utf-8', 'replace').replace('\\', '/')
        key = (f,) + tuple(int(x) for x in m.group(2, 3, 4, 5))
        st, n = int(m.group(6)), int(m.group(7))
        old = blocks.get(key)
        if old:
            n = max(old[1], n) if mode == b'set' else old[1] + n
        blocks[key] = (st, n)
    stmts = sum(st for st, n in blocks.values())
    hit = sum(st for st, n in blocks.values() if n > 0)
    lines = {}
    for (f, sl, sc, el, ec), (st, n) in blocks.items():
        last = el if sl == el or ec > 2 else el - 1
        for ln in range(sl, last + 1):
            lines[(f, ln)] = max(lines.get((f, ln), 0), n)
    res = {'lines': frac(sum(1 for v in lines.values() if v > 0), len(lines)),
           'statements': frac(hit, stmts), 'functions': '*',
           'branches': '*'}
    return res, ('the blocks (go tool cover -func counting); functions need '
                 'the sources'), None


ORACLES = {'lcov': lcov_oracle, 'cobertura': cobertura_oracle,
           'gcov-json': gcov_oracle, 'go': go_oracle,
           'sonarqube': sonarqube_oracle}


def main(top):
    print('# file\tformat\toutcome\tlines\tfunctions\tbranches\tstatements'
          '\tmessage\tnote')
    for d, _, names in sorted(os.walk(top)):
        for name in sorted(names):
            if name == 'README.md':
                continue
            path = os.path.join(d, name)
            rel = os.path.relpath(path, top)
            data = load(path)
            kind = kind_of(data)
            if kind not in ORACLES:
                print('%s\t%s\trefused\t*\t*\t*\t*\t?\t%s'
                      % (rel, kind, kind))
                continue
            try:
                res, note, own = ORACLES[kind](data)
            except Exception as e:  # a file the oracle cannot read
                print('%s\t%s\trefused\t*\t*\t*\t*\t?\tnot %s: %s'
                      % (rel, kind, kind, e))
                continue
            if own:
                note += '; its own: ' + ', '.join(
                    '%s %s' % kv for kv in sorted(own.items()))
            print('\t'.join([rel, kind, 'read', res.get('lines', '-'),
                             res.get('functions', '-'),
                             res.get('branches', '-'),
                             res.get('statements', '-'), '-', note]))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else
         os.path.join(os.path.dirname(__file__), '..', '..', 'shared',
                      'corpus', 'external'))
