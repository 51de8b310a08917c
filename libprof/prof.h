/* prof.h - libprof: read, merge and write code-coverage profiles. */
#ifndef PROF_H
#define PROF_H

/*
 * Ownership, once for the whole library:
 *  - a prof_profile owns everything reachable from it (files, blocks, names);
 *    prof_profile_free() releases all of it and accepts NULL;
 *  - every pointer a getter returns is borrowed: const, valid until the
 *    profile is freed or next modified (read or merged into);
 *  - the library never prints, exits or aborts: every fallible call returns
 *    0 or a negative PROF_E* code and fills an optional caller-owned
 *    prof_error; warnings go to a callback the caller installs.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROF_VERSION "0.1.0"

/* ---- Errors ---------------------------------------------------------- */

/* Values are stable once released. */
typedef enum {
    PROF_OK = 0,
    PROF_ENOMEM = -1,          /* out of memory */
    PROF_EIO = -2,             /* I/O or system error */
    PROF_EFORMAT = -3,         /* malformed input data */
    PROF_EUNKNOWN_FORMAT = -4, /* input format not recognised */
    PROF_EMERGE = -5,          /* inputs cannot be merged (conflict) */
    PROF_EINVAL = -6,          /* invalid argument (a usage error) */
    PROF_ELIMIT = -7           /* input exceeds a configured limit */
} prof_status;

typedef struct prof_error {
    int code;           /* a prof_status */
    char path[256];     /* input (or output) name, "" if none */
    unsigned long line; /* 1-based line, 0 if not applicable */
    char msg[512];      /* what went wrong, and what was expected */
} prof_error;

/* Short English name of a status code ("malformed input", ...). */
const char *prof_strerror(int code);

/* Receives warnings and notices; the record is valid during the call only. */
typedef void (*prof_warn_fn)(void *ctx, const prof_error *w);

/* ---- Model ----------------------------------------------------------- */

typedef enum {
    PROF_MODE_NONE = 0, /* no data read yet (merges with anything) */
    PROF_MODE_SET,
    PROF_MODE_COUNT,
    PROF_MODE_ATOMIC
} prof_mode;

/* A counted source range. Line formats give start_line == end_line and
 * columns 0 (the whole line). Columns are 1-based bytes; end is exclusive. */
typedef struct prof_block {
    uint32_t start_line, start_col, end_line, end_col;
    uint32_t stmts;
    uint32_t input; /* index of the first input that had it */
    uint32_t line;  /* line of that input where it was read, 0 if none */
    uint32_t suites; /* id of its suite set: see prof_suites_has() */
    uint64_t hits;   /* saturating */
} prof_block;

typedef struct prof_function {
    const char *name;
    uint32_t start_line, start_col, end_line, end_col;
    uint32_t input;
    uint32_t suites;
    uint64_t hits;
} prof_function;

#define PROF_NOT_EVALUATED UINT64_MAX /* branch never evaluated (lcov '-') */

typedef struct prof_branch {
    uint32_t line;
    uint32_t block;
    uint32_t branch;
    uint32_t suites;
    uint64_t taken; /* or PROF_NOT_EVALUATED */
} prof_branch;

typedef struct prof_profile prof_profile;
typedef struct prof_file prof_file;
typedef struct prof_format prof_format;

/* ---- Simple interface ------------------------------------------------ */

/* New empty profile; NULL when out of memory. Free with prof_profile_free. */
prof_profile *prof_profile_new(void);
void prof_profile_free(prof_profile *p);

/* Read PATH ("-" is stdin) and merge it into P under suite LABEL (NULL: the
 * file's stem). gzip is detected from the bytes. FMT NULL sniffs the
 * format. */
int prof_read_file(prof_profile *p, const char *path, const char *label,
                   const prof_format *fmt, prof_error *err);

/* Called by prof_read_files in the caller's thread after input I (in
 * input order) has been merged into P. */
typedef void (*prof_progress_fn)(void *ctx, size_t i, const prof_profile *p);

/* Read the N inputs PATHS (labels LABELS[i]; LABELS or an entry NULL: the
 * file's stem) and merge them into P in order, exactly as N calls of
 * prof_read_file would: the same result, warnings delivered in the same
 * order from the calling thread, and the error of the first input (in
 * input order) that fails. Up to JOBS inputs are parsed at the same time
 * on threads (0: one per online CPU; 1: one after another). PROGRESS may
 * be NULL. */
int prof_read_files(prof_profile *p, const char *const *paths,
                    const char *const *labels, size_t n,
                    const prof_format *fmt, unsigned jobs,
                    prof_progress_fn progress, void *ctx, prof_error *err);

