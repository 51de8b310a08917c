/* model.h - the model's layout and the library's calls on it (private). */
/* Profile, files, suite-set storage, path maps (profile.c, merge.c,
 * lines.c...). Included by libprof/ through internal.h and by unit tests
 * of internals; never by formats/. */
#ifndef PROF_MODEL_H
#define PROF_MODEL_H

#include "format.h"

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
    uint64_t extra_span; /* lines its blocks span beyond one each */
};

typedef struct prof_suiteset {
    size_t off;    /* into prof_profile.setwords */
    size_t nwords; /* trailing zero words trimmed */
} prof_suiteset;

#define PROF_UNION_CACHE 64

/* What is set on a profile (prof_profile_set_*, prof_profile_add_path_map):
 * how it reads and merges, not what it holds. */
typedef struct prof_opts {
    prof_mode forced; /* requested result mode, NONE for the policy */
    bool overlap_keep;
    bool strict; /* a damaged record is an error */
    prof_warn_fn warn;
    void *warn_ctx;
    uint64_t max_input;
    prof_input_id *input_ids; /* borrowed */
    prof_pathmaps *maps;      /* --path-map rules (paths.c) */
} prof_opts;

/* The options come first, then the data (from ARENA on): a merge into an
 * empty profile moves the data only (merge.c). */
struct prof_profile {
    /* OPTS points to OWN_OPTS, or in an input profile to the options of
     * the profile it is read for (or a copy the reading thread keeps) */
    const prof_opts *opts;
    prof_opts own_opts;
    bool mode_warned; /* the set-mode notice was given */

    prof_arena arena;
    prof_strmap files_by_path; /* path -> prof_file* */
    prof_strmap names;         /* interned function names */
    prof_file **files;
    size_t nfiles, cap_files;
    bool files_sorted;
    prof_file *last_file; /* lookup cache for readers */
    const struct prof_sizes *sizes; /* while read: sizes of earlier inputs */

    prof_mode mode;   /* current mode of the data */
    unsigned families; /* PROF_FAMILY_* of the inputs read */
    bool go_text;      /* a Go text profile was read (func scans sources) */

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

    prof_strmap mapped; /* raw input path -> prof_file*, when path maps */
    /* while a reader fills this profile: its input when memory-mapped */
    const unsigned char *map;
    size_t maplen, released;
    size_t release_lag; /* bytes kept behind the reader (it looks back) */
    prof_totals excluded;  /* what prof_profile_exclude left out */
    size_t excluded_files; /* generated files it dropped */
};


/* The file for an already normalised and mapped PATH (merging). */
prof_file *prof_profile_file_exact(prof_profile *p, const char *path,
                                   size_t len);
/* prof_file_add_block when B is not the hinted block. */
int prof_file_put_block(prof_file *f, const prof_block *b);

/* Combine B into A (same range, same statements): hits added or ORed by
 * P's mode, suite sets united. */
int prof_block_combine(prof_profile *p, prof_block *a, const prof_block *b);
/* Are A and B, of one profile, the same unit: range, statements and
 * function (interned) equal? Then they combine when added. */
static inline bool prof_block_same(const prof_block *a, const prof_block *b)
{
    return a->start_line == b->start_line && a->start_col == b->start_col &&
           a->end_line == b->end_line && a->end_col == b->end_col &&
           a->stmts == b->stmts && a->func == b->func;
}

/* prof_merge of SRC, a normalised input (prof_parse_file), except that
 * SRC may be emptied: when DST holds nothing yet, SRC's data is moved into
 * it instead of copied (DST keeps its options). */
int prof_merge_move(prof_profile *dst, prof_profile *src, prof_error *err);

/* Make the profile's data follow mode M (clamping counts for set). */
void prof_profile_apply_mode(prof_profile *p, prof_mode m);
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

#endif
