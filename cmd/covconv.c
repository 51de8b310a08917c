/* covconv.c - convert coverage profiles (merging several inputs first). */
#include "common.h"

static const cli_tool covconv = {
    "covconv",
    "--to FORMAT [options] INPUT... [-o OUTPUT]",
    "Convert coverage profiles to another format; several inputs are merged "
    "first.",
    true,
};

int main(int argc, char **argv) { return cli_merge_main(argc, argv, &covconv); }
