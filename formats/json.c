/* json.c - covkit's own JSON of the whole model (covkit-formats(5), "json"). */
#include "../libprof/jscan.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Version 1 of the document, as the writer lays it out (one record per
 * line, keys in this order; the reader takes the keys of an object in any
 * order, except that "covkit" must come first in the document):
 *
 *   {
 *     "covkit": 1,
 *     "mode": "set" | "count" | "atomic" | "none",
 *     "family": "go" | "line" | "mixed" | "none",
 *     "suites": ["unit", ...],            suite labels, in order
 *     "named": [0, ...],                  suites named by the user or the
 *                                         data, not by a file stem
 *                                         (optional; lcov TN sections)
 *     "inputs": ["unit.out", ...],        input names, in order
 *     "files": [
 *       {
 *         "path": "...",
 *         "blocks": [ {BLOCK}, ... ],
 *         "functions": [ {FUNCTION}, ... ],
 *         "branches": [ {BRANCH}, ... ]
 *       }, ...
 *     ]
 *   }
 *
 * The record fields are the tables js_block, js_function and js_branch
 * below: both the writer and the reader are driven by them. Counts are
 * unsigned 64-bit JSON integers written digit for digit (never through a
 * double); "taken" is null for a branch never evaluated. "suites" lists
 * indexes into the top-level "suites", "input" an index into "inputs".
 * Strings are UTF-8; a byte of a name that is not part of valid UTF-8 is
 * written as the lone surrogate escape \udcXX (Python's surrogateescape),
 * which the reader turns back into that byte, so every name round-trips.
 *
 * The reader runs on covkit's own scanner (libprof/jscan.c, shared with
 * the gcov JSON reader; jansson's integers are signed 64-bit and would
 * refuse counts past INT64_MAX) and validates everything: exact
 * integers within each field's range, known keys only, required keys
 * present, indexes within the lists, set-mode hits 0 or 1. The document's
 * suites and inputs replace the label and name of the JSON input itself,
 * and its "family" decides which native output format the data has.
 */

/* ---- the record tables ---------------------------------------------- */

typedef struct js_ctx js_ctx;

typedef enum {
    JK_U32,    /* uint32_t */
    JK_U64,    /* uint64_t */
    JK_TAKEN,  /* uint64_t, PROF_NOT_EVALUATED written as null */
    JK_SUITES, /* uint32_t suite-set id, written as a list of indexes */
    JK_INPUT,  /* uint32_t index into "inputs" */
    JK_NAME    /* const char *, interned in the profile */
} js_kind;

static int js_value(prof_jscan *j, const prof_jkey *k, void *obj);

