/* json.c - covkit's own JSON of the whole model (covkit-formats(5), "json"). */
#include "../libprof/internal.h"

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
 * The reader is hand-written (jansson's integers are signed 64-bit and
 * would refuse counts past INT64_MAX) and validates everything: exact
 * integers within each field's range, known keys only, required keys
 * present, indexes within the lists, set-mode hits 0 or 1. The document's
 * suites and inputs replace the label and name of the JSON input itself,
 * and its "family" decides which native output format the data has.
 */

/* ---- the record tables ---------------------------------------------- */

typedef struct js_ctx js_ctx;
typedef struct js_key js_key;

typedef enum {
    JK_U32,    /* uint32_t */
    JK_U64,    /* uint64_t */
    JK_TAKEN,  /* uint64_t, PROF_NOT_EVALUATED written as null */
    JK_SUITES, /* uint32_t suite-set id, written as a list of indexes */
    JK_INPUT,  /* uint32_t index into "inputs" */
    JK_NAME,   /* const char *, interned in the profile */
    JK_OTHER   /* read by the key's own function */
} js_kind;

struct js_key {
    const char *key;
    js_kind kind;
    size_t off;
    bool required;
    bool first; /* must be the first key of its object */
    int (*read)(js_ctx *c, const js_key *k, void *obj); /* JK_OTHER */
};

#define JS_FIELD(T, m, kind, req) {#m, kind, offsetof(T, m), req, false, NULL}

static const js_key js_block[] = {
    JS_FIELD(prof_block, start_line, JK_U32, true),
    JS_FIELD(prof_block, start_col, JK_U32, true),
    JS_FIELD(prof_block, end_line, JK_U32, true),
    JS_FIELD(prof_block, end_col, JK_U32, true),
    JS_FIELD(prof_block, stmts, JK_U32, true),
    JS_FIELD(prof_block, hits, JK_U64, true),
    JS_FIELD(prof_block, suites, JK_SUITES, false),
    JS_FIELD(prof_block, input, JK_INPUT, false),
    JS_FIELD(prof_block, line, JK_U32, false),
    {NULL, 0, 0, false, false, NULL},
};

static const js_key js_function[] = {
    JS_FIELD(prof_function, name, JK_NAME, true),
    JS_FIELD(prof_function, start_line, JK_U32, true),
    JS_FIELD(prof_function, start_col, JK_U32, false),
    JS_FIELD(prof_function, end_line, JK_U32, false),
    JS_FIELD(prof_function, end_col, JK_U32, false),
    JS_FIELD(prof_function, hits, JK_U64, true),
    JS_FIELD(prof_function, suites, JK_SUITES, false),
    JS_FIELD(prof_function, input, JK_INPUT, false),
    {NULL, 0, 0, false, false, NULL},
};

static const js_key js_branch[] = {
    JS_FIELD(prof_branch, line, JK_U32, true),
    JS_FIELD(prof_branch, block, JK_U32, true),
    JS_FIELD(prof_branch, branch, JK_U32, true),
    JS_FIELD(prof_branch, taken, JK_TAKEN, true),
    JS_FIELD(prof_branch, suites, JK_SUITES, false),
    {NULL, 0, 0, false, false, NULL},
};

static const char *const js_families[] = {"none", "go", "line", "mixed"};

/* ---- writer ----------------------------------------------------------- */

