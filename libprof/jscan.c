/* jscan.c - strict JSON scanner of the readers; the writers' string escape. */
#include "jscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void prof_jscan_init(prof_jscan *j, prof_reader *r, const unsigned char *buf,
                     size_t len)
{
    memset(j, 0, sizeof *j);
    j->r = r;
    j->s = buf + prof_bom_len(buf, len);
    j->end = buf + len;
    j->bol = j->s;
    j->line = 1;
}

size_t prof_jscan_skip_ws(const unsigned char *buf, size_t len, size_t i)
{
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n'))
        i++;
    return i;
}

size_t prof_jscan_object_start(const unsigned char *buf, size_t len)
{
    size_t i = prof_jscan_skip_ws(buf, len, prof_bom_len(buf, len));
    return i < len && buf[i] == '{' ? i + 1 : 0;
}

void prof_jscan_free(prof_jscan *j)
{
    free(j->buf);
    j->buf = NULL;
    j->len = j->cap = 0;
}

/* ---- messages --------------------------------------------------------- */

static int jscan_vfail(prof_jscan *j, int code, const char *fmt, va_list ap)
    PROF_PRINTF(3, 0);
static int jscan_vfail(prof_jscan *j, int code, const char *fmt, va_list ap)
{
    prof_reader *r = j->r;
    if (!j->where)
        return prof_error_vset(r->err, code, r->name, j->line, fmt, ap);
    char msg[256], at[128];
    vsnprintf(msg, sizeof msg, fmt, ap);
    at[0] = '\0';
    j->where(j, at, sizeof at);
    return prof_error_set(r->err, code, r->name, j->line, "column %lu: %s%s%s",
                          (unsigned long)(j->s - j->bol) + 1, at,
                          at[0] ? ": " : "", msg);
}

int prof_jscan_fail(prof_jscan *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = jscan_vfail(j, PROF_EFORMAT, fmt, ap);
    va_end(ap);
    return rc;
}

static int jscan_code(prof_jscan *j, int code, const char *fmt, ...)
    PROF_PRINTF(3, 4);
static int jscan_code(prof_jscan *j, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = jscan_vfail(j, code, fmt, ap);
    va_end(ap);
    return rc;
}

int prof_jscan_nomem(prof_jscan *j)
{
    return jscan_code(j, PROF_ENOMEM, "out of memory");
}

int prof_jscan_expected(prof_jscan *j, const char *what)
{
    char q[128];
    prof_jscan_ws(j);
    if (j->s >= j->end)
        return prof_jscan_fail(j, "expected %s, got the end of the input",
                               what);
    size_t n = 0, max = (size_t)(j->end - j->s);
    while (n < max && n < 24 && !strchr(",:]}\r\n", j->s[n]))
        n++;
    return prof_jscan_fail(j, "expected %s, got %s", what,
                           prof_quote(q, sizeof q, (const char *)j->s,
                                      n ? n : 1));
}

int prof_jscan_need(prof_jscan *j, char ch)
{
    if (prof_jscan_eat(j, ch))
        return 0;
    char what[8];
    snprintf(what, sizeof what, "'%c'", ch);
    return prof_jscan_expected(j, what);
}

/* One more array or object open (its first byte just read); refused
 * past the depth limit. */
static int jscan_enter(prof_jscan *j)
{
    if (++j->depth <= PROF_JSCAN_MAX_DEPTH)
        return 0;
    j->s--; /* at the '[' or '{' just read */
    return prof_jscan_fail(j, "arrays and objects nested deeper than %d "
                              "levels", PROF_JSCAN_MAX_DEPTH);
}

/* ---- strings ---------------------------------------------------------- */

/* Bytes a string holds as they are: not '"', '\\', control or non-ASCII. */
static const unsigned char jscan_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The end of the run of plain bytes from P. */
static const unsigned char *jscan_run(const unsigned char *p,
                                      const unsigned char *e)
{
    while (p < e && jscan_plain[*p])
        p++;
    return p;
}

/* Append P[0..N) to j->buf when STORE. */
static int jscan_put(prof_jscan *j, const unsigned char *p, size_t n,
                     bool store)
{
    if (!store)
        return 0;
    if (j->len + n >= j->cap) {
        size_t cap = j->cap ? j->cap : 64;
        while (cap <= j->len + n)
            cap *= 2;
        char *nb = realloc(j->buf, cap);
        if (!nb)
            return prof_jscan_nomem(j);
        j->buf = nb;
        j->cap = cap;
    }
    memcpy(j->buf + j->len, p, n);
    j->len += n;
    j->buf[j->len] = '\0';
    return 0;
}

