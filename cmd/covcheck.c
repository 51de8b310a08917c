/* covcheck.c - coverage gates: thresholds, patch (diff) coverage, base. */
#include "check.h"
#include "check_history.h"
#include "common.h"

#include <stdlib.h>
#include <string.h>

enum {
    OPT_FAIL_UNDER = CLI_OPT_TOOL, /* + check_gate_id */
    OPT_DIFF = CLI_OPT_TOOL + GATE_COUNT,
    OPT_MISSING,
    OPT_FORMAT,
    OPT_MAX_FILES,
    OPT_HISTORY,
    OPT_COMMIT,
    OPT_BASE,
    OPT_BASE_SOURCE_ROOT
};

static const struct option check_opts_table[] = {
    {"fail-under-line", required_argument, NULL, OPT_FAIL_UNDER + GATE_LINE},
    {"fail-under-branch", required_argument, NULL,
     OPT_FAIL_UNDER + GATE_BRANCH},
    {"fail-under-func", required_argument, NULL, OPT_FAIL_UNDER + GATE_FUNC},
    {"fail-under-stmt", required_argument, NULL, OPT_FAIL_UNDER + GATE_STMT},
    {"fail-under-patch", required_argument, NULL,
     OPT_FAIL_UNDER + GATE_PATCH},
    {"fail-under-file", required_argument, NULL, OPT_FAIL_UNDER + GATE_FILE},
    {"fail-under-package", required_argument, NULL,
     OPT_FAIL_UNDER + GATE_PACKAGE},
    {"max-drop", required_argument, NULL, OPT_FAIL_UNDER + GATE_DROP},
    {"max-drop-file", required_argument, NULL,
     OPT_FAIL_UNDER + GATE_DROP_FILE},
    {"diff", required_argument, NULL, OPT_DIFF},
    {"missing-as-uncovered", no_argument, NULL, OPT_MISSING},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"max-files", required_argument, NULL, OPT_MAX_FILES},
    {"history", required_argument, NULL, OPT_HISTORY},
    {"commit", required_argument, NULL, OPT_COMMIT},
    {"base", required_argument, NULL, OPT_BASE},
    {"base-source-root", required_argument, NULL, OPT_BASE_SOURCE_ROOT},
    {NULL, 0, NULL, 0},
};

static const char check_help[] =
    "Gates (N is a percentage, decimals allowed: 80, 80.5; exit 4 when one\n"
    "fails):\n"
    "      --fail-under-line N    total line coverage\n"
    "      --fail-under-branch N  total branch coverage\n"
    "      --fail-under-func N    total function coverage\n"
    "      --fail-under-stmt N    total statement coverage (Go)\n"
    "      --fail-under-file N    line coverage of every file\n"
    "      --fail-under-package N line coverage of every package (directory)\n"
    "      --fail-under-patch N   coverage of the lines the --diff adds\n"
    "      --max-drop N           total line coverage fell more than N\n"
    "                             points from the --base (0: any fall)\n"
    "      --max-drop-file N      the same for each file in both\n"
    "Base (what a pull request changes; with --diff, lines map through it):\n"
    "      --base FILE            the base branch's profile (repeatable,\n"
    "                             merged like the inputs); reports compare\n"
    "                             with it\n"
    "      --base-source-root DIR the base's checkout: its Go functions and\n"
    "                             exclusion markers (default: no functions\n"
    "                             from sources; markers from the head's)\n"
    "Patch (--include and --exclude also select the diff's files):\n"
    "      --diff FILE            unified diff (git diff; - for stdin) whose\n"
    "                             added lines make the patch coverage\n"
    "      --missing-as-uncovered changed files not in the profile count as\n"
    "                             uncovered (default: listed, not counted)\n"
    "Report:\n"
    "      --format FORMAT        text (default), markdown, json, github\n"
    "                             (Actions annotations) or gitlab (Code\n"
    "                             Quality report)\n"
    "      --max-files N          files per list in text and markdown\n"
    "                             (default 10, 0 for all)\n"
    "History:\n"
    "      --history FILE         append this run's totals to FILE, one JSON\n"
    "                             line (covconv --to html --history draws it)\n"
    "      --commit SHA           the entry's commit (default: the CI's, else\n"
    "                             git rev-parse HEAD)\n\n";

