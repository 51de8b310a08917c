/* html.c - static HTML report: escaping, page names, the directory index. */
#include "html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- escaping -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at P (N bytes left), 0 if invalid.
 * C1 controls (U+0080..U+009F) count as invalid: they are never text. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    uint32_t cp, min;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, cp = c & 0x1f, min = 0xa0;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, cp = c & 0x0f, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

static const char *entity(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

static void bad_byte(prof_sink *s, unsigned char c, bool text)
{
    static const char hex[] = "0123456789abcdef";
    char b[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
    if (text)
        prof_sink_puts(s, "<span class=\"x\">");
    prof_sink_write(s, b, 4);
    if (text)
        prof_sink_puts(s, "</span>");
}

/* 1 for a byte html_esc must look at (an entity, a control byte, a byte
 * of a UTF-8 sequence), 0 for one written as is; built from entity() and
 * the rule in html_esc. */
static const unsigned char esc_look[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

void html_esc(prof_sink *s, const char *str, size_t len, bool text)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t run = 0, i = 0; /* p[run..i) is pending, written as is */
    while (i < len) {
        while (i < len && !esc_look[p[i]])
            i++;
        if (i == len)
            break;
        unsigned char c = p[i];
        size_t u = c >= 0x80 ? utf8_seq(p + i, len - i) : 0;
        if (u) {
            i += u;
            continue;
        }
        prof_sink_write(s, p + run, i - run);
        if (entity(c))
            prof_sink_puts(s, entity(c));
        else
            bad_byte(s, c, text);
        run = ++i;
    }
    prof_sink_write(s, p + run, i - run);
}

static void esc_str(prof_sink *s, const char *str, bool text)
{
    html_esc(s, str, strlen(str), text);
}

/* ---- shared page parts ---------------------------------------------- */

void html_head(prof_sink *s, const char *title, const char *root,
               const char *bodyclass)
{
    prof_sink_puts(s, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                      "<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width,"
                      "initial-scale=1\">\n"
                      "<meta name=\"color-scheme\" content=\"light dark\">\n"
                      "<title>");
    esc_str(s, title, false);
    prof_sink_puts(s, " \xe2\x80\x94 covkit</title>\n"
                      "<link rel=\"icon\" href=\"data:,\">\n"
                      "<link rel=\"stylesheet\" href=\"");
    prof_sink_puts(s, root);
    prof_sink_puts(s, "covkit.css\">\n<script src=\"");
    prof_sink_puts(s, root);
    prof_sink_printf(s, "covkit.js\" defer></script>\n</head>\n"
                        "<body class=\"%s\">\n", bodyclass);
}

void html_tail(prof_sink *s, const html_ctx *c)
{
    prof_sink_puts(s, "<footer>covkit " PROF_VERSION);
    if (c->stamp[0]) {
        prof_sink_puts(s, " \xc2\xb7 ");
        prof_sink_puts(s, c->stamp);
    }
    prof_sink_puts(s, "</footer>\n</body>\n</html>\n");
}

/* The percentage in tenths as prof_percent rounds it, or -1 when TOTAL is
 * 0 (the sort key of a cell: rows that show the same number tie). */
static long html_tenths(uint64_t hit, uint64_t total)
{
    return total ? (long)prof_percent_tenths(hit, total) : -1;
}

void html_pct(prof_sink *s, uint64_t hit, uint64_t total)
{
    char pc[PROF_PERCENT_SIZE];
    if (!total) {
        prof_sink_puts(s, "<span class=\"na\">\xe2\x80\x93</span>");
        return;
    }
    long t = html_tenths(hit, total);
    const char *lvl = t < 500 ? "lo" : t < 800 ? "me" : "hi";
    prof_percent(pc, hit, total);
    prof_sink_printf(s,
                     "<span class=\"bar\"><i class=\"%s\" style=\"width:"
                     "%s%%\"></i></span><span class=\"pc\">%s%%"
                     "</span><span class=\"ct\">",
                     lvl, pc, pc);
    prof_sink_u64(s, hit);
    prof_sink_putc(s, '/');
    prof_sink_u64(s, total);
    prof_sink_puts(s, "</span>");
}

/* ---- page names ------------------------------------------------------ */

#define NAME_TAIL 60 /* bytes of the cleaned path kept in a page name */

/* "f/" page name of PATH: the end of the path with every byte outside
 * [A-Za-z0-9._-] (and a leading '.') turned into '_', a dot and 8 hex
 * digits of the hash of the whole path; a name equal to an earlier one
 * ignoring case gets "-2", "-3"... So names never leave f/, never collide
 * (not even on case-insensitive file systems) and stay short. */
static const char *page_name(html_ctx *c, prof_strmap *seen,
                             const char *path, size_t len)
{
    char buf[NAME_TAIL + 40], low[sizeof buf];
    size_t from = len > NAME_TAIL ? len - NAME_TAIL : 0, n = 0;
    for (size_t i = from; i < len; i++) {
        unsigned char ch = (unsigned char)path[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
                  (ch == '.' && n > 0);
        buf[n++] = ok ? (char)ch : '_';
    }
    unsigned long long h = prof_hash(path, len);
    n += (size_t)snprintf(buf + n, sizeof buf - n, ".%08llx",
                          (h ^ (h >> 32)) & 0xffffffffull);
    for (unsigned k = 1;; k++) {
        size_t m = n;
        if (k > 1)
            m += (size_t)snprintf(buf + n, sizeof buf - n, "-%u", k);
        for (size_t i = 0; i < m; i++)
            low[i] = buf[i] >= 'A' && buf[i] <= 'Z' ? (char)(buf[i] + 32)
                                                     : buf[i];
        prof_strmap_slot *sl = prof_strmap_get(seen, low, m, true);
        if (!sl)
            return NULL;
        if (!sl->value) {
            sl->value = sl;
            return prof_arena_strndup(&c->arena, buf, m);
        }
    }
}

static int names_make(html_ctx *c, prof_error *err)
{
    size_t n = prof_profile_nfiles(c->p);
    prof_arena a;
    prof_strmap seen;
    prof_arena_init(&a);
    prof_strmap_init(&seen, &a);
    c->pages = calloc(n ? n : 1, sizeof *c->pages);
    c->stats = calloc(n ? n : 1, sizeof *c->stats);
    int rc = c->pages && c->stats ? 0 : PROF_ENOMEM;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const prof_file *f = prof_profile_file(c->p, i);
        c->pages[i] = page_name(c, &seen, prof_file_path(f),
                                prof_file_path_len(f));
        if (!c->pages[i])
            rc = PROF_ENOMEM;
    }
    prof_strmap_free(&seen);
    prof_arena_free(&a);
    return rc < 0 ? prof_error_oom(err, c->dir) : 0;
}

/* ---- the index: a directory tree ------------------------------------ */

typedef struct idx {
    html_ctx *c;
    prof_sink *s;
    unsigned next_id; /* row ids r1, r2, ... */
} idx;

static void stats_add(html_stats *t, const html_stats *a)
{
    t->lines_hit += a->lines_hit, t->lines += a->lines;
    t->stmts_hit += a->stmts_hit, t->stmts += a->stmts;
    t->funcs_hit += a->funcs_hit, t->funcs += a->funcs;
    t->br_hit += a->br_hit, t->br += a->br;
}

static void metric_cell(prof_sink *s, uint64_t hit, uint64_t total)
{
    prof_sink_printf(s, "<td class=\"v\" data-v=\"%ld\">",
                     html_tenths(hit, total));
    html_pct(s, hit, total);
    prof_sink_puts(s, "</td>");
}

static void metric_cells(const idx *x, const html_stats *t)
{
    metric_cell(x->s, t->lines_hit, t->lines);
    if (x->c->cols & HTML_COL_STMTS)
        metric_cell(x->s, t->stmts_hit, t->stmts);
    if (x->c->cols & HTML_COL_FUNCS)
        metric_cell(x->s, t->funcs_hit, t->funcs);
    if (x->c->cols & HTML_COL_BRANCHES)
        metric_cell(x->s, t->br_hit, t->br);
    prof_sink_puts(x->s, "</tr>\n");
}

static void row_start(idx *x, const char *cls, unsigned parent, int depth)
{
    prof_sink_printf(x->s, "<tr class=\"%s\" id=\"r%u\"", cls, ++x->next_id);
    if (parent)
        prof_sink_printf(x->s, " data-p=\"r%u\"", parent);
    prof_sink_printf(x->s, "><td class=\"name\" style=\"--d:%d\">", depth);
}

static const char *fpath(const idx *x, size_t i)
{
    return prof_file_path(prof_profile_file(x->c->p, i));
}

/* Files [LO, HI) share the prefix of length PLEN (ending in '/'). */
static void tree_rows(idx *x, size_t lo, size_t hi, size_t plen, int depth,
                      unsigned parent);

static void file_row(idx *x, size_t i, size_t plen, int depth,
                     unsigned parent)
{
    const prof_file *f = prof_profile_file(x->c->p, i);
    const char *path = prof_file_path(f);
    size_t len = prof_file_path_len(f);
    row_start(x, "f", parent, depth);
    prof_sink_puts(x->s, "<a href=\"f/");
    esc_str(x->s, x->c->pages[i], false);
    prof_sink_puts(x->s, ".html\" title=\"");
    html_esc(x->s, path, len, false);
    prof_sink_puts(x->s, "\">");
    if (len == plen) /* a path ending in / shows whole */
        plen = 0;
    html_esc(x->s, path + plen, len - plen, true);
    prof_sink_puts(x->s, "</a></td>");
    metric_cells(x, &x->c->stats[i]);
}

/* The directory holding files [LO, HI) after prefix PLEN, whose first
 * component ends at byte END: a chain of directories with one child each
 * is folded into one row ("github.com/org/repo/"). */
static void dir_row(idx *x, size_t lo, size_t hi, size_t plen, size_t end,
                    int depth, unsigned parent)
{
    const char *first = fpath(x, lo), *last = fpath(x, hi - 1);
    for (;;) {
        const char *next = strchr(first + end + 1, '/');
        size_t e = next ? (size_t)(next - first) : 0;
        if (!next || strncmp(first, last, e + 1))
            break;
        end = e;
    }
    html_stats t = {0};
    for (size_t i = lo; i < hi; i++)
        stats_add(&t, &x->c->stats[i]);
    row_start(x, "d", parent, depth);
    unsigned id = x->next_id;
    prof_sink_puts(x->s, "<span>");
    html_esc(x->s, first + plen, end + 1 - plen, true);
    prof_sink_puts(x->s, "</span></td>");
    metric_cells(x, &t);
    tree_rows(x, lo, hi, end + 1, depth + 1, id);
}

static void tree_rows(idx *x, size_t lo, size_t hi, size_t plen, int depth,
                      unsigned parent)
{
    for (size_t i = lo; i < hi;) {
        const char *path = fpath(x, i);
        const char *slash = strchr(path + plen, '/');
        if (!slash) {
            file_row(x, i, plen, depth, parent);
            i++;
            continue;
        }
        size_t end = (size_t)(slash - path), j = i + 1;
        while (j < hi && !strncmp(fpath(x, j), path, end + 1))
            j++;
        dir_row(x, i, j, plen, end, depth, parent);
        i = j;
    }
}

static void card(prof_sink *s, const char *name, uint64_t hit,
                 uint64_t total)
{
    prof_sink_printf(s, "<div class=\"card\"><h2>%s</h2>", name);
    html_pct(s, hit, total);
    prof_sink_puts(s, "</div>\n");
}

void html_cards(prof_sink *s, const html_stats *t, unsigned cols)
{
    prof_sink_puts(s, "<div class=\"cards\">\n");
    card(s, "Lines", t->lines_hit, t->lines);
    if (cols & HTML_COL_STMTS)
        card(s, "Statements", t->stmts_hit, t->stmts);
    if (cols & HTML_COL_FUNCS)
        card(s, "Functions", t->funcs_hit, t->funcs);
    if (cols & HTML_COL_BRANCHES)
        card(s, "Branches", t->br_hit, t->br);
    prof_sink_puts(s, "</div>\n");
}

/* "unit, system": the suite names, escaped. */
static void suite_list(prof_sink *s, const prof_profile *p)
{
    for (size_t i = 0; i < prof_profile_nsuites(p); i++) {
        if (i)
            prof_sink_puts(s, ", ");
        esc_str(s, prof_profile_suite(p, i), true);
    }
}

static void index_header(const html_ctx *c, prof_sink *s, const html_stats *t)
{
    size_t n = prof_profile_nfiles(c->p);
    prof_sink_puts(s, "<header>\n<h1>Coverage report</h1>\n<p class=\"meta\">");
    prof_sink_printf(s, "%zu file%s", n, n == 1 ? "" : "s");
    if (prof_profile_mode(c->p) != PROF_MODE_NONE)
        prof_sink_printf(s, " \xc2\xb7 mode %s",
                         prof_mode_name(prof_profile_mode(c->p)));
    if (prof_profile_nsuites(c->p)) {
        prof_sink_puts(s, " \xc2\xb7 suites: ");
        suite_list(s, c->p);
    }
    prof_sink_puts(s, "</p>\n");
    html_cards(s, t, c->cols);
    html_trend(s, c->history);
    prof_sink_puts(s, "</header>\n");
}

static void index_thead(const html_ctx *c, prof_sink *s)
{
    prof_sink_puts(s, "<main>\n<p class=\"tools\"><input id=\"filter\" "
                      "type=\"search\" placeholder=\"Filter files "
                      "(press /)\" aria-label=\"Filter files\" hidden>"
                      "</p>\n<table id=\"tree\">\n<thead><tr>"
                      "<th data-s=\"name\">File</th>"
                      "<th data-s=\"num\">Lines</th>");
    if (c->cols & HTML_COL_STMTS)
        prof_sink_puts(s, "<th data-s=\"num\">Statements</th>");
    if (c->cols & HTML_COL_FUNCS)
        prof_sink_puts(s, "<th data-s=\"num\">Functions</th>");
    if (c->cols & HTML_COL_BRANCHES)
        prof_sink_puts(s, "<th data-s=\"num\">Branches</th>");
    prof_sink_puts(s, "</tr></thead>\n<tbody>\n");
}

static int index_fill(prof_sink *s, void *ctx, prof_error *err)
{
    (void)err;
    html_ctx *c = ctx;
    size_t n = prof_profile_nfiles(c->p);
    html_stats t = {0};
    for (size_t i = 0; i < n; i++)
        stats_add(&t, &c->stats[i]);
    html_head(s, "Coverage report", "", "index");
    index_header(c, s, &t);
    index_thead(c, s);
    idx x = {c, s, 0};
    tree_rows(&x, 0, n, 0, 0, 0);
    prof_sink_puts(s, "</tbody>\n<tfoot><tr><td class=\"name\">Total</td>");
    metric_cells(&x, &t);
    prof_sink_puts(s, "</tfoot>\n</table>\n</main>\n");
    html_tail(s, c);
    return 0;
}

/* ---- the report ------------------------------------------------------ */

static int asset_fill(prof_sink *s, void *ctx, prof_error *err)
{
    (void)err;
    for (const char *const *line = ctx; *line; line++)
        prof_sink_puts(s, *line);
    return 0;
}

static int put_file(const html_ctx *c, const char *name, prof_fill_fn fill,
                    void *ctx, prof_error *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    return prof_write_new(path, fill, ctx, err);
}

/* Which metric columns the index needs: statements for Go blocks
 * (columns given, or Go data alone: //line blocks have columns 0),
 * functions and branches when any file has them. */
static unsigned columns(const prof_profile *p)
{
    unsigned cols = 0;
    bool go = prof_profile_families(p) == PROF_FAMILY_GO;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        const prof_file *f = prof_profile_file(p, i);
        size_t nb, nf, nbr;
        const prof_block *bl = prof_file_blocks(f, &nb);
        prof_file_functions(f, &nf);
        prof_file_branches(f, &nbr);
        for (size_t b = 0; b < nb && !(cols & HTML_COL_STMTS); b++)
            if (go || bl[b].start_col || bl[b].end_col)
                cols |= HTML_COL_STMTS;
        cols |= nf ? HTML_COL_FUNCS : 0;
        cols |= nbr ? HTML_COL_BRANCHES : 0;
    }
    return cols;
}

/* "generated 2024-05-01 12:00 UTC" when SOURCE_DATE_EPOCH is set (the
 * report is otherwise free of times, so runs are byte-identical). */
static void stamp(char *buf, size_t n)
{
    int64_t secs;
    buf[0] = '\0';
    if (!prof_source_date_epoch(&secs))
        return;
    time_t t = (time_t)secs;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(buf, n, "generated %Y-%m-%d %H:%M UTC", &tm);
}

static void missing_summary(html_ctx *c)
{
    if (c->missing <= 10 || !c->o->warn)
        return;
    prof_error w;
    prof_error_set(&w, PROF_OK, "", 0,
                   "%zu source files not found in all (10 named above); "
                   "their pages show lines and hits without source "
                   "(see --source-root)", c->missing);
    c->o->warn(c->o->warn_ctx, &w);
}

static int html_write_dir(const prof_profile *p, const char *dir,
                          const prof_write_opts *o, prof_error *err)
{
    html_ctx c = {.p = p, .o = o, .dir = dir, .cols = columns(p)};
    prof_arena_init(&c.arena);
    stamp(c.stamp, sizeof c.stamp);
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/f", dir);
    /* the history first: a bad one stops the report before any page */
    int rc = o && o->history ? prof_history_read(o->history, &c.history, err)
                             : 0;
    if (rc == 0)
        rc = names_make(&c, err);
    if (rc == 0 && mkdir(sub, 0777) < 0)
        rc = prof_error_set(err, PROF_EIO, sub, 0, "cannot create: %s",
                            strerror(errno));
    for (size_t i = 0; rc == 0 && i < prof_profile_nfiles(p); i++)
        rc = html_page_write(&c, i, err);
    if (rc == 0)
        rc = put_file(&c, "covkit.css", asset_fill, (void *)html_css, err);
    if (rc == 0)
        rc = put_file(&c, "covkit.js", asset_fill, (void *)html_js, err);
    if (rc == 0)
        rc = put_file(&c, "index.html", index_fill, &c, err);
    if (rc == 0)
        missing_summary(&c);
    prof_history_free(c.history);
    free(c.pages);
    free(c.stats);
    prof_arena_free(&c.arena);
    return rc;
}

const prof_format prof_format_html = {
    .name = "html",
    .description = "HTML report directory (index + annotated sources; -o DIR)",
    .write_dir = html_write_dir,
    .view = PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES,
};
