/* merge.c - merge rules: duplicates, statement checks, overlaps, modes. */
#include "internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ordering ---- */

static int block_cmp(const void *va, const void *vb)
{
    return prof_block_cmp(va, vb);
}

/* Function names, unknown (NULL) first. */
static int func_name_cmp(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (!a || !b)
        return a ? 1 : -1;
    return strcmp(a, b);
}

/* Order of units: range, then statement count, then function. */
static inline int block_unit_order(const prof_block *a, const prof_block *b)
{
    int c = prof_block_cmp(a, b);
    if (c)
        return c;
    if (a->stmts != b->stmts)
        return a->stmts < b->stmts ? -1 : 1;
    return func_name_cmp(a->func, b->func);
}

static int block_unit_cmp(const void *va, const void *vb)
{
    return block_unit_order(va, vb);
}

/* block_unit_order, then the input and line it came from: equal ranges sort
 * the same way whatever qsort does, so messages name the first
 * occurrence. */
static int block_sort_cmp(const void *va, const void *vb)
{
    const prof_block *a = va, *b = vb;
    int c = block_unit_order(a, b);
    if (c)
        return c;
    if (a->input != b->input)
        return a->input < b->input ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int func_cmp(const void *va, const void *vb)
{
    const prof_function *a = va, *b = vb;
    if (a->start_line != b->start_line)
        return a->start_line < b->start_line ? -1 : 1;
    if (a->start_col != b->start_col)
        return a->start_col < b->start_col ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int branch_cmp(const void *va, const void *vb)
{
    return prof_branch_cmp(va, vb);
}

typedef int (*cmp_fn)(const void *, const void *);

/* Sort N records of size SZ. Data that is one sorted run costs one pass,
 * two sorted runs (what a merge appends) a linear merge; else qsort. */
static int sort_records(void *base, size_t n, size_t sz, cmp_fn cmp)
{
    unsigned char *b = base;
    size_t cut = 0;
    for (size_t i = 1; i < n; i++) {
        if (cmp(b + (i - 1) * sz, b + i * sz) <= 0)
            continue;
        if (cut) {
            qsort(base, n, sz, cmp);
            return 0;
        }
        cut = i;
    }
    if (!cut)
        return 0;
    unsigned char *tmp = malloc(n * sz);
    if (!tmp)
        return PROF_ENOMEM;
    size_t i = 0, j = cut, o = 0;
    while (i < cut && j < n) {
        if (cmp(b + j * sz, b + i * sz) < 0)
            memcpy(tmp + o++ * sz, b + j++ * sz, sz);
        else
            memcpy(tmp + o++ * sz, b + i++ * sz, sz);
    }
    memcpy(tmp + o * sz, b + i * sz, (cut - i) * sz);
    o += cut - i;
    memcpy(tmp + o * sz, b + j * sz, (n - j) * sz);
    memcpy(base, tmp, n * sz);
    free(tmp);
    return 0;
}

/* ---- combining equal records ---- */

static const char *input_name(const prof_profile *p, uint32_t i)
{
    return i < p->ninputs ? p->inputs[i] : "?";
}

static uint64_t combine_hits(const prof_profile *p, uint64_t a, uint64_t b)
{
    return prof_hits_combine(p->mode, a, b);
}

int prof_block_combine(prof_profile *p, prof_block *a, const prof_block *b)
{
    a->hits = combine_hits(p, a->hits, b->hits);
    return prof_suiteset_union(p, a->suites, b->suites, &a->suites);
}

/* B's statement count is none of those that A's input gives the range:
 * KNOWN, "2" or "1 or 2" or "1, 2 or 3". */
static int stmt_conflict(prof_profile *p, const prof_file *f,
                         const prof_block *a, const prof_block *b,
                         const char *known, prof_error *err)
{
    return prof_error_set(
        err, PROF_EMERGE, input_name(p, b->input), b->line,
        "%s:%u.%u,%u.%u has %u statements here but %s in %s%s%.0lu: the "
        "inputs were built from different sources",
        f->path, b->start_line, b->start_col, b->end_line, b->end_col,
        b->stmts, known, input_name(p, a->input), a->line ? ":" : "",
        (unsigned long)a->line);
}

static int overlap_conflict(prof_profile *p, const prof_file *f,
                            const prof_block *a, const prof_block *b,
                            prof_error *err)
{
    return prof_error_set(
        err, PROF_EMERGE, input_name(p, b->input), b->line,
        "%s: block %u.%u,%u.%u overlaps %u.%u,%u.%u from %s%s%.0lu: the "
        "inputs were built from different sources (--overlap=keep keeps "
        "both)",
        f->path, b->start_line, b->start_col, b->end_line, b->end_col,
        a->start_line, a->start_col, a->end_line, a->end_col,
        input_name(p, a->input), a->line ? ":" : "", (unsigned long)a->line);
}

static bool ends_after(const prof_block *a, const prof_block *b)
{
    /* does A end after B starts? (ends are exclusive) */
    return a->end_line > b->start_line ||
           (a->end_line == b->start_line && a->end_col > b->start_col);
}

/* Does A end at or after where B ends? */
static bool ends_later(const prof_block *a, const prof_block *b)
{
    return a->end_line > b->end_line ||
           (a->end_line == b->end_line && a->end_col >= b->end_col);
}

static bool is_inverted(const prof_block *b)
{
    return b->end_line < b->start_line ||
           (b->end_line == b->start_line && b->end_col < b->start_col);
}

/* Is B a range that overlap checks look at? Not a whole-line record (one
 * line, columns 0: line formats, and Go lines under a //line directive
 * without a column), which describes a line, nor a range that ends
 * before it starts (its end is in another file, through //line). */
static bool has_extent(const prof_block *b)
{
    if (b->start_col == 0 && b->end_col == 0 && b->start_line == b->end_line)
        return false;
    return !is_inverted(b);
}

/* The statement counts that input IN gives the range of the blocks
 * [I, J) of F (sorted by count), into OUT (64 bytes) as "2", "1 or 2",
 * "1, 2 or 3" (past 64 bytes, the last is "..."). */
static void run_counts(const prof_file *f, size_t i, size_t j, uint32_t in,
                       char out[64])
{
    const prof_block *b = f->blocks;
    size_t len = 0, last = SIZE_MAX;
    out[0] = '\0';
    for (size_t k = i; k < j; k++) {
        if (b[k].input != in ||
            (last != SIZE_MAX && b[last].stmts == b[k].stmts))
            continue;
        char piece[16];
        int n = snprintf(piece, sizeof piece, last == SIZE_MAX ? "%u" : ", %u",
                         b[k].stmts);
        if (len + (size_t)n + 8 > 64) { /* room for ", ..." and " or" */
            memcpy(out + len, ", ...", 6);
            break;
        }
        memcpy(out + len, piece, (size_t)n + 1);
        len += (size_t)n;
        last = k;
    }
    char *comma = strrchr(out, ',');
    if (comma) { /* the last ", " becomes " or " */
        memmove(comma + 3, comma + 1, strlen(comma + 1) + 1);
        memcpy(comma, " or", 3);
    }
}

/* The blocks [I, J) of F share a range; *REF becomes the first of those
 * of the input that had the range first (the lowest input number). A
 * statement count that input does not give it means other sources; one
 * input may give a range several (//line directives map different
 * blocks to one range). */
static int run_check(prof_profile *p, const prof_file *f, size_t i,
                     size_t j, size_t *ref, prof_error *err)
{
    const prof_block *b = f->blocks;
    size_t r = i;
    for (size_t k = i + 1; k < j; k++)
        if (b[k].input < b[r].input)
            r = k;
    *ref = r;
    for (size_t k = i, g; k < j; k = g) {
        bool known = false;
        for (g = k; g < j && b[g].stmts == b[k].stmts; g++)
            known = known || b[g].input == b[r].input;
        if (!known) {
            char counts[64];
            run_counts(f, i, j, b[r].input, counts);
            return stmt_conflict(p, f, &b[r], &b[k], counts, err);
        }
    }
    return 0;
}

/* Combine the run [I, J) of one range into the kept blocks from O: the
 * same unit (statements and function) once; a block of no known
 * function (a text profile) joins the first unit of its statement
 * count. Returns the new O. */
static size_t run_combine(prof_profile *p, prof_file *f, size_t i, size_t j,
                          size_t o, int *rc)
{
    size_t first = o;
    for (size_t k = i; k < j && *rc == 0; k++) {
        prof_block *a = o > first ? &f->blocks[o - 1] : NULL;
        const prof_block *b = &f->blocks[k];
        if (a && a->stmts == b->stmts &&
            (a->func == b->func || !a->func || !b->func)) {
            if (!a->func)
                a->func = b->func;
            *rc = prof_block_combine(p, a, b);
            continue;
        }
        if (o != k)
            f->blocks[o] = *b;
        o++;
    }
    return o;
}

/* Sort, combine the same units, and refuse what only other sources
 * explain: a statement count the first input with a range did not give
 * it, and (unless --overlap=keep) non-identical ranges that overlap and
 * were first seen in different inputs; what one input holds is what its
 * producer wrote (//line directives make overlapping blocks). REACH is
 * the kept range that ends furthest, REACH_IN the input that had it
 * first: when that is the input of a block it overlaps, no range of
 * another input overlaps the block either (it would overlap REACH at
 * the block's start, which was refused before). */
static int combine_blocks(prof_profile *p, prof_file *f, prof_error *err)
{
    PROF_TRY(sort_records(f->blocks, f->nblocks, sizeof *f->blocks,
                          block_sort_cmp));
    size_t o = 0, ref, reach = SIZE_MAX;
    uint32_t reach_in = 0;
    int rc = 0;
    for (size_t i = 0, j; i < f->nblocks; i = j) {
        for (j = i + 1; j < f->nblocks &&
                        !block_cmp(&f->blocks[i], &f->blocks[j]);
             j++)
            ;
        PROF_TRY(run_check(p, f, i, j, &ref, err));
        const prof_block *b = &f->blocks[ref];
        uint32_t in = b->input;
        bool ranged = has_extent(b);
        if (ranged && reach != SIZE_MAX && reach_in != in &&
            ends_after(&f->blocks[reach], b) && !p->opts->overlap_keep)
            return overlap_conflict(p, f, &f->blocks[reach], b, err);
        size_t first = o;
        o = run_combine(p, f, i, j, o, &rc);
        PROF_TRY(rc);
        if (ranged && (reach == SIZE_MAX ||
                       ends_later(&f->blocks[first], &f->blocks[reach]))) {
            reach = first;
            reach_in = in;
        }
    }
    f->nblocks = o;
    /* sorted and combined: strictly increasing; positions moved */
    f->increasing = true;
    prof_htab_free(&f->index);
    f->hint = 0;
    return 0;
}

/* B, with the key of A, combined into A. */
static int function_combine(prof_profile *p, prof_function *a,
                            const prof_function *b)
{
    a->hits = combine_hits(p, a->hits, b->hits);
    if (b->end_line > a->end_line) {
        a->end_line = b->end_line;
        a->end_col = b->end_col;
    }
    return prof_suiteset_union(p, a->suites, b->suites, &a->suites);
}

static int combine_functions(prof_profile *p, prof_file *f)
{
    PROF_TRY(sort_records(f->funcs, f->nfuncs, sizeof *f->funcs, func_cmp));
    size_t o = 0;
    for (size_t i = 0; i < f->nfuncs; i++) {
        prof_function *a = o ? &f->funcs[o - 1] : NULL, *b = &f->funcs[i];
        if (a && !func_cmp(a, b)) {
            PROF_TRY(function_combine(p, a, b));
            continue;
        }
        f->funcs[o++] = *b;
    }
    f->nfuncs = o;
    return 0;
}

static uint64_t combine_taken(uint64_t a, uint64_t b)
{
    if (a == PROF_NOT_EVALUATED)
        return b;
    if (b == PROF_NOT_EVALUATED)
        return a;
    uint64_t r = prof_sat_add(a, b);
    return r == PROF_NOT_EVALUATED ? r - 1 : r;
}

static int branch_combine(prof_profile *p, prof_branch *a,
                          const prof_branch *b)
{
    a->taken = combine_taken(a->taken, b->taken);
    return prof_suiteset_union(p, a->suites, b->suites, &a->suites);
}

static int combine_branches(prof_profile *p, prof_file *f)
{
    PROF_TRY(sort_records(f->branches, f->nbranches, sizeof *f->branches,
                          branch_cmp));
    size_t o = 0;
    for (size_t i = 0; i < f->nbranches; i++) {
        prof_branch *a = o ? &f->branches[o - 1] : NULL, *b = &f->branches[i];
        if (a && !branch_cmp(a, b)) {
            PROF_TRY(branch_combine(p, a, b));
            continue;
        }
        if (o != i)
            f->branches[o] = *b;
        o++;
    }
    f->nbranches = o;
    return 0;
}

static int path_cmp(const void *va, const void *vb)
{
    const prof_file *a = *(const prof_file *const *)va;
    const prof_file *b = *(const prof_file *const *)vb;
    return strcmp(a->path, b->path);
}

void prof_profile_sort_files(prof_profile *p)
{
    if (!p->files_sorted && p->nfiles) /* qsort(NULL, 0, ...) is UB */
        qsort(p->files, p->nfiles, sizeof *p->files, path_cmp);
    p->files_sorted = true;
}

/* Blocks to lines gives an entry per line a block spans, so a file whose
 * blocks span more lines than a source file can hold is refused: the line
 * view of every writer stays within memory (a Go block claiming lines 24
 * to 4294967096 would need gigabytes). Nested blocks count once each. */
#define MAX_FILE_SPAN (1u << 22)
/* Lines the blocks of all files span beyond one each (what a few bytes of
 * Go text can add to every line writer's output and memory); a line record
 * adds none, so this bounds only the expansion. */
#define MAX_EXTRA_SPAN (1u << 26)

static int check_span(const prof_profile *p, prof_file *f, prof_error *err)
{
    uint64_t n = 0;
    f->extra_span = 0;
    for (size_t i = 0; i < f->nblocks; i++) {
        const prof_block *b = &f->blocks[i];
        uint64_t span = is_inverted(b) ? 1 /* its start line alone */
                                       : (uint64_t)b->end_line -
                                             b->start_line + 1;
        f->extra_span += span - 1;
        if ((n += span) <= MAX_FILE_SPAN)
            continue;
        return prof_error_set(
            err, PROF_ELIMIT, input_name(p, b->input), b->line,
            "%s: its blocks span more than %u lines in all (this one, "
            "%u.%u,%u.%u, %llu): no source file is that long",
            f->path, MAX_FILE_SPAN, b->start_line, b->start_col, b->end_line,
            b->end_col, (unsigned long long)span);
    }
    return 0;
}

static int check_extra_span(const prof_profile *p, prof_error *err)
{
    uint64_t n = 0;
    for (size_t i = 0; i < p->nfiles; i++) {
        const prof_file *f = p->files[i];
        if ((n += f->extra_span) <= MAX_EXTRA_SPAN)
            continue;
        const prof_block *b = f->nblocks ? &f->blocks[0] : NULL;
        return prof_error_set(
            err, PROF_ELIMIT, input_name(p, b ? b->input : 0),
            b ? b->line : 0,
            "%s: with it the blocks of %zu files span more than %u lines "
            "beyond one line each: no source tree is that long", f->path,
            i + 1, MAX_EXTRA_SPAN);
    }
    return 0;
}

int prof_profile_normalize(prof_profile *p, prof_error *err)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        if (!f->dirty)
            continue;
        PROF_TRY(combine_blocks(p, f, err));
        PROF_TRY(check_span(p, f, err));
        PROF_TRY(combine_functions(p, f));
        PROF_TRY(combine_branches(p, f));
        f->dirty = false;
    }
    PROF_TRY(check_extra_span(p, err));
    prof_profile_sort_files(p);
    return 0;
}

