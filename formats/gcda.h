/* gcda.h - gcc/clang notes (.gcno) and data (.gcda): one unit's graph. */
#ifndef COVKIT_GCDA_H
#define COVKIT_GCDA_H

#include "../libprof/format.h"

#include <stdbool.h>
#include <stdint.h>

#define GD_NONE UINT32_MAX

/* An arc of the flow graph, as gcov keeps it (gcov.cc arc_info). */
typedef struct gd_arc {
    uint32_t src, dst;             /* blocks (unit-wide indexes) */
    uint32_t succ_next, pred_next; /* GD_NONE ends a list */
    int64_t count, cs;             /* cs: the count the cycle search spends */
    unsigned on_tree : 1, fake : 1, fall : 1, thr : 1, call_nonret : 1;
    unsigned uncond : 1, valid : 1;
} gd_arc;

/* Where a block is: lines of one source (LINES records). */
typedef struct gd_loc {
    uint32_t src;
    uint32_t line0, nlines; /* in gd_unit.lines */
    uint32_t next;          /* the block's next location, GD_NONE ends */
} gd_loc;

typedef struct gd_block {
    uint32_t succ, pred, chain;
    uint32_t loc, loc_last; /* locations, GD_NONE if none */
    uint32_t last_line;     /* the last line its records named, 0 if none */
    uint32_t incoming;      /* llvm's cycle search: the arc it came by */
    int64_t num_succ, num_pred, count;
    unsigned valid : 1, valid_chain : 1, invalid_chain : 1;
    unsigned exceptional : 1, call_site : 1, call_return : 1;
    unsigned entry : 1, traversable : 1;
} gd_block;

typedef struct gd_fn {
    uint32_t name, name_len; /* in gd_unit.strs */
    uint32_t ident, lck, cck;
    uint32_t src, start_line, start_col, end_line, end_col;
    uint32_t block0, nblocks; /* in gd_unit.blocks */
    uint32_t count0, ncounts; /* in gd_unit.counts */
    bool artificial, group, has_catch, listed;
    size_t at; /* byte offset of its FUNCTION record, for messages */
} gd_fn;

/* One source: its canonical name (in gd_unit.strs). */
typedef struct gd_src {
    uint32_t name, name_len;
} gd_src;

/* What a line of a source (or of a group function) holds while counted. */
typedef struct gd_line {
    uint64_t key; /* owner << 32 | line: owner a source, or nsrcs + fn */
    int64_t count;
    unsigned exists : 1, unexc : 1, has_unexec : 1;
    uint32_t blk, blk_last, br, br_last; /* lists in gd_unit.items */
} gd_line;

typedef struct gd_item { /* a list entry: a block or an arc */
    uint32_t v, next;
} gd_item;

/* The records of one unit for the model, made without touching it (units
 * are read on threads), added in order once all are read. */
typedef struct gd_out_src {
    uint32_t name, name_len; /* in gd_unit.strs */
    size_t nb, nf, nr;       /* its records in the arrays below */
} gd_out_src;

typedef struct gd_unit {
    const char *path; /* the .gcno (or .gcda) read, for messages */
    const char *data_path;
    prof_error err;
    int rc;
    /* what the notes say */
    unsigned layout; /* GD_L408, GD_L11, GD_L12 */
    uint32_t stamp;
    char *strs;
    size_t nstrs, cap_strs;
    uint32_t cwd, cwd_len;
    bool have_cwd;
    gd_fn *fns;
    size_t nfns, cap_fns;
    gd_block *blocks;
    size_t nblocks, cap_blocks;
    gd_arc *arcs;
    size_t narcs, cap_arcs;
    gd_loc *locs;
    size_t nlocs, cap_locs;
    uint32_t *lines;
    size_t nlines, cap_lines;
    gd_src *srcs;
    size_t nsrcs, cap_srcs;
    uint32_t last_raw, last_raw_len, last_src; /* gd_source's last name */
    int64_t *counts;
    size_t ncounts, cap_counts;
    bool no_data;
    /* counting */
    gd_line *ls;
    size_t nls;
    gd_item *items;
    size_t nitems, cap_items;
    /* the output */
    gd_out_src *out;
    size_t nout, cap_out;
    prof_block *ob;
    size_t nob, cap_ob;
    prof_function *of; /* name: offset into strs until added */
    size_t nof, cap_of;
    prof_branch *obr;
    size_t nobr, cap_obr;
    uint64_t negatives; /* negative counts read as 0 */
} gd_unit;

enum { GD_L408 = 1, GD_L11, GD_L12 };

/* Append ITEM to U's array ARR (n##ARR, cap_##ARR beside it). */
#define GD_PUSH(u, arr, item)                                                 \
    (prof_grow((void **)&(u)->arr, &(u)->cap_##arr, (u)->n##arr,               \
             sizeof *(u)->arr) < 0                                            \
         ? PROF_ENOMEM                                                        \
         : ((u)->arr[(u)->n##arr++] = (item), 0))

/* Room for N elements of ESZ bytes in the empty array *ARR (capacity
 * *CAP) at once: a bound known beforehand (from the file's size) spares
 * the copies of growing; untouched pages of a large block cost nothing.
 * A bound of 0, or an array already that large, is left as it is. */
int gd_reserve(void **arr, size_t *cap, size_t n, size_t esz);

/* gcda.c: a unit read and counted (U->rc), its records given to R's
 * model, its error made R's; its memory released. */
int gd_unit_run(gd_unit *u, const prof_input *notes, uint64_t max);
int gd_unit_add(prof_reader *r, gd_unit *u);
int gd_unit_error(prof_reader *r, const gd_unit *u);
void gd_unit_free(gd_unit *u);

/* gcda_dir.c: a build directory (read_dir, detect_dir). */
int gd_read_dir(prof_reader *r, const char *dir);
bool gd_detect_dir(const char *dir);

/* gcda_graph.c: the unit's notes and data read, count it as gcov does
 * (solve the graphs, count lines and their cycles) and make the records
 * for the model in U->out. */
int gd_count(gd_unit *u);

#endif
