/* diff.c - unified diff reader (git diff, diff -u): hunks, lines, moves. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * Line by line. Outside a hunk: "diff --git A B" starts a file whose
 * extended header (rename/copy from/to, new/deleted file mode, similarity
 * index, index, old/new mode, "Binary files ... differ", "GIT binary
 * patch") follows; "--- OLD" then "+++ NEW" starts a file (or names the
 * current git one); "@@ -A[,B] +C[,D] @@" opens a hunk of B old and D new
 * lines (an omitted count is 1). Any other line outside a hunk (commit
 * messages, "Only in ...", diff command lines) is ignored, as patch(1)
 * does. Inside a hunk: ' ' (or an empty line, whose space an editor
 * stripped) counts old and new, '-' old, '+' new and records the new line
 * number, '\' ("No newline at end of file") nothing; anything else before
 * both counts are used up is an error, as is the end of the input.
 * Paths: C-style quoted names are decoded; unquoted names end at a tab
 * (diff -u timestamps, git's tab after names with spaces); "a/" is removed
 * from old names and "b/" from new ones; /dev/null marks a new or a
 * deleted file. A trailing CR is ignored on every line (CRLF diffs).
 * Every hunk, context, '-' and '+' line is kept (contents point into a
 * copy of the input) for the line mapping and the moved-code rule at the
 * end of this file.
 */

enum { DL_CONTEXT, DL_CHANGED, DL_MOVED }; /* dline.kind */

/* A line inside a hunk, on the old side (context or '-') or the new side
 * (context or '+'). */
typedef struct dline {
    uint32_t line;  /* its number on its own side */
    uint32_t other; /* context: the other side's line; moved: the line it
                     * moved from ('+') or to ('-'); else 0 */
    uint32_t file;  /* moved: the diff file of OTHER */
    uint32_t len;   /* content (after the marker): text[off..off+len) */
    size_t off;
    unsigned char kind; /* DL_* */
} dline;

typedef struct dhunk {
    uint32_t os, ol, ns, nl; /* "@@ -os,ol +ns,nl @@" */
    int64_t shift;           /* sum of nl - ol up to this hunk, included */
} dhunk;

typedef struct dfile {
    char *old_path, *new_path; /* malloc'd; NULL until known */
    unsigned flags;
    uint32_t *added;
    size_t nadded, cap;
    bool minus_seen; /* "--- "/"+++ " lines read: hunks may follow */
    dhunk *hunks;
    size_t nhunks, hcap;
    dline *olds, *news; /* sorted by line */
    size_t nolds, ocap, nnews, ncap;
    uint32_t *deleted; /* the '-' lines' numbers */
    size_t ndeleted;
} dfile;

struct prof_diff {
    dfile *files;
    size_t n, cap;
    prof_diff_file *view; /* public records, built at the end */
    char *text;           /* a copy of the input: line contents */
};

typedef struct dparser {
    prof_diff *d;
    const char *name;
    const char *p, *end; /* the rest of the input */
    const char *line;    /* the current line without its end */
    size_t len;
    unsigned long lineno;
    dfile *cur;       /* the file being read, or NULL */
    bool in_header;   /* in the extended header of a git diff */
    bool skip_binary; /* inside a "GIT binary patch" */
    unsigned long old_left, new_left; /* lines left in the current hunk */
    uint32_t old_line, new_line;      /* next old and new line numbers */
    const char *start;                /* the input's first byte */
    prof_error *err;
} dparser;

/* "expected WHAT, got <the current line>". */
static int fail(dparser *ps, const char *what)
{
    char q[128];
    prof_quote(q, sizeof q, ps->line, ps->len);
    return prof_error_set(ps->err, PROF_EFORMAT, ps->name, ps->lineno,
                          "expected %s, got %s", what, q);
}

static bool next_line(dparser *ps)
{
    if (ps->p >= ps->end)
        return false;
    const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
    const char *e = nl ? nl : ps->end;
    ps->line = ps->p;
    ps->len = (size_t)(e - ps->p);
    if (ps->len && ps->line[ps->len - 1] == '\r')
        ps->len--;
    ps->p = nl ? nl + 1 : ps->end;
    ps->lineno++;
    return true;
}

