/* cobertura.h - what the Cobertura reader and writer files share (private). */
#ifndef COBERTURA_H
#define COBERTURA_H

#include "../libprof/format.h"

/* The writer (cobertura_write.c): streams P as coverage-04 XML into OUT;
 * with O->split_size, parts 2.. go beside OUT->path. */
int prof_cobertura_write(const prof_profile *p, prof_sink *out,
                         const prof_write_opts *o, prof_error *err);

#endif
