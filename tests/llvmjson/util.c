/* util.c - the second unit of the llvm-json test. */
#include "util.h"

int util_sum(const int *v, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += util_sign(v[i]) * CLAMP(v[i], -5, 5);
    return s;
}

int util_never(int x)
{
    while (x > 1) {
        if (x % 2)
            x = 3 * x + 1;
        else
            x /= 2;
    }
    return x;
}
