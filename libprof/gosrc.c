/* gosrc.c - top-level Go function declarations and their extents, without Go.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * What go tool cover -func takes from go/parser: every *ast.FuncDecl with a
 * body, its bare name, Pos() (the `func` keyword) and End() (just after the
 * body's `}`), as token.FileSet.Position reports them.
 *
 * The lexer follows the Go spec: comments, interpreted strings and runes
 * with escapes, raw strings across lines, numbers, and automatic
 * semicolons after a line's last identifier (not a keyword other than
 * break, continue, fallthrough, return), literal, `)`, `]`, `}`, `++` or
 * `--`; a block comment holding a newline ends a line too. A declaration
 * is a `func` token at bracket depth 0 right after a semicolon (or at the
 * start). Its receiver, type parameters and parameters are skipped as
 * bracket groups; its result is parsed as go/parser's tryIdentOrType does
 * (struct{...}, interface{...}, func(...) R, map[K]V, chan T, *T, []T,
 * T[A], pkg.T, (T) or a parenthesised list), so that a `{` of a result
 * type is not taken for the body. No `{` after the result: no body (an
 * assembly stub), which go tool cover skips too.
 *
 * Positions follow go/scanner and go/token: lines end at '\n', columns
 * count bytes from 1; `//line` comments at the start of a line and
 * `/ *line` comments anywhere of the form `line FILE:LINE[:COL]` renumber
 * the text after them (token.File.unpack): lines by their distance from
 * the directive; columns only on the directive's own line, and 0 on every
 * line when the directive has no column. Malformed directives, which make
 * go/parser fail, are ignored here.
 */

enum { GT_EOF, GT_IDENT, GT_LIT, GT_SEMI, GT_OP };

typedef struct gs_tok {
    int kind;
    size_t off, len;
} gs_tok;

typedef struct gs_info { /* a line directive: offset `next` renumbered */
    size_t off;
    uint64_t line, col;
} gs_info;

typedef struct gs {
    const char *s;
    size_t n, i;
    bool semi; /* a newline here ends a statement */
    gs_tok peeked;
    bool has_peek;
    size_t *lines; /* line start offsets */
    size_t nlines, cap_lines;
    gs_info *infos;
    size_t ninfos, cap_infos;
    size_t *found; /* per declaration: `func`, name, end offsets */
    size_t nfound, cap_found;
    int err;
} gs;

/* ---- line directives ---------------------------------------------------- */

/* go/scanner's trailingDigits on T[0..N): the index after the last ':'
 * (0 if none) and whether a decimal number below 2^64 follows it. */
static size_t gs_trailing(const char *t, size_t n, uint64_t *v, bool *ok)
{
    const char *colon = NULL;
    for (size_t k = n; k-- > 0;)
        if (t[k] == ':') {
            colon = t + k;
            break;
        }
    if (!colon)
        return 0;
    size_t i = (size_t)(colon - t) + 1;
    *v = 0;
    *ok = i < n;
    for (size_t k = i; k < n && *ok; k++) {
        unsigned d = (unsigned char)t[k] - '0';
        *ok = d <= 9 && *v <= (UINT64_MAX - d) / 10;
        *v = *v * 10 + d;
    }
    return i;
}

/* The directive text T[0..N) (after "line ") renumbers from NEXT on. */
static void gs_directive(gs *g, const char *t, size_t n, size_t next)
{
    const uint64_t max = 1u << 30;
    uint64_t line = 0, col = 0, v = 0, v2 = 0;
    bool ok = false, ok2 = false;
    size_t i = gs_trailing(t, n, &v, &ok);
    if (i == 0 || !ok)
        return;
    if (gs_trailing(t, i - 1, &v2, &ok2) && ok2) {
        line = v2; /* FILE:LINE:COL */
        col = v;
        if (col == 0 || col > max)
            return;
    } else {
        line = v;
    }
    if (line == 0 || line > max)
        return;
    if ((g->ninfos && g->infos[g->ninfos - 1].off >= next) || next >= g->n)
        return;
    if (prof_grow((void **)&g->infos, &g->cap_infos, g->ninfos,
                  sizeof *g->infos) < 0) {
        g->err = PROF_ENOMEM;
        return;
    }
    g->infos[g->ninfos++] = (gs_info){next, line, col};
}

