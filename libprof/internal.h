/* internal.h - private declarations shared by libprof and formats/ (not installed). */
#ifndef PROF_INTERNAL_H
#define PROF_INTERNAL_H

#include "prof.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#if defined(__GNUC__)
#define PROF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PROF_PRINTF(a, b)
#endif

/* ---- errors (error.c) ------------------------------------------------ */

/* Fill ERR (may be NULL) and return CODE. */
int prof_error_set(prof_error *err, int code, const char *path,
                   unsigned long line, const char *fmt, ...) PROF_PRINTF(5, 6);
int prof_error_vset(prof_error *err, int code, const char *path,
                    unsigned long line, const char *fmt, va_list ap)
    PROF_PRINTF(5, 0);
/* "out of memory" (prof_strerror(PROF_ENOMEM)) for PATH ("" for none)
 * into ERR (may be NULL); returns PROF_ENOMEM. */
int prof_error_oom(prof_error *err, const char *path);
/* A warning (PATH may be NULL; LINE 0 for none) to FN, if any. */
void prof_warnf(prof_warn_fn fn, void *ctx, const char *path,
                unsigned long line, const char *fmt, ...) PROF_PRINTF(5, 6);
void prof_vwarnf(prof_warn_fn fn, void *ctx, const char *path,
                 unsigned long line, const char *fmt, va_list ap)
    PROF_PRINTF(5, 0);
/* Quote at most 60 bytes of S (LEN bytes) into OUT as "...", escaping
 * control bytes and bytes that are not UTF-8, for messages. Returns OUT. */
char *prof_quote(char *out, size_t outsz, const char *s, size_t len);
/* Length of the valid UTF-8 sequence at S (N > 0 bytes available), 0 if
 * none (bad lead or continuation, overlong, surrogate, past U+10FFFF). */
size_t prof_utf8_len(const unsigned char *s, size_t n);
/* Code point CP (at most U+10FFFF) as UTF-8 into OUT (4 bytes of room);
 * returns the bytes written. */
size_t prof_utf8_put(unsigned long cp, char *out);
/* The value of hex digit C, or -1. */
static inline int prof_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* The MD5 digest (RFC 1321) of DATA[0..LEN) into OUT (md5.c). */
void prof_md5(const void *data, size_t len, unsigned char out[16]);

#define PROF_TRY(expr)                                                         \
    do {                                                                       \
        int prof_try_rc_ = (expr);                                             \
        if (prof_try_rc_ < 0)                                                  \
            return prof_try_rc_;                                               \
    } while (0)

/* ---- arena and string map (arena.c) --------------------------------- */

typedef struct prof_arena_chunk prof_arena_chunk;
typedef struct prof_arena {
    prof_arena_chunk *head;
    size_t used, size;
} prof_arena;

void prof_arena_init(prof_arena *a);
void prof_arena_free(prof_arena *a);
void *prof_arena_alloc(prof_arena *a, size_t n); /* NULL on OOM; 8-aligned */
/* NUL-terminated copy of S[0..LEN). */
char *prof_arena_strndup(prof_arena *a, const char *s, size_t len);

/* ---- hash index (arena.c): the one hash table ----
 *
 * Open addressing with linear probing over the caller's own array of
 * entries: CAP (a power of two, or 0) slots, each empty (IX1 0) or an
 * entry's index + 1 with 32 bits of its hash (TAG), which also place it,
 * at most half full. The string maps, a file's block index, the record
 * sizes of earlier inputs and the lcov reader's tables are all one. H is
 * a well-mixed 64-bit hash (prof_hash, prof_hash_u64). A lookup probes
 * inline, comparing only the entries whose tag matches:
 *     size_t i = prof_htab_first(t, h);
 *     for (uint32_t ix1; (ix1 = prof_htab_probe(t, h, &i)) != 0;)
 *         if (SAME(entries[ix1 - 1])) ...found
 * and prof_htab_add(t, h, ix) then adds entry IX (slots may move). */
