/* internal.h - every private header of libprof at once (private). */
/* For libprof/ and unit tests of internals; not installed. formats/
 * include format.h only. */
#ifndef PROF_INTERNAL_H
#define PROF_INTERNAL_H

#include "arena.h"  /* bump allocator, string map, growable arrays */
#include "format.h" /* the plugin interface of formats/ */
#include "gosrc.h"  /* Go sources: modules, functions, roots */
#include "model.h"  /* the model's layout */
#include "read.h"   /* reading inputs into profiles */
#include "suites.h" /* suite sets */
#include "util.h"   /* errors, text, numbers */

#endif
