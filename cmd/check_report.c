/* check_report.c - covcheck's reports: text, markdown (a PR comment), JSON. */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const struct {
    const char *key, *title, *unit;
} gate_names[GATE_COUNT] = {
    [GATE_LINE] = {"line", "line coverage", "lines"},
    [GATE_BRANCH] = {"branch", "branch coverage", "branches"},
    [GATE_FUNC] = {"func", "function coverage", "functions"},
    [GATE_STMT] = {"stmt", "statement coverage", "statements"},
    [GATE_PATCH] = {"patch", "patch coverage", "changed lines"},
    [GATE_FILE] = {"file", "file line coverage", "files"},
    [GATE_PACKAGE] = {"package", "package line coverage", "packages"},
    [GATE_DROP] = {"drop", "line coverage drop from the base", "points"},
    [GATE_DROP_FILE] = {"drop-file", "file line coverage drop from the base",
                        "files"},
};

const char *check_gate_key(check_gate_id g) { return gate_names[g].key; }
const char *check_gate_title(check_gate_id g) { return gate_names[g].title; }
const char *check_gate_unit(check_gate_id g) { return gate_names[g].unit; }

uint32_t check_pct(prof_count c)
{
    if (!c.found)
        return 0;
    return (uint32_t)((u128)c.hit * CHECK_PCT_ONE / c.found);
}

bool check_meets(prof_count c, uint32_t required)
{
    return (u128)c.hit * CHECK_PCT_ONE >= (u128)required * c.found;
}

uint64_t check_needed(prof_count c, uint32_t required)
{
    u128 need = ((u128)required * c.found + CHECK_PCT_ONE - 1) / CHECK_PCT_ONE;
    return need > c.hit ? (uint64_t)(need - c.hit) : 0;
}

const char *check_pct_str(char buf[PROF_PERCENT_SIZE], prof_count c)
{
    return prof_percent(buf, c.hit, c.found);
}

const char *check_gate_pct(char buf[PROF_PERCENT_SIZE], prof_count c,
                           uint32_t required)
{
    bool meets = check_meets(c, required);
    uint64_t shown =
        prof_percent_tenths(c.hit, c.found) * (CHECK_PCT_ONE / 1000);
    if (!c.found || (shown >= required) == meets)
        return check_pct_str(buf, c);
    /* rounded down, with the fewest decimals (2 to 4) that tell the value
     * from REQUIRED: at 4, as many as REQUIRED has, it always does */
    uint32_t pct = check_pct(c), unit = CHECK_PCT_ONE / 1000, d = 1;
    do {
        unit /= 10, d++;
    } while (d < 4 && (pct / unit * unit >= required) != meets);
    snprintf(buf, PROF_PERCENT_SIZE, "%u.%0*u", pct / (CHECK_PCT_ONE / 100),
             (int)d, pct % (CHECK_PCT_ONE / 100) / unit);
    return buf;
}

const char *check_req_str(char *buf, size_t n, uint32_t req)
{
    int len = snprintf(buf, n, "%u.%04u", req / 10000, req % 10000);
    while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    return buf;
}

__extension__ typedef __int128 i128;

/* C as a fraction, 0/1 for no lines. */
static void frac(prof_count c, i128 *num, i128 *den)
{
    *num = c.found ? (i128)c.hit : 0;
    *den = c.found ? (i128)c.found : 1;
}

int64_t check_delta(prof_count base, prof_count head, int64_t scale)
{
    i128 bn, bd, hn, hd;
    frac(base, &bn, &bd);
    frac(head, &hn, &hd);
    i128 num = (hn * bd - bn * hd) * 100 * scale, den = bd * hd;
    i128 mag = ((num < 0 ? -num : num) * 2 + den) / (2 * den);
    return (int64_t)(num < 0 ? -mag : mag);
}

bool check_dropped(prof_count base, prof_count head, uint32_t required)
{
    i128 bn, bd, hn, hd;
    frac(base, &bn, &bd);
    frac(head, &hn, &hd);
    return (bn * hd - hn * bd) * CHECK_PCT_ONE > (i128)required * bd * hd;
}

const char *check_drop_str(char *buf, size_t n, prof_count base,
                           prof_count head, uint32_t required, int mind)
{
    i128 bn, bd, hn, hd;
    frac(base, &bn, &bd);
    frac(head, &hn, &hd);
    i128 num = (bn * hd - hn * bd) * 100, den = bd * hd, v = 0, scale = 1;
    bool fail = check_dropped(base, head, required);
    int d = 0;
    for (; d < 4 || (fail && d < 12); d++, scale *= 10) {
        if (d < mind)
            continue;
        v = num * scale / den; /* toward zero: below the exact drop */
        if (fail && v * 10000 > (i128)required * scale)
            break;
    }
    if (!fail) { /* rounded to 4 decimals, trailing zeros dropped */
        i128 a = num < 0 ? -num : num;
        v = (a * 20000 + den) / (2 * den);
        for (d = 4, scale = 10000; d > mind && v % 10 == 0; d--, scale /= 10)
            v /= 10;
        v = num < 0 ? -v : v;
    }
    i128 a = v < 0 ? -v : v;
    snprintf(buf, n, "%s%llu.%0*llu", v < 0 ? "-" : "",
             (unsigned long long)(a / scale), d,
             (unsigned long long)(a % scale));
    return buf;
}

const char *check_pct2(char buf[PROF_PERCENT_SIZE], prof_count c)
{
    int64_t v = check_delta((prof_count){0, 0}, c, 100);
    snprintf(buf, PROF_PERCENT_SIZE, "%lld.%02lld", (long long)(v / 100),
             (long long)(v % 100));
    return buf;
}

void check_ranges(FILE *fp, const uint32_t *lines, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && lines[j + 1] == lines[j] + 1)
            j++;
        fprintf(fp, "%s%u", i ? ", " : "", lines[i]);
        if (j > i)
            fprintf(fp, "-%u", lines[j]);
        i = j + 1;
    }
}