typedef enum {
    FMT_TEXT,
    FMT_MARKDOWN,
    FMT_JSON,
    FMT_GITHUB,
    FMT_GITLAB
} check_format;

typedef struct check_opts {
    bool set[GATE_COUNT];
    uint32_t required[GATE_COUNT];
    const char *diff;
    bool missing_uncovered;
    check_format format;
    size_t max_files;
    const char *history, *commit; /* --history, --commit */
    const char **base; /* --base, in order */
    size_t nbase;
    const char **base_roots; /* --base-source-root */
    size_t nbase_roots;
} check_opts;

/* "80", "80.5", "99.9999": 0 to 100 with at most 4 decimals. */
static int parse_pct(const char *opt, const char *s, uint32_t *out)
{
    uint32_t v = 0, scale = CHECK_PCT_ONE / 100;
    const char *p = s;
    int digits = 0, decimals = -1;
    for (; *p; p++) {
        if (*p == '.' && decimals < 0 && digits) {
            decimals = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || digits > 3 || decimals >= 4)
            break;
        if (decimals < 0) {
            v = v * 10 + (uint32_t)(*p - '0') * scale;
            digits++;
        } else {
            scale /= 10;
            v += (uint32_t)(*p - '0') * scale;
            decimals++;
        }
    }
    if (*p || !digits || decimals == 0 || v > CHECK_PCT_ONE)
        return cli_usage_error("bad --%s '%s' (expected a percentage from 0 "
                               "to 100, at most 4 decimals)", opt, s);
    *out = v;
    return EXIT_OK;
}

static int parse_format_name(check_opts *c, const char *arg)
{
    static const char *const names[] = {"text", "markdown", "json",
                                        "github", "gitlab"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(arg, names[i])) {
            c->format = (check_format)i;
            return EXIT_OK;
        }
    return cli_usage_error("bad --format '%s' (expected text, markdown, "
                           "json, github or gitlab)", arg);
}

static int parse_max_files(check_opts *c, const char *arg)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    if (end == arg || *end || arg[0] == '-' || v > 1000000)
        return cli_usage_error("bad --max-files '%s' (expected a number)",
                               arg);
    c->max_files = v;
    return EXIT_OK;
}

static int check_opt(cli_opts *o, int opt, const char *arg)
{
    check_opts *c = o->tool_ctx;
    if (opt >= OPT_FAIL_UNDER && opt < OPT_FAIL_UNDER + GATE_COUNT) {
        int g = opt - OPT_FAIL_UNDER;
        c->set[g] = true;
        return parse_pct(check_opts_table[g].name, arg, &c->required[g]);
    }
    switch (opt) {
    case OPT_DIFF: c->diff = arg; return EXIT_OK;
    case OPT_MISSING: c->missing_uncovered = true; return EXIT_OK;
    case OPT_FORMAT: return parse_format_name(c, arg);
    case OPT_MAX_FILES: return parse_max_files(c, arg);
    case OPT_HISTORY: c->history = arg; return EXIT_OK;
    case OPT_COMMIT: c->commit = arg; return EXIT_OK;
    case OPT_BASE: return cli_add_arg(&c->base, &c->nbase, arg);
    case OPT_BASE_SOURCE_ROOT:
        return cli_add_arg(&c->base_roots, &c->nbase_roots, arg);
    default: return cli_usage_error("%s", "bad option");
    }
}

static const cli_tool covcheck = {
    .name = "covcheck",
    .synopsis = "[options] INPUT... [--diff FILE] [-o REPORT]",
    .purpose = "Merge coverage profiles, report totals and patch coverage, "
               "and check\nthresholds (CI gates).",
    .read_only = true,
    .extra_opts = check_opts_table,
    .extra_help = check_help,
    .extra_opt = check_opt,
};

/* ---- gates ---- */

