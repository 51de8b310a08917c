/* func.c - `go tool cover -func`, `covdata func` and `covdata percent` reports. */
#include "../libprof/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Both writers group files into packages by the directory of their path
 * (covdata uses the meta-data's import path, which is that directory for
 * module packages) and sort packages bytewise, files within a package
 * bytewise, as covdata does. Percentages are prof_percent's: 100*covered/
 * total in double, the total forced to 1 when 0, printed as Go's %.1f
 * (which rounds the exact binary value to nearest, ties to even, as glibc
 * does).
 *
 * percent: `\t<pkg>\t\tcoverage: P% of statements\n` per package over all
 * its blocks; a package with no statements gets just `\t<pkg>\t\t`, with
 * no newline, as covdata percent prints it (verified with Go 1.23).
 *
 * func, Go data (formats.md 2.8 item 3): every block of a package, sorted
 * by (file, start line, end line, start column, end column, statements),
 * is given the name of its function (a GOCOVERDIR unit names it), else of
 * the model function whose extent holds it, or none (a package-level
 * literal). Units of two functions at one range (//line) sort in
 * covdata's map order, which changes from run to run; here they keep the
 * model's order (by function name). Runs of consecutive blocks with the same
 * name make one row `file:LINE:\tname\tP%`, LINE the first block's line;
 * nameless runs print no row but count in the total, which covers every
 * block. Function literals inside a function lie in its extent, so they
 * count for it, as in covdata. It is used when every Go input was a
 * GOCOVERDIR, whose meta-data carries the functions.
 *
 * func, Go text data (formats.md 1.4, cmd/cover/func.go): when a Go text
 * profile was among the inputs (or no file carries functions), the table
 * is go tool cover -func's. Files in path order (x/tools sorts profiles by
 * name); for each, the source is found through the write options' source
 * lookup and scanned (gosrc.c) for top-level functions with a body; per
 * function in source order, the blocks not wholly before its `func`
 * keyword and not starting at or after its end count; the row is
 * `file:LINE:\tname\tP%` with the profile's path, the keyword's line and
 * the bare name; the total (`total:`, with a colon) covers those
 * functions' blocks only. Functions from covdata meta-data in a merge are
 * not used: the table is that of the merged text profile (what covmerge
 * writes). A source that is not found is one warning and no rows for its
 * file; go tool cover fails instead.
 *
 * func, line data (lcov, gcov JSON, mixed): one row per function, in file
 * then start order, at its start line; P is the statement share of the
 * hit lines between its start and end line when the end is known, else
 * 100.0 when the function was entered and 0.0 when not. The total covers
 * every line.
 *
 * Rows go through the layout of Go's text/tabwriter with minwidth 1,
 * tabwidth 8, padding 1 and '\t' padding: each of the first two cells is
 * followed by W/8 - len/8 tabs, W the column's widest cell plus one
 * rounded up to 8, widths counted in UTF-8 characters.
 */

typedef struct fu_row {
    const char *file; /* NULL: the total row */
    uint32_t line;
    const char *name;
    uint64_t cov, tot;
} fu_row;

typedef struct fu_rows {
    fu_row *v;
    size_t n, cap;
    uint64_t cov, tot; /* for the total row */
    const char *total; /* its label: "total" (covdata) or "total:" */
    prof_arena arena;  /* function names of scanned sources */
    bool arena_used;
} fu_rows;

/* One block with what sorting and grouping need. */
typedef struct fu_unit {
    const char *path;
    size_t dirlen; /* bytes of PATH before its last '/' */
    const prof_block *b;
    const char *name; /* NULL: outside every function */
} fu_unit;

static int fu_strcmp_n(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    return an < bn ? -1 : an > bn;
}

/* "P%\n" (prof_percent: Go's %.1f, a total of 0 counting as 1). */
static void fu_pct(prof_sink *out, uint64_t cov, uint64_t tot)
{
    char b[PROF_PERCENT_SIZE];
    prof_sink_puts(out, prof_percent(b, cov, tot));
    prof_sink_puts(out, "%\n");
}

static int fu_add_row(fu_rows *rs, const fu_row *r)
{
    PROF_TRY(prof_grow((void **)&rs->v, &rs->cap, rs->n, sizeof *rs->v));
    rs->v[rs->n++] = *r;
    return 0;
}

/* ---- Go data: blocks grouped by function name ------------------------ */

