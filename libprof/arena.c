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

void prof_strmap_init(prof_strmap *m, prof_arena *arena)
{
    m->slots = NULL;
    m->cap = m->count = 0;
    m->arena = arena;
}

void prof_strmap_free(prof_strmap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

static int strmap_rehash(prof_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    prof_strmap_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return PROF_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        prof_strmap_slot *s = &m->slots[i];
        if (!s->key)
            continue;
        size_t j = (size_t)s->hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

prof_strmap_slot *prof_strmap_get(prof_strmap *m, const char *key, size_t len,
                                  bool create)
{
    uint64_t h = prof_hash(key, len);
    if (m->cap) {
        size_t j = (size_t)h & (m->cap - 1);
        for (; m->slots[j].key; j = (j + 1) & (m->cap - 1)) {
            prof_strmap_slot *s = &m->slots[j];
            if (s->hash == h && s->len == len && !memcmp(s->key, key, len))
                return s;
        }
    }
    if (!create)
        return NULL;
    if ((m->count + 1) * 4 > m->cap * 3 && strmap_rehash(m) < 0)
        return NULL;
    char *copy = prof_arena_strndup(m->arena, key, len);
    if (!copy)
        return NULL;
    size_t j = (size_t)h & (m->cap - 1);
    while (m->slots[j].key)
        j = (j + 1) & (m->cap - 1);
    prof_strmap_slot *s = &m->slots[j];
    s->key = copy;
    s->len = len;
    s->hash = h;
    s->value = NULL;
    m->count++;
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