void prof_profile_apply_mode(prof_profile *p, prof_mode m)
{
    bool clamp = m == PROF_MODE_SET && p->mode != PROF_MODE_SET;
    p->mode = m;
    if (!clamp)
        return;
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        for (size_t j = 0; j < f->nblocks; j++)
            if (f->blocks[j].hits > 1)
                f->blocks[j].hits = 1;
        for (size_t j = 0; j < f->nfuncs; j++)
            if (f->funcs[j].hits > 1)
                f->funcs[j].hits = 1;
    }
}

/* ---- merging one profile into another ---- */

static prof_mode mode_policy(prof_mode a, prof_mode b)
{
    if (a == PROF_MODE_NONE || a == b)
        return b;
    if (b == PROF_MODE_NONE)
        return a;
    if (a == PROF_MODE_SET || b == PROF_MODE_SET)
        return PROF_MODE_SET;
    return PROF_MODE_ATOMIC;
}

static void merge_mode(prof_profile *dst, const prof_profile *src)
{
    prof_mode m = mode_policy(dst->mode, src->mode);
    bool mixed = (dst->mode == PROF_MODE_SET) != (src->mode == PROF_MODE_SET);
    prof_mode forced = dst->opts->forced;
    if (forced == PROF_MODE_NONE && mixed && dst->mode != PROF_MODE_NONE &&
        src->mode != PROF_MODE_NONE && !dst->mode_warned) {
        dst->mode_warned = true; /* one notice per profile */
        prof_profile_warnf(dst, src->ninputs ? src->inputs[0] : "", 0,
                           "merging %s-mode data with %s-mode data gives "
                           "set mode (counts become 0/1; --mode count "
                           "keeps them)",
                           prof_mode_name(src->mode),
                           prof_mode_name(dst->mode));
    }
    prof_profile_apply_mode(dst, forced ? forced : m);
}