static void js_put_str(prof_sink *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), run = 0;
    prof_sink_putc(out, '"');
    for (size_t i = 0; i < n;) {
        size_t k = u[i] >= 0x80 ? prof_utf8_len(u + i, n - i) : 1;
        bool plain = k > 1 || (u[i] >= 0x20 && u[i] != '"' && u[i] != '\\' &&
                               u[i] < 0x80);
        if (plain) {
            run += k;
            i += k;
            continue;
        }
        prof_sink_write(out, s + i - run, run);
        run = 0;
        if (u[i] == '"' || u[i] == '\\') {
            prof_sink_putc(out, '\\');
            prof_sink_putc(out, (char)u[i]);
        } else if (u[i] == '\n') {
            prof_sink_puts(out, "\\n");
        } else if (u[i] == '\t') {
            prof_sink_puts(out, "\\t");
        } else { /* control byte, or a byte that is not UTF-8 */
            prof_sink_puts(out, u[i] < 0x80 ? "\\u00" : "\\udc");
            prof_sink_putc(out, hex[u[i] >> 4]);
            prof_sink_putc(out, hex[u[i] & 15]);
        }
        i++;
    }
    prof_sink_write(out, s + n - run, run);
    prof_sink_putc(out, '"');
}

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
                          const js_key *keys, const void *rec)
{
    prof_sink_putc(out, '{');
    for (const js_key *k = keys; k->key; k++) {
        prof_sink_puts(out, k == keys ? "\"" : ", \"");
        prof_sink_puts(out, k->key);
        prof_sink_puts(out, "\": ");
        if (k->kind == JK_NAME) {
            const char *name;
            memcpy(&name, (const char *)rec + k->off, sizeof name);
            js_put_str(out, name);
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
                           const char *name, const js_key *keys,
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
    js_put_str(out, prof_file_path(f));
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
        js_put_str(out, get(p, i));
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
                     js_families[p->families & 3]);
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

/* ---- reader: scanning ------------------------------------------------- */

struct js_ctx {
    prof_reader *r;
    const unsigned char *s, *end;
    unsigned long line;
    char *buf; /* the last string read, NUL-terminated */
    size_t len, cap;
    const char *what; /* the object being read, for messages */
    /* largest suite and input indexes referenced, and where */
    uint64_t max_suite, max_input;
    unsigned long max_suite_line, max_input_line;
    unsigned long hits_line; /* first record with hits > 1, 0 if none */
    bool have_suites, have_inputs;
    uint64_t *named; /* "named" indexes, checked once "suites" is known */
    size_t nnamed, cap_named;
    unsigned long named_line;
};

static void js_ws(js_ctx *c)
{
    while (c->s < c->end) {
        unsigned char ch = *c->s;
        if (ch == '\n')
            c->line++;
        else if (ch != ' ' && ch != '\t' && ch != '\r')
            return;
        c->s++;
    }
}

static int js_fail(js_ctx *c, const char *fmt, ...) PROF_PRINTF(2, 3);
static int js_fail(js_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    prof_error_vset(c->r->err, PROF_EFORMAT, c->r->name, c->line, fmt, ap);
    va_end(ap);
    return PROF_EFORMAT;
}

/* "expected WHAT, got TOKEN" at the current position. */
static int js_expected(js_ctx *c, const char *what)
{
    char q[128];
    js_ws(c);
    if (c->s >= c->end)
        return js_fail(c, "expected %s, got the end of the input", what);
    size_t n = 0, max = (size_t)(c->end - c->s);
    while (n < max && n < 24 && !strchr(",:]}\r\n", c->s[n]))
        n++;
    return js_fail(c, "expected %s, got %s", what,
                   prof_quote(q, sizeof q, (const char *)c->s, n ? n : 1));
}

static bool js_eat(js_ctx *c, char ch)
{
    js_ws(c);
    if (c->s < c->end && *c->s == (unsigned char)ch) {
        c->s++;
        return true;
    }
    return false;
}

static int js_need(js_ctx *c, char ch)
{
    char what[8];
    snprintf(what, sizeof what, "'%c'", ch);
    return js_eat(c, ch) ? 0 : js_expected(c, what);
}

static int js_putb(js_ctx *c, unsigned char b)
{
    if (c->len + 1 >= c->cap &&
        prof_grow((void **)&c->buf, &c->cap, c->len + 1, 1) < 0)
        return js_fail(c, "out of memory");
    c->buf[c->len++] = (char)b;
    c->buf[c->len] = '\0';
    return 0;
}

static int js_hex4(js_ctx *c, unsigned *v)
{
    *v = 0;
    if (c->end - c->s < 4)
        return js_fail(c, "expected 4 hex digits after \\u");
    for (int i = 0; i < 4; i++) {
        unsigned char h = *c->s++;
        unsigned d = h >= '0' && h <= '9'   ? h - '0'
                     : h >= 'a' && h <= 'f' ? h - 'a' + 10
                     : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                            : 16;
        if (d == 16)
            return js_fail(c, "expected 4 hex digits after \\u");
        *v = *v << 4 | d;
    }
    return 0;
}

static int js_put_utf8(js_ctx *c, unsigned cp)
{
    if (cp < 0x80)
        return js_putb(c, (unsigned char)cp);
    if (cp < 0x800) {
        PROF_TRY(js_putb(c, (unsigned char)(0xc0 | cp >> 6)));
    } else {
        if (cp < 0x10000) {
            PROF_TRY(js_putb(c, (unsigned char)(0xe0 | cp >> 12)));
        } else {
            PROF_TRY(js_putb(c, (unsigned char)(0xf0 | cp >> 18)));
            PROF_TRY(js_putb(c, (unsigned char)(0x80 | (cp >> 12 & 0x3f))));
        }
        PROF_TRY(js_putb(c, (unsigned char)(0x80 | (cp >> 6 & 0x3f))));
    }
    return js_putb(c, (unsigned char)(0x80 | (cp & 0x3f)));
}

/* \uXXXX (the 'u' consumed): a code point, a surrogate pair, or \udc80 to
 * \udcff for a raw byte that is not UTF-8. */
static int js_unicode(js_ctx *c)
{
    unsigned cp, lo;
    PROF_TRY(js_hex4(c, &cp));
    if (cp >= 0xdc80 && cp <= 0xdcff)
        return js_putb(c, (unsigned char)(cp - 0xdc00));
    if (cp >= 0xd800 && cp <= 0xdbff) {
        if (c->end - c->s < 2 || c->s[0] != '\\' || c->s[1] != 'u')
            return js_fail(c, "expected a low surrogate \\uDC00-\\uDFFF "
                              "after \\u%04X", cp);
        c->s += 2;
        PROF_TRY(js_hex4(c, &lo));
        if (lo < 0xdc00 || lo > 0xdfff)
            return js_fail(c, "expected a low surrogate \\uDC00-\\uDFFF "
                              "after \\u%04X", cp);
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
        return js_fail(c, "lone surrogate \\u%04X in a string (only "
                          "\\uDC80-\\uDCFF stand for raw bytes)", cp);
    }
    if (cp == 0)
        return js_fail(c, "\\u0000 in a string (names cannot hold NUL)");
    return js_put_utf8(c, cp);
}

static int js_escape(js_ctx *c)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (c->s >= c->end)
        return js_fail(c, "expected an escape after '\\', got the end of "
                          "the input");
    unsigned char e = *c->s++;
    const char *at = e ? strchr(from, e) : NULL;
    if (at)
        return js_putb(c, (unsigned char)to[at - from]);
    if (e == 'u')
        return js_unicode(c);
    return js_fail(c, "unknown escape '\\%c' in a string", e);
}

/* A string into c->buf; FOR names what it is, for messages. */
static int js_string(js_ctx *c, const char *what)
{
    if (!js_eat(c, '"'))
        return js_expected(c, what);
    c->len = 0;
    PROF_TRY(js_putb(c, 0));
    c->len = 0;
    for (;;) {
        if (c->s >= c->end)
            return js_fail(c, "unterminated string");
        unsigned char ch = *c->s;
        if (ch == '"') {
            c->s++;
            return 0;
        }
        if (ch == '\\') {
            c->s++;
            PROF_TRY(js_escape(c));
            continue;
        }
        if (ch < 0x20)
            return js_fail(c, "control byte 0x%02x in a string (write it "
                              "as \\u%04x)", ch, ch);
        size_t k = ch < 0x80 ? 1
                             : prof_utf8_len(c->s, (size_t)(c->end - c->s));
        if (k == 0)
            return js_fail(c, "a string is not UTF-8 (write a raw byte XX "
                              "as \\udcXX)");
        for (size_t i = 0; i < k; i++)
            PROF_TRY(js_putb(c, *c->s++));
    }
}

/* An unsigned integer up to MAX for key KEY. */
static int js_uint(js_ctx *c, const char *key, uint64_t max, uint64_t *out)
{
    char what[96];
    snprintf(what, sizeof what, "an unsigned integer for \"%s\"", key);
    js_ws(c);
    const unsigned char *b = c->s;
    uint64_t v = 0;
    bool range = true;
    while (c->s < c->end && *c->s >= '0' && *c->s <= '9') {
        uint64_t d = (uint64_t)(*c->s++ - '0');
        if (v > (max - d) / 10 || (v > max / 10))
            range = false;
        v = v * 10 + d;
    }
    bool frac = c->s < c->end && strchr(".eE", *c->s) && *c->s;
    if (c->s == b || frac || (c->s - b > 1 && *b == '0')) {
        c->s = b;
        return js_expected(c, what);
    }
    if (!range) {
        c->s = b;
        return js_fail(c, "\"%s\" is out of range: the largest is %llu",
                       key, (unsigned long long)max);
    }
    *out = v;
    return 0;
}

static bool js_literal(js_ctx *c, const char *word)
{
    size_t n = strlen(word);
    js_ws(c);
    if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n))
        return false;
    c->s += n;
    return true;
}

