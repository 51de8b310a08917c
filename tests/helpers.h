/* helpers.h - shared helpers of the cmocka unit tests (static inline only). */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../libprof/prof.h"

/* The real coverage data of testdata/corpus (see its README.md): $CORPUS,
 * else testdata/corpus (the tests run from the top of the checkout). */
static inline const char *corpus_dir(void)
{
    const char *env = getenv("CORPUS");
    if (env && *env)
        return env;
    return "testdata/corpus";
}

/* Read the NUL-terminated TEXT into P as input NAME, sniffing the format. */
static inline int read_text(prof_profile *p, const char *text, const char *name,
                            const char *label, prof_error *err)
{
    return prof_read_buffer(p, text, strlen(text), name, label, NULL, err);
}

/* Warnings collected by the warn callback. */
typedef struct warn_log {
    int n;
    prof_error last;
} warn_log;

static inline void warn_collect(void *ctx, const prof_error *w)
{
    warn_log *log = ctx;
    log->n++;
    log->last = *w;
}

/* A new profile holding TEXT read as format FMT (a name; NULL: sniffed)
 * under input NAME and LABEL; LOG collects the warnings when not NULL.
 * The read must succeed. */
static inline prof_profile *text_as(const char *fmt, const char *name,
                                    const char *label, const char *text,
                                    warn_log *log)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    if (log)
        prof_profile_set_warn(p, warn_collect, log);
    const prof_format *f = fmt ? prof_format_find(fmt) : NULL;
    if (fmt)
        assert_non_null(f);
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(p, text, strlen(text), name, label, f, &err);
    if (rc != 0)
        fail_msg("read failed: %s:%lu: %s", err.path, err.line, err.msg);
    return p;
}

/* A new profile read from PATH as format FMT (a name; NULL: sniffed);
 * the read must succeed. */
static inline prof_profile *file_as(const char *path, const char *fmt)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    assert_non_null(p);
    memset(&err, 0, sizeof err);
    if (prof_read_file(p, path, NULL, fmt ? prof_format_find(fmt) : NULL,
                       &err) != 0)
        fail_msg("read %s failed: %s:%lu: %s", path, err.path, err.line,
                 err.msg);
    return p;
}

/* A new profile holding TEXT (sniffed); the read must succeed. */
static inline prof_profile *profile_of(const char *text)
{
    return text_as(NULL, "in.out", NULL, text, NULL);
}

/* The whole content of PATH, malloc'd and NUL-terminated; NULL if absent. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(fp), 0);
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* A fresh temporary directory (malloc'd name); remove it with rmdir. */
static inline char *temp_dir(void)
{
    const char *t = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/covkit-unit-XXXXXX", t && *t ? t : "/tmp");
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char *copy = strdup(d);
    assert_non_null(copy);
    return copy;
}

/* P written as format FMT (a name) with O (NULL: prof_write_file's
 * defaults) to NAME in a new temporary directory, both removed after:
 * the status in *RC, the error in *ERR, and the file's content (NULL if
 * none), *LEN bytes. */
static inline char *write_with(const prof_profile *p, const char *fmt,
                               const prof_write_opts *o, const char *name,
                               int *rc, prof_error *err, size_t *len)
{
    char *dir = temp_dir();
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    memset(err, 0, sizeof *err);
    const prof_format *f = prof_format_find(fmt);
    *rc = o ? prof_write_file_opts(p, path, f, o, err)
            : prof_write_file(p, path, f, err);
    char *text = slurp(path, len);
    if (text)
        assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    return text;
}

/* P written in format FMT (a name) with O (NULL: the defaults) to a
 * temporary file, read back; the write must succeed. */
static inline char *written_as(const prof_profile *p, const char *fmt,
                               const prof_write_opts *o, size_t *len)
{
    int rc;
    prof_error err;
    char *text = write_with(p, fmt, o, "out", &rc, &err, len);
    if (rc != 0)
        fail_msg("write failed: %s: %s", err.path, err.msg);
    assert_non_null(text);
    return text;
}

/* P written in format FMT (a name) to a temporary file, read back. */
static inline char *write_text(const prof_profile *p, const char *fmt,
                               size_t *len)
{
    return written_as(p, fmt, NULL, len);
}