typedef struct remap {
    uint32_t input_base;
    uint32_t *sets; /* src set id -> dst set id, UINT32_MAX = not yet */
    long *suites;   /* src suite -> dst suite */
    const char *fsrc, *fdst; /* the last block function name remapped */
} remap;

/* SRC's function name *NAME (interned in SRC) as DST's: blocks of one
 * function mostly come in a row, so the last one is kept. */
static int remap_func(prof_profile *dst, remap *m, const char **name)
{
    if (!*name)
        return 0;
    if (*name != m->fsrc) {
        const char *d = prof_profile_intern(dst, *name, strlen(*name));
        if (!d)
            return PROF_ENOMEM;
        m->fsrc = *name;
        m->fdst = d;
    }
    *name = m->fdst;
    return 0;
}

static int remap_new(prof_profile *dst, const prof_profile *src, remap *m,
                     uint32_t set, uint32_t *out)
{
    uint32_t r = 0;
    for (size_t s = 0; s < src->nsuites; s++) {
        if (!prof_suites_has(src, set, s))
            continue;
        uint32_t one;
        PROF_TRY(prof_suiteset_single(dst, m->suites[s], &one));
        PROF_TRY(prof_suiteset_union(dst, r, one, &r));
    }
    *out = m->sets[set] = r;
    return 0;
}