/* '[' ITEM (',' ITEM)* ']' with ITEM called for each element. */
static int js_array(js_ctx *c, const char *key,
                    int (*item)(js_ctx *c, void *ctx), void *ctx)
{
    char what[96];
    snprintf(what, sizeof what, "an array for \"%s\"", key);
    if (!js_eat(c, '['))
        return js_expected(c, what);
    if (js_eat(c, ']'))
        return 0;
    do
        PROF_TRY(item(c, ctx));
    while (js_eat(c, ','));
    return js_eat(c, ']') ? 0 : js_expected(c, "',' or ']' in an array");
}

/* ---- reader: objects -------------------------------------------------- */

static int js_unknown_key(js_ctx *c, const js_key *keys)
{
    char list[320], q[128];
    size_t o = 0;
    list[0] = '\0';
    for (const js_key *k = keys; k->key && o < sizeof list; k++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                              k == keys ? "" : ", ", k->key);
    return js_fail(c, "unknown key %s in %s (expected %s)",
                   prof_quote(q, sizeof q, c->buf, c->len), c->what, list);
}

static int js_value(js_ctx *c, const js_key *k, void *obj);

/* '{' "key": value, ... '}' over the table KEYS, into OBJ. */
static int js_object(js_ctx *c, const js_key *keys, void *obj)
{
    unsigned seen = 0;
    unsigned long start = c->line;
    if (!js_eat(c, '{')) {
        char what[64];
        snprintf(what, sizeof what, "'{' to start %s", c->what);
        return js_expected(c, what);
    }
    if (!js_eat(c, '}')) {
        do {
            PROF_TRY(js_string(c, "a key in double quotes"));
            size_t i = 0;
            while (keys[i].key && strcmp(keys[i].key, c->buf))
                i++;
            if (!keys[i].key)
                return js_unknown_key(c, keys);
            if (!seen && i && keys[0].first)
                return js_fail(c, "expected \"%s\" as the first key of %s, "
                                  "got \"%s\"", keys[0].key, c->what,
                               keys[i].key);
            if (seen & 1u << i)
                return js_fail(c, "key \"%s\" appears twice in %s",
                               keys[i].key, c->what);
            seen |= 1u << i;
            PROF_TRY(js_need(c, ':'));
            PROF_TRY(js_value(c, &keys[i], obj));
        } while (js_eat(c, ','));
        if (!js_eat(c, '}')) {
            char what[64];
            snprintf(what, sizeof what, "',' or '}' in %s", c->what);
            return js_expected(c, what);
        }
    }
    for (size_t i = 0; keys[i].key; i++)
        if (keys[i].required && !(seen & 1u << i)) {
            c->line = start;
            return js_fail(c, "%s has no \"%s\"", c->what, keys[i].key);
        }
    return 0;
}