typedef struct prof_htab_slot {
    uint32_t ix1; /* entry index + 1; 0: empty */
    uint32_t tag; /* the high 32 bits of its hash */
} prof_htab_slot;

typedef struct prof_htab {
    prof_htab_slot *slots;
    size_t cap, n;
} prof_htab;

/* K (an integer or a pointer) as a hash for the table. */
static inline uint64_t prof_hash_u64(uint64_t k)
{
    return k * 0x9e3779b97f4a7c15ull;
}
/* Where H's chain starts. */
static inline size_t prof_htab_first(const prof_htab *t, uint64_t h)
{
    return t->cap ? (size_t)(h >> 32) & (t->cap - 1) : 0;
}
/* The next entry (index + 1) of H's chain from slot *I whose tag is H's,
 * *I then past it; 0 at the end of the chain. */
static inline uint32_t prof_htab_probe(const prof_htab *t, uint64_t h,
                                       size_t *i)
{
    if (!t->cap)
        return 0;
    size_t mask = t->cap - 1, j = *i;
    for (; t->slots[j].ix1; j = (j + 1) & mask)
        if (t->slots[j].tag == (uint32_t)(h >> 32)) {
            *i = (j + 1) & mask;
            return t->slots[j].ix1;
        }
    *i = j;
    return 0;
}
/* Room for N entries in all without growing. 0, or PROF_ENOMEM. */
int prof_htab_reserve(prof_htab *t, size_t n);
/* Add entry IX with hash H (after a lookup found it absent); grows the
 * table when needed. 0, or PROF_ENOMEM. */
static inline int prof_htab_add(prof_htab *t, uint64_t h, size_t ix)
{
    if ((t->n + 1) * 2 > t->cap || ix >= UINT32_MAX)
        if (ix >= UINT32_MAX || prof_htab_reserve(t, t->n + 1) < 0)
            return PROF_ENOMEM;
    size_t mask = t->cap - 1, j = (size_t)(h >> 32) & mask;
    while (t->slots[j].ix1)
        j = (j + 1) & mask;
    t->slots[j] = (prof_htab_slot){(uint32_t)(ix + 1), (uint32_t)(h >> 32)};
    t->n++;
    return 0;
}
/* Forget every entry (keeping the slots unless they are many more than
 * the entries, so that clearing costs what the entries did). */
void prof_htab_clear(prof_htab *t);
void prof_htab_free(prof_htab *t);

typedef struct prof_strmap_slot {
    const char *key; /* arena copy, NUL-terminated */
    size_t len;
    uint64_t hash;
    void *value;
} prof_strmap_slot;

/* Map from byte strings to pointers (a prof_htab over its entries); keys
 * live in ARENA. */
typedef struct prof_strmap {
    prof_htab index;
    prof_strmap_slot *ents;
    size_t count, cap_ents;
    prof_arena *arena;
} prof_strmap;

void prof_strmap_init(prof_strmap *m, prof_arena *arena);
void prof_strmap_free(prof_strmap *m);
uint64_t prof_hash(const void *s, size_t len);
/* Find KEY; when absent and CREATE, insert it with value NULL. Returns the
 * slot (its key is the interned copy; valid until the next insertion), or
 * NULL (absent, or OOM if CREATE). */
prof_strmap_slot *prof_strmap_get(prof_strmap *m, const char *key, size_t len,
                                  bool create);

/* Growable array helper: make room for one more element of size ESZ. */
int prof_grow(void **arr, size_t *cap, size_t n, size_t esz);
/* The value of the N decimal digits at S if at most MAX, checked digit by
 * digit: for the numbers too long for prof_digits' unchecked loop. */