static bool starts(const dparser *ps, const char *prefix)
{
    size_t n = strlen(prefix);
    return ps->len >= n && !memcmp(ps->line, prefix, n);
}

/* ---- paths ---- */

static int octal_escape(const char *s, size_t n, size_t *i, char *out)
{
    unsigned v = 0;
    size_t k = 0;
    for (; k < 3 && *i + k < n && s[*i + k] >= '0' && s[*i + k] <= '7'; k++)
        v = v * 8 + (unsigned)(s[*i + k] - '0');
    if (k != 3 || v > 255)
        return -1;
    *out = (char)v;
    *i += 3;
    return 0;
}

/* Decode the C-style quoted name at S[0..N) (S[0] is '"') into OUT (N
 * bytes); *USED gets the bytes read, quotes included. */
static int unquote(const char *s, size_t n, char *out, size_t *used)
{
    static const char esc[] = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"";
    size_t o = 0;
    for (size_t i = 1; i < n;) {
        char c = s[i++];
        if (c == '"') {
            out[o] = '\0';
            *used = i;
            return 0;
        }
        if (c != '\\') {
            out[o++] = c;
            continue;
        }
        if (i >= n)
            return -1;
        const char *e = strchr(esc, s[i]);
        if (s[i] && e && (e - esc) % 2 == 0) {
            out[o++] = e[1];
            i++;
        } else if (octal_escape(s, n, &i, &out[o++]) < 0) {
            return -1;
        }
    }
    return -1;
}

/* A name from S[0..N): quoted, or up to a tab. *END gets the bytes used.
 * Returns a malloc'd string, or NULL (*BAD set when the quoting is bad). */
static char *read_name(const char *s, size_t n, size_t *end, bool *bad)
{
    char *out = malloc(n + 1);
    *bad = false;
    if (!out)
        return NULL;
    if (n && s[0] == '"') {
        if (unquote(s, n, out, end) < 0) {
            free(out);
            *bad = true;
            return NULL;
        }
        return out;
    }
    const char *tab = memchr(s, '\t', n);
    size_t k = tab ? (size_t)(tab - s) : n;
    memcpy(out, s, k);
    out[k] = '\0';
    *end = k;
    return out;
}

/* Drop PREFIX ("a/" or "b/") from the front of NAME in place. */
static void strip_prefix(char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    if (!strncmp(name, prefix, n))
        memmove(name, name + n, strlen(name + n) + 1);
}

static int oom(dparser *ps)
{
    return prof_error_oom(ps->err, ps->name);
}

/* Set *SLOT to the name at S[0..N) (the rest of a header line). */
static int set_name(dparser *ps, char **slot, const char *s, size_t n,
                    const char *prefix, const char *what)
{
    size_t used;
    bool bad;
    char *name = read_name(s, n, &used, &bad);
    if (!name)
        return bad ? fail(ps, "a name quoted with valid C escapes")
                   : oom(ps);
    if (!*name) {
        free(name);
        return fail(ps, what);
    }
    if (prefix)
        strip_prefix(name, prefix);
    free(*slot);
    *slot = name;
    return 0;
}

/* ---- files ---- */

static int file_start(dparser *ps)
{
    if (prof_grow((void **)&ps->d->files, &ps->d->cap, ps->d->n,
                  sizeof *ps->d->files) < 0)
        return oom(ps);
    ps->cur = &ps->d->files[ps->d->n++];
    memset(ps->cur, 0, sizeof *ps->cur);
    ps->in_header = false;
    ps->skip_binary = false;
    return 0;
}

/* The names of "diff --git A B" when they can be told apart: quoted
 * names, or unquoted ones equal after their first directory (git's own
 * rule); otherwise the rename lines or ---/+++ lines must name them. */
