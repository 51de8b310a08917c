/* covdata.c - Go 1.20+ binary coverage data reader (a GOCOVERDIR). */
#include "../libprof/format.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Layouts: reference/formats.md section 2. A pod is one covmeta.<H> file
 * and every covcounters.<H>.<pid>.<nanos> file; everything else (tmp.*,
 * metafiles.txt) is ignored. Choices where `go tool covdata` differs:
 *  - every segment of a counter file is read (covdata reads the first);
 *    a segment's preamble is aligned from the segment start, as the Go
 *    writer pads it (identical to Go's reader for the first segment);
 *  - counts are 64-bit and saturate at 2^64-1, not 2^32-1; ULEB counter
 *    values are kept whole (covdata truncates them to 32 bits);
 *  - pods of different modes in one directory are merged by covkit's
 *    mode policy (set with a counting mode gives set, with a notice;
 *    count with atomic gives atomic) instead of failing; this happens
 *    inside the reader, so --mode count cannot undo it for one directory;
 *  - a unit with line 0 is an error, as in the text reader; a unit that
 *    ends before it starts is kept as written (//line directives: the
 *    end is a line of another file);
 *  - a function record whose counter count differs from the function's
 *    unit count is an error (covdata ignores extra counters, and panics
 *    on missing ones); one with an unknown package or function index is
 *    skipped with a warning, as covdata does;
 *  - a directory without any meta-data file is an error (covdata warns
 *    and writes an empty file that its own tools then reject).
 * Units: every unit becomes a block that names its function (the
 * literal's func.L<l>.C<c> for a package-level literal). Units combine as
 * covdata's formatter keys them, by (function, range, statements): two
 * functions' units at one range (//line maps them there) stay two blocks.
 * Functions: every non-literal function with units gives a prof_function
 * spanning its units; its hits are those of its entry unit (the unit that
 * starts first, at the body's opening brace), i.e. how often it was
 * called (0/1 in set mode). Package-level literals (func.L<l>.C<c>) give
 * blocks but no function, as `go tool covdata func` leaves them out.
 * A lone meta-data or counter file is recognised only to say that its
 * directory must be given instead.
 */

#define CD_META_HDR 56u
#define CD_BLOB_HDR 44u
#define CD_CTR_HDR 32u
#define CD_FOOTER 16u
#define CD_SEG_HDR 16u

typedef struct cd_str {
    const char *s;
    size_t len;
} cd_str;

typedef struct cd_unit {
    uint32_t sl, sc, el, ec, stmts;
} cd_unit;

typedef struct cd_func {
    cd_str name, file;
    bool lit;
    size_t first; /* index of its first unit in the pod */
    size_t nunits;
} cd_func;

typedef struct cd_pkg {
    size_t first; /* index of its first function in the pod */
    size_t nfuncs;
} cd_pkg;

/* One pod being read: the meta file's tables and the summed counters. */
typedef struct cd_pod {
    const char *meta_path;
    unsigned char hash[16];
    prof_mode mode;
    cd_pkg *pkgs;
    size_t npkgs;
    cd_func *funcs;
    size_t nfuncs, cap_funcs;
    cd_unit *units;
    uint64_t *counts;
    size_t nunits, cap_units;
} cd_pod;

/* A bounded reader over one file; positions are absolute file offsets. */
typedef struct cd_rd {
    prof_reader *r;
    const char *path;
    const unsigned char *d;
    size_t pos, end;
    char ctx[128]; /* what is being read, for messages; "" if nothing */
} cd_rd;

static const unsigned char cd_meta_magic[4] = {0x00, 0x63, 0x76, 0x6d};
static const unsigned char cd_ctr_magic[4] = {0x00, 0x63, 0x77, 0x6d};

static int cd_fail(const cd_rd *rd, size_t at, const char *fmt, ...)
    PROF_PRINTF(3, 4);

static int cd_fail(const cd_rd *rd, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = prof_error_vat(rd->r->err, rd->path, at, rd->ctx, fmt, ap);
    va_end(ap);
    return rc;
}

static int cd_oom(const cd_rd *rd)
{
    return prof_error_oom(rd->r->err, rd->path);
}

/* Make sure N more bytes are there. */
static int cd_need(const cd_rd *rd, size_t n, const char *what)
{
    if (rd->end - rd->pos >= n)
        return 0;
    return cd_fail(rd, rd->pos, "expected %s (%zu bytes), but only %zu "
                   "bytes are left (truncated file?)", what, n,
                   rd->end - rd->pos);
}

static uint32_t cd_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint32_t cd_be32(const unsigned char *p)
{
    return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 |
           (uint32_t)p[0] << 24;
}

static uint64_t cd_le64(const unsigned char *p)
{
    return (uint64_t)cd_le32(p) | (uint64_t)cd_le32(p + 4) << 32;
}

/* Unsigned LEB128 of at most 10 bytes that fits in 64 bits. */
static int cd_uleb(cd_rd *rd, const char *what, uint64_t *out)
{
    size_t at = rd->pos;
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (rd->pos >= rd->end)
            return cd_fail(rd, at, "%s: ULEB128 value runs past the end",
                           what);
        unsigned char b = rd->d[rd->pos++];
        if (shift == 63 && (b & 0x7e))
            return cd_fail(rd, at, "%s: ULEB128 value exceeds 64 bits",
                           what);
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return cd_fail(rd, at, "%s: ULEB128 value longer than 10 bytes", what);
}

static int cd_uleb32(cd_rd *rd, const char *what, uint32_t *out)
{
    size_t at = rd->pos;
    uint64_t v;
    PROF_TRY(cd_uleb(rd, what, &v));
    if (v > UINT32_MAX)
        return cd_fail(rd, at, "%s %llu is out of range (at most %lu)",
                       what, (unsigned long long)v,
                       (unsigned long)UINT32_MAX);
    *out = (uint32_t)v;
    return 0;
}

/* ---- the meta-data file ---- */

/* A string table (formats.md 2.3) into a malloc'd array. */
static int cd_strtab(cd_rd *rd, cd_str **out, size_t *n)
{
    uint64_t count = 0, len = 0;
    size_t at = rd->pos;
    PROF_TRY(cd_uleb(rd, "string table size", &count));
    if (count > rd->end - rd->pos)
        return cd_fail(rd, at, "string table claims %llu entries but only "
                       "%zu bytes follow", (unsigned long long)count,
                       rd->end - rd->pos);
    cd_str *t = malloc((count ? count : 1) * sizeof *t);
    if (!t)
        return cd_oom(rd);
    for (size_t i = 0; i < count; i++) {
        at = rd->pos;
        int rc = cd_uleb(rd, "string length", &len);
        if (rc == 0 && len > rd->end - rd->pos)
            rc = cd_fail(rd, at, "string %zu of %llu bytes runs past the "
                         "end", i, (unsigned long long)len);
        if (rc < 0) {
            free(t);
            return rc;
        }
        t[i].s = (const char *)rd->d + rd->pos;
        t[i].len = (size_t)len;
        rd->pos += (size_t)len;
    }
    *out = t;
    *n = (size_t)count;
    return 0;
}

static int cd_str_at(cd_rd *rd, const cd_str *tab, size_t n, uint32_t idx,
                     size_t at, const char *what, cd_str *out)
{
    if (idx >= n)
        return cd_fail(rd, at, "%s index %lu is outside the string table "
                       "(%zu entries)", what, (unsigned long)idx, n);
    *out = tab[idx];
    return 0;
}

static int cd_grow_units(cd_rd *rd, cd_pod *pod, uint64_t n)
{
    if (n && prof_grow((void **)&pod->units, &pod->cap_units,
                       pod->nunits + (size_t)n - 1, sizeof *pod->units) < 0)
        return cd_oom(rd);
    return 0;
}

static int cd_unit_read(cd_rd *rd, cd_unit *u)
{
    size_t at = rd->pos;
    PROF_TRY(cd_uleb32(rd, "start line", &u->sl));
    PROF_TRY(cd_uleb32(rd, "start column", &u->sc));
    PROF_TRY(cd_uleb32(rd, "end line", &u->el));
    PROF_TRY(cd_uleb32(rd, "end column", &u->ec));
    PROF_TRY(cd_uleb32(rd, "statement count", &u->stmts));
    if (u->sl == 0 || u->el == 0)
        return cd_fail(rd, at, "unit %lu.%lu,%lu.%lu: line numbers start "
                       "at 1", (unsigned long)u->sl, (unsigned long)u->sc,
                       (unsigned long)u->el, (unsigned long)u->ec);
    return 0;
}

/* One function descriptor at RD->pos: numUnits, name, file, units, lit. */
static int cd_func_read(cd_rd *rd, cd_pod *pod, const cd_str *tab, size_t n)
{
    uint64_t nunits = 0, lit = 0;
    uint32_t name = 0, file = 0;
    size_t at = rd->pos, name_at, file_at;
    PROF_TRY(cd_uleb(rd, "unit count", &nunits));
    if (nunits > (rd->end - rd->pos) / 5)
        return cd_fail(rd, at, "function claims %llu units but only %zu "
                       "bytes follow", (unsigned long long)nunits,
                       rd->end - rd->pos);
    name_at = rd->pos;
    PROF_TRY(cd_uleb32(rd, "function name index", &name));
    file_at = rd->pos;
    PROF_TRY(cd_uleb32(rd, "file name index", &file));
    if (prof_grow((void **)&pod->funcs, &pod->cap_funcs, pod->nfuncs,
                  sizeof *pod->funcs) < 0)
        return cd_oom(rd);
    cd_func *f = &pod->funcs[pod->nfuncs];
    PROF_TRY(cd_str_at(rd, tab, n, name, name_at, "function name", &f->name));
    PROF_TRY(cd_str_at(rd, tab, n, file, file_at, "file name", &f->file));
    if (f->file.len == 0)
        return cd_fail(rd, file_at, "empty source file name");
    PROF_TRY(cd_grow_units(rd, pod, nunits));
    f->first = pod->nunits;
    f->nunits = (size_t)nunits;
    for (size_t i = 0; i < nunits; i++)
        PROF_TRY(cd_unit_read(rd, &pod->units[pod->nunits + i]));
    PROF_TRY(cd_uleb(rd, "literal flag", &lit));
    f->lit = lit != 0;
    pod->nunits += (size_t)nunits;
    pod->nfuncs++;
    return 0;
}

/* The functions of the blob at [BASE, BASE+LEN) (formats.md 2.5). */
static int cd_blob_funcs(cd_rd *rd, cd_pod *pod, size_t base, size_t len,
                         uint32_t nfuncs, const cd_str *tab, size_t n)
{
    for (uint32_t i = 0; i < nfuncs; i++) {
        size_t slot = CD_BLOB_HDR + 4 * (size_t)i;
        uint32_t off = cd_le32(rd->d + base + slot);
        if (off < slot + 4 || off >= len)
            return cd_fail(rd, base + slot, "function %lu offset %lu is "
                           "outside the package data (%zu..%zu)",
                           (unsigned long)i, (unsigned long)off, slot + 4,
                           len - 1);
        rd->pos = base + off;
        PROF_TRY(cd_func_read(rd, pod, tab, n));
    }
    return 0;
}

static int cd_blob(cd_rd *rd, cd_pod *pod, size_t base, size_t len)
{
    rd->pos = base;
    rd->end = base + len;
    PROF_TRY(cd_need(rd, CD_BLOB_HDR, "a package header"));
    const unsigned char *h = rd->d + base;
    uint32_t blen = cd_le32(h), nfuncs = cd_le32(h + 40);
    if (blen != len)
        return cd_fail(rd, base, "package length %lu differs from %zu in "
                       "the file header", (unsigned long)blen, len);
    if (nfuncs > (len - CD_BLOB_HDR) / 4)
        return cd_fail(rd, base + 40, "%lu functions do not fit in %zu "
                       "bytes", (unsigned long)nfuncs, len);
    rd->pos = base + CD_BLOB_HDR + 4 * (size_t)nfuncs;
    cd_str *tab = NULL;
    size_t n = 0;
    PROF_TRY(cd_strtab(rd, &tab, &n));
    cd_str pkgpath = {"", 0};
    int rc = cd_str_at(rd, tab, n, cd_le32(h + 8), base + 8, "package path",
                       &pkgpath);
    size_t used = strlen(rd->ctx);
    if (rc == 0 && used + 2 < sizeof rd->ctx) {
        rd->ctx[used] = ' ';
        prof_quote(rd->ctx + used + 1, sizeof rd->ctx - used - 1, pkgpath.s,
                   pkgpath.len);
    }
    if (rc == 0)
        rc = cd_blob_funcs(rd, pod, base, len, nfuncs, tab, n);
    free(tab);
    return rc;
}

static int cd_meta_mode(cd_rd *rd, const unsigned char *d, cd_pod *pod)
{
    static const prof_mode modes[] = {PROF_MODE_NONE, PROF_MODE_SET,
                                      PROF_MODE_COUNT, PROF_MODE_ATOMIC};
    if (d[48] < 1 || d[48] > 3)
        return cd_fail(rd, 48, "counter mode %u is not set (1), count (2) "
                       "or atomic (3)", d[48]);
    if (d[49] < 1 || d[49] > 2)
        return cd_fail(rd, 49, "counter granularity %u is not perblock (1) "
                       "or perfunc (2)", d[49]);
    pod->mode = modes[d[48]];
    return 0;
}

/* The magic and version (1) that open both kinds of file. */
static int cd_check_head(cd_rd *rd, const unsigned char magic[4],
                         const char *kind)
{
    const unsigned char *d = rd->d;
    if (memcmp(d, magic, 4))
        return cd_fail(rd, 0, "not a Go coverage %s file (expected magic "
                       "%02x %02x %02x %02x, got %02x %02x %02x %02x)", kind,
                       magic[0], magic[1], magic[2], magic[3], d[0], d[1],
                       d[2], d[3]);
    if (cd_le32(d + 4) > 1)
        return cd_fail(rd, 4, "%s file version %lu is newer than this reader "
                       "(1)", kind, (unsigned long)cd_le32(d + 4));
    return 0;
}

static int cd_meta_header(cd_rd *rd, cd_pod *pod, uint64_t *entries)
{
    const unsigned char *d = rd->d;
    PROF_TRY(cd_need(rd, CD_META_HDR, "a meta-data file header"));
    PROF_TRY(cd_check_head(rd, cd_meta_magic, "meta-data"));
    if (cd_le64(d + 8) != rd->end)
        return cd_fail(rd, 8, "the header gives the file length as %llu "
                       "but the file has %zu bytes (truncated?)",
                       (unsigned long long)cd_le64(d + 8), rd->end);
    *entries = cd_le64(d + 16);
    if (*entries > (rd->end - CD_META_HDR) / 16)
        return cd_fail(rd, 16, "%llu packages do not fit in the file",
                       (unsigned long long)*entries);
    uint64_t st = cd_le32(d + 40), sl = cd_le32(d + 44);
    if (st + sl > rd->end)
        return cd_fail(rd, 40, "string table %llu+%llu runs past the end",
                       (unsigned long long)st, (unsigned long long)sl);
    memcpy(pod->hash, d + 24, 16);
    return cd_meta_mode(rd, d, pod);
}

static int cd_meta(cd_rd *rd, cd_pod *pod)
{
    uint64_t entries = 0;
    size_t flen = rd->end;
    PROF_TRY(cd_meta_header(rd, pod, &entries));
    pod->pkgs = calloc(entries ? entries : 1, sizeof *pod->pkgs);
    if (!pod->pkgs)
        return cd_oom(rd);
    pod->npkgs = (size_t)entries;
    for (size_t i = 0; i < entries; i++) {
        size_t at = CD_META_HDR + 8 * i;
        uint64_t off = cd_le64(rd->d + at);
        uint64_t len = cd_le64(rd->d + at + 8 * entries);
        rd->end = flen;
        if (off > flen || len > flen - off)
            return cd_fail(rd, at, "package %zu at %llu+%llu runs past the "
                           "end", i, (unsigned long long)off,
                           (unsigned long long)len);
        snprintf(rd->ctx, sizeof rd->ctx, "package %zu", i);
        pod->pkgs[i].first = pod->nfuncs;
        PROF_TRY(cd_blob(rd, pod, (size_t)off, (size_t)len));
        rd->ctx[0] = '\0';
        pod->pkgs[i].nfuncs = pod->nfuncs - pod->pkgs[i].first;
    }
    return 0;
}

/* ---- counter-data files ---- */

typedef struct cd_ctr {
    cd_rd rd;
    bool raw, big; /* flavor 1 (u32 values), and their byte order */
    size_t skipped, first_skip;
} cd_ctr;

static int cd_value(cd_ctr *c, const char *what, uint64_t *v)
{
    if (!c->raw)
        return cd_uleb(&c->rd, what, v);
    PROF_TRY(cd_need(&c->rd, 4, what));
    const unsigned char *p = c->rd.d + c->rd.pos;
    *v = c->big ? cd_be32(p) : cd_le32(p);
    c->rd.pos += 4;
    return 0;
}

static void cd_add(cd_pod *pod, size_t i, uint64_t v)
{
    if (pod->mode == PROF_MODE_SET)
        pod->counts[i] |= v != 0;
    else
        pod->counts[i] = prof_sat_add(pod->counts[i], v);
}

/* One function record: nCtrs, pkgIdx, funcIdx, counters. */
static int cd_record(cd_ctr *c, cd_pod *pod)
{
    uint64_t nc, pk, fn, v;
    size_t at = c->rd.pos;
    PROF_TRY(cd_value(c, "counter count", &nc));
    PROF_TRY(cd_value(c, "package index", &pk));
    PROF_TRY(cd_value(c, "function index", &fn));
    if (nc > (c->rd.end - c->rd.pos) / (c->raw ? 4 : 1))
        return cd_fail(&c->rd, at, "function record claims %llu counters "
                       "but only %zu bytes follow", (unsigned long long)nc,
                       c->rd.end - c->rd.pos);
    const cd_func *f = NULL;
    if (pk < pod->npkgs && fn < pod->pkgs[pk].nfuncs)
        f = &pod->funcs[pod->pkgs[pk].first + fn];
    if (!f) {
        if (c->skipped++ == 0)
            c->first_skip = at;
    } else if (nc != f->nunits) {
        char q[128];
        return cd_fail(&c->rd, at, "function record for %s (package %llu, "
                       "function %llu) has %llu counters, but the meta-data "
                       "file gives it %zu units",
                       prof_quote(q, sizeof q, f->name.s, f->name.len),
                       (unsigned long long)pk, (unsigned long long)fn,
                       (unsigned long long)nc, f->nunits);
    }
    for (size_t i = 0; i < nc; i++) {
        PROF_TRY(cd_value(c, "counter", &v));
        if (f)
            cd_add(pod, f->first + i, v);
    }
    return 0;
}

/* One segment: header, string table, args, padding, records. */
static int cd_segment(cd_ctr *c, cd_pod *pod)
{
    cd_rd *rd = &c->rd;
    size_t start = rd->pos;
    PROF_TRY(cd_need(rd, CD_SEG_HDR, "a segment header"));
    const unsigned char *h = rd->d + start;
    uint64_t nfn = cd_le64(h);
    uint64_t tabs = (uint64_t)cd_le32(h + 8) + cd_le32(h + 12);
    rd->pos += CD_SEG_HDR;
    if (tabs > rd->end - rd->pos)
        return cd_fail(rd, start + 8, "string and args tables of %llu bytes "
                       "run past the end", (unsigned long long)tabs);
    rd->pos += (size_t)tabs;
    size_t pad = (4 - (rd->pos - start) % 4) % 4;
    PROF_TRY(cd_need(rd, pad, "padding"));
    rd->pos += pad;
    if (nfn > (rd->end - rd->pos) / (c->raw ? 12 : 3))
        return cd_fail(rd, start, "segment claims %llu function records but "
                       "only %zu bytes follow", (unsigned long long)nfn,
                       rd->end - rd->pos);
    for (uint64_t i = 0; i < nfn; i++) {
        snprintf(rd->ctx, sizeof rd->ctx, "function record %llu",
                 (unsigned long long)i);
        PROF_TRY(cd_record(c, pod));
    }
    rd->ctx[0] = '\0';
    return 0;
}

static int cd_ctr_header(cd_ctr *c, const cd_pod *pod, uint32_t *nseg)
{
    cd_rd *rd = &c->rd;
    const unsigned char *d = rd->d;
    size_t len = rd->end;
    PROF_TRY(cd_need(rd, CD_CTR_HDR + CD_FOOTER, "a counter file header "
                     "and footer"));
    PROF_TRY(cd_check_head(rd, cd_ctr_magic, "counter"));
    if (memcmp(d + 8, pod->hash, 16))
        return cd_fail(rd, 8, "the meta-data hash differs from that of %s",
                       pod->meta_path);
    if (d[24] != 1 && d[24] != 2)
        return cd_fail(rd, 24, "counter flavor %u is not raw (1) or ULEB128 "
                       "(2)", d[24]);
    c->raw = d[24] == 1;
    c->big = d[25] != 0;
    const unsigned char *f = d + len - CD_FOOTER;
    if (memcmp(f, cd_ctr_magic, 4))
        return cd_fail(rd, len - CD_FOOTER, "expected the footer magic 00 63 "
                       "77 6d (truncated file?)");
    *nseg = cd_le32(f + 8);
    if (*nseg == 0)
        return cd_fail(rd, len - 8, "the footer gives no segments");
    return 0;
}

static int cd_counters(cd_ctr *c, cd_pod *pod)
{
    uint32_t nseg;
    cd_rd *rd = &c->rd;
    PROF_TRY(cd_ctr_header(c, pod, &nseg));
    rd->pos = CD_CTR_HDR;
    rd->end -= CD_FOOTER;
    for (uint32_t s = 0; s < nseg; s++) {
        if (s > 0) {
            PROF_TRY(cd_need(rd, CD_FOOTER, "a segment footer"));
            if (memcmp(rd->d + rd->pos, cd_ctr_magic, 4))
                return cd_fail(rd, rd->pos, "expected the footer of segment "
                               "%lu", (unsigned long)s);
            rd->pos += CD_FOOTER;
        }
        PROF_TRY(cd_segment(c, pod));
    }
    if (c->skipped)
        prof_profile_warnf(rd->r->p, rd->path, 0,
                           "skipped %zu function record%s with an unknown "
                           "package or function index (the first at byte "
                           "%zu)", c->skipped, c->skipped == 1 ? "" : "s",
                           c->first_skip);
    return 0;
}

/* ---- pods in memory ---- */

static void cd_pod_free(cd_pod *pod)
{
    free(pod->pkgs);
    free(pod->funcs);
    free(pod->units);
    free(pod->counts);
    memset(pod, 0, sizeof *pod);
}

static int cd_pod_meta(prof_reader *r, cd_pod *pod, const char *path,
                       const unsigned char *d, size_t len)
{
    cd_rd rd = {r, path, d, 0, len, ""};
    memset(pod, 0, sizeof *pod);
    pod->meta_path = path;
    PROF_TRY(cd_meta(&rd, pod));
    pod->counts = calloc(pod->nunits ? pod->nunits : 1, sizeof *pod->counts);
    return pod->counts ? 0 : cd_oom(&rd);
}

static int cd_pod_counters(prof_reader *r, cd_pod *pod, const char *path,
                           const unsigned char *d, size_t len)
{
    cd_ctr c = {{r, path, d, 0, len, ""}, false, false, 0, 0};
    return cd_counters(&c, pod);
}

/* The entry unit (the one starting first) of F. */
static const cd_unit *cd_entry(const cd_pod *pod, const cd_func *f,
                               size_t *idx)
{
    size_t best = f->first;
    for (size_t i = f->first + 1; i < f->first + f->nunits; i++) {
        const cd_unit *u = &pod->units[i], *b = &pod->units[best];
        if (u->sl < b->sl || (u->sl == b->sl && u->sc < b->sc))
            best = i;
    }
    *idx = best;
    return &pod->units[best];
}

static int cd_emit_func(prof_reader *r, const cd_pod *pod, const cd_func *f,
                        prof_file *pf)
{
    size_t entry;
    const cd_unit *e = cd_entry(pod, f, &entry);
    prof_function fn = {NULL, e->sl, e->sc, e->el, e->ec, r->input, 0,
                        pod->counts[entry]};
    for (size_t i = f->first; i < f->first + f->nunits; i++) {
        const cd_unit *u = &pod->units[i];
        if (u->el > fn.end_line || (u->el == fn.end_line &&
                                    u->ec > fn.end_col)) {
            fn.end_line = u->el;
            fn.end_col = u->ec;
        }
    }
    fn.suites = fn.hits ? r->suites : 0;
    fn.name = prof_profile_intern(r->p, f->name.s, f->name.len);
    if (!fn.name || prof_file_add_function(pf, &fn) < 0)
        return PROF_ENOMEM;
    return 0;
}

/* Blocks (and functions) of every unit of the pod into R's profile. */
static int cd_emit(prof_reader *r, const cd_pod *pod)
{
    for (size_t i = 0; i < pod->nfuncs; i++) {
        const cd_func *f = &pod->funcs[i];
        if (f->nunits == 0)
            continue;
        prof_file *pf = prof_profile_file_get(r->p, f->file.s, f->file.len);
        const char *name = prof_profile_intern(r->p, f->name.s, f->name.len);
        if (!pf || !name)
            return PROF_ENOMEM;
        for (size_t k = f->first; k < f->first + f->nunits; k++) {
            const cd_unit *u = &pod->units[k];
            uint64_t hits = pod->counts[k];
            prof_block b = {u->sl, u->sc, u->el, u->ec, u->stmts, r->input,
                            0, hits ? r->suites : 0, hits, name};
            PROF_TRY(prof_file_add_block(pf, &b));
        }
        if (!f->lit)
            PROF_TRY(cd_emit_func(r, pod, f, pf));
    }
    return 0;
}

/* For tests: read one pod held in memory, as read_dir does for the files
 * META and COUNTERS[0..N). */
int prof_covdata_read_pod(prof_reader *r, const char *meta_name,
                          const unsigned char *meta, size_t meta_len,
                          size_t n, const char *const *names,
                          const unsigned char *const *counters,
                          const size_t *lens);

int prof_covdata_read_pod(prof_reader *r, const char *meta_name,
                          const unsigned char *meta, size_t meta_len,
                          size_t n, const char *const *names,
                          const unsigned char *const *counters,
                          const size_t *lens)
{
    cd_pod pod;
    int rc = cd_pod_meta(r, &pod, meta_name, meta, meta_len);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = cd_pod_counters(r, &pod, names[i], counters[i], lens[i]);
    if (rc == 0 && (rc = cd_emit(r, &pod)) < 0)
        prof_reader_fail(r, rc, 0, "out of memory");
    if (rc == 0)
        prof_reader_set_mode(r, pod.mode);
    cd_pod_free(&pod);
    return rc;
}

/* ---- the directory ---- */

typedef struct cd_name {
    char *name;
    const char *hash; /* inside NAME */
    size_t hash_len;
    int kind; /* 0 other, 1 meta, 2 counters */
    bool used;
} cd_name;

typedef struct cd_dir {
    prof_reader *r;
    const char *dir;
    cd_name *names;
    size_t n, cap;
    prof_mode mode;
} cd_dir;

static bool cd_digits(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool cd_no_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
            return false;
    return len > 0;
}

/* Go's pods.go: ^covmeta\.(\S+)$ and ^covcounters\.(\S+)\.(\d+)\.(\d+)+$ */
static void cd_classify(cd_name *e)
{
    const char *s = e->name;
    size_t len = strlen(s);
    if (!strncmp(s, "covmeta.", 8) && cd_no_space(s + 8, len - 8)) {
        e->kind = 1;
        e->hash = s + 8;
        e->hash_len = len - 8;
        return;
    }
    if (strncmp(s, "covcounters.", 12))
        return;
    const char *b = s + 12, *end = s + len;
    const char *d2 = memrchr(b, '.', (size_t)(end - b));
    if (!d2 || !cd_digits(d2 + 1, (size_t)(end - d2 - 1)))
        return;
    const char *d1 = memrchr(b, '.', (size_t)(d2 - b));
    if (!d1 || !cd_digits(d1 + 1, (size_t)(d2 - d1 - 1)) ||
        !cd_no_space(b, (size_t)(d1 - b)))
        return;
    e->kind = 2;
    e->hash = b;
    e->hash_len = (size_t)(d1 - b);
}

static int cd_name_cmp(const void *a, const void *b)
{
    return strcmp(((const cd_name *)a)->name, ((const cd_name *)b)->name);
}

static void cd_dir_free(cd_dir *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->names[i].name);
    free(d->names);
}

/* The coverage files of the directory, sorted by name. */
static int cd_list(cd_dir *d)
{
    DIR *dp = opendir(d->dir);
    if (!dp)
        return prof_reader_fail(d->r, PROF_EIO, 0, "cannot open directory: "
                                "%s", strerror(errno));
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(dp)) != NULL) {
        cd_name e = {NULL, NULL, 0, 0, false};
        e.name = de->d_name;
        cd_classify(&e);
        if (!e.kind)
            continue;
        size_t off = (size_t)(e.hash - de->d_name);
        if (prof_grow((void **)&d->names, &d->cap, d->n, sizeof e) < 0 ||
            !(e.name = strdup(de->d_name))) {
            rc = prof_reader_oom(d->r, 0);
            break;
        }
        e.hash = e.name + off;
        d->names[d->n++] = e;
    }
    closedir(dp);
    if (rc == 0 && d->n > 1)
        qsort(d->names, d->n, sizeof *d->names, cd_name_cmp);
    return rc;
}

