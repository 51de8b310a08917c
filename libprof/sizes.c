/* sizes.c - how many records each file held in the inputs read before.
 *
 * Inputs of one build (the shards of a test suite, a profile per test
 * binary) repeat every file with the same number of records. A thread that
 * reads several inputs remembers these sizes by path, and a new file of the
 * next input gets arrays of that size at once: no array is grown, and
 * copied, step by step. A wrong guess only costs one ordinary growth. */
#include "internal.h"

#include <stdlib.h>

static size_t sizes_slot(const prof_sizes *h, uint64_t key)
{
    size_t mask = h->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    while (h->slots[i].key && h->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* The table's key for a path: never 0, which marks an empty slot. */
static uint64_t sizes_key(const char *path, size_t len)
{
    uint64_t k = prof_hash(path, len);
    return k ? k : 1;
}

static int sizes_grow(prof_sizes *h)
{
    prof_sizes n = {calloc(h->cap ? h->cap * 2 : 256, sizeof *n.slots),
                    h->cap ? h->cap * 2 : 256, h->n};
    if (!n.slots)
        return PROF_ENOMEM;
    for (size_t i = 0; i < h->cap; i++)
        if (h->slots[i].key)
            n.slots[sizes_slot(&n, h->slots[i].key)] = h->slots[i];
    free(h->slots);
    *h = n;
    return 0;
}

void prof_sizes_learn(prof_sizes *h, const prof_profile *p)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        const prof_file *f = p->files[i];
        if ((h->n + 1) * 2 > h->cap && sizes_grow(h) < 0)
            return; /* only a guess: keep what is known */
        uint64_t key = sizes_key(f->path, f->path_len);
        prof_file_sizes *s = &h->slots[sizes_slot(h, key)];
        h->n += !s->key;
        s->key = key;
        s->blocks = f->nblocks;
        s->funcs = f->nfuncs;
        s->branches = f->nbranches;
    }
}

/* Room for N records of SIZE bytes in *ARR (empty), if it can be had. */
static void reserve(void **arr, size_t *cap, size_t n, size_t size)
{
    void *a = n ? malloc(n * size) : NULL;
    if (a) {
        *arr = a;
        *cap = n;
    }
}

void prof_sizes_reserve(const prof_sizes *h, prof_file *f)
{
    if (!h || !h->n)
        return;
    const prof_file_sizes *s =
        &h->slots[sizes_slot(h, sizes_key(f->path, f->path_len))];
    if (!s->key)
        return;
    reserve((void **)&f->blocks, &f->cap_blocks, s->blocks, sizeof *f->blocks);
    reserve((void **)&f->funcs, &f->cap_funcs, s->funcs, sizeof *f->funcs);
    reserve((void **)&f->branches, &f->cap_branches, s->branches,
            sizeof *f->branches);
}

void prof_sizes_free(prof_sizes *h)
{
    free(h->slots);
    h->slots = NULL;
    h->cap = h->n = 0;
}
