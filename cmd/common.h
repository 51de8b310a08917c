/* common.h - shared command-line plumbing for the covkit tools. */
#ifndef COVKIT_COMMON_H
#define COVKIT_COMMON_H

#include "../libprof/prof.h"

#include <getopt.h>
#include <stdbool.h>

/* Exit codes, the same in every tool (see EXIT STATUS in the man pages). */
enum {
    EXIT_OK = 0,
    EXIT_DATA = 1,  /* bad input data: parse error, merge conflict */
    EXIT_USAGE = 2, /* bad command line */
    EXIT_IO = 3,    /* I/O or system error */
    EXIT_GATE = 4   /* a covcheck threshold was not met */
};

typedef struct cli_label {
    const char *name;
    const char *input;
    bool used;
} cli_label;

typedef struct cli_opts {
    const char *output; /* "-" for stdout */
    const prof_format *to, *from;
    prof_mode mode;
    bool overlap_keep;
    int verbosity; /* 0 quiet, 1 normal, 2 verbose */
    cli_label *labels;
    size_t nlabels;
    char **inputs;
    size_t ninputs;
    unsigned long long max_input;
    unsigned jobs; /* inputs read at once; 0: one per online CPU */
    prof_write_opts wopts;
    const char **source_roots; /* --source-root, in order */
    size_t nsource_roots;
    const char **path_maps; /* --path-map, in order */
    size_t npath_maps;
    prof_sources *sources; /* built from source_roots by cli_setup_paths */
    const char *suite;     /* --suite */
    /* --subtract / --intersect, in order: pairs of "-" (subtract) or "+"
     * (intersect) and the input */
    const char **against;
    size_t nagainst;
    bool format_given; /* --format, which needs --to summary */
    bool strict;       /* --strict: input problems are errors */
    bool input_error;  /* an input problem was reported under --strict */
    bool coveralls_given; /* --coveralls-*, which need --to coveralls */
    bool badge_given;     /* --badge-*, which need --to badge */
    void *tool_ctx;        /* the tool's own options (cli_tool.extra_opt) */
    /* --include / --exclude, compiled into FILTER by cli_parse; the
     * settings file's text, which options point into */
    const char **include, **exclude;
    size_t ninclude, nexclude;
    prof_filter *filter;
    char *config_text;
    /* exclusions in sources (cli_view applies them) */
    bool no_exclude_markers; /* --no-exclude-markers */
    prof_exclude_opts excl;  /* the rest of them */
} cli_opts;

/* Values of a tool's own long options start here. */
#define CLI_OPT_TOOL 512
/* Options every tool takes, covrun's own parser too: their values (past
 * the tools' own) and their long options. */
enum {
    CLI_OPT_INCLUDE = 1024,
    CLI_OPT_EXCLUDE,
    CLI_OPT_CONFIG,
    CLI_OPT_NO_CONFIG,
    CLI_OPT_NO_EXCL_MARKERS,
    CLI_OPT_EXCL_LINES,
    CLI_OPT_EXCL_BRANCHES,
    CLI_OPT_EXCL_GENERATED,
    CLI_OPT_WARN_EXCL_HITS
};
#define CLI_SHARED_LONG_OPTS                                                  \
    {"include", required_argument, NULL, CLI_OPT_INCLUDE},                    \
    {"exclude", required_argument, NULL, CLI_OPT_EXCLUDE},                    \
    {"config", required_argument, NULL, CLI_OPT_CONFIG},                      \
    {"no-config", no_argument, NULL, CLI_OPT_NO_CONFIG},                      \
    {"no-exclude-markers", no_argument, NULL, CLI_OPT_NO_EXCL_MARKERS},       \
    {"exclude-lines-by-pattern", required_argument, NULL,                     \
     CLI_OPT_EXCL_LINES},                                                     \
    {"exclude-branches-by-pattern", required_argument, NULL,                  \
     CLI_OPT_EXCL_BRANCHES},                                                  \
    {"exclude-generated", no_argument, NULL, CLI_OPT_EXCL_GENERATED},         \
    {"warn-excluded-hits", no_argument, NULL, CLI_OPT_WARN_EXCL_HITS}

/* What differs between the tools built on the shared options. */
typedef struct cli_tool {
    const char *name;
    const char *synopsis;
    const char *purpose;
    bool needs_to; /* --to is required */
    /* Reads and reports only (covcheck): no --to and writer options, and
     * exit status 4 in --help. */
    bool read_only;
    const struct option *extra_opts; /* own long options, NULL-terminated,
                                      * values from CLI_OPT_TOOL */
    const char *extra_help;          /* help of those, before "Options:" */
    int (*extra_opt)(cli_opts *o, int c, const char *arg); /* exit code */
} cli_tool;

extern const char *cli_progname;

