/* gcovjson.c - gcc gcov JSON reader (gcov --json-format, .gcov.json.gz). */
#include "../libprof/internal.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Input: one JSON document (what gcov -j writes, gzip handled by io.c) or
 * several, one per line (gcov -j -t) or simply concatenated. Mapping to the
 * model (formats.md section 4), chosen to agree with lcov 1.16's geninfo:
 *  - path: "file" joined with "current_working_directory" when relative,
 *    then "." and ".." resolved lexically (lcov's solve_relative_path,
 *    gcovr's normpath); pseudo files such as "<built-in>" are kept as is;
 *  - lines[]: a whole-line block per entry; repeated entries for one line
 *    (templates, inlining, headers in several units) are summed;
 *  - functions[]: the mangled "name" (as lcov and gcovr key them), start
 *    and end positions, hits = execution_count;
 *  - branches: line = the entry's line, block = how many earlier entries
 *    of that line (consecutive, as gcc writes them) had branches, branch =
 *    index in the entry. So a line whose branches come from one entry gets
 *    block 0, as lcov 1.16 writes it; two template instances that both
 *    branch on a line stay two blocks, as lcov 2 keeps them. taken =
 *    count, or "not evaluated" when the entry has unexecuted_block set and
 *    count 0 (lcov's '-'). "throw" (exception) edges are kept as ordinary
 *    branches, as lcov 1.16 writes them: the model has no exception flag;
 *  - negative counts (gcc PR 68080) become 0, with one warning per input;
 *  - format_version "1" and "2" are read; another value is read as "2"
 *    with a warning; unknown keys are ignored.
 * jansson keeps no positions for values, so data errors name the JSON path
 * (files[0].lines[3]) and the line where the document starts.
 */

typedef struct gj_ctx {
    prof_reader *r;
    unsigned long line; /* line where the current document starts */
    const char *cwd;    /* current_working_directory, or NULL */
    size_t cwd_len;
    char *path; /* scratch for joined paths */
    size_t path_cap;
    long fi, li, bi; /* files[fi] .lines[li] or .functions[li] .branches */
    const char *list; /* "lines" or "functions", NULL at file level */
    uint64_t negatives;
    unsigned long neg_line;
    char neg_where[128];
    bool version_warned;
} gj_ctx;

static int gj_detect(const unsigned char *buf, size_t len)
{
    size_t i = 0, head = len < 4096 ? len : 4096;
    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
    if (i >= len || buf[i] != '{')
        return 0;
    bool gcc = memmem(buf, head, "\"gcc_version\"", 13) != NULL;
    bool fmt = memmem(buf, head, "\"format_version\"", 16) != NULL;
    if (gcc && fmt)
        return 95;
    return gcc ? 85 : 0; /* gcc <= 13 writes format_version after files */
}

/* ---- messages ---- */

/* "files[1].lines[7].branches[0]": where the reader is in the document. */
static const char *gj_where(const gj_ctx *c, char *out, size_t outsz)
{
    if (c->fi < 0)
        snprintf(out, outsz, "the document");
    else if (!c->list)
        snprintf(out, outsz, "files[%ld]", c->fi);
    else if (c->bi < 0)
        snprintf(out, outsz, "files[%ld].%s[%ld]", c->fi, c->list, c->li);
    else
        snprintf(out, outsz, "files[%ld].%s[%ld].branches[%ld]", c->fi,
                 c->list, c->li, c->bi);
    return out;
}

static const char *gj_kind(const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

/* KEY of the current element is missing or not WHAT. */
static int gj_bad_key(gj_ctx *c, const char *key, const char *what,
                      const json_t *v)
{
    char w[96];
    if (!v)
        return prof_reader_fail(c->r, PROF_EFORMAT, c->line,
                                "%s: missing key \"%s\" (expected %s)",
                                gj_where(c, w, sizeof w), key, what);
    return prof_reader_fail(c->r, PROF_EFORMAT, c->line,
                            "%s: expected \"%s\" to be %s, got %s",
                            gj_where(c, w, sizeof w), key, what, gj_kind(v));
}

static int gj_bad_value(gj_ctx *c, const char *key, const char *what,
                        long long v)
{
    char w[96];
    return prof_reader_fail(c->r, PROF_EFORMAT, c->line,
                            "%s: expected \"%s\" to be %s, got %lld",
                            gj_where(c, w, sizeof w), key, what, v);
}

static int gj_nomem(gj_ctx *c)
{
    return prof_reader_fail(c->r, PROF_ENOMEM, c->line, "out of memory");
}

/* ---- typed fields ---- */

/* Array KEY of O into *OUT; absent gives NULL unless REQUIRED. */
static int gj_array(gj_ctx *c, const json_t *o, const char *key,
                    bool required, json_t **out)
{
    json_t *v = json_object_get(o, key);
    if ((v || required) && !json_is_array(v))
        return gj_bad_key(c, key, "an array", v);
    *out = v;
    return 0;
}

/* Line or column KEY: an integer in [MIN, UINT32_MAX]; DEF when absent
 * unless REQUIRED. */
static int gj_pos(gj_ctx *c, const json_t *o, const char *key, bool required,
                  long long min, uint32_t def, uint32_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!v && !required) {
        *out = def;
        return 0;
    }
    if (!json_is_integer(v))
        return gj_bad_key(c, key, "an integer", v);
    long long n = json_integer_value(v);
    if (n < min || n > (long long)UINT32_MAX)
        return gj_bad_value(c, key,
                            min ? "a number from 1 to 4294967295"
                                : "a number from 0 to 4294967295",
                            n);
    *out = (uint32_t)n;
    return 0;
}

/* Count KEY (required): negative values count as 0 and are remembered
 * for the one warning given per input. */
static int gj_count(gj_ctx *c, const json_t *o, const char *key,
                    uint64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return gj_bad_key(c, key, "an integer", v);
    long long n = json_integer_value(v);
    *out = n < 0 ? 0 : (uint64_t)n;
    if (n < 0 && c->negatives++ == 0) {
        char w[96];
        c->neg_line = c->line;
        snprintf(c->neg_where, sizeof c->neg_where, "%s.%s = %lld",
                 gj_where(c, w, sizeof w), key, n);
    }
    return 0;
}

static int gj_bool(gj_ctx *c, const json_t *o, const char *key, bool *out)
{
    json_t *v = json_object_get(o, key);
    if (v && !json_is_boolean(v))
        return gj_bad_key(c, key, "true or false", v);
    *out = json_is_true(v);
    return 0;
}

/* ---- records ---- */

static int gj_branches(gj_ctx *c, prof_file *f, const json_t *brs,
                       uint32_t line, uint32_t block, bool unevaluated)
{
    json_t *b;
    size_t i;
    json_array_foreach(brs, i, b) {
        c->bi = (long)i;
        if (!json_is_object(b))
            return gj_bad_key(c, "branches", "an array of objects", b);
        prof_branch br = {line, block, (uint32_t)i, 0, 0};
        bool thr = false;
        PROF_TRY(gj_count(c, b, "count", &br.taken));
        PROF_TRY(gj_bool(c, b, "throw", &thr)); /* checked, kept as is */
        if (unevaluated)
            br.taken = PROF_NOT_EVALUATED;
        br.suites = br.taken && !unevaluated ? c->r->suites : 0;
        if (i > UINT32_MAX || prof_file_add_branch(f, &br) < 0)
            return gj_nomem(c);
    }
    c->bi = -1;
    return 0;
}

/* One lines[] entry. *PREV is the previous entry's line and *NBR how
 * many entries of that line so far had branches (the next block number). */
static int gj_line(gj_ctx *c, prof_file *f, const json_t *ln, uint32_t *prev,
                   uint32_t *nbr)
{
    prof_block b = {0, 0, 0, 0, 1, c->r->input,
                    c->line > UINT32_MAX ? 0 : (uint32_t)c->line, 0, 0};
    bool unexec = false;
    if (!json_is_object(ln))
        return gj_bad_key(c, "lines", "an array of objects", ln);
    PROF_TRY(gj_pos(c, ln, "line_number", true, 1, 0, &b.start_line));
    PROF_TRY(gj_count(c, ln, "count", &b.hits));
    PROF_TRY(gj_bool(c, ln, "unexecuted_block", &unexec));
    b.end_line = b.start_line;
    b.suites = b.hits ? c->r->suites : 0;
    if (prof_file_add_block(f, &b) < 0)
        return gj_nomem(c);
    if (b.start_line != *prev)
        *nbr = 0;
    *prev = b.start_line;
    json_t *brs = NULL;
    PROF_TRY(gj_array(c, ln, "branches", false, &brs));
    if (json_array_size(brs) == 0)
        return 0;
    return gj_branches(c, f, brs, b.start_line, (*nbr)++,
                       unexec && b.hits == 0);
}

static int gj_function(gj_ctx *c, prof_file *f, const json_t *fn)
{
    prof_function pf = {NULL, 0, 0, 0, 0, c->r->input, 0, 0};
    if (!json_is_object(fn))
        return gj_bad_key(c, "functions", "an array of objects", fn);
    json_t *name = json_object_get(fn, "name");
    if (!json_is_string(name) || json_string_length(name) == 0)
        return gj_bad_key(c, "name", "a non-empty string", name);
    PROF_TRY(gj_pos(c, fn, "start_line", true, 1, 0, &pf.start_line));
    PROF_TRY(gj_pos(c, fn, "start_column", false, 0, 0, &pf.start_col));
    PROF_TRY(gj_pos(c, fn, "end_line", false, 0, pf.start_line,
                    &pf.end_line));
    PROF_TRY(gj_pos(c, fn, "end_column", false, 0, 0, &pf.end_col));
    PROF_TRY(gj_count(c, fn, "execution_count", &pf.hits));
    if (pf.end_line < pf.start_line)
        pf.end_line = pf.start_line;
    pf.suites = pf.hits ? c->r->suites : 0;
    pf.name = prof_profile_intern(c->r->p, json_string_value(name),
                                  json_string_length(name));
    if (!pf.name || prof_file_add_function(f, &pf) < 0)
        return gj_nomem(c);
    return 0;
}

/* ---- paths ---- */

static bool gj_absolute(const char *s, size_t n)
{
    return (n && (s[0] == '/' || s[0] == '\\' || s[0] == '<')) ||
           (n >= 3 && s[1] == ':' && (s[2] == '/' || s[2] == '\\'));
}

/* Resolve "." and ".." segments of P[0..N) in place, as normpath does;
 * returns the new length. A leading ".." of a relative path stays. */
static size_t gj_normpath(char *p, size_t n)
{
    bool abs = n && (p[0] == '/' || p[0] == '\\');
    size_t o = abs, keep = abs; /* keep: start of what ".." may remove */
    for (size_t i = abs; i <= n;) {
        size_t e = i;
        while (e < n && p[e] != '/' && p[e] != '\\')
            e++;
        size_t len = e - i;
        if (len == 2 && p[i] == '.' && p[i + 1] == '.' && o > keep) {
            o--; /* drop the last segment and its separator */
            while (o > keep && p[o - 1] != '/')
                o--;
        } else if (len == 2 && p[i] == '.' && p[i + 1] == '.' && !abs) {
            memmove(p + o, "../", 3);
            o += 3;
            keep = o;
        } else if (len && !(len == 1 && p[i] == '.') &&
                   !(len == 2 && p[i] == '.' && p[i + 1] == '.')) {
            memmove(p + o, p + i, len);
            o += len;
            p[o++] = '/';
        }
        i = e + 1;
    }
    if (o > 1 && p[o - 1] == '/')
        o--;
    if (o == 0)
        p[o++] = '.';
    return o;
}

static int gj_file_path(gj_ctx *c, const json_t *name, prof_file **out)
{
    const char *s = json_string_value(name);
    size_t n = json_string_length(name);
    size_t need = n + (c->cwd ? c->cwd_len + 1 : 0) + 1;
    if (need > c->path_cap) {
        char *np = realloc(c->path, need);
        if (!np)
            return gj_nomem(c);
        c->path = np;
        c->path_cap = need;
    }
    size_t len = 0;
    if (c->cwd && c->cwd_len && !gj_absolute(s, n)) {
        memcpy(c->path, c->cwd, c->cwd_len);
        len = c->cwd_len;
        c->path[len++] = '/';
    }
    memcpy(c->path + len, s, n);
    len += n;
    if (!(n && s[0] == '<'))
        len = gj_normpath(c->path, len);
    *out = prof_profile_file_get(c->r->p, c->path, len);
    return *out ? 0 : gj_nomem(c);
}

/* ---- documents ---- */

static int gj_file(gj_ctx *c, const json_t *fo)
{
    json_t *name, *lines = NULL, *funcs = NULL, *v;
    prof_file *f;
    size_t i;
    uint32_t prev = 0, nbr = 0;
    c->list = NULL;
    if (!json_is_object(fo))
        return gj_bad_key(c, "files", "an array of objects", fo);
    name = json_object_get(fo, "file");
    if (!json_is_string(name) || json_string_length(name) == 0)
        return gj_bad_key(c, "file", "a non-empty string", name);
    PROF_TRY(gj_array(c, fo, "lines", true, &lines));
    PROF_TRY(gj_array(c, fo, "functions", false, &funcs));
    PROF_TRY(gj_file_path(c, name, &f));
    c->list = "lines";
    json_array_foreach(lines, i, v) {
        c->li = (long)i;
        PROF_TRY(gj_line(c, f, v, &prev, &nbr));
    }
    c->list = "functions";
    json_array_foreach(funcs, i, v) {
        c->li = (long)i;
        PROF_TRY(gj_function(c, f, v));
    }
    c->list = NULL;
    return 0;
}

static int gj_version(gj_ctx *c, const json_t *root)
{
    json_t *v = json_object_get(root, "format_version");
    if (!json_is_string(v))
        return gj_bad_key(c, "format_version", "a string (\"1\" or \"2\")",
                          v);
    const char *s = json_string_value(v);
    if (!strcmp(s, "1") || !strcmp(s, "2") || c->version_warned)
        return 0;
    char q[80];
    c->version_warned = true;
    prof_profile_warnf(c->r->p, c->r->name, c->line,
                       "unknown gcov JSON format_version %s (known: \"1\", "
                       "\"2\"); reading it as version 2",
                       prof_quote(q, sizeof q, s, json_string_length(v)));
    return 0;
}

static int gj_doc(gj_ctx *c, const json_t *root)
{
    json_t *files = NULL, *v;
    size_t i;
    c->fi = -1;
    c->list = NULL;
    if (!json_is_object(root))
        return prof_reader_fail(c->r, PROF_EFORMAT, c->line,
                                "expected a JSON object (gcov "
                                "--json-format output), got %s",
                                gj_kind(root));
    PROF_TRY(gj_version(c, root));
    PROF_TRY(gj_array(c, root, "files", true, &files));
    v = json_object_get(root, "current_working_directory");
    if (v && !json_is_string(v))
        return gj_bad_key(c, "current_working_directory", "a string", v);
    c->cwd = v ? json_string_value(v) : NULL;
    c->cwd_len = v ? json_string_length(v) : 0;
    json_array_foreach(files, i, v) {
        c->fi = (long)i;
        PROF_TRY(gj_file(c, v));
    }
    c->r->p->mode = PROF_MODE_COUNT;
    return 0;
}

/* ---- the stream of documents ---- */

/* Skip blanks from *OFF, counting lines; *COL0 is the offset of the line
 * start. */
static void gj_skip(const unsigned char *buf, size_t len, size_t *off,
                    unsigned long *line, size_t *col0)
{
    size_t i = *off;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n')) {
        if (buf[i] == '\n') {
            ++*line;
            *col0 = i + 1;
        }
        i++;
    }
    *off = i;
}

static int gj_parse_fail(gj_ctx *c, const json_error_t *e, size_t off,
                         size_t col0)
{
    unsigned long line = c->line + (e->line > 1 ? (unsigned long)e->line - 1
                                                : 0);
    long col = e->column < 0 ? 0 : e->column;
    char text[JSON_ERROR_TEXT_LENGTH];
    size_t i;
    if (e->line <= 1)
        col += (long)(off - col0);
    for (i = 0; e->text[i] && i + 1 < sizeof text; i++) {
        unsigned char ch = (unsigned char)e->text[i]; /* input bytes */
        text[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
    }
    text[i] = '\0';
    return prof_reader_fail(c->r, PROF_EFORMAT, line,
                            "column %ld: invalid JSON: %s", col, text);
}

static int gj_stream(gj_ctx *c, const unsigned char *buf, size_t len)
{
    size_t off = 0, col0 = 0;
    c->line = 1;
    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
        off = col0 = 3;
    gj_skip(buf, len, &off, &c->line, &col0);
    while (off < len) {
        json_error_t e;
        /* jansson reports the bytes used as an int: past 2 GiB the rest
         * must be one document */
        size_t flags = len - off > INT_MAX ? 0 : JSON_DISABLE_EOF_CHECK;
        json_t *root = json_loadb((const char *)buf + off, len - off, flags,
                                  &e);
        if (!root)
            return gj_parse_fail(c, &e, off, col0);
        int rc = gj_doc(c, root);
        json_decref(root);
        if (rc < 0)
            return rc;
        size_t end = !flags ? len
                     : off + (e.position > 0 ? (size_t)e.position : 1);
        for (size_t i = off; i < end && i < len; i++)
            if (buf[i] == '\n') {
                c->line++;
                col0 = i + 1;
            }
        off = end;
        gj_skip(buf, len, &off, &c->line, &col0);
    }
    return 0;
}

static int gj_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    gj_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.bi = -1;
    int rc = gj_stream(&c, buf, len);
    free(c.path);
    if (rc == 0 && c.negatives)
        prof_profile_warnf(r->p, r->name, c.neg_line,
                           "%llu negative count%s (gcc bug 68080) read as "
                           "0; the first: %s",
                           (unsigned long long)c.negatives,
                           c.negatives > 1 ? "s" : "", c.neg_where);
    return rc;
}

const prof_format prof_format_gcov_json = {
    "gcov-json", "gcc gcov JSON (gcov --json-format, .gcov.json.gz)",
    PROF_FAMILY_LINE, gj_detect, gj_read, NULL, NULL, NULL,
};
