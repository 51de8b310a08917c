/* util.c - helpers of covkit's C review fixture (the head leaves it as is). */
#include "calc.h"

int absolute(int n)
{
    if (n < 0)
        return -n;
    return n;
}

int larger(int a, int b)
{
    int first = a;
    if (first > b)
        return first;
    return b;
}
