#include "sq.h"
int one(int x);
int one(int x)
{
    return sq(x) + 1;
}
