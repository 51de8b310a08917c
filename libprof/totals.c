/* totals.c - line, branch, function and statement counts; percentages. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Branch records are counted as lcov does ('-' is found, not hit); a
 * partial line without a branch record on it adds the two-way branch the
 * lcov writer exports for it, one way taken. LINES and the branches are
 * both sorted by line. */
static void branch_totals(const prof_file *f, const prof_line *lines,
                          size_t nl, prof_count *c)
{
    size_t nb, bi = 0;
    const prof_branch *br = prof_file_branches(f, &nb);
    for (size_t i = 0; i < nb; i++) {
        c->found++;
        c->hit += br[i].taken != PROF_NOT_EVALUATED && br[i].taken > 0;
    }
    for (size_t i = 0; i < nl; i++) {
        while (bi < nb && br[bi].line < lines[i].line)
            bi++;
        bool own = bi < nb && br[bi].line == lines[i].line;
        if (lines[i].partial && !own) {
            c->found += 2;
            c->hit += 1;
        }
    }
}

int prof_file_totals(const prof_file *f, prof_totals *t)
{
    prof_line *lines;
    size_t nl;
    PROF_TRY(prof_file_lines(f, &lines, &nl));
    for (size_t i = 0; i < nl; i++) {
        t->lines.found++;
        t->lines.hit += lines[i].hits > 0;
    }
    branch_totals(f, lines, nl, &t->branches);
    free(lines);
    for (size_t i = 0; i < f->nfuncs; i++) {
        t->functions.found++;
        t->functions.hit += f->funcs[i].hits > 0;
    }
    for (size_t i = 0; i < f->nblocks; i++) {
        t->stmts.found += f->blocks[i].stmts;
        t->stmts.hit += f->blocks[i].hits > 0 ? f->blocks[i].stmts : 0;
    }
    return 0;
}

int prof_profile_totals(const prof_profile *p, prof_totals *t)
{
    for (size_t i = 0; i < p->nfiles; i++)
        PROF_TRY(prof_file_totals(p->files[i], t));
    return 0;
}

void prof_totals_add(prof_totals *t, const prof_totals *f)
{
    t->lines.found += f->lines.found;
    t->lines.hit += f->lines.hit;
    t->branches.found += f->branches.found;
    t->branches.hit += f->branches.hit;
    t->functions.found += f->functions.found;
    t->functions.hit += f->functions.hit;
    t->stmts.found += f->stmts.found;
    t->stmts.hit += f->stmts.hit;
}

/* A record of P with suite set SET and *HITS that SUITE did not hit
 * counts as not hit (a never evaluated branch stays so). */
static void totals_mask(const prof_profile *p, size_t suite, uint32_t set,
                        uint64_t *hits)
{
    if (!prof_suites_has(p, set, suite) && *hits != PROF_NOT_EVALUATED)
        *hits = 0;
}

/* F's totals counting as hit only what SUITE hit: prof_file_totals of a
 * copy of F whose records SUITE did not hit have 0 hits, as
 * prof_profile_keep_suite leaves them. */
int prof_file_suite_totals(const prof_file *f, size_t suite, prof_totals *t)
{
    prof_file m = *f;
    m.blocks = malloc((f->nblocks ? f->nblocks : 1) * sizeof *m.blocks);
    m.funcs = malloc((f->nfuncs ? f->nfuncs : 1) * sizeof *m.funcs);
    m.branches = malloc((f->nbranches ? f->nbranches : 1) *
                        sizeof *m.branches);
    int rc = PROF_ENOMEM;
    if (m.blocks && m.funcs && m.branches) {
        /* an empty array may be NULL, which memcpy must not get */
        if (f->nblocks)
            memcpy(m.blocks, f->blocks, f->nblocks * sizeof *m.blocks);
        if (f->nfuncs)
            memcpy(m.funcs, f->funcs, f->nfuncs * sizeof *m.funcs);
        if (f->nbranches)
            memcpy(m.branches, f->branches,
                   f->nbranches * sizeof *m.branches);
        for (size_t k = 0; k < m.nblocks; k++)
            totals_mask(f->owner, suite, m.blocks[k].suites,
                        &m.blocks[k].hits);
        for (size_t k = 0; k < m.nfuncs; k++)
            totals_mask(f->owner, suite, m.funcs[k].suites, &m.funcs[k].hits);
        for (size_t k = 0; k < m.nbranches; k++)
            totals_mask(f->owner, suite, m.branches[k].suites,
                        &m.branches[k].taken);
        rc = prof_file_totals(&m, t);
    }
    free(m.blocks);
    free(m.funcs);
    free(m.branches);
    return rc;
}

int prof_profile_suite_totals(const prof_profile *p, size_t suite,
                              prof_totals *t)
{
    if (suite >= p->nsuites)
        return PROF_EINVAL;
    for (size_t i = 0; i < p->nfiles; i++)
        PROF_TRY(prof_file_suite_totals(p->files[i], suite, t));
    return 0;
}

char *prof_percent(char buf[PROF_PERCENT_SIZE], uint64_t covered,
                   uint64_t total)
{
    double v = 100.0 * (double)covered / (double)(total ? total : 1);
    char tmp[PROF_PERCENT_SIZE + 16];
    int n = snprintf(tmp, sizeof tmp, "%.1f", v);
    /* the digits around the decimal point, which another locale may spell
     * with another character or several bytes */
    size_t o = 0;
    for (size_t i = 0; tmp[i] >= '0' && tmp[i] <= '9' &&
                       o < PROF_PERCENT_SIZE - 3; i++)
        buf[o++] = tmp[i];
    buf[o++] = '.';
    buf[o++] = n > 0 && (size_t)n < sizeof tmp ? tmp[n - 1] : '0';
    buf[o] = '\0';
    return buf;
}

uint64_t prof_percent_tenths(uint64_t covered, uint64_t total)
{
    char b[PROF_PERCENT_SIZE];
    uint64_t t = 0;
    for (const char *s = prof_percent(b, covered, total); *s; s++)
        if (*s != '.')
            t = t > (UINT64_MAX - 9) / 10 ? UINT64_MAX
                                          : t * 10 + (uint64_t)(*s - '0');
    return t;
}