static int jscan_putb(prof_jscan *j, unsigned b, bool store)
{
    unsigned char ch = (unsigned char)b;
    return jscan_put(j, &ch, 1, store);
}

/* Four hex digits into *V; -1 if they are not there. */
static int jscan_hex4(prof_jscan *j, unsigned *v)
{
    *v = 0;
    if (j->end - j->s < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int d = prof_hex_digit(*j->s++);
        if (d < 0)
            return -1;
        *v = *v << 4 | (unsigned)d;
    }
    return 0;
}

static int jscan_put_utf8(prof_jscan *j, unsigned cp, bool store)
{
    char u[4];
    return jscan_put(j, (const unsigned char *)u, prof_utf8_put(cp, u), store);
}

/* \uXXXX (the 'u' consumed): a code point, a surrogate pair, or \udc80 to
 * \udcff for a raw byte that is not UTF-8. Errors point at the '\'. */
static int jscan_unicode(prof_jscan *j, bool store)
{
    const unsigned char *esc = j->s - 2;
    unsigned cp, lo = 0;
    int rc = jscan_hex4(j, &cp);
    if (rc == 0 && cp >= 0xdc80 && cp <= 0xdcff)
        return jscan_putb(j, cp - 0xdc00, store);
    if (rc == 0 && cp >= 0xd800 && cp <= 0xdbff) {
        bool pair = j->end - j->s >= 2 && j->s[0] == '\\' && j->s[1] == 'u';
        j->s += pair ? 2 : 0;
        if (!pair || jscan_hex4(j, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
            j->s = esc;
            return prof_jscan_fail(j, "expected a low surrogate "
                                      "\\uDC00-\\uDFFF after \\u%04X", cp);
        }
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
    }
    j->s = rc < 0 || (cp >= 0xdc00 && cp <= 0xdfff) || cp == 0 ? esc : j->s;
    if (rc < 0)
        return prof_jscan_fail(j, "expected 4 hex digits after \\u");
    if (cp >= 0xdc00 && cp <= 0xdfff)
        return prof_jscan_fail(j, "lone surrogate \\u%04X in a string (only "
                                  "\\uDC80-\\uDCFF stand for raw bytes)", cp);
    if (cp == 0)
        return prof_jscan_fail(j, "\\u0000 in a string (names cannot hold "
                                  "NUL)");
    return jscan_put_utf8(j, cp, store);
}

static int jscan_escape(prof_jscan *j, bool store)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    if (j->s >= j->end)
        return prof_jscan_fail(j, "expected an escape after '\\', got the "
                                  "end of the input");
    unsigned char e = *j->s++;
    const char *at = e ? strchr(from, e) : NULL;
    if (at)
        return jscan_putb(j, (unsigned char)to[at - from], store);
    if (e == 'u')
        return jscan_unicode(j, store);
    j->s -= 2;
    return prof_jscan_fail(j, "unknown escape '\\%c' in a string", e);
}

/* The rest of a string (its '"' consumed), into j->buf when STORE. */
static int jscan_str(prof_jscan *j, bool store)
{
    for (;;) {
        const unsigned char *p = jscan_run(j->s, j->end), *e = j->end;
        PROF_TRY(jscan_put(j, j->s, (size_t)(p - j->s), store));
        j->s = p;
        if (p >= e)
            return prof_jscan_fail(j, "unterminated string");
        unsigned char ch = *p;
        if (ch == '"') {
            j->s++;
            return 0;
        }
        if (ch == '\\') {
            j->s++;
            PROF_TRY(jscan_escape(j, store));
            continue;
        }
        if (ch < 0x20)
            return prof_jscan_fail(j, "control byte 0x%02x in a string "
                                      "(write it as \\u%04x)", ch, ch);
        size_t k = prof_utf8_len(p, (size_t)(e - p));
        if (k == 0)
            return prof_jscan_fail(j, "a string is not UTF-8 (write a raw "
                                      "byte XX as \\udcXX)");
        PROF_TRY(jscan_put(j, p, k, store));
        j->s += k;
    }
}

int prof_jscan_string(prof_jscan *j, const char *what)
{
    if (!prof_jscan_eat(j, '"'))
        return prof_jscan_expected(j, what);
    j->len = 0;
    if (!j->buf)
        PROF_TRY(jscan_put(j, (const unsigned char *)"", 0, true));
    j->buf[0] = '\0';
    return jscan_str(j, true);
}

/* ---- numbers and literals --------------------------------------------- */

