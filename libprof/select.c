/* select.c - one suite's view, and subtract / intersect of two profiles. */
#include "internal.h"

#include <string.h>

/*
 * Every operation here only lowers hits to 0 (and empties the record's
 * suite set); nothing is added or removed, so sort order, statement
 * counts and every path stay as they were.
 */

static int suite_of(const prof_profile *p, const char *name, prof_error *err)
{
    for (size_t i = 0; i < p->nsuites; i++)
        if (!strcmp(p->suites[i], name))
            return (int)i;
    return prof_error_set(err, PROF_EINVAL, "", 0,
                          "no suite named '%s' in the inputs", name);
}

/* A record SUITE hit keeps its hits with suite set ONLY; others get 0. */
static void keep_if(const prof_profile *p, uint64_t *hits, uint32_t *suites,
                    size_t suite, uint32_t only)
{
    if (prof_suites_has(p, *suites, suite)) {
        *suites = only;
        return;
    }
    if (*hits != PROF_NOT_EVALUATED)
        *hits = 0;
    *suites = 0;
}

int prof_profile_keep_suite(prof_profile *p, const char *name,
                            prof_error *err)
{
    int s = suite_of(p, name, err);
    if (s < 0)
        return s;
    uint32_t only;
    PROF_TRY(prof_suiteset_single(p, s, &only));
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        for (size_t j = 0; j < f->nblocks; j++)
            keep_if(p, &f->blocks[j].hits, &f->blocks[j].suites, (size_t)s,
                    only);
        for (size_t j = 0; j < f->nfuncs; j++)
            keep_if(p, &f->funcs[j].hits, &f->funcs[j].suites, (size_t)s,
                    only);
        for (size_t j = 0; j < f->nbranches; j++)
            keep_if(p, &f->branches[j].taken, &f->branches[j].suites,
                    (size_t)s, only);
    }
    return 0;
}

/* ---- subtract / intersect ------------------------------------------- */

/* Zero A's record when B's matching record is hit (SUBTRACT) or when B
 * has no hit match (intersect), as go tool covdata does per counter. */
static void apply(uint64_t *hits, uint32_t *suites, bool b_hit, bool subtract)
{
    if (b_hit == subtract) {
        if (*hits != PROF_NOT_EVALUATED)
            *hits = 0;
        *suites = 0;
    }
}

/* Are A and B (of two profiles), with one range, the same unit: the
 * same statements, and the same function when both name one? */
static bool same_unit(const prof_block *a, const prof_block *b)
{
    return a->stmts == b->stmts &&
           (!a->func || !b->func || !strcmp(a->func, b->func));
}

/* Both block arrays are sorted by (start, end): one merge-like walk. */
static void filter_blocks(prof_file *fa, const prof_file *fb, bool subtract)
{
    size_t j = 0, nb = fb ? fb->nblocks : 0;
    for (size_t i = 0; i < fa->nblocks; i++) {
        prof_block *a = &fa->blocks[i];
        while (j < nb && prof_block_cmp(&fb->blocks[j], a) < 0)
            j++;
        bool hit = false;
        for (size_t k = j; k < nb && !prof_block_cmp(&fb->blocks[k], a);
             k++)
            hit = hit || (fb->blocks[k].hits > 0 &&
                          same_unit(a, &fb->blocks[k]));
        apply(&a->hits, &a->suites, hit, subtract);
    }
}

static void filter_functions(prof_file *fa, const prof_file *fb,
                             bool subtract)
{
    size_t j = 0, nb = fb ? fb->nfuncs : 0;
    for (size_t i = 0; i < fa->nfuncs; i++) {
        prof_function *a = &fa->funcs[i];
        while (j < nb && fb->funcs[j].start_line < a->start_line)
            j++;
        bool hit = false;
        for (size_t k = j; k < nb && fb->funcs[k].start_line == a->start_line;
             k++)
            hit = hit || (fb->funcs[k].hits && !strcmp(fb->funcs[k].name,
                                                        a->name));
        apply(&a->hits, &a->suites, hit, subtract);
    }
}

static void filter_branches(prof_file *fa, const prof_file *fb,
                            bool subtract)
{
    size_t j = 0, nb = fb ? fb->nbranches : 0;
    for (size_t i = 0; i < fa->nbranches; i++) {
        prof_branch *a = &fa->branches[i];
        while (j < nb && prof_branch_cmp(&fb->branches[j], a) < 0)
            j++;
        const prof_branch *b = j < nb ? &fb->branches[j] : NULL;
        bool hit = b && !prof_branch_cmp(b, a) && b->taken &&
                   b->taken != PROF_NOT_EVALUATED;
        apply(&a->taken, &a->suites, hit, subtract);
    }
}

static int filter(prof_profile *a, const prof_profile *b, bool subtract)
{
    for (size_t i = 0; i < a->nfiles; i++) {
        prof_file *fa = a->files[i];
        prof_strmap_slot *s = prof_strmap_get(
            (prof_strmap *)&b->files_by_path, fa->path, fa->path_len, false);
        const prof_file *fb = s ? s->value : NULL;
        filter_blocks(fa, fb, subtract);
        filter_functions(fa, fb, subtract);
        filter_branches(fa, fb, subtract);
    }
    return 0;
}

int prof_profile_subtract(prof_profile *a, const prof_profile *b)
{
    return filter(a, b, true);
}

int prof_profile_intersect(prof_profile *a, const prof_profile *b)
{
    return filter(a, b, false);
}
