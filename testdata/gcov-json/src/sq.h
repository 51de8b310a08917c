static inline int sq(int x)
{
    return x < 0 ? -x * -x : x * x;
}
