/* html_page.c - HTML report: one annotated source page per file. */
#include "html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SOURCE (1ull << 30) /* larger "sources" are not shown */
#define WARN_NAMED 10           /* missing sources named one by one */

/* One page being written. Rows are visited in increasing line order;
 * blocks enter the active list at their start line and leave after their
 * end line. */
typedef struct pg {
    html_ctx *c;
    prof_sink *s;
    const prof_file *f;
    const char *path;        /* F's */
    size_t path_len;
    const prof_block *blocks; /* F's records */
    size_t nblocks;
    const prof_branch *branches;
    size_t nbranches;
    prof_line *lines;
    size_t nlines, li;   /* per-line results and cursor */
    size_t bi, bri;      /* next block to activate, branch cursor */
    size_t *act;         /* indexes of active blocks */
    size_t nact, capact;
    size_t *bnd;         /* segment boundaries of the current line */
    size_t capbnd;
    uint32_t *sets;      /* suite-set ids used on the page */
    size_t nsets, capsets;
    prof_input src;
    bool have_src;
    size_t *lstart;      /* byte offset of each source line, + end */
    size_t nsrc;
    int rc;
} pg;

/* ---- source ----------------------------------------------------------- */

static void warn_missing(pg *g, const char *path, const char *why)
{
    html_ctx *c = g->c;
    if (++c->missing > WARN_NAMED || !c->o->warn)
        return;
    prof_error w;
    prof_error_set(&w, PROF_OK, path, 0,
                   "%s; its page shows lines and hits without source", why);
    c->o->warn(c->o->warn_ctx, &w);
}

static int split_lines(pg *g)
{
    const unsigned char *d = g->src.data;
    size_t n = g->src.len, cap = 64;
    g->lstart = malloc(cap * sizeof *g->lstart);
    if (!g->lstart)
        return PROF_ENOMEM;
    g->lstart[0] = 0;
    g->nsrc = 0;
    const unsigned char *nl;
    for (size_t i = 0; i < n && (nl = memchr(d + i, '\n', n - i)); ) {
        i = (size_t)(nl - d) + 1;
        PROF_TRY(prof_grow((void **)&g->lstart, &cap, g->nsrc + 2,
                           sizeof *g->lstart));
        g->lstart[++g->nsrc] = i;
    }
    if (n && d[n - 1] != '\n') { /* last line without newline */
        PROF_TRY(prof_grow((void **)&g->lstart, &cap, g->nsrc + 2,
                           sizeof *g->lstart));
        g->lstart[++g->nsrc] = n + 1;
    }
    return 0;
}

static int load_source(pg *g)
{
    const char *path = g->path;
    char *disk = prof_sources_find(g->c->o->sources, path);
    if (!disk) {
        warn_missing(g, path, "source file not found");
        return 0;
    }
    prof_error e;
    int rc = prof_input_load(&g->src, disk, MAX_SOURCE, &e);
    free(disk);
    if (rc == PROF_ENOMEM)
        return rc;
    if (rc < 0) {
        char why[600];
        snprintf(why, sizeof why, "cannot read its source: %s", e.msg);
        warn_missing(g, path, why);
        return 0;
    }
    g->have_src = true;
    return split_lines(g);
}

/* Text of line L (1-based) without its line end; LEN 0 when absent. */
static const char *line_text(const pg *g, uint32_t l, size_t *len)
{
    *len = 0;
    if (!g->have_src || l == 0 || l > g->nsrc)
        return "";
    size_t a = g->lstart[l - 1], b = g->lstart[l] - 1;
    const char *t = (const char *)g->src.data + a;
    if (b > a && t[b - a - 1] == '\r')
        b--;
    *len = b - a;
    return t;
}

/* ---- rows ------------------------------------------------------------- */

/* The last line B is shown on: its start line when it ends before it
 * starts (Go through //line: the end is a line of another file). */
static uint32_t block_end(const prof_block *b)
{
    return b->end_line > b->start_line ? b->end_line : b->start_line;
}

/* Does B end on line L (a column there ends it)? */
static bool ends_on(const prof_block *b, uint32_t l)
{
    return l == b->end_line &&
           (b->end_line > b->start_line || b->end_col >= b->start_col);
}

