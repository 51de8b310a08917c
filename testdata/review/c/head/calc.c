/* calc.c - arithmetic of covkit's C review fixture. */
#include "calc.h"

/* base to the power exp, 0 for a negative exp; the driver never calls it */
int power(int base, int exp)
{
    int result = 1;
    int steps = exp;
    if (steps < 0)
        return 0;
    for (int i = 0; i < steps; i++)
        result *= base;
    return result;
}

int twice(int n)
{
    return 2 * n;
}

int clamp(int value, int low, int high)
{
    if (value < low)
        return low;
    if (value > high)
        return high;
    return value;
}

/* the sum of a and b, which the driver adds for its first line */
int add(int a, int b)
{
    return a + b;
}

/*
 * The sign of n as a word: "negative", "zero" or "positive", which
 * the driver prints for -1 and 0, never for a positive number.
 */
const char *sign(int n)
{
    if (n < 0)
        return "negative";
    if (n == 0)
        return "zero";
    return "positive";
}