#define JS_FIELD(T, m, kind, req)                                              \
    {#m, js_value, kind, offsetof(T, m), (req) ? PROF_JK_REQUIRED : 0u, NULL}

static const prof_jkey js_block[] = {
    JS_FIELD(prof_block, start_line, JK_U32, true),
    JS_FIELD(prof_block, start_col, JK_U32, true),
    JS_FIELD(prof_block, end_line, JK_U32, true),
    JS_FIELD(prof_block, end_col, JK_U32, true),
    JS_FIELD(prof_block, stmts, JK_U32, true),
    JS_FIELD(prof_block, hits, JK_U64, true),
    JS_FIELD(prof_block, suites, JK_SUITES, false),
    JS_FIELD(prof_block, input, JK_INPUT, false),
    JS_FIELD(prof_block, line, JK_U32, false),
    JS_FIELD(prof_block, func, JK_NAME, false), /* written when known */
    {NULL, NULL, 0, 0, 0u, NULL},
};

static const prof_jkey js_function[] = {
    JS_FIELD(prof_function, name, JK_NAME, true),
    JS_FIELD(prof_function, start_line, JK_U32, true),
    JS_FIELD(prof_function, start_col, JK_U32, false),
    JS_FIELD(prof_function, end_line, JK_U32, false),
    JS_FIELD(prof_function, end_col, JK_U32, false),
    JS_FIELD(prof_function, hits, JK_U64, true),
    JS_FIELD(prof_function, suites, JK_SUITES, false),
    JS_FIELD(prof_function, input, JK_INPUT, false),
    {NULL, NULL, 0, 0, 0u, NULL},
};

static const prof_jkey js_branch[] = {
    JS_FIELD(prof_branch, line, JK_U32, true),
    JS_FIELD(prof_branch, block, JK_U32, true),
    JS_FIELD(prof_branch, branch, JK_U32, true),
    JS_FIELD(prof_branch, taken, JK_TAKEN, true),
    JS_FIELD(prof_branch, suites, JK_SUITES, false),
    {NULL, NULL, 0, 0, 0u, NULL},
};

static const char *const js_families[] = {"none", "go", "line", "mixed"};

/* ---- writer ----------------------------------------------------------- */

static uint32_t js_u32_at(const void *rec, size_t off)
{
    uint32_t v;
    memcpy(&v, (const char *)rec + off, sizeof v);
    return v;
}

static uint64_t js_u64_at(const void *rec, size_t off)
{
    uint64_t v;
    memcpy(&v, (const char *)rec + off, sizeof v);
    return v;
}

static void js_put_suites(const prof_profile *p, prof_sink *out, uint32_t set)
{
    const char *sep = "";
    prof_sink_putc(out, '[');
    for (size_t s = 0; s < prof_profile_nsuites(p); s++) {
        if (!prof_suites_has(p, set, s))
            continue;
        prof_sink_puts(out, sep);
        prof_sink_u64(out, s);
        sep = ", ";
    }
    prof_sink_putc(out, ']');
}

static void js_put_record(const prof_profile *p, prof_sink *out,
                          const prof_jkey *keys, const void *rec)
{
    prof_sink_putc(out, '{');
    for (const prof_jkey *k = keys; k->key; k++) {
        const char *name = NULL;
        if (k->kind == JK_NAME) {
            memcpy(&name, (const char *)rec + k->off, sizeof name);
            if (!name)
                continue; /* an optional name not known (a block's func) */
        }
        prof_sink_puts(out, k == keys ? "\"" : ", \"");
        prof_sink_puts(out, k->key);
        prof_sink_puts(out, "\": ");
        if (k->kind == JK_NAME) {
            prof_json_put_str(out, name);
        } else if (k->kind == JK_SUITES) {
            js_put_suites(p, out, js_u32_at(rec, k->off));
        } else if (k->kind == JK_U64 || k->kind == JK_TAKEN) {
            uint64_t v = js_u64_at(rec, k->off);
            if (k->kind == JK_TAKEN && v == PROF_NOT_EVALUATED)
                prof_sink_puts(out, "null");
            else
                prof_sink_u64(out, v);
        } else {
            prof_sink_u64(out, js_u32_at(rec, k->off));
        }
    }
    prof_sink_putc(out, '}');
}

/* "      "NAME": [\n        {..},\n ... ]": N records of size SZ. */
static void js_put_records(const prof_profile *p, prof_sink *out,
                           const char *name, const prof_jkey *keys,
                           const void *recs, size_t n, size_t sz)
{
    prof_sink_printf(out, "      \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        prof_sink_puts(out, i ? ",\n        " : "\n        ");
        js_put_record(p, out, keys, (const char *)recs + i * sz);
    }
    prof_sink_puts(out, n ? "\n      ]" : "]");
}

static void js_put_file(const prof_profile *p, prof_sink *out,
                        const prof_file *f)
{
    size_t nb, nf, nr;
    const prof_block *b = prof_file_blocks(f, &nb);
    const prof_function *fn = prof_file_functions(f, &nf);
    const prof_branch *br = prof_file_branches(f, &nr);
    prof_sink_puts(out, "    {\n      \"path\": ");
    prof_json_put_str(out, prof_file_path(f));
    prof_sink_puts(out, ",\n");
    js_put_records(p, out, "blocks", js_block, b, nb, sizeof *b);
    prof_sink_puts(out, ",\n");
    js_put_records(p, out, "functions", js_function, fn, nf, sizeof *fn);
    prof_sink_puts(out, ",\n");
    js_put_records(p, out, "branches", js_branch, br, nr, sizeof *br);
    prof_sink_puts(out, "\n    }");
}

static void js_put_names(prof_sink *out, const char *key, size_t n,
                         const char *(*get)(const prof_profile *, size_t),
                         const prof_profile *p)
{
    prof_sink_printf(out, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            prof_sink_puts(out, ", ");
        prof_json_put_str(out, get(p, i));
    }
    prof_sink_puts(out, "],\n");
}

static int js_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    (void)o;
    (void)err;
    prof_sink_printf(out, "{\n  \"covkit\": 1,\n  \"mode\": \"%s\",\n"
                          "  \"family\": \"%s\",\n",
                     prof_mode_name(prof_profile_mode(p)),
                     js_families[prof_profile_families(p) & 3]);
    js_put_names(out, "suites", prof_profile_nsuites(p), prof_profile_suite,
                 p);
    prof_sink_puts(out, "  \"named\": [");
    for (size_t i = 0, n = 0; i < prof_profile_nsuites(p); i++)
        if (prof_profile_suite_named(p, i))
            prof_sink_printf(out, "%s%zu", n++ ? ", " : "", i);
    prof_sink_puts(out, "],\n");
    js_put_names(out, "inputs", prof_profile_ninputs(p), prof_profile_input,
                 p);
    prof_sink_puts(out, "  \"files\": [");
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        prof_sink_puts(out, i ? ",\n" : "\n");
        js_put_file(p, out, prof_profile_file(p, i));
    }
    prof_sink_puts(out, prof_profile_nfiles(p) ? "\n  ]\n}\n" : "]\n}\n");
    return 0;
}