/* SRC's suite set SET as a set of DST (worked out once per set). */
static inline int remap_set(prof_profile *dst, const prof_profile *src,
                            remap *m, uint32_t set, uint32_t *out)
{
    if (m->sets[set] == UINT32_MAX)
        return remap_new(dst, src, m, set, out);
    *out = m->sets[set];
    return 0;
}

/* Does normalised S (NS records of SZ bytes) have the records of clean D
 * (ND), in the same order, by CMP? Then they fold in place: no append, no
 * sort. */
static inline bool same_records(const void *d, size_t nd, const void *s,
                                size_t ns, size_t sz, cmp_fn cmp)
{
    if (nd != ns)
        return false;
    for (size_t i = 0; i < ns; i++)
        if (cmp((const char *)d + i * sz, (const char *)s + i * sz))
            return false;
    return true;
}

/* SF's blocks as DST holds them: inputs, set-mode counts, suite sets. */
static int merge_blocks(prof_profile *dst, const prof_profile *src, remap *m,
                        prof_file *df, const prof_file *sf, bool fold)
{
    if (!fold && sf->nblocks) {
        PROF_TRY(prof_grow((void **)&df->blocks, &df->cap_blocks,
                           df->nblocks + sf->nblocks - 1,
                           sizeof *df->blocks));
        df->increasing = false;
        df->dirty = true;
    }
    for (size_t i = 0; i < sf->nblocks; i++) {
        prof_block b = sf->blocks[i];
        b.input += m->input_base;
        if (dst->mode == PROF_MODE_SET && b.hits > 1)
            b.hits = 1;
        PROF_TRY(remap_set(dst, src, m, b.suites, &b.suites));
        if (fold) {
            PROF_TRY(prof_block_combine(dst, &df->blocks[i], &b));
            continue;
        }
        PROF_TRY(remap_func(dst, m, &b.func));
        df->blocks[df->nblocks++] = b; /* normalize merges the two runs */
    }
    return 0;
}

