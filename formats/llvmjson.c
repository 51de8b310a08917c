/* llvmjson.c - llvm-cov export -format=text JSON reader (clang 14 to 19). */
#include "../libprof/jscan.h"
#include "llvmjson.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Input: what `llvm-cov export -format=text` writes: {"data": [export],
 * "type": "llvm.coverage.json.export", "version": "2.0.1"} (llvm::json
 * sorts keys, so "type" comes last; any key order is read). The model gets
 * what `llvm-cov export -format=lcov` of the same run writes (its DA, FN,
 * FNDA and BRDA lines), computed from the JSON alone:
 *  - lines: from each file's "segments" [line, col, count, has_count,
 *    is_region_entry, is_gap_region], as llvm's LineCoverageStats walks
 *    them from line 1 to the last segment's line. A line is mapped when a
 *    segment on it enters a region with a count, or when its first segment
 *    does not start a skipped region (no count) and either a region with
 *    a count wraps into it (the last segment before it has a count) or a
 *    non-gap region with a count starts on it. Its count is the largest of
 *    the wrapping segment's and those of the non-gap region entries with
 *    a count on it. Each mapped line is a whole-line block;
 *  - functions: each of "functions" (template instantiations each under
 *    its own mangled name, as the lcov export lists them) goes to the
 *    file its "filenames"[0] names, when that file is one of "files" (the
 *    lcov export writes no other); start = its first region's start, end
 *    = that region's end, hits = "count";
 *  - branches: a file's "branches", then the "branches" of each of its
 *    "expansions" (macros) at the line of the expansion's source_region,
 *    in the order the lcov export gives them (libstdc++'s std::sort by
 *    line and start column, which is not stable: llvmjson_sort.c); on each
 *    line the n-th [.., true_count, false_count, ..] is block n with
 *    branches 2n and 2n + 1, both "not evaluated" when both counts are 0.
 *    A file's list also holds branches on conditions clang folded to a
 *    constant (both counts 0), which the lcov export sorts with the others
 *    but leaves out: one of them is kept only when a function's
 *    own "branches" (which never hold folded ones) has a 0-0 branch at the
 *    same file and range; without "functions", all are kept;
 *  - MC/DC ("mcdc_records", clang 18+), summaries, regions and
 *    expansions' targets are checked as JSON and skipped: the model holds
 *    no MC/DC (covkit-formats(5));
 *  - damaged records follow the reading policy (policy.c): a line 0 skips
 *    its record, a negative count is read as 0, an empty "filename" skips
 *    the file object, an empty "name" the function.
 * One pass of the shared scanner (libprof/jscan.c), no tree: lines go to
 * the model as they are read (once the file's "filename" is known, which
 * llvm-cov writes before "segments"); branches and functions wait for
 * the end of their export (the functions, listed after the files, decide
 * which branches were folded). Errors name the line and column of the
 * offending value and where it is (data[0].files[2].segments[7]).
 */

#define LJ_TYPE "\"llvm.coverage.json.export\""
/* Lines a file's segments may map: the model refuses a file whose
 * blocks span more (merge.c); here two segments could ask for 4 billion
 * lines. An input may map at most LJ_PER_BYTE lines a byte of it (plus
 * 65,536): a few bytes cannot ask for millions of blocks, while a real
 * export, whose every file object takes hundreds of bytes, is far below. */
#define LJ_MAX_LINES (1u << 22)
#define LJ_PER_BYTE 256u

typedef struct lj_br { /* a branch while its export is read */
    uint32_t file;     /* its file object (lj_ctx.files); a function's:
                        * its file_id */
    uint32_t seq;      /* its place in its file's list (lj_number) */
    uint32_t line, col, eline, ecol;
    uint64_t t, f;
    bool check; /* a file's, both counts 0: folded unless a function has it */
    bool drop;  /* folded: left out */
} lj_br;

typedef struct lj_key { /* a function's branch with both counts 0 */
    const char *file;   /* interned */
    uint32_t line, col, eline, ecol;
    bool used;
} lj_key;

typedef struct lj_fn {
    const char *file; /* its "filenames"[0], interned */
    prof_function fn;
} lj_fn;

typedef struct lj_file {
    const char *name; /* its "filename", interned; NULL: left out */
    prof_file *f;
} lj_file;

