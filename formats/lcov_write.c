/* lcov_write.c - LCOV tracefile writer (lcov 1.x or 2.x records). */
#include "lcov.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writer ---- */

/*
 * lcov 1.x records by default: per file (sorted by path) TN (empty), SF,
 * FN/FNDA, FNF/FNH, BRDA, BRF/BRH (when there are branches), DA, LF/LH,
 * end_of_record. With lcov_version 2, FNL/FNA replace FN/FNDA: the
 * functions starting on one line form one FNL group (lcov 2's rule).
 * Functions without a line are left out (lcov needs one). A name seen
 * twice in a file is written once with the summed count, as lcov 1.x
 * keys functions by name.
 *
 * A partial line (DESIGN.md "Blocks to lines") with no branch records of
 * its own is written as a two-way branch: BRDA:<line>,0,0,<hits> for the
 * part that ran and BRDA:<line>,0,1,0 for the part that did not. The
 * lines a writer is given carry in `partial` which of the two it writes
 * (PROF_LINE_RAN, PROF_LINE_MISSED).
 *
 * Suites: when no suite has a name of its own (every label is a file
 * stem), each file is one section with an empty TN. Otherwise each file
 * gets one section per suite that hit something in it, `TN:<suite>` in
 * suite order, holding the records that suite hit, after a `TN:` section
 * with the records nobody hit. Adding the sections up, as lcov -a and
 * lcov --summary do, gives the records of the file without suites:
 *  - a line is in the sections of the suites that ran it (and in the
 *    nobody section when some block on it did not run); the file's count
 *    M of a line that K sections ran is written as M-(K-1) in the first
 *    of them and 1 in the others (1 in each when M < K, as in set mode),
 *    so the sections add up to M;
 *  - a partial line's branch keeps its two ids in every section: the part
 *    that ran is BRDA:<line>,0,0 with the section's count in the sections
 *    that ran the line, the part that did not is BRDA:<line>,0,1,0 in the
 *    nobody section;
 *  - functions and branch records are split in the same way by the suites
 *    that hit them (the model keeps which suites hit a record, not each
 *    suite's count).
 * Reading the file back gives the same suites and line counts.
 */

static void lcov_put(prof_sink *out, const char *key, uint64_t v)
{
    prof_sink_puts(out, key);
    prof_sink_u64(out, v);
    prof_sink_putc(out, '\n');
}

static void lcov_write_fn1(prof_sink *out, const prof_function *fn,
                           size_t n, const prof_fnout *plan)
{
    uint64_t found = 0, hit = 0;
    for (size_t i = 0; i < n; i++) {
        if (!plan[i].keep)
            continue;
        prof_sink_puts(out, "FN:");
        prof_sink_u64(out, fn[i].start_line);
        prof_sink_putc(out, ',');
        prof_sink_puts(out, fn[i].name);
        prof_sink_putc(out, '\n');
    }
    for (size_t i = 0; i < n; i++) {
        if (!plan[i].keep)
            continue;
        prof_sink_puts(out, "FNDA:");
        prof_sink_u64(out, plan[i].hits);
        prof_sink_putc(out, ',');
        prof_sink_puts(out, fn[i].name);
        prof_sink_putc(out, '\n');
        found++;
        hit += plan[i].hits > 0;
    }
    lcov_put(out, "FNF:", found);
    lcov_put(out, "FNH:", hit);
}

/* lcov 2.2: one FNL per start line, one FNA per name in it. */
static void lcov_write_fn2(prof_sink *out, const prof_function *fn,
                           size_t n, const prof_fnout *plan)
{
    uint64_t found = 0, hit = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint32_t end = 0;
        uint64_t sum = 0;
        for (; j < n && fn[j].start_line == fn[i].start_line; j++) {
            end = fn[j].end_line > end ? fn[j].end_line : end;
            sum = prof_sat_add(sum, fn[j].hits);
        }
        if (fn[i].start_line) {
            prof_sink_printf(out, "FNL:%llu,%u", (unsigned long long)found,
                             fn[i].start_line);
            if (end >= fn[i].start_line)
                prof_sink_printf(out, ",%u", end);
            prof_sink_putc(out, '\n');
            for (size_t k = i; k < j; k++) {
                if (!plan[k].keep)
                    continue;
                prof_sink_printf(out, "FNA:%llu,", (unsigned long long)found);
                prof_sink_u64(out, plan[k].hits);
                prof_sink_putc(out, ',');
                prof_sink_puts(out, fn[k].name);
                prof_sink_putc(out, '\n');
            }
            found++;
            hit += sum > 0;
        }
        i = j;
    }
    lcov_put(out, "FNF:", found);
    lcov_put(out, "FNH:", hit);
}

