#include "sq.h"
int one(int x);
int main(void)
{
    int s = 0;
    for (int i = -1; i < 3; i++)
        s += one(i) + sq(i);
    return s == 0;
}