/* An integer up to MAX; NEG non-NULL allows a '-'. */
static int jscan_integer(prof_jscan *j, const char *key, uint64_t max,
                         bool *neg, uint64_t *out)
{
    prof_jscan_ws(j);
    const unsigned char *b = j->s, *p = b, *e = j->end;
    bool minus = neg && p < e && *p == '-';
    const unsigned char *d = p += minus;
    uint64_t v;
    bool range;
    p += prof_digits((const char *)d, (size_t)(e - d), max, &v, &range);
    bool frac = p < e && (*p == '.' || *p == 'e' || *p == 'E');
    if (p == d || frac || (p - d > 1 && *d == '0')) {
        char what[96];
        snprintf(what, sizeof what, "an %sinteger for \"%s\"",
                 neg ? "" : "unsigned ", key);
        return prof_jscan_expected(j, what);
    }
    if (!range)
        return prof_jscan_fail(j, "\"%s\" is out of range: the largest is "
                                  "%llu", key, (unsigned long long)max);
    j->s = p;
    *out = v;
    if (neg)
        *neg = minus;
    return 0;
}

int prof_jscan_uint(prof_jscan *j, const char *key, uint64_t max,
                    uint64_t *out)
{
    return jscan_integer(j, key, max, NULL, out);
}

int prof_jscan_int(prof_jscan *j, const char *key, uint64_t max, bool *neg,
                   uint64_t *mag)
{
    return jscan_integer(j, key, max, neg, mag);
}

int prof_jscan_bool(prof_jscan *j, const char *key, bool *out)
{
    *out = prof_jscan_literal(j, "true");
    if (*out || prof_jscan_literal(j, "false"))
        return 0;
    char what[96];
    snprintf(what, sizeof what, "true or false for \"%s\"", key);
    return prof_jscan_expected(j, what);
}

static int jscan_digits(const unsigned char **p, const unsigned char *e)
{
    const unsigned char *b = *p;
    while (*p < e && **p >= '0' && **p <= '9')
        ++*p;
    return *p > b ? 0 : -1;
}

/* The end of the number at P: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
 * or NULL when there is none. */
static const unsigned char *jscan_number_end(const unsigned char *p,
                                             const unsigned char *e)
{
    p += p < e && *p == '-';
    int bad = p < e && *p == '0' ? (p++, 0) : jscan_digits(&p, e);
    if (!bad && p < e && *p == '.') {
        p++;
        bad = jscan_digits(&p, e);
    }
    if (!bad && p < e && (*p == 'e' || *p == 'E')) {
        p++;
        p += p < e && (*p == '+' || *p == '-');
        bad = jscan_digits(&p, e);
    }
    return bad ? NULL : p;
}

static int jscan_skip_number(prof_jscan *j)
{
    const unsigned char *p = jscan_number_end(j->s, j->end);
    if (!p)
        return prof_jscan_expected(j, "a value");
    j->s = p;
    return 0;
}

int prof_jscan_count(prof_jscan *j, const char *key, uint64_t *out,
                     bool *neg, prof_num *kind)
{
    prof_jscan_ws(j);
    const unsigned char *b = j->s, *e = j->end, *d = b + (b < e && *b == '-');
    uint64_t v;
    bool fits;
    const unsigned char *p = d + prof_digits((const char *)d,
                                             (size_t)(e - d), UINT64_MAX,
                                             &v, &fits);
    bool more = p < e && (*p == '.' || *p == 'e' || *p == 'E');
    if (p > d && !(p - d > 1 && *d == '0') && !more) { /* an integer */
        j->s = p;
        *out = fits ? v : UINT64_MAX;
        *neg = d > b && v;
        *kind = PROF_NUM_INT;
        return 0;
    }
    p = jscan_number_end(b, e);
    if (!p) {
        char what[96];
        snprintf(what, sizeof what, "a number for \"%s\"", key);
        return prof_jscan_expected(j, what);
    }
    j->s = p;
    *kind = prof_count_parse((const char *)b, (size_t)(p - b), out, neg);
    return 0;
}

/* ---- arrays, objects, any value --------------------------------------- */

int prof_jscan_array(prof_jscan *j, const char *key,
                     int (*item)(prof_jscan *j, void *ctx), void *ctx)
{
    if (!prof_jscan_eat(j, '[')) {
        char what[96];
        snprintf(what, sizeof what, "an array for \"%s\"", key);
        return prof_jscan_expected(j, what);
    }
    PROF_TRY(jscan_enter(j));
    if (!prof_jscan_eat(j, ']')) {
        do
            PROF_TRY(item(j, ctx));
        while (prof_jscan_eat(j, ','));
        if (!prof_jscan_eat(j, ']'))
            return prof_jscan_expected(j, "',' or ']' in an array");
    }
    j->depth--;
    return 0;
}

