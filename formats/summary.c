/* summary.c - totals per file, directory and overall (text or markdown). */
#include "../libprof/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Rows: for each directory (bytewise; what Go calls a package), a row
 * with its totals, then one row per file in it (its base name, indented
 * in text), and a last "Total" row. Metrics, each "covered/total pct%":
 *   lines       prof_file_lines (DESIGN.md "Blocks to lines"), hit > 0;
 *   statements  Go blocks only (never derived lines): stmts of blocks
 *               hit / all, as `go tool cover -func` totals them (every
 *               block of Go data; in mixed data, blocks with columns);
 *   functions   functions entered / all;
 *   branches    branches taken at least once / all (never evaluated
 *               counts as not taken), as lcov --summary counts them.
 * A metric the data lacks (no Go blocks, functions or branches) is "-".
 * Percentages are prof_percent's, as `go tool cover -func` prints them.
 */

enum { SU_LINES, SU_STMTS, SU_FUNCS, SU_BRANCHES, SU_N };

static const char *const su_heads[SU_N] = {"Lines", "Statements",
                                           "Functions", "Branches"};

typedef struct su_metric {
    uint64_t cov, tot;
    bool has;
} su_metric;

typedef enum { SU_DIR, SU_FILE, SU_TOTAL } su_kind;

typedef struct su_row {
    su_kind kind;
    const char *name; /* directory: the path, LEN bytes of it */
    size_t len;
    su_metric m[SU_N];
} su_row;

typedef struct su_rows {
    su_row *v;
    size_t n, cap;
} su_rows;

static void su_add(su_metric *m, uint64_t cov, uint64_t tot)
{
    m->cov += cov;
    m->tot += tot;
    m->has = true;
}

static int su_file(const prof_file *f, su_row *r)
{
    size_t n;
    prof_line *lines;
    const prof_block *b = prof_file_blocks(f, &n);
    PROF_TRY(prof_file_lines(f, &lines, &n));
    for (size_t i = 0; i < n; i++)
        su_add(&r->m[SU_LINES], lines[i].hits > 0, 1);
    free(lines);
    /* a Go block, not a line: columns, or Go data alone (a block under a
     * //line directive without a column has columns 0) */
    bool go = prof_file_families(f) == PROF_FAMILY_GO;
    prof_file_blocks(f, &n);
    for (size_t i = 0; i < n; i++)
        if (go || b[i].start_col || b[i].end_col)
            su_add(&r->m[SU_STMTS], b[i].hits ? b[i].stmts : 0, b[i].stmts);
    const prof_function *fn = prof_file_functions(f, &n);
    for (size_t i = 0; i < n; i++)
        su_add(&r->m[SU_FUNCS], fn[i].hits > 0, 1);
    const prof_branch *br = prof_file_branches(f, &n);
    for (size_t i = 0; i < n; i++)
        su_add(&r->m[SU_BRANCHES],
               br[i].taken != PROF_NOT_EVALUATED && br[i].taken > 0, 1);
    return 0;
}

static void su_sum(su_row *into, const su_row *r)
{
    for (int k = 0; k < SU_N; k++)
        if (r->m[k].has)
            su_add(&into->m[k], r->m[k].cov, r->m[k].tot);
}

static int su_push(su_rows *rs, const su_row *r)
{
    PROF_TRY(prof_grow((void **)&rs->v, &rs->cap, rs->n, sizeof *rs->v));
    rs->v[rs->n++] = *r;
    return 0;
}

/* Directory rows, each followed by its files' rows, then the total. */
static int su_collect(const prof_profile *p, su_rows *rs)
{
    size_t n;
    const prof_file **files = prof_files_by_dir(p, &n);
    if (!files)
        return PROF_ENOMEM;
    su_row total = {SU_TOTAL, "Total", 5, {{0, 0, false}}};
    size_t dir = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *path = prof_file_path(files[i]);
        size_t dl = prof_path_dirlen(path);
        if (i == 0 || dl != rs->v[dir].len ||
            memcmp(path, rs->v[dir].name, dl)) {
            su_row d = {SU_DIR, path, dl, {{0, 0, false}}};
            dir = rs->n;
            rc = su_push(rs, &d);
        }
        su_row f = {SU_FILE, path, strlen(path), {{0, 0, false}}};
        if (rc == 0)
            rc = su_file(files[i], &f);
        if (rc == 0) {
            su_sum(&rs->v[dir], &f);
            su_sum(&total, &f);
            rc = su_push(rs, &f);
        }
    }
    free(files);
    return rc == 0 ? su_push(rs, &total) : rc;
}

