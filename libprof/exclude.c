/* exclude.c - exclusion markers in sources; generated Go files. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* What the markers say about one source line. */
enum {
    EX_LINE = 1,    /* lcov: the line's records and functions starting on it */
    EX_GLINE = 2,   /* gcovr: the line's records (its functions stay) */
    EX_BRANCH = 4,  /* the line's branches */
    EX_UNREACH = 8, /* lcov 2 LCOV_UNREACHABLE_*: a hit is always reported */
};

/* A Go block a `// coverage-ignore` comment marks: from its `{` to just
 * after its `}` (Go's columns: 1-based bytes). */
typedef struct ex_region {
    uint32_t line, col, end_line, end_col;
} ex_region;

/* The markers of one source file. */
typedef struct ex_src {
    const char *path; /* the profile's path, for warnings */
    prof_profile *p;
    uint8_t *flags; /* by line number, 0 unused */
    size_t nlines;
    ex_region *regions;
    size_t nregions, cap_regions;
} ex_src;

typedef struct ex_ctx {
    const prof_exclude_opts *o;
    pcre2_code *lines_re, *branches_re;
    pcre2_match_data *md;
} ex_ctx;

/* ---- lcov (geninfo's rules: a START line is excluded, a STOP line not) */

typedef struct ex_lcov {
    const char *start, *stop, *line; /* marker names */
    uint32_t open;                   /* line of the START, 0 when none */
} ex_lcov;

static bool ex_has(const char *s, size_t n, const char *word)
{
    return memmem(s, n, word, strlen(word)) != NULL;
}

/* One lcov marker family on line LN; returns whether LN is covered. */
static bool ex_lcov_line(ex_src *x, ex_lcov *m, uint32_t ln, const char *s,
                         size_t n)
{
    if (ex_has(s, n, m->stop)) {
        if (!m->open)
            prof_profile_warnf(x->p, x->path, ln, "%s without %s", m->stop,
                               m->start);
        m->open = 0;
    } else if (ex_has(s, n, m->start) && !m->open) {
        m->open = ln;
    }
    return m->open || ex_has(s, n, m->line);
}

/* ---- gcovr (its rules: START/STOP nest, [START, STOP) is excluded) ---- */

typedef struct ex_gmark {
    char header[6]; /* GCOV, GCOVR, LCOVR */
    uint32_t line;
} ex_gmark;

typedef struct ex_gcovr {
    const char *word; /* "" for lines, "BR_" for branches */
    uint8_t flag;
    ex_gmark *stack;
    size_t n, cap;
} ex_gcovr;

/* The marker at S[i..n) (S[i] the byte after "COV"): its header length
 * before "COV" + R and kind: 'L'ine, 'S'tart, 'T'stop, or 0. */
static int ex_gcovr_kind(const char *s, size_t n, size_t i, const char *word,
                         size_t *after)
{
    if (i < n && s[i] == 'R')
        i++;
    size_t wl = strlen(word);
    if (n - i < 6 + wl || memcmp(s + i, "_EXCL_", 6) ||
        memcmp(s + i + 6, word, wl))
        return 0;
    i += 6 + wl;
    static const char *const kinds[] = {"LINE", "START", "STOP"};
    for (int k = 0; k < 3; k++) {
        size_t kl = strlen(kinds[k]);
        if (n - i >= kl && !memcmp(s + i, kinds[k], kl)) {
            *after = i + kl;
            return "LST"[k];
        }
    }
    return 0;
}

static void ex_mark(ex_src *x, uint32_t from, uint32_t to, uint8_t flag)
{
    for (uint32_t l = from; l < to && l < x->nlines; l++)
        x->flags[l] |= flag;
}

