/* compare.c - a head profile against a base: line categories, changes. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * One walk over the union of the two profiles' paths (both sorted). For
 * a path, its head file's coverable lines each get a category from where
 * they come from (prof_diff_origin, or the same line without a diff
 * entry), then its base file's coverable lines that reach no coverable
 * head line get one (prof_diff_map_old, or the same line). Lines are
 * looked up by binary search in each file's sorted lines: the work is
 * O(L log L) for L lines. A file's lines are computed when first needed
 * and dropped after its path, unless the diff names the file (moved code
 * and renames look into other paths' files).
 */

static const struct {
    const char *name, *title;
} cmp_cats[PROF_CAT_COUNT] = {
    {"GNC", "new, covered"},
    {"UNC", "new, not covered"},
    {"GBC", "gained coverage"},
    {"LBC", "lost coverage"},
    {"CBC", "covered before and now"},
    {"UBC", "not covered before or now"},
    {"GIC", "newly coverable, covered"},
    {"UIC", "newly coverable, not covered"},
    {"DCB", "deleted, was covered"},
    {"DUB", "deleted, was not covered"},
    {"ECB", "no longer coverable, was covered"},
    {"EUB", "no longer coverable, was not covered"},
};

const char *prof_category_name(prof_category c)
{
    return c < PROF_CAT_COUNT ? cmp_cats[c].name : "";
}

const char *prof_category_title(prof_category c)
{
    return c < PROF_CAT_COUNT ? cmp_cats[c].title : "";
}

struct prof_compare {
    prof_compare_file *files;
    size_t n, cap;
    uint64_t count[PROF_CAT_COUNT];
    prof_totals base, head;
    size_t nboth; /* paths with lines in both profiles */
};

/* One profile's side of the comparison. */
typedef struct cmp_side {
    const prof_profile *p;
    size_t n;
    bool *out;          /* left out by the filter */
    prof_line **lines;  /* computed on demand */
    size_t *nlines;
    bool *have;         /* LINES[i] computed */
    size_t *diff;       /* its diff file + 1, or 0 */
    size_t *of_diff;    /* per diff file: its profile file + 1, or 0 */
} cmp_side;

typedef struct cmp_ctx {
    prof_compare *c;
    const prof_diff *d;
    cmp_side base, head;
    size_t *cap; /* rows of the current record's line lists */
} cmp_ctx;

static int side_init(cmp_side *sd, const prof_profile *p, size_t ndiff,
                     const prof_filter *filter)
{
    sd->p = p;
    sd->n = prof_profile_nfiles(p);
    size_t n = sd->n ? sd->n : 1;
    sd->out = calloc(n, sizeof *sd->out);
    sd->lines = calloc(n, sizeof *sd->lines);
    sd->nlines = calloc(n, sizeof *sd->nlines);
    sd->have = calloc(n, sizeof *sd->have);
    sd->diff = calloc(n, sizeof *sd->diff);
    sd->of_diff = calloc(ndiff ? ndiff : 1, sizeof *sd->of_diff);
    if (!sd->out || !sd->lines || !sd->nlines || !sd->have || !sd->diff ||
        !sd->of_diff)
        return PROF_ENOMEM;
    for (size_t i = 0; i < sd->n; i++)
        sd->out[i] = !prof_filter_match(filter,
                                        prof_file_path(prof_profile_file(p,
                                                                         i)));
    return 0;
}

static void side_free(cmp_side *sd)
{
    for (size_t i = 0; sd->lines && i < sd->n; i++)
        free(sd->lines[i]);
    free(sd->out);
    free(sd->lines);
    free(sd->nlines);
    free(sd->have);
    free(sd->diff);
    free(sd->of_diff);
}

/* The profile files of SD that the diff path PATH of diff file K names. */
static int side_match(cmp_side *sd, const prof_match_index *ix,
                      const prof_sources *s, const char *path, size_t k)
{
    prof_match m = {0};
    int rc = path ? prof_match_find(ix, s, path, &m) : 0;
    for (size_t i = 0; rc == 0 && i < m.n; i++) {
        /* the index of a file: its place in the sorted profile */
        size_t lo = 0, hi = sd->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(prof_file_path(prof_profile_file(sd->p, mid)),
                       m.v[i]->path) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < sd->n && !sd->diff[lo])
            sd->diff[lo] = k + 1;
        if (lo < sd->n && !sd->of_diff[k])
            sd->of_diff[k] = lo + 1;
    }
    free(m.v);
    return rc;
}

/* Which profile files each diff file names, on both sides. */
static int match_diff(cmp_ctx *x, const prof_sources *s)
{
    prof_match_index bi = {0}, hi = {0};
    int rc = prof_match_index_new(x->base.p, &bi);
    if (rc == 0)
        rc = prof_match_index_new(x->head.p, &hi);
    for (size_t k = 0; rc == 0 && k < prof_diff_nfiles(x->d); k++) {
        const prof_diff_file *df = prof_diff_file_at(x->d, k);
        rc = side_match(&x->base, &bi, s, df->old_path, k);
        if (rc == 0)
            rc = side_match(&x->head, &hi, s, df->new_path, k);
    }
    prof_match_index_free(&bi);
    prof_match_index_free(&hi);
    return rc;
}

