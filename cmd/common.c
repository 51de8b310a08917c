/* common.c - option parsing, input reading and output for the covkit tools. */
#include "common.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_progname = "covkit";
static const char *where_path; /* cli_where */
static unsigned long where_line;

void cli_where(const char *path, unsigned long line)
{
    where_path = path;
    where_line = line;
}

/* "tool: " and, in a settings file, "FILE:LINE: " */
static void print_prefix(void)
{
    fprintf(stderr, "%s: ", cli_progname);
    if (where_path)
        fprintf(stderr, "%s:%lu: ", where_path, where_line);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    print_prefix();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_oom(void)
{
    cli_error("%s", prof_strerror(PROF_ENOMEM));
}

int cli_exit_code(int status)
{
    switch (status) {
    case PROF_OK: return EXIT_OK;
    case PROF_EINVAL: return EXIT_USAGE;
    case PROF_EIO:
    case PROF_ENOMEM: return EXIT_IO;
    default: return EXIT_DATA;
    }
}

static void print_located(const char *prefix, const prof_error *e,
                          const char *suffix)
{
    fprintf(stderr, "%s: %s", cli_progname, prefix);
    if (e->path[0] && e->line)
        fprintf(stderr, "%s:%lu: ", e->path, e->line);
    else if (e->path[0])
        fprintf(stderr, "%s: ", e->path);
    fprintf(stderr, "%s%s\n", e->msg, suffix);
}

int cli_report(const prof_error *err)
{
    print_located("", err, "");
    return cli_exit_code(err->code);
}

void cli_warning(const prof_error *w)
{
    print_located("warning: ", w,
                  w->code == PROF_EFORMAT ? "; --strict makes this an error"
                                          : "");
}

void cli_input_problem(cli_opts *o, const char *fmt, ...)
{
    if (!o->strict && o->verbosity == 0)
        return;
    va_list ap;
    fprintf(stderr, "%s: %s", cli_progname, o->strict ? "" : "warning: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    o->input_error |= o->strict;
}

/* What the library says about the inputs (while reading and merging). */
static void on_warning(void *ctx, const prof_error *w)
{
    cli_opts *o = ctx;
    if (o->strict) {
        print_located("", w, "");
        o->input_error = true;
    } else if (o->verbosity > 0) {
        cli_warning(w);
    }
}

/* What writers say (a source not found) is not about the inputs: a
 * warning even with --strict. */
static void write_warning(void *ctx, const prof_error *w)
{
    const cli_opts *o = ctx;
    if (o->verbosity > 0)
        cli_warning(w);
}

int cli_finish_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write standard output: %s", strerror(errno));
        return code ? code : EXIT_IO;
    }
    return code;
}

/* ---- usage ---- */

static void list_formats(FILE *fp, unsigned need)
{
    for (size_t i = 0; prof_format_at(i); i++) {
        const prof_format *f = prof_format_at(i);
        unsigned fl = prof_format_flags(f);
        bool r = fl & PROF_FORMAT_READ, w = fl & PROF_FORMAT_WRITE;
        if (need && !(fl & need))
            continue;
        fprintf(fp, "  %-10s %-6s %s\n", prof_format_name(f),
                r && w ? "rw" : r ? "r" : "w",
                prof_format_description(f));
    }
}

/* The filters and the settings file. */
static void usage_filters(void)
{
    fputs("      --include REGEX    keep only files whose path matches the\n"
          "                         PCRE2 REGEX (repeatable; the path as the\n"
          "                         output shows it, after --path-map)\n"
          "      --exclude REGEX    leave out files whose path matches REGEX\n"
          "                         (repeatable; wins over --include)\n"
          "      --config FILE      read options from FILE (default:\n"
          "                         ./covkit.conf when it exists)\n"
          "      --no-config        read no settings file\n", stdout);
}

