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
    GATE_COUNT
} check_gate_id;

/* A file or package (directory) and its line counts. */
typedef struct check_unit {
    const char *name; /* borrowed from the profile, or malloc'd (package) */
    prof_count c;
} check_unit;

typedef struct check_gate {
    bool set;          /* asked for on the command line */
    bool failed;
    uint32_t required; /* fixed point */
    prof_count c;      /* what the gate measured (totals gates) */
    check_unit *below; /* file/package gates: the units below, worst first */
    size_t nbelow, nchecked;
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
} check_result;

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
