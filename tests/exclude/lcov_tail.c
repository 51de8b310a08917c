/* lcov_tail.c - an exclusion section that never ends: excluded to the end. */
int tail(int x);

int tail(int x)
{
    if (x > 2)
        x = 2;
    /* LCOV_EXCL_START */
    if (x == 1)
        x = 0;
    return x;
}

int tail2(int x);

int tail2(int x)
{
    return x + 1;
}
