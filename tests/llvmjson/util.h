/* util.h - a header included by two units of the llvm-json test. */
#ifndef UTIL_H
#define UTIL_H

#define CLAMP(x, lo, hi) ((x) < (lo) ? (lo) : (x) > (hi) ? (hi) : (x))

static inline int util_sign(int v)
{
    if (v > 0)
        return 1;
    else if (v < 0)
        return -1;
    return 0;
}

int util_sum(const int *v, int n);

#endif
