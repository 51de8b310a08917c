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

/* patch.c: the profile files a diff path names (the matching rules at
 * the top of patch.c), for patch coverage and the base comparison. */
typedef struct prof_match_index {
    const prof_file **v; /* a profile's files by base name */
    size_t n;
} prof_match_index;

typedef struct prof_match {
    const prof_file **v; /* malloc'd: free it */
    size_t n, cap;
    prof_patch_status status;
} prof_match;

/* Index P's files (PROF_ENOMEM on failure); free with _free. */
int prof_match_index_new(const prof_profile *p, prof_match_index *ix);
void prof_match_index_free(prof_match_index *ix);
/* The files of IX that diff path PATH names into M (zeroed first). */
int prof_match_find(const prof_match_index *ix, const prof_sources *s,
                    const char *path, prof_match *m);
/* Line LINE of the N sorted LINES, or NULL. */
const prof_line *prof_line_find(const prof_line *lines, size_t n,
                                uint32_t line);

#endif
