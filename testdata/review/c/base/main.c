/* main.c - the driver of covkit's C review fixture: what it calls is covered. */
#include <stdio.h>

#include "calc.h"

int main(void)
{
    printf("%d %s %s\n", add(2, 3), sign(-1), sign(0));
    printf("%d %d\n", clamp(-5, 0, 9), clamp(4, 0, 9));
    printf("%s\n", describe(4));
    printf("%d\n", area(2, 3));
    printf("%d %d\n", absolute(-3), absolute(2));
    printf("%d %d\n", larger(1, 2), larger(3, 1));
    return 0;
}