/* ---- cells ------------------------------------------------------------ */

/* The name shown for R: a directory as path.Dir gives it, a file by its
 * base name (text) or whole path (markdown). */
static void su_name(const su_row *r, bool whole, const char **s, size_t *len)
{
    *s = r->name;
    *len = r->len;
    if (r->kind == SU_DIR && r->len == 0) {
        *s = r->name[0] == '/' ? "/" : ".";
        *len = 1;
    } else if (r->kind == SU_FILE && !whole) {
        size_t dl = prof_path_dirlen(r->name);
        *s = r->name + dl + (r->name[dl] == '/');
        *len = r->len - (size_t)(*s - r->name);
    }
}

static void su_pct(char *out, size_t sz, const su_metric *m)
{
    char b[PROF_PERCENT_SIZE];
    if (m->tot == 0)
        snprintf(out, sz, "-");
    else
        snprintf(out, sz, "%s%%", prof_percent(b, m->cov, m->tot));
}

/* "covered/total" and "pct%" of M, or "-" and "". */
static void su_cell(const su_metric *m, char *frac, char *pct, size_t sz)
{
    if (!m->has) {
        snprintf(frac, sz, "-");
        pct[0] = '\0';
        return;
    }
    snprintf(frac, sz, "%llu/%llu", (unsigned long long)m->cov,
             (unsigned long long)m->tot);
    su_pct(pct, sz, m);
}

/* ---- text --------------------------------------------------------------- */

static size_t su_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static void su_spaces(prof_sink *out, size_t n)
{
    while (n--)
        prof_sink_putc(out, ' ');
}

/* Column widths: the name, then per metric the fraction and percent. */
static void su_text_widths(const su_rows *rs, size_t w[1 + 2 * SU_N])
{
    w[0] = strlen("Directory / file");
    for (int k = 0; k < SU_N; k++) {
        w[1 + 2 * k] = strlen(su_heads[k]);
        w[2 + 2 * k] = strlen("100.0%");
    }
    for (size_t i = 0; i < rs->n; i++) {
        const char *s;
        size_t len;
        su_name(&rs->v[i], false, &s, &len);
        size_t nw = su_width(s, len) + (rs->v[i].kind == SU_FILE ? 2 : 0);
        w[0] = nw > w[0] ? nw : w[0];
        for (int k = 0; k < SU_N; k++) {
            char frac[48], pct[16];
            su_cell(&rs->v[i].m[k], frac, pct, sizeof pct);
            size_t fl = strlen(frac);
            w[1 + 2 * k] = fl > w[1 + 2 * k] ? fl : w[1 + 2 * k];
        }
    }
}

static void su_text_row(prof_sink *out, const su_row *r, const size_t *w)
{
    const char *s;
    size_t len, indent = r->kind == SU_FILE ? 2 : 0;
    su_name(r, false, &s, &len);
    su_spaces(out, indent);
    prof_sink_write(out, s, len);
    su_spaces(out, w[0] - indent - su_width(s, len));
    for (int k = 0; k < SU_N; k++) {
        char frac[48], pct[48];
        su_cell(&r->m[k], frac, pct, sizeof pct);
        if (!r->m[k].has) { /* "-" right-aligned across the column */
            su_spaces(out, 2 + w[1 + 2 * k] + w[2 + 2 * k]);
            prof_sink_putc(out, '-');
            continue;
        }
        su_spaces(out, 2 + w[1 + 2 * k] - strlen(frac));
        prof_sink_puts(out, frac);
        su_spaces(out, 1 + w[2 + 2 * k] - strlen(pct));
        prof_sink_puts(out, pct);
    }
    prof_sink_putc(out, '\n');
}

