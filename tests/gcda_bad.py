#!/usr/bin/env python3
# gcda_bad.py - makes testdata/bad/gcda/ from real gcc-12 output.
"""
  tests/gcda_bad.py [OUTDIR]     (default: testdata/bad/gcda)

Compiles a small C program (x.c, below) with gcc-12 --coverage -O0 in a
temporary directory, runs it once, and writes each must-fail case as
CASE.gcno (and CASE.gcda when the case has data): the real files with one
defect, named in CASES (README.md there says what each is and the
message expected). The notes' working directory is rewritten to "/build"
so that no path of this machine is kept, and -frandom-seed makes
the stamps (else the time of the build) the same on every run: the files
are the same bytes each time. The .err files beside them are
covkit's messages (tests/bad.sh --update), not written here.

gcc 12's layout (gcov-io.h): 32-bit little-endian words; a file starts
with magic, version, stamp, checksum; the notes then hold the working
directory (a string: its byte length with the NUL, then the bytes,
unpadded) and the unexecuted-blocks flag; then records: tag, length in
bytes, payload. Data records: object summary (a1000000), function
(01000000: ident, lineno checksum, cfg checksum), arc counters
(01a10000: 64-bit counts, low word first).
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

SOURCE = b"""int f(int x)
{
    if (x > 2)
        return x;
    return 0;
}

