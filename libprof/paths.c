/* paths.c - --path-map rewriting of input paths, and source lookup. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- path maps ------------------------------------------------------ */

struct prof_pathmap {
    pcre2_code *re;
    char *repl;
};

void prof_pathmaps_free(prof_pathmaps *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        pcre2_code_free(m->v[i].re);
        free(m->v[i].repl);
    }
    free(m->v);
    free(m);
}

int prof_profile_add_path_map(prof_profile *p, const char *spec,
                              prof_error *err)
{
    const char *eq = strrchr(spec, '=');
    if (!eq || eq == spec)
        return prof_error_set(err, PROF_EINVAL, "", 0,
                              "bad path map '%s' (expected REGEX=REPLACEMENT)",
                              spec);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)spec, (PCRE2_SIZE)(eq - spec),
                                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code,
                                   &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        return prof_error_set(err, PROF_EINVAL, "", 0,
                              "bad path map regex '%.*s' at offset %zu: %s",
                              (int)(eq - spec), spec, (size_t)off,
                              (const char *)msg);
    }
    if (!p->maps && !(p->maps = calloc(1, sizeof *p->maps)))
        goto oom;
    size_t cap = p->maps->n; /* grow one at a time: few maps */
    struct prof_pathmap *nv =
        realloc(p->maps->v, (cap + 1) * sizeof *p->maps->v);
    char *repl = strdup(eq + 1);
    if (!nv || !repl) {
        if (nv)
            p->maps->v = nv;
        free(repl);
        goto oom;
    }
    p->maps->v = nv;
    nv[p->maps->n++] = (struct prof_pathmap){re, repl};
    return 0;
oom:
    pcre2_code_free(re);
    return prof_error_set(err, PROF_ENOMEM, "", 0, "out of memory");
}

/* Apply one map to IN; returns a malloc'd result (NULL on OOM or when the
 * replacement is invalid; *BAD tells which). No match returns a copy. */
static char *map_one(const struct prof_pathmap *m, const char *in, size_t len,
                     size_t *outlen, int *bad)
{
    PCRE2_SIZE cap = len * 2 + 256;
    for (int tries = 0; tries < 2; tries++) {
        char *out = malloc(cap + 1);
        if (!out)
            return NULL;
        PCRE2_SIZE n = cap;
        int rc = pcre2_substitute(
            m->re, (PCRE2_SPTR)in, len, 0, PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
            NULL, NULL, (PCRE2_SPTR)m->repl, PCRE2_ZERO_TERMINATED,
            (PCRE2_UCHAR *)out, &n);
        if (rc >= 0) {
            *outlen = n;
            return out;
        }
        free(out);
        if (rc != PCRE2_ERROR_NOMEMORY) {
            *bad = rc;
            return NULL;
        }
        cap = n;
    }
    return NULL;
}

int prof_pathmaps_apply(const prof_pathmaps *m, const char *path, size_t len,
                        char **out, size_t *outlen, prof_error *err)
{
    char *cur = NULL;
    size_t curlen = len;
    for (size_t i = 0; i < m->n; i++) {
        int bad = 0;
        size_t n = 0;
        char *next = map_one(&m->v[i], cur ? cur : path, curlen, &n, &bad);
        free(cur);
        if (!next && bad) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(bad, msg, sizeof msg);
            return prof_error_set(err, PROF_EINVAL, "", 0,
                                  "path map replacement '%s': %s",
                                  m->v[i].repl, (const char *)msg);
        }
        if (!next)
            return prof_error_set(err, PROF_ENOMEM, "", 0, "out of memory");
        cur = next;
        curlen = n;
    }
    if (!cur && !(cur = strndup(path, len)))
        return prof_error_set(err, PROF_ENOMEM, "", 0, "out of memory");
    *out = cur;
    *outlen = curlen;
    return 0;
}

/* ---- source lookup -------------------------------------------------- */

struct prof_sources {
    char **roots;
    size_t nroots;
};

prof_sources *prof_sources_new(void) { return calloc(1, sizeof(prof_sources)); }

void prof_sources_free(prof_sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nroots; i++)
        free(s->roots[i]);
    free(s->roots);
    free(s);
}

int prof_sources_add_root(prof_sources *s, const char *dir, prof_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return prof_error_set(err, PROF_EINVAL, dir, 0,
                              "--source-root is not a directory");
    char **nv = realloc(s->roots, (s->nroots + 1) * sizeof *nv);
    if (!nv)
        return prof_error_set(err, PROF_ENOMEM, dir, 0, "out of memory");
    s->roots = nv;
    if (!(nv[s->nroots] = strdup(dir)))
        return prof_error_set(err, PROF_ENOMEM, dir, 0, "out of memory");
    s->nroots++;
    return 0;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *dir, const char *rel)
{
    size_t dl = strlen(dir), rl = strlen(rel);
    char *out = malloc(dl + rl + 2);
    if (!out)
        return NULL;
    memcpy(out, dir, dl);
    out[dl] = '/';
    memcpy(out + dl + 1, rel, rl + 1);
    return out;
}

char *prof_sources_find(const prof_sources *s, const char *path)
{
    if (path[0] == '/')
        return is_file(path) ? strdup(path) : NULL;
    static const char *const dot = ".";
    const char *const *roots =
        s && s->nroots ? (const char *const *)s->roots : &dot;
    size_t nroots = s && s->nroots ? s->nroots : 1;
    for (size_t i = 0; i < nroots; i++) {
        char *cand = join(roots[i], path);
        if (cand && is_file(cand))
            return cand;
        free(cand);
    }
    return NULL;
}
