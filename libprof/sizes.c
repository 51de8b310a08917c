/* sizes.c - how many records each file held in the inputs read before.
 *
 * Inputs of one build (the shards of a test suite, a profile per test
 * binary) repeat every file with the same number of records. A thread that
 * reads several inputs remembers these sizes by path, and a new file of the
 * next input gets arrays of that size at once: no array is grown, and
 * copied, step by step. A wrong guess only costs one ordinary growth. */
#include "internal.h"

#include <stdlib.h>

/* The sizes of the path with hash KEY, or NULL. */
static prof_file_sizes *sizes_find(const prof_sizes *h, uint64_t key)
{
    size_t i = prof_htab_first(&h->index, key);
    for (uint32_t ix1; (ix1 = prof_htab_probe(&h->index, key, &i)) != 0;)
        if (h->v[ix1 - 1].key == key)
            return &h->v[ix1 - 1];
    return NULL;
}

void prof_sizes_learn(prof_sizes *h, const prof_profile *p)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        const prof_file *f = p->files[i];
        uint64_t key = prof_hash(f->path, f->path_len);
        prof_file_sizes *s = sizes_find(h, key);
        if (!s) {
            if (prof_grow((void **)&h->v, &h->cap, h->n, sizeof *h->v) < 0 ||
                prof_htab_add(&h->index, key, h->n) < 0)
                return; /* only a guess: keep what is known */
            s = &h->v[h->n++];
            s->key = key;
        }
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
    const prof_file_sizes *s = sizes_find(h, prof_hash(f->path, f->path_len));
    if (!s)
        return;
    reserve((void **)&f->blocks, &f->cap_blocks, s->blocks, sizeof *f->blocks);
    reserve((void **)&f->funcs, &f->cap_funcs, s->funcs, sizeof *f->funcs);
    reserve((void **)&f->branches, &f->cap_branches, s->branches,
            sizeof *f->branches);
}

void prof_sizes_free(prof_sizes *h)
{
    prof_htab_free(&h->index);
    free(h->v);
    h->v = NULL;
    h->n = h->cap = 0;
}
