/* common.h - shared command-line plumbing for the covkit tools. */
#ifndef COVKIT_COMMON_H
#define COVKIT_COMMON_H

#include "../libprof/prof.h"

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
} cli_opts;

/* What differs between the merge-and-write tools. */
typedef struct cli_tool {
    const char *name;
    const char *synopsis;
    const char *purpose;
    bool needs_to; /* --to is required */
} cli_tool;

extern const char *cli_progname;

/* Parse, read and merge every input, write the result; returns the exit
 * code. covmerge and covconv are this with a different cli_tool. */
int cli_merge_main(int argc, char **argv, const cli_tool *tool);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a library error as "tool: path:line: message"; returns the exit
 * code for its status. */
int cli_report(const prof_error *err);
int cli_exit_code(int status);
/* Print "tool: MESSAGE" and the "Try --help" line; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a library warning as "tool: warning: path[:line]: message". */
void cli_warning(const prof_error *w);
/* Flush stdout; a failure to write it is an I/O error. */
int cli_finish_stdout(int code);

#endif
