/* suites.h - suite sets: union and compaction (private). */
/* The sets of suites a record was hit by, kept in the profile and united
 * on merge (profile.c, merge.c); for libprof/ through internal.h, never
 * formats/ (format.h has their calls). */
#ifndef PROF_SUITES_H
#define PROF_SUITES_H

#include "model.h"

/* The unions cache entry of (A, B). */
static inline size_t prof_union_slot(uint32_t a, uint32_t b)
{
    return (a * 0x9E3779B1u ^ b) % PROF_UNION_CACHE;
}
/* prof_suiteset_union (below) when neither set is empty or both the same
 * and the unions cache has no entry. */
int prof_suiteset_union_slow(prof_profile *p, uint32_t a, uint32_t b,
                             uint32_t *id);
/* Drop the suite sets no record uses and renumber the rest (in id order)
 * once they are mostly garbage: merging many inputs makes a new set for
 * every step of every growing set. 0 or PROF_ENOMEM (P unchanged). */
int prof_suitesets_compact(prof_profile *p);
/* The set of A's suites and B's: A when B adds none (the usual case). */
static inline int prof_suiteset_union(prof_profile *p, uint32_t a,
                                      uint32_t b, uint32_t *id)
{
    if (a == b || !b) {
        *id = a;
        return 0;
    }
    if (!a) {
        *id = b;
        return 0;
    }
    size_t slot = prof_union_slot(a, b);
    if (p->unions[slot].a == a && p->unions[slot].b == b) {
        *id = p->unions[slot].r;
        return 0;
    }
    return prof_suiteset_union_slow(p, a, b, id);
}

#endif