static void lcov_brda_out(prof_sink *out, uint32_t line, uint32_t block,
                          uint32_t branch, uint64_t taken)
{
    prof_sink_puts(out, "BRDA:");
    prof_sink_u64(out, line);
    prof_sink_putc(out, ',');
    prof_sink_u64(out, block);
    prof_sink_putc(out, ',');
    prof_sink_u64(out, branch);
    prof_sink_putc(out, ',');
    if (taken == PROF_NOT_EVALUATED)
        prof_sink_putc(out, '-');
    else
        prof_sink_u64(out, taken);
    prof_sink_putc(out, '\n');
}

/* Branches merged by line with the parts of two-way branches the lines
 * carry (LINES[i].partial, see above). */
static int lcov_write_branches(prof_sink *out, const prof_file *f,
                               const prof_line *lines, size_t nl)
{
    prof_branch *br;
    size_t nb;
    uint64_t hit = 0;
    if (prof_file_line_branches(f, lines, nl, &br, &nb) < 0) {
        free(br);
        return PROF_ENOMEM;
    }
    for (size_t i = 0; i < nb; i++) {
        lcov_brda_out(out, br[i].line, br[i].block, br[i].branch,
                      br[i].taken);
        hit += br[i].taken != PROF_NOT_EVALUATED && br[i].taken > 0;
    }
    free(br);
    if (nb) {
        lcov_put(out, "BRF:", nb);
        lcov_put(out, "BRH:", hit);
    }
    return 0;
}

/* F's lines with the parts of two-way branches written for them: both for
 * a partial line without branch records of its own, none for the others. */
static int lcov_lines(const prof_file *f, prof_line **lines, size_t *nl)
{
    PROF_TRY(prof_file_lines(f, lines, nl));
    size_t nb, bi = 0;
    const prof_branch *br = prof_file_branches(f, &nb);
    for (size_t i = 0; i < *nl; i++) {
        prof_line *l = &(*lines)[i];
        while (bi < nb && br[bi].line < l->line)
            bi++;
        bool own = bi < nb && br[bi].line == l->line;
        l->partial = l->partial && !own ? PROF_LINE_RAN | PROF_LINE_MISSED : 0;
    }
    return 0;
}

static bool lcov_has_nl(const char *s)
{
    return strpbrk(s, "\n\r") != NULL;
}

static int lcov_check_names(const prof_file *f, prof_error *err)
{
    size_t n;
    const prof_function *fn = prof_file_functions(f, &n);
    const char *path = prof_file_path(f);
    const char *bad = lcov_has_nl(path) ? path : NULL;
    for (size_t i = 0; !bad && i < n; i++)
        bad = lcov_has_nl(fn[i].name) ? fn[i].name : NULL;
    if (!bad)
        return 0;
    char q[128];
    return prof_error_set(err, PROF_EFORMAT, "", 0,
                          "%s cannot be written to an lcov tracefile: it "
                          "contains a line break",
                          prof_quote(q, sizeof q, bad, strlen(bad)));
}