static void usage(const cli_tool *t)
{
    printf("Usage: %s %s\n%s\n\n", t->name, t->synopsis, t->purpose);
    fputs("INPUT is a file or - (stdin); gzip is detected from the bytes and\n"
          "the format from the content.\n\n", stdout);
    if (t->extra_help)
        fputs(t->extra_help, stdout);
    fputs("Options:\n"
          "  -o, --output FILE      write here (default: stdout); written to a\n"
          "                         temporary file and renamed on success\n",
          stdout);
    if (!t->read_only)
        fputs("                         (--to html: a directory, swapped in "
              "whole)\n", stdout);
    if (!t->read_only)
        printf("  -t, --to FORMAT        output format%s\n",
               t->needs_to ? " (required)" : " (default: the inputs' own)");
    fputs("  -f, --from FORMAT      read every input as FORMAT (no sniffing)\n"
          "      --mode MODE        auto (default), set, count or atomic\n"
          "      --overlap POLICY   error (default) or keep overlapping blocks\n"
          "  -l, --label NAME=INPUT record INPUT's data under suite NAME\n"
          "                         (default: the input's file name stem)\n"
          "  -j, --jobs N           read up to N inputs at once (default: the\n"
          "                         number of online CPUs; 1: one by one)\n"
          "      --max-input-size N largest (decompressed) input in bytes;\n"
          "                         K, M, G suffixes (default 4G)\n", stdout);
    if (!t->read_only)
        fputs("      --lcov-format N    lcov output: 1 (FN/FNDA, default) or 2\n"
              "                         (FNL/FNA, lcov 2.x)\n"
              "      --split-size N     cobertura output: split into files of at\n"
              "                         most N bytes (K, M, G suffixes)\n"
              "      --source DIR       cobertura <source> (default: the current\n"
              "                         directory)\n"
              "      --format STYLE     summary output: text (default) or markdown\n"
              "      --coveralls-service NAME\n"
              "                         coveralls output: service_name (default:\n"
              "                         COVERALLS_SERVICE_NAME, else the CI's)\n"
              "      --coveralls-flag NAME\n"
              "                         coveralls output: flag_name (default:\n"
              "                         COVERALLS_FLAG_NAME)\n"
              "      --coveralls-parallel\n"
              "                         coveralls output: a parallel job\n"
              "                         (default: COVERALLS_PARALLEL)\n"
              "      --badge-label TEXT badge output: the label (default:\n"
              "                         coverage)\n"
              "      --badge-metric M   badge output: lines, statements,\n"
              "                         branches or functions (default:\n"
              "                         statements for Go inputs, else lines)\n"
              "      --history FILE     html output: draw the trend of the\n"
              "                         history FILE (covcheck --history)\n",
              stdout);
    fputs("      --source-root DIR  find source files under DIR (repeatable;\n"
          "                         default .); go.mod files map import paths\n"
          "      --path-map RE=REPL rewrite input paths matching the PCRE2\n"
          "                         regex RE (repeatable, applied in order)\n"
          "      --no-exclude-markers\n"
          "                         ignore LCOV_EXCL_*, GCOVR_EXCL_* and Go's\n"
          "                         // coverage-ignore in the sources\n"
          "      --exclude-lines-by-pattern RE\n"
          "                         leave out source lines matching the PCRE2\n"
          "                         regex RE at their start\n"
          "      --exclude-branches-by-pattern RE\n"
          "                         leave out the branches of such lines\n"
          "      --exclude-generated\n"
          "                         leave out Go files marked '// Code\n"
          "                         generated ... DO NOT EDIT.'\n"
          "      --warn-excluded-hits\n"
          "                         warn about excluded code that was hit\n"
          "      --suite NAME       keep only what suite NAME hit\n"
          "      --subtract INPUT   zero what INPUT covers (repeatable)\n"
          "      --intersect INPUT  zero what INPUT does not cover (repeatable)\n",
          stdout);
    usage_filters();
    fputs("      --strict           input problems are errors (exit 1, no\n"
          "                         output): the same input twice, damaged\n"
          "                         records (line 0, a negative count, ...),\n"
          "                         notices about the inputs\n"
          "  -q, --quiet            no warnings or notices\n"
          "  -v, --verbose          report each input read\n"
          "      --list-formats     list formats and exit\n"
          "  -h, --help             show this help and exit\n"
          "  -V, --version          show the version and exit\n\n"
          "Formats (r: read, w: write):\n", stdout);
    list_formats(stdout, 0);
    printf("\nExit status: 0 success, 1 bad input data, 2 usage error, "
           "3 I/O error%s.\n", t->read_only ? ", 4 a gate failed" : "");
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    print_prefix();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n",
            cli_progname);
    return EXIT_USAGE;
}

