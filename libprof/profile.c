/* profile.c - the block model: profile -> files -> blocks, functions, branches. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


prof_profile *prof_profile_new(void)
{
    prof_profile *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    prof_arena_init(&p->arena);
    prof_strmap_init(&p->files_by_path, &p->arena);
    prof_strmap_init(&p->names, &p->arena);
    prof_arena_init(&p->set_arena);
    prof_strmap_init(&p->sets_by_bits, &p->set_arena);
    prof_strmap_init(&p->mapped, &p->arena);
    p->opts = &p->own_opts;
    p->files_sorted = true;
    /* suite set 0: the empty set */
    if (prof_grow((void **)&p->sets, &p->cap_sets, 0, sizeof *p->sets) < 0) {
        free(p);
        return NULL;
    }
    p->sets[0].off = 0;
    p->sets[0].nwords = 0;
    p->nsets = 1;
    return p;
}

static void file_free(prof_file *f)
{
    prof_htab_free(&f->index);
    free(f->blocks);
    free(f->funcs);
    free(f->branches);
}

void prof_profile_free(prof_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nfiles; i++)
        file_free(p->files[i]);
    free(p->files);
    free(p->inputs);
    free(p->suites);
    free(p->suite_named);
    free(p->sets);
    free(p->setwords);
    prof_strmap_free(&p->files_by_path);
    prof_strmap_free(&p->names);
    prof_strmap_free(&p->sets_by_bits);
    prof_arena_free(&p->set_arena);
    prof_strmap_free(&p->mapped);
    prof_pathmaps_free(p->own_opts.maps);
    prof_arena_free(&p->arena);
    free(p);
}

void prof_profile_set_mode(prof_profile *p, prof_mode mode)
{
    p->own_opts.forced = mode;
}
void prof_profile_set_overlap_keep(prof_profile *p, int keep)
{
    p->own_opts.overlap_keep = keep != 0;
}
void prof_profile_set_warn(prof_profile *p, prof_warn_fn fn, void *ctx)
{
    p->own_opts.warn = fn;
    p->own_opts.warn_ctx = ctx;
}
void prof_profile_set_input_ids(prof_profile *p, prof_input_id *ids)
{
    p->own_opts.input_ids = ids;
}

void prof_profile_set_strict(prof_profile *p, int strict)
{
    p->own_opts.strict = strict != 0;
}
void prof_profile_set_max_input(prof_profile *p, uint64_t bytes)
{
    p->own_opts.max_input = bytes; /* 0: the default, see prof_input_load */
}

void prof_profile_warnf(prof_profile *p, const char *path, unsigned long line,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    prof_vwarnf(p->opts->warn, p->opts->warn_ctx, path, line, fmt, ap);
    va_end(ap);
}

/* ---- paths and names ---- */

static bool path_needs_normalizing(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '.' && (s[1] == '/' || s[1] == '\\'))
        return true;
    if (memchr(s, '\\', len) || memmem(s, len, "//", 2))
        return true;
    for (size_t i = 0; i + 2 < len; i++)
        if (s[i] == '/' && s[i + 1] == '.' && s[i + 2] == '/')
            return true;
    return false;
}

/* \ to /, leading ./ and inner /./ removed, // collapsed. OUT has LEN+1. */
static size_t path_normalize(char *out, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i] == '\\' ? '/' : s[i];
        if (c == '/' && o > 0 && out[o - 1] == '/')
            continue;
        out[o++] = c;
        if (c == '/' && o >= 2 && out[o - 2] == '.' &&
            (o == 2 || out[o - 3] == '/'))
            o -= 2; /* drop "./" at start or after '/' */
    }
    if (o == 0 && len > 0) /* "./" alone: keep "." */
        out[o++] = '.';
    out[o] = '\0';
    return o;
}

