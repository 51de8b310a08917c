/* shared.h - a static inline function included by two translation units. */
#ifndef SHARED_H
#define SHARED_H

static inline int clamp(int v, int lo, int hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

int other_sum(int n);
int other_jump(int n);
int other_blanks(const char *s);

#endif
