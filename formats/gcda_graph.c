/* gcda_graph.c - count a gcc/clang unit as gcov does: flow graphs, lines,
 * branches, functions. */
#include "gcda.h"

#include <stdlib.h>
#include <string.h>

/*
 * gcov's rules (gcc 12 gcov.cc, whose JSON output the tests compare with):
 *  - a function's graph is solved from the counted arcs (those off the
 *    spanning tree): a block whose arcs out (or in) are all known gets
 *    their sum, an arc left alone at a block gets the difference;
 *  - a block's lines add its count to each line it names; a line a block
 *    ends on (the last line of each of its locations, entry and exit
 *    blocks excepted) gets the block and its arcs out: such a line's
 *    count is then the sum of the arcs entering its blocks from blocks
 *    not on it, plus what the elementary cycles among its blocks carry
 *    (Hawick and James' enumeration, each cycle taking the smallest count
 *    left on its arcs), and its branches are those arcs, less the
 *    unconditional ones and calls that may not return;
 *  - functions that start on the same line of one source (template
 *    instances) are a group: each keeps lines of its own within its
 *    extent, listed before the source's line;
 *  - artificial functions are left out; a function without counters is
 *    left out when there is data (another unit's copy was linked);
 *  - a function's count is its entry block's.
 * Notes in the "408*" layout are clang's, and are counted as llvm-cov
 * gcov counts them (LLVM's GCOV.cpp): no groups, every function kept; a
 * line gets every block that names it (entry and exit too), its count is
 * the arcs entering them from off the line (the entry block: its arcs
 * out) plus the cycles cancelled among them; its branches are the arcs
 * out of each block whose last named line it is and that has more than
 * one, "never executed" when none of them ran; arcs keep notes order.
 * Counts are 64-bit two's complement as in gcov; a negative one (racing
 * threads updating counters) is read as 0 with a warning.
 */

static int64_t gd_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

/* Each arc V of a list (succ_next or pred_next chained from FIRST). */
#define GD_ARCS(u, v, first, field)                                           \
    for (uint32_t v = (first); v != GD_NONE; v = (u)->arcs[v].field)

/* ---- solving the flow graph ------------------------------------------- */

static void gd_sort_succ(gd_unit *u, gd_block *b)
{
    bool changes = true;
    while (changes) {
        changes = false;
        uint32_t *at = &b->succ;
        while (*at != GD_NONE && u->arcs[*at].succ_next != GD_NONE) {
            gd_arc *a = &u->arcs[*at];
            uint32_t nk = a->succ_next;
            gd_arc *n = &u->arcs[nk];
            if (a->dst > n->dst) {
                a->succ_next = n->succ_next;
                n->succ_next = *at;
                *at = nk;
                changes = true;
            }
            at = &u->arcs[*at].succ_next;
        }
    }
}

/* Counts onto the counted arcs, unconditional arcs marked; every block on
 * the invalid chain (returned). */
static uint32_t gd_solve_init(gd_unit *u, const gd_fn *fn)
{
    if (!fn->nblocks)
        return GD_NONE;
    gd_block *blk = u->blocks + fn->block0;
    size_t ci = fn->count0;
    uint32_t invalid = GD_NONE;
    if (fn->nblocks >= 2) {
        if (!blk[0].num_pred)
            blk[0].num_pred = ~(unsigned)0;
        if (!blk[1].num_succ)
            blk[1].num_succ = ~(unsigned)0;
    }
    for (uint32_t i = 0; i < fn->nblocks; i++) {
        gd_block *b = &blk[i];
        uint32_t prev = GD_NONE, non_fake = 0;
        bool out_of_order = false;
        GD_ARCS(u, k, b->succ, succ_next) {
            gd_arc *a = &u->arcs[k];
            non_fake += !a->fake;
            if (!a->on_tree) {
                a->count = u->counts[ci++];
                a->valid = 1;
                b->num_succ--;
                u->blocks[a->dst].num_pred--;
            }
            out_of_order |= prev != GD_NONE && prev > a->dst;
            prev = a->dst;
        }
        if (non_fake == 1)
            GD_ARCS(u, k, b->succ, succ_next) {
                gd_arc *a = &u->arcs[k];
                gd_block *d = &u->blocks[a->dst];
                if (a->fake)
                    continue;
                a->uncond = 1;
                if (b->call_site && a->fall && d->pred == k &&
                    a->pred_next == GD_NONE)
                    d->call_return = 1;
            }
        if (out_of_order && u->layout != GD_L408)
            gd_sort_succ(u, b);
        b->invalid_chain = 1;
        b->chain = invalid;
        invalid = fn->block0 + i;
    }
    return invalid;
}

