/* totals.c - line, branch, function and statement counts of a file. */
#include "internal.h"

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