/* ---- shared pieces ---- */

const char *check_kind_name(int kind)
{
    static const char *const names[CHECK_KINDS] = {"lines", "branches",
                                                   "functions", "statements"};
    return names[kind];
}

prof_count check_kind(const prof_totals *t, int kind)
{
    switch (kind) {
    case GATE_LINE: return t->lines;
    case GATE_BRANCH: return t->branches;
    case GATE_FUNC: return t->functions;
    default: return t->stmts;
    }
}

/* Patch files with uncovered lines, most first; *N gets the count. */
static const prof_patch_file **worst_patch_files(const prof_patch *pt,
                                                 size_t *n)
{
    size_t m = prof_patch_nfiles(pt);
    const prof_patch_file **v = malloc((m ? m : 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < m; i++)
        if (prof_patch_file_at(pt, i)->nuncovered)
            v[(*n)++] = prof_patch_file_at(pt, i);
    for (size_t i = 1; i < *n; i++) /* insertion sort: stable, few files */
        for (size_t j = i; j > 0 && v[j]->nuncovered > v[j - 1]->nuncovered;
             j--) {
            const prof_patch_file *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v;
}

static size_t shown(const check_result *r, size_t n)
{
    return r->max_files && r->max_files < n ? r->max_files : n;
}

static size_t count_status(const prof_patch *pt, prof_patch_status st)
{
    size_t n = 0;
    for (size_t i = 0; i < prof_patch_nfiles(pt); i++)
        n += prof_patch_file_at(pt, i)->status == st;
    return n;
}

/* ---- text ---- */

static void text_count(FILE *fp, const char *label, prof_count c)
{
    char a[PROF_PERCENT_SIZE];
    if (!c.found)
        fprintf(fp, "  %-12s no data\n", label);
    else
        fprintf(fp, "  %-12s %7s%%  %llu of %llu\n", label,
                check_pct_str(a, c),
                (unsigned long long)c.hit, (unsigned long long)c.found);
}

/* V points (fixed point, 4 decimals) as "-0.3125", at least 1 decimal
 * and at most MAXD, trailing zeros dropped; the sign always shown. */
static void text_points(FILE *fp, int64_t v, int maxd, bool plus)
{
    uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;
    char frac4[8];
    snprintf(frac4, sizeof frac4, "%04llu", (unsigned long long)(a % 10000));
    int d = maxd;
    while (d > 1 && frac4[d - 1] == '0')
        d--;
    fprintf(fp, "%s%llu.%.*s", v < 0 ? "-" : plus ? "+" : "",
            (unsigned long long)(a / 10000), d, frac4);
}

static void text_change(FILE *fp, prof_count base, prof_count head);

static void text_drop_gate(FILE *fp, const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    char q[32], d[64];
    check_req_str(q, sizeof q, g->required);
    if (id == GATE_DROP) {
        const prof_totals *b = prof_compare_base_totals(r->base);
        fprintf(fp, " %s %s %s points\n",
                check_drop_str(d, sizeof d, b->lines, r->totals.lines,
                               g->required, 1),
                g->failed ? ">" : "<=", q);
        return;
    }
    fprintf(fp, ": %zu of %zu files fell more than %s points\n", g->nabove,
            g->nchecked, q);
    for (size_t i = 0; i < shown(r, g->nabove); i++) {
        fprintf(fp, "          %s  ", g->above[i].name);
        text_change(fp, g->above[i].base, g->above[i].head);
        fputc('\n', fp);
    }
    if (shown(r, g->nabove) < g->nabove)
        fprintf(fp, "          ... %zu more\n",
                g->nabove - shown(r, g->nabove));
}

static void text_gate(FILE *fp, const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    char a[PROF_PERCENT_SIZE], q[32];
    check_req_str(q, sizeof q, g->required);
    fprintf(fp, "  %s  %s", g->failed ? "FAIL" : "PASS", check_gate_title(id));
    if (id == GATE_DROP || id == GATE_DROP_FILE) {
        text_drop_gate(fp, r, id);
        return;
    }
    if (id == GATE_FILE || id == GATE_PACKAGE) {
        fprintf(fp, ": %zu of %zu %s below %s%%\n", g->nbelow, g->nchecked,
                check_gate_unit(id), q);
        for (size_t i = 0; i < shown(r, g->nbelow); i++)
            fprintf(fp, "          %7s%%  %llu of %llu  %s\n",
                    check_gate_pct(a, g->below[i].c, g->required),
                    (unsigned long long)g->below[i].c.hit,
                    (unsigned long long)g->below[i].c.found,
                    g->below[i].name);
        if (shown(r, g->nbelow) < g->nbelow)
            fprintf(fp, "          ... %zu more\n",
                    g->nbelow - shown(r, g->nbelow));
        return;
    }
    if (!g->c.found)
        fprintf(fp, " (no %s) %s %s%%\n", check_gate_unit(id),
                g->failed ? "counts as 0%, below" : "passes", q);
    else
        fprintf(fp, " %s%% %s %s%%\n",
                check_gate_pct(a, g->c, g->required),
                g->failed ? "<" : ">=", q);
}

static void text_patch(FILE *fp, const check_result *r)
{
    const prof_patch *pt = r->patch;
    size_t n;
    const prof_patch_file **w = worst_patch_files(pt, &n);
    fprintf(fp, "\nUncovered changed lines (%zu file%s):\n", n,
            n == 1 ? "" : "s");
    for (size_t i = 0; w && i < shown(r, n); i++) {
        fprintf(fp, "  %s  %zu of %zu: ", w[i]->path, w[i]->nuncovered,
                w[i]->coverable);
        check_ranges(fp, w[i]->uncovered, w[i]->nuncovered);
        fputc('\n', fp);
    }
    if (w && shown(r, n) < n)
        fprintf(fp, "  ... %zu more\n", n - shown(r, n));
    free(w);
    if (count_status(pt, PROF_PATCH_MISSING) ||
        count_status(pt, PROF_PATCH_AMBIGUOUS))
        fputs("Changed files not found in the profile:\n", fp);
    for (size_t i = 0; i < prof_patch_nfiles(pt); i++) {
        const prof_patch_file *f = prof_patch_file_at(pt, i);
        if (f->status != PROF_PATCH_MATCHED)
            fprintf(fp, "  %s  %s (%zu added line%s)\n", f->path,
                    f->status == PROF_PATCH_MISSING
                        ? "not in profile"
                        : "ambiguous: several profile files match",
                    f->added, f->added == 1 ? "" : "s");
    }
}

/* -1, 0 or 1: the sign of HEAD's percentage minus BASE's, exactly. */
static int delta_sign(prof_count base, prof_count head)
{
    i128 bn, bd, hn, hd;
    frac(base, &bn, &bd);
    frac(head, &hn, &hd);
    i128 v = hn * bd - bn * hd;
    return (v > 0) - (v < 0);
}

/* "-0.3": HEAD minus BASE in points, one decimal, or up to 3 when one
 * would show a change as 0.0; the sign always shown. */
static void put_delta(FILE *fp, prof_count base, prof_count head)
{
    int sign = delta_sign(base, head), d = 1;
    int64_t scale = 10, v;
    while ((v = check_delta(base, head, scale)) == 0 && sign && d < 3) {
        d++;
        scale *= 10;
    }
    for (int k = d; k < 4; k++)
        v *= 10;
    if (!v && sign < 0)
        fputc('-', fp);
    text_points(fp, v, d, v || sign >= 0);
}

/* "  (-0.3)" */
static void text_delta(FILE *fp, prof_count base, prof_count head)
{
    fputs("  (", fp);
    put_delta(fp, base, head);
    fputc(')', fp);
}

/* "81.2% -> 80.9%  (-0.3)", a side without lines as "no data". */
static void text_change(FILE *fp, prof_count base, prof_count head)
{
    char a[PROF_PERCENT_SIZE];
    fprintf(fp, "%s%s -> ", base.found ? check_pct_str(a, base) : "no data",
            base.found ? "%" : "");
    fprintf(fp, "%s%s", head.found ? check_pct_str(a, head) : "no data",
            head.found ? "%" : "");
    if (base.found && head.found)
        text_delta(fp, base, head);
}

/* The changed files with DIRECT (1 touched by the diff, 0 not, -1 no
 * diff), under TITLE. */
static void text_changed(FILE *fp, const check_result *r, const char *title,
                         int direct)
{
    const prof_compare *c = r->base;
    size_t n = 0, k = 0;
    for (size_t i = 0; i < prof_compare_nfiles(c); i++)
        n += prof_compare_file_at(c, i)->direct == direct;
    fprintf(fp, "%s (%zu):\n", title, n);
    for (size_t i = 0; i < prof_compare_nfiles(c) && k < shown(r, n); i++) {
        const prof_compare_file *f = prof_compare_file_at(c, i);
        if (f->direct != direct)
            continue;
        k++;
        fprintf(fp, "  %s  %s", f->path,
                f->status == PROF_COMPARE_ADDED     ? "added, "
                : f->status == PROF_COMPARE_REMOVED ? "removed, "
                                                    : "");
        text_change(fp, f->base, f->head);
        fputc('\n', fp);
    }
    if (k < n)
        fprintf(fp, "  ... and %zu more\n", n - k);
}

static void text_base(FILE *fp, const check_result *r)
{
    const prof_totals *b = prof_compare_base_totals(r->base);
    fprintf(fp, "\nCompared with the base (%zu input%s):\n", r->base_inputs,
            r->base_inputs == 1 ? "" : "s");
    for (int m = GATE_LINE; m <= GATE_STMT; m++) {
        if (!check_kind(b, m).found && !check_kind(&r->totals, m).found)
            continue;
        fprintf(fp, "  %-12s ", check_kind_name(m));
        text_change(fp, check_kind(b, m), check_kind(&r->totals, m));
        fputc('\n', fp);
    }
    text_changed(fp, r, "Changed files", r->base_diff ? 1 : -1);
    if (r->base_diff)
        text_changed(fp, r, "Indirect changes", 0);
    const uint64_t *cat = prof_compare_counts(r->base);
    fputs("Line categories:\n", fp);
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (cat[k])
            fprintf(fp, "  %s %6llu  %s\n",
                    prof_category_name((prof_category)k),
                    (unsigned long long)cat[k],
                    prof_category_title((prof_category)k));
}

static void text_head(FILE *fp, const check_result *r)
{
    fprintf(fp, "Coverage of %zu input%s, %zu file%s:\n", r->ninputs,
            r->ninputs == 1 ? "" : "s", r->nfiles, r->nfiles == 1 ? "" : "s");
}

static void text_tail(FILE *fp, const check_result *r)
{
    if (r->patch)
        text_patch(fp, r);
}

/* ---- markdown ---- */

/* PATH as a code span in a table cell (a control byte, which would end
 * the row, as '?'). */
static void md_path(FILE *fp, const char *path)
{
    bool tick = strchr(path, '`') != NULL;
    fputs(tick ? "`` " : "`", fp);
    for (const char *s = path; *s; s++) {
        if (*s == '|')
            fputc('\\', fp);
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, fp);
    }
    fputs(tick ? " ``" : "`", fp);
}

static void md_count(FILE *fp, const char *label, prof_count c)
{
    char a[PROF_PERCENT_SIZE];
    if (!c.found)
        fprintf(fp, "| %s | | | no data |\n", label);
    else
        fprintf(fp, "| %s | %llu | %llu | %s%% |\n", label,
                (unsigned long long)c.hit, (unsigned long long)c.found,
                check_pct_str(a, c));
}

static void md_gate(FILE *fp, const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    char a[PROF_PERCENT_SIZE], q[32], d[64];
    check_req_str(q, sizeof q, g->required);
    if (id == GATE_DROP || id == GATE_DROP_FILE)
        fprintf(fp, "| %s | at most %s points | ", check_gate_title(id), q);
    else
        fprintf(fp, "| %s | %s%% | ", check_gate_title(id), q);
    if (id == GATE_DROP)
        fprintf(fp, "%s points",
                check_drop_str(d, sizeof d,
                               prof_compare_base_totals(r->base)->lines,
                               r->totals.lines, g->required, 2));
    else if (id == GATE_DROP_FILE)
        fprintf(fp, "%zu of %zu files fell more", g->nabove, g->nchecked);
    else if (id == GATE_FILE || id == GATE_PACKAGE)
        fprintf(fp, "%zu of %zu %s below", g->nbelow, g->nchecked,
                check_gate_unit(id));
    else if (!g->c.found)
        fprintf(fp, "no %s", check_gate_unit(id));
    else
        fprintf(fp, "%s%%", check_gate_pct(a, g->c, g->required));
    fprintf(fp, " | %s |\n", g->failed ? "**FAIL**" : "PASS");
}

/* ---- markdown: the comment length budget ----
 *
 * GitHub refuses a comment longer than 65,536 characters. A character is
 * at least one byte, so a report of at most MD_BUDGET bytes fits, with
 * 536 bytes to spare for what a workflow adds around it.
 *
 * The lists below may be shortened to stay within it. check_report_
 * markdown renders the whole report into memory, each list showing at
 * most its limit of rows (md_rows; ranges per cell for MDL_RANGES),
 * measures it, and while it is too long lowers the limit of the list
 * showing the most rows (by the rows that the excess takes at that
 * list's measured bytes per row, but not below the next longest list,
 * and by at most half when lists tie) and renders again. Rows are whole
 * or absent, so tables, code spans and links are never cut; a shortened
 * list ends with a note of what is not shown.
 *
 * To add a section: give it an MDL_ id (before MDL_COUNT), and write its
 * table with md_rows (a row function, the header and delimiter rows, and
 * the name of what is counted for the note). */
#define MD_BUDGET 65000
#define MD_NOTE_ROOM 200 /* bytes a note may add */

typedef enum {
    MDL_FILES_BELOW,    /* --fail-under-file's files */
    MDL_PACKAGES_BELOW, /* --fail-under-package's packages */
    MDL_PATCH,          /* files with uncovered changed lines */
    MDL_RANGES,         /* uncovered ranges in one file's cell */
    MDL_CHANGED,        /* --base: files the diff touches (or all) */
    MDL_INDIRECT,       /* --base --diff: indirect changes */
    MDL_COUNT
} md_list;

typedef struct md_budget {
    size_t limit[MDL_COUNT]; /* most rows shown (SIZE_MAX: all) */
    size_t shown[MDL_COUNT]; /* last rendering: rows shown (MDL_RANGES: */
    size_t bytes[MDL_COUNT]; /* in the fullest cell), the bytes they took */
    bool cut[MDL_COUNT];     /* and whether the limit left some out */
} md_budget;

/* Writes row I of a list whose data is CTX. */
typedef void (*md_row_fn)(FILE *fp, const void *ctx, size_t i,
                          md_budget *b);

/* N with thousands separators: "4,321". */
static void md_number(FILE *fp, size_t n)
{
    if (n >= 1000) {
        md_number(fp, n / 1000);
        fprintf(fp, ",%03zu", n % 1000);
    } else {
        fprintf(fp, "%zu", n);
    }
}

/* List L of N rows: HEAD (a table's header and delimiter rows) and the
 * rows ROW writes, at most --max-files and L's limit, then a note for
 * the rows not shown, which are WHAT ("files"). */
static void md_rows(FILE *fp, const check_result *r, md_budget *b,
                    md_list l, size_t n, const char *head, md_row_fn row,
                    const void *ctx, const char *what)
{
    size_t k = shown(r, n);
    b->cut[l] = k > b->limit[l];
    if (b->cut[l])
        k = b->limit[l];
    long start = ftell(fp);
    if (k)
        fputs(head, fp);
    for (size_t i = 0; i < k; i++)
        row(fp, ctx, i, b);
    b->shown[l] = k;
    b->bytes[l] = start >= 0 ? (size_t)(ftell(fp) - start) : 0;
    if (b->cut[l]) {
        fputs("\n_… and ", fp);
        md_number(fp, n - k);
        fprintf(fp, " more %s not shown (comment length limit)_\n", what);
    } else if (k < n) {
        fprintf(fp, "\n%zu more not shown.\n", n - k);
    }
}

/* The ascending LINES as ranges ("12-15, 40"), at most B's limit of
 * them, then how many more. */
static void md_ranges(FILE *fp, const uint32_t *lines, size_t n,
                      md_budget *b)
{
    size_t m = 0, nr = 0; /* lines in the ranges shown; ranges */
    for (size_t i = 0; i < n; i++) {
        if (!i || lines[i] != lines[i - 1] + 1)
            nr++;
        if (nr <= b->limit[MDL_RANGES])
            m = i + 1;
    }
    size_t k = nr < b->limit[MDL_RANGES] ? nr : b->limit[MDL_RANGES];
    long start = ftell(fp);
    check_ranges(fp, lines, m);
    if (k < nr) {
        fputs(", … ", fp);
        md_number(fp, nr - k);
        fputs(" more", fp);
        b->cut[MDL_RANGES] = true;
    }
    if (k > b->shown[MDL_RANGES])
        b->shown[MDL_RANGES] = k;
    b->bytes[MDL_RANGES] += start >= 0 ? (size_t)(ftell(fp) - start) : 0;
}

/* ---- markdown: the lists ---- */

static void md_below_row(FILE *fp, const void *ctx, size_t i, md_budget *b)
{
    const check_gate *g = ctx;
    char a[PROF_PERCENT_SIZE];
    (void)b;
    fputs("| ", fp);
    md_path(fp, g->below[i].name);
    fprintf(fp, " | %s%% | %llu | %llu |\n",
            check_gate_pct(a, g->below[i].c, g->required),
            (unsigned long long)g->below[i].c.hit,
            (unsigned long long)g->below[i].c.found);
}

static void md_below(FILE *fp, const check_result *r, check_gate_id id,
                     md_budget *b)
{
    const check_gate *g = &r->gates[id];
    if (!g->set || !g->nbelow)
        return;
    fprintf(fp, "\n<details><summary>%zu %s below the %s gate</summary>\n\n",
            g->nbelow, check_gate_unit(id), check_gate_key(id));
    md_rows(fp, r, b, id == GATE_FILE ? MDL_FILES_BELOW : MDL_PACKAGES_BELOW,
            g->nbelow,
            id == GATE_FILE ? "| file | coverage | covered | lines |\n"
                              "|---|---:|---:|---:|\n"
                            : "| package | coverage | covered | lines |\n"
                              "|---|---:|---:|---:|\n",
            md_below_row, g, check_gate_unit(id));
    fputs("\n</details>\n", fp);
}

static void md_patch_row(FILE *fp, const void *ctx, size_t i, md_budget *b)
{
    const prof_patch_file *const *w = ctx;
    fputs("| ", fp);
    md_path(fp, w[i]->path);
    fprintf(fp, " | %zu of %zu | ", w[i]->nuncovered, w[i]->coverable);
    md_ranges(fp, w[i]->uncovered, w[i]->nuncovered, b);
    fputs(" |\n", fp);
}

static int md_patch(FILE *fp, const check_result *r, md_budget *b)
{
    size_t n;
    const prof_patch_file **w = worst_patch_files(r->patch, &n);
    if (!w)
        return -1;
    if (n) {
        fprintf(fp, "\n<details><summary>%zu file%s with uncovered changed "
                    "lines</summary>\n\n", n, n == 1 ? "" : "s");
        md_rows(fp, r, b, MDL_PATCH, n,
                "| file | uncovered | lines |\n|---|---:|---|\n",
                md_patch_row, w, "files");
        if (b->cut[MDL_RANGES])
            fputs("\n_Line ranges of the longest lists shortened (comment "
                  "length limit)_\n", fp);
        fputs("\n</details>\n", fp);
    }
    free(w);
    size_t missing = count_status(r->patch, PROF_PATCH_MISSING) +
                     count_status(r->patch, PROF_PATCH_AMBIGUOUS);
    if (missing)
        fprintf(fp, "\n%zu changed file%s not in the coverage profile.\n",
                missing, missing == 1 ? " is" : "s are");
    return 0;
}

/* A percentage cell: "81.2%", or "–" for a side with nothing found. */
static void md_pct(FILE *fp, prof_count c)
{
    char a[PROF_PERCENT_SIZE];
    fprintf(fp, "%s%s", c.found ? check_pct_str(a, c) : "–",
            c.found ? "%" : "");
}

/* "| 87.5% | 66.0% | **-21.5** |": base, head and the change (bold when
 * coverage fell, "ø" when none), empty when a side has nothing found. */
static void md_change(FILE *fp, prof_count base, prof_count head)
{
    fputs(" | ", fp);
    md_pct(fp, base);
    fputs(" | ", fp);
    md_pct(fp, head);
    fputs(" | ", fp);
    int sign = delta_sign(base, head);
    if (base.found && head.found && !sign)
        fputs("ø", fp); /* Codecov's mark for no change */
    else if (base.found && head.found) {
        fputs(sign < 0 ? "**" : "", fp);
        put_delta(fp, base, head);
        fputs(sign < 0 ? "**" : "", fp);
    }
    fputs(" |\n", fp);
}

/* The headline: line coverage, its change from the base, the patch's. */
static void md_headline(FILE *fp, const check_result *r)
{
    const prof_totals *b = prof_compare_base_totals(r->base);
    char a[PROF_PERCENT_SIZE];
    fputs("**Line coverage ", fp);
    md_pct(fp, r->totals.lines);
    fputs("**", fp);
    if (b->lines.found && r->totals.lines.found) {
        fputs(" (", fp);
        put_delta(fp, b->lines, r->totals.lines);
        fprintf(fp, " points from the base's %s%%)",
                check_pct_str(a, b->lines));
    }
    if (r->patch) {
        prof_count pc = prof_patch_total(r->patch);
        fputs(" · patch ", fp);
        md_pct(fp, pc);
        fprintf(fp, " (%llu of %llu changed lines)",
                (unsigned long long)pc.hit, (unsigned long long)pc.found);
    }
    fputs("\n\n", fp);
}

static void md_head(FILE *fp, const check_result *r)
{
    fputs("### Coverage\n\n", fp);
    if (r->base)
        md_headline(fp, r);
    fputs("| | covered | total | coverage |\n|---|---:|---:|---:|\n", fp);
}

/* A row per suite when there are several: each kind's coverage. */
static void md_suites(FILE *fp, const check_result *r)
{
    fputs("\n| suite | lines | branches | functions | statements |\n"
          "|---|---:|---:|---:|---:|\n", fp);
    for (size_t i = 0; i < r->nsuites; i++) {
        const prof_totals *t = &r->suite_totals[i];
        fputs("| ", fp);
        md_path(fp, r->suite_names[i]);
        for (int m = 0; m < 4; m++) {
            fputs(" | ", fp);
            md_pct(fp, check_kind(t, m));
        }
        fputs(" |\n", fp);
    }
}

/* The totals against the base's (report()'s base part). */
static void md_base(FILE *fp, const check_result *r)
{
    const prof_totals *b = prof_compare_base_totals(r->base);
    fprintf(fp, "\n| compared with the base (%zu input%s) | base | head | "
                "change |\n|---|---:|---:|---:|\n", r->base_inputs,
            r->base_inputs == 1 ? "" : "s");
    for (int m = GATE_LINE; m <= GATE_STMT; m++)
        if (check_kind(b, m).found || check_kind(&r->totals, m).found) {
            fprintf(fp, "| %s", check_kind_name(m));
            md_change(fp, check_kind(b, m), check_kind(&r->totals, m));
        }
}

static void md_changed_row(FILE *fp, const void *ctx, size_t i, md_budget *b)
{
    const prof_compare_file *const *w = ctx;
    (void)b;
    fputs("| ", fp);
    md_path(fp, w[i]->path);
    fputs(w[i]->status == PROF_COMPARE_ADDED     ? " (added)"
          : w[i]->status == PROF_COMPARE_REMOVED ? " (removed)"
                                                 : "", fp);
    md_change(fp, w[i]->base, w[i]->head);
}

/* Largest fall first; files with one side only after them; then path. */
static int changed_cmp(const void *va, const void *vb)
{
    const prof_compare_file *a = *(const prof_compare_file *const *)va;
    const prof_compare_file *b = *(const prof_compare_file *const *)vb;
    bool ab = a->base.found && a->head.found, bb = b->base.found &&
                                                   b->head.found;
    if (ab != bb)
        return ab ? -1 : 1;
    int64_t da = ab ? check_delta(a->base, a->head, 10000) : 0;
    int64_t db = bb ? check_delta(b->base, b->head, 10000) : 0;
    if (da != db)
        return da < db ? -1 : 1;
    return strcmp(a->path, b->path);
}

/* The changed files with DIRECT (compare_file.direct) in a list L, the
 * largest fall first. */
static int md_changed(FILE *fp, const check_result *r, md_budget *b,
                      md_list l, int direct)
{
    const prof_compare *c = r->base;
    size_t n = 0, nf = prof_compare_nfiles(c);
    const prof_compare_file **w = malloc((nf ? nf : 1) * sizeof *w);
    if (!w)
        return -1;
    for (size_t i = 0; i < nf; i++)
        if (prof_compare_file_at(c, i)->direct == direct)
            w[n++] = prof_compare_file_at(c, i);
    qsort(w, n, sizeof *w, changed_cmp);
    if (n) {
        fprintf(fp, "\n<details><summary>%zu %s</summary>\n\n", n,
                direct == 0 ? (n == 1 ? "indirect change" : "indirect changes")
                            : (n == 1 ? "file whose coverage changed"
                                      : "files whose coverage changed"));
        md_rows(fp, r, b, l, n,
                "| file | base | head | change |\n|---|---:|---:|---:|\n",
                md_changed_row, w, "files");
        fputs("\n</details>\n", fp);
    }
    free(w);
    return 0;
}

/* The line categories that occur, one row each. */
static void md_categories(FILE *fp, const check_result *r)
{
    const uint64_t *cat = prof_compare_counts(r->base);
    fputs("\n<details><summary>Lines by category</summary>\n\n"
          "| category | lines | meaning |\n|---|---:|---|\n", fp);
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (cat[k])
            fprintf(fp, "| %s | %llu | %s |\n",
                    prof_category_name((prof_category)k),
                    (unsigned long long)cat[k],
                    prof_category_title((prof_category)k));
    fputs("\n</details>\n", fp);
}

/* The lists, within B's limits; B gets what they took. */
static int md_tail(FILE *fp, const check_result *r, md_budget *b)
{
    for (int l = 0; l < MDL_COUNT; l++)
        b->shown[l] = b->bytes[l] = 0, b->cut[l] = false;
    md_below(fp, r, GATE_FILE, b);
    md_below(fp, r, GATE_PACKAGE, b);
    if (r->base) {
        if (md_changed(fp, r, b, MDL_CHANGED, r->base_diff ? 1 : -1) < 0 ||
            (r->base_diff && md_changed(fp, r, b, MDL_INDIRECT, 0) < 0))
            return -1;
        md_categories(fp, r);
    }
    return r->patch ? md_patch(fp, r, b) : 0;
}

/* Lowers the limit of B's list showing the most rows so that about
 * EXCESS bytes go; false when no list can be shortened. */
static bool md_shorten(md_budget *b, size_t excess)
{
    md_list top = MDL_COUNT;
    size_t next = 0, floor_of[MDL_COUNT] = {0, 0, 0, 1, 0, 0};
    for (int l = 0; l < MDL_COUNT; l++) {
        if (b->shown[l] <= floor_of[l])
            continue;
        if (top == MDL_COUNT || b->shown[l] > b->shown[top]) {
            if (top != MDL_COUNT)
                next = b->shown[top];
            top = (md_list)l;
        } else if (b->shown[l] > next) {
            next = b->shown[l];
        }
    }
    if (top == MDL_COUNT)
        return false;
    size_t have = b->shown[top], row = b->bytes[top] / have + 1;
    size_t drop = (excess + MD_NOTE_ROOM) / row + 1;
    size_t want = drop < have - floor_of[top] ? have - drop : floor_of[top];
    if (want < next && next < have)
        want = next; /* then the next longest's turn */
    else if (next == have && want < have / 2)
        want = have / 2; /* a tie: halves in turn */
    b->limit[top] = want;
    return true;
}

/* ---- text and markdown: one walk ---- */

/* How a report style writes each part. */
typedef struct report_style {
    void (*head)(FILE *fp, const check_result *r);
    void (*count)(FILE *fp, const char *label, prof_count c);
    const char *patch_label;
    const char *gates_head;
    void (*gate)(FILE *fp, const check_result *r, check_gate_id id);
    void (*tail)(FILE *fp, const check_result *r);
    void (*base)(FILE *fp, const check_result *r); /* NULL: none yet */
    void (*suites)(FILE *fp, const check_result *r); /* NULL: none */
} report_style;

static const report_style text_style = {
    text_head, text_count, "patch", "\nGates:\n", text_gate, text_tail,
    text_base, NULL,
};

static const report_style md_style = {
    md_head, md_count, "**patch**",
    "\n| gate | required | actual | result |\n|---|---:|---:|---|\n",
    md_gate, NULL, /* md_tail, with the budget: check_report_markdown */
    md_base, md_suites,
};

/* What exclusions in sources left out, into BUF; false when nothing. */
static bool excluded_text(char *buf, size_t n, const check_result *r)
{
    const prof_totals *x = &r->excluded;
    if (!x->lines.found && !x->branches.found && !x->functions.found &&
        !x->stmts.found && !r->excluded_files)
        return false;
    int k = snprintf(buf, n, "%llu line%s, %llu branch%s, %llu function%s, "
                     "%llu statement%s", (unsigned long long)x->lines.found,
                     x->lines.found == 1 ? "" : "s",
                     (unsigned long long)x->branches.found,
                     x->branches.found == 1 ? "" : "es",
                     (unsigned long long)x->functions.found,
                     x->functions.found == 1 ? "" : "s",
                     (unsigned long long)x->stmts.found,
                     x->stmts.found == 1 ? "" : "s");
    if (r->excluded_files && k > 0 && (size_t)k < n)
        snprintf(buf + k, n - (size_t)k, ", %zu generated file%s",
                 r->excluded_files, r->excluded_files == 1 ? "" : "s");
    return true;
}

/* The totals, the patch's, the gates set and the details, in STYLE. */
static int report(FILE *fp, const check_result *r, const report_style *st)
{
    char ex[256];
    st->head(fp, r);
    for (int m = GATE_LINE; m <= GATE_STMT; m++)
        st->count(fp, check_kind_name(m), check_kind(&r->totals, m));
    if (r->patch)
        st->count(fp, st->patch_label, prof_patch_total(r->patch));
    if (excluded_text(ex, sizeof ex, r))
        fprintf(fp, st == &md_style ? "| excluded | | | %s |\n"
                                    : "  %-12s %s\n", "excluded", ex);
    if (r->nsuites && st->suites)
        st->suites(fp, r);
    if (r->base && st->base)
        st->base(fp, r);
    bool any = false;
    for (int g = 0; g < GATE_COUNT; g++)
        if (r->gates[g].set) {
            if (!any)
                fputs(st->gates_head, fp);
            any = true;
            st->gate(fp, r, (check_gate_id)g);
        }
    if (st->tail)
        st->tail(fp, r);
    return ferror(fp) ? -1 : 0;
}

int check_report_text(FILE *fp, const check_result *r)
{
    return report(fp, r, &text_style);
}

/* The report within MD_BUDGET bytes when the lists can be shortened
 * enough (see "the comment length budget"). */
int check_report_markdown(FILE *fp, const check_result *r)
{
    md_budget b;
    for (int l = 0; l < MDL_COUNT; l++)
        b.limit[l] = SIZE_MAX;
    for (;;) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (!m)
            return -1;
        int rc = report(m, r, &md_style);
        if (rc == 0)
            rc = md_tail(m, r, &b);
        if (fclose(m) != 0 || rc < 0) {
            free(buf);
            return -1;
        }
        if (len <= MD_BUDGET || !md_shorten(&b, len - MD_BUDGET)) {
            fwrite(buf, 1, len, fp);
            free(buf);
            return ferror(fp) ? -1 : 0;
        }
        free(buf);
    }
}

