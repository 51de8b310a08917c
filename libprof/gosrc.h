/* gosrc.h - Go sources: modules, functions and their extents (private). */
/* go.mod module paths, top-level functions, source roots (gomod.c,
 * gosrc.c, paths.c); included through format.h and internal.h. */
#ifndef PROF_GOSRC_H
#define PROF_GOSRC_H

#include "arena.h"
#include "prof.h"

#include <stdbool.h>

/* The module path of go.mod text BUF[0..LEN) into *OUT (malloc'd): 1 when
 * found, 0 when the file has no usable module directive (*OUT NULL), or
 * PROF_ENOMEM. */
int prof_gomod_module(const char *buf, size_t len, char **out);

/* A top-level function declaration with a body, positioned as go/token
 * gives go/ast's FuncDecl.Pos() and End() (//line directives applied; a
 * directive without a column gives column 0). */
typedef struct prof_gofunc {
    const char *name; /* bare name, in the source buffer (not terminated) */
    size_t name_len;
    /* the receiver's type name T when it is T or *T (RECV_STAR), as
     * cmd/cover names a method "T.M" or "*T.M"; NULL otherwise */
    const char *recv;
    size_t recv_len;
    bool recv_star;
    uint32_t line, col;         /* the `func` keyword; col in bytes */
    uint32_t end_line, end_col; /* just after the body's closing brace */
} prof_gofunc;

/* The declarations of Go source SRC[0..LEN) in source order, as go tool
 * cover -func lists them (no body: skipped). *OUT is malloc'd (caller
 * frees, NULL when none). Returns 0 or PROF_ENOMEM. */
int prof_go_funcs(const char *src, size_t len, prof_gofunc **out, size_t *n);
/* go tool cover -func's coverage of F (cmd/cover FuncExtent.coverage):
 * the statements of the blocks B[0..NB) (sorted by start) not wholly
 * before F's `func` keyword and not starting at or after its end, added
 * to *TOT, and those of them hit, to *COV. Returns whether any block
 * met F. */
bool prof_gofunc_cover(const prof_gofunc *f, const prof_block *b, size_t nb,
                       uint64_t *cov, uint64_t *tot);
/* Does go tool cover -func print more than 0.0% for COV of TOT
 * statements? (It prints 100*COV/TOT with %.1f, TOT 0 taken as 1.) */
bool prof_pct_above_zero(uint64_t cov, uint64_t tot);

/* The module holding import path PATH (longest module path first): the
 * directory of its go.mod, the root it was found under in *ROOT and the
 * module path's length in *MODLEN (PATH = MOD/REST); NULL when no
 * module's path is a prefix of PATH (paths.c). */
const char *prof_sources_module(const prof_sources *s, const char *path,
                                const char **root, size_t *modlen);
/* SRC (NULL: the current directory) made absolute against the current
 * directory, with '.', '..' and repeated slashes removed lexically (it
 * need not exist), in A; NULL with ERR set (PROF_EIO, PROF_ENOMEM) on
 * failure (paths.c). */
const char *prof_path_abs(prof_arena *a, const char *src, prof_error *err);
/* Absolute PATH relative to DIR (as prof_path_abs gives it) when it lies
 * under DIR; otherwise PATH itself. */
const char *prof_path_under(const char *dir, const char *path);
/* Is PATH a regular file (symbolic links followed)? */
bool prof_is_file(const char *path);
/* Is ROOT/PATH a regular file for one of S's roots? */
bool prof_sources_in_root(const prof_sources *s, const char *path);

#endif
