/* gcda.c - gcc/clang coverage notes (.gcno) and data (.gcda), read natively. */
#include "gcda.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The files are gcc's gcov-io.h format: 32-bit words in the writer's byte
 * order (the magic tells it), records of (tag, length, body). What each
 * version writes (checked on the files gcc-11, gcc-12, clang-14 and
 * clang-19 write; covkit-formats(5) GCNO AND GCDA):
 *  - "408*" (clang 14-19, gcc 4.7-4.9): lengths in words, strings as a
 *    word count then NUL-padded words; no working directory; a function
 *    is ident, two checksums, name, source, line; BLOCKS holds one flag
 *    word per block;
 *  - "B1x*" (gcc 11): as 408, and the notes name the working directory
 *    and whether unexecuted blocks are marked; a function also has
 *    "artificial", start column, end line and end column; BLOCKS holds
 *    the number of blocks;
 *  - "B2x*" (gcc 12): as gcc 11, with lengths in bytes, strings as a
 *    byte count then the bytes (NUL included, no padding), a checksum
 *    word after the stamp, and a counter record of negative length for
 *    a function whose counters are all zero (none stored; gcc 11 writes
 *    it too, in words).
 * Any other version stamp is an error naming it: the layouts differ and
 * guessing would read wrong numbers.
 *
 * Counting (lines, branches, functions) is gcov's, in gcda_graph.c.
 */

#define GD_MAGIC_NOTES 0x67636e6fu /* "gcno" */
#define GD_MAGIC_DATA 0x67636461u  /* "gcda" */
#define GD_TAG_FUNCTION 0x01000000u
#define GD_TAG_BLOCKS 0x01410000u
#define GD_TAG_ARCS 0x01430000u
#define GD_TAG_LINES 0x01450000u
#define GD_TAG_COUNTS 0x01a10000u
#define GD_ARC_ON_TREE 1u
#define GD_ARC_FAKE 2u
#define GD_ARC_FALL 4u

/* A bounded reader over one file; positions are file offsets. */
typedef struct gd_rd {
    gd_unit *u;
    const char *path;
    const unsigned char *d;
    size_t pos, end, size;
    bool swap;
} gd_rd;

static int gd_fail(const gd_rd *rd, size_t at, const char *fmt, ...)
    PROF_PRINTF(3, 4);