static char *cd_join(const cd_dir *d, const char *name)
{
    size_t a = strlen(d->dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p)
        snprintf(p, a + b + 2, "%s%s%s", d->dir,
                 a && d->dir[a - 1] == '/' ? "" : "/", name);
    return p;
}

/* Load NAME of the directory into IN; *PATH receives its malloc'd path. */
static int cd_load(cd_dir *d, const char *name, prof_input *in, char **path)
{
    *path = cd_join(d, name);
    if (!*path)
        return prof_reader_oom(d->r, 0);
    return prof_reader_load(d->r, in, *path);
}

static int cd_counter_file(cd_dir *d, cd_pod *pod, const char *name)
{
    prof_input in;
    char *path;
    int rc = cd_load(d, name, &in, &path);
    if (rc == 0) {
        rc = cd_pod_counters(d->r, pod, path, in.data, in.len);
        prof_input_release(&in);
    }
    free(path);
    return rc;
}

static void cd_join_mode(cd_dir *d, const cd_pod *pod)
{
    prof_mode a = d->mode, b = pod->mode;
    if (a == PROF_MODE_NONE || a == b) {
        d->mode = b;
        return;
    }
    if (a != PROF_MODE_SET && b != PROF_MODE_SET) {
        d->mode = PROF_MODE_ATOMIC;
        return;
    }
    if (a != b)
        prof_profile_warnf(d->r->p, pod->meta_path, 0,
                           "merging %s-mode data with %s-mode data of "
                           "another binary in the same directory gives set "
                           "mode (counts become 0/1)",
                           prof_mode_name(b), prof_mode_name(a));
    d->mode = PROF_MODE_SET;
}