static int ex_gcovr_marker(ex_src *x, ex_gcovr *g, uint32_t ln, int kind,
                           const char *hdr, size_t hl)
{
    if (kind == 'L' && g->n)
        prof_profile_warnf(x->p, x->path, ln, "%.*s_EXCL_%sLINE inside the "
                           "section started on line %u", (int)hl, hdr,
                           g->word, g->stack[g->n - 1].line);
    else if (kind == 'L')
        ex_mark(x, ln, ln + 1, g->flag);
    else if (kind == 'S') {
        if (prof_grow((void **)&g->stack, &g->cap, g->n, sizeof *g->stack) < 0)
            return PROF_ENOMEM;
        ex_gmark *m = &g->stack[g->n++];
        memcpy(m->header, hdr, hl);
        m->header[hl] = '\0';
        m->line = ln;
    } else if (!g->n) {
        prof_profile_warnf(x->p, x->path, ln, "%.*s_EXCL_%sSTOP without "
                           "%.*s_EXCL_%sSTART", (int)hl, hdr, g->word,
                           (int)hl, hdr, g->word);
    } else {
        ex_gmark *m = &g->stack[--g->n];
        if (strlen(m->header) != hl || memcmp(m->header, hdr, hl))
            prof_profile_warnf(x->p, x->path, ln, "%s_EXCL_%sSTART of line "
                               "%u ended by %.*s_EXCL_%sSTOP", m->header,
                               g->word, m->line, (int)hl, hdr, g->word);
        ex_mark(x, m->line, ln, g->flag);
    }
    return 0;
}

/* Every gcovr marker of line LN in order (LCOV_ ones follow lcov). */
static int ex_gcovr_line(ex_src *x, ex_gcovr *g, uint32_t ln, const char *s,
                         size_t n)
{
    for (size_t i = 1; i + 3 <= n;) {
        const char *c = memmem(s + i, n - i, "COV", 3);
        if (!c)
            break;
        i = (size_t)(c - s);
        size_t after = i + 3;
        int kind = (s[i - 1] == 'G' || s[i - 1] == 'L')
                       ? ex_gcovr_kind(s, n, i + 3, g->word, &after)
                       : 0;
        bool lcov = s[i - 1] == 'L' && (i + 3 >= n || s[i + 3] != 'R');
        if (kind && !lcov)
            PROF_TRY(ex_gcovr_marker(x, g, ln, kind, s + i - 1,
                                     after > i + 3 && s[i + 3] == 'R' ? 5
                                                                      : 4));
        i = kind ? after : i + 3;
    }
    return 0;
}

static void ex_gcovr_end(ex_src *x, ex_gcovr *g)
{
    for (size_t k = 0; k < g->n; k++)
        prof_profile_warnf(x->p, x->path, g->stack[k].line,
                           "%s_EXCL_%sSTART without %s_EXCL_%sSTOP (nothing "
                           "excluded, as gcovr does)", g->stack[k].header,
                           g->word, g->stack[k].header, g->word);
    free(g->stack);
}

/* ---- one source file's lines ---- */

static bool ex_re_match(const ex_ctx *c, pcre2_code *re, const char *s,
                        size_t n)
{
    return re && pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, c->md, NULL) >= 0;
}

typedef struct ex_scan {
    ex_lcov lcov[4];
    ex_gcovr gl, gb;
    const char *cov; /* the next "COV" of the file at or after the line,
                      * NULL when there is none (every marker holds it) */
    const char *end; /* the file's end */
} ex_scan;

static void ex_lcov_end(ex_src *x, ex_scan *sc)
{
    for (int k = 0; k < 4; k++)
        if (sc->lcov[k].open)
            prof_profile_warnf(x->p, x->path, sc->lcov[k].open,
                               "%s without %s (excluded to the end of the "
                               "file, as lcov does)", sc->lcov[k].start,
                               sc->lcov[k].stop);
}