/* ---- option parsing ---- */

enum {
    OPT_MODE = 256,
    OPT_OVERLAP,
    OPT_LIST,
    OPT_MAX_INPUT,
    OPT_LCOV_FORMAT,
    OPT_SPLIT_SIZE,
    OPT_SOURCE,
    OPT_SOURCE_ROOT,
    OPT_PATH_MAP,
    OPT_SUITE,
    OPT_SUBTRACT,
    OPT_INTERSECT,
    OPT_FORMAT,
    OPT_STRICT,
    OPT_COVERALLS_SERVICE,
    OPT_COVERALLS_FLAG,
    OPT_COVERALLS_PARALLEL,
    OPT_BADGE_LABEL,
    OPT_BADGE_METRIC,
    OPT_HISTORY,
};

static const struct option long_opts[] = {
    {"output", required_argument, NULL, 'o'},
    {"to", required_argument, NULL, 't'},
    {"from", required_argument, NULL, 'f'},
    {"mode", required_argument, NULL, OPT_MODE},
    {"overlap", required_argument, NULL, OPT_OVERLAP},
    {"label", required_argument, NULL, 'l'},
    {"jobs", required_argument, NULL, 'j'},
    {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
    {"lcov-format", required_argument, NULL, OPT_LCOV_FORMAT},
    {"split-size", required_argument, NULL, OPT_SPLIT_SIZE},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"source-root", required_argument, NULL, OPT_SOURCE_ROOT},
    {"path-map", required_argument, NULL, OPT_PATH_MAP},
    {"suite", required_argument, NULL, OPT_SUITE},
    {"subtract", required_argument, NULL, OPT_SUBTRACT},
    {"intersect", required_argument, NULL, OPT_INTERSECT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"coveralls-service", required_argument, NULL, OPT_COVERALLS_SERVICE},
    {"coveralls-flag", required_argument, NULL, OPT_COVERALLS_FLAG},
    {"coveralls-parallel", no_argument, NULL, OPT_COVERALLS_PARALLEL},
    {"badge-label", required_argument, NULL, OPT_BADGE_LABEL},
    {"badge-metric", required_argument, NULL, OPT_BADGE_METRIC},
    {"history", required_argument, NULL, OPT_HISTORY},
    /* filters, the settings file, exclusions in sources */
    CLI_SHARED_LONG_OPTS,
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"list-formats", no_argument, NULL, OPT_LIST},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* Options of tools that write a profile (left out for read-only ones). */
static bool write_only(int val)
{
    return val == 't' || val == OPT_LCOV_FORMAT || val == OPT_SPLIT_SIZE ||
           val == OPT_SOURCE || val == OPT_FORMAT ||
           val == OPT_COVERALLS_SERVICE || val == OPT_COVERALLS_FLAG ||
           val == OPT_COVERALLS_PARALLEL || val == OPT_BADGE_LABEL ||
           val == OPT_BADGE_METRIC || val == OPT_HISTORY;
}

/* The shared options that apply to T, then T's own; malloc'd. */
static struct option *tool_options(const cli_tool *t)
{
    size_t n = sizeof long_opts / sizeof *long_opts, extra = 0;
    while (t->extra_opts && t->extra_opts[extra].name)
        extra++;
    struct option *v = malloc((n + extra) * sizeof *v);
    if (!v)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; long_opts[i].name; i++)
        if (!t->read_only || !write_only(long_opts[i].val))
            v[o++] = long_opts[i];
    for (size_t i = 0; i < extra; i++)
        v[o++] = t->extra_opts[i];
    v[o] = long_opts[n - 1]; /* the terminator */
    return v;
}

static int parse_format(const char *name, unsigned need,
                        const prof_format **out)
{
    const prof_format *f = prof_format_find(name);
    if (!f)
        return cli_usage_error("unknown format '%s' (see --list-formats)",
                               name);
    if (!(prof_format_flags(f) & need))
        return cli_usage_error("format '%s' cannot be %s", name,
                           need == PROF_FORMAT_WRITE ? "written" : "read");
    *out = f;
    return EXIT_OK;
}

static int parse_size(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    }
    if (errno || end == s || *end || v == 0 || (v << shift) >> shift != v)
        return cli_usage_error("bad size '%s' (expected a number with an "
                           "optional K, M or G suffix)", s);
    *out = v << shift;
    return EXIT_OK;
}