typedef struct gd_chains {
    uint32_t valid, invalid;
} gd_chains;

/* Block K's count from its arcs out or in, when all are known. */
static void gd_solve_invalid(gd_unit *u, gd_chains *c, uint32_t bk)
{
    gd_block *b = &u->blocks[bk];
    int64_t total = 0;
    c->invalid = b->chain;
    b->invalid_chain = 0;
    if (!b->num_succ) {
        GD_ARCS(u, k, b->succ, succ_next)
            total = gd_add(total, u->arcs[k].count);
    } else if (!b->num_pred) {
        GD_ARCS(u, k, b->pred, pred_next)
            total = gd_add(total, u->arcs[k].count);
    } else
        return;
    b->count = total;
    b->valid = 1;
    b->chain = c->valid;
    b->valid_chain = 1;
    c->valid = bk;
}

/* The one unknown arc out of (OUT) or into block B gets what is left. */
static void gd_solve_arc(gd_unit *u, gd_chains *c, gd_block *b, bool out)
{
    int64_t total = b->count;
    uint32_t inv = GD_NONE;
    for (uint32_t k = out ? b->succ : b->pred; k != GD_NONE;
         k = out ? u->arcs[k].succ_next : u->arcs[k].pred_next) {
        total = gd_add(total, -u->arcs[k].count);
        if (!u->arcs[k].valid)
            inv = k;
    }
    if (inv == GD_NONE) /* inconsistent notes: nothing to infer */
        return;
    gd_arc *a = &u->arcs[inv];
    uint32_t ok = out ? a->dst : a->src;
    gd_block *o = &u->blocks[ok];
    a->valid = 1;
    a->count = total;
    if (out) {
        b->num_succ--;
        o->num_pred--;
    } else {
        b->num_pred--;
        o->num_succ--;
    }
    int64_t left = out ? o->num_pred : o->num_succ;
    if (o->valid && left == 1 && !o->valid_chain) {
        o->chain = c->valid;
        o->valid_chain = 1;
        c->valid = ok;
    } else if (!o->valid && left == 0 && !o->invalid_chain) {
        o->chain = c->invalid;
        o->invalid_chain = 1;
        c->invalid = ok;
    }
}

static void gd_solve(gd_unit *u, const gd_fn *fn)
{
    gd_chains c = {GD_NONE, gd_solve_init(u, fn)};
    while (c.invalid != GD_NONE || c.valid != GD_NONE) {
        while (c.invalid != GD_NONE)
            gd_solve_invalid(u, &c, c.invalid);
        while (c.valid != GD_NONE) {
            gd_block *b = &u->blocks[c.valid];
            c.valid = b->chain;
            b->valid_chain = 0;
            if (b->num_succ == 1)
                gd_solve_arc(u, &c, b, true);
            if (b->num_pred == 1)
                gd_solve_arc(u, &c, b, false);
        }
    }
}

/* Blocks reached only through a catch (or not at all) are exceptional. */
static int gd_exceptional(gd_unit *u, const gd_fn *fn)
{
    if (!fn->nblocks)
        return 0;
    gd_block *blk = u->blocks + fn->block0;
    uint32_t *queue = malloc((fn->nblocks ? fn->nblocks : 1) * sizeof *queue);
    if (!queue)
        return PROF_ENOMEM;
    for (uint32_t i = 0; i < fn->nblocks; i++)
        blk[i].exceptional = 1;
    size_t n = 0;
    if (fn->nblocks) {
        queue[n++] = fn->block0;
        blk[0].exceptional = 0;
    }
    while (n) {
        const gd_block *b = &u->blocks[queue[--n]];
        GD_ARCS(u, k, b->succ, succ_next) {
            const gd_arc *a = &u->arcs[k];
            if (!a->fake && !a->thr && u->blocks[a->dst].exceptional) {
                u->blocks[a->dst].exceptional = 0;
                queue[n++] = a->dst;
            }
        }
    }
    free(queue);
    return 0;
}

/* ---- groups and which functions count ---------------------------------- */

typedef struct gd_start { /* a function's sort key */
    uint32_t src, line, col, fi;
} gd_start;

static int gd_cmp_start(const void *va, const void *vb)
{
    const gd_start *a = va, *b = vb;
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->fi < b->fi ? -1 : a->fi > b->fi;
}

