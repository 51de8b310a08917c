/* arena.h - bump allocator, string map and growable arrays (private). */
/* Defined in arena.c; included through format.h and internal.h. */
#ifndef PROF_ARENA_H
#define PROF_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prof.h" /* PROF_ENOMEM */

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

#endif
