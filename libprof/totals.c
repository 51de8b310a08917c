/* totals.c - line, branch, function and statement counts; percentages. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

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
