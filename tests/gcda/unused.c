/* unused.c - compiled and linked into a program the test never runs. */
#include "shared.h"

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return clamp(argc, 0, 3);
    return 0;
}