/* ---- reader: context (scanning is libprof/jscan.c) --------------------- */

struct js_ctx {
    prof_jscan j;
    prof_reader *r;
    /* largest suite and input indexes referenced, and where */
    uint64_t max_suite, max_input;
    unsigned long max_suite_line, max_input_line;
    unsigned long hits_line; /* first record with hits > 1, 0 if none */
    unsigned long wide_line; /* first block with columns 0 that is not a
                              * line record (WIDE), 0 if none */
    prof_block wide;
    uint64_t *named; /* "named" indexes, checked once "suites" is known */
    bool suites_read; /* "suites" was read: an index is checked at once */
    uint64_t most_suites; /* more than "suites" could list in the input */
    size_t nnamed, cap_named;
    unsigned long named_line;
};

#define js_fail(c, ...) prof_jscan_fail(&(c)->j, __VA_ARGS__)

typedef struct js_set {
    uint32_t id;
} js_set;

static int js_suite_item(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    js_set *set = ctx;
    uint64_t s;
    uint32_t one;
    PROF_TRY(prof_jscan_uint(j, "suites", UINT32_MAX - 1, &s));
    /* a suite set is a bit per suite up to its largest: an index is
     * checked before its set is made (SECURITY.md, Limits) */
    size_t nsuites = prof_profile_nsuites(c->r->p);
    if (c->suites_read ? s >= nsuites : s >= c->most_suites)
        return js_fail(c, "suite index %llu, but \"suites\" %s %llu",
                       (unsigned long long)s,
                       c->suites_read ? "lists" : "could list at most",
                       (unsigned long long)(c->suites_read ? nsuites
                                                           : c->most_suites));
    if (!c->max_suite_line || s > c->max_suite) {
        c->max_suite = s;
        c->max_suite_line = j->line;
    }
    if (prof_suiteset_single(c->r->p, (long)s, &one) < 0 ||
        prof_suiteset_add(c->r->p, set->id, one, &set->id) < 0)
        return prof_jscan_nomem(j);
    return 0;
}

static void js_store32(void *obj, size_t off, uint32_t v)
{
    memcpy((char *)obj + off, &v, sizeof v);
}

/* A field of the record tables (js_block, js_function, js_branch). */
static int js_value(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_ctx *c = j->user;
    uint64_t v;
    js_set set = {0};
    switch ((js_kind)k->kind) {
    case JK_NAME: {
        char what[32];
        snprintf(what, sizeof what, "a string for \"%s\"", k->key);
        PROF_TRY(prof_jscan_string(j, what));
        const char *s = prof_profile_intern(c->r->p, j->buf, j->len);
        if (!s)
            return prof_jscan_nomem(j);
        memcpy((char *)obj + k->off, &s, sizeof s);
        return 0;
    }
    case JK_SUITES:
        PROF_TRY(prof_jscan_array(j, k->key, js_suite_item, &set));
        js_store32(obj, k->off, set.id);
        return 0;
    case JK_TAKEN:
        if (prof_jscan_literal(j, "null")) {
            v = PROF_NOT_EVALUATED;
            memcpy((char *)obj + k->off, &v, sizeof v);
            return 0;
        }
        /* fall through */
    case JK_U64:
        PROF_TRY(prof_jscan_uint(j, k->key,
                                 UINT64_MAX - (k->kind == JK_TAKEN), &v));
        memcpy((char *)obj + k->off, &v, sizeof v);
        if (k->kind == JK_U64 && v > 1 && !c->hits_line)
            c->hits_line = j->line;
        return 0;
    case JK_INPUT:
    case JK_U32:
        PROF_TRY(prof_jscan_uint(j, k->key, UINT32_MAX, &v));
        js_store32(obj, k->off, (uint32_t)v);
        if (k->kind == JK_INPUT && (!c->max_input_line || v > c->max_input)) {
            c->max_input = v;
            c->max_input_line = j->line;
        }
        return 0;
    }
    return 0;
}