/* The line whose segments are being read (LineCoverageStats). */
typedef struct lj_walk {
    uint32_t line;      /* 0: no segment yet */
    uint32_t nsegs;     /* segments on it */
    bool skipped_first; /* its first segment starts a region without count */
    bool entry_count;   /* a segment on it enters a region with a count */
    bool starts;        /* ... which is no gap region */
    uint64_t max_start; /* the largest count of those */
    bool last_has;      /* its last segment (it wraps the next lines) */
    uint64_t last_count;
    bool wrapped, wrapped_has; /* the last segment before the line */
    uint64_t wrapped_count;
} lj_walk;

typedef enum { LJ_IN_FILE, LJ_IN_EXPANSION, LJ_IN_FUNCTION } lj_in;

typedef struct lj_ctx {
    prof_jscan j;
    prof_reader *r;
    lj_file *files; /* this export's file objects */
    size_t nfiles, cap_files;
    lj_br *brs; /* this export's branches, files' and expansions' */
    size_t nbrs, cap_brs;
    lj_br *fbrs; /* the object's: a function's 0-0 ones, an expansion's */
    size_t nfbrs, cap_fbrs;
    lj_key *keys; /* this export's functions' 0-0 branches */
    size_t nkeys, cap_keys;
    lj_fn *fns;
    size_t nfns, cap_fns;
    prof_file *cur;    /* the file object's file, once its name is read */
    prof_block *lines; /* its lines read before that */
    size_t nlines, cap_lines;
    uint64_t nmapped;   /* its lines */
    const char **names; /* the function's "filenames" */
    size_t nnames, cap_names;
    lj_walk w;
    uint64_t mapped, max_mapped; /* lines mapped in the input, the limit */
    uint32_t seq;                /* branches of the file object so far */
    lj_in in;
    bool have_functions; /* this export has "functions" */
    bool skip;           /* the record being read is damaged: left out */
    bool fn_skip;        /* ... the function being read */
    bool version_warned;
    uint32_t exp_line; /* the expansion's source_region line, 0: none */
    prof_function fn;  /* the function being read */
    /* where: data[di].LIST[li](.expansions[ei])(.SUB[si]); -1: none */
    long di, li, ei, si;
    const char *list, *sub;
} lj_ctx;

/* ---- detection ---- */

/* Is there "type": "llvm.coverage.json.export" in BUF[FROM..TO)? */
static bool lj_type_in(const unsigned char *buf, size_t from, size_t to)
{
    const size_t n = sizeof LJ_TYPE - 1;
    const unsigned char *p = buf + from, *e = buf + to;
    while (p < e && (p = memmem(p, (size_t)(e - p), LJ_TYPE, n)) != NULL) {
        const unsigned char *q = p;
        while (q > buf && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' ||
                           q[-1] == '\r'))
            q--;
        if (q > buf && q[-1] == ':') {
            q--;
            while (q > buf && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' ||
                               q[-1] == '\r'))
                q--;
            if (q - buf >= 6 && !memcmp(q - 6, "\"type\"", 6))
                return true;
        }
        p += n;
    }
    return false;
}

/* llvm::json sorts keys: "type" is near the end; a tool that rewrote the
 * document may have put it first. */
static int lj_detect(const unsigned char *buf, size_t len)
{
    if (!prof_jscan_object_start(buf, len))
        return 0;
    size_t head = len < 4096 ? len : 4096;
    size_t tail = len > 4096 ? len - 4096 : 0;
    return lj_type_in(buf, 0, head) || lj_type_in(buf, tail, len) ? 95 : 0;
}

/* ---- messages ---- */

static size_t lj_put(char *out, size_t n, size_t k, const char *what, long i)
{
    if (i < 0 || k >= n)
        return k;
    int m = snprintf(out + k, n - k, "%s%s[%ld]", k ? "." : "", what, i);
    return m < 0 ? n : k + (size_t)m;
}

/* "data[0].files[1].expansions[0].branches[3]": where the reader is. */
static void lj_where(const prof_jscan *j, char *out, size_t outsz)
{
    const lj_ctx *c = j->user;
    out[0] = '\0';
    size_t k = lj_put(out, outsz, 0, "data", c->di);
    if (c->di < 0 || !c->list)
        return;
    k = lj_put(out, outsz, k, c->list, c->li);
    k = lj_put(out, outsz, k, "expansions", c->ei);
    if (c->sub)
        lj_put(out, outsz, k, c->sub, c->si);
}

/* ---- values ---- */

/* One element of a tuple: 'l' a line (0: the record skipped), 'u' an
 * unsigned 32-bit number, 'n' a count, 'b' true or false. */
typedef struct lj_field {
    const char *name;
    char kind;
} lj_field;