/* Next line to show after CUR: every source line, and the lines the
 * profile knows (past the end of the source, or all when it is missing).
 * 0 when done. */
static uint32_t next_row(const pg *g, uint32_t cur)
{
    uint32_t best = g->have_src && cur < g->nsrc ? cur + 1 : 0;
    if (g->li < g->nlines && (!best || g->lines[g->li].line < best))
        best = g->lines[g->li].line;
    if (g->bri < g->nbranches &&
        (!best || g->branches[g->bri].line < best))
        best = g->branches[g->bri].line;
    return best;
}

/* Make the active list hold the blocks covering line L. */
static int activate(pg *g, uint32_t l)
{
    size_t k = 0;
    for (size_t i = 0; i < g->nact; i++)
        if (block_end(&g->blocks[g->act[i]]) >= l)
            g->act[k++] = g->act[i];
    g->nact = k;
    for (; g->bi < g->nblocks && g->blocks[g->bi].start_line <= l;
         g->bi++) {
        if (block_end(&g->blocks[g->bi]) < l)
            continue;
        PROF_TRY(prof_grow((void **)&g->act, &g->capact, g->nact,
                           sizeof *g->act));
        g->act[g->nact++] = g->bi;
    }
    return 0;
}

/* Does block B count for line L (DESIGN.md "Blocks to lines")? */
static bool contributes(const prof_block *b, uint32_t l)
{
    return b->start_line == block_end(b) || l < b->end_line ||
           b->end_col > 2;
}

static int note_set(pg *g, uint32_t set)
{
    for (size_t i = 0; i < g->nsets; i++)
        if (g->sets[i] == set)
            return 0;
    PROF_TRY(prof_grow((void **)&g->sets, &g->capsets, g->nsets,
                       sizeof *g->sets));
    g->sets[g->nsets++] = set;
    return 0;
}

/* data-k: the distinct suite sets of the blocks counting for line L, so
 * the page can recolour the line for one suite. */
static void row_sets(pg *g, uint32_t l)
{
    prof_sink_puts(g->s, " data-k=\"");
    bool any = false;
    for (size_t i = 0; i < g->nact; i++) {
        const prof_block *b = &g->blocks[g->act[i]];
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = g->blocks[g->act[j]].suites == b->suites &&
                  contributes(&g->blocks[g->act[j]], l);
        if (dup || !contributes(b, l))
            continue;
        if (any)
            prof_sink_putc(g->s, ' ');
        prof_sink_u64(g->s, b->suites);
        any = true;
        if (note_set(g, b->suites) < 0)
            g->rc = PROF_ENOMEM;
    }
    prof_sink_putc(g->s, '"');
}

/* The suites that ran line L, as names. */
static void row_suites(pg *g, uint32_t l)
{
    const prof_profile *p = g->c->p;
    bool any = false;
    for (size_t su = 0; su < prof_profile_nsuites(p); su++) {
        bool has = false;
        for (size_t i = 0; i < g->nact && !has; i++) {
            const prof_block *b = &g->blocks[g->act[i]];
            has = contributes(b, l) && prof_suites_has(p, b->suites, su);
        }
        if (!has)
            continue;
        if (any)
            prof_sink_puts(g->s, ", ");
        html_esc(g->s, prof_profile_suite(p, su),
                 strlen(prof_profile_suite(p, su)), true);
        any = true;
    }
}

static void row_branches(pg *g, uint32_t l)
{
    const prof_branch *br = g->branches;
    for (; g->bri < g->nbranches && br[g->bri].line == l; g->bri++) {
        const prof_branch *b = &br[g->bri];
        const char *cls = b->taken == PROF_NOT_EVALUATED ? "bx"
                          : b->taken                     ? "bt"
                                                         : "bn";
        prof_sink_printf(g->s, "<span class=\"%s\" title=\"block %u "
                               "branch %u: ", cls, b->block, b->branch);
        if (b->taken == PROF_NOT_EVALUATED)
            prof_sink_puts(g->s, "never evaluated\">#");
        else if (b->taken) {
            prof_sink_puts(g->s, "taken ");
            prof_sink_u64(g->s, b->taken);
            prof_sink_puts(g->s, "\">+");
        } else
            prof_sink_puts(g->s, "not taken\">-");
        prof_sink_puts(g->s, "</span>");
    }
}