/* Parse, read and merge every input, write the result; returns the exit
 * code. covmerge and covconv are this with a different cli_tool. */
int cli_merge_main(int argc, char **argv, const cli_tool *tool);

/* Parse the command line into O (inputs are the operands); returns
 * EXIT_OK, -1 when done (--help, --version), or an exit code. */
int cli_parse(int argc, char **argv, const cli_tool *t, cli_opts *o);
/* A new profile with O's settings holding every input merged, in *P
 * (free it even on failure); returns an exit code. */
int cli_load(cli_opts *o, prof_profile **p);
/* The same for the N files PATHS (covcheck --base): O's reading options
 * and path rules, no --label, --subtract, --intersect or --suite. */
int cli_load_paths(cli_opts *o, char **paths, size_t n, prof_profile **p);

/* Install O's --path-map rules in P and build O's source lookup (into
 * o->wopts.sources); returns an exit code. */
int cli_setup_paths(cli_opts *o, prof_profile *p);
/* Give P what a writer of flags VIEW shows (PROF_FORMAT_GO_FUNCS: Go
 * functions from the sources; PROF_FORMAT_REPO_PATHS: repository paths);
 * returns an exit code. */
int cli_view(const cli_opts *o, prof_profile *p, unsigned view);
void cli_opts_free(cli_opts *o);
/* The --exclude-*-by-pattern regexes of X compile; returns an exit code
 * (a usage error naming the bad one). */
int cli_check_patterns(const prof_exclude_opts *x);
/* One of the options of exclusions in sources (CLI_OPT_NO_EXCL_MARKERS
 * to CLI_OPT_WARN_EXCL_HITS) into X and *NO_MARKERS; an exit code. */
int cli_exclusion_opt(prof_exclude_opts *x, bool *no_markers, int c,
                      const char *arg);
/* Append ARG to a repeatable option's list; returns an exit code. */
int cli_add_arg(const char ***list, size_t *n, const char *arg);

/* --include / --exclude (OPT names which): a usage error naming ARG and
 * the offset unless it is a valid PCRE2 pattern, else appended to the
 * list; returns an exit code. */
int cli_add_pattern(const char ***list, size_t *n, const char *opt,
                    const char *arg);
/* Drop the files of P that F does not pass (F NULL: none); a warning
 * unless VERBOSITY is 0 when that leaves no file. Returns an exit code. */
int cli_filter(prof_profile *p, const prof_filter *f, int verbosity);

/* Messages (cli_error, cli_usage_error) name PATH:LINE after the tool's
 * name until cli_where(NULL, 0): a settings file's line. */
void cli_where(const char *path, unsigned long line);

/* config.c: one option as getopt_long gives it (VAL; ARG, NULL for a
 * flag); returns EXIT_OK or an exit code. */
typedef int (*cli_option_fn)(void *ctx, int val, char *arg);
/* Before the command line ARGV is parsed with SHORTS and OPTS: read the
 * settings file (--config FILE; else ./covkit.conf when it exists; none
 * with --no-config, --help or --version) and give APPLY each of TOOL's
 * options it sets, in order. *TEXT gets the file's text, which the
 * arguments point into (free it when done). Leaves optind for a fresh
 * getopt_long; returns an exit code. */
int cli_config_load(const char *tool, const struct option *opts,
                    const char *shorts, int argc, char **argv,
                    cli_option_fn apply, void *ctx, char **text);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* cli_error of prof_strerror(PROF_ENOMEM): "out of memory". */
void cli_oom(void);
/* Print a library error as "tool: path:line: message"; returns the exit
 * code for its status. */
int cli_report(const prof_error *err);
int cli_exit_code(int status);
/* Print "tool: MESSAGE" and the "Try --help" line; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a library warning as "tool: warning: path[:line]: message"; one
 * of the reading policy (code PROF_EFORMAT) adds that --strict makes it
 * an error. */
void cli_warning(const prof_error *w);
/* An input problem (a damaged record, the same input twice, ...): a
 * warning, or with --strict an error that sets o->input_error, after which
 * the tool writes nothing and exits 1. */
void cli_input_problem(cli_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Inputs given twice (one file, or equal bytes), from the IDS that
 * prof_read_files filled: an input problem each; returns an exit code
 * (dupes.c). */
int cli_same_inputs(cli_opts *o, const prof_input_id *ids);
/* Flush stdout; a failure to write it is an I/O error. */
int cli_finish_stdout(int code);

/* keepmark.c: covrun --keep notes in KEEP that its runs were folded into
 * OUTPUT (returns 0, or -1 with errno set); the tools warn through WARN
 * about each input directory whose note names another input, whose runs
 * would be counted twice. */
int cli_keep_mark(const char *keep, const char *output);
void cli_keep_check(char *const *inputs, size_t n, prof_warn_fn warn,
                    void *ctx);

#endif