static int ex_one_line(ex_src *x, const ex_ctx *c, ex_scan *sc,
                       uint32_t ln, const char *s, size_t n)
{
    if (ex_re_match(c, c->lines_re, s, n))
        x->flags[ln] |= EX_GLINE;
    if (ex_re_match(c, c->branches_re, s, n))
        x->flags[ln] |= EX_BRANCH;
    if (!(c->o->flags & PROF_EXCLUDE_MARKERS))
        return 0;
    if (sc->cov && sc->cov < s)
        sc->cov = memmem(s, (size_t)(sc->end - s), "COV", 3);
    if (!sc->cov || sc->cov >= s + n) { /* no marker: the sections open
                                         * decide alone (most lines) */
        x->flags[ln] |= (sc->lcov[0].open || sc->lcov[1].open ? EX_LINE : 0) |
                        (sc->lcov[1].open ? EX_UNREACH : 0) |
                        (sc->lcov[2].open ? EX_BRANCH : 0);
        return 0;
    }
    bool excl = ex_lcov_line(x, &sc->lcov[0], ln, s, n);
    bool unreach = ex_lcov_line(x, &sc->lcov[1], ln, s, n);
    bool br = ex_lcov_line(x, &sc->lcov[2], ln, s, n);
    ex_lcov_line(x, &sc->lcov[3], ln, s, n); /* exception branches */
    x->flags[ln] |= (excl || unreach ? EX_LINE : 0) |
                    (unreach ? EX_UNREACH : 0) | (br ? EX_BRANCH : 0);
    PROF_TRY(ex_gcovr_line(x, &sc->gl, ln, s, n));
    return ex_gcovr_line(x, &sc->gb, ln, s, n);
}

static int ex_lines(ex_src *x, const ex_ctx *c, const char *t,
                    size_t len)
{
    size_t nl = 1;
    for (size_t i = 0; i < len; i++)
        nl += t[i] == '\n';
    if (!(x->flags = calloc(nl + 1, 1)))
        return PROF_ENOMEM;
    x->nlines = nl + 1;
    ex_scan sc = {
        .lcov = {{"LCOV_EXCL_START", "LCOV_EXCL_STOP", "LCOV_EXCL_LINE",
                  0},
                 {"LCOV_UNREACHABLE_START", "LCOV_UNREACHABLE_STOP",
                  "LCOV_UNREACHABLE_LINE", 0},
                 {"LCOV_EXCL_BR_START", "LCOV_EXCL_BR_STOP",
                  "LCOV_EXCL_BR_LINE", 0},
                 {"LCOV_EXCL_EXCEPTION_BR_START",
                  "LCOV_EXCL_EXCEPTION_BR_STOP",
                  "LCOV_EXCL_EXCEPTION_BR_LINE", 0}},
        .gl = {.word = "", .flag = EX_GLINE},
        .gb = {.word = "BR_", .flag = EX_BRANCH}};
    sc.end = t + len;
    sc.cov = memmem(t, len, "COV", 3);
    int rc = 0;
    uint32_t ln = 1;
    for (size_t i = 0; i <= len && rc == 0; ln++) {
        const char *e = memchr(t + i, '\n', len - i);
        size_t end = e ? (size_t)(e - t) : len;
        size_t n = end - i;
        if (n && t[i + n - 1] == '\r')
            n--;
        rc = ex_one_line(x, c, &sc, ln, t + i, n);
        i = end + 1;
    }
    ex_lcov_end(x, &sc);
    ex_gcovr_end(x, &sc.gl);
    ex_gcovr_end(x, &sc.gb);
    return rc;
}

/* ---- Go: `// coverage-ignore` on the line of a block's `{` ---- */

typedef struct ex_brace {
    uint32_t line, col;
    bool marked;
} ex_brace;

typedef struct ex_go {
    ex_src *x;
    const char *t;
    size_t len, i, bol; /* bol: offset of the current line */
    uint32_t line;
    ex_brace *stack;
    size_t n, cap;
    uint32_t last_line; /* line of the last `{` seen, 0 none */
    size_t last;        /* its index in the stack */
    bool last_closed;   /* it was closed on its line: LAST_PAIR */
    ex_region last_pair;
} ex_go;

static int ex_region_add(ex_src *x, ex_region r)
{
    if (prof_grow((void **)&x->regions, &x->cap_regions, x->nregions,
                  sizeof *x->regions) < 0)
        return PROF_ENOMEM;
    x->regions[x->nregions++] = r;
    return 0;
}

static uint32_t ex_col(const ex_go *g)
{
    return (uint32_t)(g->i - g->bol + 1);
}