/* ---- JSON ---- */

/* {"covered": H, "total": F, "percent": P or null}; P as the text says it,
 * one decimal (prof_percent). */
static json_t *js_count(prof_count c)
{
    double pct = (double)prof_percent_tenths(c.hit, c.found) / 10;
    return json_pack("{s:I,s:I,s:o}", "covered", (json_int_t)c.hit, "total",
                     (json_int_t)c.found, "percent",
                     c.found ? json_real(pct) : json_null());
}

/* {"lines": count, "branches": ..., "functions": ..., "statements": ...} */
static json_t *js_totals(const prof_totals *t)
{
    json_t *o = json_object();
    for (int m = GATE_LINE; m <= GATE_STMT; m++)
        json_object_set_new(o, check_kind_name(m), js_count(check_kind(t, m)));
    return o;
}

static json_t *js_units(const check_gate *g)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < g->nbelow; i++) {
        json_t *u = js_count(g->below[i].c);
        json_object_set_new(u, "path", json_string(g->below[i].name));
        json_array_append_new(a, u);
    }
    return a;
}

/* Fixed-point points (4 decimals) as a JSON number. */
static json_t *js_points(int64_t v)
{
    return json_real((double)v / 10000);
}

static void js_drop_gate(json_t *o, const check_gate *g, check_gate_id id)
{
    if (id == GATE_DROP) {
        json_object_set_new(o, "drop", js_points(g->drop));
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < g->nabove; i++)
        json_array_append_new(a, json_pack("{s:s,s:o}", "path",
                                           g->above[i].name, "drop",
                                           js_points(g->above[i].drop)));
    json_object_set_new(o, "checked", json_integer((json_int_t)g->nchecked));
    json_object_set_new(o, "above", a);
}