/* A comment S[OFF..END) just read; NEXT is the offset after it. */
static void gs_comment(gs *g, size_t off, size_t end, size_t next)
{
    const char *c = g->s + off;
    bool block = c[1] == '*';
    if (end - off < 7 || memcmp(c + 2, "line ", 5) != 0)
        return;
    if (!block && off > 0 && g->s[off - 1] != '\n')
        return; /* a //line directive starts its line */
    if (block)
        end -= 2;
    else if (g->s[end - 1] == '\r')
        end--;
    if (end >= off + 7)
        gs_directive(g, c + 7, end - off - 7, next);
}

/* ---- lexer --------------------------------------------------------------- */

static bool gs_ident_byte(unsigned char c)
{
    return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool gs_digit(const gs *g, size_t i)
{
    return i < g->n && g->s[i] >= '0' && g->s[i] <= '9';
}

/* Is the identifier a keyword after which no semicolon is inserted? */
static bool gs_nosemi_keyword(const char *s, size_t n)
{
    static const char *const kw[] = {
        "case",    "chan",  "const",  "default", "defer",  "else",      "for",
        "func",    "go",    "goto",   "if",      "import", "interface", "map",
        "package", "range", "select", "struct",  "switch", "type",      "var"};
    for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++)
        if (strlen(kw[k]) == n && !memcmp(kw[k], s, n))
            return true;
    return false;
}

/* Skip a comment at g->i; true when it was a block comment with a
 * newline (which ends a line). */
static bool gs_skip_comment(gs *g)
{
    size_t off = g->i;
    if (g->s[off + 1] == '/') {
        const char *nl = memchr(g->s + off, '\n', g->n - off);
        size_t end = nl ? (size_t)(nl - g->s) : g->n;
        gs_comment(g, off, end, nl ? end + 1 : end);
        g->i = end; /* the newline is lexed on its own */
        return false;
    }
    size_t k = off + 2;
    while (k + 1 < g->n && !(g->s[k] == '*' && g->s[k + 1] == '/'))
        k++;
    bool closed = k + 1 < g->n;
    g->i = closed ? k + 2 : g->n;
    if (closed)
        gs_comment(g, off, g->i, g->i);
    return memchr(g->s + off, '\n', g->i - off) != NULL;
}

/* A quoted literal ending in Q; a newline ends an unterminated one. */
static void gs_quoted(gs *g, char q)
{
    g->i++;
    while (g->i < g->n && g->s[g->i] != '\n') {
        char c = g->s[g->i++];
        if (c == q)
            return;
        if (c == '\\' && g->i < g->n && g->s[g->i] != '\n')
            g->i++;
    }
}

static void gs_number(gs *g)
{
    bool hex =
        g->s[g->i] == '0' && g->i + 1 < g->n && (g->s[g->i + 1] | 0x20) == 'x';
    g->i++;
    while (g->i < g->n &&
           (gs_ident_byte((unsigned char)g->s[g->i]) || g->s[g->i] == '.')) {
        char c = (char)(g->s[g->i] | 0x20);
        g->i++;
        if ((c == (hex ? 'p' : 'e')) && g->i < g->n &&
            (g->s[g->i] == '+' || g->s[g->i] == '-'))
            g->i++;
    }
}

/* The token at g->i (blanks and comments skipped first). */
static gs_tok gs_token(gs *g)
{
    size_t start = g->i;
    unsigned char c = (unsigned char)g->s[start];
    char next = start + 1 < g->n ? g->s[start + 1] : 0;
    int kind = GT_LIT;
    if (c == '"' || c == '\'') {
        gs_quoted(g, (char)c);
    } else if (c == '`') {
        const char *end = memchr(g->s + start + 1, '`', g->n - start - 1);
        g->i = end ? (size_t)(end - g->s) + 1 : g->n;
    } else if (gs_digit(g, start) || (c == '.' && gs_digit(g, start + 1))) {
        gs_number(g);
    } else if (gs_ident_byte(c)) {
        while (g->i < g->n && gs_ident_byte((unsigned char)g->s[g->i]))
            g->i++;
        kind = GT_IDENT;
    } else {
        bool two = (c == '+' || c == '-' || c == '<') &&
                   next == (c == '<' ? '-' : (char)c);
        g->i += two ? 2 : 1;
        g->semi = two ? c != '<' : strchr(")]}", c) != NULL;
        return (gs_tok){GT_OP, start, g->i - start};
    }
    g->semi =
        kind != GT_IDENT || !gs_nosemi_keyword(g->s + start, g->i - start);
    return (gs_tok){kind, start, g->i - start};
}

