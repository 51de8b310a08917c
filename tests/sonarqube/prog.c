/* prog.c - a C program with branches for tests/sonarqube.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int classify(int n)
{
    if (n < 0)
        return -1;
    else if (n == 0)
        return 0;
    return n % 2 == 0 && n > 10 ? 2 : 1;
}

static int never(int x)
{
    int y = x * 2;
    if (y > 3 || x < 1)
        y++;
    return y;
}

static const char *name(int k)
{
    switch (k) {
    case -1:
        return "negative";
    case 0:
        return "zero";
    case 2:
        return "big even";
    default:
        return "other";
    }
}

int main(int argc, char **argv)
{
    int sum = 0;
    for (int i = 1; i < argc; i++) {
        int n = atoi(argv[i]);
        int k = classify(n);
        printf("%s %s\n", argv[i], name(k));
        sum += k;
    }
    if (argc > 100)
        sum += never(argc);
    return sum > 1000;
}
