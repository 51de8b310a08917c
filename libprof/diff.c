/* diff.c - unified diff reader (git diff, diff -u): added lines per file. */
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
 */

typedef struct dfile {
    char *old_path, *new_path; /* malloc'd; NULL until known */
    unsigned flags;
    uint32_t *added;
    size_t nadded, cap;
    bool minus_seen; /* "--- "/"+++ " lines read: hunks may follow */
} dfile;

struct prof_diff {
    dfile *files;
    size_t n, cap;
    prof_diff_file *view; /* public records, built at the end */
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
    uint32_t new_line;                /* next new line number */
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
    ps->new_line = (uint32_t)c;
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
    switch (c) {
    case ' ':
        ps->old_left--;
        ps->new_left--;
        ps->new_line++;
        return 0;
    case '-': ps->old_left--; return 0;
    case '+':
        ps->new_left--;
        PROF_TRY(add_line(ps, ps->new_line));
        ps->new_line++;
        return 0;
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
    if (!(d->view = calloc(d->n ? d->n : 1, sizeof *d->view)))
        return prof_error_oom(err, name);
    for (size_t i = 0; i < d->n; i++)
        d->view[i] = (prof_diff_file){d->files[i].old_path,
                                      d->files[i].new_path, d->files[i].flags,
                                      d->files[i].added, d->files[i].nadded};
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
    if (!d)
        return prof_error_oom(err, name);
    dparser ps = {.d = d, .name = name, .p = buf, .end = (const char *)buf + len,
                  .err = err};
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
    }
    free(d->files);
    free(d->view);
    free(d);
}

size_t prof_diff_nfiles(const prof_diff *d) { return d->n; }

const prof_diff_file *prof_diff_file_at(const prof_diff *d, size_t i)
{
    return i < d->n ? &d->view[i] : NULL;
}
