/* format.h - the plugin interface of formats/ (private). */
/* Readers, writers, the output sink, the reading policy and the calls a
 * reader fills the model with. Included by formats/ (which include no
 * other private header of libprof: they reach the model through these
 * calls, never its layout) and by libprof/ through internal.h. */
#ifndef PROF_FORMAT_H
#define PROF_FORMAT_H

#include "arena.h"
#include "gosrc.h"
#include "prof.h"
#include "util.h"

#include <stdbool.h>
#include <string.h>

/* ---- output sink (sink.c) --------------------------------------------- */

typedef struct prof_sink {
    int fd;
    unsigned char *buf;
    size_t len, cap;
    int err; /* errno of the first failed write, 0 if none */
    const char *path; /* the output file, NULL for stdout */
    uint64_t out;     /* bytes that left BUF; fd -1: only counted */
} prof_sink;

/* Out of line: drain the buffer, then copy or write N bytes. */
void prof_sink_write_slow(prof_sink *s, const void *data, size_t n);
/* Inline: writers call these per field, most with string literals. */
static inline void prof_sink_write(prof_sink *s, const void *data, size_t n)
{
    if (s->len + n > s->cap) {
        prof_sink_write_slow(s, data, n);
        return;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
}
static inline void prof_sink_puts(prof_sink *s, const char *str)
{
    prof_sink_write(s, str, strlen(str));
}
static inline void prof_sink_putc(prof_sink *s, char c)
{
    prof_sink_write(s, &c, 1);
}
/* V in decimal at P (at most 20 bytes, no NUL); returns the end. Two
 * digits a step: writers print a number or more per record. */
char *prof_u64_dec(char *p, uint64_t v);
static inline void prof_sink_u64(prof_sink *s, uint64_t v)
{
    char tmp[20];
    if (s->cap - s->len >= sizeof tmp) {
        char *at = (char *)s->buf + s->len;
        s->len += (size_t)(prof_u64_dec(at, v) - at);
        return;
    }
    prof_sink_write(s, tmp, (size_t)(prof_u64_dec(tmp, v) - tmp));
}
void prof_sink_printf(prof_sink *s, const char *fmt, ...) PROF_PRINTF(2, 3);
int prof_sink_flush(prof_sink *s);
/* Where N (at most CAP) more bytes go, the buffer drained first if need
 * be: a writer puts an element there at once, then marks its END. */
void prof_sink_drain(prof_sink *s);
static inline char *prof_sink_room(prof_sink *s, size_t n)
{
    if (s->cap - s->len < n)
        prof_sink_drain(s);
    return (char *)s->buf + s->len;
}
static inline void prof_sink_wrote(prof_sink *s, const char *end)
{
    s->len = (size_t)((const unsigned char *)end - s->buf);
}
/* Bytes written so far. */
static inline uint64_t prof_sink_tell(const prof_sink *s)
{
    return s->out + s->len;
}
/* S only counting what is written (prof_sink_tell), BUF[0..CAP) its
 * buffer: nothing goes out. */
void prof_sink_count(prof_sink *s, void *buf, size_t cap);
/* Write PATH atomically (a temporary beside it, renamed on success) with
 * FILL writing into the sink; for writers that make several files. */
typedef int (*prof_fill_fn)(prof_sink *s, void *ctx, prof_error *err);
int prof_write_atomic(const char *path, prof_fill_fn fill, void *ctx,
                      prof_error *err);
/* Create PATH, which must not exist (O_EXCL, no symlink followed), with
 * FILL writing into the sink; for files inside a write_dir directory. */
int prof_write_new(const char *path, prof_fill_fn fill, void *ctx,
                   prof_error *err);
/* The file naming a directory as a covkit report: only a directory holding
 * it (or an empty one) is replaced by a directory writer. */
#define PROF_DIR_MARKER ".covkit-report"

/* ---- inputs (input.c) ------------------------------------------------- */

/* The whole content of PATH ("-" stdin), gunzipped if it is gzip.
 * *FREE_FN tells how to release it (call prof_input_release). */
typedef struct prof_input {
    const unsigned char *data;
    size_t len;
    void *map;  /* mmap base, or NULL */
    size_t maplen;
    unsigned char *owned; /* malloc'd, or NULL */
} prof_input;

/* MAX is the largest (decompressed) size accepted; 0 means the default:
 * PROF_MAX_INPUT, and gzip data may not inflate more than PROF_GZ_RATIO
 * times once past PROF_GZ_RATIO_FROM bytes (a decompression bomb). */
#define PROF_MAX_INPUT (4ull << 30)
#define PROF_GZ_RATIO 100u
#define PROF_GZ_RATIO_FROM (16u << 20)
int prof_input_load(prof_input *in, const char *path, uint64_t max,
                    prof_error *err);
/* The bytes of PATH as they are (no gunzip), as prof_input_load reads
 * them: for sources, whose exact bytes count (Coveralls' digest). */
int prof_input_load_raw(prof_input *in, const char *path, uint64_t max,
                        prof_error *err);
void prof_input_release(prof_input *in);

/* ---- the reading policy (policy.c) ---------------------------------- */

/* Kinds of damaged records: written by real generators, out of range.
 * What the reader does with each is in covkit-formats(5), READING
 * POLICY; the comment says it too. */
typedef enum prof_damage {
    PROF_DMG_LINE0,      /* a line number 0: the record skipped */
    PROF_DMG_LINE_TEXT,  /* a line number that is a word: skipped */
    PROF_DMG_NEGATIVE,   /* a negative count: read as 0 */
    PROF_DMG_DECIMAL,    /* a whole count written 12.0 or 1.37297e+06:
                          * read as the integer */
    PROF_DMG_FRACTION,   /* a count that is not whole (1.5): skipped */
    PROF_DMG_NAN,        /* a count NaN: read as 0 */
    PROF_DMG_NO_COUNT,   /* a line without a count: read as 0 */
    PROF_DMG_NO_NAME,    /* a function with an empty name: skipped */
    PROF_DMG_NO_PATH,    /* a file's section without a path: skipped with
                          * its records */
    PROF_DMG_ORPHAN,     /* a function's count without the function (lcov
                          * FNDA without FN): skipped */
    PROF_DMG_REDEFINED,  /* a function defined again at another line: the
                          * first line kept */
    PROF_DMG_END_BEFORE, /* a function's end before its start: unknown */
    PROF_DMG_UNENDED,    /* the input ends inside a section: read */
    PROF_DMG_NOT_RECORD, /* a line inside a section that is no record (a
                          * path over several lines): skipped */
    PROF_DMG_KINDS
} prof_damage;

/* The damaged records of one kind in one input. */
typedef struct prof_damage_tally {
    uint64_t n;
    unsigned long line; /* of the first */
    unsigned order;     /* when the first came: 1, 2, ... by kind */
    char tags[48];      /* the records' names: "DA, FN" */
    char where[128];    /* more about the first, or "" */
} prof_damage_tally;

typedef struct prof_damages {
    prof_damage_tally kinds[PROF_DMG_KINDS];
    unsigned nkinds; /* kinds seen */
} prof_damages;

/* What a count's text is (prof_count_parse). */
typedef enum prof_num {
    PROF_NUM_BAD = 0,  /* not a number */
    PROF_NUM_INT,      /* an integer */
    PROF_NUM_DECIMAL,  /* a whole number with a point or an exponent */
    PROF_NUM_FRACTION, /* not a whole number */
    PROF_NUM_NAN       /* NaN */
} prof_num;

/* A count S[0..N): [+-]digits[.digits][(e|E)[+-]digits], or NaN. *OUT
 * gets its value, saturated at UINT64_MAX, exact to 19 significant
 * digits (decimal arithmetic, no double); *NEG whether it is below 0
 * (*OUT is then its magnitude). */
prof_num prof_count_parse(const char *s, size_t n, uint64_t *out, bool *neg);

/* What a reader gets: the profile to fill (fresh, one input) and context. */
typedef struct prof_reader {
    prof_profile *p;
    const char *name; /* input name for messages */
    uint32_t input;   /* input index in P */
    uint32_t suites;  /* suite-set id to give hit records */
    prof_error *err;
    prof_damages *damages; /* this input's tally; NULL: not kept */
} prof_reader;

/* A damaged record of KIND at input line LINE: TAG names the record
 * ("DA", "<line>", "count"), WHERE (NULL or text) says more about the
 * first of its kind. Returns 0: the reader skips or normalises the
 * record as prof_damage says; or, reading strictly, PROF_EFORMAT with
 * the reader's error set: the reader returns it. */
int prof_reader_damage(prof_reader *r, prof_damage kind, unsigned long line,
                       const char *tag, const char *where);
/* The reading policy for a count *V of kind KIND (prof_count_parse, not
 * PROF_NUM_BAD), NEG when it was below 0, of record TAG at LINE: an
 * integer is kept (0); anything else is a damaged record, reported, *V
 * normalised (0 for a negative or NaN count), and 1 returned when the
 * record is to be skipped (a count that is not whole); or the strict
 * reading's error. */
int prof_reader_count(prof_reader *r, prof_num kind, bool neg, uint64_t *v,
                      unsigned long line, const char *tag, const char *where);
/* Is this the first record of KIND (worth a WHERE)? */
bool prof_reader_damage_first(const prof_reader *r, prof_damage kind);
/* One warning per kind in D, in the order their first records came, to
 * P's warn callback, with code PROF_EFORMAT (strict reading makes it an
 * error): "skipped 3 records at line 0 (DA, FN; the first here)". */
void prof_damages_report(prof_profile *p, const prof_damages *d,
                         const char *name);

/* The reader is done with the input bytes before AT (less the lag set by
 * prof_reader_set_lag, when it looks back): when the input is mapped,
 * their pages may leave memory (a reader calls it now and then, so peak
 * memory is not the whole input). */
void prof_reader_consumed(prof_reader *r, const void *at);
/* Keep LAG bytes of input in memory behind the reader (it looks back). */
void prof_reader_set_lag(prof_reader *r, size_t lag);
/* The first input byte still in memory: those before it were released
 * (by prof_reader_consumed, the only call that releases); NULL when
 * none were. */
const void *prof_reader_live_from(const prof_reader *r);
/* PATH ("-" stdin) loaded (gunzipped if gzip) within the size limit of
 * the profile R fills: for readers of directory inputs. */
int prof_reader_load(prof_reader *r, prof_input *in, const char *path);

/* The largest input the profile R fills accepts (prof_input_load). */
uint64_t prof_reader_max_input(const prof_reader *r);
/* Run FN(CTX, I) for every I in [0, N) on all cores (pool.c); FN must
 * not touch a profile: readers make records on threads and add them in
 * order afterwards. */
void prof_parallel(size_t n, void (*fn)(void *ctx, size_t i), void *ctx);

int prof_reader_fail(prof_reader *r, int code, unsigned long line,
                     const char *fmt, ...) PROF_PRINTF(4, 5);
/* prof_reader_fail with "out of memory" at LINE (0 for none). */
int prof_reader_oom(prof_reader *r, unsigned long line);

/* ---- the profile a reader fills --------------------------------------- */

/* Families of formats (prof_format.family, and what a profile's inputs
 * were). */
#define PROF_FAMILY_GO 1u
#define PROF_FAMILY_LINE 2u

/* The mode of the data R fills: a reader sets it from its input (Go's
 * mode line, count for line formats); prof_profile_mode reads it. */
void prof_reader_set_mode(prof_reader *r, prof_mode m);
/* The data R fills made to follow mode M (clamping counts for set). */
void prof_reader_apply_mode(prof_reader *r, prof_mode m);
/* The families of the inputs P's data came from (PROF_FAMILY_*). */
unsigned prof_profile_families(const prof_profile *p);
/* What covkit JSON says its data came from (PROF_FAMILY_*). */
void prof_reader_set_families(prof_reader *r, unsigned families);
/* The families of the inputs F's data came from (PROF_FAMILY_*). */
unsigned prof_file_families(const prof_file *f);
/* Was a Go text profile read into P (go tool cover -func scans sources)? */
bool prof_profile_go_text(const prof_profile *p);
/* Forget the inputs and suites of the profile R fills (covkit JSON
 * names its own). */
void prof_reader_clear_names(prof_reader *r);

/* Intern PATH after normalising it (\ to /, ./ removed) and applying the
 * path maps; returns the file, created empty if new, or NULL on OOM (or a
 * path-map failure, reported as a warning). Readers use this. */
prof_file *prof_profile_file_get(prof_profile *p, const char *path,
                                 size_t len);
const char *prof_profile_intern(prof_profile *p, const char *s, size_t len);
/* A reader is probably done adding to F: give back the unused room of
 * its block array (only once, while its blocks are still in order). */
void prof_file_trim(prof_file *f);

/* Add a block to F; the same unit as one already there (same range,
 * statements and function) is combined into it at once by the merge
 * rules; any other block is kept for prof_profile_normalize (one range
 * with several statement counts or functions). */
int prof_file_add_block(prof_file *f, const prof_block *b);
/* Add records that made apart from the model (waiting for their file,
 * or on a thread) to F: blocks combined as prof_file_add_block does. */
int prof_file_append(prof_file *f, const prof_block *b, size_t nb,
                     const prof_function *fn, size_t nf,
                     const prof_branch *br, size_t nr);
/* Append records to F (no merging until prof_profile_normalize). */
int prof_file_add_function(prof_file *f, const prof_function *fn);
int prof_file_add_branch(prof_file *f, const prof_branch *br);
/* Inputs repeat a file's blocks in the same order: the block the next
 * one added is guessed to be (its index in *K), or NULL when none. */
const prof_block *prof_file_hinted(const prof_file *f, size_t *k);
/* Fold the counts HITS[0..N) into the hinted block and the N - 1 after
 * it, known to have the same ranges (an input repeating a file's blocks
 * in order), each with suite set SUITES when its count is not 0, up to
 * the first that needs a new suite set: returns how many were folded
 * (the hint moves past them). */
size_t prof_file_fold_run(prof_file *f, const uint64_t *hits, size_t n,
                          uint32_t suites);
/* prof_file_add_block, saying where B went: the index of the block it
 * became or was folded into in *AT, and the hinted block's in *HINT. */
int prof_file_add_block_at(prof_file *f, const prof_block *b, size_t *at,
                           size_t *hint);

/* File I of the profile R fills (prof_profile_file), to amend. */
prof_file *prof_reader_file_at(prof_reader *r, size_t i);
/* The bytes of F's path (prof_file_path). */
size_t prof_file_path_len(const prof_file *f);
/* The functions a reader has added to F, to amend in place (*N of them),
 * and the first N of them kept (the rest dropped). */
prof_function *prof_file_functions_mut(prof_file *f, size_t *n);
void prof_file_functions_keep(prof_file *f, size_t n);
/* A file of OWNER outside its table, with PATH (borrowed; may be NULL):
 * records added to it wait there, combined by OWNER's mode (covkit JSON
 * reads a file's records before its path; the lcov writer's view of a
 * suite section). NULL when out of memory. */
prof_file *prof_file_detached(const prof_profile *owner, const char *path);
void prof_file_detached_free(prof_file *f); /* accepts NULL */

/* Index of suite LABEL, added if new; negative on OOM. */
int prof_profile_suite_index(prof_profile *p, const char *label);
/* Mark suite I as named by the user (--label) or by the data (lcov TN):
 * writers keep named suites (lcov TN sections); file-stem defaults are not
 * worth a section of their own. */
void prof_profile_suite_name(prof_profile *p, size_t i);
bool prof_profile_suite_named(const prof_profile *p, size_t i);
int prof_profile_add_input(prof_profile *p, const char *name);
/* The id of the set holding just SUITE (or no suite when SUITE < 0). */
int prof_suiteset_single(prof_profile *p, long suite, uint32_t *id);
/* The set of A's suites and B's. */
int prof_suiteset_add(prof_profile *p, uint32_t a, uint32_t b, uint32_t *id);
void prof_profile_warnf(prof_profile *p, const char *path, unsigned long line,
                        const char *fmt, ...) PROF_PRINTF(4, 5);
/* Sort and combine every dirty file by the merge rules (merge.c). */
int prof_profile_normalize(prof_profile *p, prof_error *err);

/* ---- what writers share ----------------------------------------------- */

/* Is S[0..N) absolute: "/x", "\\x", "C:/x", or a pseudo file "<x>"? */
bool prof_path_is_abs(const char *s, size_t n);
/* Resolve "." and ".." segments of P[0..N) in place, as Python's
 * normpath does; returns the new length (nothing is written past N). A
 * leading ".." of a relative path stays. */
size_t prof_path_lexical(char *p, size_t n);
/* Bytes of PATH before its last '/' (0 if none): its directory. */
size_t prof_path_dirlen(const char *path);
/* The files of P by directory (bytewise), then path: what Go calls
 * packages. A malloc'd array the caller frees; NULL when out of memory. */
const prof_file **prof_files_by_dir(const prof_profile *p, size_t *n);
/* The branches line outputs write for F (lcov BRDA, Coveralls): F's
 * branch records, and for each partial line of LINES (prof_file_lines)
 * without a branch record of its own the parts of the two-way branch its
 * `partial` holds (an lcov suite section may hold one): (line, 0, 0) with
 * the line's hits, (line, 0, 1) with 0; in line order. *OUT is malloc'd
 * (the caller frees it, also on PROF_ENOMEM). */
int prof_file_line_branches(const prof_file *f, const prof_line *lines,
                            size_t nl, prof_branch **out, size_t *n);

/* Which of N functions (sorted as the model keeps them) a writer without
 * columns writes, and with which summed counts: one per name in the file,
 * or with BY_LINE one per (start line, name). Functions without a line
 * are not kept. */
typedef struct prof_fnout {
    bool keep;
    uint64_t hits;
} prof_fnout;
int prof_function_plan(const prof_function *fn, size_t n, bool by_line,
                       prof_fnout *out);

/* SOURCE_DATE_EPOCH (reproducible builds: up to 18 digits) into *SECS;
 * false when unset or not such a number (sink.c). */
bool prof_source_date_epoch(int64_t *secs);

struct prof_format {
    const char *name;
    const char *description;
    unsigned family; /* PROF_FAMILY_* */
    unsigned traits; /* PROF_TRAIT_*: what the table decides by it */
    /* Confidence 0 (no) .. 100 (certain) that BUF is this format. */
    int (*detect)(const unsigned char *buf, size_t len);
    int (*read)(prof_reader *r, const unsigned char *buf, size_t len);
    /* Read a directory input (GOCOVERDIR, build tree); NULL if
     * unsupported. */
    int (*read_dir)(prof_reader *r, const char *dir);
    /* Is DIR this format's directory (what it holds)? NULL: the first
     * format with read_dir reads any directory no other claims. */
    bool (*detect_dir)(const char *dir);
    int (*write)(const prof_profile *p, prof_sink *out,
                 const prof_write_opts *o, prof_error *err);
    /* Write a directory (html) into DIR, a fresh empty directory that
     * prof_write_file_opts swaps into place on success; NULL if none. */
    int (*write_dir)(const prof_profile *p, const char *dir,
                     const prof_write_opts *o, prof_error *err);
    /* PROF_FORMAT_GO_FUNCS and PROF_FORMAT_REPO_PATHS: what the data
     * should be given before this writer shows it (prof.h) */
    unsigned view;
};

/* The format of its family written when the inputs all are of that
 * family and no --to names one (prof_profile_native_format). */
#define PROF_TRAIT_NATIVE 1u
/* The format written when neither --to nor the inputs decide. */
#define PROF_TRAIT_DEFAULT 2u
/* Its data names no functions: the func writer finds them in the sources
 * (the profile's go_text). */
#define PROF_TRAIT_FUNCS_IN_SOURCES 4u

/* registry.c: the table decides what an input is and what is written */
extern const prof_format *const prof_formats[];
/* The format that reads directory input DIR: the first whose detect_dir
 * claims it, else the first with read_dir (NULL if none). */
const prof_format *prof_format_dir_reader(const char *dir);
/* The PROF_TRAIT_NATIVE format of the family FAMILIES names (one
 * PROF_FAMILY_*); NULL when mixed or none. */
const prof_format *prof_format_native(unsigned families);
extern const prof_format prof_format_go;
extern const prof_format prof_format_cobertura;
extern const prof_format prof_format_sonarqube;
extern const prof_format prof_format_covdata;
extern const prof_format prof_format_gcov_json;
extern const prof_format prof_format_gcda;
extern const prof_format prof_format_llvm_json;
extern const prof_format prof_format_lcov;
extern const prof_format prof_format_func;
extern const prof_format prof_format_percent;
extern const prof_format prof_format_json;
extern const prof_format prof_format_summary;
extern const prof_format prof_format_html;
extern const prof_format prof_format_coveralls;
extern const prof_format prof_format_badge;

#endif
