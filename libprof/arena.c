/* arena.c - bump allocator, string interning map and growable arrays. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct prof_arena_chunk {
    prof_arena_chunk *next;
    size_t size;
    unsigned char data[];
};

#define ARENA_MIN_CHUNK (64u * 1024u)

void prof_arena_init(prof_arena *a)
{
    a->head = NULL;
    a->used = a->size = 0;
}

void prof_arena_free(prof_arena *a)
{
    prof_arena_chunk *c = a->head;
    while (c) {
        prof_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    prof_arena_init(a);
}

void *prof_arena_alloc(prof_arena *a, size_t n)
{
    n = (n + 7u) & ~(size_t)7u;
    if (!a->head || a->size - a->used < n) {
        size_t size = n > ARENA_MIN_CHUNK ? n : ARENA_MIN_CHUNK;
        if (a->head && a->head->size * 2 > size && a->head->size < (1u << 24))
            size = a->head->size * 2 > n ? a->head->size * 2 : n;
        prof_arena_chunk *c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->next = a->head;
        c->size = size;
        a->head = c;
        a->used = 0;
        a->size = size;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

char *prof_arena_strndup(prof_arena *a, const char *s, size_t len)
{
    char *d = prof_arena_alloc(a, len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

/* 8 bytes per step (keys run from short names to suite sets of
 * kilobytes), then a final mix so the low bits (the slot) depend on all. */
uint64_t prof_hash(const void *s, size_t len)
{
    const unsigned char *b = s;
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;
    for (; len >= 8; b += 8, len -= 8) {
        memcpy(&w, b, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, b, len);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    return h ^ h >> 33;
}

/* ---- hash index ---- */

static int htab_resize(prof_htab *t, size_t ncap)
{
    prof_htab_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return PROF_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].ix1)
            continue;
        size_t j = t->slots[i].tag & (ncap - 1);
        while (ns[j].ix1)
            j = (j + 1) & (ncap - 1);
        ns[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return 0;
}

int prof_htab_reserve(prof_htab *t, size_t n)
{
    if (n >= UINT32_MAX)
        return PROF_ENOMEM;
    if (n * 2 <= t->cap)
        return 0;
    size_t ncap = t->cap ? t->cap : 64;
    while (ncap < 2 * n)
        ncap *= 2;
    return htab_resize(t, ncap);
}

void prof_htab_clear(prof_htab *t)
{
    if (!t->n)
        return;
    if (t->cap > 4096 && t->cap > 8 * t->n)
        prof_htab_free(t); /* grows again to what the entries need */
    else
        memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->n = 0;
}

void prof_htab_free(prof_htab *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->n = 0;
}

/* ---- string map ---- */

void prof_strmap_init(prof_strmap *m, prof_arena *arena)
{
    memset(m, 0, sizeof *m);
    m->arena = arena;
}

void prof_strmap_free(prof_strmap *m)
{
    prof_htab_free(&m->index);
    free(m->ents);
    m->ents = NULL;
    m->count = m->cap_ents = 0;
}

prof_strmap_slot *prof_strmap_get(prof_strmap *m, const char *key, size_t len,
                                  bool create)
{
    uint64_t h = prof_hash(key, len);
    size_t i = prof_htab_first(&m->index, h);
    for (uint32_t ix1; (ix1 = prof_htab_probe(&m->index, h, &i)) != 0;) {
        prof_strmap_slot *s = &m->ents[ix1 - 1];
        if (s->hash == h && s->len == len && !memcmp(s->key, key, len))
            return s;
    }
    if (!create ||
        prof_grow((void **)&m->ents, &m->cap_ents, m->count, sizeof *m->ents))
        return NULL;
    char *copy = prof_arena_strndup(m->arena, key, len);
    if (!copy || prof_htab_add(&m->index, h, m->count) < 0)
        return NULL;
    prof_strmap_slot *s = &m->ents[m->count++];
    *s = (prof_strmap_slot){copy, len, h, NULL};
    return s;
}

int prof_grow(void **arr, size_t *cap, size_t n, size_t esz)
{
    if (n < *cap)
        return 0;
    /* 1.5x: less unused room than doubling, still amortised O(1) */
    size_t ncap = *cap < 16 ? 16 : *cap + *cap / 2;
    while (ncap <= n)
        ncap += ncap / 2;
    if (ncap > SIZE_MAX / esz)
        return PROF_ENOMEM;
    void *na = realloc(*arr, ncap * esz);
    if (!na)
        return PROF_ENOMEM;
    *arr = na;
    *cap = ncap;
    return 0;
}