static json_t *js_gate(const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    json_t *o = json_pack("{s:s,s:f,s:s}", "gate", check_gate_key(id),
                          "required", g->required / 10000.0, "result",
                          g->failed ? "fail" : "pass");
    if (id == GATE_DROP || id == GATE_DROP_FILE) {
        js_drop_gate(o, g, id);
        return o;
    }
    if (id == GATE_FILE || id == GATE_PACKAGE) {
        json_object_set_new(o, "checked", json_integer((json_int_t)g->nchecked));
        json_object_set_new(o, "below", js_units(g));
        return o;
    }
    json_object_set_new(o, "actual", js_count(g->c));
    json_object_set_new(o, "needed", json_integer((json_int_t)check_needed(
                                         g->c, g->required)));
    return o;
}

static json_t *js_ranges(const uint32_t *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && v[j + 1] == v[j] + 1)
            j++;
        json_array_append_new(a, json_pack("[i,i]", (int)v[i], (int)v[j]));
        i = j + 1;
    }
    return a;
}

static json_t *js_patch(const prof_patch *pt)
{
    static const char *const status[] = {"matched", "missing", "ambiguous"};
    json_t *files = json_array();
    for (size_t i = 0; i < prof_patch_nfiles(pt); i++) {
        const prof_patch_file *f = prof_patch_file_at(pt, i);
        json_array_append_new(
            files,
            json_pack("{s:s,s:o,s:s,s:I,s:I,s:I,s:o}", "path", f->path,
                      "profile_path",
                      f->profile_path ? json_string(f->profile_path)
                                      : json_null(),
                      "status", status[f->status], "added",
                      (json_int_t)f->added, "coverable",
                      (json_int_t)f->coverable, "covered",
                      (json_int_t)f->covered, "uncovered",
                      js_ranges(f->uncovered, f->nuncovered)));
    }
    json_t *o = js_count(prof_patch_total(pt));
    json_object_set_new(o, "files", files);
    return o;
}