static prof_file *file_lookup(prof_profile *p, const char *path, size_t len)
{
    prof_strmap_slot *s = prof_strmap_get(&p->files_by_path, path, len, true);
    if (!s)
        return NULL;
    if (s->value)
        return s->value;
    if (prof_grow((void **)&p->files, &p->cap_files, p->nfiles,
                  sizeof *p->files) < 0)
        return NULL;
    prof_file *f = prof_arena_alloc(&p->arena, sizeof *f);
    if (!f)
        return NULL;
    memset(f, 0, sizeof *f);
    f->path = s->key;
    f->path_len = len;
    f->owner = p;
    f->increasing = true;
    prof_sizes_reserve(p->sizes, f);
    s->value = f;
    if (p->nfiles && strcmp(p->files[p->nfiles - 1]->path, f->path) > 0)
        p->files_sorted = false;
    p->files[p->nfiles++] = f;
    return f;
}

prof_file *prof_profile_file_exact(prof_profile *p, const char *path,
                                   size_t len)
{
    return file_lookup(p, path, len);
}

/* Normalised PATH into *BUF (SMALL when it fits, else malloc'd). */
static size_t normalized(const char *path, size_t len, char *small,
                         size_t smallsz, char **buf)
{
    *buf = len < smallsz ? small : malloc(len + 1);
    return *buf ? path_normalize(*buf, path, len) : 0;
}

/* The file for a raw input PATH through the path maps, cached by raw
 * path. A failing map is a warning and leaves the path as it was. */
static prof_file *file_get_mapped(prof_profile *p, const char *path,
                                  size_t len)
{
    prof_strmap_slot *raw = prof_strmap_get(&p->mapped, path, len, true);
    if (!raw)
        return NULL;
    if (raw->value)
        return raw->value;
    char small[512], *buf, *out = NULL;
    size_t n = normalized(path, len, small, sizeof small, &buf), outlen = 0;
    if (!buf)
        return NULL;
    prof_error e;
    if (prof_pathmaps_apply(p->opts->maps, buf, n, &out, &outlen, &e) < 0) {
        if (e.code == PROF_ENOMEM)
            goto done;
        prof_profile_warnf(p, p->ninputs ? p->inputs[0] : "", 0, "%s",
                           e.msg);
        out = NULL;
    }
    if (out) {
        char *again = outlen < sizeof small ? small : malloc(outlen + 1);
        if (again) {
            size_t m = path_normalize(again, out, outlen);
            raw->value = file_lookup(p, again, m);
            if (again != small)
                free(again);
        }
    } else {
        raw->value = file_lookup(p, buf, n);
    }
done:
    free(out);
    if (buf != small)
        free(buf);
    return raw->value;
}

prof_file *prof_profile_file_get(prof_profile *p, const char *path, size_t len)
{
    if (p->opts->maps && p->opts->maps->n)
        return file_get_mapped(p, path, len);
    prof_file *last = p->last_file;
    if (last && last->path_len == len && !memcmp(last->path, path, len))
        return last;
    prof_file *f;
    if (path_needs_normalizing(path, len)) {
        char small[512], *buf;
        size_t n = normalized(path, len, small, sizeof small, &buf);
        if (!buf)
            return NULL;
        f = file_lookup(p, buf, n);
        if (buf != small)
            free(buf);
        return f; /* not cached: the raw name differs from f->path */
    }
    f = file_lookup(p, path, len);
    p->last_file = f;
    return f;
}

const char *prof_profile_intern(prof_profile *p, const char *s, size_t len)
{
    prof_strmap_slot *slot = prof_strmap_get(&p->names, s, len, true);
    return slot ? slot->key : NULL;
}

/* ---- records ---- */

static int block_append(prof_file *f, const prof_block *b)
{
    PROF_TRY(prof_grow((void **)&f->blocks, &f->cap_blocks, f->nblocks,
                       sizeof *b));
    f->blocks[f->nblocks++] = *b;
    f->dirty = true;
    return 0;
}