static int lj_value(lj_ctx *c, const lj_field *f, uint64_t *v)
{
    prof_jscan *j = &c->j;
    prof_jscan_ws(j);
    const unsigned char *start = j->s;
    if (f->kind == 'b') {
        bool b;
        PROF_TRY(prof_jscan_bool(j, f->name, &b));
        *v = b;
        return 0;
    }
    if (f->kind == 'n')
        return prof_jscan_policy_count(j, f->name, v, &c->skip);
    PROF_TRY(prof_jscan_uint(j, f->name, UINT32_MAX, v));
    if (*v || f->kind != 'l')
        return 0;
    c->skip = true; /* a line 0 */
    return prof_jscan_damage(j, PROF_DMG_LINE0, f->name, start);
}

/* '[' v, ... ']' of NMIN to NMAX values of FIELDS into V (the missing
 * ones 0); WHAT names the array. C->skip: a damaged value. */
static int lj_tuple(lj_ctx *c, const lj_field *fields, size_t nmin, size_t nmax,
                    const char *what, uint64_t *v)
{
    prof_jscan *j = &c->j;
    char want[96];
    c->skip = false;
    memset(v, 0, nmax * sizeof *v);
    if (!prof_jscan_eat(j, '[')) {
        snprintf(want, sizeof want, "%s (an array of %zu values)", what, nmax);
        return prof_jscan_expected(j, want);
    }
    for (size_t i = 0; i < nmax; i++) {
        if (i && !prof_jscan_eat(j, ',')) {
            if (i >= nmin)
                break;
            snprintf(want, sizeof want, "',' and \"%s\" in %s", fields[i].name,
                     what);
            return prof_jscan_expected(j, want);
        }
        PROF_TRY(lj_value(c, &fields[i], &v[i]));
    }
    if (prof_jscan_eat(j, ']'))
        return 0;
    snprintf(want, sizeof want, "']' closing %s (%zu values)", what, nmax);
    return prof_jscan_expected(j, want);
}

/* The array of key K, ITEM called at each element, with where messages
 * say it is (K's name and the element's index, c->si). */
static int lj_array(prof_jscan *j, const prof_jkey *k,
                    int (*item)(prof_jscan *j, void *ctx))
{
    lj_ctx *c = j->user;
    c->sub = k->key;
    c->si = -1;
    PROF_TRY(prof_jscan_array(j, k->key, item, c));
    c->sub = NULL;
    return 0;
}

/* ---- lines from segments ---- */

/* Line LINE is mapped with count HITS (SRC: the input line). */
/* N more mapped lines are past the limits: the error. */
static int lj_too_many(lj_ctx *c, uint64_t n)
{
    char at[128];
    if (c->nmapped + n <= LJ_MAX_LINES && c->mapped + n <= c->max_mapped)
        return 0;
    lj_where(&c->j, at, sizeof at);
    return prof_reader_fail(c->r, PROF_ELIMIT, c->j.line,
                            "%s: the segments map more than %u lines in a "
                            "file, or %u lines an input byte: no source "
                            "file is that long",
                            at, LJ_MAX_LINES, LJ_PER_BYTE);
}

static int lj_line(lj_ctx *c, uint32_t line, uint64_t hits, uint32_t src)
{
    PROF_TRY(lj_too_many(c, 1));
    prof_block b;
    memset(&b, 0, sizeof b);
    b.start_line = b.end_line = line;
    b.stmts = 1;
    b.hits = hits;
    b.input = c->r->input;
    b.line = src;
    b.suites = hits ? c->r->suites : 0;
    c->mapped++;
    c->nmapped++;
    if (!c->cur)
        return prof_jscan_push(&c->j, (void **)&c->lines, &c->cap_lines,
                               &c->nlines, &b, sizeof b);
    return prof_file_add_block(c->cur, &b) < 0 ? prof_jscan_nomem(&c->j) : 0;
}

/* The segments of line w->line are all read: is it mapped, and how many
 * times did it run? Its last segment wraps the lines after it. */
static int lj_line_end(lj_ctx *c, uint32_t src)
{
    lj_walk *w = &c->w;
    bool mapped = !w->skipped_first &&
                  ((w->wrapped && w->wrapped_has) || w->starts);
    if (mapped || w->entry_count) {
        uint64_t n = w->wrapped ? w->wrapped_count : 0;
        PROF_TRY(lj_line(c, w->line, n > w->max_start ? n : w->max_start, src));
    }
    w->wrapped = true;
    w->wrapped_has = w->last_has;
    w->wrapped_count = w->last_count;
    return 0;
}

