/* patch.c - patch coverage: a diff's added lines against a profile. */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*
 * Matching a diff path (repository-relative) to profile paths (import
 * paths, absolute paths, relative paths), first rule that gives a match:
 *  1. same file on disk: the diff path as it is (relative to the current
 *     directory, the repository root) or else through prof_sources_find(),
 *     profile paths through prof_sources_find(), then realpath();
 *     every profile file that is that file matches (their lines are
 *     combined: a line is covered when any of them covers it);
 *  2. path suffix at a '/' boundary, either way: "go/token/x.go" matches
 *     "src/go/token/x.go" and "example.com/m/go/token/x.go"; the longest
 *     shared suffix wins, a tie between files is AMBIGUOUS (not counted).
 * Only profile files with the diff file's base name are considered.
 */

struct prof_patch {
    prof_patch_file *files;
    size_t n, cap;
    prof_count total;
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* realpath of the source of PATH, malloc'd, or NULL. */
static char *disk_path(const prof_sources *s, const char *path)
{
    char *found = prof_sources_find(s, path);
    if (!found)
        return NULL;
    char *real = realpath(found, NULL);
    free(found);
    return real;
}

/* Bytes shared as a '/'-bounded suffix by A and B (one must end with the
 * other), or 0. */
static size_t suffix_match(const char *a, const char *b)
{
    size_t an = strlen(a), bn = strlen(b);
    const char *lng = an >= bn ? a : b, *sht = an >= bn ? b : a;
    size_t ln = an >= bn ? an : bn, sn = an >= bn ? bn : an;
    if (!sn || memcmp(lng + ln - sn, sht, sn))
        return 0;
    return ln == sn || lng[ln - sn - 1] == '/' ? sn : 0;
}

static int cmp_base(const void *va, const void *vb)
{
    const prof_file *const *a = va, *const *b = vb;
    int c = strcmp(base_name((*a)->path), base_name((*b)->path));
    return c ? c : strcmp((*a)->path, (*b)->path);
}

int prof_match_index_new(const prof_profile *p, prof_match_index *ix)
{
    ix->n = prof_profile_nfiles(p);
    if (!(ix->v = malloc((ix->n ? ix->n : 1) * sizeof *ix->v)))
        return PROF_ENOMEM;
    for (size_t i = 0; i < ix->n; i++)
        ix->v[i] = prof_profile_file(p, i);
    qsort(ix->v, ix->n, sizeof *ix->v, cmp_base);
    return 0;
}

void prof_match_index_free(prof_match_index *ix)
{
    free(ix->v);
    ix->v = NULL;
}

/* The files of IX with base name BASE: IX->v[*lo .. return). */
static size_t same_base(const prof_match_index *ix, const char *base,
                        size_t *lo)
{
    size_t a = 0, b = ix->n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (strcmp(base_name(ix->v[mid]->path), base) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (b < ix->n && !strcmp(base_name(ix->v[b]->path), base))
        b++;
    return b > a ? b : a;
}

static int match_add(prof_match *m, const prof_file *f)
{
    PROF_TRY(prof_grow((void **)&m->v, &m->cap, m->n, sizeof *m->v));
    m->v[m->n++] = f;
    return 0;
}

static int match_disk(const prof_match_index *ix, const prof_sources *s,
                      const char *path, prof_match *m)
{
    char *want = realpath(path, NULL); /* relative to the repository */
    if (!want && !(want = disk_path(s, path)))
        return 0;
    size_t lo, hi = same_base(ix, base_name(path), &lo);
    int rc = 0;
    for (size_t i = lo; rc == 0 && i < hi; i++) {
        char *got = disk_path(s, ix->v[i]->path);
        if (got && !strcmp(got, want))
            rc = match_add(m, ix->v[i]);
        free(got);
    }
    free(want);
    return rc;
}

static int match_suffix(const prof_match_index *ix, const char *path,
                        prof_match *m)
{
    const prof_file *best = NULL;
    size_t best_len = 0, ties = 0;
    size_t lo, hi = same_base(ix, base_name(path), &lo);
    for (size_t i = lo; i < hi; i++) {
        size_t k = suffix_match(ix->v[i]->path, path);
        if (k && k == best_len)
            ties++;
        if (k > best_len) {
            best = ix->v[i];
            best_len = k;
            ties = 0;
        }
    }
    if (!best)
        return 0;
    if (ties) {
        m->status = PROF_PATCH_AMBIGUOUS;
        return 0;
    }
    return match_add(m, best);
}

int prof_match_find(const prof_match_index *ix, const prof_sources *s,
                    const char *path, prof_match *m)
{
    m->status = PROF_PATCH_MISSING;
    PROF_TRY(match_disk(ix, s, path, m));
    if (!m->n)
        PROF_TRY(match_suffix(ix, path, m));
    if (m->n)
        m->status = PROF_PATCH_MATCHED;
    return 0;
}

const prof_line *prof_line_find(const prof_line *lines, size_t n,
                                uint32_t line)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lines[mid].line == line)
            return &lines[mid];
        if (lines[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

typedef struct file_lines {
    prof_line *v;
    size_t n;
} file_lines;

/* 0 not coverable, 1 coverable and not hit, 2 hit, in any of FL[0..N). */
static int line_state(const file_lines *fl, size_t n, uint32_t line)
{
    int st = 0;
    for (size_t i = 0; i < n && st < 2; i++) {
        const prof_line *l = prof_line_find(fl[i].v, fl[i].n, line);
        if (l)
            st = l->hits > 0 ? 2 : 1;
    }
    return st;
}

static int push_uncovered(prof_patch_file *pf, size_t *cap, uint32_t line)
{
    uint32_t *v = (uint32_t *)pf->uncovered;
    PROF_TRY(prof_grow((void **)&v, cap, pf->nuncovered, sizeof *v));
    v[pf->nuncovered++] = line;
    pf->uncovered = v;
    return 0;
}

/* Count DF's added lines against the matched files M. */
static int count_lines(const prof_diff_file *df, const prof_match *m,
                       bool missing_uncovered, prof_patch_file *pf)
{
    file_lines *fl = calloc(m->n ? m->n : 1, sizeof *fl);
    int rc = fl ? 0 : PROF_ENOMEM;
    for (size_t i = 0; rc == 0 && i < m->n; i++)
        rc = prof_file_lines(m->v[i], &fl[i].v, &fl[i].n);
    size_t cap = 0;
    for (size_t i = 0; rc == 0 && i < df->nadded; i++) {
        int st = m->n ? line_state(fl, m->n, df->added[i])
                      : missing_uncovered ? 1 : 0;
        pf->coverable += st > 0;
        pf->covered += st == 2;
        if (st == 1)
            rc = push_uncovered(pf, &cap, df->added[i]);
    }
    for (size_t i = 0; fl && i < m->n; i++)
        free(fl[i].v);
    free(fl);
    return rc;
}

static int patch_file(prof_patch *pt, const prof_match_index *ix,
                      const prof_diff_file *df, const prof_sources *s,
                      const prof_filter *filter, unsigned flags)
{
    prof_match m = {0};
    int rc = prof_match_find(ix, s, df->new_path, &m);
    const char *fpath = m.n ? m.v[0]->path : df->new_path;
    if (rc < 0 || !prof_filter_match(filter, fpath)) {
        free(m.v);
        return rc;
    }
    if (prof_grow((void **)&pt->files, &pt->cap, pt->n, sizeof *pt->files) <
        0) {
        free(m.v);
        return PROF_ENOMEM;
    }
    prof_patch_file *pf = &pt->files[pt->n++];
    *pf = (prof_patch_file){df->new_path, m.n ? m.v[0]->path : NULL,
                            m.status, df->nadded, 0, 0, NULL, 0};
    rc = count_lines(df, &m,
                     (flags & PROF_PATCH_MISSING_UNCOVERED) &&
                         m.status == PROF_PATCH_MISSING,
                     pf);
    free(m.v);
    pt->total.found += pf->coverable;
    pt->total.hit += pf->covered;
    return rc;
}

int prof_patch_compute(const prof_profile *p, const prof_diff *d,
                       const prof_sources *s, const prof_filter *filter,
                       unsigned flags, prof_patch **out, prof_error *err)
{
    *out = NULL;
    prof_patch *pt = calloc(1, sizeof *pt);
    prof_match_index ix = {0};
    int rc = pt ? prof_match_index_new(p, &ix) : PROF_ENOMEM;
    for (size_t i = 0; rc == 0 && i < prof_diff_nfiles(d); i++) {
        const prof_diff_file *df = prof_diff_file_at(d, i);
        if (df->new_path && df->nadded && !(df->flags & PROF_DIFF_BINARY))
            rc = patch_file(pt, &ix, df, s, filter, flags);
    }
    prof_match_index_free(&ix);
    if (rc < 0) {
        prof_patch_free(pt);
        return prof_error_set(err, rc, "", 0, "out of memory");
    }
    *out = pt;
    return 0;
}

void prof_patch_free(prof_patch *pt)
{
    if (!pt)
        return;
    for (size_t i = 0; i < pt->n; i++)
        free((void *)pt->files[i].uncovered);
    free(pt->files);
    free(pt);
}

size_t prof_patch_nfiles(const prof_patch *pt) { return pt->n; }

const prof_patch_file *prof_patch_file_at(const prof_patch *pt, size_t i)
{
    return i < pt->n ? &pt->files[i] : NULL;
}

prof_count prof_patch_total(const prof_patch *pt) { return pt->total; }