/* The non-artificial functions by (source, start line, start column),
 * ties in notes order (std::sort keeps it for the small groups gcov
 * sorts); a malloc'd array of *N indexes. */
static uint32_t *gd_fns_by_start(const gd_unit *u, size_t *n)
{
    size_t m = u->nfns ? u->nfns : 1;
    gd_start *k = malloc(m * sizeof *k);
    uint32_t *ix = malloc(m * sizeof *ix);
    *n = 0;
    if (!k || !ix) {
        free(k);
        free(ix);
        return NULL;
    }
    for (size_t i = 0; i < u->nfns; i++) {
        const gd_fn *f = &u->fns[i];
        if (!f->artificial)
            k[(*n)++] = (gd_start){f->src, f->start_line, f->start_col,
                                   (uint32_t)i};
    }
    qsort(k, *n, sizeof *k, gd_cmp_start);
    for (size_t i = 0; i < *n; i++)
        ix[i] = k[i].fi;
    free(k);
    return ix;
}

static void gd_mark_groups(gd_unit *u, const uint32_t *ix, size_t n)
{
    for (size_t i = 1; u->layout != GD_L408 && i < n; i++) {
        gd_fn *a = &u->fns[ix[i - 1]], *b = &u->fns[ix[i]];
        if (a->src == b->src && a->start_line == b->start_line)
            a->group = b->group = true;
    }
    for (size_t i = 0; i < u->nfns; i++) {
        gd_fn *f = &u->fns[i];
        f->listed = !f->artificial && (f->ncounts || u->no_data);
        if (f->group && f->end_line < f->start_line)
            f->group = false; /* no extent to hold its lines */
    }
}

/* ---- lines ------------------------------------------------------------- */

static int gd_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int gd_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Whose line LN of location L in function FI is: the source's, or the
 * group function's own. */
static uint64_t gd_key(const gd_unit *u, size_t fi, const gd_loc *l,
                       uint32_t ln)
{
    const gd_fn *f = &u->fns[fi];
    bool own = f->group && f->listed && l->src == f->src &&
               f->start_line <= ln && ln <= f->end_line;
    uint64_t owner = own ? u->nsrcs + fi : l->src;
    return owner << 32 | ln;
}

/* Every (owner, line) the unit names, sorted, into U->ls; the last line of
 * each source a counted function reaches into MAX. */