typedef struct js_set {
    uint32_t id;
} js_set;

static int js_suite_item(js_ctx *c, void *ctx)
{
    js_set *set = ctx;
    uint64_t s;
    uint32_t one;
    PROF_TRY(js_uint(c, "suites", UINT32_MAX - 1, &s));
    if (!c->max_suite_line || s > c->max_suite) {
        c->max_suite = s;
        c->max_suite_line = c->line;
    }
    if (prof_suiteset_single(c->r->p, (long)s, &one) < 0 ||
        prof_suiteset_union(c->r->p, set->id, one, &set->id) < 0)
        return js_fail(c, "out of memory");
    return 0;
}

static void js_store32(void *obj, size_t off, uint32_t v)
{
    memcpy((char *)obj + off, &v, sizeof v);
}

static int js_value(js_ctx *c, const js_key *k, void *obj)
{
    uint64_t v;
    js_set set = {0};
    switch (k->kind) {
    case JK_OTHER: return k->read(c, k, obj);
    case JK_NAME: {
        PROF_TRY(js_string(c, "a string for \"name\""));
        const char *s = prof_profile_intern(c->r->p, c->buf, c->len);
        if (!s)
            return js_fail(c, "out of memory");
        memcpy((char *)obj + k->off, &s, sizeof s);
        return 0;
    }
    case JK_SUITES:
        PROF_TRY(js_array(c, k->key, js_suite_item, &set));
        js_store32(obj, k->off, set.id);
        return 0;
    case JK_TAKEN:
        if (js_literal(c, "null")) {
            v = PROF_NOT_EVALUATED;
            memcpy((char *)obj + k->off, &v, sizeof v);
            return 0;
        }
        /* fall through */
    case JK_U64:
        PROF_TRY(js_uint(c, k->key, UINT64_MAX - (k->kind == JK_TAKEN), &v));
        memcpy((char *)obj + k->off, &v, sizeof v);
        if (k->kind == JK_U64 && v > 1 && !c->hits_line)
            c->hits_line = c->line;
        return 0;
    case JK_INPUT:
    case JK_U32:
        PROF_TRY(js_uint(c, k->key, UINT32_MAX, &v));
        js_store32(obj, k->off, (uint32_t)v);
        if (k->kind == JK_INPUT && (!c->max_input_line || v > c->max_input)) {
            c->max_input = v;
            c->max_input_line = c->line;
        }
        return 0;
    }
    return 0;
}

