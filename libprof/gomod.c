/* gomod.c - the module path of a go.mod file (golang.org/ref/mod#go-mod-file).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * The lexer follows golang.org/x/mod/modfile (read.go): spaces, tabs and
 * CRs separate tokens; `//` comments run to the end of the line and end
 * it; `(`, `)`, `[`, `]`, `{`, `}`, `,` and newline are punctuation;
 * "..." and `...` are strings (no newline inside); anything else printable
 * is an identifier. Statements are lines; a line ending in `(` opens a
 * block whose lines each carry the block's verb, up to a line starting
 * with `)`. So `module x`, `module "x"` and `module (\n x\n)` all give x.
 * The file is refused (no module path) where the go command refuses it:
 * a lexical error, a `/ *` comment, a repeated module directive, a module
 * directive without exactly one argument, a bad quoted string, or quote
 * characters in an unquoted path (modfile's parseString).
 */

/* A refused file; distinct from every PROF_E* code. */
#define GM_REFUSED (-100)

enum { GM_EOF, GM_EOL, GM_PUNCT, GM_STR, GM_IDENT, GM_BAD };

typedef struct gm_tok {
    int kind;
    const char *s;
    size_t n;
} gm_tok;

typedef struct gm_lex {
    const char *s;
    size_t n, i;
} gm_lex;

static bool gm_is_ident(unsigned char c)
{
    /* modfile: printable and not space or punctuation; bytes >= 0x80 are
     * taken as identifier runes (non-printable Unicode is not checked) */
    return c >= 0x80 || (c > ' ' && c < 0x7f && !strchr("()[]{},", c));
}

static gm_tok gm_string(gm_lex *l)
{
    size_t start = l->i;
    char q = l->s[l->i++];
    while (l->i < l->n && l->s[l->i] != '\n') {
        char c = l->s[l->i++];
        if (c == q)
            return (gm_tok){GM_STR, l->s + start, l->i - start};
        if (c == '\\' && q == '"' && l->i < l->n && l->s[l->i] != '\n')
            l->i++;
    }
    return (gm_tok){GM_BAD, NULL, 0};
}

static gm_tok gm_next(gm_lex *l)
{
    while (l->i < l->n && strchr(" \t\r", l->s[l->i]) && l->s[l->i])
        l->i++;
    if (l->i >= l->n)
        return (gm_tok){GM_EOF, NULL, 0};
    const char *p = l->s + l->i;
    size_t rest = l->n - l->i;
    if (rest >= 2 && p[0] == '/' && p[1] == '/') {
        const char *nl = memchr(p, '\n', rest);
        l->i = nl ? (size_t)(nl - l->s) + 1 : l->n;
        return (gm_tok){GM_EOL, NULL, 0};
    }
    if (*p == '\n' || strchr("()[]{},", *p)) {
        l->i++;
        return (gm_tok){*p == '\n' ? GM_EOL : GM_PUNCT, p, 1};
    }
    if (*p == '"' || *p == '`')
        return gm_string(l);
    size_t n = 0;
    while (n < rest && gm_is_ident((unsigned char)p[n])) {
        if (n + 1 < rest && p[n] == '/' && (p[n + 1] == '/' || p[n + 1] == '*'))
            break;
        n++;
    }
    if (n == 0 || (n + 1 < rest && p[n] == '/' && p[n + 1] == '*'))
        return (gm_tok){GM_BAD, NULL, 0};
    l->i += n;
    return (gm_tok){GM_IDENT, p, n};
}

static bool gm_is(const gm_tok *t, const char *s)
{
    return t->n == strlen(s) && !memcmp(t->s, s, t->n);
}

static bool gm_eol(const gm_tok *t)
{
    return t->kind == GM_EOL || t->kind == GM_EOF;
}

/* ---- unquoting (Go's strconv.Unquote of a "..." literal) ------------- */

/* One escape at S[*I] (after the backslash) into OUT; false if invalid. */
static bool gm_escape(const char *s, size_t n, size_t *i, char *out, size_t *o)
{
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"";
    char c = s[(*i)++];
    const char *e = c ? strchr(simple, c) : NULL;
    if (e && (e - simple) % 2 == 0) {
        out[(*o)++] = e[1];
        return true;
    }
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    int base = digits ? 16 : 8;
    unsigned long v = 0;
    if (!digits) {
        if (c < '0' || c > '7')
            return false;
        v = (unsigned long)(c - '0');
        digits = 2;
    }
    for (int k = 0; k < digits; k++, (*i)++) {
        int d = *i < n ? prof_hex_digit(s[*i]) : -1;
        if (d < 0 || d >= base)
            return false;
        v = v * (unsigned long)base + (unsigned long)d;
    }
    if (c == 'x' || base == 8) {
        if (v > 255)
            return false;
        out[(*o)++] = (char)v;
        return true;
    }
    if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
        return false;
    *o += prof_utf8_put(v, out + *o);
    return true;
}

