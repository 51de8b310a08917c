/* other.c - the second unit: the shared inline function again, setjmp,
 * and a condition that clang compiles with a block no arc reaches. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

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

/* libxml2's IS_BLANK_CH: clang -O0 leaves a block without predecessors
 * in this function's graph, and llvm-cov gcov (14 and 19) then counts
 * it wrong ("returned 200%"); gcc's gcov of the same source is right */
#define IS_BLANK_CH(c) \
    (((c) == 0x20) || ((0x9 <= (c)) && ((c) <= 0xa)) || ((c) == 0xd))

static int calls; /* blanks' calls, printed at exit: the test's truth */

static void report(void)
{
    fprintf(stderr, "blanks called %d\n", calls);
}

static int blanks(const char *s, int n)
{
    if (calls++ == 0)
        atexit(report);
    for (int j = 0; j < n; j++)
        if (!(IS_BLANK_CH(s[j]))) return 0;
    return 1;
}

int other_blanks(const char *s)
{
    return s[0] && s[1] ? blanks(s, 2) : 0;
}