/* ---- lines ---- */

static int side_lines(cmp_side *sd, size_t i)
{
    if (sd->have[i] || sd->out[i])
        return 0;
    PROF_TRY(prof_file_lines(prof_profile_file(sd->p, i), &sd->lines[i],
                             &sd->nlines[i]));
    sd->have[i] = true;
    return 0;
}

/* Drop file I's lines unless the diff names it. */
static void side_drop(cmp_side *sd, size_t i)
{
    if (sd->diff[i])
        return;
    free(sd->lines[i]);
    sd->lines[i] = NULL;
    sd->nlines[i] = 0;
    sd->have[i] = false;
}

/* 0 not coverable, 1 coverable and not covered, 2 covered: LINE of file
 * I + 1 of SD (0: no file). */
static int side_state(cmp_side *sd, size_t i1, uint32_t line, int *rc)
{
    if (!i1 || sd->out[i1 - 1] || !line)
        return 0;
    size_t i = i1 - 1;
    if ((*rc = side_lines(sd, i)) < 0)
        return 0;
    const prof_line *l = prof_line_find(sd->lines[i], sd->nlines[i], line);
    return !l ? 0 : l->hits > 0 ? 2 : 1;
}

static int record_line(cmp_ctx *x, prof_compare_file *cf, prof_category cat,
                       uint32_t line)
{
    cf->count[cat]++;
    x->c->count[cat]++;
    if (cat == PROF_CAT_CBC || cat == PROF_CAT_UBC)
        return 0;
    uint32_t *v = (uint32_t *)cf->lines[cat];
    PROF_TRY(prof_grow((void **)&v, &x->cap[cat], cf->nlines[cat],
                       sizeof *v));
    v[cf->nlines[cat]++] = line;
    cf->lines[cat] = v;
    return 0;
}

/* The category of a head line of state NOW (1 or 2) that is NEW, or
 * comes from a base line of state WAS. */
static prof_category head_category(bool is_new, int was, int now)
{
    static const prof_category from[3][2] = {
        {PROF_CAT_UIC, PROF_CAT_GIC},
        {PROF_CAT_UBC, PROF_CAT_GBC},
        {PROF_CAT_LBC, PROF_CAT_CBC},
    };
    if (is_new)
        return now == 2 ? PROF_CAT_GNC : PROF_CAT_UNC;
    return from[was][now - 1];
}

/* Head file Y's coverable lines; X1: the base file of the same path + 1. */
static int head_side(cmp_ctx *x, size_t y, size_t x1, prof_compare_file *cf)
{
    cmp_side *h = &x->head;
    int rc = side_lines(h, y);
    for (size_t k = 0; rc == 0 && k < h->nlines[y]; k++) {
        const prof_line *l = &h->lines[y][k];
        size_t from = 0, b1 = x1;
        uint32_t old = l->line;
        bool is_new = false;
        if (h->diff[y]) {
            prof_diff_line_kind kind = prof_diff_origin(x->d, h->diff[y] - 1,
                                                        l->line, &from, &old);
            is_new = kind == PROF_DIFF_LINE_NEW;
            b1 = x->base.of_diff[from];
        }
        int was = is_new ? 0 : side_state(&x->base, b1, old, &rc);
        if (rc == 0)
            rc = record_line(x, cf, head_category(is_new, was,
                                                  l->hits ? 2 : 1),
                             l->line);
    }
    return rc;
}

/* Base file B's coverable lines that reach no coverable head line; Y1:
 * the head file of the same path + 1. */
static int base_side(cmp_ctx *x, size_t b, size_t y1, prof_compare_file *cf)
{
    cmp_side *bs = &x->base;
    int rc = side_lines(bs, b);
    for (size_t k = 0; rc == 0 && k < bs->nlines[b]; k++) {
        const prof_line *l = &bs->lines[b][k];
        uint32_t to_line = l->line;
        size_t h1 = y1, to;
        bool gone = false;
        if (bs->diff[b]) {
            to_line = prof_diff_map_old(x->d, bs->diff[b] - 1, l->line, &to);
            gone = to_line == 0;
            h1 = x->head.of_diff[to];
        }
        if (!gone && side_state(&x->head, h1, to_line, &rc) > 0)
            continue;
        prof_category cat = gone ? PROF_CAT_DUB : PROF_CAT_EUB;
        if (rc == 0)
            rc = record_line(x, cf, l->hits ? cat - 1 : cat, l->line);
    }
    return rc;
}

/* ---- files ---- */

static bool touched(const prof_diff *d, size_t k1)
{
    if (!k1)
        return false;
    const prof_diff_file *f = prof_diff_file_at(d, k1 - 1);
    return f->nadded || f->ndeleted ||
           (f->flags & (PROF_DIFF_NEW | PROF_DIFF_DELETED |
                        PROF_DIFF_RENAMED | PROF_DIFF_COPIED));
}