static int merge_functions(prof_profile *dst, const prof_profile *src,
                           remap *m, prof_file *df, const prof_file *sf,
                           bool fold)
{
    for (size_t i = 0; i < sf->nfuncs; i++) {
        prof_function fn = sf->funcs[i];
        fn.input += m->input_base;
        if (dst->mode == PROF_MODE_SET && fn.hits > 1)
            fn.hits = 1;
        PROF_TRY(remap_set(dst, src, m, fn.suites, &fn.suites));
        if (fold) {
            PROF_TRY(function_combine(dst, &df->funcs[i], &fn));
            continue;
        }
        fn.name = prof_profile_intern(dst, fn.name, strlen(fn.name));
        if (!fn.name)
            return PROF_ENOMEM;
        PROF_TRY(prof_file_add_function(df, &fn));
    }
    return 0;
}

static int merge_branches(prof_profile *dst, const prof_profile *src,
                          remap *m, prof_file *df, const prof_file *sf,
                          bool fold)
{
    for (size_t i = 0; i < sf->nbranches; i++) {
        prof_branch br = sf->branches[i];
        PROF_TRY(remap_set(dst, src, m, br.suites, &br.suites));
        if (fold)
            PROF_TRY(branch_combine(dst, &df->branches[i], &br));
        else
            PROF_TRY(prof_file_add_branch(df, &br));
    }
    return 0;
}