/* HEAD minus BASE in points (4 decimals), null when a side has none. */
static json_t *js_delta(prof_count base, prof_count head)
{
    if (!base.found || !head.found)
        return json_null();
    return js_points(check_delta(base, head, 10000));
}

/* {"GNC": n, ...}: every category (ALL), or only the nonzero ones. */
static json_t *js_cats(const uint64_t *cat, bool all)
{
    json_t *o = json_object();
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (all || cat[k])
            json_object_set_new(o, prof_category_name((prof_category)k),
                                json_integer((json_int_t)cat[k]));
    return o;
}

static json_t *js_base_file(const prof_compare_file *f)
{
    static const char *const status[] = {"kept", "added", "removed"};
    json_t *lines = json_object();
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (f->nlines[k])
            json_object_set_new(lines, prof_category_name((prof_category)k),
                                js_ranges(f->lines[k], f->nlines[k]));
    return json_pack(
        "{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "path", f->path, "status",
        status[f->status], "direct",
        f->direct < 0 ? json_null() : json_boolean(f->direct),
        "base", f->status == PROF_COMPARE_ADDED ? json_null()
                                                : js_count(f->base),
        "head", f->status == PROF_COMPARE_REMOVED ? json_null()
                                                  : js_count(f->head),
        "delta", f->status == PROF_COMPARE_KEPT ? js_delta(f->base, f->head)
                                                : json_null(),
        "categories", js_cats(f->count, false), "lines", lines);
}