static int fu_unit_cmp(const void *va, const void *vb)
{
    const fu_unit *a = va, *b = vb;
    int c = fu_strcmp_n(a->path, a->dirlen, b->path, b->dirlen);
    if (c)
        return c;
    if ((c = strcmp(a->path, b->path)) != 0)
        return c;
    const prof_block *x = a->b, *y = b->b;
    if (x->start_line != y->start_line)
        return x->start_line < y->start_line ? -1 : 1;
    if (x->end_line != y->end_line)
        return x->end_line < y->end_line ? -1 : 1;
    if (x->start_col != y->start_col)
        return x->start_col < y->start_col ? -1 : 1;
    if (x->end_col != y->end_col)
        return x->end_col < y->end_col ? -1 : 1;
    if (x->stmts != y->stmts)
        return x->stmts < y->stmts ? -1 : 1;
    /* units of two functions at one range (//line): covdata's order is
     * that of a map, so either; here the model's (by function name) */
    return x < y ? -1 : x > y;
}

static bool fu_before(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2)
{
    return l1 < l2 || (l1 == l2 && c1 < c2);
}

/* The row name of a block that names its function: none for a
 * package-level literal, which covdata func leaves out. */
static const char *fu_unit_name(const char *func)
{
    return strncmp(func, "func.L", 6) ? func : NULL;
}

/* Append the blocks of F to U, named by their function (GOCOVERDIR
 * units), else by the function whose extent holds them. */
static void fu_file_units(const prof_file *f, fu_unit *u, size_t *nu)
{
    size_t nb, nf, k = 0;
    const prof_block *b = prof_file_blocks(f, &nb);
    const prof_function *fn = prof_file_functions(f, &nf);
    const char *path = prof_file_path(f);
    for (size_t i = 0; i < nb; i++) {
        while (k + 1 < nf && !fu_before(b[i].start_line, b[i].start_col,
                                        fn[k + 1].start_line,
                                        fn[k + 1].start_col))
            k++;
        const char *name = NULL;
        if (b[i].func)
            name = fu_unit_name(b[i].func);
        else if (nf && !fu_before(b[i].start_line, b[i].start_col,
                             fn[k].start_line, fn[k].start_col) &&
            !fu_before(fn[k].end_line, fn[k].end_col, b[i].end_line,
                       b[i].end_col))
            name = fn[k].name;
        u[(*nu)++] = (fu_unit){path, prof_path_dirlen(path), &b[i], name};
    }
}

static bool fu_same_name(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Rows of the sorted units U[0..N), covdata's grouping. */
static int fu_group(fu_rows *rs, const fu_unit *u, size_t n)
{
    fu_row cur = {NULL, 0, NULL, 0, 0};
    for (size_t i = 0; i < n; i++) {
        bool first = i == 0 || u[i].dirlen != u[i - 1].dirlen ||
                     memcmp(u[i].path, u[i - 1].path, u[i].dirlen) != 0;
        if (i > 0 && (first || !fu_same_name(cur.name, u[i].name))) {
            if (cur.name)
                PROF_TRY(fu_add_row(rs, &cur));
            first = true;
        }
        if (first)
            cur = (fu_row){u[i].path, u[i].b->start_line, u[i].name, 0, 0};
        cur.tot += u[i].b->stmts;
        cur.cov += u[i].b->hits ? u[i].b->stmts : 0;
        rs->tot += u[i].b->stmts;
        rs->cov += u[i].b->hits ? u[i].b->stmts : 0;
    }
    if (n > 0 && cur.name)
        PROF_TRY(fu_add_row(rs, &cur));
    return 0;
}

static int fu_go_rows(const prof_profile *p, fu_rows *rs)
{
    size_t total = 0, nu = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t nb;
        prof_file_blocks(prof_profile_file(p, i), &nb);
        total += nb;
    }
    fu_unit *u = malloc((total ? total : 1) * sizeof *u);
    if (!u)
        return PROF_ENOMEM;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        fu_file_units(prof_profile_file(p, i), u, &nu);
    qsort(u, nu, sizeof *u, fu_unit_cmp);
    int rc = fu_group(rs, u, nu);
    free(u);
    return rc;
}

/* ---- line data: one row per function ---------------------------------- */

/* The statements of the lines of B[0..NB) in [FIRST, LAST] and the hit ones. */
static void fu_span(const prof_block *b, size_t nb, uint32_t first,
                    uint32_t last, fu_row *r)
{
    for (size_t i = 0; i < nb; i++) {
        if (b[i].start_line < first || b[i].start_line > last)
            continue;
        r->tot += b[i].stmts;
        r->cov += b[i].hits ? b[i].stmts : 0;
    }
}