/* Byte range [*FROM, *TO) of block B on line L (LEN bytes): Go blocks by
 * their 1-based columns (end exclusive), line records whole; a block that
 * ends before it starts runs to the end of its start line, and one that
 * ends at column 0 of a later line (//line: no column) shades none of
 * that line, which it does not count for either. */
static void block_span(const prof_block *b, uint32_t l, size_t len,
                       size_t *from, size_t *to)
{
    if (ends_on(b, l) && !b->end_col && l != b->start_line) {
        *from = *to = 0;
        return;
    }
    *from = l == b->start_line && b->start_col ? b->start_col - 1 : 0;
    *to = ends_on(b, l) && b->end_col ? b->end_col - 1 : len;
    if (*to > len)
        *to = len;
    if (*from > *to)
        *from = *to;
}

/* Is A nested in B: a later start, or the same start and an earlier end? */
static bool inner(const prof_block *a, const prof_block *b)
{
    if (a->start_line != b->start_line)
        return a->start_line > b->start_line;
    if (a->start_col != b->start_col)
        return a->start_col > b->start_col;
    if (a->end_line != b->end_line)
        return a->end_line < b->end_line;
    return a->end_col < b->end_col;
}

static int size_cmp(const void *va, const void *vb)
{
    size_t a = *(const size_t *)va, b = *(const size_t *)vb;
    return a < b ? -1 : a > b;
}

/* A line has a few boundaries (two per active block): insertion sort,
 * qsort past 32. */
static void sort_small(size_t *v, size_t n)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, size_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Segment boundaries of line L into g->bnd; returns how many. */
static size_t boundaries(pg *g, uint32_t l, size_t len)
{
    size_t need = 2 * g->nact + 2, n = 0;
    if (need > g->capbnd) {
        size_t *nb = realloc(g->bnd, need * sizeof *nb);
        if (!nb) {
            g->rc = PROF_ENOMEM;
            return 0;
        }
        g->bnd = nb;
        g->capbnd = need;
    }
    g->bnd[n++] = 0;
    g->bnd[n++] = len;
    for (size_t i = 0; i < g->nact; i++) {
        block_span(&g->blocks[g->act[i]], l, len, &g->bnd[n],
                   &g->bnd[n + 1]);
        n += 2;
    }
    sort_small(g->bnd, n);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (g->bnd[i] != g->bnd[k - 1])
            g->bnd[k++] = g->bnd[i];
    return k;
}

/* The innermost active block covering bytes [A, B) of line L, or NULL. */
static const prof_block *cover(const pg *g, uint32_t l, size_t len, size_t a,
                               size_t b)
{
    const prof_block *best = NULL;
    for (size_t i = 0; i < g->nact; i++) {
        const prof_block *blk = &g->blocks[g->act[i]];
        size_t from, to;
        block_span(blk, l, len, &from, &to);
        if (from <= a && to >= b && (!best || inner(blk, best)))
            best = blk;
    }
    return best;
}

/* Source text of line L, each byte range shaded by the innermost block
 * holding it (like go tool cover -html); a block whose count differs from
 * the line's (HITS) shows its own in a tooltip. */
static void row_source(pg *g, uint32_t l, uint64_t hits)
{
    size_t len;
    const char *t = line_text(g, l, &len);
    size_t n = boundaries(g, l, len);
    const prof_block *open = NULL;
    for (size_t k = 0; k + 1 < n; k++) {
        const prof_block *b = cover(g, l, len, g->bnd[k], g->bnd[k + 1]);
        if (b != open && open)
            prof_sink_puts(g->s, "</span>");
        if (b && b != open) {
            prof_sink_puts(g->s, b->hits ? "<span class=\"c k"
                                         : "<span class=\"m k");
            prof_sink_u64(g->s, b->suites);
            prof_sink_putc(g->s, '"');
            if (b->hits != hits) {
                prof_sink_puts(g->s, " title=\"");
                prof_sink_u64(g->s, b->hits);
                prof_sink_putc(g->s, '"');
            }
            prof_sink_putc(g->s, '>');
            if (note_set(g, b->suites) < 0)
                g->rc = PROF_ENOMEM;
        }
        open = b;
        html_esc(g->s, t + g->bnd[k], g->bnd[k + 1] - g->bnd[k], true);
    }
    if (open)
        prof_sink_puts(g->s, "</span>");
}

