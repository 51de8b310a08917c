/* lines.c - per-line view of a file's blocks (DESIGN.md "Blocks to lines"). */
#include "internal.h"

#include <stdlib.h>

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
 * (a line holding just the closing brace does not count). */
static int block_contribs(const prof_block *b, contrib **c, size_t *n,
                          size_t *cap)
{
    if (b->start_line == b->end_line)
        return push(c, n, cap, b->start_line, b->hits);
    uint32_t last = b->end_col > 2 ? b->end_line : b->end_line - 1;
    for (uint32_t l = b->start_line; l <= last && l >= b->start_line; l++)
        PROF_TRY(push(c, n, cap, l, b->hits));
    return 0;
}

int prof_file_lines(const prof_file *f, prof_line **out, size_t *nout)
{
    contrib *c = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < f->nblocks; i++)
        if (block_contribs(&f->blocks[i], &c, &n, &cap) < 0) {
            free(c);
            return PROF_ENOMEM;
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
                l->partial = true;
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
