/* check.h - covcheck's results, shared by its gates and its reports. */
#ifndef COVKIT_CHECK_H
#define COVKIT_CHECK_H

#include "../libprof/prof.h"

#include <stdbool.h>
#include <stdio.h>

/* Percentages are fixed point: 1 = 0.0001 %, 1000000 = 100 %. */
#define CHECK_PCT_ONE 1000000u

typedef enum {
    GATE_LINE,
    GATE_BRANCH,
    GATE_FUNC,
    GATE_STMT,
    GATE_PATCH,
    GATE_FILE,    /* every file's line coverage */
    GATE_PACKAGE, /* every directory's line coverage */
    GATE_DROP,      /* total line coverage fell from the base's */
    GATE_DROP_FILE, /* a file's line coverage fell from the base's */
    GATE_COUNT
} check_gate_id;

/* A file or package (directory) and its line counts. */
typedef struct check_unit {
    const char *name; /* borrowed from the profile, or malloc'd (package) */
    prof_count c;
} check_unit;

/* A file whose line coverage fell from the base's (--max-drop-file). */
typedef struct check_drop {
    const char *name;
    prof_count base, head;
    int64_t drop; /* points, fixed point (CHECK_PCT_ONE / 100 = 1 point) */
} check_drop;

typedef struct check_gate {
    bool set;          /* asked for on the command line */
    bool failed;
    uint32_t required; /* fixed point */
    prof_count c;      /* what the gate measured (totals gates) */
    check_unit *below; /* file/package gates: the units below, worst first */
    size_t nbelow, nchecked;
    /* drop gates: the fall from the base (negative: a rise), fixed point;
     * the drop-file gate's files above the requirement, worst first */
    int64_t drop;
    check_drop *above;
    size_t nabove;
} check_gate;

typedef struct check_result {
    size_t ninputs, nfiles;
    prof_totals totals;
    const prof_patch *patch; /* NULL without --diff */
    check_gate gates[GATE_COUNT];
    size_t max_files; /* rows per list in text and markdown; 0: all */
    /* left out by exclusions in sources (prof_profile_excluded) */
    prof_totals excluded;
    size_t excluded_files;
    /* --base: the comparison (NULL without) and the base's inputs; the
     * diff was given (direct and indirect changes) */
    const prof_compare *base;
    size_t base_inputs;
    bool base_diff;
    /* each suite's totals when there are several (else nsuites 0) */
    const char **suite_names;
    prof_totals *suite_totals;
    size_t nsuites;
} check_result;

/* The kinds of totals, GATE_LINE .. GATE_STMT: "lines", "branches",
 * "functions", "statements" (report rows, JSON keys), and kind KIND of T. */
#define CHECK_KINDS 4
const char *check_kind_name(int kind);
prof_count check_kind(const prof_totals *t, int kind);

/* Names: "line", "branch", ... (JSON keys), "line coverage" (messages),
 * "lines", "branches", ... (what is counted). */
const char *check_gate_key(check_gate_id g);
const char *check_gate_title(check_gate_id g);
const char *check_gate_unit(check_gate_id g);

/* C's coverage in fixed point, rounded down (0 when nothing is found), to
 * order units; reports print check_pct_str. */
uint32_t check_pct(prof_count c);
/* Whether C meets REQUIRED exactly (no rounding). */
bool check_meets(prof_count c, uint32_t required);
/* How many more hits C needs to meet REQUIRED. */
uint64_t check_needed(prof_count c, uint32_t required);
/* C's percentage as every covkit output prints it (prof_percent: "82.3")
 * into BUF; returns BUF. */
const char *check_pct_str(char buf[PROF_PERCENT_SIZE], prof_count c);
/* The same on a gate's line, unless one decimal would show a value on the
 * wrong side of REQUIRED (79.96% as 80.0% failing 80): then rounded down
 * with the decimals that tell them apart ("79.96"). */
const char *check_gate_pct(char buf[PROF_PERCENT_SIZE], prof_count c,
                           uint32_t required);
/* A requirement as given: "80", "80.5". */
const char *check_req_str(char *buf, size_t n, uint32_t req);

/* HEAD's percentage minus BASE's in points times SCALE, the exact value
 * rounded to nearest (a tie away from zero); a side with no lines counts
 * as 0 %. */
int64_t check_delta(prof_count base, prof_count head, int64_t scale);
/* Whether BASE to HEAD fell by more than REQUIRED points (fixed point),
 * exactly; a side with no lines counts as 0 %. */
bool check_dropped(prof_count base, prof_count head, uint32_t required);
/* The drop from BASE to HEAD in points into BUF (N bytes): failing
 * REQUIRED, rounded down with the fewest decimals (MIND or more) that show
 * it above REQUIRED ("0.42", "4.761904"); else rounded to 4 decimals,
 * trailing zeros dropped down to MIND. */
const char *check_drop_str(char *buf, size_t n, prof_count base,
                           prof_count head, uint32_t required, int mind);
/* C's percentage with 2 decimals ("81.20"), for messages. */
const char *check_pct2(char buf[PROF_PERCENT_SIZE], prof_count c);

/* The report in text, markdown or JSON on FP; 0 or -1 (out of memory). */
int check_report_text(FILE *fp, const check_result *r);
int check_report_markdown(FILE *fp, const check_result *r);
int check_report_json(FILE *fp, const check_result *r);
/* GitHub Actions workflow commands and a GitLab Code Quality report for
 * the uncovered lines the diff adds (check_annotate.c). */
int check_report_github(FILE *fp, const check_result *r);
int check_report_gitlab(FILE *fp, const check_result *r);
/* The message of failed gate ID, as on standard error (covcheck.c). */
void check_fail_text(FILE *fp, const check_result *r, check_gate_id id);
/* "12-15, 40" for the ascending LINES into FP. */
void check_ranges(FILE *fp, const uint32_t *lines, size_t n);

#endif