/* ---- reader: files ---------------------------------------------------- */

/* A record kind: its table and how to check and store one. */
typedef struct js_rec {
    const char *what;
    const prof_jkey *keys;
    int (*check)(js_ctx *c, const void *rec);
    int (*add)(prof_file *f, const void *rec);
} js_rec;

typedef union js_any {
    prof_block b;
    prof_function fn;
    prof_branch br;
} js_any;

/* A block may end before it starts (Go's //line ranges). A block with
 * columns 0 that is not one line with one statement is a Go block under
 * a //line directive: fine in Go data, not in a line-family document,
 * which js_check_refs refuses once "family" is known. */
static int js_check_block(js_ctx *c, const void *rec)
{
    const prof_block *b = rec;
    if (b->start_line == 0 || b->end_line == 0)
        return js_fail(c, "a block's lines start at 1, got start_line %u, "
                          "end_line %u", b->start_line, b->end_line);
    if (!b->start_col && !b->end_col && !c->wide_line &&
        (b->start_line != b->end_line || b->stmts != 1)) {
        c->wide_line = c->j.line;
        c->wide = *b;
    }
    return 0;
}

static int js_check_function(js_ctx *c, const void *rec)
{
    const prof_function *fn = rec;
    return fn->name[0] ? 0 : js_fail(c, "a function has an empty \"name\"");
}

static int js_add_block(prof_file *f, const void *rec)
{
    return prof_file_add_block(f, rec);
}

static int js_add_function(prof_file *f, const void *rec)
{
    return prof_file_add_function(f, rec);
}

static int js_add_branch(prof_file *f, const void *rec)
{
    return prof_file_add_branch(f, rec);
}

static const js_rec js_recs[] = {
    {"a block", js_block, js_check_block, js_add_block},
    {"a function", js_function, js_check_function, js_add_function},
    {"a branch", js_branch, NULL, js_add_branch},
};

/* A file object while it is read: its records wait in TMP until the path
 * is known (keys come in any order). */
typedef struct js_file {
    const char *path; /* interned */
    prof_file *tmp;    /* detached: adding may combine records by mode */
    const js_rec *rec; /* the array being read */
} js_file;

static int js_record_item(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    js_file *jf = ctx;
    js_any any;
    memset(&any, 0, sizeof any);
    j->what = jf->rec->what;
    PROF_TRY(prof_jscan_object(j, jf->rec->keys, 0, &any));
    if (jf->rec->check)
        PROF_TRY(jf->rec->check(c, &any));
    if (jf->rec->add(jf->tmp, &any) < 0)
        return prof_jscan_nomem(j);
    return 0;
}

static int js_file_records(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_file *jf = obj;
    jf->rec = &js_recs[k->off];
    return prof_jscan_array(j, k->key, js_record_item, jf);
}

static int js_file_path(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_file *jf = obj;
    (void)k;
    PROF_TRY(prof_jscan_string(j, "a string for \"path\""));
    if (j->len == 0)
        return prof_jscan_fail(j, "a file has an empty \"path\"");
    jf->path = prof_profile_intern(((js_ctx *)j->user)->r->p, j->buf,
                                   j->len);
    return jf->path ? 0 : prof_jscan_nomem(j);
}

static const prof_jkey js_file_keys[] = {
    {"path", js_file_path, 0, 0, PROF_JK_REQUIRED, NULL},
    {"blocks", js_file_records, 0, 0, PROF_JK_REQUIRED, NULL},
    {"functions", js_file_records, 0, 1, PROF_JK_REQUIRED, NULL},
    {"branches", js_file_records, 0, 2, PROF_JK_REQUIRED, NULL},
    {NULL, NULL, 0, 0, 0u, NULL},
};