/* Records with the keys DF already has (inputs of one build, shards of
 * one test suite) are combined in place; otherwise they are appended and
 * prof_profile_normalize merges them, which gives the same result. */
static int merge_file(prof_profile *dst, const prof_profile *src, remap *m,
                      const prof_file *sf)
{
    prof_file *df = prof_profile_file_exact(dst, sf->path, sf->path_len);
    if (!df)
        return PROF_ENOMEM;
    bool clean = !df->dirty;
    df->families |= sf->families;
    bool fold = clean && same_records(df->blocks, df->nblocks, sf->blocks,
                                      sf->nblocks, sizeof *sf->blocks,
                                      block_unit_cmp);
    PROF_TRY(merge_blocks(dst, src, m, df, sf, fold));
    fold = clean && same_records(df->funcs, df->nfuncs, sf->funcs,
                                 sf->nfuncs, sizeof *sf->funcs, func_cmp);
    PROF_TRY(merge_functions(dst, src, m, df, sf, fold));
    fold = clean && same_records(df->branches, df->nbranches, sf->branches,
                                 sf->nbranches, sizeof *sf->branches,
                                 branch_cmp);
    return merge_branches(dst, src, m, df, sf, fold);
}

static int merge_tables(prof_profile *dst, const prof_profile *src, remap *m)
{
    m->input_base = (uint32_t)dst->ninputs;
    for (size_t i = 0; i < src->ninputs; i++)
        if (prof_profile_add_input(dst, src->inputs[i]) < 0)
            return PROF_ENOMEM;
    for (size_t i = 0; i < src->nsuites; i++) {
        int s = prof_profile_suite_index(dst, src->suites[i]);
        if (s < 0)
            return s;
        if (src->suite_named[i])
            prof_profile_suite_name(dst, (size_t)s);
        m->suites[i] = s;
    }
    for (size_t i = 0; i < src->nsets; i++)
        m->sets[i] = i ? UINT32_MAX : 0;
    return 0;
}