static int add_label(cli_opts *o, char *arg)
{
    char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return cli_usage_error("bad --label '%s' (expected NAME=INPUT)", arg);
    cli_label *nl = realloc(o->labels, (o->nlabels + 1) * sizeof *nl);
    if (!nl)
        return EXIT_IO;
    o->labels = nl;
    *eq = '\0';
    nl[o->nlabels++] = (cli_label){arg, eq + 1, false};
    return EXIT_OK;
}

/* Append ARG to a repeatable option's list. */
int cli_add_arg(const char ***list, size_t *n, const char *arg)
{
    const char **nv = realloc(*list, (*n + 1) * sizeof *nv);
    if (!nv) {
        cli_oom();
        return EXIT_IO;
    }
    nv[(*n)++] = arg;
    *list = nv;
    return EXIT_OK;
}

int cli_add_pattern(const char ***list, size_t *n, const char *opt,
                    const char *arg)
{
    prof_filter *f;
    prof_error err;
    const char *const pat[] = {arg};
    bool inc = !strcmp(opt, "--include");
    if (prof_filter_new(pat, inc, pat, !inc, &f, &err) < 0)
        return err.code == PROF_EINVAL ? cli_usage_error("%s", err.msg)
                                       : cli_report(&err);
    prof_filter_free(f);
    return cli_add_arg(list, n, arg);
}

int cli_filter(prof_profile *p, const prof_filter *f, int verbosity)
{
    prof_error err;
    size_t n = prof_profile_nfiles(p);
    if (prof_profile_filter(p, f, &err) < 0)
        return cli_report(&err);
    if (n && !prof_profile_nfiles(p) && verbosity > 0)
        fprintf(stderr, "%s: warning: --include/--exclude left none of the "
                "%zu file%s\n", cli_progname, n, n == 1 ? "" : "s");
    return EXIT_OK;
}

static int parse_mode_opt(cli_opts *o, const char *arg)
{
    if (!strcmp(arg, "auto")) {
        o->mode = PROF_MODE_NONE;
        return EXIT_OK;
    }
    o->mode = prof_mode_parse(arg);
    return o->mode == PROF_MODE_NONE
               ? cli_usage_error("bad --mode '%s' (expected auto, set, count "
                                 "or atomic)", arg)
               : EXIT_OK;
}

static int parse_jobs(cli_opts *o, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || v < 1 || v > 1024 || arg[0] == '-')
        return cli_usage_error("bad --jobs '%s' (expected a number from 1 "
                               "to 1024)", arg);
    o->jobs = (unsigned)v;
    return EXIT_OK;
}

/* --coveralls-*: fields of the Coveralls job (the repo token is read from
 * COVERALLS_REPO_TOKEN only, never from a command line others can see). */
static int parse_coveralls(cli_opts *o, int c, const char *arg)
{
    if (c != OPT_COVERALLS_PARALLEL && !*arg)
        return cli_usage_error("%s", "--coveralls-service and "
                               "--coveralls-flag need a non-empty value");
    if (c == OPT_COVERALLS_SERVICE)
        o->wopts.coveralls_service = arg;
    else if (c == OPT_COVERALLS_FLAG)
        o->wopts.coveralls_flag = arg;
    else
        o->wopts.coveralls_parallel = 1;
    o->coveralls_given = true;
    return EXIT_OK;
}

/* --badge-label, --badge-metric: options of the badge writer. */
static int parse_badge(cli_opts *o, int c, const char *arg)
{
    static const char *const metrics[] = {"lines", "statements", "branches",
                                          "functions"};
    o->badge_given = true;
    if (c == OPT_BADGE_LABEL) {
        if (!*arg || strlen(arg) > 200)
            return cli_usage_error("%s", "--badge-label needs 1 to 200 "
                                         "bytes of text");
        o->wopts.badge_label = arg;
        return EXIT_OK;
    }
    for (int i = 0; i < 4; i++)
        if (!strcmp(arg, metrics[i])) {
            o->wopts.badge_metric = (prof_badge_metric)(PROF_BADGE_LINES + i);
            return EXIT_OK;
        }
    return cli_usage_error("bad --badge-metric '%s' (expected lines, "
                           "statements, branches or functions)", arg);
}