static int git_names(dparser *ps, const char *s, size_t n)
{
    dfile *f = ps->cur;
    if (n && s[0] == '"') {
        size_t used;
        bool bad;
        char *a = read_name(s, n, &used, &bad);
        if (!a)
            return bad ? fail(ps, "'diff --git' with a valid quoted name")
                       : oom(ps);
        f->old_path = a;
        strip_prefix(a, "a/");
        if (used < n && s[used] == ' ')
            return set_name(ps, &f->new_path, s + used + 1, n - used - 1,
                            "b/", "the new name after 'diff --git OLD'");
        return 0;
    }
    const char *q = memmem(s, n, " \"", 2);
    if (q) {
        PROF_TRY(set_name(ps, &f->new_path, q + 1, n - (size_t)(q + 1 - s),
                          "b/", "a quoted new name"));
        return set_name(ps, &f->old_path, s, (size_t)(q - s), "a/",
                        "an old name");
    }
    if (n % 2 == 0 || s[n / 2] != ' ')
        return 0; /* "A B" with A and B of one length has an odd length */
    size_t half = n / 2;
    const char *a = s, *b = s + half + 1;
    const char *as = memchr(a, '/', half), *bs = memchr(b, '/', half);
    size_t ar = as ? half - (size_t)(as - a) : 0;
    bool same_rest = as && bs && ar == half - (size_t)(bs - b) &&
                     !memcmp(as, bs, ar);
    if (!same_rest && memcmp(a, b, half))
        return 0;
    PROF_TRY(set_name(ps, &f->old_path, a, half, "a/", "an old name"));
    return set_name(ps, &f->new_path, b, half, "b/", "a new name");
}

static bool is_dev_null(const char *s) { return s && !strcmp(s, "/dev/null"); }

/* The rest of the current line after PREFIX. */
static const char *rest(const dparser *ps, const char *prefix, size_t *n)
{
    size_t k = strlen(prefix);
    *n = ps->len - k;
    return ps->line + k;
}

/* One line of a git extended header; false when it is not one. */
static int git_header_line(dparser *ps, bool *known)
{
    static const char *const ignored[] = {
        "index ", "old mode ", "new mode ", "similarity index ",
        "dissimilarity index ",
    };
    dfile *f = ps->cur;
    size_t n;
    const char *s;
    *known = true;
    if (starts(ps, "rename from ") || starts(ps, "copy from ")) {
        f->flags |= starts(ps, "rename") ? PROF_DIFF_RENAMED : PROF_DIFF_COPIED;
        s = rest(ps, starts(ps, "rename") ? "rename from " : "copy from ", &n);
        return set_name(ps, &f->old_path, s, n, NULL, "a file name");
    }
    if (starts(ps, "rename to ") || starts(ps, "copy to ")) {
        s = rest(ps, starts(ps, "rename") ? "rename to " : "copy to ", &n);
        return set_name(ps, &f->new_path, s, n, NULL, "a file name");
    }
    if (starts(ps, "new file mode ")) {
        f->flags |= PROF_DIFF_NEW;
        return 0;
    }
    if (starts(ps, "deleted file mode ")) {
        f->flags |= PROF_DIFF_DELETED;
        return 0;
    }
    if (starts(ps, "Binary files ") || starts(ps, "GIT binary patch")) {
        f->flags |= PROF_DIFF_BINARY;
        ps->skip_binary = starts(ps, "GIT binary patch");
        return 0;
    }
    for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
        if (starts(ps, ignored[i]))
            return 0;
    *known = false;
    return 0;
}

/* "--- OLD" (the current line) and "+++ NEW" (the next one). */
static int file_names(dparser *ps)
{
    if (!ps->cur || !ps->in_header || ps->cur->minus_seen)
        PROF_TRY(file_start(ps));
    dfile *f = ps->cur;
    size_t n;
    const char *s = rest(ps, "--- ", &n);
    PROF_TRY(set_name(ps, &f->old_path, s, n, "a/", "a name after '--- '"));
    if (!next_line(ps) || !starts(ps, "+++ "))
        return fail(ps, "'+++ NEW' after '--- OLD'");
    s = rest(ps, "+++ ", &n);
    PROF_TRY(set_name(ps, &f->new_path, s, n, "b/", "a name after '+++ '"));
    f->minus_seen = true;
    ps->in_header = false;
    return 0;
}

