/* calc.c - arithmetic of covkit's C review fixture. */
#include "calc.h"

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

int clamp(int value, int low, int high)
{
    if (value < low)
        return low;
    if (value > high)
        return high;
    return value;
}

const char *describe(int number)
{
    int negative = number < 0;
    if (number % 2 == 0)
        return negative ? "negative even" : "even";
    return negative ? "negative odd" : "odd";
}