/* ---- reader: files ---------------------------------------------------- */

/* A record kind: its table and how to check and store one. */
typedef struct js_rec {
    const char *what;
    const js_key *keys;
    int (*check)(js_ctx *c, const void *rec);
    int (*add)(prof_file *f, const void *rec);
} js_rec;

typedef union js_any {
    prof_block b;
    prof_function fn;
    prof_branch br;
} js_any;

static int js_check_block(js_ctx *c, const void *rec)
{
    const prof_block *b = rec;
    if (b->start_line == 0 || b->end_line == 0)
        return js_fail(c, "a block's lines start at 1, got start_line %u, "
                          "end_line %u", b->start_line, b->end_line);
    if (b->end_line < b->start_line ||
        (b->end_line == b->start_line && b->end_col < b->start_col))
        return js_fail(c, "block %u.%u,%u.%u ends before it starts",
                       b->start_line, b->start_col, b->end_line, b->end_col);
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
    prof_file tmp;
    const js_rec *rec; /* the array being read */
} js_file;

static int js_record_item(js_ctx *c, void *ctx)
{
    js_file *jf = ctx;
    js_any any;
    memset(&any, 0, sizeof any);
    c->what = jf->rec->what;
    PROF_TRY(js_object(c, jf->rec->keys, &any));
    if (jf->rec->check)
        PROF_TRY(jf->rec->check(c, &any));
    if (jf->rec->add(&jf->tmp, &any) < 0)
        return js_fail(c, "out of memory");
    return 0;
}

static int js_file_records(js_ctx *c, const js_key *k, void *obj)
{
    js_file *jf = obj;
    jf->rec = &js_recs[k->off];
    int rc = js_array(c, k->key, js_record_item, jf);
    c->what = "a file";
    return rc;
}