static gs_tok gs_lex(gs *g)
{
    while (g->i < g->n) {
        char c = g->s[g->i];
        char next = g->i + 1 < g->n ? g->s[g->i + 1] : 0;
        if (c == '\n' && g->semi) {
            g->semi = false;
            return (gs_tok){GT_SEMI, g->i++, 1};
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            g->i++;
        } else if (c == '/' && (next == '/' || next == '*')) {
            size_t off = g->i;
            if (gs_skip_comment(g) && g->semi) {
                g->semi = false;
                return (gs_tok){GT_SEMI, off, 0};
            }
        } else {
            return gs_token(g);
        }
    }
    if (g->semi) {
        g->semi = false;
        return (gs_tok){GT_SEMI, g->n, 0};
    }
    return (gs_tok){GT_EOF, g->n, 0};
}

static gs_tok gs_peek(gs *g)
{
    if (!g->has_peek) {
        g->peeked = gs_lex(g);
        g->has_peek = true;
    }
    return g->peeked;
}

static gs_tok gs_next(gs *g)
{
    gs_tok t = gs_peek(g);
    g->has_peek = false;
    return t;
}

/* ---- declarations ------------------------------------------------------- */

static bool gs_op(const gs *g, gs_tok t, const char *op)
{
    return t.kind == GT_OP && t.len == strlen(op) &&
           !memcmp(g->s + t.off, op, t.len);
}

static bool gs_word(const gs *g, gs_tok t, const char *w)
{
    return t.kind == GT_IDENT && t.len == strlen(w) &&
           !memcmp(g->s + t.off, w, t.len);
}

/* After OPEN was read: through its matching CLOSE; the offset of CLOSE,
 * or SIZE_MAX at the end of the source. */
static size_t gs_skip(gs *g, char open, char close)
{
    const char o[2] = {open, 0}, c[2] = {close, 0};
    for (size_t depth = 1;;) {
        gs_tok t = gs_next(g);
        if (t.kind == GT_EOF)
            return SIZE_MAX;
        if (gs_op(g, t, o))
            depth++;
        else if (gs_op(g, t, c) && --depth == 0)
            return t.off;
    }
}

/* Skip a group when the next token opens it. */
static bool gs_group(gs *g, char open, char close)
{
    const char o[2] = {open, 0};
    if (!gs_op(g, gs_peek(g), o))
        return false;
    gs_next(g);
    return gs_skip(g, open, close) != SIZE_MAX;
}

static void gs_result(gs *g);

/* A type keyword's type; false for other keywords. */
static bool gs_keyword_type(gs *g, gs_tok t)
{
    if (gs_word(g, t, "func")) {
        gs_group(g, '(', ')');
        gs_result(g);
    } else if (gs_word(g, t, "struct") || gs_word(g, t, "interface")) {
        gs_group(g, '{', '}');
    } else if (gs_word(g, t, "map")) {
        gs_group(g, '[', ']');
        gs_result(g);
    } else if (gs_word(g, t, "chan")) {
        if (gs_op(g, gs_peek(g), "<-"))
            gs_next(g);
        gs_result(g);
    } else {
        return false;
    }
    return true;
}