/* The module path of the argument token T, malloc'd in *OUT. */
static int gm_arg(const gm_tok *t, char **out)
{
    if (t->kind == GM_IDENT) {
        if (memchr(t->s, '\'', t->n) || memchr(t->s, '`', t->n) ||
            memchr(t->s, '"', t->n))
            return 0;
        return (*out = strndup(t->s, t->n)) ? 1 : PROF_ENOMEM;
    }
    if (t->kind != GM_STR || t->s[0] != '"') /* modfile refuses `...` */
        return 0;
    char *buf = malloc(t->n * 2 + 1);
    if (!buf)
        return PROF_ENOMEM;
    size_t o = 0, i = 1, end = t->n - 1;
    while (i < end) {
        if (t->s[i] != '\\')
            buf[o++] = t->s[i++];
        else if (i++, !gm_escape(t->s, end, &i, buf, &o)) {
            free(buf);
            return 0;
        }
    }
    buf[o] = '\0';
    *out = buf;
    return 1;
}

/* ---- statements ------------------------------------------------------- */

/* Tokens of one line after those read; T is its first token. Returns the
 * count and keeps the first argument in *ARG and the last token in *LAST. */
static size_t gm_line(gm_lex *l, gm_tok t, gm_tok *arg, gm_tok *last, bool *bad)
{
    size_t n = 0;
    for (; !gm_eol(&t); t = gm_next(l), n++) {
        if (t.kind == GM_BAD) {
            *bad = true; /* the lexer stops there */
            break;
        }
        if (n == 0)
            *arg = t;
        *last = t;
    }
    return n;
}

/* A module directive's N arguments, the first ARG. */
static int gm_module(const gm_tok *arg, size_t n, char **out)
{
    if (*out) { /* repeated module statement */
        free(*out);
        *out = NULL;
        return GM_REFUSED;
    }
    if (n != 1)
        return GM_REFUSED;
    int rc = gm_arg(arg, out);
    return rc == 0 ? GM_REFUSED : rc;
}

/* The lines of a block up to its `)` line. Each line is a directive of
 * the block's verb with the PREFIX arguments before `(` in front; module
 * ones are taken when MODULE. */
static int gm_block(gm_lex *l, bool module, size_t prefix, char **out)
{
    for (;;) {
        gm_tok t = gm_next(l), arg = t, last = t;
        if (t.kind == GM_EOF || t.kind == GM_BAD)
            return GM_REFUSED;
        if (t.kind == GM_EOL)
            continue;
        if (t.kind == GM_PUNCT && *t.s == ')') {
            t = gm_next(l);
            return gm_eol(&t) ? 0 : GM_REFUSED;
        }
        bool bad = false;
        size_t n = gm_line(l, t, &arg, &last, &bad);
        if (bad)
            return GM_REFUSED;
        if (module)
            PROF_TRY(gm_module(&arg, prefix + n, out));
    }
}

static bool gm_punct(const gm_tok *t, char c)
{
    return t->kind == GM_PUNCT && *t->s == c;
}

/* One statement starting with VERB. */
static int gm_stmt(gm_lex *l, gm_tok verb, char **out)
{
    gm_tok arg = verb, last = verb;
    bool bad = verb.kind == GM_BAD;
    size_t n = gm_line(l, gm_next(l), &arg, &last, &bad);
    bool module = verb.kind == GM_IDENT && gm_is(&verb, "module");
    if (bad)
        return GM_REFUSED;
    if (n == 2 && gm_punct(&arg, '(') && gm_punct(&last, ')'))
        return 0; /* an empty block */
    if (n >= 1 && gm_punct(&last, '('))
        return gm_block(l, module, n - 1, out);
    return module ? gm_module(&arg, n, out) : 0;
}

int prof_gomod_module(const char *buf, size_t len, char **out)
{
    gm_lex l = {buf, len, 0};
    *out = NULL;
    int rc = 0;
    for (gm_tok t = gm_next(&l); t.kind != GM_EOF && rc >= 0; t = gm_next(&l))
        if (t.kind != GM_EOL)
            rc = gm_stmt(&l, t, out);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        return rc == PROF_ENOMEM ? rc : 0;
    }
    return *out != NULL;
}