/* P as Go text; the caller frees it. */
static inline char *write_go(const prof_profile *p)
{
    size_t len;
    return write_text(p, "go", &len);
}

/* Fail unless Go text OUT, read back (one input) and written again, is
 * OUT itself. */
static inline void assert_go_stable(const char *out)
{
    prof_profile *q = profile_of(out);
    char *again = write_go(q);
    assert_string_equal(again, out);
    free(again);
    prof_profile_free(q);
}

/* The file of P named PATH, or NULL. */
static inline const prof_file *find_file(const prof_profile *p,
                                         const char *path)
{
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        if (!strcmp(prof_file_path(prof_profile_file(p, i)), path))
            return prof_profile_file(p, i);
    return NULL;
}

/* The blocks of file PATH in P (which must exist); *N gets the count. */
static inline const prof_block *blocks_of(const prof_profile *p,
                                          const char *path, size_t *n)
{
    const prof_file *f = find_file(p, path);
    if (!f)
        fail_msg("no file %s in the profile", path);
    return prof_file_blocks(f, n);
}

/* Index of suite LABEL in P, or -1. */
static inline long suite_index(const prof_profile *p, const char *label)
{
    for (size_t i = 0; i < prof_profile_nsuites(p); i++)
        if (!strcmp(prof_profile_suite(p, i), label))
            return (long)i;
    return -1;
}

/* Fail unless HAY contains NEEDLE. */
#define assert_contains(hay, needle)                                           \
    do {                                                                       \
        if (!strstr((hay), (needle)))                                          \
            fail_msg("\"%s\" does not contain \"%s\"", (hay), (needle));       \
    } while (0)

/* Fail unless block B is SL.SC,EL.EC with ST statements and HITS hits. */
#define assert_block(b, sl, sc, el, ec, st, hit)                               \
    do {                                                                       \
        const prof_block *b_ = (b);                                            \
        assert_int_equal(b_->start_line, (sl));                                \
        assert_int_equal(b_->start_col, (sc));                                 \
        assert_int_equal(b_->end_line, (el));                                  \
        assert_int_equal(b_->end_col, (ec));                                   \
        assert_int_equal(b_->stmts, (st));                                     \
        assert_int_equal(b_->hits, (uint64_t)(hit));                           \
    } while (0)

/* Every warning of a read (the first 8 kept). */
typedef struct warn_all {
    int n;
    prof_error w[8];
} warn_all;

static inline void warn_keep(void *ctx, const prof_error *w)
{
    warn_all *a = ctx;
    if (a->n < 8)
        a->w[a->n] = *w;
    a->n++;
}

/* A warning expected: its line and message. */
typedef struct want_warn {
    unsigned long line;
    const char *msg;
} want_warn;

/* Fail unless A holds exactly the N format warnings of WANT, in order. */
static inline void assert_warnings(const warn_all *a, const want_warn *want,
                                   int n)
{
    assert_int_equal(a->n, n);
    for (int i = 0; i < n; i++) {
        assert_int_equal(a->w[i].code, PROF_EFORMAT);
        assert_int_equal(a->w[i].line, want[i].line);
        assert_string_equal(a->w[i].msg, want[i].msg);
    }
}

/* Reading TEXT as format FMT under input NAME must fail with PROF_EFORMAT
 * at LINE, with NEEDLE in the message and NAME as the path. */
static inline void expect_format_error(const char *fmt, const char *name,
                                       const char *text, unsigned long line,
                                       const char *needle)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(p, text, strlen(text), name, NULL,
                              prof_format_find(fmt), &err);
    if (rc != PROF_EFORMAT)
        fail_msg("expected a format error, got %d (%s) for %s", rc, err.msg,
                 text);
    assert_string_equal(err.path, name);
    if (err.line != line)
        fail_msg("line %lu, expected %lu: %s", err.line, line, err.msg);
    assert_contains(err.msg, needle);
    prof_profile_free(p);
}

/* TEXT parsed as a unified diff named t.diff; the parse must succeed. */
static inline prof_diff *diff_of(const char *text)
{
    prof_diff *d = NULL;
    prof_error err;
    memset(&err, 0, sizeof err);
    if (prof_diff_parse(text, strlen(text), "t.diff", &d, &err) != 0)
        fail_msg("diff failed: %s:%lu: %s", err.path, err.line, err.msg);
    return d;
}

#endif