static uint64_t range_hash(const prof_block *b)
{
    uint64_t h = ((uint64_t)b->start_line << 32 | b->start_col) *
                     0x9e3779b97f4a7c15ull ^
                 ((uint64_t)b->end_line << 32 | b->end_col);
    return h * 0xff51afd7ed558ccdull;
}

/* The position + 1 of the first block with B's range in F's index (H its
 * hash), or 0. */
static uint32_t index_find(const prof_file *f, const prof_block *b,
                           uint64_t h)
{
    size_t i = prof_htab_first(&f->index, h);
    uint32_t ix1;
    while ((ix1 = prof_htab_probe(&f->index, h, &i)) != 0 &&
           prof_block_cmp(&f->blocks[ix1 - 1], b))
        ;
    return ix1;
}

/* Index F's blocks (the first of equal ranges). */
static int index_build(prof_file *f)
{
    prof_htab_free(&f->index);
    PROF_TRY(prof_htab_reserve(&f->index, f->nblocks + 1));
    for (size_t i = 0; i < f->nblocks; i++) {
        uint64_t h = range_hash(&f->blocks[i]);
        if (!index_find(f, &f->blocks[i], h))
            PROF_TRY(prof_htab_add(&f->index, h, i));
    }
    return 0;
}

/* B has the range of A: combine them when they are the same unit, or
 * keep B apart for prof_profile_normalize (another statement count or
 * function at that range). */
static int block_fold(prof_file *f, prof_block *a, const prof_block *b)
{
    if (prof_block_same(a, b))
        return prof_block_combine(f->owner, a, b);
    f->increasing = false;
    return block_append(f, b);
}

void prof_file_trim(prof_file *f)
{
    if (!f->increasing || f->trimmed || f->cap_blocks == f->nblocks ||
        !f->nblocks)
        return;
    prof_block *nb = realloc(f->blocks, f->nblocks * sizeof *nb);
    if (nb) {
        f->blocks = nb;
        f->cap_blocks = f->nblocks;
    }
    f->trimmed = true;
}

int prof_file_put_block(prof_file *f, const prof_block *b)
{
    if (f->hint < f->nblocks && !prof_block_cmp(&f->blocks[f->hint], b))
        return block_fold(f, &f->blocks[f->hint++], b);
    if (!f->index.cap) {
        if (!f->increasing || f->nblocks == 0 ||
            prof_block_cmp(&f->blocks[f->nblocks - 1], b) < 0)
            return block_append(f, b); /* new, or left to normalize */
        PROF_TRY(index_build(f));
        f->increasing = false;
    }
    uint64_t h = range_hash(b);
    uint32_t ix1 = index_find(f, b, h);
    if (ix1) {
        f->hint = ix1;
        return block_fold(f, &f->blocks[ix1 - 1], b);
    }
    PROF_TRY(block_append(f, b));
    f->hint = f->nblocks;
    return prof_htab_add(&f->index, h, f->nblocks - 1);
}

/* Fold HITS (with suite set SUITES) into the hinted block, known to have
 * the same range, when that needs no new suite set; false if it does. */
static inline bool file_fold_hinted(prof_file *f, uint64_t hits,
                                    uint32_t suites)
{
    prof_block *a = &f->blocks[f->hint];
    if (a->suites != suites && suites)
        return false;
    a->hits = prof_hits_combine(f->owner->mode, a->hits, hits);
    f->hint++;
    return true;
}

size_t prof_file_fold_run(prof_file *f, const uint64_t *hits, size_t n,
                          uint32_t suites)
{
    prof_mode m = f->owner->mode;
    prof_block *a = f->blocks + f->hint;
    size_t i = 0, most = f->hint < f->nblocks ? f->nblocks - f->hint : 0;
    n = n < most ? n : most;
    for (; i < n; i++) {
        if (a[i].suites != suites && hits[i] && suites)
            break;
        a[i].hits = prof_hits_combine(m, a[i].hits, hits[i]);
    }
    f->hint += i;
    return i;
}