static int gd_fail(const gd_rd *rd, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = prof_error_vat(&rd->u->err, rd->path, at, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

static uint32_t gd_word(const gd_rd *rd, const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
                 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return rd->swap ? __builtin_bswap32(v) : v;
}

/* Room for N more bytes in U->strs. */
static int gd_room(gd_unit *u, size_t n)
{
    if (u->cap_strs - u->nstrs >= n)
        return 0;
    size_t cap = u->cap_strs ? u->cap_strs : 256;
    while (cap - u->nstrs < n)
        cap *= 2;
    char *s = realloc(u->strs, cap);
    if (!s)
        return PROF_ENOMEM;
    u->strs = s;
    u->cap_strs = cap;
    return 0;
}

static int gd_u32(gd_rd *rd, uint32_t *v, const char *what)
{
    if (rd->end - rd->pos < 4)
        return gd_fail(rd, rd->pos, "expected %s (4 bytes), but the %s "
                       "ends here (truncated?)", what,
                       rd->end == rd->size ? "file" : "record");
    *v = gd_word(rd, rd->d + rd->pos);
    rd->pos += 4;
    return 0;
}

/* A string into U->strs (*OFF, *LEN; GD_NONE when the writer wrote
 * none, as a LINES record ends). */
static int gd_str(gd_rd *rd, uint32_t *off, uint32_t *len, const char *what)
{
    uint32_t n;
    size_t at = rd->pos;
    PROF_TRY(gd_u32(rd, &n, what));
    size_t left = rd->end - rd->pos;
    if (rd->u->layout != GD_L12 && n > left / 4)
        return gd_fail(rd, at, "%s of %u words runs past the record", what,
                       n);
    size_t bytes = rd->u->layout == GD_L12 ? n : (size_t)n * 4;
    if (bytes > left)
        return gd_fail(rd, at, "%s of %zu bytes runs past the record", what,
                       bytes);
    *off = GD_NONE;
    *len = 0;
    if (bytes == 0)
        return 0;
    const char *s = (const char *)rd->d + rd->pos;
    size_t k = strnlen(s, bytes);
    gd_unit *u = rd->u;
    if (gd_room(u, k + 1) < 0)
        return prof_error_oom(&u->err, rd->path);
    memcpy(u->strs + u->nstrs, s, k);
    u->strs[u->nstrs + k] = '\0';
    *off = (uint32_t)u->nstrs;
    *len = (uint32_t)k;
    u->nstrs += k + 1;
    rd->pos += bytes;
    return 0;
}

static int gd_oom(const gd_rd *rd)
{
    return prof_error_oom(&rd->u->err, rd->path);
}

/* What a version stamp's layout is: "408*" (v[0] a digit: major, then
 * minor in two digits) or "B22*" (v[0] 'A' + major / 10, then
 * major % 10 and minor). 0 if covkit does not know it. */
static unsigned gd_layout(uint32_t v)
{
    int c0 = (int)(v >> 24), c1 = (int)(v >> 16 & 0xff),
        c2 = (int)(v >> 8 & 0xff);
    if (c1 < '0' || c1 > '9' || c2 < '0' || c2 > '9')
        return 0;
    if (c0 == '4')
        return c1 == '0' && c2 >= '7' ? GD_L408 : 0;
    if (c0 == 'B')
        return c1 == '1' ? GD_L11 : c1 == '2' ? GD_L12 : 0;
    return 0;
}

/* The magic and version of a notes or data file: byte order and layout. */
static int gd_header(gd_rd *rd, uint32_t magic, const char *kind,
                     uint32_t *version)
{
    if (rd->size < 12)
        return gd_fail(rd, 0, "a gcc %s file starts with 12 bytes of "
                       "header; this one has %zu", kind, rd->size);
    uint32_t m = gd_word(rd, rd->d);
    if (m == __builtin_bswap32(magic))
        rd->swap = true;
    else if (m != magic)
        return gd_fail(rd, 0, "expected the magic of a gcc %s file "
                       "('%c%c%c%c')", kind, (int)(magic >> 24),
                       (int)(magic >> 16 & 0xff), (int)(magic >> 8 & 0xff),
                       (int)(magic & 0xff));
    rd->pos = 4;
    PROF_TRY(gd_u32(rd, version, "the version"));
    return 0;
}

static int gd_version_error(gd_rd *rd, uint32_t v)
{
    char s[5];
    for (int i = 0; i < 4; i++) {
        int c = (int)(v >> (24 - 8 * i) & 0xff);
        s[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    s[4] = '\0';
    return gd_fail(rd, 4, "version stamp '%s' (0x%08x) is not one covkit "
                   "reads (gcc 11 'B1x*', gcc 12 'B2x*', clang and gcc "
                   "4.7-4.9 '40x*')", s, v);
}

/* ---- notes ------------------------------------------------------------ */

/* The source named by the string at OFF: its index in U->srcs, added when
 * new. Its name is the working directory (or BASE, the notes' directory,
 * when the notes name none) joined with a relative name, "." and ".."
 * resolved as text. */
static int gd_source(gd_rd *rd, uint32_t off, uint32_t len, uint32_t base,
                     uint32_t base_len, uint32_t *out)
{
    gd_unit *u = rd->u;
    const char *raw = u->strs + off;
    if (u->nsrcs && len == u->last_raw_len &&
        !memcmp(raw, u->strs + u->last_raw, len)) {
        *out = u->last_src; /* records name one file again and again */
        return 0;
    }
    u->last_raw = off;
    u->last_raw_len = len;
    bool join = !prof_path_is_abs(raw, len) && base_len && raw[0] != '<';
    /* (+2: an empty name normalises to ".", one byte longer) */
    size_t need = (join ? base_len + 1 : 0) + len + 2;
    if (gd_room(u, need) < 0)
        return gd_oom(rd);
    char *p = u->strs + u->nstrs;
    size_t n = 0;
    if (join) {
        memcpy(p, u->strs + base, base_len);
        p[base_len] = '/';
        n = base_len + 1;
    }
    memcpy(p + n, u->strs + off, len);
    n += len;
    if (p[0] != '<')
        n = prof_path_lexical(p, n);
    p[n] = '\0';
    for (size_t i = u->nsrcs; i-- > 0;)
        if (u->srcs[i].name_len == n && !memcmp(u->strs + u->srcs[i].name, p,
                                                n)) {
            *out = u->last_src = (uint32_t)i;
            return 0;
        }
    gd_src s = {(uint32_t)u->nstrs, (uint32_t)n};
    u->nstrs += n + 1;
    *out = u->last_src = (uint32_t)u->nsrcs;
    return GD_PUSH(u, srcs, s) < 0 ? gd_oom(rd) : 0;
}

typedef struct gd_notes {
    gd_rd rd;
    uint32_t base, base_len; /* where relative names are: cwd or dir */
    gd_fn *fn;               /* the function records belong to, or NULL */
} gd_notes;

static int gd_fn_record(gd_notes *nt, size_t at)
{
    gd_rd *rd = &nt->rd;
    gd_unit *u = rd->u;
    gd_fn f;
    memset(&f, 0, sizeof f);
    uint32_t art = 0, so, sl, src;
    f.at = at;
    PROF_TRY(gd_u32(rd, &f.ident, "the function's ident"));
    PROF_TRY(gd_u32(rd, &f.lck, "the line checksum"));
    PROF_TRY(gd_u32(rd, &f.cck, "the flow-graph checksum"));
    PROF_TRY(gd_str(rd, &f.name, &f.name_len, "the function's name"));
    if (u->layout != GD_L408)
        PROF_TRY(gd_u32(rd, &art, "the artificial flag"));
    PROF_TRY(gd_str(rd, &so, &sl, "the function's source"));
    PROF_TRY(gd_u32(rd, &f.start_line, "the start line"));
    if (u->layout != GD_L408) {
        PROF_TRY(gd_u32(rd, &f.start_col, "the start column"));
        PROF_TRY(gd_u32(rd, &f.end_line, "the end line"));
        PROF_TRY(gd_u32(rd, &f.end_col, "the end column"));
    }
    if (so == GD_NONE)
        return gd_fail(rd, at, "a function without a source name");
    PROF_TRY(gd_source(rd, so, sl, nt->base, nt->base_len, &src));
    if (f.name == GD_NONE) {
        f.name = so + sl; /* no name: the empty string (the NUL) */
        f.name_len = 0;
    }
    f.src = src;
    f.artificial = art != 0;
    f.block0 = (uint32_t)u->nblocks;
    f.count0 = (uint32_t)u->ncounts;
    if (GD_PUSH(u, fns, f) < 0)
        return gd_oom(rd);
    nt->fn = &u->fns[u->nfns - 1];
    return 0;
}

static int gd_blocks_record(gd_notes *nt, size_t at, size_t len)
{
    gd_rd *rd = &nt->rd;
    gd_unit *u = rd->u;
    uint32_t n = (uint32_t)(len / 4);
    if (u->layout != GD_L408)
        PROF_TRY(gd_u32(rd, &n, "the number of blocks"));
    if (nt->fn->nblocks)
        return gd_fail(rd, at, "a second BLOCKS record for one function");
    if (n > rd->size / 8 + 2)
        return gd_fail(rd, at, "%u blocks: more than a notes file of %zu "
                       "bytes can describe", n, rd->size);
    gd_block b;
    memset(&b, 0, sizeof b);
    b.succ = b.pred = b.chain = b.loc = b.loc_last = GD_NONE;
    for (uint32_t i = 0; i < n; i++) {
        b.entry = i == 0;
        if (GD_PUSH(u, blocks, b) < 0)
            return gd_oom(rd);
    }
    nt->fn->nblocks = n;
    return 0;
}

/* Append arc A (index K) to the successors of its source and the
 * predecessors of its destination, in record order. */
static void gd_link(gd_unit *u, uint32_t k)
{
    gd_arc *a = &u->arcs[k];
    gd_block *s = &u->blocks[a->src], *d = &u->blocks[a->dst];
    uint32_t *at = &s->succ;
    while (*at != GD_NONE)
        at = &u->arcs[*at].succ_next;
    *at = k;
    at = &d->pred;
    while (*at != GD_NONE)
        at = &u->arcs[*at].pred_next;
    *at = k;
    s->num_succ++;
    d->num_pred++;
}

static int gd_arc_add(gd_notes *nt, uint32_t src, uint32_t dst,
                      uint32_t flags, bool *catches)
{
    gd_unit *u = nt->rd.u;
    gd_arc a;
    memset(&a, 0, sizeof a);
    a.src = nt->fn->block0 + src;
    a.dst = nt->fn->block0 + dst;
    a.succ_next = a.pred_next = GD_NONE;
    a.on_tree = (flags & GD_ARC_ON_TREE) != 0;
    a.fake = (flags & GD_ARC_FAKE) != 0;
    a.fall = (flags & GD_ARC_FALL) != 0;
    if (a.fake && src) { /* an exceptional exit: the source is a call */
        u->blocks[a.src].call_site = 1;
        a.call_nonret = 1;
        *catches = true;
    }
    if (GD_PUSH(u, arcs, a) < 0 ||
        (!a.on_tree && GD_PUSH(u, counts, (int64_t)0) < 0))
        return gd_oom(&nt->rd);
    if (!a.on_tree)
        nt->fn->ncounts++;
    gd_link(u, (uint32_t)u->narcs - 1);
    return 0;
}

static int gd_arcs_record(gd_notes *nt, size_t at)
{
    gd_rd *rd = &nt->rd;
    gd_unit *u = rd->u;
    uint32_t src, dst, flags;
    bool catches = false;
    PROF_TRY(gd_u32(rd, &src, "the arcs' source block"));
    if (src >= nt->fn->nblocks ||
        u->blocks[nt->fn->block0 + src].succ != GD_NONE)
        return gd_fail(rd, at, "arcs from block %u, which the function "
                       "has not, or whose arcs came before", src);
    while (rd->pos < rd->end) {
        PROF_TRY(gd_u32(rd, &dst, "an arc's destination"));
        PROF_TRY(gd_u32(rd, &flags, "an arc's flags"));
        if (dst >= nt->fn->nblocks)
            return gd_fail(rd, rd->pos - 8, "an arc to block %u of a "
                           "function of %u blocks", dst, nt->fn->nblocks);
        PROF_TRY(gd_arc_add(nt, src, dst, flags, &catches));
    }
    if (!catches)
        return 0;
    /* A fake exit: the other non-fall-through exits go to catch handlers */
    const gd_block *b = &u->blocks[nt->fn->block0 + src];
    for (uint32_t k = b->succ; k != GD_NONE; k = u->arcs[k].succ_next)
        if (!u->arcs[k].fake && !u->arcs[k].fall) {
            u->arcs[k].thr = 1;
            nt->fn->has_catch = true;
        }
    return 0;
}

static int gd_loc_add(gd_notes *nt, gd_block *b, uint32_t off, uint32_t len)
{
    gd_unit *u = nt->rd.u;
    gd_loc l = {0, (uint32_t)u->nlines, 0, GD_NONE};
    PROF_TRY(gd_source(&nt->rd, off, len, nt->base, nt->base_len, &l.src));
    if (GD_PUSH(u, locs, l) < 0)
        return gd_oom(&nt->rd);
    uint32_t k = (uint32_t)u->nlocs - 1;
    if (b->loc_last == GD_NONE)
        b->loc = k;
    else
        u->locs[b->loc_last].next = k;
    b->loc_last = k;
    return 0;
}

static int gd_lines_record(gd_notes *nt, size_t at)
{
    gd_rd *rd = &nt->rd;
    gd_unit *u = rd->u;
    uint32_t bn, line, off, len;
    PROF_TRY(gd_u32(rd, &bn, "the lines' block"));
    if (bn >= nt->fn->nblocks)
        return gd_fail(rd, at, "lines of block %u of a function of %u "
                       "blocks", bn, nt->fn->nblocks);
    gd_block *b = &u->blocks[nt->fn->block0 + bn];
    bool named = false;
    for (;;) {
        PROF_TRY(gd_u32(rd, &line, "a line number"));
        if (line) {
            if (!named)
                return gd_fail(rd, rd->pos - 4, "a line number before the "
                               "name of its source");
            if (GD_PUSH(u, lines, line) < 0)
                return gd_oom(rd);
            b->last_line = line;
            u->locs[b->loc_last].nlines++;
            continue;
        }
        PROF_TRY(gd_str(rd, &off, &len, "a source name"));
        if (off == GD_NONE)
            return 0;
        PROF_TRY(gd_loc_add(nt, b, off, len));
        b = &u->blocks[nt->fn->block0 + bn]; /* (blocks did not move) */
        named = true;
    }
}

/* The next record: its tag (0 at the end) and where its body ends. */
static int gd_record(gd_rd *rd, uint32_t *tag, int32_t *slen, size_t *end)
{
    size_t at = rd->pos;
    uint32_t len;
    rd->end = rd->size;
    *tag = 0;
    if (rd->pos == rd->size)
        return 0;
    PROF_TRY(gd_u32(rd, tag, "a record's tag"));
    if (*tag == 0)
        return 0;
    PROF_TRY(gd_u32(rd, &len, "a record's length"));
    *slen = (int32_t)len;
    size_t bytes = rd->u->layout == GD_L12 ? len : (size_t)len * 4;
    if (*slen < 0 && *tag == GD_TAG_COUNTS && rd->path == rd->u->data_path)
        bytes = 0; /* gcc 11, 12: counters all zero, none stored */
    else if (*slen < 0)
        return gd_fail(rd, at, "a record (tag 0x%08x) of negative length "
                       "%d", *tag, *slen);
    if (bytes > rd->size - rd->pos)
        return gd_fail(rd, rd->pos - 8, "a record (tag 0x%08x) of %zu "
                       "bytes runs past the end of the file (truncated?)",
                       *tag, bytes);
    *end = rd->pos + bytes;
    rd->end = *end;
    return 0;
}

static int gd_notes_record(gd_notes *nt, uint32_t tag, size_t at)
{
    size_t len = nt->rd.end - nt->rd.pos;
    if (tag == GD_TAG_FUNCTION)
        return gd_fn_record(nt, at);
    if (tag == GD_TAG_BLOCKS && nt->fn)
        return gd_blocks_record(nt, at, len);
    if (tag == GD_TAG_ARCS && nt->fn)
        return gd_arcs_record(nt, at);
    if (tag == GD_TAG_LINES && nt->fn)
        return gd_lines_record(nt, at);
    if ((tag & 0xff000000u) != GD_TAG_FUNCTION)
        nt->fn = NULL; /* not a record of the function: it has ended */
    return 0;
}

static int gd_notes_header(gd_notes *nt, uint32_t dir, uint32_t dir_len)
{
    gd_rd *rd = &nt->rd;
    gd_unit *u = rd->u;
    uint32_t v, skip;
    PROF_TRY(gd_header(rd, GD_MAGIC_NOTES, "notes (.gcno)", &v));
    if (!(u->layout = gd_layout(v)))
        return gd_version_error(rd, v);
    PROF_TRY(gd_u32(rd, &u->stamp, "the stamp"));
    (void)dir;
    (void)dir_len;
    if (u->layout == GD_L408)
        return 0; /* names stay relative: gd_rebase joins them */
    if (u->layout == GD_L12)
        PROF_TRY(gd_u32(rd, &skip, "the checksum"));
    PROF_TRY(gd_str(rd, &u->cwd, &u->cwd_len, "the working directory"));
    PROF_TRY(gd_u32(rd, &skip, "the unexecuted-blocks flag"));
    if (u->cwd != GD_NONE && u->cwd_len) {
        u->have_cwd = true;
        nt->base = u->cwd;
        nt->base_len = u->cwd_len;
    }
    return 0;
}

/* Misses of U's relative source names under directory BASE[0..N). */
static size_t gd_misses(gd_unit *u, const char *base, size_t n)
{
    size_t miss = 0;
    char path[8192];
    for (size_t i = 0; i < u->nsrcs; i++) {
        const char *s = u->strs + u->srcs[i].name;
        size_t len = u->srcs[i].name_len;
        if (prof_path_is_abs(s, len))
            continue;
        struct stat st;
        miss += n + 1 + len >= sizeof path ||
                (snprintf(path, sizeof path, "%.*s/%s", (int)n, base, s),
                 stat(path, &st) != 0);
    }
    return miss;
}

/* Where relative names of notes without a working directory are: the
 * notes' directory DIR or the nearest parent under which all of them
 * exist, else the one under which the fewest are missing (as lcov
 * --capture finds a base directory). */
static size_t gd_auto_base(gd_unit *u, uint32_t dir, uint32_t dir_len)
{
    const char *d = u->strs + dir;
    size_t n = dir_len, best = n, best_miss = SIZE_MAX;
    for (;;) {
        size_t miss = gd_misses(u, d, n);
        if (miss == 0)
            return n;
        if (miss < best_miss) {
            best = n;
            best_miss = miss;
        }
        if (n <= 1)
            return best;
        while (n > 1 && d[n - 1] != '/')
            n--;
        if (n > 1)
            n--; /* the parent, without its trailing '/' */
    }
}

/* Join the relative source names of U with their base directory (see
 * gd_auto_base); two names that become one are one source. */
static int gd_rebase(gd_unit *u, uint32_t dir, uint32_t dir_len)
{
    size_t base_len = gd_auto_base(u, dir, dir_len), n = u->nsrcs;
    uint32_t *map = malloc((n ? n : 1) * sizeof *map);
    if (!map)
        return prof_error_oom(&u->err, u->path);
    gd_src *old = u->srcs;
    u->srcs = NULL;
    u->nsrcs = u->cap_srcs = 0; /* (and gd_source's last name forgotten) */
    gd_rd rd = {u, u->path, NULL, 0, 0, 0, false};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = gd_source(&rd, old[i].name, old[i].name_len, dir,
                       (uint32_t)base_len, &map[i]);
    for (size_t i = 0; rc == 0 && i < u->nfns; i++)
        u->fns[i].src = map[u->fns[i].src];
    for (size_t i = 0; rc == 0 && i < u->nlocs; i++)
        u->locs[i].src = map[u->locs[i].src];
    free(old);
    free(map);
    return rc;
}

/* Read the notes D[0..N) of U, whose relative names are under DIR (the
 * notes' directory, in U->strs) unless they name a working directory. */
int gd_reserve(void **arr, size_t *cap, size_t n, size_t esz)
{
    if (!n || *cap >= n || n > SIZE_MAX / esz)
        return 0;
    void *p = realloc(*arr, n * esz);
    if (!p)
        return PROF_ENOMEM;
    *arr = p;
    *cap = n;
    return 0;
}

/* What notes of N bytes can hold at most: a line per word, an arc per
 * two, a count per arc, a block or a location per four words. */
static int gd_notes_reserve(gd_unit *u, size_t n)
{
    int rc = 0;
    rc |= gd_reserve((void **)&u->lines, &u->cap_lines, n / 4,
                     sizeof *u->lines);
    rc |= gd_reserve((void **)&u->arcs, &u->cap_arcs, n / 8,
                     sizeof *u->arcs);
    rc |= gd_reserve((void **)&u->counts, &u->cap_counts, n / 8,
                     sizeof *u->counts);
    rc |= gd_reserve((void **)&u->blocks, &u->cap_blocks, n / 16,
                     sizeof *u->blocks);
    rc |= gd_reserve((void **)&u->locs, &u->cap_locs, n / 16,
                     sizeof *u->locs);
    return rc ? prof_error_oom(&u->err, u->path) : 0;
}

static int gd_notes_read(gd_unit *u, const unsigned char *d, size_t n,
                         uint32_t dir, uint32_t dir_len)
{
    PROF_TRY(gd_notes_reserve(u, n));
    gd_notes nt;
    memset(&nt, 0, sizeof nt);
    nt.rd = (gd_rd){u, u->path, d, 0, n, n, false};
    PROF_TRY(gd_notes_header(&nt, dir, dir_len));
    for (;;) {
        uint32_t tag;
        int32_t slen;
        size_t at = nt.rd.pos, end;
        PROF_TRY(gd_record(&nt.rd, &tag, &slen, &end));
        if (!tag)
            return u->have_cwd ? 0 : gd_rebase(u, dir, dir_len);
        PROF_TRY(gd_notes_record(&nt, tag, at));
        nt.rd.pos = end;
    }
}

/* ---- data ------------------------------------------------------------- */

static gd_fn *gd_fn_by_ident(gd_unit *u, uint32_t ident)
{
    for (size_t i = u->nfns; i-- > 0;) /* the last one, as gcov's map */
        if (u->fns[i].ident == ident)
            return &u->fns[i];
    return NULL;
}

static int gd_data_fn(gd_rd *rd, gd_fn **fn, size_t at)
{
    uint32_t ident, lck, cck;
    PROF_TRY(gd_u32(rd, &ident, "the function's ident"));
    *fn = gd_fn_by_ident(rd->u, ident);
    if (!*fn)
        return 0;
    PROF_TRY(gd_u32(rd, &lck, "the line checksum"));
    PROF_TRY(gd_u32(rd, &cck, "the flow-graph checksum"));
    if (lck != (*fn)->lck || cck != (*fn)->cck)
        return gd_fail(rd, at, "function '%s' does not match its notes "
                       "(checksums differ): the .gcda is from another "
                       "build of the object", rd->u->strs + (*fn)->name);
    return 0;
}

static int gd_data_counts(gd_rd *rd, gd_fn *fn, int32_t slen, size_t at)
{
    gd_unit *u = rd->u;
    size_t len = (size_t)(slen < 0 ? -(int64_t)slen : slen);
    if (u->layout != GD_L12)
        len *= 4;
    if (len != (size_t)fn->ncounts * 8)
        return gd_fail(rd, at, "%s%zu bytes of counters for function '%s', "
                       "whose notes have %u arcs to count (%zu bytes): the "
                       ".gcda is from another build", slen < 0 ? "all zero, "
                       "a negative length for " : "", len,
                       u->strs + fn->name, fn->ncounts,
                       (size_t)fn->ncounts * 8);
    if (slen < 0)
        return 0;
    for (uint32_t i = 0; i < fn->ncounts; i++) {
        uint32_t lo, hi;
        PROF_TRY(gd_u32(rd, &lo, "a counter"));
        PROF_TRY(gd_u32(rd, &hi, "a counter"));
        uint64_t v = (uint64_t)hi << 32 | lo;
        int64_t *c = &u->counts[fn->count0 + i];
        if (v > INT64_MAX || __builtin_add_overflow(*c, (int64_t)v, c))
            return gd_fail(rd, rd->pos - 8, "counter %u of function '%s' "
                           "overflows (more than 2^63 - 1)", i,
                           u->strs + fn->name);
    }
    return 0;
}

static int gd_data_read(gd_unit *u, const unsigned char *d, size_t n)
{
    gd_rd rd = {u, u->data_path, d, 0, n, n, false};
    uint32_t v, stamp, skip;
    PROF_TRY(gd_header(&rd, GD_MAGIC_DATA, "data (.gcda)", &v));
    if (gd_layout(v) != u->layout)
        return gd_layout(v) ? gd_fail(&rd, 4, "written by another compiler "
                                      "version than its notes file %s",
                                      u->path)
                            : gd_version_error(&rd, v);
    PROF_TRY(gd_u32(&rd, &stamp, "the stamp"));
    if (stamp != u->stamp)
        return gd_fail(&rd, 8, "stamp 0x%08x does not match its notes file "
                       "%s (0x%08x): they come from different builds",
                       stamp, u->path, u->stamp);
    if (u->layout == GD_L12)
        PROF_TRY(gd_u32(&rd, &skip, "the checksum"));
    gd_fn *fn = NULL;
    for (;;) {
        uint32_t tag;
        int32_t slen;
        size_t at = rd.pos, end;
        PROF_TRY(gd_record(&rd, &tag, &slen, &end));
        if (!tag)
            return 0;
        if (tag == GD_TAG_FUNCTION && rd.end - rd.pos == 12)
            PROF_TRY(gd_data_fn(&rd, &fn, at));
        else if (tag == GD_TAG_COUNTS && fn)
            PROF_TRY(gd_data_counts(&rd, fn, slen, at));
        rd.pos = end;
    }
}

/* ---- units: a notes file and its data --------------------------------- */

void gd_unit_free(gd_unit *u)
{
    free(u->strs);
    free(u->fns);
    free(u->blocks);
    free(u->arcs);
    free(u->locs);
    free(u->lines);
    free(u->srcs);
    free(u->counts);
    free(u->ls);
    free(u->items);
    free(u->out);
    free(u->ob);
    free(u->of);
    free(u->obr);
}

/* PATH with its suffix (".gcda", ".gcno") replaced by SUFFIX; malloc'd. */
static char *gd_sibling(const char *path, const char *suffix)
{
    size_t n = strlen(path);
    if (n >= 5 && path[n - 5] == '.')
        n -= 5;
    char *s = malloc(n + 6);
    if (s) {
        memcpy(s, path, n);
        memcpy(s + n, suffix, 6);
    }
    return s;
}

static int gd_load(gd_unit *u, prof_input *in, const char *path,
                   uint64_t max)
{
    return prof_input_load_raw(in, path, max, &u->err);
}

/* The directory of the notes file, in U->strs: where relative source names
 * are when the notes name no working directory (as lcov resolves them). */
static int gd_notes_dir(gd_unit *u, uint32_t *off, uint32_t *len)
{
    const char *p = u->path;
    size_t n = prof_path_dirlen(p);
    char cwd[4096];
    const char *dir = n ? p : ".";
    size_t dn = n ? n : 1;
    if (!(n && p[0] == '/') && getcwd(cwd, sizeof cwd)) {
        size_t c = strlen(cwd);
        if (gd_room(u, c + 1 + dn + 1) < 0)
            return prof_error_oom(&u->err, u->path);
        char *s = u->strs + u->nstrs;
        memcpy(s, cwd, c);
        s[c] = '/';
        memcpy(s + c + 1, dir, dn);
        size_t k = prof_path_lexical(s, c + 1 + dn);
        s[k] = '\0';
        *off = (uint32_t)u->nstrs;
        *len = (uint32_t)k;
        u->nstrs += k + 1;
        return 0;
    }
    if (gd_room(u, dn + 1) < 0)
        return prof_error_oom(&u->err, u->path);
    memcpy(u->strs + u->nstrs, dir, dn);
    u->strs[u->nstrs + dn] = '\0';
    *off = (uint32_t)u->nstrs;
    *len = (uint32_t)dn;
    u->nstrs += dn + 1;
    return 0;
}

/* Read and count unit U: the notes at U->path (NOTES when already loaded),
 * the data at U->data_path if there is one. */
int gd_unit_run(gd_unit *u, const prof_input *notes, uint64_t max)
{
    prof_input nin = {0}, din = {0};
    uint32_t dir, dir_len;
    int rc = gd_notes_dir(u, &dir, &dir_len);
    if (rc == 0 && !notes && (rc = gd_load(u, &nin, u->path, max)) == 0)
        notes = &nin;
    if (rc == 0)
        rc = gd_notes_read(u, notes->data, notes->len, dir, dir_len);
    u->no_data = u->data_path == NULL;
    if (rc == 0 && u->data_path &&
        (rc = gd_load(u, &din, u->data_path, max)) == 0)
        rc = gd_data_read(u, din.data, din.len);
    if (rc == 0)
        rc = gd_count(u);
    if (notes == &nin)
        prof_input_release(&nin);
    if (u->data_path)
        prof_input_release(&din);
    return u->rc = rc;
}

/* Give unit U's records to the model of R. */
int gd_unit_add(prof_reader *r, gd_unit *u)
{
    size_t b = 0, f = 0, br = 0;
    for (uint64_t i = 0; i < u->negatives; i++)
        PROF_TRY(prof_reader_damage(r, PROF_DMG_NEGATIVE, 0, "count",
                                    u->data_path ? u->data_path : u->path));
    for (size_t i = 0; i < u->nof; i++) {
        const gd_fn *fn = &u->fns[u->of[i].input];
        u->of[i].name = prof_profile_intern(r->p, u->strs + fn->name,
                                            fn->name_len);
        if (!u->of[i].name)
            return prof_reader_oom(r, 0);
        u->of[i].input = r->input;
        u->of[i].suites = u->of[i].hits ? r->suites : 0;
    }
    for (size_t i = 0; i < u->nob; i++) {
        u->ob[i].input = r->input;
        u->ob[i].suites = u->ob[i].hits ? r->suites : 0;
    }
    for (size_t i = 0; i < u->nobr; i++) {
        uint64_t t = u->obr[i].taken;
        u->obr[i].suites = t && t != PROF_NOT_EVALUATED ? r->suites : 0;
    }
    for (size_t i = 0; i < u->nout; i++) {
        const gd_out_src *o = &u->out[i];
        prof_file *pf = prof_profile_file_get(r->p, u->strs + o->name,
                                              o->name_len);
        if (!pf || prof_file_append(pf, o->nb ? u->ob + b : NULL, o->nb,
                                    o->nf ? u->of + f : NULL, o->nf,
                                    o->nr ? u->obr + br : NULL, o->nr) < 0)
            return prof_reader_oom(r, 0);
        b += o->nb;
        f += o->nf;
        br += o->nr;
    }
    prof_reader_set_mode(r, PROF_MODE_COUNT);
    return 0;
}

/* The error of unit U, as R's. */
int gd_unit_error(prof_reader *r, const gd_unit *u)
{
    *r->err = u->err;
    return u->rc;
}

/* ---- entry points ------------------------------------------------------ */

static int gd_detect(const unsigned char *buf, size_t len)
{
    static const char *const magic[] = {"oncg", "adcg", "gcno", "gcda"};
    for (size_t i = 0; len >= 4 && i < 4; i++)
        if (!memcmp(buf, magic[i], 4))
            return 100;
    return 0;
}

/* A data file: by its magic, or by its name when the magic is neither. */
static bool gd_is_data(const unsigned char *buf, size_t len,
                       const char *name)
{
    if (len >= 4 && (!memcmp(buf, "adcg", 4) || !memcmp(buf, "gcda", 4)))
        return true;
    if (len >= 4 && (!memcmp(buf, "oncg", 4) || !memcmp(buf, "gcno", 4)))
        return false;
    size_t n = strlen(name);
    return n >= 5 && !strcmp(name + n - 5, ".gcda");
}

static bool gd_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* One .gcno or .gcda given as an input: its sibling found beside it. */
static int gd_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    gd_unit u;
    memset(&u, 0, sizeof u);
    bool data = gd_is_data(buf, len, r->name), std = !strcmp(r->name, "<stdin>");
    if (data && std)
        return prof_reader_fail(r, PROF_EFORMAT, 0, "a .gcda is read with "
                                "its .gcno beside it: give its path, not "
                                "stdin");
    char *other = std ? NULL : gd_sibling(r->name, data ? ".gcno" : ".gcda");
    if (!std && !other)
        return prof_reader_oom(r, 0);
    u.path = data ? other : r->name;
    u.data_path = data ? r->name : other && gd_exists(other) ? other : NULL;
    prof_input in = {.data = buf, .len = len};
    uint64_t max = prof_reader_max_input(r);
    int rc = gd_unit_run(&u, data ? NULL : &in, max);
    rc = rc < 0 ? gd_unit_error(r, &u) : gd_unit_add(r, &u);
    gd_unit_free(&u);
    free(other);
    return rc;
}

const prof_format prof_format_gcda = {
    .name = "gcda",
    .description = "gcc/clang --coverage notes and data (.gcno/.gcda, or "
                   "a build directory holding them)",
    .family = PROF_FAMILY_LINE,
    .detect = gd_detect,
    .read = gd_read,
    .read_dir = gd_read_dir,
    .detect_dir = gd_detect_dir,
};