/* ---- hunks ---- */

/* "N" or "N,M" at *S; M is 1 when omitted. */
static bool range(const char **s, const char *end, unsigned long *start,
                  unsigned long *count)
{
    char *e;
    if (*s >= end || **s < '0' || **s > '9')
        return false;
    *start = strtoul(*s, &e, 10);
    *count = 1;
    if (e < end && *e == ',') {
        const char *c = e + 1;
        if (c >= end || *c < '0' || *c > '9')
            return false;
        *count = strtoul(c, &e, 10);
    }
    *s = e;
    return *start < UINT32_MAX && *count < UINT32_MAX;
}

static int hunk_start(dparser *ps)
{
    static const char shape[] = "'@@ -OLD[,COUNT] +NEW[,COUNT] @@'";
    if (starts(ps, "@@@"))
        return fail(ps, "a two-way unified diff (combined diffs of merges are "
                    "not supported)");
    if (!ps->cur || !ps->cur->minus_seen)
        return fail(ps, "'--- OLD' and '+++ NEW' lines before the hunk");
    const char *s = ps->line + 3, *end = ps->line + ps->len;
    unsigned long a, b, c, d;
    if (ps->len < 4 || s[-1] != ' ' || *s++ != '-' || !range(&s, end, &a, &b) ||
        s + 1 >= end || *s++ != ' ' || *s++ != '+' ||
        !range(&s, end, &c, &d) || end - s < 3 || memcmp(s, " @@", 3))
        return fail(ps, shape);
    if (d && !c)
        return fail(ps, "a new start line of 1 or more");
    ps->old_left = b;
    ps->new_left = d;
    ps->old_line = (uint32_t)a;
    ps->new_line = (uint32_t)c;
    dfile *f = ps->cur;
    if (prof_grow((void **)&f->hunks, &f->hcap, f->nhunks, sizeof *f->hunks) <
        0)
        return oom(ps);
    f->hunks[f->nhunks++] = (dhunk){(uint32_t)a, (uint32_t)b, (uint32_t)c,
                                    (uint32_t)d, 0};
    return 0;
}

/* Append a line of the current hunk to *V (old or new side). */
static int push_dline(dparser *ps, dline **v, size_t *cap, size_t *n,
                      uint32_t line, uint32_t other, unsigned char kind)
{
    if (prof_grow((void **)v, cap, *n, sizeof **v) < 0)
        return oom(ps);
    size_t len = ps->len ? ps->len - 1 : 0;
    (*v)[(*n)++] = (dline){line, other, 0,
                           len > UINT32_MAX ? UINT32_MAX : (uint32_t)len,
                           ps->len ? (size_t)(ps->line + 1 - ps->start) : 0,
                           kind};
    return 0;
}

static int add_line(dparser *ps, uint32_t line)
{
    dfile *f = ps->cur;
    if (prof_grow((void **)&f->added, &f->cap, f->nadded, sizeof *f->added) <
        0)
        return oom(ps);
    f->added[f->nadded++] = line;
    return 0;
}