static int ex_go_open(ex_go *g)
{
    if (prof_grow((void **)&g->stack, &g->cap, g->n, sizeof *g->stack) < 0)
        return PROF_ENOMEM;
    g->stack[g->n] = (ex_brace){g->line, ex_col(g), false};
    g->last_line = g->line;
    g->last = g->n++;
    g->last_closed = false;
    return 0;
}

static int ex_go_close(ex_go *g)
{
    if (!g->n)
        return 0; /* not Go: nothing to match */
    ex_brace b = g->stack[--g->n];
    ex_region r = {b.line, b.col, g->line, ex_col(g) + 1};
    if (g->n == g->last && b.line == g->last_line && b.line == g->line) {
        g->last_closed = true;
        g->last_pair = r;
    }
    return b.marked ? ex_region_add(g->x, r) : 0;
}

/* Is the line comment text S[0..N) (after the slashes) the marker? */
static bool ex_go_marker(const char *s, size_t n)
{
    static const char m[] = "coverage-ignore";
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (n - k < sizeof m - 1 || memcmp(s + k, m, sizeof m - 1))
        return false;
    k += sizeof m - 1;
    unsigned char c = k < n ? (unsigned char)s[k] : ' ';
    return !(c == '-' || c == '_' || (c >= '0' && c <= '9') ||
             ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

static int ex_go_comment(ex_go *g)
{
    size_t s = g->i + 2, e = s;
    while (e < g->len && g->t[e] != '\n')
        e++;
    g->i = e;
    if (!ex_go_marker(g->t + s, e - s))
        return 0;
    if (g->last_line != g->line) {
        prof_profile_warnf(g->x->p, g->x->path, g->line, "%s",
                           "coverage-ignore on a line that opens no block "
                           "(it belongs after the block's '{')");
        return 0;
    }
    if (g->last_closed)
        return ex_region_add(g->x, g->last_pair);
    g->stack[g->last].marked = true;
    return 0;
}

/* Skip a literal or block comment opened at g->i, up to its CLOSE
 * (interpreted strings and runes end at a newline, ESC escapes). */
static void ex_go_skip(ex_go *g, const char *close, bool esc, bool lines)
{
    size_t cl = strlen(close);
    g->i += cl == 2 ? 2 : 1;
    while (g->i < g->len) {
        char c = g->t[g->i];
        if (c == '\n' && !lines)
            return;
        if (esc && c == '\\') {
            g->i += 2;
            continue;
        }
        if (c == '\n') {
            g->line++;
            g->bol = g->i + 1;
        } else if (g->i + cl <= g->len && !memcmp(g->t + g->i, close, cl)) {
            g->i += cl;
            return;
        }
        g->i++;
    }
}

static int ex_go_scan(ex_go *g)
{
    while (g->i < g->len) {
        char c = g->t[g->i];
        char d = g->i + 1 < g->len ? g->t[g->i + 1] : 0;
        int rc = 0;
        if (c == '\n') {
            g->line++;
            g->bol = ++g->i;
            continue;
        }
        if (c == '/' && d == '/')
            rc = ex_go_comment(g);
        else if (c == '/' && d == '*')
            ex_go_skip(g, "*/", false, true);
        else if (c == '"' || c == '\'')
            ex_go_skip(g, c == '"' ? "\"" : "'", true, false);
        else if (c == '`')
            ex_go_skip(g, "`", false, true);
        else if (c == '{')
            rc = ex_go_open(g), g->i++;
        else if (c == '}')
            rc = ex_go_close(g), g->i++;
        else
            g->i++;
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int ex_go_regions(ex_src *x, const char *t, size_t len)
{
    ex_go g = {.x = x, .t = t, .len = len, .line = 1};
    int rc = ex_go_scan(&g);
    for (size_t k = 0; rc == 0 && k < g.n; k++)
        if (g.stack[k].marked)
            prof_profile_warnf(x->p, x->path, g.stack[k].line, "%s",
                               "coverage-ignore: the block's '}' was not "
                               "found (nothing excluded)");
    free(g.stack);
    return rc;
}

/* ---- Go: generated files, as go/ast.IsGenerated decides ---- */

/* Does S[0..N), carriage returns skipped, begin with W? */
static bool ex_starts_nocr(const char *s, size_t n, const char *w)
{
    size_t k = 0;
    for (size_t i = 0; i < n && w[k]; i++)
        if (s[i] != '\r' && s[i] != w[k++])
            return false;
    return !w[k];
}

/* Does S[0..N), carriage returns skipped, end with W? */
static bool ex_ends_nocr(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = n; i-- > 0 && k;)
        if (s[i] != '\r' && s[i] != w[--k])
            return false;
    return k == 0;
}

/* One line of a comment's text (with its slashes): "// Code generated
 * " ... " DO NOT EDIT." exactly, carriage returns removed as go/scanner
 * removes them. */
static bool ex_gen_line(const char *s, size_t n)
{
    static const char pre[] = "// Code generated ", suf[] = " DO NOT EDIT.";
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += s[i] != '\r';
    return len >= sizeof pre - 1 + sizeof suf - 1 &&
           ex_starts_nocr(s, n, pre) && ex_ends_nocr(s, n, suf);
}

/* Every line of the comment S[0..N) ("//..." or "/ *...* /"). */
static bool ex_gen_comment(const char *s, size_t n)
{
    for (size_t i = 0; i <= n;) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t end = e ? (size_t)(e - s) : n;
        if (ex_gen_line(s + i, end - i))
            return true;
        i = end + 1;
    }
    return false;
}

/* go/ast.IsGenerated: a comment before the package clause has a line
 * "// Code generated ... DO NOT EDIT." */
static bool ex_go_generated(const char *t, size_t len)
{
    size_t i = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len) {
        char c = t[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            i++;
            continue;
        }
        if (c != '/' || i + 1 >= len || (t[i + 1] != '/' && t[i + 1] != '*'))
            return false; /* the package clause (or not Go) */
        const char *e = t[i + 1] == '/' ? memchr(t + i, '\n', len - i)
                                        : memmem(t + i + 2, len - i - 2,
                                                 "*/", 2);
        size_t end = !e ? len : t[i + 1] == '/' ? (size_t)(e - t)
                                                : (size_t)(e - t) + 2;
        if (t[i + 1] == '/' ? ex_gen_line(t + i, end - i)
                            : ex_gen_comment(t + i, end - i))
            return true;
        i = end;
    }
    return false;
}

/* ---- applying them to the model ---- */

static uint8_t ex_flag(const ex_src *x, uint32_t line)
{
    return line < x->nlines ? x->flags[line] : 0;
}

/* (L1, C1) <= (L2, C2) */
static bool ex_le(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2)
{
    return l1 < l2 || (l1 == l2 && c1 <= c2);
}

static bool ex_in_region(const ex_src *x, const prof_block *b)
{
    for (size_t k = 0; k < x->nregions; k++) {
        const ex_region *r = &x->regions[k];
        if (ex_le(r->line, r->col, b->start_line, b->start_col) &&
            ex_le(b->end_line, b->end_col, r->end_line, r->end_col))
            return true;
    }
    return false;
}

/* A block leaves with its region, or when each line it spans is out. */
static bool ex_block_out(const ex_src *x, const prof_block *b)
{
    if (ex_in_region(x, b))
        return true;
    if (b->end_line < b->start_line || b->start_line == 0)
        return false; /* a //line directive's range */
    for (uint32_t l = b->start_line; l <= b->end_line; l++)
        if (!(ex_flag(x, l) & (EX_LINE | EX_GLINE)))
            return false;
    return true;
}

/* A function leaves when lcov's markers exclude its first line, or when
 * its body is a marked Go block. */
static bool ex_func_out(const ex_src *x, const prof_function *f)
{
    if (ex_flag(x, f->start_line) & EX_LINE)
        return true;
    for (size_t k = 0; k < x->nregions; k++) {
        const ex_region *r = &x->regions[k];
        if (r->end_line == f->end_line && r->end_col == f->end_col &&
            r->line >= f->start_line)
            return true;
    }
    return false;
}

/* An excluded block that ran: a warning on request; one marked
 * LCOV_UNREACHABLE_* always, and it is kept (lcov 2's default,
 * retain_unreachable_coverpoints_if_executed = 1). Returns whether B
 * leaves. */
static bool ex_hit(const ex_src *x, const ex_ctx *c, const prof_block *b)
{
    bool unreach = ex_flag(x, b->start_line) & EX_UNREACH;
    if (b->hits && unreach)
        prof_profile_warnf(x->p, x->path, b->start_line,
                           "code marked unreachable (LCOV_UNREACHABLE_*) was "
                           "hit %llu time%s: kept, as lcov 2 keeps it",
                           (unsigned long long)b->hits,
                           b->hits == 1 ? "" : "s");
    else if (b->hits && (c->o->flags & PROF_EXCLUDE_WARN_HITS))
        prof_profile_warnf(x->p, x->path, b->start_line,
                           "excluded code was hit %llu time%s",
                           (unsigned long long)b->hits,
                           b->hits == 1 ? "" : "s");
    return !(b->hits && unreach);
}

/* A hit function or branch on a line marked unreachable stays. */
static bool ex_kept_hit(const ex_src *x, uint32_t line, uint64_t hits)
{
    return hits && hits != PROF_NOT_EVALUATED &&
           (ex_flag(x, line) & EX_UNREACH);
}

/* Drop F's records that X excludes. */
static void ex_apply(prof_file *f, const ex_src *x, const ex_ctx *c)
{
    size_t o = 0;
    for (size_t i = 0; i < f->nblocks; i++) {
        if (!ex_block_out(x, &f->blocks[i]) || !ex_hit(x, c, &f->blocks[i]))
            f->blocks[o++] = f->blocks[i];
    }
    if (o != f->nblocks) {
        f->nblocks = o;
        prof_htab_free(&f->index); /* positions changed: no index, */
        f->hint = 0;               /* no hint */
    }
    o = 0;
    for (size_t i = 0; i < f->nfuncs; i++)
        if (!ex_func_out(x, &f->funcs[i]) ||
            ex_kept_hit(x, f->funcs[i].start_line, f->funcs[i].hits))
            f->funcs[o++] = f->funcs[i];
    f->nfuncs = o;
    o = 0;
    for (size_t i = 0; i < f->nbranches; i++)
        if (!(ex_flag(x, f->branches[i].line) &
              (EX_LINE | EX_GLINE | EX_BRANCH)) ||
            ex_kept_hit(x, f->branches[i].line, f->branches[i].taken))
            f->branches[o++] = f->branches[i];
    f->nbranches = o;
}

static void ex_count_sub(prof_count *out, prof_count a, prof_count b)
{
    out->found += a.found - b.found;
    out->hit += a.hit - b.hit;
}

/* Exclude what the markers of F's source say; *GENERATED when the file is
 * a generated Go file to drop. */
static int ex_file(prof_profile *p, prof_file *f, const prof_sources *s,
                   const ex_ctx *c, bool *generated)
{
    bool go = f->path_len > 3 && !strcmp(f->path + f->path_len - 3, ".go");
    *generated = false;
    char *disk = prof_sources_find(s, f->path);
    prof_input in;
    if (!disk || prof_input_load_raw(&in, disk, UINT32_MAX, NULL) < 0) {
        free(disk);
        return 0; /* no source: nothing to read markers from */
    }
    free(disk);
    const char *t = (const char *)in.data;
    if (go && (c->o->flags & PROF_EXCLUDE_GENERATED) &&
        ex_go_generated(t, in.len)) {
        prof_input_release(&in);
        *generated = true;
        return 0;
    }
    ex_src x = {.path = f->path, .p = p};
    int rc = ex_lines(&x, c, t, in.len);
    if (rc == 0 && go && (c->o->flags & PROF_EXCLUDE_MARKERS))
        rc = ex_go_regions(&x, t, in.len);
    prof_input_release(&in);
    prof_totals before = {{0, 0}, {0, 0}, {0, 0}, {0, 0}}, after = before;
    if (rc == 0)
        rc = prof_file_totals(f, &before);
    if (rc == 0) {
        ex_apply(f, &x, c);
        rc = prof_file_totals(f, &after);
    }
    if (rc == 0) {
        ex_count_sub(&p->excluded.lines, before.lines, after.lines);
        ex_count_sub(&p->excluded.branches, before.branches, after.branches);
        ex_count_sub(&p->excluded.functions, before.functions,
                     after.functions);
        ex_count_sub(&p->excluded.stmts, before.stmts, after.stmts);
    }
    free(x.flags);
    free(x.regions);
    return rc;
}

static int ex_compile(const char *pat, const char *opt, pcre2_code **out,
                      prof_error *err)
{
    *out = NULL;
    if (!pat)
        return 0;
    int code;
    PCRE2_SIZE off;
    /* gcovr matches at the start of the line (Python's re.match) */
    *out = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                         PCRE2_ANCHORED | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                         &code, &off, NULL);
    if (*out)
        return 0;
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(code, msg, sizeof msg);
    return prof_error_set(err, PROF_EINVAL, "", 0,
                          "bad %s regex '%s' at offset %zu: %s", opt, pat,
                          (size_t)off, (const char *)msg);
}

