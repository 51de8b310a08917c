/* covconv.c - convert coverage profiles (merging several inputs first). */
#include "common.h"

static const cli_tool covconv = {
    .name = "covconv",
    .synopsis = "--to FORMAT [options] INPUT... [-o OUTPUT]",
    .purpose = "Convert coverage profiles to another format; several inputs "
               "are merged first.",
    .needs_to = true,
};

int main(int argc, char **argv) { return cli_merge_main(argc, argv, &covconv); }
