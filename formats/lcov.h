/* lcov.h - what the lcov reader and writer files share (private). */
#ifndef LCOV_H
#define LCOV_H

#include "../libprof/format.h"

/* The writer (lcov_write.c): P as an lcov tracefile into OUT, lcov 1.x
 * records, or 2.x with O->lcov_version 2. */
int prof_lcov_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err);

#endif