const prof_block *prof_file_hinted(const prof_file *f, size_t *k)
{
    *k = f->hint;
    return f->hint < f->nblocks ? &f->blocks[f->hint] : NULL;
}

/* The fast path first: B is the block after the one last matched, with
 * the same suites (an input repeating a file's blocks, go test
 * -coverpkg), or a new block past the last of a file read in order. */
int prof_file_add_block(prof_file *f, const prof_block *b)
{
    prof_block *a = f->hint < f->nblocks ? &f->blocks[f->hint] : NULL;
    if (a && prof_block_same(a, b) && file_fold_hinted(f, b->hits, b->suites))
        return 0;
    if (!f->index.cap && f->increasing && f->nblocks < f->cap_blocks &&
        (f->nblocks == 0 ||
         prof_block_cmp(&f->blocks[f->nblocks - 1], b) < 0)) {
        f->blocks[f->nblocks++] = *b;
        f->dirty = true;
        return 0;
    }
    return prof_file_put_block(f, b);
}

/* Appended at the end, or folded into a block the hint then points past
 * (prof_file_put_block moves the hint to a block it finds by range). */
int prof_file_add_block_at(prof_file *f, const prof_block *b, size_t *at,
                           size_t *hint)
{
    size_t n0 = f->nblocks;
    PROF_TRY(prof_file_add_block(f, b));
    *at = f->nblocks > n0 ? f->nblocks - 1 : f->hint - 1;
    *hint = f->hint;
    return 0;
}

int prof_file_add_function(prof_file *f, const prof_function *fn)
{
    if (f->nfuncs == f->cap_funcs)
        PROF_TRY(prof_grow((void **)&f->funcs, &f->cap_funcs, f->nfuncs,
                           sizeof *fn));
    f->funcs[f->nfuncs++] = *fn;
    f->dirty = true;
    return 0;
}

int prof_file_add_branch(prof_file *f, const prof_branch *br)
{
    if (f->nbranches == f->cap_branches)
        PROF_TRY(prof_grow((void **)&f->branches, &f->cap_branches,
                           f->nbranches, sizeof *br));
    f->branches[f->nbranches++] = *br;
    f->dirty = true;
    return 0;
}

int prof_profile_add_input(prof_profile *p, const char *name)
{
    const char *s = prof_profile_intern(p, name, strlen(name));
    if (!s || prof_grow((void **)&p->inputs, &p->cap_inputs, p->ninputs,
                        sizeof *p->inputs) < 0)
        return PROF_ENOMEM;
    p->inputs[p->ninputs] = s;
    return (int)p->ninputs++;
}

int prof_profile_suite_index(prof_profile *p, const char *label)
{
    for (size_t i = 0; i < p->nsuites; i++)
        if (!strcmp(p->suites[i], label))
            return (int)i;
    const char *s = prof_profile_intern(p, label, strlen(label));
    if (!s ||
        prof_grow((void **)&p->suites, &p->cap_suites, p->nsuites,
                  sizeof *p->suites) < 0 ||
        prof_grow((void **)&p->suite_named, &p->cap_suite_named, p->nsuites,
                  sizeof *p->suite_named) < 0)
        return PROF_ENOMEM;
    p->suites[p->nsuites] = s;
    p->suite_named[p->nsuites] = false;
    return (int)p->nsuites++;
}

void prof_profile_suite_name(prof_profile *p, size_t i)
{
    if (i < p->nsuites)
        p->suite_named[i] = true;
}

bool prof_profile_suite_named(const prof_profile *p, size_t i)
{
    return i < p->nsuites && p->suite_named[i];
}

/* ---- suite sets: interned bitsets, id 0 = empty ---- */