static int fu_line_file(fu_rows *rs, const prof_file *f)
{
    size_t nb, nf;
    const prof_block *b = prof_file_blocks(f, &nb);
    const prof_function *fn = prof_file_functions(f, &nf);
    fu_row all = {NULL, 0, NULL, 0, 0};
    fu_span(b, nb, 0, UINT32_MAX, &all);
    rs->tot += all.tot;
    rs->cov += all.cov;
    for (size_t k = 0; k < nf; k++) {
        fu_row r = {prof_file_path(f), fn[k].start_line, fn[k].name, 0, 0};
        if (fn[k].end_line == 0 || fn[k].end_line < fn[k].start_line) {
            r.tot = 1; /* extent unknown: entered or not */
            r.cov = fn[k].hits ? 1 : 0;
        } else {
            fu_span(b, nb, fn[k].start_line, fn[k].end_line, &r);
        }
        PROF_TRY(fu_add_row(rs, &r));
    }
    return 0;
}

static int fu_line_rows(const prof_profile *p, fu_rows *rs)
{
    size_t n;
    const prof_file **files = prof_files_by_dir(p, &n);
    if (!files)
        return PROF_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = fu_line_file(rs, files[i]);
    free(files);
    return rc;
}

/* ---- Go text data: go tool cover -func -------------------------------- */

static void fu_warn(const prof_write_opts *o, const char *path,
                    const char *why)
{
    if (!o->warn)
        return;
    prof_error w;
    prof_error_set(&w, PROF_EIO, path, 0, "%s; its functions are left out",
                   why);
    o->warn(o->warn_ctx, &w);
}

/* The rows of F, whose source is SRC[0..LEN). */
static int fu_cover_funcs(fu_rows *rs, const prof_file *f, const char *src,
                          size_t len, bool excluded)
{
    prof_gofunc *fn;
    size_t nf, nb;
    PROF_TRY(prof_go_funcs(src, len, &fn, &nf));
    const prof_block *b = prof_file_blocks(f, &nb);
    int rc = 0;
    for (size_t k = 0; k < nf && rc == 0; k++) {
        fu_row r = {prof_file_path(f), fn[k].line, NULL, 0, 0};
        /* a function whose every block was excluded (coverage-ignore)
         * leaves the table */
        if (!prof_gofunc_cover(&fn[k], b, nb, &r.cov, &r.tot) && excluded)
            continue;
        r.name = prof_arena_strndup(&rs->arena, fn[k].name, fn[k].name_len);
        rs->tot += r.tot;
        rs->cov += r.cov;
        rc = r.name ? fu_add_row(rs, &r) : PROF_ENOMEM;
    }
    free(fn);
    return rc;
}

static int fu_cover_file(fu_rows *rs, const prof_file *f,
                         const prof_sources *sources,
                         const prof_write_opts *o, bool excluded)
{
    const char *path = prof_file_path(f);
    char *found = prof_sources_find(sources, path);
    if (!found) {
        fu_warn(o, path, "source not found (see --source-root)");
        return 0;
    }
    prof_input in;
    prof_error err;
    int rc = prof_input_load(&in, found, UINT32_MAX, &err);
    if (rc < 0) {
        fu_warn(o, path, err.msg);
        free(found);
        return rc == PROF_ENOMEM ? rc : 0;
    }
    rc = fu_cover_funcs(rs, f, (const char *)in.data, in.len, excluded);
    prof_input_release(&in);
    free(found);
    return rc;
}

static int fu_cover_rows(const prof_profile *p, const prof_write_opts *o,
                         fu_rows *rs)
{
    prof_sources *own = NULL; /* the default: "." with its go.mod files */
    const prof_sources *sources = o->sources;
    if (!sources && !(sources = own = prof_sources_new()))
        return PROF_ENOMEM;
    prof_arena_init(&rs->arena);
    rs->arena_used = true;
    int rc = 0;
    bool excluded = prof_profile_excluded(p, NULL)->stmts.found > 0;
    for (size_t i = 0; i < prof_profile_nfiles(p) && rc == 0; i++)
        rc = fu_cover_file(rs, prof_profile_file(p, i), sources, o,
                           excluded);
    prof_sources_free(own);
    return rc;
}

/* ---- output ------------------------------------------------------------ */