/* Lines FROM to TO - 1 have no segment: mapped when the segment wrapping
 * them has a count. */
static int lj_gap(lj_ctx *c, uint32_t from, uint32_t to, uint32_t src)
{
    if (!c->w.wrapped_has || from >= to)
        return 0;
    PROF_TRY(lj_too_many(c, to - from)); /* before, not after, the work */
    for (uint32_t l = from; l < to; l++)
        PROF_TRY(lj_line(c, l, c->w.wrapped_count, src));
    return 0;
}

static const lj_field lj_segment_fields[] = {
    {"line", 'l'},      {"column", 'u'},          {"count", 'n'},
    {"has_count", 'b'}, {"is_region_entry", 'b'}, {"is_gap_region", 'b'},
};

static int lj_segment_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    lj_walk *w = &c->w;
    uint64_t v[6];
    c->si++;
    prof_jscan_ws(j);
    uint32_t src = j->line > UINT32_MAX ? 0 : (uint32_t)j->line;
    const unsigned char *start = j->s;
    PROF_TRY(lj_tuple(c, lj_segment_fields, 5, 6, "a segment", v));
    uint32_t line = (uint32_t)v[0];
    if (c->skip) /* a line 0 */
        return 0;
    if (line < w->line) {
        j->s = start;
        return prof_jscan_fail(j,
                               "segments out of order: line %u after "
                               "line %u",
                               line, w->line);
    }
    if (line != w->line) {
        if (w->line) {
            PROF_TRY(lj_line_end(c, src));
            PROF_TRY(lj_gap(c, w->line + 1, line, src));
        }
        w->line = line;
        w->nsegs = 0;
        w->entry_count = w->starts = false;
        w->max_start = 0;
    }
    bool has = v[3], entry = v[4], gap = v[5];
    if (w->nsegs++ == 0)
        w->skipped_first = !has && entry;
    w->entry_count = w->entry_count || (has && entry);
    if (has && entry && !gap) {
        w->starts = true;
        w->max_start = v[2] > w->max_start ? v[2] : w->max_start;
    }
    w->last_has = has;
    w->last_count = v[2];
    return 0;
}

static int lj_segments(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    memset(&c->w, 0, sizeof c->w);
    c->nlines = c->nmapped = 0;
    PROF_TRY(lj_array(j, k, lj_segment_item));
    if (c->w.line)
        PROF_TRY(lj_line_end(c, (uint32_t)j->line));
    return 0;
}

/* ---- branches ---- */

static const lj_field lj_branch_fields[] = {
    {"line_start", 'l'}, {"column_start", 'u'},     {"line_end", 'u'},
    {"column_end", 'u'}, {"true_count", 'n'},       {"false_count", 'n'},
    {"file_id", 'u'},    {"expanded_file_id", 'u'}, {"kind", 'u'},
};

/* One branch of a file, of an expansion or of a function (c->in). */
static int lj_branch_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    uint64_t v[9];
    (void)j;
    c->si++;
    PROF_TRY(lj_tuple(c, lj_branch_fields, 9, 9, "a branch", v));
    if (c->skip)
        return 0;
    lj_br b = {.line = (uint32_t)v[0],
               .col = (uint32_t)v[1],
               .eline = (uint32_t)v[2],
               .ecol = (uint32_t)v[3],
               .t = v[4],
               .f = v[5]};
    if (c->in == LJ_IN_FUNCTION) { /* only 0-0 ones tell anything */
        b.file = (uint32_t)v[6];
        if (b.t || b.f)
            return 0;
    } else if (c->in == LJ_IN_FILE) {
        b.file = (uint32_t)c->nfiles - 1;
        b.check = !b.t && !b.f;
        b.seq = c->seq++;
        return prof_jscan_push(&c->j, (void **)&c->brs, &c->cap_brs, &c->nbrs,
                               &b, sizeof b);
    }
    return prof_jscan_push(&c->j, (void **)&c->fbrs, &c->cap_fbrs, &c->nfbrs,
                           &b, sizeof b);
}

static int lj_branches(prof_jscan *j, const prof_jkey *k, void *obj)
{
    (void)obj;
    return lj_array(j, k, lj_branch_item);
}

static const lj_field lj_region_fields[] = {
    {"line_start", 'l'},       {"column_start", 'u'}, {"line_end", 'u'},
    {"column_end", 'u'},       {"count", 'n'},        {"file_id", 'u'},
    {"expanded_file_id", 'u'}, {"kind", 'u'},
};