static int hunk_line(dparser *ps)
{
    char c = ps->len ? ps->line[0] : ' ';
    if (c == '\\')
        return 0;
    if ((c == ' ' || c == '-') && ps->old_left == 0)
        return fail(ps, "only '+' lines: the hunk's old lines are used up");
    if ((c == ' ' || c == '+') && ps->new_left == 0)
        return fail(ps, "only '-' lines: the hunk's new lines are used up");
    dfile *f = ps->cur;
    switch (c) {
    case ' ':
        ps->old_left--;
        ps->new_left--;
        PROF_TRY(push_dline(ps, &f->olds, &f->ocap, &f->nolds, ps->old_line,
                            ps->new_line, DL_CONTEXT));
        PROF_TRY(push_dline(ps, &f->news, &f->ncap, &f->nnews, ps->new_line++,
                            ps->old_line++, DL_CONTEXT));
        return 0;
    case '-':
        ps->old_left--;
        return push_dline(ps, &f->olds, &f->ocap, &f->nolds, ps->old_line++,
                          0, DL_CHANGED);
    case '+':
        ps->new_left--;
        PROF_TRY(add_line(ps, ps->new_line));
        return push_dline(ps, &f->news, &f->ncap, &f->nnews, ps->new_line++,
                          0, DL_CHANGED);
    default:
        return fail(ps, "a hunk line starting with ' ', '+', '-' or '\\'");
    }
}

/* ---- the whole diff ---- */

static int outside_line(dparser *ps)
{
    if (starts(ps, "diff --git ")) {
        PROF_TRY(file_start(ps));
        ps->in_header = true;
        size_t n;
        const char *s = rest(ps, "diff --git ", &n);
        return git_names(ps, s, n);
    }
    if (starts(ps, "diff --cc ") || starts(ps, "diff --combined "))
        return fail(ps, "a two-way diff (combined diffs of merges are not "
                    "supported)");
    if (ps->skip_binary)
        return 0;
    if (starts(ps, "--- ") && ps->p < ps->end && ps->end - ps->p >= 4 &&
        !memcmp(ps->p, "+++ ", 4))
        return file_names(ps);
    if (starts(ps, "@@"))
        return hunk_start(ps);
    if (ps->cur && ps->in_header) {
        bool known;
        PROF_TRY(git_header_line(ps, &known));
        if (!known)
            ps->in_header = false;
    }
    return 0;
}

static int cmp_u32(const void *va, const void *vb)
{
    uint32_t a = *(const uint32_t *)va, b = *(const uint32_t *)vb;
    return a < b ? -1 : a > b;
}

/* ---- lines of the hunks: order, the deleted lines, moved code ---- */

static int cmp_hunk(const void *va, const void *vb)
{
    const dhunk *a = va, *b = vb;
    return a->os < b->os ? -1 : a->os > b->os;
}

