/* lines.c - per-line view of a file's blocks (DESIGN.md "Blocks to lines"). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct contrib {
    uint32_t line;
    uint64_t hits;
} contrib;

static int contrib_cmp(const void *va, const void *vb)
{
    const contrib *a = va, *b = vb;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int push(contrib **c, size_t *n, size_t *cap, uint32_t line,
                uint64_t hits)
{
    PROF_TRY(prof_grow((void **)c, cap, *n, sizeof **c));
    (*c)[(*n)++] = (contrib){line, hits};
    return 0;
}

/* A one-line block gives its line; a multi-line block its start line,
 * every middle line, and its end line only when the end column is past 2
 * (a line holding just the closing brace does not count). A block that
 * ends on a line before its start (Go through //line: the end is in
 * another file) gives its start line alone. */
static int block_contribs(const prof_block *b, contrib **c, size_t *n,
                          size_t *cap)
{
    if (b->start_line >= b->end_line)
        return push(c, n, cap, b->start_line, b->hits);
    uint32_t last = b->end_col > 2 ? b->end_line : b->end_line - 1;
    for (uint32_t l = b->start_line; l <= last && l >= b->start_line; l++)
        PROF_TRY(push(c, n, cap, l, b->hits));
    return 0;
}

/* The blocks of F from I on that are one in Go text (the same range and
 * statements: units of several functions), as one block; *NEXT is where
 * the next run starts. */
static prof_block unit_run(const prof_file *f, size_t i, size_t *next)
{
    prof_block b = f->blocks[i];
    size_t j = i + 1;
    for (; j < f->nblocks && !prof_block_cmp(&f->blocks[j], &b) &&
           f->blocks[j].stmts == b.stmts;
         j++)
        b.hits = prof_hits_combine(f->owner->mode, b.hits, f->blocks[j].hits);
    *next = j;
    return b;
}

int prof_file_lines(const prof_file *f, prof_line **out, size_t *nout)
{
    contrib *c = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *nout = 0;
    for (size_t i = 0, j; i < f->nblocks; i = j) {
        prof_block b = unit_run(f, i, &j);
        if (block_contribs(&b, &c, &n, &cap) < 0) {
            free(c);
            return PROF_ENOMEM;
        }
    }
    if (n) /* qsort(NULL, 0, ...) is undefined */
        qsort(c, n, sizeof *c, contrib_cmp);
    prof_line *lines = n ? malloc(n * sizeof *lines) : NULL;
    if (n && !lines) {
        free(c);
        return PROF_ENOMEM;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        prof_line *l = o ? &lines[o - 1] : NULL;
        if (l && l->line == c[i].line) {
            bool hit = c[i].hits > 0;
            if (hit != (l->hits > 0) || l->partial)
                l->partial = PROF_LINE_RAN | PROF_LINE_MISSED;
            if (c[i].hits > l->hits)
                l->hits = c[i].hits;
            continue;
        }
        lines[o++] = (prof_line){c[i].line, c[i].hits, 0};
    }
    free(c);
    *out = lines;
    *nout = o;
    return 0;
}

int prof_file_line_branches(const prof_file *f, const prof_line *lines,
                            size_t nl, prof_branch **out, size_t *nout)
{
    size_t nb, bi = 0, o = 0, extra = 0;
    const prof_branch *br = prof_file_branches(f, &nb);
    for (size_t i = 0; i < nl; i++)
        extra += !!(lines[i].partial & PROF_LINE_RAN) +
                 !!(lines[i].partial & PROF_LINE_MISSED);
    prof_branch *v = malloc((nb + extra ? nb + extra : 1) * sizeof *v);
    *out = v;
    *nout = 0;
    if (!v)
        return PROF_ENOMEM;
    for (size_t i = 0; i <= nl; i++) {
        uint32_t upto = i < nl ? lines[i].line : UINT32_MAX;
        for (; bi < nb && (br[bi].line < upto || i == nl); bi++)
            v[o++] = br[bi];
        if (i == nl || (bi < nb && br[bi].line == upto))
            continue; /* no line, or branch records of its own */
        if (lines[i].partial & PROF_LINE_RAN)
            v[o++] = (prof_branch){upto, 0, 0, 0, lines[i].hits};
        if (lines[i].partial & PROF_LINE_MISSED)
            v[o++] = (prof_branch){upto, 0, 1, 0, 0};
    }
    *nout = o;
    return 0;
}

typedef struct fn_byname {
    uint32_t line; /* start line, or 0 when names are unique per file */
    const char *name;
    size_t i;
} fn_byname;

static int fn_byname_cmp(const void *va, const void *vb)
{
    const fn_byname *a = va, *b = vb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* Which functions to write and with which counts: names deduplicated in
 * the file (lcov 1 keys functions by name) or, with BY_LINE, among the
 * functions of a start line (an lcov 2 FNL group; those differ only in
 * columns, which lcov does not carry). */
int prof_function_plan(const prof_function *fn, size_t n, bool by_line,
                        prof_fnout *out)
{
    fn_byname *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx)
        return PROF_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = (prof_fnout){false, 0};
        if (fn[i].start_line)
            idx[m++] = (fn_byname){by_line ? fn[i].start_line : 0,
                                     fn[i].name, i};
    }
    qsort(idx, m, sizeof *idx, fn_byname_cmp);
    for (size_t i = 0, k; i < m; i = k) {
        size_t first = idx[i].i;
        out[first].keep = true;
        for (k = i; k < m && idx[k].line == idx[i].line &&
                    !strcmp(idx[k].name, idx[i].name);
             k++)
            out[first].hits = prof_sat_add(out[first].hits, fn[idx[k].i].hits);
    }
    free(idx);
    return 0;
}
