/* other.c - the second unit: the shared inline function again, setjmp. */
#include <setjmp.h>

#include "shared.h"

static jmp_buf env;

static void deep(int n)
{
    if (n > 3)
        longjmp(env, n);
    deep(n + 1);
}

int other_sum(int n)
{
    int s = 0;
    while (n-- > 0)
        s += clamp(n, 1, 4);
    return s;
}

int other_jump(int n)
{
    volatile int r = 0;
    if (setjmp(env) == 0) {
        deep(n);
        r = -1; /* never reached: deep always jumps */
    } else {
        r = n;
    }
    return r;
}