/* The files --exclude-generated drops. */
typedef struct ex_drop {
    const prof_file **v;
    size_t n;
} ex_drop;

static bool ex_keep(const prof_file *f, void *ctx)
{
    const ex_drop *d = ctx;
    for (size_t k = 0; k < d->n; k++)
        if (d->v[k] == f)
            return false;
    return true;
}

/* Count generated file F as excluded and note it in D. */
static int ex_generated(prof_profile *p, prof_file *f, ex_drop *d)
{
    prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    PROF_TRY(prof_file_totals(f, &t));
    ex_count_sub(&p->excluded.lines, t.lines, (prof_count){0, 0});
    ex_count_sub(&p->excluded.branches, t.branches, (prof_count){0, 0});
    ex_count_sub(&p->excluded.functions, t.functions, (prof_count){0, 0});
    ex_count_sub(&p->excluded.stmts, t.stmts, (prof_count){0, 0});
    p->excluded_files++;
    d->v[d->n++] = f;
    return 0;
}

static int ex_files(prof_profile *p, const prof_sources *s,
                    const ex_ctx *c, prof_error *err)
{
    ex_drop d = {calloc(p->nfiles ? p->nfiles : 1, sizeof *d.v), 0};
    if (!d.v)
        return prof_error_oom(err, "");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < p->nfiles; i++) {
        bool gen;
        rc = ex_file(p, p->files[i], s, c, &gen);
        if (rc == 0 && gen)
            rc = ex_generated(p, p->files[i], &d);
    }
    if (rc == 0 && d.n)
        rc = prof_profile_retain(p, ex_keep, &d);
    free(d.v);
    return rc < 0 ? prof_error_oom(err, "") : 0;
}

int prof_profile_exclude(prof_profile *p, const prof_sources *s,
                         const prof_exclude_opts *o, prof_error *err)
{
    ex_ctx c = {.o = o};
    if (!o->flags && !o->lines_pattern && !o->branches_pattern)
        return 0;
    int rc = ex_compile(o->lines_pattern, "--exclude-lines-by-pattern",
                        &c.lines_re, err);
    if (rc == 0)
        rc = ex_compile(o->branches_pattern, "--exclude-branches-by-pattern",
                        &c.branches_re, err);
    if (rc == 0 && !(c.md = pcre2_match_data_create(1, NULL)))
        rc = prof_error_oom(err, "");
    if (rc == 0)
        rc = ex_files(p, s, &c, err);
    pcre2_code_free(c.lines_re);
    pcre2_code_free(c.branches_re);
    pcre2_match_data_free(c.md);
    return rc;
}

const prof_totals *prof_profile_excluded(const prof_profile *p,
                                         size_t *files)
{
    if (files)
        *files = p->excluded_files;
    return &p->excluded;
}
