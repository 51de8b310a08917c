/* ops.c - shapes of covkit's C review fixture. */
#include "calc.h"

int area(int width, int height)
{
    if (width < 0 || height < 0)
        return 0;
    return width * height;
}

const char *describe(int number)
{
    int negative = number < 0;
    if (number % 2 == 0)
        return negative ? "negative even" : "even";
    return negative ? "negative odd" : "odd";
}