/* The pod of meta file D->names[M]: the meta file, its counter files. The
 * meta file stays loaded until the blocks are out: names point into it. */
static int cd_pod_read(cd_dir *d, size_t m)
{
    cd_pod pod;
    char *path;
    prof_input in;
    const cd_name *meta = &d->names[m];
    memset(&pod, 0, sizeof pod);
    int rc = cd_load(d, meta->name, &in, &path);
    if (rc < 0) {
        free(path);
        return rc;
    }
    rc = cd_pod_meta(d->r, &pod, path, in.data, in.len);
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        cd_name *c = &d->names[i];
        if (c->kind != 2 || c->hash_len != meta->hash_len ||
            memcmp(c->hash, meta->hash, c->hash_len))
            continue;
        c->used = true;
        rc = cd_counter_file(d, &pod, c->name);
    }
    if (rc == 0 && cd_emit(d->r, &pod) < 0)
        rc = prof_reader_oom(d->r, 0);
    if (rc == 0)
        cd_join_mode(d, &pod);
    cd_pod_free(&pod);
    prof_input_release(&in);
    free(path);
    return rc;
}

/* Set mode: function hits too are 0/1 (apply_mode clamps blocks). */
static void cd_clamp_functions(prof_reader *r)
{
    size_t nfiles = prof_profile_nfiles(r->p), n;
    for (size_t i = 0;
         prof_profile_mode(r->p) == PROF_MODE_SET && i < nfiles; i++) {
        prof_function *fn =
            prof_file_functions_mut(prof_reader_file_at(r, i), &n);
        for (size_t k = 0; k < n; k++)
            if (fn[k].hits > 1)
                fn[k].hits = 1;
    }
}