/* --include, --exclude; --config and --no-config are cli_config_load's. */
static int parse_filter_opt(cli_opts *o, int c, const char *arg)
{
    if (c == CLI_OPT_INCLUDE)
        return cli_add_pattern(&o->include, &o->ninclude, "--include", arg);
    if (c == CLI_OPT_EXCLUDE)
        return cli_add_pattern(&o->exclude, &o->nexclude, "--exclude", arg);
    return EXIT_OK;
}

/* --no-exclude-markers, --exclude-*-by-pattern, --exclude-generated,
 * --warn-excluded-hits */
int cli_exclusion_opt(prof_exclude_opts *x, bool *no_markers, int c,
                      const char *arg)
{
    switch (c) {
    case CLI_OPT_NO_EXCL_MARKERS: *no_markers = true; break;
    case CLI_OPT_EXCL_LINES: x->lines_pattern = arg; break;
    case CLI_OPT_EXCL_BRANCHES: x->branches_pattern = arg; break;
    case CLI_OPT_EXCL_GENERATED: x->flags |= PROF_EXCLUDE_GENERATED; break;
    default: x->flags |= PROF_EXCLUDE_WARN_HITS; break;
    }
    return EXIT_OK;
}

/* Returns EXIT_OK to go on, -1 when done (help, version), else a code. */
static int parse_one(cli_opts *o, const cli_tool *t, int c, char *arg)
{
    switch (c) {
    case 'o': o->output = arg; return EXIT_OK;
    case 't': return parse_format(arg, PROF_FORMAT_WRITE, &o->to);
    case 'f': return parse_format(arg, PROF_FORMAT_READ, &o->from);
    case OPT_MODE: return parse_mode_opt(o, arg);
    case OPT_OVERLAP:
        if (strcmp(arg, "error") && strcmp(arg, "keep"))
            return cli_usage_error("bad --overlap '%s' (expected error or "
                                   "keep)", arg);
        o->overlap_keep = !strcmp(arg, "keep");
        return EXIT_OK;
    case 'l': return add_label(o, arg);
    case 'j': return parse_jobs(o, arg);
    case OPT_MAX_INPUT: return parse_size(arg, &o->max_input);
    case OPT_SPLIT_SIZE: {
        unsigned long long v;
        int rc = parse_size(arg, &v);
        o->wopts.split_size = v;
        return rc;
    }
    case OPT_LCOV_FORMAT:
        if (strcmp(arg, "1") && strcmp(arg, "2"))
            return cli_usage_error("bad --lcov-format '%s' (expected 1 or 2)",
                               arg);
        o->wopts.lcov_version = arg[0] - '0';
        return EXIT_OK;
    case OPT_SOURCE: o->wopts.source_root = arg; return EXIT_OK;
    case OPT_SOURCE_ROOT:
        return cli_add_arg(&o->source_roots, &o->nsource_roots, arg);
    case OPT_PATH_MAP: return cli_add_arg(&o->path_maps, &o->npath_maps, arg);
    case OPT_SUITE: o->suite = arg; return EXIT_OK;
    case OPT_SUBTRACT:
    case OPT_INTERSECT: {
        /* "+" marks an intersect, "-" a subtract, ahead of the input */
        int rc = cli_add_arg(&o->against, &o->nagainst,
                             c == OPT_INTERSECT ? "+" : "-");
        return rc == EXIT_OK ? cli_add_arg(&o->against, &o->nagainst, arg)
                             : rc;
    }
    case OPT_FORMAT:
        if (strcmp(arg, "text") && strcmp(arg, "markdown"))
            return cli_usage_error("bad --format '%s' (expected text or "
                                   "markdown)", arg);
        o->wopts.markdown = !strcmp(arg, "markdown");
        o->format_given = true;
        return EXIT_OK;
    case OPT_STRICT: o->strict = true; return EXIT_OK;
    case OPT_COVERALLS_SERVICE:
    case OPT_COVERALLS_FLAG:
    case OPT_COVERALLS_PARALLEL: return parse_coveralls(o, c, arg);
    case OPT_BADGE_LABEL:
    case OPT_BADGE_METRIC: return parse_badge(o, c, arg);
    case OPT_HISTORY: o->wopts.history = arg; return EXIT_OK;
    case CLI_OPT_INCLUDE:
    case CLI_OPT_EXCLUDE:
    case CLI_OPT_CONFIG:
    case CLI_OPT_NO_CONFIG: return parse_filter_opt(o, c, arg);
    case CLI_OPT_NO_EXCL_MARKERS:
    case CLI_OPT_EXCL_LINES:
    case CLI_OPT_EXCL_BRANCHES:
    case CLI_OPT_EXCL_GENERATED:
    case CLI_OPT_WARN_EXCL_HITS:
        return cli_exclusion_opt(&o->excl, &o->no_exclude_markers, c, arg);
    case 'q': o->verbosity = 0; return EXIT_OK;
    case 'v': o->verbosity = 2; return EXIT_OK;
    case OPT_LIST: list_formats(stdout, 0); return -1;
    case 'h': usage(t); return -1;
    case 'V': printf("%s (covkit) %s\n", t->name, PROF_VERSION); return -1;
    default:
        if (c >= CLI_OPT_TOOL && t->extra_opt)
            return t->extra_opt(o, c, arg);
        return cli_usage_error("%s", "bad option");
    }
}

