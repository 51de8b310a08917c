/* gcda_dir.c - a build directory as an input: its units found, read on
 * all cores, added in path order. */
#include "gcda.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct gd_tree {
    prof_reader *r;
    char **paths; /* .gcno and .gcda files found, sorted */
    size_t npaths, cap_paths;
    gd_unit *units;
    size_t nunits;
    uint64_t max;
    int rc;
} gd_tree;

static bool gd_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name);
    return n > 5 && !strcmp(name + n - 5, suffix);
}

static char *gd_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *s = malloc(a + b + 2);
    if (s) {
        memcpy(s, dir, a);
        s[a] = '/';
        memcpy(s + a + 1, name, b + 1);
    }
    return s;
}

/* Collect the notes and data files under DIR (symbolic links to
 * directories are not followed: a link loop cannot trap the walk). */
static int gd_walk(gd_tree *t, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return prof_reader_fail(t->r, PROF_EIO, 0, "cannot read directory "
                                "%s", dir);
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = gd_join(dir, e->d_name);
        struct stat st;
        if (!p) {
            rc = prof_reader_oom(t->r, 0);
            break;
        }
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rc = gd_walk(t, p);
        else if ((gd_suffix(p, ".gcno") || gd_suffix(p, ".gcda")) &&
                 stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            if (prof_grow((void **)&t->paths, &t->cap_paths, t->npaths,
                          sizeof *t->paths) < 0) {
                free(p);
                rc = prof_reader_oom(t->r, 0);
                break;
            }
            t->paths[t->npaths++] = p;
            continue;
        }
        free(p);
    }
    closedir(d);
    return rc;
}

static int gd_cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pair the files: a unit per .gcno, with its .gcda when there is one (the
 * paths are sorted: x.gcda comes just before x.gcno). */
static int gd_pair(gd_tree *t)
{
    t->units = calloc(t->npaths ? t->npaths : 1, sizeof *t->units);
    if (!t->units)
        return prof_reader_oom(t->r, 0);
    for (size_t i = 0; i < t->npaths; i++) {
        const char *p = t->paths[i];
        size_t n = strlen(p);
        bool pair = i + 1 < t->npaths && gd_suffix(p, ".gcda") &&
                    strlen(t->paths[i + 1]) == n &&
                    !memcmp(t->paths[i + 1], p, n - 5);
        if (gd_suffix(p, ".gcda") && !pair)
            return prof_reader_fail(t->r, PROF_EFORMAT, 0, "%s has no notes "
                                    "file (.gcno) beside it: the object was "
                                    "removed, or its notes are elsewhere",
                                    p);
        gd_unit *u = &t->units[t->nunits++];
        u->data_path = pair ? p : NULL;
        u->path = pair ? t->paths[++i] : p;
    }
    return 0;
}

static void gd_tree_job(void *ctx, size_t i)
{
    gd_tree *t = ctx;
    gd_unit_run(&t->units[i], NULL, t->max);
}

int gd_read_dir(prof_reader *r, const char *dir)
{
    gd_tree t = {r, NULL, 0, 0, NULL, 0, prof_reader_max_input(r), 0};
    int rc = gd_walk(&t, dir);
    if (rc == 0 && t.npaths == 0)
        rc = prof_reader_fail(r, PROF_EFORMAT, 0, "no .gcno or .gcda files "
                              "under this directory");
    if (rc == 0) {
        qsort(t.paths, t.npaths, sizeof *t.paths, gd_cmp_path);
        rc = gd_pair(&t);
    }
    if (rc == 0)
        prof_parallel(t.nunits, gd_tree_job, &t);
    for (size_t i = 0; i < t.nunits; i++) {
        if (rc == 0)
            rc = t.units[i].rc < 0 ? gd_unit_error(r, &t.units[i])
                                   : gd_unit_add(r, &t.units[i]);
        gd_unit_free(&t.units[i]);
    }
    for (size_t i = 0; i < t.npaths; i++)
        free(t.paths[i]);
    free(t.paths);
    free(t.units);
    return rc;
}

/* A directory holding notes or data files, at any depth. */
bool gd_detect_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        found = gd_suffix(e->d_name, ".gcno") || gd_suffix(e->d_name, ".gcda");
        char *p = found ? NULL : gd_join(dir, e->d_name);
        struct stat st;
        if (p && lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            found = gd_detect_dir(p);
        free(p);
    }
    closedir(d);
    return found;
}