static json_t *js_base(const check_result *r)
{
    if (!r->base)
        return json_null();
    const prof_totals *b = prof_compare_base_totals(r->base);
    json_t *delta = json_object(), *files = json_array();
    for (int m = GATE_LINE; m <= GATE_STMT; m++)
        json_object_set_new(delta, check_kind_name(m),
                            js_delta(check_kind(b, m),
                                     check_kind(&r->totals, m)));
    for (size_t i = 0; i < prof_compare_nfiles(r->base); i++)
        json_array_append_new(files,
                              js_base_file(prof_compare_file_at(r->base, i)));
    return json_pack("{s:I,s:o,s:o,s:o,s:o}", "inputs",
                     (json_int_t)r->base_inputs, "totals", js_totals(b),
                     "delta", delta, "categories",
                     js_cats(prof_compare_counts(r->base), true), "files",
                     files);
}

/* {"unit": {"lines": count, ...}, ...} with several suites, else null. */
static json_t *js_suites(const check_result *r)
{
    if (!r->nsuites)
        return json_null();
    json_t *o = json_object();
    for (size_t i = 0; o && i < r->nsuites; i++)
        json_object_set_new(o, r->suite_names[i],
                            js_totals(&r->suite_totals[i]));
    return o;
}

int check_report_json(FILE *fp, const check_result *r)
{
    json_t *totals = js_totals(&r->totals), *gates = json_array();
    bool failed = false;
    for (int g = 0; g < GATE_COUNT; g++)
        if (r->gates[g].set) {
            json_array_append_new(gates, js_gate(r, (check_gate_id)g));
            failed |= r->gates[g].failed;
        }
    const prof_totals *x = &r->excluded;
    json_t *excluded = json_pack(
        "{s:I,s:I,s:I,s:I,s:I}", "lines", (json_int_t)x->lines.found,
        "branches", (json_int_t)x->branches.found, "functions",
        (json_int_t)x->functions.found, "statements",
        (json_int_t)x->stmts.found, "generated_files",
        (json_int_t)r->excluded_files);
    json_t *root = json_pack(
        "{s:i,s:s,s:I,s:I,s:o,s:o,s:o,s:o}", "version", 1, "result",
        failed ? "fail" : "pass", "inputs", (json_int_t)r->ninputs, "files",
        (json_int_t)r->nfiles, "totals", totals, "excluded", excluded,
        "gates", gates, "patch", r->patch ? js_patch(r->patch) : json_null());
    if (root) {
        json_object_set_new(root, "base", js_base(r));
        json_object_set_new(root, "suites", js_suites(r));
    }
    if (!root)
        return -1;
    int rc = json_dumpf(root, fp,
                        JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                            JSON_REAL_PRECISION(10));
    json_decref(root);
    fputc('\n', fp);
    return rc < 0 || ferror(fp) ? -1 : 0;
}