static int js_file_item(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    (void)ctx;
    js_file jf;
    memset(&jf, 0, sizeof jf);
    if (!(jf.tmp = prof_file_detached(c->r->p, NULL)))
        return prof_jscan_nomem(j);
    j->what = "a file";
    int rc = prof_jscan_object(j, js_file_keys, 0, &jf);
    if (rc == 0) {
        const prof_file *t = jf.tmp;
        size_t nb, nf, nr;
        const prof_block *b = prof_file_blocks(t, &nb);
        const prof_function *fn = prof_file_functions(t, &nf);
        const prof_branch *br = prof_file_branches(t, &nr);
        prof_file *f = prof_profile_file_get(c->r->p, jf.path,
                                             strlen(jf.path));
        if (!f || prof_file_append(f, b, nb, fn, nf, br, nr) < 0)
            rc = prof_jscan_nomem(j);
    }
    prof_file_detached_free(jf.tmp);
    return rc;
}

/* ---- reader: the document --------------------------------------------- */

static int js_top_version(prof_jscan *j, const prof_jkey *k, void *obj)
{
    uint64_t v;
    (void)obj;
    PROF_TRY(prof_jscan_uint(j, k->key, UINT32_MAX, &v));
    if (v != 1)
        return prof_jscan_fail(j, "unsupported covkit JSON version %llu "
                                  "(this covkit reads version 1)",
                               (unsigned long long)v);
    return 0;
}

static int js_top_mode(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_ctx *c = j->user;
    char q[128];
    (void)k;
    (void)obj;
    PROF_TRY(prof_jscan_string(j, "a string for \"mode\""));
    prof_mode m = prof_mode_parse(j->buf);
    if (m == PROF_MODE_NONE && strcmp(j->buf, "none"))
        return prof_jscan_fail(j, "unknown mode %s (expected set, count, "
                                  "atomic or none)",
                               prof_quote(q, sizeof q, j->buf, j->len));
    prof_reader_set_mode(c->r, m);
    return 0;
}

static int js_top_family(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_ctx *c = j->user;
    char q[128];
    (void)k;
    (void)obj;
    PROF_TRY(prof_jscan_string(j, "a string for \"family\""));
    for (unsigned i = 0; i < 4; i++)
        if (!strcmp(j->buf, js_families[i])) {
            prof_reader_set_families(c->r, i);
            return 0;
        }
    return prof_jscan_fail(j, "unknown family %s (expected go, line, mixed "
                              "or none)",
                           prof_quote(q, sizeof q, j->buf, j->len));
}

static int js_suite_name(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    char q[128];
    (void)ctx;
    PROF_TRY(prof_jscan_string(j, "a string in \"suites\""));
    size_t before = prof_profile_nsuites(c->r->p);
    int s = prof_profile_suite_index(c->r->p, j->buf);
    if (s < 0)
        return prof_jscan_nomem(j);
    if ((size_t)s != before)
        return prof_jscan_fail(j, "suite %s is listed twice in \"suites\"",
                               prof_quote(q, sizeof q, j->buf, j->len));
    return 0;
}

static int js_input_name(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    (void)ctx;
    PROF_TRY(prof_jscan_string(j, "a string in \"inputs\""));
    return prof_profile_add_input(c->r->p, j->buf) < 0 ? prof_jscan_nomem(j)
                                                         : 0;
}

static int js_named_item(prof_jscan *j, void *ctx)
{
    js_ctx *c = j->user;
    uint64_t v;
    (void)ctx;
    PROF_TRY(prof_jscan_uint(j, "named", UINT32_MAX - 1, &v));
    if (prof_grow((void **)&c->named, &c->cap_named, c->nnamed,
                  sizeof *c->named) < 0)
        return prof_jscan_nomem(j);
    c->named[c->nnamed++] = v;
    c->named_line = j->line;
    return 0;
}

static int js_top_list(prof_jscan *j, const prof_jkey *k, void *obj)
{
    js_ctx *c = j->user;
    (void)obj;
    int rc = prof_jscan_array(j, k->key, k->off == 0   ? js_suite_name
                                         : k->off == 1 ? js_input_name
                                         : k->off == 3 ? js_named_item
                                                       : js_file_item,
                              NULL);
    c->suites_read |= rc == 0 && k->off == 0;
    return rc;
}