int main(int c, char **v)
{
    (void)v;
    return f(c) > 9;
}
"""
# the same program edited and rebuilt: another stamp, other checksums
EDITED = SOURCE.replace(b"if (x > 2)", b"if (x > 2 && x < 7)")

TAG_FUNCTION, TAG_BLOCKS, TAG_ARCS = 0x01000000, 0x01410000, 0x01430000
TAG_COUNTS = 0x01a10000


def u32(b, off):
    return struct.unpack_from("<I", b, off)[0]


def put32(b, off, v):
    struct.pack_into("<I", b, off, v & 0xffffffff)


def records(b, first):
    """(offset of the tag, tag, length) of every record from FIRST."""
    out, off = [], first
    while off + 8 <= len(b):
        tag, n = u32(b, off), u32(b, off + 4)
        out.append((off, tag, n))
        off += 8 + n
    return out


def notes_first(b):
    """Offset of the first record of a notes file (after cwd and flag)."""
    return 16 + 4 + u32(b, 16) + 4


def with_cwd(b, cwd):
    """The notes file B with its working directory replaced by CWD."""
    n = u32(b, 16)
    s = cwd.encode() + b"\0"
    return b[:16] + struct.pack("<I", len(s)) + s + b[20 + n:]


def build(tmp, source, seed):
    with open(os.path.join(tmp, "x.c"), "wb") as f:
        f.write(source)
    for cmd in (["gcc-12", "--coverage", "-O0", "-frandom-seed=" + seed,
                 "-c", "x.c", "-o", "x.o"],
                ["gcc-12", "--coverage", "x.o", "-o", "x"]):
        subprocess.run(cmd, cwd=tmp, check=True)
    subprocess.run(["./x"], cwd=tmp, check=False)
    with open(os.path.join(tmp, "x.gcno"), "rb") as f:
        gcno = with_cwd(f.read(), "/build")
    with open(os.path.join(tmp, "x.gcda"), "rb") as f:
        gcda = f.read()
    return gcno, gcda


def first(recs, tag, nth=0):
    return [r for r in recs if r[1] == tag][nth]


def cases(gcno, gcda, edited_gcno):
    """{name: (notes bytes, data bytes or None)}: one defect each."""
    n_recs = records(gcno, notes_first(gcno))
    d_recs = records(gcda, 16)
    c = {}

    def data(f):
        b = bytearray(gcda)
        f(b)
        return gcno, bytes(b)

    def notes(f):
        b = bytearray(gcno)
        f(b)
        return bytes(b), None

    cnt = first(d_recs, TAG_COUNTS)
    last = d_recs[-1]
    c["gcda-truncated"] = (gcno, gcda[:last[0] + 8 + 4])
    c["gcda-truncated-header"] = (gcno, gcda[:10])
    c["gcda-empty"] = (gcno, b"")
    c["gcda-bad-magic"] = data(lambda b: b.__setitem__(slice(0, 4), b"xdcg"))
    c["gcda-unknown-version"] = data(lambda b: b.__setitem__(
        slice(4, 8), b"*99B"))
    c["gcda-version-mismatch"] = data(lambda b: b.__setitem__(
        slice(4, 8), b"*31B"))  # gcc 11.3's stamp on gcc 12's data
    c["gcda-stamp-mismatch"] = data(lambda b: put32(b, 8, u32(b, 8) ^ 1))
    c["gcda-stale"] = (edited_gcno, gcda)
    fn = first(d_recs, TAG_FUNCTION)
    c["gcda-checksum-mismatch"] = data(lambda b: put32(
        b, fn[0] + 16, u32(b, fn[0] + 16) ^ 1))
    c["gcda-counts-short"] = (gcno, gcda[:cnt[0] + 4]
                              + struct.pack("<I", cnt[2] - 8)
                              + gcda[cnt[0] + 8:cnt[0] + 8 + cnt[2] - 8]
                              + gcda[cnt[0] + 8 + cnt[2]:])
    c["gcda-counts-odd-length"] = (gcno, gcda[:cnt[0] + 4]
                                   + struct.pack("<I", cnt[2] - 4)
                                   + gcda[cnt[0] + 8:cnt[0] + 4 + cnt[2]]
                                   + gcda[cnt[0] + 8 + cnt[2]:])
    c["gcda-negative-length"] = data(lambda b: put32(b, cnt[0] + 4, -8))
    c["gcda-huge-length"] = data(lambda b: put32(b, cnt[0] + 4, 0x7ffffff8))
    blocks = first(n_recs, TAG_BLOCKS)
    arcs = first(n_recs, TAG_ARCS)
    c["gcno-truncated"] = (gcno[:arcs[0] + 8 + 6], None)
    c["gcno-bad-magic"] = notes(lambda b: b.__setitem__(
        slice(0, 4), b"xncg"))
    c["gcno-unknown-version"] = notes(lambda b: b.__setitem__(
        slice(4, 8), b"*99B"))
    c["gcno-negative-length"] = notes(lambda b: put32(b, arcs[0] + 4, -4))
    c["gcno-huge-length"] = notes(lambda b: put32(
        b, arcs[0] + 4, 0x7ffffffc))
    c["gcno-cwd-past-end"] = notes(lambda b: put32(b, 16, 0x7fffffff))
    c["gcno-blocks-huge"] = notes(lambda b: put32(
        b, blocks[0] + 8, 0x7fffffff))
    c["gcno-arc-out-of-range"] = notes(lambda b: put32(
        b, arcs[0] + 12, 999))  # the first arc's destination block
    return c


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(top, "testdata", "bad", "gcda")
    tmp = tempfile.mkdtemp()
    try:
        gcno, gcda = build(tmp, SOURCE, "covkit")
        # the program edited and rebuilt while the old data stays (another
        # directory: its own run would not merge into the old data)
        os.mkdir(os.path.join(tmp, "edited"))
        edited_gcno = build(os.path.join(tmp, "edited"), EDITED,
                            "covkit-edited")[0]
    finally:
        shutil.rmtree(tmp)
    os.makedirs(out, exist_ok=True)
    for name, (notes, data) in sorted(cases(gcno, gcda, edited_gcno).items()):
        with open(os.path.join(out, name + ".gcno"), "wb") as f:
            f.write(notes)
        if data is not None:
            with open(os.path.join(out, name + ".gcda"), "wb") as f:
                f.write(data)
        print(name)


if __name__ == "__main__":
    main()