/* go/parser's tryIdentOrType: a type if one starts here. */
static void gs_type(gs *g)
{
    gs_tok t = gs_peek(g);
    if (t.kind == GT_IDENT && gs_nosemi_keyword(g->s + t.off, t.len)) {
        if (gs_word(g, t, "func") || gs_word(g, t, "struct") ||
            gs_word(g, t, "interface") || gs_word(g, t, "map") ||
            gs_word(g, t, "chan"))
            gs_keyword_type(g, gs_next(g));
    } else if (t.kind == GT_IDENT) {
        gs_next(g);
        if (gs_op(g, gs_peek(g), ".")) {
            gs_next(g);
            if (gs_peek(g).kind == GT_IDENT)
                gs_next(g);
        }
        gs_group(g, '[', ']'); /* type arguments */
    } else if (gs_op(g, t, "*") || gs_op(g, t, "<-")) {
        gs_next(g);
        gs_type(g);
    } else if (gs_op(g, t, "[")) {
        gs_group(g, '[', ']');
        gs_type(g);
    } else if (gs_op(g, t, "(")) {
        gs_group(g, '(', ')');
    }
}

/* A signature's result: a parenthesised list or one type, if any. */
static void gs_result(gs *g)
{
    if (!gs_group(g, '(', ')'))
        gs_type(g);
}

/* Values kept per declaration in g->found. */
enum { GS_KW, GS_NAME, GS_END, GS_RECV, GS_STAR, GS_NFOUND };

/* A declaration whose `func` keyword, name and end are at these offsets,
 * with its receiver type's name at RECV (SIZE_MAX: none), STAR if *T. */
static void gs_add(gs *g, const size_t v[GS_NFOUND])
{
    if (prof_grow((void **)&g->found, &g->cap_found,
                  g->nfound + GS_NFOUND - 1, sizeof *g->found) < 0) {
        g->err = PROF_ENOMEM;
        return;
    }
    memcpy(g->found + g->nfound, v, GS_NFOUND * sizeof *v);
    g->nfound += GS_NFOUND;
}

/* The receiver group, its `(` next: skipped; when it is `(T)`, `(*T)`,
 * `(r T)` or `(r *T)` (the forms cmd/cover names methods by), T's offset
 * into V[GS_RECV] and the star into V[GS_STAR]. False at the end of the
 * source. */
static bool gs_receiver(gs *g, size_t v[GS_NFOUND])
{
    gs_tok t[4];
    size_t n = 0, depth = 1;
    gs_next(g);
    for (;;) {
        gs_tok x = gs_next(g);
        if (x.kind == GT_EOF)
            return false;
        if (x.kind == GT_OP && x.len == 1 && strchr("([{", g->s[x.off]))
            depth++;
        else if (x.kind == GT_OP && x.len == 1 &&
                 strchr(")]}", g->s[x.off]) && --depth == 0)
            break;
        if (depth == 1 && gs_op(g, x, ","))
            continue;
        if (n < 4)
            t[n] = x;
        n++;
    }
    if (n == 0 || n > 3)
        return true;
    size_t k = n > 1 && t[0].kind == GT_IDENT; /* past the receiver name */
    bool star = gs_op(g, t[k], "*");
    if (k + star + 1 == n && t[k + star].kind == GT_IDENT) {
        v[GS_RECV] = t[k + star].off;
        v[GS_STAR] = star;
    }
    return true;
}

/* After a top-level `func` at offset KW: a declaration, if one follows;
 * whatever is not one is left to the caller (no group is left open). */
static void gs_decl(gs *g, size_t kw)
{
    size_t v[GS_NFOUND] = {kw, 0, 0, SIZE_MAX, 0};
    if (gs_op(g, gs_peek(g), "(") && !gs_receiver(g, v))
        return; /* receiver */
    gs_tok name = gs_peek(g);
    if (name.kind != GT_IDENT || gs_nosemi_keyword(g->s + name.off, name.len))
        return;
    gs_next(g);
    gs_group(g, '[', ']'); /* type parameters */
    if (!gs_group(g, '(', ')'))
        return;
    gs_result(g);
    if (!gs_op(g, gs_peek(g), "{"))
        return; /* no body */
    gs_next(g);
    size_t close = gs_skip(g, '{', '}');
    if (close == SIZE_MAX)
        return;
    v[GS_NAME] = name.off;
    v[GS_END] = close + 1;
    gs_add(g, v);
}