static bool changed(const prof_compare_file *cf)
{
    if (cf->base.found != cf->head.found || cf->base.hit != cf->head.hit)
        return true;
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (k != PROF_CAT_CBC && k != PROF_CAT_UBC && cf->count[k])
            return true;
    return false;
}

static void file_free(prof_compare_file *cf)
{
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        free((void *)cf->lines[k]);
}

/* SD's file I (+ 1; 0 none): its totals into *T and *SUM, its lines in
 * *LINES. */
static int side_totals(cmp_side *sd, size_t i1, prof_totals *sum,
                       prof_count *lines)
{
    if (!i1 || sd->out[i1 - 1])
        return 0;
    prof_totals t;
    memset(&t, 0, sizeof t);
    PROF_TRY(prof_file_totals(prof_profile_file(sd->p, i1 - 1), &t));
    prof_totals_add(sum, &t);
    *lines = t.lines;
    return 0;
}

/* The path of base file B1 and head file Y1 (+ 1; one may be 0). */
static int one_path(cmp_ctx *x, size_t b1, size_t y1)
{
    if ((b1 && x->base.out[b1 - 1]) || (y1 && x->head.out[y1 - 1]))
        return 0; /* one path: both pass the filter or neither */
    size_t cap[PROF_CAT_COUNT] = {0};
    prof_compare_file cf;
    memset(&cf, 0, sizeof cf);
    cf.path = prof_file_path(y1 ? prof_profile_file(x->head.p, y1 - 1)
                                : prof_profile_file(x->base.p, b1 - 1));
    cf.status = !b1 ? PROF_COMPARE_ADDED
                    : !y1 ? PROF_COMPARE_REMOVED : PROF_COMPARE_KEPT;
    cf.direct = !x->d ? -1
                      : touched(x->d, b1 ? x->base.diff[b1 - 1] : 0) ||
                            touched(x->d, y1 ? x->head.diff[y1 - 1] : 0);
    x->cap = cap;
    int rc = side_totals(&x->base, b1, &x->c->base, &cf.base);
    if (rc == 0)
        rc = side_totals(&x->head, y1, &x->c->head, &cf.head);
    if (rc == 0 && y1)
        rc = head_side(x, y1 - 1, b1, &cf);
    if (rc == 0 && b1)
        rc = base_side(x, b1 - 1, y1, &cf);
    x->c->nboth += cf.base.found && cf.head.found;
    if (y1)
        side_drop(&x->head, y1 - 1);
    if (b1)
        side_drop(&x->base, b1 - 1);
    if (rc == 0 && changed(&cf)) {
        rc = prof_grow((void **)&x->c->files, &x->c->cap, x->c->n,
                       sizeof *x->c->files);
        if (rc == 0) {
            x->c->files[x->c->n++] = cf;
            return 0;
        }
    }
    file_free(&cf);
    return rc;
}

/* Every path of either profile, in order. */
static int walk(cmp_ctx *x)
{
    size_t i = 0, j = 0;
    int rc = 0;
    while (rc == 0 && (i < x->base.n || j < x->head.n)) {
        int c = i >= x->base.n ? 1
                : j >= x->head.n
                    ? -1
                    : strcmp(prof_file_path(prof_profile_file(x->base.p, i)),
                             prof_file_path(prof_profile_file(x->head.p, j)));
        rc = one_path(x, c <= 0 ? i + 1 : 0, c >= 0 ? j + 1 : 0);
        i += c <= 0;
        j += c >= 0;
    }
    return rc;
}

int prof_compare_compute(const prof_profile *base, const prof_profile *head,
                         const prof_diff *d, const prof_sources *s,
                         const prof_filter *filter, prof_compare **out,
                         prof_error *err)
{
    *out = NULL;
    size_t nd = d ? prof_diff_nfiles(d) : 0;
    cmp_ctx x = {.c = calloc(1, sizeof *x.c), .d = d};
    int rc = x.c ? side_init(&x.base, base, nd, filter) : PROF_ENOMEM;
    if (rc == 0)
        rc = side_init(&x.head, head, nd, filter);
    if (rc == 0 && d)
        rc = match_diff(&x, s);
    if (rc == 0)
        rc = walk(&x);
    side_free(&x.base);
    side_free(&x.head);
    if (rc < 0) {
        prof_compare_free(x.c);
        return prof_error_set(err, rc, "", 0, "%s", prof_strerror(rc));
    }
    *out = x.c;
    return 0;
}

void prof_compare_free(prof_compare *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        file_free(&c->files[i]);
    free(c->files);
    free(c);
}

size_t prof_compare_nfiles(const prof_compare *c) { return c->n; }

const prof_compare_file *prof_compare_file_at(const prof_compare *c,
                                              size_t i)
{
    return i < c->n ? &c->files[i] : NULL;
}

const uint64_t *prof_compare_counts(const prof_compare *c)
{
    return c->count;
}

const prof_totals *prof_compare_base_totals(const prof_compare *c)
{
    return &c->base;
}

const prof_totals *prof_compare_head_totals(const prof_compare *c)
{
    return &c->head;
}

size_t prof_compare_nboth(const prof_compare *c) { return c->nboth; }
