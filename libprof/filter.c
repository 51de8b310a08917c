/* filter.c - --include / --exclude path filters (PCRE2). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct prof_filter {
    pcre2_code **inc, **exc;
    size_t ninc, nexc;
    pcre2_match_data *md;
};

static void free_list(pcre2_code **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pcre2_code_free(v[i]);
    free(v);
}

void prof_filter_free(prof_filter *f)
{
    if (!f)
        return;
    free_list(f->inc, f->ninc);
    free_list(f->exc, f->nexc);
    pcre2_match_data_free(f->md);
    free(f);
}

/* Compile PATS into *OUT; *NOUT counts the compiled ones (for freeing). */
static int compile_list(const char *const *pats, size_t n, const char *opt,
                        pcre2_code ***out, size_t *nout, prof_error *err)
{
    *nout = 0;
    if (!n)
        return 0;
    if (!(*out = calloc(n, sizeof **out)))
        return prof_error_oom(err, "");
    for (size_t i = 0; i < n; i++) {
        int code;
        PCRE2_SIZE off;
        pcre2_code *re =
            pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED,
                          PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off,
                          NULL);
        if (!re) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(code, msg, sizeof msg);
            return prof_error_set(err, PROF_EINVAL, "", 0,
                                  "bad %s regex '%s' at offset %zu: %s", opt,
                                  pats[i], (size_t)off, (const char *)msg);
        }
        (*out)[(*nout)++] = re;
    }
    return 0;
}

int prof_filter_new(const char *const *include, size_t ninclude,
                    const char *const *exclude, size_t nexclude,
                    prof_filter **out, prof_error *err)
{
    *out = NULL;
    prof_filter *f = calloc(1, sizeof *f);
    if (!f)
        return prof_error_oom(err, "");
    int rc = compile_list(include, ninclude, "--include", &f->inc, &f->ninc,
                          err);
    if (rc == 0)
        rc = compile_list(exclude, nexclude, "--exclude", &f->exc, &f->nexc,
                          err);
    if (rc == 0 && !(f->md = pcre2_match_data_create(1, NULL)))
        rc = prof_error_oom(err, "");
    if (rc < 0) {
        prof_filter_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

static bool any_match(const prof_filter *f, pcre2_code *const *v, size_t n,
                      const char *path)
{
    for (size_t i = 0; i < n; i++)
        if (pcre2_match(v[i], (PCRE2_SPTR)path, PCRE2_ZERO_TERMINATED, 0, 0,
                        f->md, NULL) >= 0)
            return true;
    return false;
}

int prof_filter_match(const prof_filter *f, const char *path)
{
    if (!f)
        return 1;
    if (f->ninc && !any_match(f, f->inc, f->ninc, path))
        return 0;
    return !any_match(f, f->exc, f->nexc, path);
}

static bool keep_file(const prof_file *file, void *ctx)
{
    return prof_filter_match(ctx, file->path);
}

int prof_profile_filter(prof_profile *p, const prof_filter *f,
                        prof_error *err)
{
    if (!f)
        return 0;
    if (prof_profile_retain(p, keep_file, (void *)f) < 0)
        return prof_error_oom(err, "");
    return 0;
}
