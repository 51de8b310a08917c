/* covmerge.c - merge coverage profiles into one. */
#include "common.h"

static const cli_tool covmerge = {
    .name = "covmerge",
    .synopsis = "[options] INPUT... [-o OUTPUT]",
    .purpose =
        "Merge coverage profiles (unit + system, any mix of modes) into one.",
};

int main(int argc, char **argv) { return cli_merge_main(argc, argv, &covmerge); }
