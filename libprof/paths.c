/* paths.c - --path-map rewriting of input paths, and source lookup. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

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
    prof_pathmaps **maps = &p->own_opts.maps;
    if (!*maps && !(*maps = calloc(1, sizeof **maps)))
        goto oom;
    size_t cap = (*maps)->n; /* grow one at a time: few maps */
    struct prof_pathmap *nv =
        realloc((*maps)->v, (cap + 1) * sizeof *(*maps)->v);
    char *repl = strdup(eq + 1);
    if (!nv || !repl) {
        if (nv)
            (*maps)->v = nv;
        free(repl);
        goto oom;
    }
    (*maps)->v = nv;
    nv[(*maps)->n++] = (struct prof_pathmap){re, repl};
    return 0;
oom:
    pcre2_code_free(re);
    return prof_error_oom(err, "");
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
            return prof_error_oom(err, "");
        cur = next;
        curlen = n;
    }
    if (!cur && !(cur = strndup(path, len)))
        return prof_error_oom(err, "");
    *out = cur;
    *outlen = curlen;
    return 0;
}

/* ---- source lookup -------------------------------------------------- */

/*
 * Every root is scanned once, on the first lookup, for go.mod files, nested
 * modules included. The walk skips directories named `testdata` (the go
 * command never builds them; the Go tree holds hundreds of go.mod fixtures
 * there), `vendor` (copies of other modules, reached through MOD/vendor
 * below) and hidden dot directories (.git and tool caches; the go command
 * ignores them too). Unlike the go command's package patterns it enters
 * `_` directories: `_examples/go.mod` is a common way to keep a module
 * out of `./...`, and it is still a module whose profiles need sources.
 * Symbolic links to directories are not followed (no cycles).
 *
 * One module path declared by several go.mod files (a copy of the module,
 * an old checkout inside the tree) is resolved, never left to readdir's
 * order: the go.mod under the first root wins, then the one in the
 * shallowest directory, then the first in byte order; the lookup's
 * warning callback names every go.mod and the one used.
 *
 * A relative PATH is then tried as MODDIR/REST for every module whose path
 * MOD is a prefix (PATH = MOD/REST), longest module path first; then as
 * ROOT/PATH for every root in order (the Go tree's src/go.mod says
 * `module std` and its import paths have no prefix); then as
 * MODDIR/vendor/PATH (a dependency in vendor mode). The first that names a
 * regular file wins.
 */

typedef struct src_mod {
    char *path; /* module path */
    size_t len;
    char *dir;   /* directory of its go.mod */
    size_t root; /* index of the root it was found under */
} src_mod;

struct prof_sources {
    char **roots;
    size_t nroots;
    prof_warn_fn warn;
    void *warn_ctx;
    pthread_mutex_t lock; /* guards the one-time scan */
    bool scanned;
    src_mod *mods;
    size_t nmods, cap_mods;
};

static void src_mod_free(src_mod *m)
{
    free(m->path);
    free(m->dir);
}

prof_sources *prof_sources_new(void)
{
    prof_sources *s = calloc(1, sizeof *s);
    if (s && pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void prof_sources_set_warn(prof_sources *s, prof_warn_fn fn, void *ctx)
{
    s->warn = fn;
    s->warn_ctx = ctx;
}

void prof_sources_free(prof_sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nroots; i++)
        free(s->roots[i]);
    free(s->roots);
    for (size_t i = 0; i < s->nmods; i++)
        src_mod_free(&s->mods[i]);
    free(s->mods);
    pthread_mutex_destroy(&s->lock);
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
        return prof_error_oom(err, dir);
    s->roots = nv;
    if (!(nv[s->nroots] = strdup(dir)))
        return prof_error_oom(err, dir);
    s->nroots++;
    s->scanned = false;
    return 0;
}

bool prof_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *prof_path_abs(prof_arena *a, const char *src, prof_error *err)
{
    char *cwd = NULL;
    if (!src || src[0] != '/') {
        cwd = getcwd(NULL, 0);
        if (!cwd) {
            prof_error_set(err, PROF_EIO, "", 0,
                           "cannot get the current directory: %s",
                           strerror(errno));
            return NULL;
        }
    }
    size_t n = (cwd ? strlen(cwd) + 1 : 0) + (src ? strlen(src) : 0) + 2;
    char *in = prof_arena_alloc(a, n), *out = prof_arena_alloc(a, n);
    if (!in || !out) {
        free(cwd);
        prof_error_oom(err, "");
        return NULL;
    }
    snprintf(in, n, "%s/%s", cwd ? cwd : "", src ? src : "");
    free(cwd);
    size_t o = 0;
    char *save = NULL;
    for (char *tok = strtok_r(in, "/", &save); tok;
         tok = strtok_r(NULL, "/", &save)) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..")) {
            while (o > 0 && out[--o] != '/')
                ;
            continue;
        }
        o += (size_t)snprintf(out + o, n - o, "/%s", tok);
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return out;
}