static int cd_read_dir(prof_reader *r, const char *dir)
{
    cd_dir d = {r, dir, NULL, 0, 0, PROF_MODE_NONE};
    int rc = cd_list(&d);
    for (size_t i = 0; rc == 0 && i < d.n; i++)
        if (d.names[i].kind == 1)
            rc = cd_pod_read(&d, i);
    for (size_t i = 0; rc == 0 && i < d.n; i++) {
        if (d.names[i].kind != 2 || d.names[i].used)
            continue;
        char *path = cd_join(&d, d.names[i].name);
        prof_profile_warnf(r->p, path ? path : d.names[i].name, 0,
                           "no meta-data file covmeta.%.*s for this counter "
                           "file; skipped", (int)d.names[i].hash_len,
                           d.names[i].hash);
        free(path);
    }
    if (rc == 0 && d.mode == PROF_MODE_NONE)
        rc = prof_reader_fail(r, PROF_EFORMAT, 0, "no Go coverage data here "
                              "(expected a GOCOVERDIR with covmeta.* and "
                              "covcounters.* files)");
    if (rc == 0) {
        prof_reader_set_mode(r, PROF_MODE_COUNT);
        prof_reader_apply_mode(r, d.mode);
        cd_clamp_functions(r);
    }
    cd_dir_free(&d);
    return rc;
}

/* A single file of a GOCOVERDIR is recognised only to say what to pass. */
static int cd_detect(const unsigned char *buf, size_t len)
{
    return len >= 4 && (!memcmp(buf, cd_meta_magic, 4) ||
                        !memcmp(buf, cd_ctr_magic, 4))
               ? 100
               : 0;
}

static int cd_read_file(prof_reader *r, const unsigned char *buf, size_t len)
{
    const char *kind = !cd_detect(buf, len)           ? NULL
                       : !memcmp(buf, cd_meta_magic, 4) ? "meta-data"
                                                        : "counter";
    if (!kind)
        return prof_reader_fail(r, PROF_EFORMAT, 0, "expected a GOCOVERDIR "
                                "directory (covmeta.* and covcounters.* "
                                "files), got a file");
    return prof_reader_fail(r, PROF_EFORMAT, 0, "this is a Go coverage %s "
                            "file: pass the directory that holds it (the "
                            "GOCOVERDIR)", kind);
}

const prof_format prof_format_covdata = {
    .name = "covdata",
    .description = "Go 1.20+ binary coverage directory (GOCOVERDIR)",
    .family = PROF_FAMILY_GO,
    .detect = cd_detect,
    .read = cd_read_file,
    .read_dir = cd_read_dir,
};