int prof_merge(prof_profile *dst, const prof_profile *src, prof_error *err)
{
    if (dst == src)
        return prof_error_set(err, PROF_EINVAL, "", 0,
                              "cannot merge a profile into itself");
    remap m = {0, malloc((src->nsets + 1) * sizeof *m.sets),
               malloc((src->nsuites + 1) * sizeof *m.suites), NULL, NULL};
    int rc = PROF_ENOMEM;
    if (m.sets && m.suites)
        rc = merge_tables(dst, src, &m);
    merge_mode(dst, src);
    dst->families |= src->families;
    dst->go_text |= src->go_text;
    for (size_t i = 0; rc == 0 && i < src->nfiles; i++)
        rc = merge_file(dst, src, &m, src->files[i]);
    free(m.sets);
    free(m.suites);
    if (rc == PROF_ENOMEM)
        prof_error_set(err, rc, "", 0, "out of memory while merging");
    if (rc == 0)
        rc = prof_profile_normalize(dst, err);
    if (rc == 0 && (rc = prof_suitesets_compact(dst)) < 0)
        prof_error_set(err, rc, "", 0, "out of memory while merging");
    return rc;
}

/* ---- moving a fresh input into an empty profile ---- */

static bool profile_is_empty(const prof_profile *p)
{
    return p->ninputs == 0 && p->nfiles == 0 && p->nsuites == 0 &&
           p->nsets == 1 && p->mode == PROF_MODE_NONE && p->families == 0;
}

/* Exchange the data of A and B, all that follows their options (model.h);
 * the maps and files point back to their profile, so those pointers
 * follow. */
static void profile_swap_data(prof_profile *a, prof_profile *b)
{
    enum { OFF = offsetof(prof_profile, arena) };
    _Static_assert(offsetof(prof_profile, mode_warned) < OFF &&
                       offsetof(prof_profile, own_opts) < OFF,
                   "a profile's options come before its data");
    unsigned char t[sizeof *a - OFF];
    memcpy(t, (unsigned char *)a + OFF, sizeof t);
    memcpy((unsigned char *)a + OFF, (unsigned char *)b + OFF, sizeof t);
    memcpy((unsigned char *)b + OFF, t, sizeof t);
    prof_profile *both[2] = {a, b};
    for (size_t k = 0; k < 2; k++) {
        prof_profile *p = both[k];
        p->files_by_path.arena = &p->arena;
        p->names.arena = &p->arena;
        p->sets_by_bits.arena = &p->set_arena;
        p->mapped.arena = &p->arena;
        for (size_t i = 0; i < p->nfiles; i++)
            p->files[i]->owner = p;
    }
}

/* SRC is an input as prof_parse_file leaves it: normalised. */
int prof_merge_move(prof_profile *dst, prof_profile *src, prof_error *err)
{
    if (dst == src || !profile_is_empty(dst))
        return prof_merge(dst, src, err);
    /* what prof_merge does into an empty profile, without the copy */
    profile_swap_data(dst, src);
    prof_mode forced = dst->opts->forced;
    prof_profile_apply_mode(dst, forced ? forced : dst->mode);
    return 0;
}