/* Characters of S[0..LEN) as UTF-8 (continuation bytes not counted). */
static size_t fu_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static size_t fu_digits(uint32_t v)
{
    size_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* Widths of R's first two cells: "file:LINE:" (or TOTAL) and the name. */
static void fu_cell_widths(const fu_row *r, const char *total, size_t w[2])
{
    if (!r->file) {
        w[0] = strlen(total);
        w[1] = strlen("(statements)");
        return;
    }
    w[0] = fu_width(r->file, strlen(r->file)) + fu_digits(r->line) + 2;
    w[1] = fu_width(r->name, strlen(r->name));
}

/* Column widths as text/tabwriter computes them (multiples of 8). */
static void fu_widths(const fu_rows *rs, size_t w[2])
{
    w[0] = w[1] = 0;
    for (size_t i = 0; i < rs->n; i++) {
        size_t c[2];
        fu_cell_widths(&rs->v[i], rs->total, c);
        w[0] = c[0] > w[0] ? c[0] : w[0];
        w[1] = c[1] > w[1] ? c[1] : w[1];
    }
    for (int k = 0; k < 2; k++)
        w[k] = (w[k] + 1 + 7) / 8 * 8;
}

/* Tabs after a cell of width LEN in a column of width WIDTH. */
static void fu_pad(prof_sink *out, size_t len, size_t width)
{
    for (size_t t = width / 8 - len / 8; t > 0; t--)
        prof_sink_putc(out, '\t');
}

static void fu_emit(prof_sink *out, const fu_rows *rs)
{
    size_t w[2];
    fu_widths(rs, w);
    for (size_t i = 0; i < rs->n; i++) {
        const fu_row *r = &rs->v[i];
        size_t c[2];
        fu_cell_widths(r, rs->total, c);
        if (r->file) {
            prof_sink_puts(out, r->file);
            prof_sink_putc(out, ':');
            prof_sink_u64(out, r->line);
            prof_sink_putc(out, ':');
        } else {
            prof_sink_puts(out, rs->total);
        }
        fu_pad(out, c[0], w[0]);
        prof_sink_puts(out, r->file ? r->name : "(statements)");
        fu_pad(out, c[1], w[1]);
        fu_pct(out, r->cov, r->tot);
    }
}

static bool fu_has_functions(const prof_profile *p)
{
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t n;
        prof_file_functions(prof_profile_file(p, i), &n);
        if (n)
            return true;
    }
    return false;
}

static int fu_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    bool go = prof_profile_families(p) == PROF_FAMILY_GO;
    bool text = go && (prof_profile_go_text(p) || !fu_has_functions(p));
    fu_rows rs = {.total = text ? "total:" : "total"};
    int rc = text ? fu_cover_rows(p, o, &rs)
             : go ? fu_go_rows(p, &rs)
                  : fu_line_rows(p, &rs);
    fu_row total = {NULL, 0, NULL, rs.cov, rs.tot};
    if (rc == 0)
        rc = fu_add_row(&rs, &total);
    if (rc == 0)
        fu_emit(out, &rs);
    free(rs.v);
    if (rs.arena_used)
        prof_arena_free(&rs.arena);
    if (rc < 0)
        return prof_error_set(err, rc, "", 0, "out of memory");
    return 0;
}

/* ---- percent ------------------------------------------------------------ */

static void fu_percent_pkg(prof_sink *out, const char *path, size_t dirlen,
                           uint64_t cov, uint64_t tot)
{
    prof_sink_putc(out, '\t');
    if (dirlen)
        prof_sink_write(out, path, dirlen);
    else
        prof_sink_putc(out, path[0] == '/' ? '/' : '.'); /* path.Dir */
    prof_sink_puts(out, "\t\t");
    if (!tot) /* as covdata: nothing, not even a newline, when 0 */
        return;
    char b[PROF_PERCENT_SIZE];
    prof_sink_puts(out, "coverage: ");
    prof_sink_puts(out, prof_percent(b, cov, tot));
    prof_sink_puts(out, "% of statements\n");
}

static int fu_percent(const prof_profile *p, prof_sink *out,
                      const prof_write_opts *o, prof_error *err)
{
    (void)o;
    size_t n;
    const prof_file **files = prof_files_by_dir(p, &n);
    if (!files)
        return prof_error_oom(err, "");
    uint64_t cov = 0, tot = 0;
    for (size_t i = 0; i < n; i++) {
        const char *path = prof_file_path(files[i]);
        size_t nb, dl = prof_path_dirlen(path);
        const prof_block *b = prof_file_blocks(files[i], &nb);
        for (size_t k = 0; k < nb; k++) {
            tot += b[k].stmts;
            cov += b[k].hits ? b[k].stmts : 0;
        }
        const char *next = i + 1 < n ? prof_file_path(files[i + 1]) : NULL;
        if (next && !fu_strcmp_n(path, dl, next, prof_path_dirlen(next)))
            continue;
        fu_percent_pkg(out, path, dl, cov, tot);
        cov = tot = 0;
    }
    free(files);
    return 0;
}

const prof_format prof_format_func = {
    .name = "func",
    .description = "function coverage report (go tool covdata func)",
    .write = fu_write,
};

const prof_format prof_format_percent = {
    .name = "percent",
    .description = "package coverage report (go tool covdata percent)",
    .write = fu_percent,
};