static int suiteset_intern(prof_profile *p, const uint64_t *w, size_t n,
                           uint32_t *id)
{
    while (n && !w[n - 1])
        n--;
    if (!n) {
        *id = 0;
        return 0;
    }
    prof_strmap_slot *s = prof_strmap_get(&p->sets_by_bits, (const char *)w,
                                          n * sizeof *w, true);
    if (!s)
        return PROF_ENOMEM;
    if (s->value) {
        *id = (uint32_t)((uintptr_t)s->value - 1);
        return 0;
    }
    PROF_TRY(prof_grow((void **)&p->sets, &p->cap_sets, p->nsets,
                       sizeof *p->sets));
    while (p->nsetwords + n > p->cap_setwords)
        PROF_TRY(prof_grow((void **)&p->setwords, &p->cap_setwords,
                           p->cap_setwords, sizeof *p->setwords));
    memcpy(p->setwords + p->nsetwords, w, n * sizeof *w);
    p->sets[p->nsets].off = p->nsetwords;
    p->sets[p->nsets].nwords = n;
    p->nsetwords += n;
    *id = (uint32_t)p->nsets++;
    s->value = (void *)(uintptr_t)(*id + 1);
    return 0;
}

int prof_suiteset_single(prof_profile *p, long suite, uint32_t *id)
{
    if (suite < 0) {
        *id = 0;
        return 0;
    }
    size_t n = (size_t)suite / 64 + 1;
    uint64_t small[4] = {0}, *w = n <= 4 ? small : calloc(n, sizeof *w);
    if (!w)
        return PROF_ENOMEM;
    w[suite / 64] |= 1ull << (suite % 64);
    int rc = suiteset_intern(p, w, n, id);
    if (w != small)
        free(w);
    return rc;
}

int prof_suiteset_union_slow(prof_profile *p, uint32_t a, uint32_t b,
                             uint32_t *id)
{
    size_t slot = prof_union_slot(a, b);
    prof_suiteset sa = p->sets[a], sb = p->sets[b];
    size_t n = sa.nwords > sb.nwords ? sa.nwords : sb.nwords;
    uint64_t small[4] = {0}, *w = n <= 4 ? small : malloc(n * sizeof *w);
    if (!w)
        return PROF_ENOMEM;
    for (size_t i = 0; i < n; i++)
        w[i] = (i < sa.nwords ? p->setwords[sa.off + i] : 0) |
               (i < sb.nwords ? p->setwords[sb.off + i] : 0);
    int rc = suiteset_intern(p, w, n, id);
    if (w != small)
        free(w);
    if (rc == 0) {
        p->unions[slot].a = a;
        p->unions[slot].b = b;
        p->unions[slot].r = *id;
    }
    return rc;
}

/* ---- compacting suite sets ---- */

#define SETS_SLACK_WORDS (1u << 20) /* 8 MB of garbage before compacting */

/* Every record's suite set through FN (mark, or renumber). */
static void sets_each(prof_profile *p, uint32_t *map,
                      void (*fn)(uint32_t *set, uint32_t *map))
{
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        for (size_t k = 0; k < f->nblocks; k++)
            fn(&f->blocks[k].suites, map);
        for (size_t k = 0; k < f->nfuncs; k++)
            fn(&f->funcs[k].suites, map);
        for (size_t k = 0; k < f->nbranches; k++)
            fn(&f->branches[k].suites, map);
    }
}

static void set_mark(uint32_t *set, uint32_t *map)
{
    map[*set] = 1;
}

static void set_renumber(uint32_t *set, uint32_t *map)
{
    *set = map[*set];
}

/* The set store of P, to put back when a compaction runs out of memory. */
typedef struct set_store {
    prof_suiteset *sets;
    size_t nsets, cap_sets;
    uint64_t *setwords;
    size_t nsetwords, cap_setwords;
    prof_strmap by_bits;
    prof_arena arena;
} set_store;