static inline bool prof_digits_fit(const char *s, size_t n, uint64_t max,
                                   uint64_t *out)
{
    uint64_t v = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t d = (uint64_t)(s[k] - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}
/* The decimal digits at the start of S[0..N) (S up to the first byte that
 * is not a digit when !BOUNDED: the text is known to go on to one, as a
 * line to its '\n'): returns how many there are, their value in *OUT and
 * whether it is at most MAX in *FITS (*OUT is then meaningless). The
 * readers' hot loop: a multiply-add per digit, the range checked after
 * (exactly past 19 digits, which may have wrapped). */
static inline size_t prof_digits_scan(const char *s, size_t n, bool bounded,
                                      uint64_t max, uint64_t *out, bool *fits)
{
    size_t j = 0;
    uint64_t v = 0;
    unsigned d;
    while ((!bounded || j < n) && (d = (unsigned char)s[j] - '0') < 10) {
        v = v * 10 + d;
        j++;
    }
    /* 9 digits fit any MAX of 10^9 - 1 or more (a constant MAX decides
     * this when inlined) */
    *fits = (j <= 9 && max >= 999999999u) ||
            (j <= 19 ? v <= max : prof_digits_fit(s, j, max, &v));
    *out = v;
    return j;
}
/* prof_digits_scan of S[0..N). */
static inline size_t prof_digits(const char *s, size_t n, uint64_t max,
                                 uint64_t *out, bool *fits)
{
    return prof_digits_scan(s, n, true, max, out, fits);
}

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

/* ---- model internals (profile.c, merge.c) --------------------------- */

/* Compiled --path-map rules, applied in order, each to the result of the
 * one before (paths.c). */
typedef struct prof_pathmaps {
    struct prof_pathmap *v;
    size_t n;
} prof_pathmaps;

void prof_pathmaps_free(prof_pathmaps *m);
/* PATH[0..LEN) through every rule into *OUT (malloc'd, NUL-terminated). */
int prof_pathmaps_apply(const prof_pathmaps *m, const char *path, size_t len,
                        char **out, size_t *outlen, prof_error *err);

/* ---- Go sources (gomod.c, gosrc.c) ----------------------------------- */

/* The module path of go.mod text BUF[0..LEN) into *OUT (malloc'd): 1 when
 * found, 0 when the file has no usable module directive (*OUT NULL), or
 * PROF_ENOMEM. */
int prof_gomod_module(const char *buf, size_t len, char **out);

/* A top-level function declaration with a body, positioned as go/token
 * gives go/ast's FuncDecl.Pos() and End() (//line directives applied; a
 * directive without a column gives column 0). */
typedef struct prof_gofunc {
    const char *name; /* bare name, in the source buffer (not terminated) */
    size_t name_len;
    /* the receiver's type name T when it is T or *T (RECV_STAR), as
     * cmd/cover names a method "T.M" or "*T.M"; NULL otherwise */
    const char *recv;
    size_t recv_len;
    bool recv_star;
    uint32_t line, col;         /* the `func` keyword; col in bytes */
    uint32_t end_line, end_col; /* just after the body's closing brace */
} prof_gofunc;

/* The declarations of Go source SRC[0..LEN) in source order, as go tool
 * cover -func lists them (no body: skipped). *OUT is malloc'd (caller
 * frees, NULL when none). Returns 0 or PROF_ENOMEM. */
int prof_go_funcs(const char *src, size_t len, prof_gofunc **out, size_t *n);
/* go tool cover -func's coverage of F (cmd/cover FuncExtent.coverage):
 * the statements of the blocks B[0..NB) (sorted by start) not wholly
 * before F's `func` keyword and not starting at or after its end, added
 * to *TOT, and those of them hit, to *COV. */
void prof_gofunc_cover(const prof_gofunc *f, const prof_block *b, size_t nb,
                       uint64_t *cov, uint64_t *tot);
/* Does go tool cover -func print more than 0.0% for COV of TOT
 * statements? (It prints 100*COV/TOT with %.1f, TOT 0 taken as 1.) */
bool prof_pct_above_zero(uint64_t cov, uint64_t tot);

/* The module holding import path PATH (longest module path first): the
 * directory of its go.mod, the root it was found under in *ROOT and the
 * module path's length in *MODLEN (PATH = MOD/REST); NULL when no
 * module's path is a prefix of PATH (paths.c). */
const char *prof_sources_module(const prof_sources *s, const char *path,
                                const char **root, size_t *modlen);
/* SRC (NULL: the current directory) made absolute against the current
 * directory, with '.', '..' and repeated slashes removed lexically (it
 * need not exist), in A; NULL with ERR set (PROF_EIO, PROF_ENOMEM) on
 * failure (paths.c). */
const char *prof_path_abs(prof_arena *a, const char *src, prof_error *err);
/* Absolute PATH relative to DIR (as prof_path_abs gives it) when it lies
 * under DIR; otherwise PATH itself. */
const char *prof_path_under(const char *dir, const char *path);
/* Is PATH a regular file (symbolic links followed)? */
bool prof_is_file(const char *path);
/* Is ROOT/PATH a regular file for one of S's roots? */
bool prof_sources_in_root(const prof_sources *s, const char *path);

struct prof_file {
    const char *path; /* interned in the owning profile */
    size_t path_len;
    prof_profile *owner;
    prof_block *blocks;
    size_t nblocks, cap_blocks;
    /* Duplicate units are combined when added (prof_file_add_block):
     * while the blocks increase no index is needed; after that INDEX
     * (built when its CAP is not 0) maps ranges to the first position
     * with the range and HINT guesses the position of the next one
     * (inputs repeat a file's blocks in the same order). */
    prof_htab index;
    size_t hint;
    bool increasing; /* blocks sorted, no unit twice (prof_block_same);
                      * a range repeats only with other statements or
                      * another function */
    bool trimmed;    /* prof_file_trim was done */
    prof_function *funcs;
    size_t nfuncs, cap_funcs;
    prof_branch *branches;
    size_t nbranches, cap_branches;
    bool dirty; /* appended to since last normalisation */
    unsigned families; /* PROF_FAMILY_* of the inputs that had it */
    /* Reader scratch, per block (the Go text reader: where the block's
     * line was last seen, so a repeat is matched by comparing text); the
     * reader frees it when done. */
    uint64_t *memo;
    size_t cap_memo;
    uint64_t extra_span; /* lines its blocks span beyond one each */
};

typedef struct prof_suiteset {
    size_t off;    /* into prof_profile.setwords */
    size_t nwords; /* trailing zero words trimmed */
} prof_suiteset;

#define PROF_UNION_CACHE 64

struct prof_profile {
    prof_arena arena;
    prof_strmap files_by_path; /* path -> prof_file* */
    prof_strmap names;         /* interned function names */
    prof_file **files;
    size_t nfiles, cap_files;
    bool files_sorted;
    prof_file *last_file; /* lookup cache for readers */
    const struct prof_sizes *sizes; /* while read: sizes of earlier inputs */

    prof_mode mode;   /* current mode of the data */
    prof_mode forced; /* requested result mode, NONE for the policy */
    bool overlap_keep;
    bool mode_warned; /* the set-mode notice was given */
    unsigned families; /* PROF_FAMILY_* of the inputs read */
    bool go_text;      /* a Go text profile was read (func scans sources) */
    prof_warn_fn warn;
    void *warn_ctx;
    uint64_t max_input;
    prof_input_id *input_ids; /* prof_profile_set_input_ids: borrowed */
    bool strict; /* a damaged record is an error (prof_profile_set_strict) */

    const char **inputs;
    size_t ninputs, cap_inputs;
    const char **suites;
    size_t nsuites, cap_suites;
    bool *suite_named; /* label given by the user or the data, not a stem */
    size_t cap_suite_named;

    /* suite sets: id 0 is the empty set */
    prof_suiteset *sets;
    size_t nsets, cap_sets;
    uint64_t *setwords;
    size_t nsetwords, cap_setwords;
    prof_strmap sets_by_bits; /* words as bytes -> (id + 1) */
    prof_arena set_arena;     /* its keys (dropped when sets are compacted) */
    size_t live_setwords;     /* nsetwords after the last compaction */
    /* recent unions by (a, b): a merge makes the same few again and again
     * (a record's set with the new input's); a=0 marks an empty entry */
    struct {
        uint32_t a, b, r;
    } unions[PROF_UNION_CACHE];

    /* --path-map rules (paths.c); input profiles borrow the result's */
    prof_pathmaps *maps;
    bool maps_borrowed;
    prof_strmap mapped; /* raw input path -> prof_file*, when maps */
    /* while a reader fills this profile: its input when memory-mapped */
    const unsigned char *map;
    size_t maplen, released;
    size_t release_lag; /* bytes kept behind the reader (it looks back) */
};

#define PROF_FAMILY_GO 1u
#define PROF_FAMILY_LINE 2u

/* Intern PATH after normalising it (\ to /, ./ removed) and applying the
 * path maps; returns the file, created empty if new, or NULL on OOM (or a
 * path-map failure, reported as a warning). Readers use this. */
prof_file *prof_profile_file_get(prof_profile *p, const char *path,
                                 size_t len);
/* The file for an already normalised and mapped PATH (merging). */
prof_file *prof_profile_file_exact(prof_profile *p, const char *path,
                                   size_t len);
const char *prof_profile_intern(prof_profile *p, const char *s, size_t len);
/* A reader is probably done adding to F: give back the unused room of
 * its block array (only once, while its blocks are still in order). */
void prof_file_trim(prof_file *f);
/* prof_file_add_block (below) when B is not the hinted block. */
int prof_file_put_block(prof_file *f, const prof_block *b);
/* Append records to F (no merging until prof_profile_normalize); the
 * _slow forms grow the array first. */
int prof_file_add_function_slow(prof_file *f, const prof_function *fn);
int prof_file_add_branch_slow(prof_file *f, const prof_branch *br);
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
/* The unions cache entry of (A, B). */
static inline size_t prof_union_slot(uint32_t a, uint32_t b)
{
    return (a * 0x9E3779B1u ^ b) % PROF_UNION_CACHE;
}
/* prof_suiteset_union (below) when neither set is empty or both the same
 * and the unions cache has no entry. */
int prof_suiteset_union_slow(prof_profile *p, uint32_t a, uint32_t b,
                             uint32_t *id);
/* Drop the suite sets no record uses and renumber the rest (in id order)
 * once they are mostly garbage: merging many inputs makes a new set for
 * every step of every growing set. 0 or PROF_ENOMEM (P unchanged). */
int prof_suitesets_compact(prof_profile *p);
/* The set of A's suites and B's: A when B adds none (the usual case). */
static inline int prof_suiteset_union(prof_profile *p, uint32_t a,
                                      uint32_t b, uint32_t *id)
{
    if (a == b || !b) {
        *id = a;
        return 0;
    }
    if (!a) {
        *id = b;
        return 0;
    }
    size_t slot = prof_union_slot(a, b);
    if (p->unions[slot].a == a && p->unions[slot].b == b) {
        *id = p->unions[slot].r;
        return 0;
    }
    return prof_suiteset_union_slow(p, a, b, id);
}
void prof_profile_warnf(prof_profile *p, const char *path, unsigned long line,
                        const char *fmt, ...) PROF_PRINTF(4, 5);

/* Combine B into A (same range, same statements): hits added or ORed by
 * P's mode, suite sets united. */
int prof_block_combine(prof_profile *p, prof_block *a, const prof_block *b);
/* Order of ranges: start, then end; 0 when equal. */
static inline int prof_block_cmp(const prof_block *a, const prof_block *b)
{
    if (a->start_line != b->start_line)
        return a->start_line < b->start_line ? -1 : 1;
    if (a->start_col != b->start_col)
        return a->start_col < b->start_col ? -1 : 1;
    if (a->end_line != b->end_line)
        return a->end_line < b->end_line ? -1 : 1;
    if (a->end_col != b->end_col)
        return a->end_col < b->end_col ? -1 : 1;
    return 0;
}

/* Order of branches: line, then block, then branch; 0 when equal. */
static inline int prof_branch_cmp(const prof_branch *a, const prof_branch *b)
{
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    return a->branch < b->branch ? -1 : a->branch > b->branch;
}

/* prof_merge, except that SRC may be emptied: when DST holds nothing yet,
 * SRC's data is moved into it instead of copied. */
int prof_merge_move(prof_profile *dst, prof_profile *src, prof_error *err);

/* Sort and combine every dirty file by the merge rules (merge.c): the
 * same unit combined, statement counts and overlaps that only differing
 * sources explain reported. Files sorted by path. */
int prof_profile_normalize(prof_profile *p, prof_error *err);
/* Make the profile's data follow mode M (clamping counts for set). */
void prof_profile_apply_mode(prof_profile *p, prof_mode m);
/* Bytes of PATH before its last '/' (0 if none): its directory. */
size_t prof_path_dirlen(const char *path);
/* The files of P by directory (bytewise), then path: what Go calls
 * packages. A malloc'd array the caller frees; NULL when out of memory. */
const prof_file **prof_files_by_dir(const prof_profile *p, size_t *n);
/* Sort files by path if needed (done by normalize). */
void prof_profile_sort_files(prof_profile *p);
/* Keep only the files for which KEEP returns true (filter.c). */
int prof_profile_retain(prof_profile *p,
                        bool (*keep)(const prof_file *f, void *ctx),
                        void *ctx);
/* Rebuild P's path index from its files (after paths changed). */
int prof_profile_reindex(prof_profile *p);
/* Append SRC's records to DST, for normalize to combine (a file whose
 * path became DST's). */
int prof_file_absorb(prof_file *dst, const prof_file *src);

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

/* saturating add */
static inline uint64_t prof_sat_add(uint64_t a, uint64_t b)
{
    uint64_t r = a + b;
    return r < a ? UINT64_MAX : r;
}

/* Hits A and B of one range combined in mode M: added (saturating), or
 * ORed in set mode. */
static inline uint64_t prof_hits_combine(prof_mode m, uint64_t a, uint64_t b)
{
    uint64_t r = prof_sat_add(a, b);
    return m == PROF_MODE_SET && r > 1 ? 1 : r;
}

/* Fold HITS (with suite set SUITES) into the hinted block, known to have
 * the same range, when that needs no new suite set; false if it does. */
static inline bool prof_file_fold_hinted(prof_file *f, uint64_t hits,
                                         uint32_t suites)
{
    prof_block *a = &f->blocks[f->hint];
    if (a->suites != suites && suites)
        return false;
    a->hits = prof_hits_combine(f->owner->mode, a->hits, hits);
    f->hint++;
    return true;
}

/* Are A and B, of one profile, the same unit: range, statements and
 * function (interned) equal? Then they combine when added. */
static inline bool prof_block_same(const prof_block *a, const prof_block *b)
{
    return a->start_line == b->start_line && a->start_col == b->start_col &&
           a->end_line == b->end_line && a->end_col == b->end_col &&
           a->stmts == b->stmts && a->func == b->func;
}

/* Add a block to F; the same unit as one already there (prof_block_same)
 * is combined into it at once by the merge rules; any other block is
 * kept for prof_profile_normalize (one range with several statement
 * counts or functions). Inline for the common case of an input repeating
 * a file's blocks (go test -coverpkg): B is the block after the one last
 * matched, with the same suites. */
static inline int prof_file_add_block(prof_file *f, const prof_block *b)
{
    prof_block *a = f->hint < f->nblocks ? &f->blocks[f->hint] : NULL;
    if (a && prof_block_same(a, b) &&
        prof_file_fold_hinted(f, b->hits, b->suites))
        return 0;
    /* or a new block past the last of a file read in order */
    if (!f->index.cap && f->increasing && f->nblocks < f->cap_blocks &&
        (f->nblocks == 0 || prof_block_cmp(&f->blocks[f->nblocks - 1], b) < 0)) {
        f->blocks[f->nblocks++] = *b;
        f->dirty = true;
        return 0;
    }
    return prof_file_put_block(f, b);
}

/* Index of the block prof_file_add_block just added to F, which held N0
 * blocks before: appended at the end, or folded into a block the hint
 * then points past (prof_file_put_block moves the hint to a block it
 * finds by range). */
static inline size_t prof_file_last_added(const prof_file *f, size_t n0)
{
    return f->nblocks > n0 ? f->nblocks - 1 : f->hint - 1;
}

static inline int prof_file_add_function(prof_file *f,
                                         const prof_function *fn)
{
    if (f->nfuncs == f->cap_funcs)
        return prof_file_add_function_slow(f, fn);
    f->funcs[f->nfuncs++] = *fn;
    f->dirty = true;
    return 0;
}

static inline int prof_file_add_branch(prof_file *f, const prof_branch *br)
{
    if (f->nbranches == f->cap_branches)
        return prof_file_add_branch_slow(f, br);
    f->branches[f->nbranches++] = *br;
    f->dirty = true;
    return 0;
}

/* ---- readers and formats -------------------------------------------- */

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

/* sniff.c: the error for data BUF[0..LEN) of input NAME that no reader
 * detects: PROF_EUNKNOWN_FORMAT, saying what it looks like (another
 * tool's coverage format, XML with its root, the first line of text). */
int prof_unknown_format(const unsigned char *buf, size_t len,
                        const char *name, prof_error *err);

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
static inline bool prof_reader_damage_first(const prof_reader *r,
                                            prof_damage kind)
{
    return r->p->strict || (r->damages && !r->damages->kinds[kind].n);
}
/* One warning per kind in D, in the order their first records came, to
 * P's warn callback, with code PROF_EFORMAT (strict reading makes it an
 * error): "skipped 3 records at line 0 (DA, FN; the first here)". */
void prof_damages_report(prof_profile *p, const prof_damages *d,
                         const char *name);

/* The reader is done with the input bytes before AT (less p->release_lag
 * bytes, when it looks back): when the input is mapped, their pages may
 * leave memory (a reader calls it now and then, so peak memory is not the
 * whole input). */
void prof_reader_consumed(prof_reader *r, const void *at);
/* Are the input bytes at AT still in memory (not released)? */
static inline bool prof_reader_live(const prof_reader *r, const void *at)
{
    return !r->p->map ||
           (const unsigned char *)at >= r->p->map + r->p->released;
}

int prof_reader_fail(prof_reader *r, int code, unsigned long line,
                     const char *fmt, ...) PROF_PRINTF(4, 5);
/* prof_reader_fail with "out of memory" at LINE (0 for none). */
int prof_reader_oom(prof_reader *r, unsigned long line);

struct prof_format {
    const char *name;
    const char *description;
    unsigned family; /* PROF_FAMILY_* */
    unsigned traits; /* PROF_TRAIT_*: what the table decides by it */
    /* Confidence 0 (no) .. 100 (certain) that BUF is this format. */
    int (*detect)(const unsigned char *buf, size_t len);
    int (*read)(prof_reader *r, const unsigned char *buf, size_t len);
    /* Read a directory input (GOCOVERDIR); NULL if unsupported. */
    int (*read_dir)(prof_reader *r, const char *dir);
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

/* SOURCE_DATE_EPOCH (reproducible builds: up to 18 digits) into *SECS;
 * false when unset or not such a number (sink.c). */
bool prof_source_date_epoch(int64_t *secs);

/* input.c: the whole content of PATH ("-" stdin), gunzipped if it is gzip.
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
int prof_gunzip(const unsigned char *src, size_t len, uint64_t max,
                const char *name, prof_input *out, prof_error *err);
/* Do the LEN bytes at B start as gzip data? */
bool prof_is_gzip(const unsigned char *b, size_t len);
/* PROF_EIO "WHAT: strerror(errno)" about PATH (input.c, output.c). */
int prof_io_fail(prof_error *err, const char *path, const char *what);

/* What reading one input takes from the profile it will be merged into. */
typedef struct prof_read_opts {
    prof_warn_fn warn;
    void *warn_ctx;
    bool overlap_keep;
    bool strict;
    uint64_t max_input;
    const prof_pathmaps *maps; /* borrowed: --path-map rules */
    struct prof_sizes *sizes;  /* NULL, or the reading thread's (sizes.c) */
    prof_input_id *id;         /* NULL, or where to say what the input is */
} prof_read_opts;

void prof_read_opts_of(const prof_profile *p, prof_read_opts *o);
/* prof_read_file with the sizes of the inputs read before (NULL: none),
 * filling ID (NULL: not wanted). */
int prof_read_file_sized(prof_profile *p, const char *path, const char *label,
                         const prof_format *fmt, struct prof_sizes *sizes,
                         prof_input_id *id, prof_error *err);

/* sizes.c: a file's record counts in the inputs a thread read before, by
 * path, so that the next input's arrays are reserved, not grown. */
typedef struct prof_file_sizes {
    uint64_t key; /* hash of the path */
    size_t blocks, funcs, branches;
} prof_file_sizes;

typedef struct prof_sizes {
    prof_htab index; /* over V */
    prof_file_sizes *v;
    size_t n, cap;
} prof_sizes;

/* Remember the sizes of P's files (a normalised input). */
void prof_sizes_learn(prof_sizes *h, const prof_profile *p);
/* Give new, empty F arrays of the sizes H knows for its path (H: NULL
 * or empty does nothing; so does an allocation failure). */
void prof_sizes_reserve(const prof_sizes *h, prof_file *f);
void prof_sizes_free(prof_sizes *h);
/* prof_read_file without the merge: PATH read into a new normalised
 * profile *OUT (NULL when the input is empty and adds nothing); O->id, when
 * set, says what the input is (same.c). */
int prof_parse_file(const prof_read_opts *o, const char *path,
                    const char *label, const prof_format *fmt,
                    prof_profile **out, prof_error *err);

/* same.c: fill ID for an input found or not as FOUND says, ST its stat;
 * then for the LEN bytes B read from it (after decompression). */
struct stat;
void prof_input_id_of(prof_input_id *id, bool found, const struct stat *st);
void prof_input_id_bytes(prof_input_id *id, const unsigned char *b,
                         size_t len);

/* registry.c: the table decides what an input is and what is written */
extern const prof_format *const prof_formats[];
/* The format that reads a directory input (GOCOVERDIR), NULL if none. */
const prof_format *prof_format_dir_reader(void);
/* The PROF_TRAIT_NATIVE format of the family FAMILIES names (one
 * PROF_FAMILY_*); NULL when mixed or none. */
const prof_format *prof_format_native(unsigned families);
extern const prof_format prof_format_go;
extern const prof_format prof_format_cobertura;
extern const prof_format prof_format_sonarqube;
extern const prof_format prof_format_covdata;
extern const prof_format prof_format_gcov_json;
extern const prof_format prof_format_lcov;
extern const prof_format prof_format_func;
extern const prof_format prof_format_percent;
extern const prof_format prof_format_json;
extern const prof_format prof_format_summary;
extern const prof_format prof_format_html;
extern const prof_format prof_format_coveralls;

#endif
