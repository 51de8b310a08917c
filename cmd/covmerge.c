/* covmerge.c - merge coverage profiles into one. */
#include "common.h"

static const cli_tool covmerge = {
    "covmerge",
    "[options] INPUT... [-o OUTPUT]",
    "Merge coverage profiles (unit + system, any mix of modes) into one.",
    false,
};

int main(int argc, char **argv) { return cli_merge_main(argc, argv, &covmerge); }