static void set_store_take(prof_profile *p, set_store *s)
{
    *s = (set_store){p->sets, p->nsets, p->cap_sets, p->setwords,
                     p->nsetwords, p->cap_setwords, p->sets_by_bits,
                     p->set_arena};
}

static void set_store_put(prof_profile *p, const set_store *s)
{
    p->sets = s->sets;
    p->nsets = s->nsets;
    p->cap_sets = s->cap_sets;
    p->setwords = s->setwords;
    p->nsetwords = s->nsetwords;
    p->cap_setwords = s->cap_setwords;
    p->sets_by_bits = s->by_bits;
    p->set_arena = s->arena;
    p->sets_by_bits.arena = &p->set_arena;
}

static void set_store_free(set_store *s)
{
    s->by_bits.arena = &s->arena;
    prof_strmap_free(&s->by_bits);
    prof_arena_free(&s->arena);
    free(s->sets);
    free(s->setwords);
}

/* Intern the sets MAP marks, from OLD into P's empty store, MAP[i]
 * becoming set i's new id. */
static int sets_copy(prof_profile *p, const set_store *old, uint32_t *map)
{
    PROF_TRY(prof_grow((void **)&p->sets, &p->cap_sets, 0, sizeof *p->sets));
    p->sets[0] = (prof_suiteset){0, 0};
    p->nsets = 1;
    for (size_t i = 1; i < old->nsets; i++)
        if (map[i])
            PROF_TRY(suiteset_intern(p, old->setwords + old->sets[i].off,
                                     old->sets[i].nwords, &map[i]));
    return 0;
}

int prof_suitesets_compact(prof_profile *p)
{
    if (p->nsetwords <= 2 * p->live_setwords + SETS_SLACK_WORDS)
        return 0;
    uint32_t *map = calloc(p->nsets, sizeof *map);
    if (!map)
        return PROF_ENOMEM;
    sets_each(p, map, set_mark);
    map[0] = 0;
    set_store old, fresh;
    set_store_take(p, &old);
    set_store_put(p, &(set_store){0});
    prof_arena_init(&p->set_arena);
    prof_strmap_init(&p->sets_by_bits, &p->set_arena);
    int rc = sets_copy(p, &old, map);
    if (rc < 0) {
        set_store_take(p, &fresh);
        set_store_free(&fresh);
        set_store_put(p, &old);
    } else {
        sets_each(p, map, set_renumber);
        set_store_free(&old);
        p->live_setwords = p->nsetwords;
        memset(p->unions, 0, sizeof p->unions);
    }
    free(map);
    return rc;
}

int prof_suites_has(const prof_profile *p, uint32_t set, size_t suite)
{
    if (set >= p->nsets)
        return 0;
    prof_suiteset s = p->sets[set];
    size_t w = suite / 64;
    return w < s.nwords && (p->setwords[s.off + w] >> (suite % 64)) & 1;
}

/* ---- getters ---- */

prof_mode prof_profile_mode(const prof_profile *p) { return p->mode; }

const char *prof_mode_name(prof_mode m)
{
    switch (m) {
    case PROF_MODE_SET: return "set";
    case PROF_MODE_COUNT: return "count";
    case PROF_MODE_ATOMIC: return "atomic";
    default: return "none";
    }
}

prof_mode prof_mode_parse(const char *name)
{
    for (prof_mode m = PROF_MODE_SET; m <= PROF_MODE_ATOMIC; m++)
        if (!strcmp(name, prof_mode_name(m)))
            return m;
    return PROF_MODE_NONE;
}

size_t prof_profile_nfiles(const prof_profile *p) { return p->nfiles; }

const prof_file *prof_profile_file(const prof_profile *p, size_t i)
{
    return i < p->nfiles ? p->files[i] : NULL;
}

const char *prof_file_path(const prof_file *f) { return f->path; }

const prof_block *prof_file_blocks(const prof_file *f, size_t *n)
{
    *n = f->nblocks;
    return f->blocks;
}