static void gs_scan(gs *g)
{
    bool start = true; /* after a semicolon: a declaration may begin */
    size_t depth = 0;
    for (gs_tok t = gs_next(g); t.kind != GT_EOF && !g->err; t = gs_next(g)) {
        if (depth == 0 && start && gs_word(g, t, "func")) {
            gs_decl(g, t.off);
            start = false;
            continue;
        }
        if (t.kind == GT_OP && t.len == 1 && strchr("([{", g->s[t.off]))
            depth++;
        else if (t.kind == GT_OP && t.len == 1 && strchr(")]}", g->s[t.off]) &&
                 depth > 0)
            depth--;
        start = t.kind == GT_SEMI || gs_op(g, t, ";");
    }
}

/* ---- positions ----------------------------------------------------------- */

static int gs_lines(gs *g)
{
    for (size_t i = 0; i < g->n; i++) {
        if (i > 0 && g->s[i - 1] != '\n')
            continue;
        PROF_TRY(prof_grow((void **)&g->lines, &g->cap_lines, g->nlines,
                           sizeof *g->lines));
        g->lines[g->nlines++] = i;
        const char *nl = memchr(g->s + i, '\n', g->n - i);
        if (!nl)
            break;
        i = (size_t)(nl - g->s);
    }
    return 0;
}

/* Index of the last line starting at or before OFF. */
static size_t gs_line_index(const gs *g, size_t off)
{
    size_t lo = 0, hi = g->nlines; /* lines[lo] <= off < lines[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static uint32_t gs_u32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* token.File.unpack(OFF, adjusted=true). */
static void gs_position(const gs *g, size_t off, uint32_t *line, uint32_t *col)
{
    size_t li = g->nlines ? gs_line_index(g, off) : 0;
    uint64_t l = li + 1, c = off - (g->nlines ? g->lines[li] : 0) + 1;
    size_t k = g->ninfos;
    while (k > 0 && g->infos[k - 1].off > off)
        k--;
    if (k > 0) {
        const gs_info *alt = &g->infos[k - 1];
        uint64_t d = l - (gs_line_index(g, alt->off) + 1);
        l = alt->line + d;
        if (alt->col == 0)
            c = 0;
        else if (d == 0)
            c = alt->col + (off - alt->off);
    }
    *line = gs_u32(l);
    *col = gs_u32(c);
}

static size_t gs_ident_len(const gs *g, size_t off)
{
    size_t n = 0;
    while (off + n < g->n && gs_ident_byte((unsigned char)g->s[off + n]))
        n++;
    return n;
}

static int gs_result_funcs(const gs *g, prof_gofunc **out, size_t *n)
{
    size_t count = g->nfound / GS_NFOUND;
    *out = NULL;
    *n = 0;
    if (count == 0)
        return 0;
    prof_gofunc *v = malloc(count * sizeof *v);
    if (!v)
        return PROF_ENOMEM;
    for (size_t k = 0; k < count; k++) {
        const size_t *f = g->found + GS_NFOUND * k;
        bool recv = f[GS_RECV] != SIZE_MAX;
        v[k] = (prof_gofunc){g->s + f[GS_NAME], gs_ident_len(g, f[GS_NAME]),
                             recv ? g->s + f[GS_RECV] : NULL,
                             recv ? gs_ident_len(g, f[GS_RECV]) : 0,
                             recv && f[GS_STAR], 0, 0, 0, 0};
        gs_position(g, f[GS_KW], &v[k].line, &v[k].col);
        gs_position(g, f[GS_END], &v[k].end_line, &v[k].end_col);
    }
    *out = v;
    *n = count;
    return 0;
}

int prof_go_funcs(const char *src, size_t len, prof_gofunc **out, size_t *n)
{
    gs g;
    memset(&g, 0, sizeof g);
    g.s = src;
    g.n = len;
    g.i = prof_bom_len(src, len); /* skipped; its bytes still count */
    int rc = gs_lines(&g);
    if (rc == 0) {
        gs_scan(&g);
        rc = g.err;
    }
    if (rc == 0)
        rc = gs_result_funcs(&g, out, n);
    free(g.lines);
    free(g.infos);
    free(g.found);
    return rc;
}