const char *prof_path_under(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (path[0] == '/') {
        if (n == 1)
            return path + 1;
        if (!strncmp(path, dir, n) && path[n] == '/' && path[n + 1])
            return path + n + 1;
    }
    return path;
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

/* The module path of DIR/go.mod (under root ROOT) into S's list, if it
 * has one. */
static int src_gomod(prof_sources *s, size_t root, const char *dir,
                     const char *gomod)
{
    prof_input in;
    if (prof_input_load(&in, gomod, 1u << 24, NULL) < 0)
        return 0; /* unreadable or too big: not a module we can use */
    char *mod = NULL;
    int rc = prof_gomod_module((const char *)in.data, in.len, &mod);
    prof_input_release(&in);
    if (rc <= 0)
        return rc;
    char *d = strdup(dir);
    if (!d || prof_grow((void **)&s->mods, &s->cap_mods, s->nmods,
                        sizeof *s->mods) < 0) {
        free(d);
        free(mod);
        return PROF_ENOMEM;
    }
    s->mods[s->nmods] = (src_mod){mod, strlen(mod), d, root};
    s->nmods++;
    return 0;
}

static bool src_skip_dir(const char *name)
{
    return name[0] == '.' || !strcmp(name, "testdata") ||
           !strcmp(name, "vendor");
}

/* Is DIR/NAME a directory (not a link to one)? */
static bool src_is_dir(const char *path, const struct dirent *de)
{
    if (de->d_type != DT_UNKNOWN)
        return de->d_type == DT_DIR;
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int src_walk(prof_sources *s, size_t root, const char *dir)
{
    char *gomod = join(dir, "go.mod");
    if (!gomod)
        return PROF_ENOMEM;
    int rc = prof_is_file(gomod) ? src_gomod(s, root, dir, gomod) : 0;
    free(gomod);
    DIR *d = rc == 0 ? opendir(dir) : NULL;
    if (!d)
        return rc;
    for (struct dirent *de; rc == 0 && (de = readdir(d)) != NULL;) {
        if (src_skip_dir(de->d_name))
            continue;
        char *sub = join(dir, de->d_name);
        if (!sub)
            rc = PROF_ENOMEM;
        else if (src_is_dir(sub, de))
            rc = src_walk(s, root, sub);
        free(sub);
    }
    closedir(d);
    return rc;
}

static size_t src_depth(const char *dir)
{
    size_t n = 0;
    for (; *dir; dir++)
        n += *dir == '/';
    return n;
}

/* Longest module path first; one path's go.mod files in the order of
 * preference: first root, shallowest directory, bytewise. */
static int src_mod_cmp(const void *va, const void *vb)
{
    const src_mod *a = va, *b = vb;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    size_t da = src_depth(a->dir), db = src_depth(b->dir);
    if (da != db)
        return da < db ? -1 : 1;
    return strcmp(a->dir, b->dir);
}

/* Are A and B one directory (a root inside another root)? */
static bool src_same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Keep the preferred go.mod of each module path (the list is sorted),
 * saying which were left. */
static void src_dedup(prof_sources *s)
{
    size_t o = 0;
    for (size_t i = 0; i < s->nmods; i++) {
        src_mod *m = &s->mods[i];
        if (o && !strcmp(s->mods[o - 1].path, m->path)) {
            if (s->warn && !src_same_dir(s->mods[o - 1].dir, m->dir)) {
                prof_error w;
                prof_error_set(&w, PROF_EINVAL, "", 0,
                               "module %s is declared by both %s/go.mod "
                               "and %s/go.mod: using %s/go.mod (the first "
                               "source root, then the shallowest "
                               "directory)",
                               m->path, s->mods[o - 1].dir, m->dir,
                               s->mods[o - 1].dir);
                s->warn(s->warn_ctx, &w);
            }
            src_mod_free(m);
            continue;
        }
        s->mods[o++] = *m;
    }
    s->nmods = o;
}

/* The roots: "." when none was added. */
static size_t src_nroots(const prof_sources *s)
{
    return s->nroots ? s->nroots : 1;
}

static const char *src_root(const prof_sources *s, size_t i)
{
    return s->nroots ? s->roots[i] : ".";
}

static void src_scan(prof_sources *s)
{
    pthread_mutex_lock(&s->lock);
    if (!s->scanned) {
        for (size_t i = s->nmods; i-- > 0;)
            src_mod_free(&s->mods[i]);
        s->nmods = 0;
        for (size_t i = 0; i < src_nroots(s); i++)
            if (src_walk(s, i, src_root(s, i)) < 0)
                break; /* out of memory: look up with what was found */
        if (s->nmods)
            qsort(s->mods, s->nmods, sizeof *s->mods, src_mod_cmp);
        src_dedup(s);
        s->scanned = true;
    }
    pthread_mutex_unlock(&s->lock);
}

/* DIR/PATH when it is a regular file, malloc'd; NULL otherwise. */
static char *src_try(const char *dir, const char *path)
{
    char *cand = join(dir, path);
    if (cand && prof_is_file(cand))
        return cand;
    free(cand);
    return NULL;
}

static char *src_in_modules(const prof_sources *s, const char *path)
{
    for (size_t i = 0; i < s->nmods; i++) {
        const src_mod *m = &s->mods[i];
        if (strncmp(path, m->path, m->len) || path[m->len] != '/')
            continue;
        char *hit = src_try(m->dir, path + m->len + 1);
        if (hit)
            return hit;
    }
    return NULL;
}

static char *src_in_vendor(const prof_sources *s, const char *path)
{
    for (size_t i = 0; i < s->nmods; i++) {
        char *vendor = join(s->mods[i].dir, "vendor");
        char *hit = vendor ? src_try(vendor, path) : NULL;
        free(vendor);
        if (hit)
            return hit;
    }
    return NULL;
}

const char *prof_sources_module(const prof_sources *s, const char *path,
                                const char **root, size_t *modlen)
{
    src_scan((prof_sources *)s);
    for (size_t i = 0; i < s->nmods; i++) {
        const src_mod *m = &s->mods[i];
        if (strncmp(path, m->path, m->len) || path[m->len] != '/')
            continue;
        *root = src_root(s, m->root);
        *modlen = m->len;
        return m->dir;
    }
    return NULL;
}

bool prof_sources_in_root(const prof_sources *s, const char *path)
{
    for (size_t i = 0; i < src_nroots(s); i++) {
        char *hit = src_try(src_root(s, i), path);
        free(hit);
        if (hit)
            return true;
    }
    return false;
}

char *prof_sources_find(const prof_sources *s, const char *path)
{
    if (path[0] == '/')
        return prof_is_file(path) ? strdup(path) : NULL;
    if (!s)
        return src_try(".", path);
    /* the scan is done once and cached: the lookup stays logically const */
    src_scan((prof_sources *)s);
    char *hit = src_in_modules(s, path);
    for (size_t i = 0; !hit && i < src_nroots(s); i++)
        hit = src_try(src_root(s, i), path);
    return hit ? hit : src_in_vendor(s, path);
}

/* ---- lexical paths (gcov's names) ---- */

bool prof_path_is_abs(const char *s, size_t n)
{
    return (n && (s[0] == '/' || s[0] == '\\' || s[0] == '<')) ||
           (n >= 3 && s[1] == ':' && (s[2] == '/' || s[2] == '\\'));
}

size_t prof_path_lexical(char *p, size_t n)
{
    bool abs = n && (p[0] == '/' || p[0] == '\\');
    size_t o = abs, keep = abs; /* keep: start of what ".." may remove */
    for (size_t i = abs; i <= n;) {
        size_t e = i;
        while (e < n && p[e] != '/' && p[e] != '\\')
            e++;
        size_t len = e - i;
        if (len == 2 && p[i] == '.' && p[i + 1] == '.' && o > keep) {
            o--; /* drop the last segment and its separator */
            while (o > keep && p[o - 1] != '/')
                o--;
        } else if (len == 2 && p[i] == '.' && p[i + 1] == '.' && !abs) {
            memmove(p + o, "..", 2);
            o += 2;
            if (e < n)
                p[o++] = '/';
            keep = o;
        } else if (len && !(len == 1 && p[i] == '.') &&
                   !(len == 2 && p[i] == '.' && p[i + 1] == '.')) {
            memmove(p + o, p + i, len);
            o += len;
            if (e < n)
                p[o++] = '/';
        }
        i = e + 1;
    }
    if (o > 1 && p[o - 1] == '/')
        o--;
    if (o == 0)
        p[o++] = '.';
    return o;
}