/* One section: F's path, functions and branches, and the lines LINES. */
static int lcov_write_file(const prof_file *f, const prof_line *lines,
                           size_t nl, prof_sink *out, int version,
                           const char *tn, prof_error *err)
{
    PROF_TRY(lcov_check_names(f, err));
    size_t nf;
    const prof_function *fn = prof_file_functions(f, &nf);
    prof_fnout *plan = malloc((nf ? nf : 1) * sizeof *plan);
    if (!plan || prof_function_plan(fn, nf, version == 2, plan) < 0) {
        free(plan);
        return prof_error_oom(err, "");
    }
    prof_sink_puts(out, "TN:");
    prof_sink_puts(out, tn);
    prof_sink_puts(out, "\nSF:");
    prof_sink_write(out, prof_file_path(f), prof_file_path_len(f));
    prof_sink_putc(out, '\n');
    if (version == 2)
        lcov_write_fn2(out, fn, nf, plan);
    else
        lcov_write_fn1(out, fn, nf, plan);
    free(plan);
    if (lcov_write_branches(out, f, lines, nl) < 0)
        return prof_error_oom(err, "");
    uint64_t hit = 0;
    for (size_t i = 0; i < nl; i++) {
        prof_sink_puts(out, "DA:");
        prof_sink_u64(out, lines[i].line);
        prof_sink_putc(out, ',');
        prof_sink_u64(out, lines[i].hits);
        prof_sink_putc(out, '\n');
        hit += lines[i].hits > 0;
    }
    lcov_put(out, "LF:", nl);
    lcov_put(out, "LH:", hit);
    prof_sink_puts(out, "end_of_record\n");
    return 0;
}

/* F as one section with an empty TN. */
static int lcov_write_whole(const prof_file *f, prof_sink *out, int version,
                            prof_error *err)
{
    prof_line *lines;
    size_t nl;
    if (lcov_lines(f, &lines, &nl) < 0)
        return prof_error_oom(err, "");
    int rc = lcov_write_file(f, lines, nl, out, version, "", err);
    free(lines);
    return rc;
}

/* ---- one section per suite ---- */

/* Whether suite S's section holds a record with HITS hit by the suites of
 * set SET, and with which count in *OUT. S == SIZE_MAX is the section of
 * the records nobody hit, which keep their own value (0 or never run). */
static bool lcov_held(const prof_profile *p, uint32_t set, uint64_t hits,
                      size_t s, uint64_t *out)
{
    bool hit = hits && hits != PROF_NOT_EVALUATED && set;
    *out = hits;
    if (s == SIZE_MAX || !hit)
        return s == SIZE_MAX && !hit;
    if (!prof_suites_has(p, set, s))
        return false;
    size_t k = 0, first = SIZE_MAX, ns = prof_profile_nsuites(p);
    for (size_t i = 0; i < ns; i++)
        if (prof_suites_has(p, set, i)) {
            k++;
            first = first == SIZE_MAX ? i : first;
        }
    *out = s != first || hits < k ? 1 : hits - (k - 1);
    return true;
}

/* The records of F that section S holds, with their counts, in V. */
static int lcov_view(const prof_profile *p, const prof_file *f, size_t s,
                     prof_file **out)
{
    size_t nb, nf, nbr;
    const prof_block *bl = prof_file_blocks(f, &nb);
    const prof_function *fns = prof_file_functions(f, &nf);
    const prof_branch *brs = prof_file_branches(f, &nbr);
    prof_file *v = *out = prof_file_detached(p, prof_file_path(f));
    if (!v)
        return PROF_ENOMEM;
    for (size_t i = 0; i < nb; i++) {
        prof_block b = bl[i];
        if (lcov_held(p, b.suites, b.hits, s, &b.hits))
            PROF_TRY(prof_file_add_block(v, &b));
    }
    for (size_t i = 0; i < nf; i++) {
        prof_function fn = fns[i];
        if (lcov_held(p, fn.suites, fn.hits, s, &fn.hits))
            PROF_TRY(prof_file_add_function(v, &fn));
    }
    for (size_t i = 0; i < nbr; i++) {
        prof_branch br = brs[i];
        if (lcov_held(p, br.suites, br.taken, s, &br.taken))
            PROF_TRY(prof_file_add_branch(v, &br));
    }
    return 0;
}

/* A section: the records it holds and its lines. */
typedef struct lcov_section {
    prof_file *v;
    prof_line *lines;
    size_t nl;
} lcov_section;

/* For each of the file's lines ML[0..NL), how many sections ran it and
 * the first of them (RUNS, FIRST). Each section's lines are among ML. */
static void lcov_tally(const lcov_section *sec, size_t nsec,
                       const prof_line *ml, size_t nl, uint32_t *first,
                       uint32_t *runs)
{
    for (size_t j = 0; j < nl; j++)
        first[j] = UINT32_MAX, runs[j] = 0;
    for (size_t k = 0; k < nsec; k++)
        for (size_t i = 0, j = 0; i < sec[k].nl; i++) {
            while (ml[j].line < sec[k].lines[i].line)
                j++;
            if (sec[k].lines[i].hits && !runs[j]++)
                first[j] = (uint32_t)k;
        }
}