/* An expansion's "source_region": its branches go to its line. */
static int lj_source_region(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    uint64_t v[8];
    (void)obj;
    c->sub = k->key;
    c->si = -1;
    PROF_TRY(lj_tuple(c, lj_region_fields, 8, 8, "a region", v));
    c->sub = NULL;
    c->exp_line = c->skip ? 0 : (uint32_t)v[0];
    return 0;
}

static const prof_jkey lj_expansion_keys[] = {
    {"source_region", lj_source_region, 0, 0, PROF_JK_REQUIRED, "a region"},
    {"branches", lj_branches, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

/* An expansion's branches join the file's at its source line (the lcov
 * export's line for them, however deep the macros nest). */
static int lj_expansion_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    size_t b0 = c->nfbrs;
    c->ei++;
    c->exp_line = 0;
    j->what = "an expansion";
    PROF_TRY(prof_jscan_object(j, lj_expansion_keys, PROF_JSCAN_OPEN, c));
    if (!c->exp_line) /* its source line is 0: left out */
        c->nfbrs = b0;
    for (size_t i = b0; i < c->nfbrs; i++)
        c->fbrs[i].line = c->exp_line;
    return 0;
}

static int lj_expansions(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    c->in = LJ_IN_EXPANSION;
    c->ei = -1;
    PROF_TRY(prof_jscan_array(j, k->key, lj_expansion_item, c));
    c->ei = -1;
    c->in = LJ_IN_FILE;
    return 0;
}

/* ---- files ---- */

/* A string of key K into j->buf, interned into *OUT; empty: damage KIND
 * (*OUT NULL). */
static int lj_name(lj_ctx *c, const prof_jkey *k, prof_damage kind,
                   const char **out)
{
    prof_jscan *j = &c->j;
    char what[64];
    prof_jscan_ws(j);
    const unsigned char *start = j->s;
    snprintf(what, sizeof what, "a string for \"%s\"", k->key);
    PROF_TRY(prof_jscan_string(j, what));
    *out = NULL;
    if (!j->len)
        return prof_jscan_damage(j, kind, k->key, start);
    *out = prof_profile_intern(c->r->p, j->buf, j->len);
    return *out ? 0 : prof_jscan_nomem(j);
}

static int lj_filename(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    const char **name = &c->files[c->nfiles - 1].name;
    (void)obj;
    PROF_TRY(lj_name(c, k, PROF_DMG_NO_PATH, name));
    if (*name &&
        !(c->cur = prof_profile_file_get(c->r->p, *name, strlen(*name))))
        return prof_jscan_nomem(j);
    return 0;
}

static const prof_jkey lj_file_keys[] = {
    {"filename", lj_filename, 0, 0, PROF_JK_REQUIRED, "a string"},
    {"segments", lj_segments, 0, 0, 0, NULL},
    {"branches", lj_branches, 0, 0, 0, NULL},
    {"expansions", lj_expansions, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

/* The file object is read: the lines read before its name go to the
 * model (the others went as they were read), its expansions' branches
 * after its own. */
static int lj_file_end(lj_ctx *c, size_t br0)
{
    lj_file *lf = &c->files[c->nfiles - 1];
    if (!lf->name) { /* no path: its records are left out */
        c->nbrs = br0;
        return 0;
    }
    lf->f = c->cur;
    if (prof_file_append(lf->f, c->lines, c->nlines, NULL, 0, NULL, 0) < 0)
        return prof_jscan_nomem(&c->j);
    for (size_t i = 0; i < c->nfbrs; i++) {
        lj_br b = c->fbrs[i];
        b.file = (uint32_t)c->nfiles - 1;
        b.seq = c->seq++;
        PROF_TRY(prof_jscan_push(&c->j, (void **)&c->brs, &c->cap_brs, &c->nbrs,
                                 &b, sizeof b));
    }
    return 0;
}

static int lj_file_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    lj_file lf = {NULL, NULL};
    size_t br0 = c->nbrs;
    if (c->nfiles >= UINT32_MAX)
        return prof_jscan_nomem(j);
    PROF_TRY(prof_jscan_push(&c->j, (void **)&c->files, &c->cap_files,
                             &c->nfiles, &lf, sizeof lf));
    c->li++;
    c->nlines = c->nmapped = c->nfbrs = 0;
    c->cur = NULL;
    c->seq = 0;
    c->in = LJ_IN_FILE;
    j->what = "a file";
    PROF_TRY(prof_jscan_object(j, lj_file_keys, PROF_JSCAN_OPEN, c));
    PROF_TRY(lj_file_end(c, br0));
    prof_reader_consumed(c->r, j->s);
    return 0;
}

/* ---- functions ---- */

static int lj_fn_name(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    PROF_TRY(lj_name(c, k, PROF_DMG_NO_NAME, &c->fn.name));
    c->fn_skip = c->fn_skip || !c->fn.name;
    return 0;
}

static int lj_fn_count(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    c->skip = false;
    PROF_TRY(prof_jscan_policy_count(j, k->key, &c->fn.hits, &c->skip));
    c->fn_skip = c->fn_skip || c->skip;
    return 0;
}

/* A region: the first one gives the function's place. */
static int lj_region_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    uint64_t v[8];
    (void)j;
    PROF_TRY(lj_tuple(c, lj_region_fields, 8, 8, "a region", v));
    if (++c->si)
        return 0;
    c->fn_skip = c->fn_skip || c->skip;
    c->fn.start_line = (uint32_t)v[0];
    c->fn.start_col = (uint32_t)v[1];
    c->fn.end_line = (uint32_t)v[2];
    c->fn.end_col = (uint32_t)v[3];
    return 0;
}

static int lj_fn_regions(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    PROF_TRY(lj_array(j, k, lj_region_item));
    if (c->si < 0)
        return prof_jscan_fail(j, "a function without regions (its first "
                                  "region is its place)");
    return 0;
}

static int lj_filename_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    const char *s = NULL;
    static const prof_jkey k = {"filenames", NULL, 0, 0, 0, NULL};
    if (++c->si == 0) /* the function's file */
        PROF_TRY(lj_name(c, &k, PROF_DMG_NO_PATH, &s));
    else
        PROF_TRY(prof_jscan_string(j, "a string for a file name"));
    if (c->si && j->len && !(s = prof_profile_intern(c->r->p, j->buf, j->len)))
        return prof_jscan_nomem(j);
    return prof_jscan_push(&c->j, (void **)&c->names, &c->cap_names, &c->nnames,
                           &s, sizeof s);
}

