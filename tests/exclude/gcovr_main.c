/* gcovr_main.c - GCOVR_EXCL_* markers for tests/exclude.sh (gcovr is the oracle). */
#include <stdio.h>
#include <stdlib.h>

int gtail(int x);

static int marked(int x)
{
    if (x == 7) return 0; // GCOVR_EXCL_LINE
    // GCOVR_EXCL_START
    if (x == 8)
        return 1;
    // GCOVR_EXCL_STOP
    if (x == 9) // GCOVR_EXCL_BR_LINE
        return 2;
    // GCOV_EXCL_BR_START
    if (x == 10)
        return 3;
    // GCOV_EXCL_BR_STOP
    // GCOVR_EXCL_START
    if (x == 11) {
        // GCOVR_EXCL_START
        x++;
        // GCOVR_EXCL_STOP
        x++;
        x++; // GCOVR_EXCL_LINE inside a section: a warning
    }
    // GCOVR_EXCL_STOP
    if (x == 12) // IGNORE_LINE
        x += 2;
    if (x == 13 || x == 14) // IGNORE_BR
        x += 3;
    return x;
}

static int whole(int x) // GCOVR_EXCL_LINE: gcovr keeps the function
{
    return x + 1;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 12;
    int s = 0;
    for (int i = 0; i < n; i++)
        s += marked(i) + whole(i) + gtail(i);
    // GCOVR_EXCL_STOP without a START: a warning
    printf("%d\n", s);
    return 0;
}