static int cmp_dline(const void *va, const void *vb)
{
    const dline *a = va, *b = vb;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Sort V[0..N) by line unless it already is (a diff's hunks normally
 * come in order). */
static void sort_dlines(dline *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (v[i].line < v[i - 1].line) {
            qsort(v, n, sizeof *v, cmp_dline);
            return;
        }
}

/* Hunks in old order with their running shift, lines sorted, and the
 * '-' lines' numbers. */
static int settle_lines(prof_diff *d)
{
    for (size_t i = 0; i < d->n; i++) {
        dfile *f = &d->files[i];
        if (f->nhunks > 1)
            qsort(f->hunks, f->nhunks, sizeof *f->hunks, cmp_hunk);
        int64_t shift = 0;
        for (size_t k = 0; k < f->nhunks; k++) {
            shift += (int64_t)f->hunks[k].nl - (int64_t)f->hunks[k].ol;
            f->hunks[k].shift = shift;
        }
        sort_dlines(f->olds, f->nolds);
        sort_dlines(f->news, f->nnews);
        f->deleted = malloc((f->nolds ? f->nolds : 1) * sizeof *f->deleted);
        if (!f->deleted)
            return PROF_ENOMEM;
        for (size_t k = 0; k < f->nolds; k++)
            if (f->olds[k].kind != DL_CONTEXT)
                f->deleted[f->ndeleted++] = f->olds[k].line;
    }
    return 0;
}

/* A line's content with leading and trailing white space trimmed. */
static const char *trimmed(const prof_diff *d, const dline *l, size_t *n)
{
    const char *s = d->text + l->off, *e = s + l->len;
    while (s < e && strchr(" \t\v\f\r", *s))
        s++;
    while (e > s && strchr(" \t\v\f\r", e[-1]))
        e--;
    *n = (size_t)(e - s);
    return s;
}

static bool same_text(const prof_diff *d, const dline *a, const dline *b)
{
    size_t an, bn;
    const char *as = trimmed(d, a, &an), *bs = trimmed(d, b, &bn);
    return an == bn && !memcmp(as, bs, an);
}

static size_t alnums(const prof_diff *d, const dline *l)
{
    size_t n, k = 0;
    const char *s = trimmed(d, l, &n);
    for (size_t i = 0; i < n; i++)
        k += (s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' &&
                                              (s[i] | 0x20) <= 'z');
    return k;
}

/* A '-' line by the hash of its trimmed content. */
typedef struct mref {
    uint64_t hash;
    uint32_t file, ix; /* d->files[file].olds[ix] */
} mref;

static int cmp_mref(const void *va, const void *vb)
{
    const mref *a = va, *b = vb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->ix < b->ix ? -1 : a->ix > b->ix;
}

static uint64_t line_hash(const prof_diff *d, const dline *l)
{
    size_t n;
    const char *s = trimmed(d, l, &n);
    return prof_hash(s, n);
}

/* Whether V[K] continues V[K-1]'s run of changed lines. */
static bool run_next(const dline *v, size_t n, size_t k)
{
    return k < n && v[k].kind != DL_CONTEXT &&
           v[k].line == v[k - 1].line + 1;
}

/* The run of '+' lines P[i..] that equals the '-' lines M[j..]: its
 * length, and its alphanumeric characters in *ALNUM. */
static size_t run_len(const prof_diff *d, const dfile *pf, size_t i,
                      const dfile *mf, size_t j, size_t *alnum)
{
    size_t k = 0;
    *alnum = 0;
    while (i + k < pf->nnews && j + k < mf->nolds &&
           pf->news[i + k].kind == DL_CHANGED &&
           mf->olds[j + k].kind != DL_CONTEXT &&
           (k == 0 || (run_next(pf->news, pf->nnews, i + k) &&
                       run_next(mf->olds, mf->nolds, j + k))) &&
           same_text(d, &pf->news[i + k], &mf->olds[j + k])) {
        *alnum += alnums(d, &pf->news[i + k]);
        k++;
    }
    return k;
}

/* '-' lines looked at for one '+' line: bounds the work on lines that
 * repeat everywhere ("}", blank lines). */
#define MOVE_CANDIDATES 256

/* The longest run of '-' lines (at least 3 lines and 20 alphanumeric
 * characters) equal to the '+' lines from P's line I: its length, the
 * first '-' line in *BEST (NULL: none). */
static size_t best_move(const prof_diff *d, const mref *refs, size_t nrefs,
                        const dfile *pf, size_t i, const mref **best)
{
    uint64_t h = line_hash(d, &pf->news[i]);
    size_t lo = 0, hi = nrefs, best_n = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    *best = NULL;
    for (size_t c = lo; c < nrefs && c < lo + MOVE_CANDIDATES &&
                        refs[c].hash == h; c++) {
        size_t alnum, k = run_len(d, pf, i, &d->files[refs[c].file],
                                  refs[c].ix, &alnum);
        if (k >= 3 && alnum >= 20 && k > best_n) {
            best_n = k;
            *best = &refs[c];
        }
    }
    return best_n;
}

/* Mark P's '+' lines [I, I+N) as moved from the '-' lines at M. */
static void mark_move(prof_diff *d, size_t pfile, size_t i, size_t n,
                      const mref *m)
{
    dfile *pf = &d->files[pfile], *mf = &d->files[m->file];
    for (size_t k = 0; k < n; k++) {
        dline *pl = &pf->news[i + k], *ml = &mf->olds[m->ix + k];
        *pl = (dline){pl->line, ml->line, m->file, pl->len, pl->off,
                      DL_MOVED};
        if (ml->kind == DL_CHANGED) /* moved twice: the first place */
            *ml = (dline){ml->line, pl->line, (uint32_t)pfile, ml->len,
                          ml->off, DL_MOVED};
    }
}

/* The moved-code rule: every '+' run equal (trimmed) to a '-' run
 * anywhere in the diff, of 3 lines and 20 alphanumeric characters or
 * more, maps to it; the longest match first, left to right. */
static int find_moves(prof_diff *d)
{
    size_t nrefs = 0;
    for (size_t i = 0; i < d->n; i++)
        nrefs += d->files[i].ndeleted;
    if (!nrefs || d->n > UINT32_MAX)
        return 0;
    mref *refs = malloc(nrefs * sizeof *refs);
    if (!refs)
        return PROF_ENOMEM;
    nrefs = 0;
    for (size_t i = 0; i < d->n; i++)
        for (size_t k = 0; k < d->files[i].nolds; k++)
            if (d->files[i].olds[k].kind != DL_CONTEXT && k <= UINT32_MAX)
                refs[nrefs++] = (mref){line_hash(d, &d->files[i].olds[k]),
                                       (uint32_t)i, (uint32_t)k};
    qsort(refs, nrefs, sizeof *refs, cmp_mref);
    for (size_t f = 0; f < d->n; f++)
        for (size_t i = 0; i < d->files[f].nnews;) {
            const mref *m;
            size_t n = d->files[f].news[i].kind == DL_CHANGED
                           ? best_move(d, refs, nrefs, &d->files[f], i, &m)
                           : 0;
            if (n)
                mark_move(d, f, i, n, m);
            i += n ? n : 1;
        }
    free(refs);
    return 0;
}

/* Settle names and flags, sort the added lines. */
static int finish(prof_diff *d, const char *name, prof_error *err)
{
    for (size_t i = 0; i < d->n; i++) {
        dfile *f = &d->files[i];
        if (!f->old_path && !f->new_path)
            return prof_error_set(err, PROF_EFORMAT, name, 0,
                                  "file %zu of the diff has no name: "
                                  "expected 'diff --git a/NAME b/NAME', "
                                  "rename lines or '---'/'+++' lines",
                                  i + 1);
        if (is_dev_null(f->old_path) || (f->flags & PROF_DIFF_NEW)) {
            f->flags |= PROF_DIFF_NEW;
            free(f->old_path);
            f->old_path = NULL;
        }
        if (is_dev_null(f->new_path) || (f->flags & PROF_DIFF_DELETED)) {
            f->flags |= PROF_DIFF_DELETED;
            free(f->new_path);
            f->new_path = NULL;
        }
        if (!f->old_path && !f->new_path)
            return prof_error_set(err, PROF_EFORMAT, name, 0,
                                  "file %zu of the diff is both created and "
                                  "deleted: expected one of 'new file mode' "
                                  "(or --- /dev/null) and 'deleted file "
                                  "mode' (or +++ /dev/null)", i + 1);
        if (!f->nadded)
            continue;
        qsort(f->added, f->nadded, sizeof *f->added, cmp_u32);
        size_t o = 1;
        for (size_t k = 1; k < f->nadded; k++)
            if (f->added[k] != f->added[o - 1])
                f->added[o++] = f->added[k];
        f->nadded = o;
    }
    if (settle_lines(d) < 0 || find_moves(d) < 0 ||
        !(d->view = calloc(d->n ? d->n : 1, sizeof *d->view)))
        return prof_error_oom(err, name);
    for (size_t i = 0; i < d->n; i++) {
        const dfile *f = &d->files[i];
        d->view[i] = (prof_diff_file){f->old_path, f->new_path, f->flags,
                                      f->added, f->nadded, f->deleted,
                                      f->ndeleted};
    }
    return 0;
}

static int parse(dparser *ps)
{
    while (next_line(ps)) {
        if (ps->old_left || ps->new_left)
            PROF_TRY(hunk_line(ps));
        else
            PROF_TRY(outside_line(ps));
    }
    if (ps->old_left || ps->new_left)
        return prof_error_set(ps->err, PROF_EFORMAT, ps->name, ps->lineno,
                              "unexpected end of the diff: expected %lu more "
                              "old and %lu more new lines of the hunk",
                              ps->old_left, ps->new_left);
    return finish(ps->d, ps->name, ps->err);
}

int prof_diff_parse(const void *buf, size_t len, const char *name,
                    prof_diff **out, prof_error *err)
{
    *out = NULL;
    prof_diff *d = calloc(1, sizeof *d);
    if (d && !(d->text = malloc(len ? len : 1)))
        prof_diff_free(d), d = NULL;
    if (!d)
        return prof_error_oom(err, name);
    if (len)
        memcpy(d->text, buf, len);
    dparser ps = {.d = d, .name = name, .p = buf,
                  .end = (const char *)buf + len, .start = buf, .err = err};
    int rc = parse(&ps);
    if (rc < 0) {
        prof_diff_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int prof_diff_read(const char *path, prof_diff **out, prof_error *err)
{
    prof_input in;
    *out = NULL;
    PROF_TRY(prof_input_load(&in, path, UINT64_C(4) << 30, err));
    int rc = prof_diff_parse(in.data, in.len, strcmp(path, "-") ? path
                                                                : "<stdin>",
                             out, err);
    prof_input_release(&in);
    return rc;
}

void prof_diff_free(prof_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->files[i].old_path);
        free(d->files[i].new_path);
        free(d->files[i].added);
        free(d->files[i].hunks);
        free(d->files[i].olds);
        free(d->files[i].news);
        free(d->files[i].deleted);
    }
    free(d->files);
    free(d->view);
    free(d->text);
    free(d);
}

size_t prof_diff_nfiles(const prof_diff *d) { return d->n; }

const prof_diff_file *prof_diff_file_at(const prof_diff *d, size_t i)
{
    return i < d->n ? &d->view[i] : NULL;
}

/* ---- mapping lines through the diff ---- */

static const dline *find_dline(const dline *v, size_t n, uint32_t line)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].line == line)
            return &v[mid];
        if (v[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The shift of LINE (outside the hunks) on side NEW_SIDE: the running
 * shift of the last hunk that ends before it (a hunk of no lines on that
 * side ends after its start line). */
static int64_t shift_at(const dfile *f, uint32_t line, bool new_side)
{
    size_t lo = 0, hi = f->nhunks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const dhunk *h = &f->hunks[mid];
        uint64_t st = new_side ? h->ns : h->os, n = new_side ? h->nl : h->ol;
        if (st + (n ? n : 1) <= line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? f->hunks[lo - 1].shift : 0;
}

uint32_t prof_diff_map_old(const prof_diff *d, size_t i, uint32_t old,
                           size_t *to)
{
    const dfile *f = &d->files[i];
    *to = i;
    const dline *l = find_dline(f->olds, f->nolds, old);
    if (l && l->kind == DL_MOVED) {
        *to = l->file;
        return l->other;
    }
    if (f->flags & PROF_DIFF_DELETED)
        return 0;
    if (l)
        return l->kind == DL_CONTEXT ? l->other : 0;
    int64_t v = (int64_t)old + shift_at(f, old, false);
    return v > 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
}

prof_diff_line_kind prof_diff_origin(const prof_diff *d, size_t i,
                                     uint32_t line, size_t *from,
                                     uint32_t *old)
{
    const dfile *f = &d->files[i];
    *from = i;
    *old = 0;
    const dline *l = find_dline(f->news, f->nnews, line);
    if (l && l->kind == DL_MOVED) {
        *from = l->file;
        *old = l->other;
        return PROF_DIFF_LINE_MOVED;
    }
    if (f->flags & PROF_DIFF_NEW)
        return PROF_DIFF_LINE_NEW;
    if (l && l->kind == DL_CHANGED)
        return PROF_DIFF_LINE_NEW;
    if (l) {
        *old = l->other;
        return PROF_DIFF_LINE_KEPT;
    }
    int64_t v = (int64_t)line - shift_at(f, line, true);
    *old = v > 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
    return PROF_DIFF_LINE_KEPT;
}