static void su_text(prof_sink *out, const su_rows *rs)
{
    size_t w[1 + 2 * SU_N];
    su_text_widths(rs, w);
    prof_sink_puts(out, "Directory / file");
    su_spaces(out, w[0] - strlen("Directory / file"));
    for (int k = 0; k < SU_N; k++) {
        size_t cw = w[1 + 2 * k] + 1 + w[2 + 2 * k];
        su_spaces(out, 2 + cw - strlen(su_heads[k]));
        prof_sink_puts(out, su_heads[k]);
    }
    prof_sink_putc(out, '\n');
    for (size_t i = 0; i < rs->n; i++)
        su_text_row(out, &rs->v[i], w);
}

/* ---- markdown ------------------------------------------------------------ */

/* S with what markdown or a table would read as syntax escaped. */
static void su_md_text(prof_sink *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '&')
            prof_sink_puts(out, "&amp;");
        else if (c == '<')
            prof_sink_puts(out, "&lt;");
        else if ((unsigned char)c < 0x20)
            prof_sink_putc(out, ' ');
        else {
            if (strchr("\\`*_[]|~#>!", c))
                prof_sink_putc(out, '\\');
            prof_sink_putc(out, c);
        }
    }
}

static void su_md(prof_sink *out, const su_rows *rs)
{
    prof_sink_puts(out, "| Directory / file |");
    for (int k = 0; k < SU_N; k++)
        prof_sink_printf(out, " %s |", su_heads[k]);
    prof_sink_puts(out, "\n|:---|");
    for (int k = 0; k < SU_N; k++)
        prof_sink_puts(out, "---:|");
    prof_sink_putc(out, '\n');
    for (size_t i = 0; i < rs->n; i++) {
        const su_row *r = &rs->v[i];
        const char *s;
        size_t len;
        su_name(r, true, &s, &len);
        const char *em = r->kind == SU_FILE ? "" : "**";
        prof_sink_printf(out, "| %s", em);
        su_md_text(out, s, len);
        prof_sink_printf(out, "%s |", em);
        for (int k = 0; k < SU_N; k++) {
            char frac[48], pct[48];
            su_cell(&r->m[k], frac, pct, sizeof pct);
            if (r->m[k].has)
                prof_sink_printf(out, " %s%s%s (%s) |", em, pct, em, frac);
            else
                prof_sink_puts(out, " - |");
        }
        prof_sink_putc(out, '\n');
    }
}

static void su_plural(prof_sink *out, uint64_t n, const char *one,
                      const char *many)
{
    prof_sink_printf(out, "%llu %s", (unsigned long long)n,
                     n == 1 ? one : many);
}

/* What exclusions in sources left out of the totals, when anything. */
static void su_excluded(prof_sink *out, const prof_profile *p)
{
    size_t files;
    const prof_totals *x = prof_profile_excluded(p, &files);
    if (!x->lines.found && !x->branches.found && !x->functions.found &&
        !x->stmts.found && !files)
        return;
    prof_sink_puts(out, "\nExcluded in sources: ");
    su_plural(out, x->lines.found, "line, ", "lines, ");
    su_plural(out, x->branches.found, "branch, ", "branches, ");
    su_plural(out, x->functions.found, "function, ", "functions, ");
    su_plural(out, x->stmts.found, "statement", "statements");
    if (files) {
        prof_sink_puts(out, ", ");
        su_plural(out, files, "generated file", "generated files");
    }
    prof_sink_puts(out, "\n");
}

static int su_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    su_rows rs = {NULL, 0, 0};
    int rc = su_collect(p, &rs);
    if (rc == 0 && o->markdown)
        su_md(out, &rs);
    else if (rc == 0)
        su_text(out, &rs);
    if (rc == 0)
        su_excluded(out, p);
    free(rs.v);
    return rc < 0 ? prof_error_set(err, rc, "", 0, "out of memory") : 0;
}

const prof_format prof_format_summary = {
    .name = "summary",
    .description = "totals per file, directory and overall (text or markdown)",
    .write = su_write,
    .view = PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS,
};
