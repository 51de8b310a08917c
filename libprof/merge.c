/* merge.c - merge rules: duplicates, statement checks, overlaps, modes. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- ordering ---- */

static int block_cmp(const void *va, const void *vb)
{
    return prof_block_cmp(va, vb);
}

/* block_cmp, then the input and line it came from: equal ranges sort the
 * same way whatever qsort does, so messages name the first occurrence. */
static int block_sort_cmp(const void *va, const void *vb)
{
    const prof_block *a = va, *b = vb;
    int c = block_cmp(va, vb);
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
    const prof_branch *a = va, *b = vb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    if (a->branch != b->branch)
        return a->branch < b->branch ? -1 : 1;
    return 0;
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

static int stmt_conflict(prof_profile *p, const prof_file *f,
                         const prof_block *a, const prof_block *b,
                         prof_error *err)
{
    return prof_error_set(
        err, PROF_EMERGE, input_name(p, b->input), b->line,
        "%s:%u.%u,%u.%u has %u statements here but %u in %s%s%.0lu: the "
        "inputs were built from different sources",
        f->path, b->start_line, b->start_col, b->end_line, b->end_col,
        b->stmts, a->stmts, input_name(p, a->input), a->line ? ":" : "",
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

static bool is_line_block(const prof_block *b)
{
    return b->start_col == 0 && b->end_col == 0;
}

/* Does A end at or after where B ends? */
static bool ends_later(const prof_block *a, const prof_block *b)
{
    return a->end_line > b->end_line ||
           (a->end_line == b->end_line && a->end_col >= b->end_col);
}

/* Sort, sum equal ranges, and refuse non-identical overlapping ranges.
 * REACH is the kept block that ends furthest; whole-line blocks (line
 * formats) describe lines, not ranges, and are not checked. */
static int combine_blocks(prof_profile *p, prof_file *f, prof_error *err)
{
    PROF_TRY(sort_records(f->blocks, f->nblocks, sizeof *f->blocks,
                          block_sort_cmp));
    size_t o = 0, reach = SIZE_MAX;
    for (size_t i = 0; i < f->nblocks; i++) {
        prof_block *b = &f->blocks[i];
        if (o && !block_cmp(&f->blocks[o - 1], b)) {
            prof_block *a = &f->blocks[o - 1];
            if (a->stmts != b->stmts)
                return stmt_conflict(p, f, a, b, err);
            PROF_TRY(prof_block_combine(p, a, b));
            continue;
        }
        if (is_line_block(b)) {
            if (o != i)
                f->blocks[o] = *b;
            o++;
            continue;
        }
        if (reach != SIZE_MAX && ends_after(&f->blocks[reach], b) &&
            !p->overlap_keep)
            return overlap_conflict(p, f, &f->blocks[reach], b, err);
        if (o != i)
            f->blocks[o] = *b;
        if (reach == SIZE_MAX || ends_later(&f->blocks[o], &f->blocks[reach]))
            reach = o;
        o++;
    }
    f->nblocks = o;
    /* sorted and combined: strictly increasing; positions moved */
    f->increasing = true;
    free(f->index);
    f->index = NULL;
    f->index_cap = f->index_n = f->hint = 0;
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
        uint64_t span = (uint64_t)b->end_line - b->start_line + 1;
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
    if (dst->forced == PROF_MODE_NONE && mixed && dst->mode != PROF_MODE_NONE &&
        src->mode != PROF_MODE_NONE && !dst->mode_warned) {
        dst->mode_warned = true; /* one notice per profile */
        prof_profile_warnf(dst, src->ninputs ? src->inputs[0] : "", 0,
                           "merging %s-mode data with %s-mode data gives "
                           "set mode (counts become 0/1; --mode count "
                           "keeps them)",
                           prof_mode_name(src->mode),
                           prof_mode_name(dst->mode));
    }
    prof_profile_apply_mode(dst, dst->forced ? dst->forced : m);
}

typedef struct remap {
    uint32_t input_base;
    uint32_t *sets; /* src set id -> dst set id, UINT32_MAX = not yet */
    long *suites;   /* src suite -> dst suite */
} remap;

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

/* Does normalised SF have the ranges (and statement counts) of clean DF,
 * in the same order? Then its blocks fold in place: no append, no sort. */
static bool same_blocks(const prof_file *df, const prof_file *sf)
{
    if (df->nblocks != sf->nblocks)
        return false;
    for (size_t i = 0; i < sf->nblocks; i++)
        if (prof_block_cmp(&df->blocks[i], &sf->blocks[i]) ||
            df->blocks[i].stmts != sf->blocks[i].stmts)
            return false;
    return true;
}

static bool same_functions(const prof_file *df, const prof_file *sf)
{
    if (df->nfuncs != sf->nfuncs)
        return false;
    for (size_t i = 0; i < sf->nfuncs; i++)
        if (func_cmp(&df->funcs[i], &sf->funcs[i]))
            return false;
    return true;
}

static bool same_branches(const prof_file *df, const prof_file *sf)
{
    if (df->nbranches != sf->nbranches)
        return false;
    for (size_t i = 0; i < sf->nbranches; i++)
        if (branch_cmp(&df->branches[i], &sf->branches[i]))
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
        if (fold)
            PROF_TRY(prof_block_combine(dst, &df->blocks[i], &b));
        else /* appended: normalize merges the two sorted runs */
            df->blocks[df->nblocks++] = b;
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
    PROF_TRY(merge_blocks(dst, src, m, df, sf, clean && same_blocks(df, sf)));
    PROF_TRY(merge_functions(dst, src, m, df, sf,
                             clean && same_functions(df, sf)));
    return merge_branches(dst, src, m, df, sf,
                          clean && same_branches(df, sf));
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
               malloc((src->nsuites + 1) * sizeof *m.suites)};
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

/* Exchange the data of A and B; the maps and files point back to their
 * profile, so those pointers follow. */
static void profile_swap(prof_profile *a, prof_profile *b)
{
    prof_profile t = *a;
    *a = *b;
    *b = t;
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

/* Swap the options back: they belong to the profile, not to its data. */
static void options_swap(prof_profile *a, prof_profile *b)
{
    prof_profile t = *a;
    a->forced = b->forced;
    a->overlap_keep = b->overlap_keep;
    a->strict = b->strict;
    a->mode_warned = b->mode_warned;
    a->warn = b->warn;
    a->warn_ctx = b->warn_ctx;
    a->max_input = b->max_input;
    a->maps = b->maps;
    a->maps_borrowed = b->maps_borrowed;
    b->forced = t.forced;
    b->overlap_keep = t.overlap_keep;
    b->strict = t.strict;
    b->mode_warned = t.mode_warned;
    b->warn = t.warn;
    b->warn_ctx = t.warn_ctx;
    b->max_input = t.max_input;
    b->maps = t.maps;
    b->maps_borrowed = t.maps_borrowed;
}

int prof_merge_move(prof_profile *dst, prof_profile *src, prof_error *err)
{
    if (dst == src || !profile_is_empty(dst))
        return prof_merge(dst, src, err);
    /* what prof_merge does into an empty profile, without the copy */
    PROF_TRY(prof_profile_normalize(src, err));
    profile_swap(dst, src);
    options_swap(dst, src);
    prof_profile_apply_mode(dst, dst->forced ? dst->forced : dst->mode);
    return 0;
}
