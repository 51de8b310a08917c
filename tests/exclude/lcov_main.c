/* lcov_main.c - LCOV_EXCL_* markers for tests/exclude.sh (lcov is the oracle). */
#include <stdio.h>
#include <stdlib.h>

int tail(int x);

static int unused(int x) /* LCOV_EXCL_LINE: its function leaves */
{
    return x * 2;
}

/* LCOV_EXCL_START */
static int region(int x)
{
    if (x > 5)
        return 1;
    return 0;
}
/* LCOV_EXCL_STOP */

static int branchy(int x)
{
    if (x > 100 || x < -100) /* LCOV_EXCL_BR_LINE */
        return -1;
    /* LCOV_EXCL_BR_START */
    if (x == 3)
        x++;
    if (x == 4)
        x--;
    /* LCOV_EXCL_BR_STOP */
    return x + 1; /* LCOV_EXCL_LINE (hit) */
}

static int nested(int x)
{
    /* LCOV_EXCL_START */
    if (x == 1) {
        /* LCOV_EXCL_START */
        x += 2;
        /* LCOV_EXCL_STOP */
        x += 3;
    }
    /* LCOV_EXCL_STOP: a second STOP, lcov ignores it */
    return x;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 5;
    int s = 0;
    for (int i = 0; i < n; i++)
        s += branchy(i) + region(i) + nested(i) + tail(i);
    if (s < 0)
        s = unused(s);
    printf("%d\n", s);
    return 0;
}