static int unit_cmp(const void *va, const void *vb)
{
    const check_unit *a = va, *b = vb;
    uint32_t pa = check_pct(a->c), pb = check_pct(b->c);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The units of U[0..N) below G's requirement into G (worst first). */
static int gate_units(check_gate *g, const check_unit *u, size_t n)
{
    if (!(g->below = malloc((n ? n : 1) * sizeof *g->below)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!u[i].c.found)
            continue;
        g->nchecked++;
        if (!check_meets(u[i].c, g->required))
            g->below[g->nbelow++] = u[i];
    }
    qsort(g->below, g->nbelow, sizeof *g->below, unit_cmp);
    g->failed = g->nbelow > 0;
    return 0;
}

static size_t dir_len(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? (size_t)(s - path) : 0;
}

/* Directory part of PATH ("." for none) and its length. */
static const char *dir_of(const char *path, size_t *len)
{
    *len = dir_len(path);
    if (!*len)
        *len = 1;
    return dir_len(path) ? path : ".";
}

static int dir_cmp(const void *va, const void *vb)
{
    const check_unit *a = va, *b = vb;
    size_t an, bn;
    const char *ad = dir_of(a->name, &an), *bd = dir_of(b->name, &bn);
    int c = memcmp(ad, bd, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* Packages (directories) of FILES with summed line counts, names
 * malloc'd; *OUT is sorted by name. */
static int packages(const check_unit *files, size_t n, check_unit **out,
                    size_t *nout)
{
    check_unit *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    memcpy(v, files, n * sizeof *v);
    qsort(v, n, sizeof *v, dir_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && !dir_cmp(&v[i], &v[m - 1])) {
            v[m - 1].c.found += v[i].c.found;
            v[m - 1].c.hit += v[i].c.hit;
            continue;
        }
        v[m++] = v[i];
    }
    size_t len;
    for (size_t i = 0; i < m; i++) {
        const char *d = dir_of(v[i].name, &len);
        if (!(v[i].name = strndup(d, len))) {
            while (i--)
                free((char *)v[i].name);
            free(v);
            return -1;
        }
    }
    *out = v;
    *nout = m;
    return 0;
}

static void gate_total(check_gate *g, prof_count c, bool empty_passes)
{
    g->c = c;
    g->failed = c.found ? !check_meets(c, g->required)
                        : !empty_passes && g->required > 0;
}

/* Each suite's totals of P into R when there are several. */
static int suite_totals(const prof_profile *p, check_result *r)
{
    size_t ns = prof_profile_nsuites(p);
    if (ns < 2)
        return 0;
    r->suite_names = calloc(ns, sizeof *r->suite_names);
    r->suite_totals = calloc(ns, sizeof *r->suite_totals);
    if (!r->suite_names || !r->suite_totals)
        return -1;
    r->nsuites = ns;
    for (size_t i = 0; i < ns; i++) {
        r->suite_names[i] = prof_profile_suite(p, i);
        if (prof_profile_suite_totals(p, i, &r->suite_totals[i]) < 0)
            return -1;
    }
    return 0;
}

/* Totals of P's files (FILES gets each file's line counts) and gates. */
static int evaluate(const prof_profile *p, const check_opts *c,
                    check_result *r, check_unit *files)
{
    for (int g = 0; g < GATE_COUNT; g++) {
        r->gates[g].set = c->set[g];
        r->gates[g].required = c->required[g];
    }
    for (size_t i = 0; i < r->nfiles; i++) {
        const prof_file *f = prof_profile_file(p, i);
        prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
        if (prof_file_totals(f, &t) < 0)
            return -1;
        files[i] = (check_unit){prof_file_path(f), t.lines};
        prof_totals_add(&r->totals, &t);
    }
    /* no lines or statements at all is likely an error (gcovr: 0 %); no
     * branches, functions or coverable changed lines is not */
    gate_total(&r->gates[GATE_LINE], r->totals.lines, false);
    gate_total(&r->gates[GATE_BRANCH], r->totals.branches, true);
    gate_total(&r->gates[GATE_FUNC], r->totals.functions, true);
    gate_total(&r->gates[GATE_STMT], r->totals.stmts, false);
    if (r->patch)
        gate_total(&r->gates[GATE_PATCH], prof_patch_total(r->patch), true);
    return 0;
}

static int evaluate_units(check_result *r, const check_unit *files,
                          check_unit **pk, size_t *npk)
{
    if (r->gates[GATE_FILE].set &&
        gate_units(&r->gates[GATE_FILE], files, r->nfiles) < 0)
        return -1;
    if (!r->gates[GATE_PACKAGE].set)
        return 0;
    if (packages(files, r->nfiles, pk, npk) < 0)
        return -1;
    return gate_units(&r->gates[GATE_PACKAGE], *pk, *npk);
}

static int drop_cmp(const void *va, const void *vb)
{
    const check_drop *a = va, *b = vb;
    if (a->drop != b->drop)
        return a->drop > b->drop ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The --max-drop gates against the comparison with the base. */
static int evaluate_drops(check_result *r)
{
    const prof_totals *b = prof_compare_base_totals(r->base);
    check_gate *g = &r->gates[GATE_DROP];
    g->c = r->totals.lines;
    g->drop = -check_delta(b->lines, r->totals.lines, 10000);
    g->failed = check_dropped(b->lines, r->totals.lines, g->required);
    g = &r->gates[GATE_DROP_FILE];
    if (!g->set)
        return 0;
    size_t n = prof_compare_nfiles(r->base);
    if (!(g->above = malloc((n ? n : 1) * sizeof *g->above)))
        return -1;
    g->nchecked = prof_compare_nboth(r->base);
    for (size_t i = 0; i < n; i++) {
        const prof_compare_file *f = prof_compare_file_at(r->base, i);
        if (f->base.found && f->head.found &&
            check_dropped(f->base, f->head, g->required))
            g->above[g->nabove++] = (check_drop){
                f->path, f->base, f->head,
                -check_delta(f->base, f->head, 10000)};
    }
    qsort(g->above, g->nabove, sizeof *g->above, drop_cmp);
    g->failed = g->nabove > 0;
    return 0;
}

/* ---- messages ---- */

static void drop_message(FILE *fp, const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    char a[PROF_PERCENT_SIZE], b[PROF_PERCENT_SIZE], q[32], d[32];
    check_req_str(q, sizeof q, g->required);
    if (id == GATE_DROP) {
        const prof_totals *t = prof_compare_base_totals(r->base);
        fprintf(fp, "line coverage fell %s points from the base (%s%% -> "
                "%s%%), more than the allowed %s",
                check_drop_str(d, sizeof d, t->lines, r->totals.lines,
                               g->required, 2),
                check_pct2(a, t->lines), check_pct2(b, r->totals.lines), q);
        return;
    }
    const check_drop *w = &g->above[0];
    fprintf(fp, "%zu of %zu files lost more line coverage from the base "
            "than the allowed %s points; most: %s fell %s points (%s%% -> "
            "%s%%)", g->nabove, g->nchecked, q, w->name,
            check_drop_str(d, sizeof d, w->base, w->head, g->required, 2),
            check_pct2(a, w->base), check_pct2(b, w->head));
}

void check_fail_text(FILE *fp, const check_result *r, check_gate_id id)
{
    const check_gate *g = &r->gates[id];
    char a[PROF_PERCENT_SIZE], q[32];
    check_req_str(q, sizeof q, g->required);
    if (id == GATE_DROP || id == GATE_DROP_FILE) {
        drop_message(fp, r, id);
        return;
    }
    if (id == GATE_FILE || id == GATE_PACKAGE) {
        const check_unit *w = &g->below[0];
        fprintf(fp, "%zu of %zu %s below the required line coverage of "
                "%s%%; lowest: %s at %s%% (%llu of %llu lines)", g->nbelow,
                g->nchecked, id == GATE_FILE ? "files are" : "packages are",
                q, w->name, check_gate_pct(a, w->c, g->required),
                (unsigned long long)w->c.hit,
                (unsigned long long)w->c.found);
        return;
    }
    if (!g->c.found) {
        fprintf(fp, "%s cannot be measured: the inputs have no %s (counts "
                "as 0%%, below the required %s%%)", check_gate_title(id),
                check_gate_unit(id), q);
        return;
    }
    fprintf(fp, "%s %s%% is below the required %s%% (cover %llu more of "
            "%llu %s)", check_gate_title(id),
            check_gate_pct(a, g->c, g->required), q,
            (unsigned long long)check_needed(g->c, g->required),
            (unsigned long long)g->c.found, check_gate_unit(id));
}

static void fail_message(const check_result *r, check_gate_id id)
{
    char *msg = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&msg, &len);
    if (fp)
        check_fail_text(fp, r, id);
    if (!fp || fclose(fp) != 0)
        cli_oom();
    else
        cli_error("%s", msg);
    free(msg);
}

/* ---- the run ---- */

static void result_free(check_result *r, check_unit *pk, size_t npk)
{
    for (size_t i = 0; i < npk; i++)
        free((char *)pk[i].name);
    free(pk);
    free(r->gates[GATE_PACKAGE].below);
    free(r->gates[GATE_FILE].below);
    free(r->gates[GATE_DROP_FILE].above);
    free(r->suite_names);
    free(r->suite_totals);
}

static int write_report(const cli_opts *o, const check_opts *c,
                        const check_result *r)
{
    static int (*const writers[])(FILE *, const check_result *) = {
        check_report_text, check_report_markdown, check_report_json,
        check_report_github, check_report_gitlab};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp || writers[c->format](fp, r) < 0 || fclose(fp) != 0) {
        free(buf);
        cli_oom();
        return EXIT_IO;
    }
    prof_error err;
    int rc = prof_write_buffer(o->output, buf, len, &err);
    free(buf);
    return rc < 0 ? cli_report(&err) : EXIT_OK;
}

static int gates_code(const check_result *r)
{
    int code = EXIT_OK;
    for (int g = 0; g < GATE_COUNT; g++)
        if (r->gates[g].set && r->gates[g].failed) {
            fail_message(r, (check_gate_id)g);
            code = EXIT_GATE;
        }
    return code;
}

/* Patch coverage of the unfiltered profile (the filter applies to each
 * diff file by its own path), then the profile filtered for totals. */
static int prepare(cli_opts *o, const check_opts *c, prof_profile *p,
                   const prof_filter *filter, prof_diff **d, prof_patch **pt)
{
    prof_error err;
    if (c->diff) {
        if (prof_diff_read(c->diff, d, &err) < 0 ||
            prof_patch_compute(p, *d, o->sources, filter,
                               c->missing_uncovered
                                   ? PROF_PATCH_MISSING_UNCOVERED
                                   : 0,
                               pt, &err) < 0)
            return cli_report(&err);
    }
    return cli_filter(p, filter, o->verbosity);
}

/* B viewed as the head is: exclusions in sources, and Go functions from
 * the sources, but only from the base's own checkout (--base-source-root);
 * the head's sources would give the base the head's functions. */
static int base_view(cli_opts *o, const check_opts *c, prof_profile *b)
{
    if (!c->nbase_roots)
        return cli_view(o, b, PROF_FORMAT_REPO_PATHS);
    prof_error err;
    cli_opts bo = *o;
    if (!(bo.sources = prof_sources_new())) {
        cli_oom();
        return EXIT_IO;
    }
    int code = EXIT_OK;
    for (size_t i = 0; code == EXIT_OK && i < c->nbase_roots; i++)
        if (prof_sources_add_root(bo.sources, c->base_roots[i], &err) < 0)
            code = cli_report(&err);
    if (code == EXIT_OK)
        code = cli_view(&bo, b, PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS);
    prof_sources_free(bo.sources);
    return code;
}

/* The base profile B (NULL: none) as the head P was prepared, compared
 * with P through the diff D (may be NULL) into *CMP. */
static int compare(cli_opts *o, const check_opts *c, prof_profile *b,
                   const prof_profile *p, const prof_diff *d,
                   prof_compare **cmp)
{
    if (!b)
        return EXIT_OK;
    int code = base_view(o, c, b);
    if (code == EXIT_OK)
        code = cli_filter(b, o->filter, o->verbosity);
    prof_error err;
    if (code == EXIT_OK &&
        prof_compare_compute(b, p, d, o->sources, NULL, cmp, &err) < 0)
        code = cli_report(&err);
    return code;
}

static int check(cli_opts *o, const check_opts *c, prof_profile *p,
                 prof_profile *b)
{
    prof_diff *d = NULL;
    prof_patch *pt = NULL;
    prof_compare *cmp = NULL;
    int code = cli_view(o, p, PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS);
    if (code == EXIT_OK)
        code = prepare(o, c, p, o->filter, &d, &pt);
    if (code == EXIT_OK)
        code = compare(o, c, b, p, d, &cmp);
    check_result r = {.ninputs = o->ninputs, .nfiles = prof_profile_nfiles(p),
                      .patch = pt, .max_files = c->max_files, .base = cmp,
                      .base_inputs = c->nbase, .base_diff = d != NULL};
    r.excluded = *prof_profile_excluded(p, &r.excluded_files);
    check_unit *files = malloc((r.nfiles ? r.nfiles : 1) * sizeof *files);
    check_unit *pk = NULL;
    size_t npk = 0;
    if (code == EXIT_OK && (!files || evaluate(p, c, &r, files) < 0 ||
                            evaluate_units(&r, files, &pk, &npk) < 0 ||
                            suite_totals(p, &r) < 0 ||
                            (cmp && evaluate_drops(&r) < 0))) {
        cli_oom();
        code = EXIT_IO;
    }
    if (code == EXIT_OK)
        code = write_report(o, c, &r);
    if (code == EXIT_OK && c->history)
        code = check_history_append(c->history, c->commit, &r);
    if (code == EXIT_OK)
        code = gates_code(&r);
    result_free(&r, pk, npk);
    free(files);
    prof_compare_free(cmp);
    prof_patch_free(pt);
    prof_diff_free(d);
    return code;
}

/* How many of the N names V are "-" (stdin). */
static size_t stdins(const char *const *v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(v[i], "-");
    return k;
}

static int usage_checks(const cli_opts *o, const check_opts *c)
{
    if (c->commit && !c->history)
        return cli_usage_error("%s", "--commit needs --history FILE");
    if (c->set[GATE_PATCH] && !c->diff)
        return cli_usage_error("%s", "--fail-under-patch needs --diff FILE");
    if (c->nbase_roots && !c->nbase)
        return cli_usage_error("%s", "--base-source-root needs --base FILE");
    if ((c->set[GATE_DROP] || c->set[GATE_DROP_FILE]) && !c->nbase)
        return cli_usage_error("%s", "--max-drop and --max-drop-file need "
                                     "--base FILE");
    size_t in = stdins((const char *const *)o->inputs, o->ninputs);
    if (c->diff && !strcmp(c->diff, "-") && in)
        return cli_usage_error("%s", "--diff - and an input - cannot "
                                     "both read stdin");
    size_t bin = stdins(c->base, c->nbase);
    if (bin && (in || (c->diff && !strcmp(c->diff, "-"))))
        return cli_usage_error("%s", "--base - cannot read stdin with an "
                                     "input or --diff that reads it");
    return EXIT_OK;
}

static int run(cli_opts *o, const check_opts *c)
{
    int code = usage_checks(o, c);
    if (code != EXIT_OK)
        return code;
    prof_profile *p, *b = NULL;
    code = cli_load(o, &p);
    if (code == EXIT_OK && c->nbase)
        code = cli_load_paths(o, (char **)c->base, c->nbase, &b);
    if (code == EXIT_OK)
        code = check(o, c, p, b);
    prof_profile_free(b);
    prof_profile_free(p);
    return code;
}

int main(int argc, char **argv)
{
    cli_progname = covcheck.name;
    check_opts c = {.max_files = 10};
    cli_opts o = {.output = "-", .verbosity = 1, .tool_ctx = &c};
    int code = cli_parse(argc, argv, &covcheck, &o);
    if (code == EXIT_OK)
        code = run(&o, &c);
    else if (code < 0)
        code = EXIT_OK;
    cli_opts_free(&o);
    free(c.base);
    free(c.base_roots);
    return cli_finish_stdout(code);
}
