#!/bin/sh
# make-cases.sh - write the corrupt GOCOVERDIR cases of tests/bad.sh.
#
# Each case is a copy of the real pod testdata/covdata/small.count with one
# corruption in its meta-data file or in its first counter file. Offsets
# are found by walking the real files (meta header, package table, blobs,
# functions, units; counter header, segment, records, footer), so a case
# hits the field it names. Run from anywhere; rewrites the case
# directories (never the .err files: those are checked by hand).
# Usage: testdata/bad/covdata/make-cases.sh [--list]
here=$(cd "$(dirname "$0")" && pwd)
exec python3 - "$here" "$here/../../covdata/small.count" "$@" <<'EOF'
import os, shutil, struct, sys

out, src = sys.argv[1], sys.argv[2]
listing = '--list' in sys.argv[3:]
H = 'c3611d3f4b8352567501670ae4a4cf44'
META = 'covmeta.' + H
CTR = 'covcounters.%s.20066.1795227927449243161' % H
meta = open(os.path.join(src, META), 'rb').read()
ctr = open(os.path.join(src, CTR), 'rb').read()


def uleb(d, p):
    """(value, position after) of the ULEB128 at P."""
    v = s = 0
    while True:
        b = d[p]
        p += 1
        v |= (b & 0x7f) << s
        s += 7
        if not b & 0x80:
            return v, p


def enc(v):
    b = bytearray()
    while True:
        x = v & 0x7f
        v >>= 7
        b.append(x | (0x80 if v else 0))
        if not v:
            return bytes(b)


# ---- walk the meta-data file ----
npk = struct.unpack_from('<Q', meta, 16)[0]
pk_off = [struct.unpack_from('<Q', meta, 56 + 8 * i)[0] for i in range(npk)]
pk_len = [struct.unpack_from('<Q', meta, 56 + 8 * (npk + i))[0]
          for i in range(npk)]
b0 = pk_off[0]
nf0 = struct.unpack_from('<I', meta, b0 + 40)[0]
strtab0 = b0 + 44 + 4 * nf0            # blob 0's string table
nstr0, p = uleb(meta, strtab0)
str0_len_at = p                        # length of string 0
# the last string of blob 0
for _ in range(nstr0 - 1):
    n, p = uleb(meta, p)
    p += n
last_str_len_at = p
fn0 = b0 + struct.unpack_from('<I', meta, b0 + 44)[0]  # function 0
nunits_at = fn0
_, name_at = uleb(meta, fn0)
_, file_at = uleb(meta, name_at)
_, unit0 = uleb(meta, file_at)         # its first unit: sl sc el ec n
sl_at = unit0
_, sc_at = uleb(meta, sl_at)
_, el_at = uleb(meta, sc_at)
_, ec_at = uleb(meta, el_at)

# ---- walk the counter file ----
seg = 32
nfn = struct.unpack_from('<Q', ctr, seg)[0]
tabs = sum(struct.unpack_from('<II', ctr, seg + 8))
rec = seg + 16 + tabs
rec += (4 - (rec - seg) % 4) % 4
recs = []                              # (start, nctrs at, pkg at, fn at, ctr0)
p = rec
for _ in range(nfn):
    start = p
    nc, p1 = uleb(ctr, p)
    _, p2 = uleb(ctr, p1)
    _, p3 = uleb(ctr, p2)
    recs.append((start, p1, p2, p3))
    p = p3
    for _ in range(nc):
        _, p = uleb(ctr, p)
foot = len(ctr) - 16
assert p == foot, 'records do not end at the footer'


def poke(d, at, b):
    return d[:at] + bytes(b) + d[at + len(b):]


def le32(v):
    return struct.pack('<I', v)


def le64(v):
    return struct.pack('<Q', v)