/* The same for a buffer; NAME is used in messages. */
int prof_read_buffer(prof_profile *p, const void *buf, size_t len,
                     const char *name, const char *label,
                     const prof_format *fmt, prof_error *err);

/* Merge SRC into DST by the merge rules (sum or OR, mode policy, statement
 * and overlap checks). SRC is left unchanged. */
int prof_merge(prof_profile *dst, const prof_profile *src, prof_error *err);

/* Write P to PATH ("-" is stdout) in format FMT. A file is written to a
 * temporary beside it and renamed into place only on success. */
int prof_write_file(const prof_profile *p, const char *path,
                    const prof_format *fmt, prof_error *err);

/* Options of writers; zero-initialise, then set what you need. */
typedef struct prof_write_opts {
    int lcov_version;    /* lcov: 1 (default: FN/FNDA) or 2 (FNL/FNA) */
    uint64_t split_size; /* cobertura: largest file in bytes, 0 = one file */
    const char *source_root; /* absolute <source> for cobertura; NULL = cwd */
} prof_write_opts;

/* prof_write_file with options (O may be NULL). */
int prof_write_file_opts(const prof_profile *p, const char *path,
                         const prof_format *fmt, const prof_write_opts *o,
                         prof_error *err);

/* ---- Options (set before reading) ------------------------------------ */

/* Mode of the result; PROF_MODE_NONE (default) applies the policy: all
 * equal keeps it, count+atomic gives atomic, set with counting gives set. */
void prof_profile_set_mode(prof_profile *p, prof_mode mode);
/* Keep overlapping, non-identical blocks instead of failing. */
void prof_profile_set_overlap_keep(prof_profile *p, int keep);
void prof_profile_set_warn(prof_profile *p, prof_warn_fn fn, void *ctx);
/* Largest decompressed input accepted, in bytes (0: the default, 4 GiB). */
void prof_profile_set_max_input(prof_profile *p, uint64_t bytes);

/* ---- Formats --------------------------------------------------------- */

#define PROF_FORMAT_READ 1u
#define PROF_FORMAT_WRITE 2u

/* Look a format up by name ("go", "lcov", ...); NULL if unknown. */
const prof_format *prof_format_find(const char *name);
/* The I-th registered format, NULL past the end. */
const prof_format *prof_format_at(size_t i);
const char *prof_format_name(const prof_format *f);
const char *prof_format_description(const prof_format *f);
unsigned prof_format_flags(const prof_format *f); /* PROF_FORMAT_* */
/* The format a buffer looks like, NULL if none. */
const prof_format *prof_format_detect(const void *buf, size_t len);

/* ---- Inspecting a profile -------------------------------------------- */

prof_mode prof_profile_mode(const prof_profile *p);
const char *prof_mode_name(prof_mode m); /* "set", "count", "atomic" */
/* Parse a mode name; returns PROF_MODE_NONE if unknown. */
prof_mode prof_mode_parse(const char *name);

size_t prof_profile_nfiles(const prof_profile *p);
/* Files in bytewise path order. */
const prof_file *prof_profile_file(const prof_profile *p, size_t i);
const char *prof_file_path(const prof_file *f);
/* Blocks sorted by (start, end); functions by start; branches by
 * (line, block, branch). *N receives the count. */
const prof_block *prof_file_blocks(const prof_file *f, size_t *n);
const prof_function *prof_file_functions(const prof_file *f, size_t *n);
const prof_branch *prof_file_branches(const prof_file *f, size_t *n);

/* One source line as line formats see it (DESIGN.md "Blocks to lines"):
 * HITS is the largest contribution; PARTIAL when some contributing block
 * ran and another did not (exported as a two-way branch). */
typedef struct prof_line {
    uint32_t line;
    uint64_t hits;
    int partial;
} prof_line;

/* The lines of F, sorted. *LINES is malloc'd: the caller frees it. */
int prof_file_lines(const prof_file *f, prof_line **lines, size_t *n);

/* Inputs merged so far, in order, and the suite labels. */
size_t prof_profile_ninputs(const prof_profile *p);
const char *prof_profile_input(const prof_profile *p, size_t i);
size_t prof_profile_nsuites(const prof_profile *p);
const char *prof_profile_suite(const prof_profile *p, size_t i);
/* The format family the inputs share: "go" when every input was Go (text
 * or covdata), "lcov" when every input was line-granular; NULL when mixed
 * or nothing was read. */
const prof_format *prof_profile_native_format(const prof_profile *p);
/* Whether suite set SET (a block's `suites`) contains suite SUITE. */
int prof_suites_has(const prof_profile *p, uint32_t set, size_t suite);

#ifdef __cplusplus
}
#endif
#endif