/* The members of an array or object, its opening byte consumed, up to
 * CLOSE, each checked and skipped. */
static int jscan_skip_members(prof_jscan *j, char close)
{
    PROF_TRY(jscan_enter(j));
    if (prof_jscan_eat(j, close)) {
        j->depth--;
        return 0;
    }
    do {
        if (close == '}') {
            if (!prof_jscan_eat(j, '"'))
                return prof_jscan_expected(j, "a key in double quotes");
            PROF_TRY(jscan_str(j, false));
            PROF_TRY(prof_jscan_need(j, ':'));
        }
        PROF_TRY(prof_jscan_skip(j));
    } while (prof_jscan_eat(j, ','));
    if (!prof_jscan_eat(j, close))
        return prof_jscan_expected(j, close == '}' ? "',' or '}' in an object"
                                                   : "',' or ']' in an array");
    j->depth--;
    return 0;
}

int prof_jscan_skip(prof_jscan *j)
{
    prof_jscan_ws(j);
    if (j->s >= j->end)
        return prof_jscan_expected(j, "a value");
    switch (*j->s++) {
    case '"': return jscan_str(j, false);
    case '{': return jscan_skip_members(j, '}');
    case '[': return jscan_skip_members(j, ']');
    default: j->s--;
    }
    if (prof_jscan_literal(j, "true") || prof_jscan_literal(j, "false") ||
        prof_jscan_literal(j, "null"))
        return 0;
    return jscan_skip_number(j);
}

static int jscan_unknown_key(prof_jscan *j, const prof_jkey *keys)
{
    char list[320], q[128];
    size_t o = 0;
    list[0] = '\0';
    for (const prof_jkey *k = keys; k->key && o < sizeof list; k++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                              k == keys ? "" : ", ", k->key);
    return prof_jscan_fail(j, "unknown key %s in %s (expected %s)",
                           prof_quote(q, sizeof q, j->buf, j->len), j->what,
                           list);
}

/* Key K (KEYS' terminator when unknown), whose name starts at AT, may
 * come now (SEEN: the keys read so far); else the error, pointing at it. */
static int jscan_key_check(prof_jscan *j, const prof_jkey *keys,
                           const prof_jkey *k, unsigned flags, uint32_t seen,
                           const unsigned char *at)
{
    size_t i = (size_t)(k - keys);
    bool first = !seen && i && (keys[0].flags & PROF_JK_FIRST);
    if (k->key ? !(seen & 1u << i) && !first : (flags & PROF_JSCAN_OPEN))
        return 0;
    j->s = at;
    if (!k->key)
        return jscan_unknown_key(j, keys);
    if (first)
        return prof_jscan_fail(j, "expected \"%s\" as the first key of %s, "
                                  "got \"%s\"", keys[0].key, j->what, k->key);
    return prof_jscan_fail(j, "key \"%s\" appears twice in %s", k->key,
                           j->what);
}

/* KEY is B[0..N) (which holds no NUL). */
static bool jscan_is(const char *key, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)key[i] != b[i])
            return false;
    return key[n] == '\0';
}

/* The entry of KEYS for the key at j->s (the terminator when unknown).
 * A key without escapes is compared in place; j->buf holds the key only
 * when it was decoded (always when unknown to a closed table). */
static int jscan_key(prof_jscan *j, const prof_jkey *keys, unsigned flags,
                     const prof_jkey **out)
{
    const prof_jkey *k = keys;
    if (j->s < j->end && *j->s == '"') {
        const unsigned char *b = j->s + 1, *p = jscan_run(b, j->end);
        size_t n = (size_t)(p - b);
        while (p < j->end && *p == '"' && k->key && !jscan_is(k->key, b, n))
            k++;
        if (p < j->end && *p == '"' && (k->key || (flags & PROF_JSCAN_OPEN))) {
            j->s = p + 1;
            *out = k;
            return 0;
        }
    }
    PROF_TRY(prof_jscan_string(j, "a key in double quotes"));
    for (k = keys; k->key && strcmp(k->key, j->buf);)
        k++;
    *out = k;
    return 0;
}

/* One "key": value of an object over KEYS; *SEEN the keys read so far. */
static int jscan_member(prof_jscan *j, const prof_jkey *keys, unsigned flags,
                        void *obj, uint32_t *seen)
{
    const prof_jkey *k;
    prof_jscan_ws(j);
    const unsigned char *at = j->s;
    PROF_TRY(jscan_key(j, keys, flags, &k));
    PROF_TRY(jscan_key_check(j, keys, k, flags, *seen, at));
    PROF_TRY(prof_jscan_need(j, ':'));
    if (!k->key)
        return prof_jscan_skip(j);
    *seen |= 1u << (k - keys);
    return k->read(j, k, obj);
}

