/* history.c - the coverage history file (covcheck --history): reading. */
#include "internal.h"
#include "jscan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * One JSON object a line (covkit-formats(5) "HISTORY FILE"):
 *   {"version":1,"commit":"SHA"|null,"branch":"NAME"|null,
 *    "time":"YYYY-MM-DDTHH:MM:SSZ","totals":TOTALS,"suites":{NAME:TOTALS}}
 * TOTALS is {"lines":C,"branches":C,"functions":C,"statements":C}, C is
 * {"covered":N,"total":N} with N <= total. "suites" is optional; keys
 * the table does not know are refused (a line covkit did not write). The
 * last line may lack its newline; an empty line is an error.
 */

struct prof_history {
    prof_history_entry *v;
    size_t n, cap;
    prof_arena arena;
};

typedef struct hist_line {
    prof_history *h;
    prof_history_entry e;
    uint64_t version;
} hist_line;

/* ---- values ---------------------------------------------------------- */

static int hist_count_key(prof_jscan *j, const prof_jkey *k, void *obj)
{
    uint64_t *v = (uint64_t *)((char *)obj + k->off);
    return prof_jscan_uint(j, k->key, UINT64_MAX, v);
}

static const prof_jkey hist_count_keys[] = {
    {"covered", hist_count_key, 0, offsetof(prof_count, hit),
     PROF_JK_REQUIRED, "a count"},
    {"total", hist_count_key, 0, offsetof(prof_count, found),
     PROF_JK_REQUIRED, "a count"},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int hist_count(prof_jscan *j, const prof_jkey *k, void *obj)
{
    prof_count *c = (prof_count *)((char *)obj + k->off);
    j->what = k->key;
    PROF_TRY(prof_jscan_object(j, hist_count_keys, 0, c));
    if (c->hit > c->found)
        return prof_jscan_fail(j, "%s: covered %llu is more than total %llu",
                               k->key, (unsigned long long)c->hit,
                               (unsigned long long)c->found);
    return 0;
}

static const prof_jkey hist_totals_keys[] = {
    {"lines", hist_count, 0, offsetof(prof_totals, lines), PROF_JK_REQUIRED,
     "an object"},
    {"branches", hist_count, 0, offsetof(prof_totals, branches),
     PROF_JK_REQUIRED, "an object"},
    {"functions", hist_count, 0, offsetof(prof_totals, functions),
     PROF_JK_REQUIRED, "an object"},
    {"statements", hist_count, 0, offsetof(prof_totals, stmts),
     PROF_JK_REQUIRED, "an object"},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int hist_totals(prof_jscan *j, prof_totals *t, const char *what)
{
    j->what = what;
    return prof_jscan_object(j, hist_totals_keys, 0, t);
}

/* ---- the keys of an entry ---------------------------------------------- */

static int hist_version(prof_jscan *j, const prof_jkey *k, void *obj)
{
    hist_line *l = obj;
    PROF_TRY(prof_jscan_uint(j, k->key, UINT64_MAX, &l->version));
    if (l->version != 1)
        return prof_jscan_fail(j, "history version %llu is not supported "
                                  "(this covkit reads version 1)",
                               (unsigned long long)l->version);
    return 0;
}

/* A string or null into the entry's field at K's offset (in the arena). */
static int hist_string(prof_jscan *j, const prof_jkey *k, void *obj)
{
    hist_line *l = obj;
    const char **out = (const char **)((char *)&l->e + k->off);
    if (k->kind && prof_jscan_literal(j, "null")) {
        *out = NULL;
        return 0;
    }
    PROF_TRY(prof_jscan_string(j, k->key));
    if (!(*out = prof_arena_strndup(&l->h->arena, j->buf, j->len)))
        return prof_jscan_nomem(j);
    return 0;
}

/* S[0..N) is "YYYY-MM-DDTHH:MM:SSZ" with fields in range. */
static bool hist_time_ok(const char *s, size_t n)
{
    static const char shape[] = "0000-00-00T00:00:00Z";
    if (n != sizeof shape - 1)
        return false;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == '0' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return false;
#define HIST_NUM(at) ((s[at] - '0') * 10 + s[(at) + 1] - '0')
    return HIST_NUM(5) >= 1 && HIST_NUM(5) <= 12 && HIST_NUM(8) >= 1 &&
           HIST_NUM(8) <= 31 && HIST_NUM(11) < 24 && HIST_NUM(14) < 60 &&
           HIST_NUM(17) <= 60;
#undef HIST_NUM
}

static int hist_time(prof_jscan *j, const prof_jkey *k, void *obj)
{
    PROF_TRY(hist_string(j, k, obj));
    const hist_line *l = obj;
    if (!hist_time_ok(l->e.time, strlen(l->e.time)))
        return prof_jscan_fail(j, "time \"%.40s\" is not UTC ISO-8601 "
                                  "(YYYY-MM-DDTHH:MM:SSZ)", l->e.time);
    return 0;
}

static int hist_entry_totals(prof_jscan *j, const prof_jkey *k, void *obj)
{
    hist_line *l = obj;
    return hist_totals(j, &l->e.totals, k->key);
}

/* {"NAME": TOTALS, ...}: the names are counted, their totals checked. */
static int hist_suites(prof_jscan *j, const prof_jkey *k, void *obj)
{
    hist_line *l = obj;
    prof_totals t;
    if (!prof_jscan_eat(j, '{'))
        return prof_jscan_expected(j, "'{' to start suites");
    if (prof_jscan_eat(j, '}'))
        return 0;
    do {
        PROF_TRY(prof_jscan_string(j, "a suite name in double quotes"));
        PROF_TRY(prof_jscan_need(j, ':'));
        PROF_TRY(hist_totals(j, &t, k->key));
        l->e.nsuites++;
    } while (prof_jscan_eat(j, ','));
    return prof_jscan_eat(j, '}') ? 0
                                  : prof_jscan_expected(j, "',' or '}' in "
                                                           "suites");
}

static const prof_jkey hist_keys[] = {
    {"version", hist_version, 0, 0, PROF_JK_REQUIRED | PROF_JK_FIRST,
     "1 (the first key)"},
    {"commit", hist_string, 1, offsetof(prof_history_entry, commit),
     PROF_JK_REQUIRED, "a string or null"},
    {"branch", hist_string, 1, offsetof(prof_history_entry, branch), 0,
     NULL},
    {"time", hist_time, 0, offsetof(prof_history_entry, time),
     PROF_JK_REQUIRED, "a string"},
    {"totals", hist_entry_totals, 0, 0, PROF_JK_REQUIRED, "an object"},
    {"suites", hist_suites, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

/* ---- lines ------------------------------------------------------------ */

/* The entry on line LINE, BUF[0..LEN) (without its newline), appended. */
static int hist_line_read(prof_history *h, prof_reader *r,
                          const unsigned char *buf, size_t len,
                          unsigned long line)
{
    prof_jscan j;
    prof_jscan_init(&j, r, buf, len);
    j.line = line;
    j.what = "a history entry";
    hist_line l = {.h = h};
    int rc = prof_jscan_object(&j, hist_keys, 0, &l);
    prof_jscan_ws(&j);
    if (rc == 0 && j.s < j.end)
        rc = prof_jscan_expected(&j, "the end of the line after the entry");
    prof_jscan_free(&j);
    if (rc < 0)
        return rc;
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 16;
        prof_history_entry *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            return prof_reader_oom(r, line);
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = l.e;
    return 0;
}

int prof_history_parse(const void *data, size_t len, const char *name,
                       prof_history **out, prof_error *err)
{
    prof_history *h = calloc(1, sizeof *h);
    *out = NULL;
    if (!h)
        return prof_error_set(err, PROF_ENOMEM, name, 0, "out of memory");
    prof_arena_init(&h->arena);
    prof_reader r = {.name = name, .err = err};
    const unsigned char *s = data, *end = s + len;
    unsigned long line = 1;
    int rc = 0;
    for (; rc == 0 && s < end; line++) {
        const unsigned char *nl = memchr(s, '\n', (size_t)(end - s));
        const unsigned char *eol = nl ? nl : end;
        if (eol == s || (eol - s == 1 && *s == '\r'))
            rc = prof_reader_fail(&r, PROF_EFORMAT, line, "an empty line "
                                  "(expected one history entry a line)");
        else
            rc = hist_line_read(h, &r, s, (size_t)(eol - s), line);
        s = nl ? nl + 1 : end;
    }
    if (rc < 0) {
        prof_history_free(h);
        return rc;
    }
    *out = h;
    return 0;
}

int prof_history_read(const char *path, prof_history **out, prof_error *err)
{
    prof_input in;
    *out = NULL;
    PROF_TRY(prof_input_load_raw(&in, path, 0, err));
    int rc = prof_history_parse(in.data, in.len, path, out, err);
    prof_input_release(&in);
    return rc;
}

size_t prof_history_count(const prof_history *h)
{
    return h ? h->n : 0;
}

const prof_history_entry *prof_history_entry_at(const prof_history *h,
                                                size_t i)
{
    return h && i < h->n ? &h->v[i] : NULL;
}

void prof_history_free(prof_history *h)
{
    if (!h)
        return;
    free(h->v);
    prof_arena_free(&h->arena);
    free(h);
}

/* ---- writing ------------------------------------------------------------ */

static void hist_put_count(prof_sink *s, const char *key, prof_count c)
{
    prof_sink_printf(s, "\"%s\":{\"covered\":", key);
    prof_sink_u64(s, c.hit);
    prof_sink_puts(s, ",\"total\":");
    prof_sink_u64(s, c.found);
    prof_sink_putc(s, '}');
}

static void hist_put_totals(prof_sink *s, const prof_totals *t)
{
    prof_sink_putc(s, '{');
    hist_put_count(s, "lines", t->lines);
    prof_sink_putc(s, ',');
    hist_put_count(s, "branches", t->branches);
    prof_sink_putc(s, ',');
    hist_put_count(s, "functions", t->functions);
    prof_sink_putc(s, ',');
    hist_put_count(s, "statements", t->stmts);
    prof_sink_putc(s, '}');
}

static void hist_put_str(prof_sink *s, const char *key, const char *v)
{
    prof_sink_printf(s, ",\"%s\":", key);
    if (v)
        prof_json_put_str(s, v);
    else
        prof_sink_puts(s, "null");
}

static void hist_put_line(prof_sink *s, const prof_history_entry *e,
                          const char *const *names, const prof_totals *suites,
                          size_t nsuites)
{
    prof_sink_puts(s, "{\"version\":1");
    hist_put_str(s, "commit", e->commit);
    hist_put_str(s, "branch", e->branch);
    hist_put_str(s, "time", e->time);
    prof_sink_puts(s, ",\"totals\":");
    hist_put_totals(s, &e->totals);
    if (nsuites) {
        prof_sink_puts(s, ",\"suites\":{");
        for (size_t i = 0; i < nsuites; i++) {
            if (i)
                prof_sink_putc(s, ',');
            prof_json_put_str(s, names[i]);
            prof_sink_putc(s, ':');
            hist_put_totals(s, &suites[i]);
        }
        prof_sink_putc(s, '}');
    }
    prof_sink_puts(s, "}\n");
}

int prof_history_line(const prof_history_entry *e, const char *const *names,
                      const prof_totals *suites, size_t nsuites, char **line,
                      size_t *len)
{
    unsigned char tmp[256];
    prof_sink s;
    prof_sink_count(&s, tmp, sizeof tmp); /* the length first */
    hist_put_line(&s, e, names, suites, nsuites);
    *len = (size_t)prof_sink_tell(&s);
    if (!(*line = malloc(*len)))
        return PROF_ENOMEM;
    prof_sink_count(&s, *line, *len); /* all of it stays in the buffer */
    hist_put_line(&s, e, names, suites, nsuites);
    return 0;
}

void prof_history_time(char buf[PROF_HISTORY_TIME_SIZE])
{
    int64_t secs;
    time_t t = prof_source_date_epoch(&secs) ? (time_t)secs : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        !strftime(buf, PROF_HISTORY_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm))
        strcpy(buf, "1970-01-01T00:00:00Z");
}