static void emit_row(pg *g, uint32_t l)
{
    const prof_line *ln = NULL;
    while (g->li < g->nlines && g->lines[g->li].line < l)
        g->li++;
    if (g->li < g->nlines && g->lines[g->li].line == l)
        ln = &g->lines[g->li++];
    if (activate(g, l) < 0)
        g->rc = PROF_ENOMEM;
    static const char *const cls[] = {"", " class=\"p\"", " class=\"c\"",
                                      " class=\"m\""};
    prof_sink_puts(g->s, "<tr id=\"L");
    prof_sink_u64(g->s, l);
    prof_sink_putc(g->s, '"');
    prof_sink_puts(g->s, cls[!ln ? 0 : ln->partial ? 1 : ln->hits ? 2 : 3]);
    if (ln)
        row_sets(g, l);
    prof_sink_puts(g->s, "><td class=\"n\">");
    prof_sink_u64(g->s, l);
    prof_sink_puts(g->s, "</td><td class=\"h\">");
    if (ln)
        prof_sink_u64(g->s, ln->hits);
    if (g->nbranches) {
        prof_sink_puts(g->s, "</td><td class=\"b\">");
        row_branches(g, l);
    }
    prof_sink_puts(g->s, "</td><td class=\"u\">");
    if (ln)
        row_suites(g, l);
    prof_sink_puts(g->s, "</td><td class=\"s\">");
    row_source(g, l, ln ? ln->hits : 0);
    prof_sink_puts(g->s, "</td></tr>\n");
}

/* ---- page ------------------------------------------------------------- */

static void file_stats(pg *g, html_stats *st)
{
    size_t nf;
    const prof_function *fn = prof_file_functions(g->f, &nf);
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < g->nlines; i++)
        st->lines_hit += g->lines[i].hits > 0;
    st->lines = g->nlines;
    for (size_t i = 0; i < g->nblocks; i++) {
        st->stmts += g->blocks[i].stmts;
        st->stmts_hit += g->blocks[i].hits ? g->blocks[i].stmts : 0;
    }
    for (size_t i = 0; i < nf; i++)
        st->funcs_hit += fn[i].hits > 0;
    st->funcs = nf;
    for (size_t i = 0; i < g->nbranches; i++)
        st->br_hit += g->branches[i].taken &&
                      g->branches[i].taken != PROF_NOT_EVALUATED;
    st->br = g->nbranches;
}

static void page_header(pg *g, const html_stats *st)
{
    prof_sink *s = g->s;
    const html_ctx *c = g->c;
    prof_sink_puts(s, "<header>\n<nav><a href=\"../index.html\">All files"
                      "</a></nav>\n<h1>");
    html_esc(s, g->path, g->path_len, true);
    prof_sink_puts(s, "</h1>\n");
    html_cards(s, st, (c->cols & HTML_COL_STMTS) |
                          (st->funcs ? HTML_COL_FUNCS : 0) |
                          (st->br ? HTML_COL_BRANCHES : 0));
    if (!g->have_src)
        prof_sink_puts(s, "<p class=\"warn\">Source file not found: lines "
                          "and hits only (see --source-root).</p>\n");
}

/* Suite picker: hidden until the script shows it (it needs the script). */
static void page_tools(pg *g)
{
    const prof_profile *p = g->c->p;
    prof_sink_puts(g->s, "<p class=\"tools\"><span class=\"legend\">"
                         "<span class=\"c\">covered</span> <span class=\"p\">"
                         "partial</span> <span class=\"m\">missed</span>"
                         "</span> <span class=\"keys\" hidden><kbd>n</kbd>/"
                         "<kbd>p</kbd> next/previous missed line</span>");
    if (prof_profile_nsuites(p) > 1) {
        prof_sink_puts(g->s, " <label hidden>Suite <select id=\"suite\">"
                             "<option value=\"\">all</option>");
        for (size_t i = 0; i < prof_profile_nsuites(p); i++) {
            prof_sink_printf(g->s, "<option value=\"%zu\">", i);
            html_esc(g->s, prof_profile_suite(p, i),
                     strlen(prof_profile_suite(p, i)), true);
            prof_sink_puts(g->s, "</option>");
        }
        prof_sink_puts(g->s, "</select></label>");
    }
    prof_sink_puts(g->s, "</p>\n</header>\n");
}