static int gd_line_keys(gd_unit *u, uint32_t *max)
{
    uint64_t *keys = malloc((u->nlines ? u->nlines : 1) * sizeof *keys);
    size_t n = 0;
    if (!keys)
        return PROF_ENOMEM;
    for (size_t fi = 0; fi < u->nfns; fi++) {
        const gd_fn *f = &u->fns[fi];
        for (uint32_t b = 0; !f->artificial && b < f->nblocks; b++)
            for (uint32_t li = u->blocks[f->block0 + b].loc; li != GD_NONE;
                 li = u->locs[li].next) {
                const gd_loc *l = &u->locs[li];
                if (!l->nlines)
                    continue;
                uint32_t *ln = u->lines + l->line0;
                if (u->layout != GD_L408) /* llvm keeps record order */
                    qsort(ln, l->nlines, sizeof *ln, gd_cmp_u32);
                for (uint32_t j = 0; j < l->nlines; j++) {
                    keys[n++] = gd_key(u, fi, l, ln[j]);
                    if (f->listed && ln[j] > max[l->src])
                        max[l->src] = ln[j];
                }
            }
    }
    qsort(keys, n, sizeof *keys, gd_cmp_u64);
    u->ls = calloc(n ? n : 1, sizeof *u->ls);
    if (!u->ls) {
        free(keys);
        return PROF_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (!u->nls || u->ls[u->nls - 1].key != keys[i]) {
            gd_line *l = &u->ls[u->nls++];
            l->key = keys[i];
            l->blk = l->blk_last = l->br = l->br_last = GD_NONE;
        }
    free(keys);
    return 0;
}

/* The index of the first line of U->ls at KEY or after it. */
static size_t gd_lower(const gd_unit *u, uint64_t key)
{
    size_t lo = 0, hi = u->nls;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u->ls[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static gd_line *gd_line_at(gd_unit *u, uint64_t key)
{
    size_t i = gd_lower(u, key);
    return i < u->nls && u->ls[i].key == key ? &u->ls[i] : NULL;
}

static int gd_item_push(gd_unit *u, uint32_t *head, uint32_t *last,
                        uint32_t v)
{
    gd_item it = {v, GD_NONE};
    if (GD_PUSH(u, items, it) < 0)
        return PROF_ENOMEM;
    uint32_t k = (uint32_t)u->nitems - 1;
    if (*last == GD_NONE)
        *head = k;
    else
        u->items[*last].next = k;
    *last = k;
    return 0;
}

/* Block BK ended on line L: the line gets it and its arcs. */
static int gd_line_block(gd_unit *u, uint32_t l, uint32_t bk)
{
    PROF_TRY(gd_item_push(u, &u->ls[l].blk, &u->ls[l].blk_last, bk));
    GD_ARCS(u, k, u->blocks[bk].succ, succ_next)
        PROF_TRY(gd_item_push(u, &u->ls[l].br, &u->ls[l].br_last, k));
    return 0;
}

/* llvm-cov's collectFunction: every line of every block of FI. */
static int gd_add_lines_llvm(gd_unit *u, size_t fi)
{
    const gd_fn *f = &u->fns[fi];
    for (uint32_t k = f->block0; k < f->block0 + f->nblocks; k++)
        for (uint32_t li = u->blocks[k].loc; li != GD_NONE;
             li = u->locs[li].next) {
            const gd_loc *loc = &u->locs[li];
            for (uint32_t j = 0; j < loc->nlines; j++) {
                gd_line *l = gd_line_at(u, gd_key(u, fi, loc,
                                                  u->lines[loc->line0 + j]));
                l->exists = 1;
                l->count = gd_add(l->count, u->blocks[k].count);
                PROF_TRY(gd_item_push(u, &l->blk, &l->blk_last, k));
            }
        }
    return 0;
}

/* gcov's add_line_counts for function FI. */
static int gd_add_lines(gd_unit *u, size_t fi)
{
    const gd_fn *f = &u->fns[fi];
    if (u->layout == GD_L408)
        return gd_add_lines_llvm(u, fi);
    for (uint32_t ix = 0; ix < f->nblocks; ix++) {
        uint32_t k = f->block0 + ix, at = GD_NONE;
        for (uint32_t li = u->blocks[k].loc; li != GD_NONE;
             li = u->locs[li].next) {
            const gd_loc *loc = &u->locs[li];
            const gd_block *b = &u->blocks[k];
            for (uint32_t j = 0; j < loc->nlines; j++) {
                gd_line *l = gd_line_at(u, gd_key(u, fi, loc,
                                                  u->lines[loc->line0 + j]));
                l->exists = 1;
                if (!b->exceptional) {
                    l->unexc = 1;
                    l->has_unexec |= b->count == 0;
                }
                l->count = gd_add(l->count, b->count);
                at = (uint32_t)(l - u->ls);
            }
            if (ix && ix + 1 != f->nblocks && at != GD_NONE)
                PROF_TRY(gd_line_block(u, at, k));
        }
    }
    return 0;
}

/* ---- a line's count: entries and cycles --------------------------------- */

/* Cycle search steps allowed per unit: the enumeration is exponential on
 * a crafted graph (gcov then runs for ever). */
#define GD_CYCLE_STEPS (1u << 24)

typedef struct gd_blist {
    uint32_t *v;
    size_t n, cap;
} gd_blist;

typedef struct gd_cyc {
    gd_unit *u;
    const gd_line *l;
    uint32_t *path;
    size_t npath, cap_path;
    uint32_t *blocked; /* blocked blocks, each with the blocks it blocks */
    gd_blist *lists;
    size_t nblocked, cap_blocked, cap_lists;
    int64_t count;
    uint64_t steps;
    int rc;
} gd_cyc;

static bool gd_has_block(const gd_unit *u, const gd_line *l, uint32_t b)
{
    for (uint32_t i = l->blk; i != GD_NONE; i = u->items[i].next)
        if (u->items[i].v == b)
            return true;
    return false;
}

static size_t gd_blocked_at(const gd_cyc *c, uint32_t b)
{
    size_t i = 0;
    while (i < c->nblocked && c->blocked[i] != b)
        i++;
    return i;
}

static void gd_handle_cycle(gd_cyc *c)
{
    int64_t m = INT64_MAX;
    for (size_t i = 0; i < c->npath; i++)
        if (c->u->arcs[c->path[i]].cs < m)
            m = c->u->arcs[c->path[i]].cs;
    c->count = gd_add(c->count, m);
    for (size_t i = 0; i < c->npath; i++)
        c->u->arcs[c->path[i]].cs = gd_add(c->u->arcs[c->path[i]].cs, -m);
}

static void gd_unblock(gd_cyc *c, uint32_t b)
{
    size_t i = gd_blocked_at(c, b);
    if (i == c->nblocked)
        return;
    gd_blist list = c->lists[i];
    c->nblocked--;
    memmove(c->blocked + i, c->blocked + i + 1,
            (c->nblocked - i) * sizeof *c->blocked);
    memmove(c->lists + i, c->lists + i + 1,
            (c->nblocked - i) * sizeof *c->lists);
    for (size_t j = 0; j < list.n; j++)
        gd_unblock(c, list.v[j]);
    free(list.v);
}

static bool gd_path_spent(const gd_cyc *c)
{
    for (size_t i = 0; i < c->npath; i++)
        if (c->u->arcs[c->path[i]].cs <= 0)
            return true;
    return false;
}

/* May the search follow arc K from a block of the line, starting at
 * START? */
static bool gd_follow(const gd_cyc *c, uint32_t k, uint32_t start)
{
    const gd_arc *a = &c->u->arcs[k];
    return a->dst >= start && a->cs > 0 && gd_has_block(c->u, c->l, a->dst);
}

static int gd_block_push(gd_cyc *c, uint32_t v)
{
    if (prof_grow((void **)&c->blocked, &c->cap_blocked, c->nblocked,
                  sizeof *c->blocked) < 0 ||
        prof_grow((void **)&c->lists, &c->cap_lists, c->nblocked,
                  sizeof *c->lists) < 0)
        return c->rc = PROF_ENOMEM;
    c->blocked[c->nblocked] = v;
    c->lists[c->nblocked++] = (gd_blist){NULL, 0, 0};
    return 0;
}

/* V blocked until one of the blocks W it leads to is unblocked. */
static void gd_block_on(gd_cyc *c, uint32_t v, uint32_t start)
{
    GD_ARCS(c->u, k, c->u->blocks[v].succ, succ_next) {
        if (!gd_follow(c, k, start))
            continue;
        size_t i = gd_blocked_at(c, c->u->arcs[k].dst);
        if (i == c->nblocked)
            continue;
        gd_blist *l = &c->lists[i];
        size_t j = 0;
        while (j < l->n && l->v[j] != v)
            j++;
        if (j < l->n)
            continue;
        if (prof_grow((void **)&l->v, &l->cap, l->n, sizeof *l->v) < 0) {
            c->rc = PROF_ENOMEM;
            return;
        }
        l->v[l->n++] = v;
    }
}

static bool gd_circuit(gd_cyc *c, uint32_t v, uint32_t start)
{
    if (c->rc || ++c->steps > GD_CYCLE_STEPS) {
        c->rc = c->rc ? c->rc : PROF_ELIMIT;
        return false;
    }
    if (gd_block_push(c, v) < 0)
        return false;
    bool found = false;
    GD_ARCS(c->u, k, c->u->blocks[v].succ, succ_next) {
        if (!gd_follow(c, k, start))
            continue;
        uint32_t w = c->u->arcs[k].dst;
        if (prof_grow((void **)&c->path, &c->cap_path, c->npath,
                      sizeof *c->path) < 0) {
            c->rc = PROF_ENOMEM;
            return false;
        }
        c->path[c->npath++] = k;
        if (w == start) {
            gd_handle_cycle(c);
            found = true;
        } else if (!gd_path_spent(c) && gd_blocked_at(c, w) == c->nblocked)
            found |= gd_circuit(c, w, start);
        c->npath--;
    }
    if (found)
        gd_unblock(c, v);
    else
        gd_block_on(c, v, start);
    return found;
}

/* ---- llvm-cov's cycle cancelling (GCOVBlock::getCyclesCount) ---- */

#define GD_MARK (GD_NONE - 1) /* the search's start: no arc came to it */

static int gd_stack_push(gd_cyc *c, uint32_t v)
{
    if (prof_grow((void **)&c->path, &c->cap_path, c->npath + 1,
                  sizeof *c->path) < 0)
        return c->rc = PROF_ENOMEM;
    c->path[c->npath++] = v;
    c->path[c->npath++] = c->u->blocks[v].succ;
    return 0;
}

/* Cancel the cycle arc K closes, back along the arcs the search came by
 * from its source to its destination: what it carried. */
static int64_t gd_cancel(gd_unit *u, uint32_t k)
{
    uint32_t w = u->arcs[k].dst, v;
    int64_t m = u->arcs[k].cs;
    for (v = u->arcs[k].src; v != w && u->blocks[v].incoming < GD_MARK;
         v = u->arcs[u->blocks[v].incoming].src)
        if (u->arcs[u->blocks[v].incoming].cs < m)
            m = u->arcs[u->blocks[v].incoming].cs;
    u->arcs[k].cs -= m;
    for (v = u->arcs[k].src; v != w && u->blocks[v].incoming < GD_MARK;
         v = u->arcs[u->blocks[v].incoming].src)
        u->arcs[u->blocks[v].incoming].cs -= m;
    return m;
}

/* One cycle through blocks of the line reachable from SRC, cancelled:
 * what it carried, or 0 when there is none (augmentOneCycle). */
static int64_t gd_augment(gd_cyc *c, uint32_t src)
{
    gd_unit *u = c->u;
    c->npath = 0;
    u->blocks[src].incoming = GD_MARK;
    if (gd_stack_push(c, src) < 0)
        return 0;
    while (c->npath && !c->rc) {
        uint32_t v = c->path[c->npath - 2], k = c->path[c->npath - 1];
        if (++c->steps > GD_CYCLE_STEPS)
            c->rc = PROF_ELIMIT;
        if (k == GD_NONE) {
            u->blocks[v].traversable = 0;
            c->npath -= 2;
            continue;
        }
        c->path[c->npath - 1] = u->arcs[k].succ_next;
        uint32_t w = u->arcs[k].dst;
        if (u->arcs[k].cs <= 0 || !u->blocks[w].traversable || w == v)
            continue;
        if (u->blocks[w].incoming != GD_NONE)
            return gd_cancel(u, k);
        u->blocks[w].incoming = k;
        gd_stack_push(c, w);
    }
    return 0;
}

static void gd_cycles_llvm(gd_cyc *c)
{
    gd_unit *u = c->u;
    for (;;) {
        for (uint32_t i = c->l->blk; i != GD_NONE; i = u->items[i].next) {
            u->blocks[u->items[i].v].traversable = 1;
            u->blocks[u->items[i].v].incoming = GD_NONE;
        }
        int64_t d = 0;
        for (uint32_t i = c->l->blk; i != GD_NONE && d <= 0 && !c->rc;
             i = u->items[i].next)
            if (u->blocks[u->items[i].v].traversable)
                d = gd_augment(c, u->items[i].v);
        if (d <= 0 || c->rc)
            break;
        c->count = gd_add(c->count, d);
    }
    for (uint32_t i = c->l->blk; i != GD_NONE; i = u->items[i].next)
        u->blocks[u->items[i].v].traversable = 0;
    c->npath = 0;
}

static void gd_cyc_reset(gd_cyc *c)
{
    for (size_t i = 0; i < c->nblocked; i++)
        free(c->lists[i].v);
    c->nblocked = c->npath = 0;
}

/* gcov's accumulate_line_info: the count of a line blocks end on. */
static int gd_line_count(gd_unit *u, gd_line *l, gd_cyc *c)
{
    int64_t count = 0;
    bool llvm = u->layout == GD_L408;
    for (uint32_t i = l->blk; i != GD_NONE; i = u->items[i].next) {
        const gd_block *b = &u->blocks[u->items[i].v];
        if (llvm && b->entry) { /* llvm: the entry block by its arcs out */
            GD_ARCS(u, k, b->succ, succ_next)
                count = gd_add(count, u->arcs[k].count);
        } else
            GD_ARCS(u, k, b->pred, pred_next)
                if (!gd_has_block(u, l, u->arcs[k].src))
                    count = gd_add(count, u->arcs[k].count);
        GD_ARCS(u, k, b->succ, succ_next)
            u->arcs[k].cs = u->arcs[k].count;
    }
    c->l = l;
    c->count = 0;
    if (llvm)
        gd_cycles_llvm(c);
    for (uint32_t i = l->blk; i != GD_NONE && !c->rc && !llvm;
         i = u->items[i].next) {
        gd_circuit(c, u->items[i].v, u->items[i].v);
        gd_cyc_reset(c);
    }
    l->count = gd_add(count, c->count);
    return c->rc;
}

static int gd_count_lines(gd_unit *u)
{
    gd_cyc c;
    memset(&c, 0, sizeof c);
    c.u = u;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < u->nls; i++)
        if (u->ls[i].blk != GD_NONE)
            rc = gd_line_count(u, &u->ls[i], &c);
    gd_cyc_reset(&c);
    free(c.path);
    free(c.blocked);
    free(c.lists);
    if (rc == PROF_ELIMIT)
        prof_error_set(&u->err, rc, u->path, 0, "the blocks of line %u form "
                       "more cycles than covkit counts (%u steps)",
                       (unsigned)c.l->key, GD_CYCLE_STEPS);
    else if (rc)
        prof_error_oom(&u->err, u->path);
    return rc;
}

/* ---- the records for the model ----------------------------------------- */

typedef struct gd_emit {
    gd_out_src *o;
    uint32_t prev, nbr; /* the last entry's line; its entries with branches */
} gd_emit;

static uint64_t gd_count_of(gd_unit *u, int64_t v)
{
    if (v >= 0)
        return (uint64_t)v;
    u->negatives++;
    return 0;
}

/* llvm-cov: the arcs out of each block of L that ends there, if more than
 * one; block 0, numbered along the line as llvm-cov gcov prints them. */
static int gd_emit_branches_llvm(gd_unit *u, const gd_line *l, gd_emit *e)
{
    uint32_t line = (uint32_t)l->key, bi = 0;
    for (uint32_t i = l->blk; i != GD_NONE; i = u->items[i].next) {
        const gd_block *b = &u->blocks[u->items[i].v];
        int64_t total = 0;
        uint32_t n = 0;
        GD_ARCS(u, k, b->succ, succ_next) {
            total = gd_add(total, u->arcs[k].count);
            n++;
        }
        if (b->last_line != line || n < 2)
            continue;
        GD_ARCS(u, k, b->succ, succ_next) {
            prof_branch br = {line, 0, bi++, 0,
                              total ? gd_count_of(u, u->arcs[k].count)
                                    : PROF_NOT_EVALUATED};
            PROF_TRY(GD_PUSH(u, obr, br));
            e->o->nr++;
        }
    }
    return 0;
}

/* A line entry of the JSON gcov writes, as formats/gcovjson.c reads it. */
static int gd_emit_line(gd_unit *u, const gd_line *l, gd_emit *e)
{
    if (!l->exists)
        return 0;
    uint32_t line = (uint32_t)l->key, bi = 0;
    prof_block b;
    memset(&b, 0, sizeof b);
    b.start_line = b.end_line = line;
    b.stmts = 1;
    b.hits = gd_count_of(u, l->count);
    PROF_TRY(GD_PUSH(u, ob, b));
    e->o->nb++;
    if (line != e->prev)
        e->nbr = 0;
    e->prev = line;
    if (u->layout == GD_L408)
        return gd_emit_branches_llvm(u, l, e);
    bool unevaluated = l->has_unexec && b.hits == 0;
    for (uint32_t i = l->br; i != GD_NONE; i = u->items[i].next) {
        const gd_arc *a = &u->arcs[u->items[i].v];
        if (a->uncond || a->call_nonret)
            continue;
        prof_branch br = {line, e->nbr, bi++, 0,
                          unevaluated ? PROF_NOT_EVALUATED
                                      : gd_count_of(u, a->count)};
        PROF_TRY(GD_PUSH(u, obr, br));
        e->o->nr++;
    }
    e->nbr += bi != 0;
    return 0;
}

static int gd_emit_fn(gd_unit *u, uint32_t fi, gd_emit *e)
{
    const gd_fn *f = &u->fns[fi];
    if (!f->start_line || !f->name_len) /* as gcovjson.c skips them */
        return 0;
    prof_function fn;
    memset(&fn, 0, sizeof fn);
    fn.start_line = f->start_line;
    fn.start_col = f->start_col;
    fn.end_line = f->end_line < f->start_line ? f->start_line : f->end_line;
    fn.end_col = f->end_col;
    fn.input = fi; /* until the name is interned */
    fn.hits = f->nblocks ? gd_count_of(u, u->blocks[f->block0].count) : 0;
    PROF_TRY(GD_PUSH(u, of, fn));
    e->o->nf++;
    return 0;
}

/* The first of U->ls owned by OWNER or later. */
static size_t gd_owner_at(const gd_unit *u, uint64_t owner)
{
    return gd_lower(u, owner << 32);
}

static int gd_emit_group(gd_unit *u, uint32_t fi, gd_emit *e)
{
    uint64_t owner = u->nsrcs + fi;
    for (size_t i = gd_owner_at(u, owner);
         i < u->nls && u->ls[i].key >> 32 == owner; i++)
        PROF_TRY(gd_emit_line(u, &u->ls[i], e));
    return 0;
}

/* Source S's lines in gcov's order: at each line, the groups starting
 * there, then the source's own line. IX[0..N): its functions by start. */
static int gd_emit_lines(gd_unit *u, uint32_t s, const uint32_t *ix,
                         size_t n, uint32_t max, gd_emit *e)
{
    size_t i = gd_owner_at(u, s), j = 0;
    uint64_t size = max ? (uint64_t)max + 1 : 0;
    for (;;) {
        while (j < n && !(u->fns[ix[j]].group && u->fns[ix[j]].listed &&
                          u->fns[ix[j]].start_line))
            j++;
        uint64_t ls = i < u->nls && u->ls[i].key >> 32 == s
                          ? (uint32_t)u->ls[i].key
                          : UINT64_MAX;
        uint64_t gs = j < n ? u->fns[ix[j]].start_line : UINT64_MAX;
        uint64_t at = ls < gs ? ls : gs;
        if (at == UINT64_MAX || at > size)
            return 0;
        if (gs == at) {
            PROF_TRY(gd_emit_group(u, ix[j++], e));
            continue;
        }
        PROF_TRY(gd_emit_line(u, &u->ls[i++], e));
    }
}

static int gd_emit_src(gd_unit *u, uint32_t s, const uint32_t *ix, size_t n,
                       uint32_t max, gd_emit *e)
{
    gd_out_src o = {u->srcs[s].name, u->srcs[s].name_len, 0, 0, 0};
    PROF_TRY(GD_PUSH(u, out, o));
    e->o = &u->out[u->nout - 1];
    size_t a = 0;
    while (a < n && u->fns[ix[a]].src < s)
        a++;
    size_t b = a;
    while (b < n && u->fns[ix[b]].src == s)
        b++;
    for (size_t k = a; k < b; k++)
        if (u->fns[ix[k]].listed)
            PROF_TRY(gd_emit_fn(u, ix[k], e));
    return gd_emit_lines(u, s, ix + a, b - a, max, e);
}

/* ---- the unit ----------------------------------------------------------- */

static int gd_count_graphs(gd_unit *u)
{
    for (size_t i = 0; i < u->nfns; i++) {
        const gd_fn *f = &u->fns[i];
        if (!f->listed)
            continue;
        gd_solve(u, f);
        if (f->has_catch && gd_exceptional(u, f) < 0)
            return PROF_ENOMEM;
    }
    return 0;
}

static int gd_count_all(gd_unit *u, const uint32_t *ix, size_t n,
                        uint32_t *max)
{
    PROF_TRY(gd_count_graphs(u));
    PROF_TRY(gd_line_keys(u, max));
    /* at most: an item per line of a block and per arc; a record per
     * line, arc and function */
    if (gd_reserve((void **)&u->items, &u->cap_items,
                   u->nlines + u->narcs, sizeof *u->items) < 0 ||
        gd_reserve((void **)&u->ob, &u->cap_ob, u->nls, sizeof *u->ob) < 0 ||
        gd_reserve((void **)&u->obr, &u->cap_obr, u->narcs,
                   sizeof *u->obr) < 0 ||
        gd_reserve((void **)&u->of, &u->cap_of, u->nfns, sizeof *u->of) < 0)
        return PROF_ENOMEM;
    for (size_t fi = 0; fi < u->nfns; fi++)
        if (!u->fns[fi].artificial)
            PROF_TRY(gd_add_lines(u, fi));
    int rc = gd_count_lines(u);
    if (rc < 0)
        return rc;
    gd_emit e = {NULL, 0, 0};
    for (uint32_t s = 0; s < u->nsrcs; s++)
        PROF_TRY(gd_emit_src(u, s, ix, n, max[s], &e));
    return 0;
}

int gd_count(gd_unit *u)
{
    size_t n;
    uint32_t *ix = gd_fns_by_start(u, &n);
    uint32_t *max = calloc(u->nsrcs ? u->nsrcs : 1, sizeof *max);
    int rc = ix && max ? 0 : PROF_ENOMEM;
    if (rc == 0) {
        gd_mark_groups(u, ix, n);
        rc = gd_count_all(u, ix, n, max);
    }
    if (rc == PROF_ENOMEM)
        prof_error_oom(&u->err, u->path);
    free(ix);
    free(max);
    return rc;
}
