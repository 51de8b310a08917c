/* main.c - the C program of tests/gcda.sh: each path its own shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared.h"

static int one_line_loop(int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++) s += i;
    return s;
}

static int classify(int c)
{
    switch (c) {
    case 'a':
        return 1;
    case 'b':
    case 'c':
        return 2;
    default:
        break;
    }
    return 0;
}

static int both(int a, int b)
{
    if (a > 0 && b > 0)
        return 1;
    else if (a < 0 || b < 0)
        return -1;
    return 0;
}

static int find(const int *v, int n, int want)
{
    int i;
    for (i = 0; i < n; i++) {
        if (v[i] == want)
            goto found;
    }
    return -1;
found:
    return i;
}

static int early(int x)
{
    if (x < 0)
        return 0;
    x *= 2;
    return x + 1;
}

int never_called(int x)
{
    int y = x * 3;
    if (y > 10)
        y = 10;
    return y;
}

int main(int argc, char **argv)
{
    int v[] = {3, 1, 4, 1, 5, 9, 2, 6};
    long total = 0;
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "exit") == 0) {
            printf("%ld\n", total);
            exit(3);
        }
        total += one_line_loop((int)strlen(a));
        total += classify(a[0]);
        total += both(a[0] - 'm', (int)strlen(a) - 2);
        total += find(v, 8, a[0] - '0');
        total += early(a[0] - 'd');
        total += clamp(a[0], 'b', 'x');
        total += other_sum((int)strlen(a));
        total += other_blanks(a);
    }
    if (argc > 2)
        total += other_jump(argc);
    printf("%ld\n", total);
    return 0;
}