M, C = 'm', 'c'
cases = [
    # name, file, new bytes of that file, what is wrong
    ('meta-empty', M, b'', 'meta-data file of 0 bytes'),
    ('meta-trunc-magic', M, meta[:3], 'cut inside the magic'),
    ('meta-trunc-header', M, meta[:55], 'cut one byte short of the header'),
    ('meta-header-only', M, meta[:56], 'only the 56-byte header'),
    ('meta-trunc-table', M, meta[:56 + 16 * npk],
     'cut after the package offset/length table'),
    ('meta-trunc-pkg1', M, meta[:pk_off[1]],
     'cut where package 1 starts'),
    ('meta-trunc-last', M, meta[:-1], 'last byte missing'),
    ('meta-extra-byte', M, meta + b'\0', 'one byte appended'),
    ('meta-magic', M, poke(meta, 0, b'\0cwm'),
     'counter-file magic in the meta-data file'),
    ('meta-version', M, poke(meta, 4, le32(2)), 'version 2'),
    ('meta-length', M, poke(meta, 8, le64(len(meta) + 100)),
     'header length 100 bytes too big'),
    ('meta-entries', M, poke(meta, 16, le64(1 << 40)),
     'package count 2^40'),
    ('meta-strtab', M, poke(meta, 40, le32(len(meta) - 1)),
     'file string table offset 1 byte before the end'),
    ('meta-mode-0', M, poke(meta, 48, b'\0'), 'counter mode 0'),
    ('meta-mode-4', M, poke(meta, 48, b'\4'),
     'counter mode 4 (regonly, never in files)'),
    ('meta-granularity', M, poke(meta, 49, b'\3'), 'granularity 3'),
    ('meta-pkg-offset', M, poke(meta, 56, le64(len(meta) + 1)),
     'package 0 offset past the end'),
    ('meta-pkg-length', M, poke(meta, 56 + 8 * npk, le64(len(meta))),
     'package 0 length runs past the end'),
    ('meta-pkg-length-short', M,
     poke(meta, 56 + 8 * npk, le64(pk_len[0] - 1)),
     'package 0 length 1 less than its blob header says'),
    ('meta-blob-length', M, poke(meta, b0, le32(pk_len[0] + 1)),
     'blob 0 header length differs from the package table'),
    ('meta-nfuncs', M, poke(meta, b0 + 40, le32(0x10000000)),
     'blob 0 function count 2^28'),
    ('meta-func-offset-low', M, poke(meta, b0 + 44, le32(4)),
     'function 0 offset inside the blob header'),
    ('meta-func-offset-high', M, poke(meta, b0 + 44, le32(pk_len[0])),
     'function 0 offset at the blob end'),
    ('meta-pkgpath-index', M, poke(meta, b0 + 8, le32(nstr0)),
     'package path index one past the string table'),
    ('meta-strtab-count', M, poke(meta, strtab0, b'\xff\x7f'),
     'blob string table count 16383'),
    ('meta-string-length', M, poke(meta, last_str_len_at, b'\x7f'),
     'last string of blob 0 is 127 bytes long'),
    ('meta-name-index', M, poke(meta, name_at, enc(nstr0)),
     'function name index one past the string table'),
    ('meta-file-index', M, poke(meta, file_at, enc(nstr0)),
     'file name index one past the string table'),
    ('meta-file-empty', M, poke(meta, file_at, b'\0'),
     'file name index 0, the empty string'),
    ('meta-unit-count', M, poke(meta, nunits_at, b'\xff\x7f'),
     'function 0 unit count 16383'),
    ('meta-uleb-long', M, poke(meta, sc_at, b'\xff' * 9 + b'\x81\x00'),
     'a start column ULEB128 of 11 bytes (the 10th still continues)'),
    ('meta-uleb-64', M, poke(meta, sc_at, b'\xff' * 9 + b'\x02'),
     'a start column ULEB128 of 2^64 (65 bits)'),
    ('meta-uleb-32', M, poke(meta, sl_at, b'\x80\x80\x80\x80\x10'),
     'a start line of 2^32 (over 32 bits)'),
    ('meta-line-0', M, poke(meta, sl_at, b'\0'), 'a start line of 0'),
    ('ctr-empty', C, b'', 'counter file of 0 bytes'),
    ('ctr-trunc-header', C, ctr[:31], 'cut one byte short of the header'),
    ('ctr-header-only', C, ctr[:32], 'only the 32-byte header'),
    ('ctr-trunc-segment', C, ctr[:seg + 16],
     'cut after the segment header (no footer)'),
    ('ctr-trunc-records', C, ctr[:rec] + ctr[foot:],
     'records cut out, footer kept'),
    ('ctr-trunc-last', C, ctr[:-1], 'last byte missing'),
    ('ctr-magic', C, poke(ctr, 0, b'\0cvm'),
     'meta-data magic in the counter file'),
    ('ctr-version', C, poke(ctr, 4, le32(2)), 'version 2'),
    ('ctr-hash', C, poke(ctr, 8, bytes(16)),
     'meta-data hash that matches no meta-data file'),
    ('ctr-flavor', C, poke(ctr, 24, b'\3'), 'counter flavor 3'),
    ('ctr-flavor-raw', C, poke(ctr, 24, b'\1'),
     'flavor 1 (raw u32) over ULEB128 records'),
    ('ctr-footer-magic', C, poke(ctr, foot, b'\0\0\0\0'),
     'footer magic zeroed'),
    ('ctr-footer-segments-0', C, poke(ctr, foot + 8, le32(0)),
     'footer gives 0 segments'),
    ('ctr-footer-segments-2', C, poke(ctr, foot + 8, le32(2)),
     'footer gives 2 segments, there is 1'),
    ('ctr-segment-tables', C, poke(ctr, seg + 8, le32(len(ctr))),
     'segment string table length past the end of the file'),
    ('ctr-segment-records', C, poke(ctr, seg, le64(1 << 40)),
     'segment claims 2^40 function records'),
    ('ctr-segment-records-more', C, poke(ctr, seg, le64(nfn + 1)),
     'segment claims one function record more than it has'),
    ('ctr-record-counters', C, poke(ctr, recs[0][0], b'\x09'),
     'record 0 has 9 counters, the meta-data file 1 unit'),
    ('ctr-record-counters-huge', C, poke(ctr, recs[0][0], b'\xff\x7f'),
     'record 0 claims 16383 counters'),
    ('ctr-record-uleb', C, poke(ctr, recs[0][3], b'\xff' * 11),
     'a counter ULEB128 of 11 0xff bytes (over 64 bits)'),
    ('ctr-record-pkg-uleb', C, poke(ctr, recs[1][1], b'\xff' * 11),
     'a package index ULEB128 of 11 0xff bytes (over 64 bits)'),
]

names = [c[0] for c in cases]
assert len(set(names)) == len(names)
for name, which, data, what in cases:
    if listing:
        print('| %s | %s | %s |' % (name, 'meta' if which == M else 'counter',
                                    what))
        continue
    d = os.path.join(out, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(src, d)
    path = os.path.join(d, META if which == M else CTR)
    with open(path, 'wb') as f:
        f.write(data)
if not listing:
    print('make-cases: %d cases written' % len(cases))
EOF