/* An option of the settings file (cli_config_load). */
typedef struct parse_ctx {
    cli_opts *o;
    const cli_tool *t;
} parse_ctx;

static int parse_conf(void *ctx, int c, char *arg)
{
    const parse_ctx *pc = ctx;
    return parse_one(pc->o, pc->t, c, arg);
}

static int parse_loop(int argc, char **argv, const cli_tool *t, cli_opts *o,
                      const struct option *opts)
{
    int c;
    const char *shorts = t->read_only ? ":o:f:l:j:qvhV" : ":o:t:f:l:j:qvhV";
    parse_ctx pc = {o, t};
    int rc = cli_config_load(t->name, opts, shorts, argc, argv, parse_conf,
                             &pc, &o->config_text);
    if (rc != EXIT_OK)
        return rc;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        if (c == '?')
            return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return cli_usage_error("option '%s' needs an argument",
                               argv[optind - 1]);
        if ((rc = parse_one(o, t, c, optarg)) != EXIT_OK)
            return rc;
    }
    return EXIT_OK;
}

int cli_parse(int argc, char **argv, const cli_tool *t, cli_opts *o)
{
    struct option *opts = tool_options(t);
    if (!opts) {
        cli_oom();
        return EXIT_IO;
    }
    int rc = parse_loop(argc, argv, t, o, opts);
    free(opts);
    if (rc != EXIT_OK)
        return rc;
    o->inputs = argv + optind;
    o->ninputs = (size_t)(argc - optind);
    if (!o->ninputs)
        return cli_usage_error("%s", "no input given (use - to read stdin)");
    if (t->needs_to && !o->to)
        return cli_usage_error("%s", "--to FORMAT is required");
    if (o->format_given &&
        (!o->to || strcmp(prof_format_name(o->to), "summary")))
        return cli_usage_error("%s", "--format applies only to --to summary");
    if (o->coveralls_given &&
        (!o->to || strcmp(prof_format_name(o->to), "coveralls")))
        return cli_usage_error("%s", "--coveralls-service, --coveralls-flag "
                               "and --coveralls-parallel apply only to --to "
                               "coveralls");
    if (o->badge_given && (!o->to || strcmp(prof_format_name(o->to), "badge")))
        return cli_usage_error("%s", "--badge-label and --badge-metric apply "
                               "only to --to badge");
    if (o->wopts.history &&
        (!o->to || strcmp(prof_format_name(o->to), "html")))
        return cli_usage_error("%s", "--history applies only to --to html");
    if (o->to && (prof_format_flags(o->to) & PROF_FORMAT_DIR) &&
        !strcmp(o->output, "-"))
        return cli_usage_error("--to %s writes a directory: name it with "
                               "-o DIR", prof_format_name(o->to));
    prof_error err;
    if (prof_filter_new(o->include, o->ninclude, o->exclude, o->nexclude,
                        &o->filter, &err) < 0)
        return cli_report(&err);
    return cli_check_patterns(&o->excl);
}

/* ---- the job ---- */

