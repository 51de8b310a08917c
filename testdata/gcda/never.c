/* never.c - compiled, never linked: its notes have no data (all zero). */
int never_called(int x)
{
    if (x > 0)
        return x * 2;
    return -x;
}
