/* main.c - a C program for the llvm-json test: loops, if/else, switch,
 * && and ||, a function never called, a header in two units. */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

static int classify(int c)
{
    switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u': return 1;
    case ' ': return 2;
    default:
        if (c >= '0' && c <= '9')
            return 3;
        if (c == '.' || c == ',' || c == ';')
            return 4;
        return 0;
    }
}

static int unused(int x)
{
    if (x > 3 && x < 10)
        return x * 2;
    return -x;
}

int main(int argc, char **argv)
{
    int counts[5] = {0};
    const char *s = argc > 1 ? argv[1] : "hello world, 42 times.";
    for (const char *p = s; *p; p++)
        counts[classify(*p)]++;
    int v[] = {3, -7, 0, 12, -1};
    int total = util_sum(v, 5) + util_sign(argc - 2);
    while (1) {
        if (total > 100)
            break;
        total += 40;
    }
    if (argc > 5)
        total = unused(total);
    printf("%d %d %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3],
           counts[4], total);
    return total > 1000 ? EXIT_FAILURE : EXIT_SUCCESS;
}