static int lj_fn_filenames(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = j->user;
    (void)obj;
    PROF_TRY(lj_array(j, k, lj_filename_item));
    if (!c->nnames)
        return prof_jscan_fail(j, "a function without filenames (the "
                                  "first is its file)");
    return 0;
}

static const prof_jkey lj_function_keys[] = {
    {"name", lj_fn_name, 0, 0, PROF_JK_REQUIRED, "a string"},
    {"count", lj_fn_count, 0, 0, PROF_JK_REQUIRED, "an integer"},
    {"regions", lj_fn_regions, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"filenames", lj_fn_filenames, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"branches", lj_branches, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

/* The function is read: it waits for the end of the export, and so do
 * its 0-0 branches, as keys that are known not to be folded. */
static int lj_fn_end(lj_ctx *c)
{
    for (size_t i = 0; i < c->nfbrs; i++) {
        const lj_br *b = &c->fbrs[i];
        if (b->file >= c->nnames)
            return prof_jscan_fail(&c->j,
                                   "a branch with file_id %u, past "
                                   "the function's %zu filenames",
                                   b->file, c->nnames);
        lj_key key = {c->names[b->file], b->line, b->col,
                      b->eline,          b->ecol, false};
        if (key.file)
            PROF_TRY(prof_jscan_push(&c->j, (void **)&c->keys, &c->cap_keys,
                                     &c->nkeys, &key, sizeof key));
    }
    if (c->fn_skip || !c->names[0])
        return 0;
    lj_fn f = {c->names[0], c->fn};
    if (f.fn.end_line < f.fn.start_line)
        f.fn.end_line = f.fn.start_line;
    f.fn.input = c->r->input;
    f.fn.suites = f.fn.hits ? c->r->suites : 0;
    return prof_jscan_push(&c->j, (void **)&c->fns, &c->cap_fns, &c->nfns, &f,
                           sizeof f);
}

static int lj_function_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    c->li++;
    c->nnames = c->nfbrs = 0;
    c->fn_skip = false;
    memset(&c->fn, 0, sizeof c->fn);
    c->in = LJ_IN_FUNCTION;
    j->what = "a function";
    PROF_TRY(prof_jscan_object(j, lj_function_keys, PROF_JSCAN_OPEN, c));
    c->sub = NULL;
    return lj_fn_end(c);
}

/* ---- the end of an export ---- */

static int lj_key_cmp(const void *va, const void *vb)
{
    const lj_key *a = va, *b = vb;
    if (a->file != b->file)
        return (uintptr_t)a->file < (uintptr_t)b->file ? -1 : 1;
    uint32_t x[4] = {a->line, a->col, a->eline, a->ecol};
    uint32_t y[4] = {b->line, b->col, b->eline, b->ecol};
    for (int i = 0; i < 4; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Drop the files' 0-0 branches that no function has at their place:
 * conditions folded to a constant (one unused key per branch). */
static void lj_unfold(lj_ctx *c)
{
    if (c->nkeys)
        qsort(c->keys, c->nkeys, sizeof *c->keys, lj_key_cmp);
    for (size_t i = 0; i < c->nbrs; i++) {
        lj_br *b = &c->brs[i];
        if (!b->check)
            continue;
        lj_key k = {
            c->files[b->file].name, b->line, b->col, b->eline, b->ecol, false};
        lj_key *at = c->nkeys
                         ? bsearch(&k, c->keys, c->nkeys, sizeof k, lj_key_cmp)
                         : NULL;
        while (at && at > c->keys && !lj_key_cmp(at - 1, &k))
            at--;
        while (at && at < c->keys + c->nkeys && !lj_key_cmp(at, &k) && at->used)
            at++;
        b->drop = !at || at == c->keys + c->nkeys || lj_key_cmp(at, &k);
        if (!b->drop)
            at->used = true;
    }
}

/* By file object, then in the order they were read. */
static int lj_br_cmp(const void *va, const void *vb)
{
    const lj_br *a = va, *b = vb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The N branches of one file from B, in llvm-cov's order (IDX, by KEY:
 * room for N each), to the model: on each line the n-th pair is block n
 * with branches 2n and 2n + 1. Folded ones take their place in the sort,
 * as in the lcov export, but are not written. */
static int lj_number(lj_ctx *c, const lj_br *b, size_t n, uint32_t *idx,
                     uint64_t *key)
{
    prof_file *f = c->files[b->file].f;
    uint32_t line = 0, pair = 0;
    for (size_t i = 0; i < n; i++) {
        idx[i] = (uint32_t)i;
        key[i] = (uint64_t)b[i].line << 32 | b[i].col;
    }
    prof_llvm_branch_order(idx, n, key);
    for (size_t i = 0; i < n && f; i++) {
        const lj_br *x = &b[idx[i]];
        if (x->drop)
            continue;
        pair = x->line == line ? pair : 0;
        line = x->line;
        bool never = !x->t && !x->f;
        for (uint32_t k = 0; k < 2; k++) {
            uint64_t v = never ? PROF_NOT_EVALUATED : k ? x->f : x->t;
            prof_branch br = {line, pair, 2 * pair + k,
                              v && !never ? c->r->suites : 0, v};
            if (prof_file_add_branch(f, &br) < 0)
                return prof_jscan_nomem(&c->j);
        }
        pair++;
    }
    return 0;
}

/* The branches to the model, file by file, as the lcov export numbers
 * them. */
static int lj_add_branches(lj_ctx *c)
{
    if (c->have_functions)
        lj_unfold(c);
    if (!c->nbrs)
        return 0;
    qsort(c->brs, c->nbrs, sizeof *c->brs, lj_br_cmp);
    uint32_t *idx = malloc(c->nbrs * sizeof *idx);
    uint64_t *key = malloc(c->nbrs * sizeof *key);
    if (!idx || !key) {
        free(idx);
        free(key);
        return prof_jscan_nomem(&c->j);
    }
    int rc = 0;
    for (size_t g = 0, e; rc == 0 && g < c->nbrs; g = e) {
        for (e = g + 1; e < c->nbrs && c->brs[e].file == c->brs[g].file;)
            e++;
        rc = lj_number(c, c->brs + g, e - g, idx, key);
    }
    free(idx);
    free(key);
    return rc;
}

static int lj_file_cmp(const void *va, const void *vb)
{
    const lj_file *a = va, *b = vb;
    uintptr_t x = (uintptr_t)a->name, y = (uintptr_t)b->name;
    return x < y ? -1 : x > y;
}

/* The functions of the listed files to them (the lcov export writes no
 * other). The file objects are sorted by name: the branches are in. */
static int lj_add_functions(lj_ctx *c)
{
    if (c->nfiles)
        qsort(c->files, c->nfiles, sizeof *c->files, lj_file_cmp);
    for (size_t i = 0; i < c->nfns; i++) {
        lj_file k = {c->fns[i].file, NULL};
        const lj_file *at = c->nfiles ? bsearch(&k, c->files, c->nfiles,
                                                sizeof k, lj_file_cmp)
                                      : NULL;
        if (at && at->f && prof_file_add_function(at->f, &c->fns[i].fn) < 0)
            return prof_jscan_nomem(&c->j);
    }
    return 0;
}

/* ---- documents ---- */

static int lj_list(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = obj;
    c->list = k->key;
    c->li = -1;
    c->have_functions = c->have_functions || k->off;
    PROF_TRY(prof_jscan_array(j, k->key,
                              k->off ? lj_function_item : lj_file_item, c));
    c->list = NULL;
    return 0;
}

static const prof_jkey lj_export_keys[] = {
    {"files", lj_list, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"functions", lj_list, 0, 1, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int lj_export_item(prof_jscan *j, void *ctx)
{
    lj_ctx *c = ctx;
    c->di++;
    c->nfiles = c->nbrs = c->nkeys = c->nfns = 0;
    c->have_functions = false;
    j->what = "an export";
    PROF_TRY(prof_jscan_object(j, lj_export_keys, PROF_JSCAN_OPEN, c));
    PROF_TRY(lj_add_branches(c));
    return lj_add_functions(c);
}

static int lj_data(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = obj;
    c->di = -1;
    PROF_TRY(prof_jscan_array(j, k->key, lj_export_item, c));
    c->di = -1;
    return 0;
}

static int lj_type(prof_jscan *j, const prof_jkey *k, void *obj)
{
    char q[80];
    (void)k;
    (void)obj;
    PROF_TRY(prof_jscan_string(j, "a string for \"type\""));
    if (!strcmp(j->buf, "llvm.coverage.json.export"))
        return 0;
    return prof_jscan_fail(j,
                           "\"type\" is %s, not "
                           "\"llvm.coverage.json.export\"",
                           prof_quote(q, sizeof q, j->buf, j->len));
}

/* "2.0.1" (clang 14 to 19) and "3.0.x" are read; another major version
 * is read the same way, with a warning. */
static int lj_version(prof_jscan *j, const prof_jkey *k, void *obj)
{
    lj_ctx *c = obj;
    char q[80];
    (void)k;
    PROF_TRY(prof_jscan_string(j, "a string for \"version\""));
    if (!strncmp(j->buf, "2.", 2) || !strncmp(j->buf, "3.", 2) ||
        c->version_warned)
        return 0;
    c->version_warned = true;
    prof_profile_warnf(c->r->p, c->r->name, j->line,
                       "unknown llvm-cov export version %s (known: 2.x, "
                       "3.x); reading it as 2.0.1",
                       prof_quote(q, sizeof q, j->buf, j->len));
    return 0;
}

static const prof_jkey lj_doc_keys[] = {
    {"data", lj_data, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"type", lj_type, 0, 0, 0, NULL},
    {"version", lj_version, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int lj_document(lj_ctx *c)
{
    prof_jscan *j = &c->j;
    c->di = c->li = c->ei = c->si = -1;
    prof_jscan_ws(j);
    if (j->s >= j->end || *j->s != '{')
        return prof_jscan_expected(j, "a JSON object (llvm-cov export "
                                      "-format=text output)");
    j->what = "the document";
    PROF_TRY(prof_jscan_object(j, lj_doc_keys, PROF_JSCAN_OPEN, c));
    prof_jscan_ws(j);
    if (j->s < j->end)
        return prof_jscan_expected(j, "the end of the input after the "
                                      "document");
    prof_reader_set_mode(c->r, PROF_MODE_COUNT);
    return 0;
}

static int lj_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    lj_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.max_mapped = (1u << 16) + (uint64_t)len * LJ_PER_BYTE;
    prof_jscan_init(&c.j, r, buf, len);
    c.j.user = &c;
    c.j.where = lj_where;
    int rc = lj_document(&c);
    prof_jscan_free(&c.j);
    free(c.files);
    free(c.brs);
    free(c.fbrs);
    free(c.keys);
    free(c.fns);
    free(c.lines);
    free(c.names);
    return rc;
}

const prof_format prof_format_llvm_json = {
    .name = "llvm-json",
    .description = "llvm-cov export -format=text JSON (clang 14 to 19)",
    .family = PROF_FAMILY_LINE,
    .detect = lj_detect,
    .read = lj_read,
};