int prof_jscan_object(prof_jscan *j, const prof_jkey *keys, unsigned flags,
                      void *obj)
{
    const char *what = j->what;
    uint32_t seen = 0;
    if (!prof_jscan_eat(j, '{')) {
        char w[96];
        snprintf(w, sizeof w, "'{' to start %s", what);
        return prof_jscan_expected(j, w);
    }
    const unsigned char *start = j->s - 1, *bol = j->bol;
    unsigned long line = j->line;
    PROF_TRY(jscan_enter(j));
    if (!prof_jscan_eat(j, '}')) {
        do {
            PROF_TRY(jscan_member(j, keys, flags, obj, &seen));
            j->what = what;
        } while (prof_jscan_eat(j, ','));
        if (!prof_jscan_eat(j, '}')) {
            char w[96];
            snprintf(w, sizeof w, "',' or '}' in %s", what);
            return prof_jscan_expected(j, w);
        }
    }
    j->depth--;
    for (size_t i = 0; keys[i].key; i++)
        if ((keys[i].flags & PROF_JK_REQUIRED) && !(seen & 1u << i)) {
            j->s = start; /* the message points at the object */
            j->bol = bol;
            j->line = line;
            const char *e = keys[i].expect;
            return prof_jscan_fail(j, "%s has no \"%s\"%s%s%s", what,
                                   keys[i].key, e ? " (expected " : "",
                                   e ? e : "", e ? ")" : "");
        }
    return 0;
}

/* ---- the reading policy ----------------------------------------------- */

/* Where the value of KEY from START (just read) is, into W: "column C,
 * files[0].lines[3].count = 1.37297e+06". */
static void jscan_value_where(const prof_jscan *j, const char *key,
                              const unsigned char *start, char *w,
                              size_t wsz)
{
    char at[128] = "", q[40];
    if (j->where)
        j->where(j, at, sizeof at);
    size_t n = (size_t)(j->s - start); /* a number, or a string */
    if (n && *start == '"')
        prof_quote(q, sizeof q, (const char *)start + 1, n > 2 ? n - 2 : 0);
    else
        snprintf(q, sizeof q, "%.*s", (int)(n < 24 ? n : 24), start);
    snprintf(w, wsz, "column %lu, %s%s%s = %s",
             (unsigned long)(start - j->bol) + 1, at, at[0] ? "." : "", key,
             q);
}

int prof_jscan_damage(prof_jscan *j, prof_damage kind, const char *key,
                      const unsigned char *start)
{
    char w[200] = "";
    if (prof_reader_damage_first(j->r, kind))
        jscan_value_where(j, key, start, w, sizeof w);
    return prof_reader_damage(j->r, kind, j->line, key, w);
}

int prof_jscan_policy_count(prof_jscan *j, const char *key, uint64_t *v,
                            bool *skip)
{
    bool neg;
    prof_num kind;
    prof_jscan_ws(j);
    const unsigned char *start = j->s;
    PROF_TRY(prof_jscan_count(j, key, v, &neg, &kind));
    if (!neg && kind == PROF_NUM_INT)
        return 0;
    char w[200]; /* rare: the reading policy */
    jscan_value_where(j, key, start, w, sizeof w);
    int rc = prof_reader_count(j->r, kind, neg, v, j->line, key, w);
    PROF_TRY(rc);
    *skip = *skip || rc == 1;
    return 0;
}

int prof_jscan_push(prof_jscan *j, void **arr, size_t *cap, size_t *n,
                    const void *rec, size_t size)
{
    if (prof_grow(arr, cap, *n, size) < 0)
        return prof_jscan_nomem(j);
    memcpy((char *)*arr + *n * size, rec, size);
    ++*n;
    return 0;
}

/* ---- records ---------------------------------------------------------- */

int prof_file_append(prof_file *f, const prof_block *b, size_t nb,
                     const prof_function *fn, size_t nf,
                     const prof_branch *br, size_t nr)
{
    for (size_t i = 0; i < nb; i++)
        PROF_TRY(prof_file_add_block(f, &b[i]));
    for (size_t i = 0; i < nf; i++)
        PROF_TRY(prof_file_add_function(f, &fn[i]));
    for (size_t i = 0; i < nr; i++)
        PROF_TRY(prof_file_add_branch(f, &br[i]));
    return 0;
}

/* ---- writing ---------------------------------------------------------- */

void prof_json_put_str(prof_sink *out, const char *s)
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