static int js_file_path(js_ctx *c, const js_key *k, void *obj)
{
    js_file *jf = obj;
    (void)k;
    PROF_TRY(js_string(c, "a string for \"path\""));
    if (c->len == 0)
        return js_fail(c, "a file has an empty \"path\"");
    jf->path = prof_profile_intern(c->r->p, c->buf, c->len);
    return jf->path ? 0 : js_fail(c, "out of memory");
}

static const js_key js_file_keys[] = {
    {"path", JK_OTHER, 0, true, false, js_file_path},
    {"blocks", JK_OTHER, 0, true, false, js_file_records},
    {"functions", JK_OTHER, 1, true, false, js_file_records},
    {"branches", JK_OTHER, 2, true, false, js_file_records},
    {NULL, 0, 0, false, false, NULL},
};

/* Move the records of T into F. */
static int js_file_move(prof_file *f, const prof_file *t)
{
    for (size_t i = 0; i < t->nblocks; i++)
        PROF_TRY(prof_file_add_block(f, &t->blocks[i]));
    for (size_t i = 0; i < t->nfuncs; i++)
        PROF_TRY(prof_file_add_function(f, &t->funcs[i]));
    for (size_t i = 0; i < t->nbranches; i++)
        PROF_TRY(prof_file_add_branch(f, &t->branches[i]));
    return 0;
}

static int js_file_item(js_ctx *c, void *ctx)
{
    (void)ctx;
    js_file jf;
    memset(&jf, 0, sizeof jf);
    jf.tmp.owner = c->r->p; /* adding may combine records by its mode */
    c->what = "a file";
    int rc = js_object(c, js_file_keys, &jf);
    if (rc == 0) {
        prof_file *f = prof_profile_file_get(c->r->p, jf.path,
                                             strlen(jf.path));
        if (!f || js_file_move(f, &jf.tmp) < 0)
            rc = js_fail(c, "out of memory");
    }
    free(jf.tmp.blocks);
    free(jf.tmp.funcs);
    free(jf.tmp.branches);
    return rc;
}

/* ---- reader: the document --------------------------------------------- */

static int js_top_version(js_ctx *c, const js_key *k, void *obj)
{
    uint64_t v;
    (void)obj;
    PROF_TRY(js_uint(c, k->key, UINT32_MAX, &v));
    if (v != 1)
        return js_fail(c, "unsupported covkit JSON version %llu (this "
                          "covkit reads version 1)", (unsigned long long)v);
    return 0;
}

static int js_top_mode(js_ctx *c, const js_key *k, void *obj)
{
    char q[128];
    (void)k;
    (void)obj;
    PROF_TRY(js_string(c, "a string for \"mode\""));
    prof_mode m = prof_mode_parse(c->buf);
    if (m == PROF_MODE_NONE && strcmp(c->buf, "none"))
        return js_fail(c, "unknown mode %s (expected set, count, atomic or "
                          "none)", prof_quote(q, sizeof q, c->buf, c->len));
    c->r->p->mode = m;
    return 0;
}

static int js_top_family(js_ctx *c, const js_key *k, void *obj)
{
    char q[128];
    (void)k;
    (void)obj;
    PROF_TRY(js_string(c, "a string for \"family\""));
    for (unsigned i = 0; i < 4; i++)
        if (!strcmp(c->buf, js_families[i])) {
            c->r->p->families = i;
            return 0;
        }
    return js_fail(c, "unknown family %s (expected go, line, mixed or "
                      "none)", prof_quote(q, sizeof q, c->buf, c->len));
}

static int js_suite_name(js_ctx *c, void *ctx)
{
    char q[128];
    (void)ctx;
    PROF_TRY(js_string(c, "a string in \"suites\""));
    size_t before = c->r->p->nsuites;
    int s = prof_profile_suite_index(c->r->p, c->buf);
    if (s < 0)
        return js_fail(c, "out of memory");
    if ((size_t)s != before)
        return js_fail(c, "suite %s is listed twice in \"suites\"",
                       prof_quote(q, sizeof q, c->buf, c->len));
    return 0;
}