#define JS_REQ PROF_JK_REQUIRED
static const prof_jkey js_top[] = {
    {"covkit", js_top_version, 0, 0, JS_REQ | PROF_JK_FIRST, NULL},
    {"mode", js_top_mode, 0, 0, JS_REQ, NULL},
    {"family", js_top_family, 0, 0, JS_REQ, NULL},
    {"suites", js_top_list, 0, 0, JS_REQ, NULL},
    {"inputs", js_top_list, 0, 1, JS_REQ, NULL},
    {"files", js_top_list, 0, 2, JS_REQ, NULL},
    {"named", js_top_list, 0, 3, 0u, NULL},
    {NULL, NULL, 0, 0, 0u, NULL},
};

/* Indexes and set-mode counts, once every list is known. */
static int js_check_refs(js_ctx *c)
{
    const prof_profile *p = c->r->p;
    size_t nsuites = prof_profile_nsuites(p);
    size_t ninputs = prof_profile_ninputs(p);
    if (c->max_suite_line && c->max_suite >= nsuites) {
        c->j.line = c->max_suite_line;
        return js_fail(c, "suite index %llu, but \"suites\" lists %zu",
                       (unsigned long long)c->max_suite, nsuites);
    }
    if (c->max_input_line && c->max_input >= ninputs) {
        c->j.line = c->max_input_line;
        return js_fail(c, "input index %llu, but \"inputs\" lists %zu",
                       (unsigned long long)c->max_input, ninputs);
    }
    for (size_t i = 0; i < c->nnamed; i++) {
        if (c->named[i] >= nsuites) {
            c->j.line = c->named_line;
            return js_fail(c, "\"named\" lists suite %llu, but \"suites\" "
                              "lists %zu", (unsigned long long)c->named[i],
                           nsuites);
        }
        prof_profile_suite_name(c->r->p, (size_t)c->named[i]);
    }
    if (prof_profile_families(p) == PROF_FAMILY_LINE && c->wide_line) {
        c->j.line = c->wide_line;
        return js_fail(c, "expected a line record (columns 0) to be one "
                          "line with 1 statement in line-family data, got "
                          "%u.0,%u.0 with %u",
                       c->wide.start_line, c->wide.end_line, c->wide.stmts);
    }
    if (prof_profile_mode(p) == PROF_MODE_SET && c->hits_line) {
        c->j.line = c->hits_line;
        return js_fail(c, "hits greater than 1 in a set-mode document "
                          "(expected 0 or 1)");
    }
    return 0;
}

/* Merge duplicate records now, so that a conflict inside the document
 * names the document (and the input and line it records). */
static int js_normalize(prof_reader *r)
{
    prof_error e;
    int rc = prof_profile_normalize(r->p, &e);
    if (rc == 0 || !r->err)
        return rc;
    char at[300];
    snprintf(at, sizeof at, e.line ? "%s:%lu" : "%s", e.path, e.line);
    return prof_reader_fail(r, rc, 0, "records of %s in the document: %s",
                            at, e.msg);
}

static int js_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    js_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    prof_jscan_init(&c.j, r, buf, len);
    c.j.user = &c;
    c.j.what = "the document";
    c.most_suites = len / 3 + 1; /* each label takes "", and a comma */
    /* the document's suites and inputs replace the input's own */
    prof_reader_clear_names(r);
    int rc = prof_jscan_object(&c.j, js_top, 0, NULL);
    if (rc == 0) {
        prof_jscan_ws(&c.j);
        if (c.j.s < c.j.end)
            rc = prof_jscan_expected(&c.j, "the end of the input after the "
                                           "document");
    }
    if (rc == 0)
        rc = js_check_refs(&c);
    if (rc == 0)
        rc = js_normalize(r);
    prof_jscan_free(&c.j);
    free(c.named);
    return rc;
}

static int js_detect(const unsigned char *buf, size_t len)
{
    size_t i = prof_jscan_object_start(buf, len);
    if (!i)
        return 0;
    i = prof_jscan_skip_ws(buf, len, i);
    return len - i >= 8 && !memcmp(buf + i, "\"covkit\"", 8) ? 100 : 0;
}

const prof_format prof_format_json = {
    .name = "json",
    .description = "covkit's lossless JSON of the whole model",
    .detect = js_detect,
    .read = js_read,
    .write = js_write,
};