const prof_function *prof_file_functions(const prof_file *f, size_t *n)
{
    *n = f->nfuncs;
    return f->funcs;
}

const prof_branch *prof_file_branches(const prof_file *f, size_t *n)
{
    *n = f->nbranches;
    return f->branches;
}

size_t prof_profile_ninputs(const prof_profile *p) { return p->ninputs; }
const char *prof_profile_input(const prof_profile *p, size_t i)
{
    return i < p->ninputs ? p->inputs[i] : NULL;
}
size_t prof_profile_nsuites(const prof_profile *p) { return p->nsuites; }
const char *prof_profile_suite(const prof_profile *p, size_t i)
{
    return i < p->nsuites ? p->suites[i] : NULL;
}

/* ---- files grouped by directory ---- */

size_t prof_path_dirlen(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

static int dir_then_path_cmp(const void *va, const void *vb)
{
    const char *a = (*(const prof_file *const *)va)->path;
    const char *b = (*(const prof_file *const *)vb)->path;
    size_t an = prof_path_dirlen(a), bn = prof_path_dirlen(b);
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    if (an != bn)
        return an < bn ? -1 : 1;
    return strcmp(a, b);
}

const prof_file **prof_files_by_dir(const prof_profile *p, size_t *n)
{
    *n = p->nfiles;
    const prof_file **v = malloc((*n ? *n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < *n; i++)
        v[i] = p->files[i];
    qsort(v, *n, sizeof *v, dir_then_path_cmp);
    return v;
}

const prof_format *prof_profile_native_format(const prof_profile *p)
{
    return prof_format_native(p->families);
}

int prof_profile_retain(prof_profile *p,
                        bool (*keep)(const prof_file *f, void *ctx), void *ctx)
{
    size_t o = 0;
    for (size_t i = 0; i < p->nfiles; i++) {
        if (keep(p->files[i], ctx))
            p->files[o++] = p->files[i];
        else
            file_free(p->files[i]);
    }
    if (o == p->nfiles)
        return 0;
    p->nfiles = o;
    return prof_profile_reindex(p);
}

int prof_profile_reindex(prof_profile *p)
{
    p->last_file = NULL;
    /* rebuild the path index; the raw-path cache may name dropped files */
    prof_strmap_free(&p->files_by_path);
    prof_strmap_init(&p->files_by_path, &p->arena);
    prof_strmap_free(&p->mapped);
    prof_strmap_init(&p->mapped, &p->arena);
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        prof_strmap_slot *s =
            prof_strmap_get(&p->files_by_path, f->path, f->path_len, true);
        if (!s)
            return PROF_ENOMEM;
        s->value = f;
    }
    return 0;
}

/* Append N records of size SZ at SRC to *ARR (holding *LEN, room *CAP). */
static int append_records(void **arr, size_t *len, size_t *cap,
                          const void *src, size_t n, size_t sz)
{
    if (!n)
        return 0;
    PROF_TRY(prof_grow(arr, cap, *len + n - 1, sz));
    memcpy((unsigned char *)*arr + *len * sz, src, n * sz);
    *len += n;
    return 0;
}

int prof_file_absorb(prof_file *dst, const prof_file *src)
{
    PROF_TRY(append_records((void **)&dst->blocks, &dst->nblocks,
                            &dst->cap_blocks, src->blocks, src->nblocks,
                            sizeof *src->blocks));
    PROF_TRY(append_records((void **)&dst->funcs, &dst->nfuncs,
                            &dst->cap_funcs, src->funcs, src->nfuncs,
                            sizeof *src->funcs));
    PROF_TRY(append_records((void **)&dst->branches, &dst->nbranches,
                            &dst->cap_branches, src->branches,
                            src->nbranches, sizeof *src->branches));
    dst->increasing = false;
    dst->dirty = true;
    dst->families |= src->families;
    return 0;
}