static int js_input_name(js_ctx *c, void *ctx)
{
    (void)ctx;
    PROF_TRY(js_string(c, "a string in \"inputs\""));
    return prof_profile_add_input(c->r->p, c->buf) < 0
               ? js_fail(c, "out of memory")
               : 0;
}

static int js_named_item(js_ctx *c, void *ctx)
{
    uint64_t v;
    (void)ctx;
    PROF_TRY(js_uint(c, "named", UINT32_MAX - 1, &v));
    if (prof_grow((void **)&c->named, &c->cap_named, c->nnamed,
                  sizeof *c->named) < 0)
        return js_fail(c, "out of memory");
    c->named[c->nnamed++] = v;
    c->named_line = c->line;
    return 0;
}

static int js_top_list(js_ctx *c, const js_key *k, void *obj)
{
    (void)obj;
    int rc = js_array(c, k->key, k->off == 0   ? js_suite_name
                                 : k->off == 1 ? js_input_name
                                 : k->off == 3 ? js_named_item
                                               : js_file_item,
                      NULL);
    c->what = "the document";
    return rc;
}

static const js_key js_top[] = {
    {"covkit", JK_OTHER, 0, true, true, js_top_version},
    {"mode", JK_OTHER, 0, true, false, js_top_mode},
    {"family", JK_OTHER, 0, true, false, js_top_family},
    {"suites", JK_OTHER, 0, true, false, js_top_list},
    {"inputs", JK_OTHER, 1, true, false, js_top_list},
    {"files", JK_OTHER, 2, true, false, js_top_list},
    {"named", JK_OTHER, 3, false, false, js_top_list},
    {NULL, 0, 0, false, false, NULL},
};

/* Indexes and set-mode counts, once every list is known. */
static int js_check_refs(js_ctx *c)
{
    const prof_profile *p = c->r->p;
    if (c->max_suite_line && c->max_suite >= p->nsuites) {
        c->line = c->max_suite_line;
        return js_fail(c, "suite index %llu, but \"suites\" lists %zu",
                       (unsigned long long)c->max_suite, p->nsuites);
    }
    if (c->max_input_line && c->max_input >= p->ninputs) {
        c->line = c->max_input_line;
        return js_fail(c, "input index %llu, but \"inputs\" lists %zu",
                       (unsigned long long)c->max_input, p->ninputs);
    }
    for (size_t i = 0; i < c->nnamed; i++) {
        if (c->named[i] >= p->nsuites) {
            c->line = c->named_line;
            return js_fail(c, "\"named\" lists suite %llu, but \"suites\" "
                              "lists %zu", (unsigned long long)c->named[i],
                           p->nsuites);
        }
        prof_profile_suite_name(c->r->p, (size_t)c->named[i]);
    }
    if (p->mode == PROF_MODE_SET && c->hits_line) {
        c->line = c->hits_line;
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

static size_t js_skip_bom(const unsigned char *buf, size_t len)
{
    return len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;
}

static int js_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    js_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.s = buf + js_skip_bom(buf, len);
    c.end = buf + len;
    c.line = 1;
    c.what = "the document";
    /* the document's suites and inputs replace the input's own */
    r->p->nsuites = 0;
    r->p->ninputs = 0;
    int rc = js_object(&c, js_top, NULL);
    if (rc == 0) {
        js_ws(&c);
        if (c.s < c.end)
            rc = js_expected(&c, "the end of the input after the document");
    }
    if (rc == 0)
        rc = js_check_refs(&c);
    if (rc == 0)
        rc = js_normalize(r);
    free(c.buf);
    free(c.named);
    return rc;
}

static int js_detect(const unsigned char *buf, size_t len)
{
    size_t i = js_skip_bom(buf, len);
    while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
        i++;
    if (i >= len || buf[i++] != '{')
        return 0;
    while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
        i++;
    return len - i >= 8 && !memcmp(buf + i, "\"covkit\"", 8) ? 100 : 0;
}

const prof_format prof_format_json = {
    .name = "json",
    .description = "covkit's lossless JSON of the whole model",
    .detect = js_detect,
    .read = js_read,
    .write = js_write,
};
