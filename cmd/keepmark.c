/* keepmark.c - covrun's note in a --keep directory, and the merge check. */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * covrun --keep DIR -o OUTPUT folds each run into OUTPUT and also keeps the
 * run's files in DIR, so `covmerge OUTPUT DIR` would count every run twice.
 * covrun therefore appends a line "ABSOLUTE<TAB>RELATIVE" to DIR/KM_NAME:
 * OUTPUT's resolved path, and its path from DIR (which still holds when
 * both are moved together, as CI artifacts are). When covmerge, covconv or
 * covcheck read a directory holding that note together with a file that is
 * one of the outputs it names, they warn. Go's tools ignore the file (a
 * GOCOVERDIR's data files are covmeta.* and covcounters.*).
 */
#define KM_NAME "covrun-folded.txt"
#define KM_MAX (1 << 20) /* a note larger than this is not read */

static const char km_header[] =
    "# covrun(1) folded the coverage files of this directory into the\n"
    "# profiles below (resolved path, then the path from this directory):\n"
    "# merging this directory with one of them counts its runs twice.\n";

static char *km_join(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, sep, b);
    return s;
}

/* The path of FILE from directory DIR, both resolved ("../e2e.out"). */
static char *km_relative(const char *dir, const char *file)
{
    size_t i = 0, j = 0; /* j: just past the last common '/' */
    for (; dir[i] && dir[i] == file[i]; i++)
        if (dir[i] == '/')
            j = i + 1;
    const char *rest = dir + j; /* DIR's components below the common part */
    if (!dir[i] && file[i] == '/') { /* DIR holds FILE */
        rest = "";
        j = i + 1;
    }
    size_t up = *rest ? 1 : 0;
    for (const char *s = rest; *s; s++)
        up += *s == '/';
    char *r = malloc(3 * up + strlen(file + j) + 1);
    if (!r)
        return NULL;
    char *o = r;
    for (size_t k = 0; k < up; k++, o += 3)
        memcpy(o, "../", 3);
    strcpy(o, file + j);
    return r;
}

/* OUTPUT's resolved path: its directory resolved, then its base name (the
 * file itself may not exist yet, or be replaced by each fold). */
static char *km_resolve_output(const char *output)
{
    const char *slash = strrchr(output, '/');
    char *dir = slash ? strndup(output, (size_t)(slash - output) + 1)
                      : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    char *r = real ? km_join(real, strcmp(real, "/") ? "/" : "",
                             slash ? slash + 1 : output)
                   : NULL;
    free(dir);
    free(real);
    return r;
}

/* The note of DIR (NUL-terminated, malloc'd), NULL if it has none. */
static char *km_read(const char *dir)
{
    char *path = km_join(dir, "/", KM_NAME);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
        st.st_size > KM_MAX) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    ssize_t n = buf ? read(fd, buf, (size_t)st.st_size) : -1;
    close(fd);
    if (n < 0) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* Whether NOTE holds LINE (with its newline) as one of its lines. */
static bool km_has_line(const char *note, const char *line)
{
    size_t n = strlen(line);
    for (const char *s = note; s && *s;) {
        if (!strncmp(s, line, n))
            return true;
        s = strchr(s, '\n');
        s = s ? s + 1 : NULL;
    }
    return false;
}

int cli_keep_mark(const char *keep, const char *output)
{
    char *kdir = realpath(keep, NULL);
    char *out = km_resolve_output(output);
    char *rel = kdir && out ? km_relative(kdir, out) : NULL;
    char *line = rel ? km_join(out, "\t", rel) : NULL;
    char *full = line ? km_join(line, "\n", "") : NULL;
    char *note = kdir ? km_read(kdir) : NULL;
    char *path = kdir ? km_join(kdir, "/", KM_NAME) : NULL;
    int rc = full && path ? 0 : -1;
    /* a path holding a newline or a tab cannot be noted: no check then */
    if (rc == 0 && !strpbrk(out, "\t\n") && !strchr(rel, '\n') &&
        !km_has_line(note, full)) {
        int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
        char *text = fd >= 0 && !note ? km_join(km_header, "", full) : full;
        /* one write: concurrent covruns append whole lines */
        size_t n = text ? strlen(text) : 0;
        if (fd < 0 || !text || write(fd, text, n) != (ssize_t)n)
            rc = -1;
        if (text != full)
            free(text);
        if (fd >= 0 && close(fd) < 0)
            rc = -1;
    }
    free(kdir);
    free(out);
    free(rel);
    free(line);
    free(full);
    free(note);
    free(path);
    return rc;
}

/* Whether the note line LINE (in directory KDIR) names the file REAL. */
static bool km_names(const char *kdir, char *line, const char *real)
{
    char *tab = strchr(line, '\t');
    if (!tab)
        return false;
    *tab = '\0';
    bool same = !strcmp(line, real);
    *tab = '\t';
    if (same)
        return true;
    char *moved = km_join(kdir, "/", tab + 1);
    char *r = moved ? realpath(moved, NULL) : NULL;
    same = r && !strcmp(r, real);
    free(moved);
    free(r);
    return same;
}

/* Whether the note of directory KDIR names the file REAL. */
static bool km_note_names(const char *kdir, char *note, const char *real)
{
    for (char *line = note; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        bool hit = *line != '#' && km_names(kdir, line, real);
        if (nl)
            *nl = '\n';
        if (hit)
            return true;
        line = nl ? nl + 1 : NULL;
    }
    return false;
}

static void km_warn(const char *dir, const char *output, prof_warn_fn warn,
                    void *ctx)
{
    prof_error w = {.code = PROF_EMERGE};
    snprintf(w.path, sizeof w.path, "%s", dir);
    snprintf(w.msg, sizeof w.msg,
             "covrun already folded the runs kept here into %s, also an "
             "input: each of these runs is counted twice (merge %s or this "
             "directory, not both)", output, output);
    warn(ctx, &w);
}

void cli_keep_check(char *const *inputs, size_t n, prof_warn_fn warn,
                    void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!strcmp(inputs[i], "-") || stat(inputs[i], &st) < 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        char *kdir = realpath(inputs[i], NULL);
        char *note = kdir ? km_read(kdir) : NULL;
        for (size_t j = 0; note && j < n; j++) {
            if (j == i || !strcmp(inputs[j], "-"))
                continue;
            char *real = realpath(inputs[j], NULL);
            if (real && km_note_names(kdir, note, real))
                km_warn(inputs[i], inputs[j], warn, ctx);
            free(real);
        }
        free(note);
        free(kdir);
    }
}