static const char *label_for(cli_opts *o, const char *input)
{
    for (size_t i = 0; i < o->nlabels; i++)
        if (!strcmp(o->labels[i].input, input)) {
            o->labels[i].used = true;
            return o->labels[i].name;
        }
    return NULL;
}

static void on_read(void *ctx, size_t i, const prof_profile *p)
{
    const cli_opts *o = ctx;
    if (o->verbosity > 1)
        fprintf(stderr, "%s: read %s: %zu file%s so far\n", cli_progname,
                o->inputs[i], prof_profile_nfiles(p),
                prof_profile_nfiles(p) == 1 ? "" : "s");
}

/* Read and merge the inputs, then report any given twice; LABELLED: the
 * command line's inputs, which --label names. */
static int read_inputs(cli_opts *o, prof_profile *p, bool labelled)
{
    prof_error err;
    const char **labels = calloc(o->ninputs, sizeof *labels);
    prof_input_id *ids = calloc(o->ninputs, sizeof *ids);
    if (!labels || !ids) {
        free(labels);
        free(ids);
        cli_oom();
        return EXIT_IO;
    }
    for (size_t i = 0; labelled && i < o->ninputs; i++)
        labels[i] = label_for(o, o->inputs[i]);
    prof_profile_set_input_ids(p, ids);
    int rc = prof_read_files(p, (const char *const *)o->inputs, labels,
                             o->ninputs, o->from, o->jobs, on_read, o, &err);
    prof_profile_set_input_ids(p, NULL);
    free(labels);
    int code = rc < 0 ? cli_report(&err) : EXIT_OK;
    if (code == EXIT_OK)
        cli_keep_check(o->inputs, o->ninputs, on_warning, o);
    for (size_t i = 0; labelled && code == EXIT_OK && i < o->nlabels; i++)
        if (!o->labels[i].used)
            code = cli_usage_error("--label names '%s', which is not an "
                                   "input", o->labels[i].input);
    if (code == EXIT_OK)
        code = cli_same_inputs(o, ids);
    free(ids);
    return code;
}

/* --subtract / --intersect: each INPUT is read with the same options into
 * a profile of its own, then applied to P in command-line order. */
static int apply_against(cli_opts *o, prof_profile *p)
{
    for (size_t i = 0; i + 1 < o->nagainst; i += 2) {
        prof_profile *b = prof_profile_new();
        if (!b) {
            cli_oom();
            return EXIT_IO;
        }
        prof_profile_set_overlap_keep(b, o->overlap_keep);
        prof_profile_set_strict(b, o->strict);
        prof_profile_set_warn(b, on_warning, o);
        prof_profile_set_max_input(b, o->max_input);
        prof_error err;
        int code = cli_setup_paths(o, b);
        if (code == EXIT_OK &&
            prof_read_file(b, o->against[i + 1], NULL, o->from, &err) < 0)
            code = cli_report(&err);
        if (code == EXIT_OK && o->input_error)
            code = EXIT_DATA;
        if (code == EXIT_OK) {
            if (o->against[i][0] == '+')
                prof_profile_intersect(p, b);
            else
                prof_profile_subtract(p, b);
        }
        prof_profile_free(b);
        if (code != EXIT_OK)
            return code;
    }
    prof_error err;
    if (o->suite && prof_profile_keep_suite(p, o->suite, &err) < 0)
        return cli_report(&err);
    return EXIT_OK;
}

int cli_view(const cli_opts *o, prof_profile *p, unsigned view)
{
    prof_error err;
    view &= PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES;
    /* sources not found are not about the inputs: no error with --strict */
    prof_profile_set_warn(p, write_warning, (void *)o);
    int rc = view ? prof_profile_go_view(p, o->sources, view, &err) : 0;
    /* exclusions in sources, after the view gave Go files functions */
    prof_exclude_opts x = o->excl;
    if (!o->no_exclude_markers)
        x.flags |= PROF_EXCLUDE_MARKERS;
    if (rc == 0)
        rc = prof_profile_exclude(p, o->sources, &x, &err);
    prof_profile_set_warn(p, on_warning, (void *)o);
    return rc < 0 ? cli_report(&err) : EXIT_OK;
}