/* Section K's lines as written: the file's count of a line split over the
 * sections that ran it, and the parts of partial lines' branches held. */
static void lcov_section_lines(lcov_section *sc, uint32_t k,
                               const prof_line *ml, const uint32_t *first,
                               const uint32_t *runs)
{
    for (size_t i = 0, j = 0; i < sc->nl; i++) {
        prof_line *l = &sc->lines[i];
        while (ml[j].line < l->line)
            j++;
        bool missed = !l->hits || l->partial;
        if (l->hits)
            l->hits = k != first[j] || ml[j].hits < runs[j]
                          ? 1
                          : ml[j].hits - (runs[j] - 1);
        l->partial = !ml[j].partial ? 0
                     : (l->hits ? PROF_LINE_RAN : 0) | (missed ? PROF_LINE_MISSED : 0);
    }
}

static int lcov_write_sections(const prof_profile *p, const prof_file *f,
                               lcov_section *sec, const prof_line *ml,
                               size_t nl, uint32_t *tally, prof_sink *out,
                               int version, prof_error *err)
{
    size_t nsec = prof_profile_nsuites(p) + 1, nb, nf, nbr;
    lcov_tally(sec, nsec, ml, nl, tally, tally + nl);
    bool wrote = false;
    for (size_t k = 0; k < nsec; k++) {
        lcov_section *sc = &sec[k];
        prof_file_blocks(sc->v, &nb);
        prof_file_functions(sc->v, &nf);
        prof_file_branches(sc->v, &nbr);
        if (!nb && !nf && !nbr)
            continue;
        lcov_section_lines(sc, (uint32_t)k, ml, tally, tally + nl);
        PROF_TRY(lcov_write_file(sc->v, sc->lines, sc->nl, out, version,
                                 k ? prof_profile_suite(p, k - 1) : "", err));
        wrote = true;
    }
    /* a file without records still gets its (empty) section */
    return wrote ? 0 : lcov_write_file(f, ml, nl, out, version, "", err);
}

/* F as the nobody section (k 0) and one section per suite (k 1..). */
static int lcov_write_suites(const prof_profile *p, const prof_file *f,
                             prof_sink *out, int version, prof_error *err)
{
    size_t nsec = prof_profile_nsuites(p) + 1, nl = 0;
    lcov_section *sec = calloc(nsec, sizeof *sec);
    prof_line *ml = NULL;
    uint32_t *tally = NULL;
    int rc = sec ? lcov_lines(f, &ml, &nl) : PROF_ENOMEM;
    if (rc == 0 && !(tally = malloc(2 * (nl ? nl : 1) * sizeof *tally)))
        rc = PROF_ENOMEM;
    for (size_t k = 0; rc == 0 && k < nsec; k++) {
        rc = lcov_view(p, f, k ? k - 1 : SIZE_MAX, &sec[k].v);
        if (rc == 0)
            rc = prof_file_lines(sec[k].v, &sec[k].lines, &sec[k].nl);
    }
    if (rc == 0)
        rc = lcov_write_sections(p, f, sec, ml, nl, tally, out, version, err);
    else
        rc = prof_error_oom(err, "");
    for (size_t k = 0; sec && k < nsec; k++) {
        prof_file_detached_free(sec[k].v);
        free(sec[k].lines);
    }
    free(sec);
    free(ml);
    free(tally);
    return rc;
}

static bool lcov_named_suites(const prof_profile *p)
{
    for (size_t i = 0; i < prof_profile_nsuites(p); i++)
        if (prof_profile_suite_named(p, i))
            return true;
    return false;
}

int prof_lcov_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    int version = o && o->lcov_version == 2 ? 2 : 1;
    bool sections = lcov_named_suites(p);
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        const prof_file *f = prof_profile_file(p, i);
        PROF_TRY(sections ? lcov_write_suites(p, f, out, version, err)
                          : lcov_write_whole(f, out, version, err));
    }
    return 0;
}
