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

/* Receives warnings and notices; the record is valid during the call only.
 * Its code is PROF_OK, or PROF_EFORMAT for a warning of the reading
 * policy (damaged records skipped or normalised, covkit-formats(5)),
 * which prof_profile_set_strict makes an error. */
typedef void (*prof_warn_fn)(void *ctx, const prof_error *w);

/* ---- Model ----------------------------------------------------------- */

typedef enum {
    PROF_MODE_NONE = 0, /* no data read yet (merges with anything) */
    PROF_MODE_SET,
    PROF_MODE_COUNT,
    PROF_MODE_ATOMIC
} prof_mode;

/* A counted source range. Line formats give start_line == end_line and
 * columns 0 (the whole line). Columns are 1-based bytes; end is exclusive.
 * Go writes ranges as //line directives map them: columns 0 and an end
 * before the start (in another file) are kept as written. */
typedef struct prof_block {
    uint32_t start_line, start_col, end_line, end_col;
    uint32_t stmts;
    uint32_t input; /* index of the first input that had it */
    uint32_t line;  /* line of that input where it was read, 0 if none */
    uint32_t suites; /* id of its suite set: see prof_suites_has() */
    uint64_t hits;   /* saturating */
    /* The Go function it is a unit of, from GOCOVERDIR meta data
     * ("func.L<line>.C<col>" for a package-level function literal);
     * interned in the profile; NULL when the input does not say. */
    const char *func;
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

/* Write LEN bytes of DATA to PATH as prof_write_file does ("-" stdout,
 * a file through a temporary renamed into place) - for reports. */
int prof_write_buffer(const char *path, const void *data, size_t len,
                      prof_error *err);

/* Finding source files (--source-root), for writers that show source or
 * need Go function extents. */
typedef struct prof_sources prof_sources;

/* The metric a badge shows (covconv --badge-metric). */
typedef enum prof_badge_metric {
    PROF_BADGE_AUTO = 0, /* statements when every input was Go, else lines */
    PROF_BADGE_LINES,
    PROF_BADGE_STATEMENTS,
    PROF_BADGE_BRANCHES,
    PROF_BADGE_FUNCTIONS
} prof_badge_metric;

/* Options of writers; zero-initialise, then set what you need. */
typedef struct prof_write_opts {
    int lcov_version;    /* lcov: 1 (default: FN/FNDA) or 2 (FNL/FNA) */
    uint64_t split_size; /* cobertura: largest file in bytes, 0 = one file */
    const char *source_root; /* absolute <source> for cobertura; NULL = cwd */
    const prof_sources *sources; /* NULL: look under "." only */
    prof_warn_fn warn;           /* warnings of writers (missing sources) */
    void *warn_ctx;
    int markdown; /* summary: a GitHub-flavoured markdown table, not text */
    /* coveralls: the job's fields come from these when set, then from the
     * CI's environment variables (covkit-formats(5)), read through ENV
     * (NULL: getenv) */
    char *(*env)(const char *name);
    const char *coveralls_service; /* service_name */
    const char *coveralls_flag;    /* flag_name */
    int coveralls_parallel;        /* "parallel": true */
    /* badge: the left text (NULL: "coverage") and the metric shown */
    const char *badge_label;
    prof_badge_metric badge_metric;
    /* html: a coverage history file (covcheck --history) whose entries
     * the index draws as a trend chart; NULL: none */
    const char *history;
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
/* Strict reading: a damaged record (one a real generator writes but out
 * of range: line 0, a negative count, an empty function name, ...; see
 * READING POLICY in covkit-formats(5)) is an error, PROF_EFORMAT with
 * its input and line, instead of being skipped or normalised with one
 * warning per kind and input. Default off. */
void prof_profile_set_strict(prof_profile *p, int strict);
/* Largest decompressed input accepted, in bytes (0: the default, 4 GiB). */
void prof_profile_set_max_input(prof_profile *p, uint64_t bytes);

/* Rewrite every input path read from now on: SPEC is 'REGEX=REPLACEMENT'
 * (split at the last '='), a PCRE2 pattern and a pcre2_substitute
 * replacement ($1, ${name}); the first match in the path is replaced.
 * Rules apply in the order added, each to the result of the one before.
 * PROF_EINVAL for a bad SPEC. */
int prof_profile_add_path_map(prof_profile *p, const char *spec,
                              prof_error *err);

/* ---- Selecting ------------------------------------------------------ */

/* Keep what suite NAME hit: every record NAME did not hit gets 0 hits.
 * Counts of records several suites hit stay the merged counts (the model
 * keeps which suites hit a record, not each suite's count). PROF_EINVAL if
 * there is no such suite. */
int prof_profile_keep_suite(prof_profile *p, const char *name,
                            prof_error *err);
/* What A covers that B does not: A's records whose match in B (same file
 * and range; functions by name and line; branches by id) was hit get 0
 * hits. Intersect: A's records without a hit match in B get 0 hits. The
 * rules of `go tool covdata subtract / intersect`. */
int prof_profile_subtract(prof_profile *a, const prof_profile *b);
int prof_profile_intersect(prof_profile *a, const prof_profile *b);

/* ---- Source lookup --------------------------------------------------- */

prof_sources *prof_sources_new(void); /* NULL when out of memory */
void prof_sources_free(prof_sources *s); /* accepts NULL */
/* Add a directory to search (a new object without roots searches ".");
 * go.mod files found under it, nested modules included, map Go module
 * import paths to directories. PROF_EINVAL if DIR is not a directory. */
int prof_sources_add_root(prof_sources *s, const char *dir, prof_error *err);
/* The file on disk holding profile path PATH, malloc'd (caller frees), or
 * NULL when none is found. Absolute paths are used as they are. Others are
 * tried as MODDIR/REST for every go.mod under the roots whose module path
 * MOD gives PATH = MOD/REST (longest MOD first), then as ROOT/PATH under
 * each root in order, then as MODDIR/vendor/PATH. The roots are scanned
 * for go.mod files once, on the first call (skipping testdata, vendor and
 * dot directories); calls may come from several threads. S NULL tries
 * ./PATH only. */
char *prof_sources_find(const prof_sources *s, const char *path);

/* Warnings of the lookup (a module path declared by two go.mod files)
 * go to FN; set it before the first prof_sources_find. */
void prof_sources_set_warn(prof_sources *s, prof_warn_fn fn, void *ctx);

/* ---- Go data for line outputs ----------------------------------------- */

/* Prepare P's Go data for a writer whose prof_format_flags hold VIEW
 * (S: the source lookup; NULL looks under "."):
 *
 * PROF_FORMAT_GO_FUNCS: every Go file (a .go path from Go data) gets the
 * functions go tool cover -func lists, from its source: each top-level
 * function with a body, named as `go build -cover` names it (F, T.F or
 * *T.F), spanning its declaration; hit when its -func row is above 0.0%,
 * then with its entry block's count. A Go file whose source is not found
 * keeps the functions a GOCOVERDIR gave it, their hits derived the same
 * way from the merged blocks; one warning says how many are partial.
 *
 * PROF_FORMAT_REPO_PATHS: Go import paths become paths relative to the
 * source root under which the go.mod of their module lies (./go.mod
 * saying `module example.com/m`: example.com/m/pkg/a.go is pkg/a.go).
 * A path whose module has no go.mod is kept (one warning names the
 * modules) unless ROOT/PATH exists (already relative to a root, as the
 * Go tree's); a path in a known module that is no file and no .go file
 * (a //line directive's name for generated code, such as goyacc's
 * yaccpar) is left out with PROF_FORMAT_FILES, with one warning, and
 * otherwise named as a file of its module's directory. Other paths are
 * kept. */
int prof_profile_go_view(prof_profile *p, const prof_sources *s,
                         unsigned view, prof_error *err);

/* ---- Formats --------------------------------------------------------- */

#define PROF_FORMAT_READ 1u
#define PROF_FORMAT_WRITE 2u
#define PROF_FORMAT_DIR 4u /* writes a directory (html): needs a path */
/* The writer shows functions: give the data prof_profile_go_view first
 * (lcov, cobertura, json, summary, html). */
#define PROF_FORMAT_GO_FUNCS 8u
/* The writer is read from a repository's root (genhtml, Codecov, GitLab,
 * Jenkins, SonarQube): give the data prof_profile_go_view first (lcov,
 * cobertura, sonarqube, summary, html). */
#define PROF_FORMAT_REPO_PATHS 16u
/* The writer names files a reader opens (lcov, cobertura, html): with
 * PROF_FORMAT_REPO_PATHS, the names //line directives give generated code
 * that is no file are left out (totals keep them: summary, covcheck). */
#define PROF_FORMAT_FILES 32u

/* Look a format up by name ("go", "lcov", ...); NULL if unknown. */
const prof_format *prof_format_find(const char *name);
/* The I-th registered format, NULL past the end. */
const prof_format *prof_format_at(size_t i);
const char *prof_format_name(const prof_format *f);
const char *prof_format_description(const prof_format *f);
unsigned prof_format_flags(const prof_format *f); /* PROF_FORMAT_* */
/* The format a buffer looks like, NULL if none. */
const prof_format *prof_format_detect(const void *buf, size_t len);
/* The format written when nothing else decides (no input read, or inputs
 * of mixed families where one output must be chosen): "go". */
const prof_format *prof_format_default(void);

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
    int partial; /* 0, or the parts of the two-way branch it is exported
                  * as: PROF_LINE_RAN | PROF_LINE_MISSED */
} prof_line;

#define PROF_LINE_RAN 1    /* the branch (line, 0, 0): the part that ran */
#define PROF_LINE_MISSED 2 /* the branch (line, 0, 1): the part that did not */

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


/* ---- Totals ---------------------------------------------------------- */

typedef struct prof_count {
    uint64_t found, hit;
} prof_count;

/* What a coverage summary counts (as lcov --summary and gcovr do). */
typedef struct prof_totals {
    prof_count lines;     /* prof_file_lines; hit: hits > 0 */
    prof_count branches;  /* hit: taken > 0; never evaluated is found, not
                           * hit; a partial line with no branch of its own
                           * is a two-way branch, one way hit (as the lcov
                           * writer exports it) */
    prof_count functions; /* hit: entered at least once */
    prof_count stmts;     /* from blocks: a line record is one statement */
} prof_totals;

/* Add F's counts to *T (zero it first). PROF_ENOMEM on failure. */
int prof_file_totals(const prof_file *f, prof_totals *t);

/* Add the counts of every file of P to *T (zero it first). */
int prof_profile_totals(const prof_profile *p, prof_totals *t);
/* Add the counts of F to *T. */
void prof_totals_add(prof_totals *t, const prof_totals *f);
/* Add F's counts to *T counting as hit only what suite SUITE (an index,
 * prof_profile_suite) hit, which is what prof_file_totals gives after
 * prof_profile_keep_suite of that suite. PROF_ENOMEM on failure. */
int prof_file_suite_totals(const prof_file *f, size_t suite, prof_totals *t);
/* The same over every file of P (zero *T first); PROF_EINVAL when there
 * is no suite SUITE. */
int prof_profile_suite_totals(const prof_profile *p, size_t suite,
                              prof_totals *t);

/* ---- Inputs given twice ---------------------------------------------- */

/* What tells the inputs of prof_read_files apart, to find one given twice
 * (merging it twice doubles every count). */
typedef struct prof_input_id {
    int known;         /* the input was found: DEV and INO are its own */
    uint64_t dev, ino; /* its file or directory (standard input: what it
                        * reads, a file or a pipe) */
    int bytes;         /* its bytes came from a regular file, which can be
                        * read again (not a directory, not a pipe) */
    uint64_t size;     /* its bytes, after decompression */
    uint64_t sample;   /* a hash of bytes sampled across them */
} prof_input_id;

/* Have prof_read_files fill IDS[i] for its input i, at no cost beyond a
 * hash of a few KiB per input (NULL: stop). IDS must hold one per input
 * and stay valid during the calls. */
void prof_profile_set_input_ids(prof_profile *p, prof_input_id *ids);

/* Whether inputs A and B (paths as read, IA and IB as prof_read_files
 * filled them) repeat each other: 1 one file or directory (a path spelt
 * twice, a link), 2 two files with the same bytes after decompression
 * (read again and compared in full, only when size and sample agree),
 * 0 neither (or one can no longer be read). */
int prof_inputs_same(const char *a, const prof_input_id *ia, const char *b,
                     const prof_input_id *ib);

/* ---- Percentages ----------------------------------------------------- */

/* Room for any percentage prof_percent() writes, with its NUL. */
#define PROF_PERCENT_SIZE 32

/* COVERED of TOTAL as every covkit output prints a percentage, which is
 * how `go tool cover -func` prints it: 100.0 * COVERED / TOTAL in double
 * precision (TOTAL 0 counts as 1), one decimal, rounded as printf's "%.1f"
 * rounds that double (to nearest, an exact tie to even: Go's fmt prints
 * the same digits), '.' whatever the locale, no '%': "86.1". Returns BUF. */
char *prof_percent(char buf[PROF_PERCENT_SIZE], uint64_t covered,
                   uint64_t total);
/* The same number in tenths (861 for "86.1"), for sorting and colours. */
uint64_t prof_percent_tenths(uint64_t covered, uint64_t total);

/* ---- Digests --------------------------------------------------------- */

/* The MD5 digest (RFC 1321) of DATA[0..LEN) into OUT, for identifiers
 * (Coveralls' source_digest, GitLab fingerprints), not for security. */
void prof_md5(const void *data, size_t len, unsigned char out[16]);
/* ---- Coverage history (covcheck --history) --------------------------- */

/* One line of a history file (covkit-formats(5) "HISTORY FILE"). Strings
 * are owned by the history; COMMIT and BRANCH may be NULL (null). */
typedef struct prof_history_entry {
    const char *commit;
    const char *branch;
    const char *time; /* UTC ISO-8601: "2024-05-01T12:00:00Z" */
    prof_totals totals;
    size_t nsuites; /* entries of its "suites" object */
} prof_history_entry;

typedef struct prof_history prof_history;

/* Read the history file PATH (or DATA[0..LEN), NAME in messages) into a
 * new *OUT (free with prof_history_free); an entry that is not one
 * covkit writes is PROF_EFORMAT naming the line and what was expected,
 * and *OUT is NULL. An empty file is a history without entries. */
int prof_history_read(const char *path, prof_history **out, prof_error *err);
int prof_history_parse(const void *data, size_t len, const char *name,
                       prof_history **out, prof_error *err);
size_t prof_history_count(const prof_history *h);
/* Entry I, in file order (oldest first); NULL past the end. */
const prof_history_entry *prof_history_entry_at(const prof_history *h,
                                                size_t i);
void prof_history_free(prof_history *h); /* accepts NULL */
/* The history line (with its newline) of entry E and of the NSUITES
 * suites NAMES[i] with totals SUITES[i] (0: no "suites" key), malloc'd
 * into *LINE (*LEN bytes; the caller frees it). 0 or PROF_ENOMEM. */
int prof_history_line(const prof_history_entry *e, const char *const *names,
                      const prof_totals *suites, size_t nsuites, char **line,
                      size_t *len);
/* The time of a new entry: SOURCE_DATE_EPOCH when set (reproducible
 * runs), else now; "2024-05-01T12:00:00Z" into BUF. */
#define PROF_HISTORY_TIME_SIZE 32
void prof_history_time(char buf[PROF_HISTORY_TIME_SIZE]);

/* ---- Path filters ---------------------------------------------------- */

/* --include / --exclude: PCRE2 patterns searched anywhere in a path
 * (anchor them with ^ and $). A path passes when it matches some include
 * (or there is none) and no exclude. */
typedef struct prof_filter prof_filter;

/* Compile the patterns into *OUT (free with prof_filter_free); PROF_EINVAL
 * names a bad pattern and the offset of the error. */
int prof_filter_new(const char *const *include, size_t ninclude,
                    const char *const *exclude, size_t nexclude,
                    prof_filter **out, prof_error *err);
void prof_filter_free(prof_filter *f); /* accepts NULL */
/* 1 when PATH passes F (F NULL passes everything), else 0. */
int prof_filter_match(const prof_filter *f, const char *path);
/* Drop every file of P whose path (after --path-map) does not pass F. */
int prof_profile_filter(prof_profile *p, const prof_filter *f,
                        prof_error *err);

/* ---- Exclusions in sources ------------------------------------------ */

#define PROF_EXCLUDE_MARKERS 1u   /* LCOV_EXCL_*, GCOVR_EXCL_*, Go's
                                   * `// coverage-ignore` */
#define PROF_EXCLUDE_GENERATED 2u /* drop Go files go/ast.IsGenerated calls
                                   * generated */
#define PROF_EXCLUDE_WARN_HITS 4u /* warn about excluded code that was hit */

typedef struct prof_exclude_opts {
    unsigned flags;               /* PROF_EXCLUDE_* */
    const char *lines_pattern;    /* PCRE2, matched at a source line's start:
                                   * the line is excluded; NULL none */
    const char *branches_pattern; /* the same for the line's branches */
} prof_exclude_opts;

/* Leave out of P what the sources of its files (found through S, as
 * prof_sources_find finds them) exclude, by the rules of EXCLUSIONS in
 * covkit-formats(5): lcov's LCOV_EXCL_* (and lcov 2's
 * LCOV_UNREACHABLE_*, whose code that ran stays) as geninfo applies
 * them, gcovr's GCOVR_EXCL_* as gcovr does, Go blocks whose `{` carries
 * `// coverage-ignore`, lines and branches matching the patterns, and
 * with PROF_EXCLUDE_GENERATED whole generated Go files. A file whose source is not found is kept as it is.
 * Marker problems (a START without STOP, a STOP alone) and, on request,
 * excluded code that was hit are warnings to P's callback. PROF_EINVAL for
 * a bad pattern. */
int prof_profile_exclude(prof_profile *p, const prof_sources *s,
                         const prof_exclude_opts *o, prof_error *err);
/* What prof_profile_exclude left out so far (counted as prof_file_totals
 * counts), and in *FILES (may be NULL) the generated files dropped. */
const prof_totals *prof_profile_excluded(const prof_profile *p,
                                         size_t *files);

/* ---- Unified diffs --------------------------------------------------- */

#define PROF_DIFF_NEW 1u     /* created (old side /dev/null) */
#define PROF_DIFF_DELETED 2u /* deleted (new side /dev/null) */
#define PROF_DIFF_RENAMED 4u /* rename from/to */
#define PROF_DIFF_COPIED 8u  /* copy from/to */
#define PROF_DIFF_BINARY 16u /* "Binary files ... differ" or a binary patch */

/* One file of a diff. Paths have quotes and escapes decoded, a leading
 * "a/" (old side) or "b/" (new side) and any tab-separated timestamp
 * removed. */
typedef struct prof_diff_file {
    const char *old_path; /* NULL when the file is new */
    const char *new_path; /* NULL when the file was deleted */
    unsigned flags;       /* PROF_DIFF_* */
    const uint32_t *added; /* added or changed lines of the new file, */
    size_t nadded;         /* ascending, without duplicates */
    const uint32_t *deleted; /* deleted or changed ('-') lines of the old */
    size_t ndeleted;         /* file, ascending (moved ones included) */
} prof_diff_file;

typedef struct prof_diff prof_diff;

/* Parse a unified diff (git diff, diff -u) into *OUT (free with
 * prof_diff_free). NAME is used in messages. Malformed input gives
 * PROF_EFORMAT with the line and what was expected. */
int prof_diff_parse(const void *buf, size_t len, const char *name,
                    prof_diff **out, prof_error *err);
/* The same for PATH ("-" is stdin; gzip is detected from the bytes). */
int prof_diff_read(const char *path, prof_diff **out, prof_error *err);
void prof_diff_free(prof_diff *d); /* accepts NULL */
size_t prof_diff_nfiles(const prof_diff *d);
const prof_diff_file *prof_diff_file_at(const prof_diff *d, size_t i);

/* Line mapping through D (covcheck(1), COMPARING WITH A BASE). Moved code:
 * a run of consecutive '+' lines equal, after trimming leading and
 * trailing white space, to a run of consecutive '-' lines anywhere in the
 * diff (any file) is moved, not new, when the run has 3 lines or more and
 * 20 alphanumeric characters or more in total; the longest such run is
 * taken first (the first in diff order on a tie), and a '-' run moved to
 * two places maps to the first. */

/* Where line OLD of the old side of diff file I is on the new side: its
 * line there, the diff file of that line in *TO (I, or another for code
 * moved to another file). 0 when the diff deletes it (a '-' line that did
 * not move; any line of a deleted file that did not move). Context lines
 * map to their new line, lines outside the hunks shift by the hunks
 * before them. I must be below prof_diff_nfiles(D). */
uint32_t prof_diff_map_old(const prof_diff *d, size_t i, uint32_t old,
                           size_t *to);

typedef enum {
    PROF_DIFF_LINE_KEPT = 0, /* a context line or outside the hunks */
    PROF_DIFF_LINE_NEW,      /* a '+' line that did not move; any line of a
                              * created file that did not move */
    PROF_DIFF_LINE_MOVED     /* a '+' line of moved code */
} prof_diff_line_kind;

/* Where line LINE of the new side of diff file I comes from: KEPT (*FROM
 * is I and *OLD its old line, 0 if none), MOVED (*FROM and *OLD: the diff
 * file and old line of the '-' line it moved from) or NEW (*OLD 0). */
prof_diff_line_kind prof_diff_origin(const prof_diff *d, size_t i,
                                     uint32_t line, size_t *from,
                                     uint32_t *old);

/* ---- Patch coverage -------------------------------------------------- */

/* How the added lines of one diff file fared in a profile. */
typedef enum {
    PROF_PATCH_MATCHED = 0, /* found in the profile */
    PROF_PATCH_MISSING,     /* not in the profile */
    PROF_PATCH_AMBIGUOUS    /* several profile files end with its path */
} prof_patch_status;

typedef struct prof_patch_file {
    const char *path;         /* the diff's new path */
    const char *profile_path; /* the matched profile file, or NULL */
    prof_patch_status status;
    size_t added;             /* added lines in the diff */
    size_t coverable, covered;
    const uint32_t *uncovered; /* coverable (or, missing as uncovered, */
    size_t nuncovered;         /* added) lines not hit, ascending */
} prof_patch_file;

typedef struct prof_patch prof_patch;

#define PROF_PATCH_MISSING_UNCOVERED 1u /* a missing file's added lines are
                                         * coverable and uncovered */

/* Patch coverage of D against P. A diff file (new side; deleted and
 * binary files and files without added lines are skipped) matches the
 * profile files whose source (prof_sources_find through S) is the same
 * file on disk as the diff path (taken relative to the current directory,
 * else found through S); failing that, the one
 * profile file whose path ends with the diff path, or whose path the
 * diff path ends with, at a '/' boundary (several: AMBIGUOUS). A file
 * passes FILTER (may be NULL) by its profile path when matched, else by
 * its diff path; files that do not pass are left out. An added line is
 * coverable when a profile line exists for it, covered when its hits > 0
 * in any matched profile file. The result borrows paths from P and D:
 * free it first. */
int prof_patch_compute(const prof_profile *p, const prof_diff *d,
                       const prof_sources *s, const prof_filter *filter,
                       unsigned flags, prof_patch **out, prof_error *err);
void prof_patch_free(prof_patch *pt); /* accepts NULL */
size_t prof_patch_nfiles(const prof_patch *pt);
/* Files in diff order. */
const prof_patch_file *prof_patch_file_at(const prof_patch *pt, size_t i);
/* Sums over the files: coverable (found) and covered (hit). */
prof_count prof_patch_total(const prof_patch *pt);

/* ---- Comparing with a base ----------------------------------------- */

/* What became of a coverable line between a base and a head profile
 * (covcheck(1), COMPARING WITH A BASE; modelled on lcov 2.x's
 * differential categories). Head lines: */
typedef enum {
    PROF_CAT_GNC, /* new (a '+' line that did not move), covered */
    PROF_CAT_UNC, /* new, not covered */
    PROF_CAT_GBC, /* from a base line not covered, now covered */
    PROF_CAT_LBC, /* from a base line covered, now not covered */
    PROF_CAT_CBC, /* covered before and now */
    PROF_CAT_UBC, /* not covered before or now */
    PROF_CAT_GIC, /* from a base line that was not coverable, covered */
    PROF_CAT_UIC, /* the same, not covered */
    /* base lines with no coverable head line: */
    PROF_CAT_DCB, /* deleted by the diff, was covered */
    PROF_CAT_DUB, /* deleted, was not covered */
    PROF_CAT_ECB, /* still there but not coverable, was covered */
    PROF_CAT_EUB, /* the same, was not covered */
    PROF_CAT_COUNT
} prof_category;

/* "GNC", ... and "new, covered", ... */
const char *prof_category_name(prof_category c);
const char *prof_category_title(prof_category c);

typedef enum {
    PROF_COMPARE_KEPT = 0, /* the path is in both profiles */
    PROF_COMPARE_ADDED,    /* in the head only */
    PROF_COMPARE_REMOVED   /* in the base only */
} prof_compare_status;

/* A file whose coverage changed: its line counts differ, or it has a
 * line of a category other than CBC and UBC. */
typedef struct prof_compare_file {
    const char *path; /* the profile path (borrowed from a profile) */
    prof_compare_status status;
    int direct;       /* 1: the diff touches it (an added or deleted line;
                       * created, deleted, renamed or copied); 0: an
                       * indirect change; -1: no diff */
    prof_count base, head; /* lines; 0 of 0 on a side without the file */
    uint64_t count[PROF_CAT_COUNT];
    /* the lines of each category, ascending: head lines for GNC to UIC,
     * base lines for DCB to EUB; none for CBC and UBC */
    const uint32_t *lines[PROF_CAT_COUNT];
    size_t nlines[PROF_CAT_COUNT];
} prof_compare_file;

typedef struct prof_compare prof_compare;

/* Compare HEAD with BASE. Files match by profile path. With D (may be
 * NULL), base lines map to head lines through the diff (prof_diff_map_old,
 * prof_diff_origin; diff paths name profile files as prof_patch_compute
 * matches them, the old path in BASE and the new one in HEAD); files
 * the diff does not name map line for line. Files that do not pass
 * FILTER (may be NULL) are left out on both sides. The result borrows
 * paths from BASE and HEAD: free it first. */
int prof_compare_compute(const prof_profile *base, const prof_profile *head,
                         const prof_diff *d, const prof_sources *s,
                         const prof_filter *filter, prof_compare **out,
                         prof_error *err);
void prof_compare_free(prof_compare *c); /* accepts NULL */
/* The changed files, by path. */
size_t prof_compare_nfiles(const prof_compare *c);
const prof_compare_file *prof_compare_file_at(const prof_compare *c,
                                              size_t i);
/* The lines of every file in each category (PROF_CAT_COUNT of them). */
const uint64_t *prof_compare_counts(const prof_compare *c);
/* The totals of each side (as prof_file_totals counts them). */
const prof_totals *prof_compare_base_totals(const prof_compare *c);
const prof_totals *prof_compare_head_totals(const prof_compare *c);
/* How many paths have lines in both profiles (changed or not). */
size_t prof_compare_nboth(const prof_compare *c);

#ifdef __cplusplus
}
#endif
#endif