static int write_output(const cli_opts *o, prof_profile *p)
{
    const prof_format *to = o->to ? o->to : prof_profile_native_format(p);
    if (!to && prof_profile_ninputs(p) == 0)
        to = prof_format_default();
    if (!to)
        return cli_usage_error("%s", "the inputs mix Go and line-based "
                                     "formats; choose the output format "
                                     "with --to");
    int code = cli_view(o, p, prof_format_flags(to));
    if (code == EXIT_OK)
        code = cli_filter(p, o->filter, o->verbosity);
    if (code != EXIT_OK)
        return code;
    prof_error err;
    if (prof_write_file_opts(p, o->output, to, &o->wopts, &err) < 0)
        return cli_report(&err);
    return EXIT_OK;
}

int cli_load(cli_opts *o, prof_profile **out)
{
    int code = cli_load_paths(o, o->inputs, o->ninputs, out);
    return code == EXIT_OK ? apply_against(o, *out) : code;
}

int cli_load_paths(cli_opts *o, char **paths, size_t n, prof_profile **out)
{
    prof_profile *p = *out = prof_profile_new();
    if (!p) {
        cli_oom();
        return EXIT_IO;
    }
    prof_profile_set_mode(p, o->mode);
    prof_profile_set_overlap_keep(p, o->overlap_keep);
    prof_profile_set_strict(p, o->strict);
    prof_profile_set_warn(p, on_warning, o);
    prof_profile_set_max_input(p, o->max_input);
    int code = cli_setup_paths(o, p);
    /* the reading and its messages name PATHS as O's inputs */
    char **inputs = o->inputs;
    size_t ninputs = o->ninputs;
    bool labelled = paths == inputs;
    o->inputs = paths;
    o->ninputs = n;
    if (code == EXIT_OK)
        code = read_inputs(o, p, labelled);
    o->inputs = inputs;
    o->ninputs = ninputs;
    if (code == EXIT_OK && o->input_error)
        code = EXIT_DATA;
    return code;
}

static int run(cli_opts *o)
{
    prof_profile *p;
    int code = cli_load(o, &p);
    if (code == EXIT_OK)
        code = write_output(o, p);
    prof_profile_free(p);
    return code;
}

int cli_setup_paths(cli_opts *o, prof_profile *p)
{
    prof_error err;
    for (size_t i = 0; i < o->npath_maps; i++)
        if (prof_profile_add_path_map(p, o->path_maps[i], &err) < 0)
            return cli_report(&err);
    if (o->sources) /* built already */
        return EXIT_OK;
    if (!(o->sources = prof_sources_new())) {
        cli_oom();
        return EXIT_IO;
    }
    prof_sources_set_warn(o->sources, write_warning, o);
    for (size_t i = 0; i < o->nsource_roots; i++)
        if (prof_sources_add_root(o->sources, o->source_roots[i], &err) < 0)
            return cli_report(&err);
    o->wopts.sources = o->sources;
    /* Cobertura's <source>: the repository root the paths are relative to */
    if (!o->wopts.source_root && o->nsource_roots)
        o->wopts.source_root = o->source_roots[0];
    return EXIT_OK;
}

int cli_check_patterns(const prof_exclude_opts *x)
{
    if (!x->lines_pattern && !x->branches_pattern)
        return EXIT_OK;
    prof_profile *empty = prof_profile_new();
    if (!empty) {
        cli_oom();
        return EXIT_IO;
    }
    prof_error err;
    int rc = prof_profile_exclude(empty, NULL, x, &err);
    prof_profile_free(empty);
    return rc < 0 ? cli_report(&err) : EXIT_OK;
}

void cli_opts_free(cli_opts *o)
{
    free(o->labels);
    free(o->source_roots);
    free(o->path_maps);
    free(o->against);
    prof_sources_free(o->sources);
    free(o->include);
    free(o->exclude);
    prof_filter_free(o->filter);
    free(o->config_text);
}

int cli_merge_main(int argc, char **argv, const cli_tool *tool)
{
    cli_progname = tool->name;
    cli_opts o = {.output = "-", .verbosity = 1,
                  .wopts = {.lcov_version = 1}};
    int code = cli_parse(argc, argv, tool, &o);
    o.wopts.warn = write_warning;
    o.wopts.warn_ctx = &o;
    if (code == EXIT_OK)
        code = run(&o);
    else if (code < 0)
        code = EXIT_OK;
    cli_opts_free(&o);
    return cli_finish_stdout(code);
}
