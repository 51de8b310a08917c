/* arena.h - bump allocator, string map and growable arrays (private). */
/* Defined in arena.c; included through format.h and internal.h. */
#ifndef PROF_ARENA_H
#define PROF_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

typedef struct prof_strmap_slot {
    const char *key; /* arena copy, NUL-terminated */
    size_t len;
    uint64_t hash;
    void *value;
} prof_strmap_slot;

/* Open-addressing map from byte strings to pointers; keys live in ARENA. */
typedef struct prof_strmap {
    prof_strmap_slot *slots;
    size_t cap, count;
    prof_arena *arena;
} prof_strmap;

void prof_strmap_init(prof_strmap *m, prof_arena *arena);
void prof_strmap_free(prof_strmap *m);
uint64_t prof_hash(const void *s, size_t len);
/* Find KEY; when absent and CREATE, insert it with value NULL. Returns the
 * slot (its key is the interned copy), or NULL (absent, or OOM if CREATE). */
prof_strmap_slot *prof_strmap_get(prof_strmap *m, const char *key, size_t len,
                                  bool create);

/* Growable array helper: make room for one more element of size ESZ. */
int prof_grow(void **arr, size_t *cap, size_t n, size_t esz);

#endif