static void page_functions(pg *g)
{
    size_t nf;
    const prof_function *fns = prof_file_functions(g->f, &nf);
    if (!nf)
        return;
    size_t hit = 0;
    for (size_t i = 0; i < nf; i++)
        hit += fns[i].hits > 0;
    prof_sink_printf(g->s, "<details class=\"fns\"><summary>Functions: %zu "
                           "of %zu called</summary>\n<table>\n", hit,
                     nf);
    for (size_t i = 0; i < nf; i++) {
        const prof_function *fn = &fns[i];
        prof_sink_printf(g->s, "<tr class=\"%s\"><td class=\"h\">",
                         fn->hits ? "c" : "m");
        prof_sink_u64(g->s, fn->hits);
        prof_sink_printf(g->s, "</td><td><a href=\"#L%u\">", fn->start_line);
        html_esc(g->s, fn->name, strlen(fn->name), true);
        prof_sink_puts(g->s, "</a></td></tr>\n");
    }
    prof_sink_puts(g->s, "</table></details>\n");
}

/* data-sets="ID:S S;...": the suites of every suite set used on the page,
 * written after the rows (the script reads it from the table footer). */
static void page_sets(pg *g)
{
    const prof_profile *p = g->c->p;
    prof_sink_puts(g->s, "<tfoot hidden><tr><td data-sets=\"");
    for (size_t i = 0; i < g->nsets; i++) {
        prof_sink_printf(g->s, "%s%u:", i ? ";" : "", g->sets[i]);
        bool any = false;
        for (size_t su = 0; su < prof_profile_nsuites(p); su++)
            if (prof_suites_has(p, g->sets[i], su)) {
                prof_sink_printf(g->s, any ? " %zu" : "%zu", su);
                any = true;
            }
    }
    prof_sink_puts(g->s, "\"></td></tr></tfoot>\n");
}

static int page_body(prof_sink *s, void *ctx, prof_error *err)
{
    pg *g = ctx;
    html_stats st;
    g->s = s;
    file_stats(g, &st);
    html_head(s, g->path, "../", "file");
    page_header(g, &st);
    page_tools(g);
    prof_sink_puts(s, "<main>\n");
    page_functions(g);
    prof_sink_printf(s, "<table class=\"code%s\">\n<tbody>\n",
                     g->have_src ? "" : " nosrc");
    for (uint32_t l = next_row(g, 0); l && g->rc == 0; l = next_row(g, l))
        emit_row(g, l);
    prof_sink_puts(s, "</tbody>\n");
    page_sets(g);
    prof_sink_puts(s, "</table>\n</main>\n");
    html_tail(s, g->c);
    if (g->rc < 0)
        return prof_error_set(err, g->rc, g->path, 0, "out of memory");
    return 0;
}

int html_page_write(html_ctx *c, size_t i, prof_error *err)
{
    pg g = {.c = c, .f = prof_profile_file(c->p, i)};
    g.path = prof_file_path(g.f);
    g.path_len = prof_file_path_len(g.f);
    g.blocks = prof_file_blocks(g.f, &g.nblocks);
    g.branches = prof_file_branches(g.f, &g.nbranches);
    char path[4200];
    int rc = prof_file_lines(g.f, &g.lines, &g.nlines);
    if (rc == 0)
        rc = load_source(&g);
    if (rc < 0) {
        free(g.lines);
        prof_input_release(&g.src);
        free(g.lstart);
        return prof_error_set(err, rc, g.path, 0, "out of memory");
    }
    file_stats(&g, &c->stats[i]);
    snprintf(path, sizeof path, "%s/f/%s.html", c->dir, c->pages[i]);
    rc = prof_write_new(path, page_body, &g, err);
    free(g.lines);
    free(g.act);
    free(g.bnd);
    free(g.sets);
    free(g.lstart);
    prof_input_release(&g.src);
    return rc;
}
