/* output.c - atomic output: files replaced whole, devices written in place,
 * report directories swapped in with their marker. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* Temporary names are ".covkit-tmp-PID-SUFFIX" in the output's directory;
 * one whose process is gone and that has not changed for a minute was left
 * by a killed run and is removed by the next write there. */
#define TMP_PREFIX ".covkit-tmp-"
#define TMP_STALE_SECS 60

static bool tmp_is_stale(int dfd, const char *name)
{
    const char *p = name + strlen(TMP_PREFIX);
    char *end;
    errno = 0;
    long pid = strtol(p, &end, 10);
    struct stat st;
    if (errno || end == p || *end != '-' || pid <= 0 || pid == getpid())
        return false;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
        return false;
    return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(st.st_mode) && time(NULL) - st.st_mtime >= TMP_STALE_SECS;
}

static void tmp_clean_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) &&
            tmp_is_stale(dirfd(d), e->d_name))
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

/* Open a temporary file in the directory of PATH. With O_TMPFILE it has no
 * name until linked, so a killed run leaves nothing behind. */
static int tmp_open(const char *path, char *tmpl, size_t tmplsz, bool *named)
{
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", path);
    const char *dir = dirname(dirbuf);
    tmp_clean_stale(dir);
    mode_t um = umask(0);
    umask(um);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666 & ~um);
    if (fd >= 0) {
        *named = false;
        return fd;
    }
    snprintf(tmpl, tmplsz, "%s/" TMP_PREFIX "%ld-XXXXXX", dir,
             (long)getpid());
    fd = mkostemp(tmpl, O_CLOEXEC);
    if (fd >= 0) {
        *named = true;
        fchmod(fd, 0666 & ~um);
    }
    return fd;
}

/* Give the finished temporary FD the name PATH, replacing what was there. */
static int tmp_commit(int fd, const char *path, char *tmpl, size_t tmplsz,
                      bool named)
{
    if (named)
        return rename(tmpl, path);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", path);
    const char *dir = dirname(dirbuf);
    for (int tries = 0; tries < 100; tries++) {
        snprintf(tmpl, tmplsz, "%s/" TMP_PREFIX "%ld-%d", dir, (long)getpid(),
                 tries);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmpl, AT_SYMLINK_FOLLOW) == 0) {
            if (rename(tmpl, path) == 0)
                return 0;
            int e = errno;
            unlink(tmpl);
            errno = e;
            return -1;
        }
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

static int write_to_sink(prof_fill_fn fill, void *ctx, int fd,
                         const char *name, const char *path, prof_error *err)
{
    prof_sink s = {.fd = fd, .buf = malloc(1 << 16), .cap = 1 << 16,
                   .path = path};
    if (!s.buf)
        return prof_error_oom(err, name);
    int rc = fill(&s, ctx, err);
    int frc = prof_sink_flush(&s);
    free(s.buf);
    if (rc < 0)
        return rc;
    if (frc < 0) {
        errno = s.err;
        return prof_io_fail(err, name, "cannot write");
    }
    return 0;
}

int prof_write_atomic(const char *path, prof_fill_fn fill, void *ctx,
                      prof_error *err)
{
    char tmpl[4200];
    bool named = false;
    int fd = tmp_open(path, tmpl, sizeof tmpl, &named);
    if (fd < 0)
        return prof_io_fail(err, path,
                            "cannot create a temporary file beside it");
    int rc = write_to_sink(fill, ctx, fd, path, path, err);
    if (rc == 0 && fsync(fd) < 0 && errno != EINVAL)
        rc = prof_io_fail(err, path, "cannot write");
    if (rc == 0 && tmp_commit(fd, path, tmpl, sizeof tmpl, named) < 0)
        rc = prof_io_fail(err, path, "cannot rename the output into place");
    if (rc < 0 && named)
        unlink(tmpl);
    if (close(fd) < 0 && rc == 0)
        rc = prof_io_fail(err, path, "cannot write");
    return rc;
}

typedef struct format_fill {
    const prof_profile *p;
    const prof_format *fmt;
    const prof_write_opts *o;
} format_fill;

static int fill_format(prof_sink *s, void *ctx, prof_error *err)
{
    const format_fill *ff = ctx;
    return ff->fmt->write(ff->p, s, ff->o, err);
}

/* Write PATH in place, opened with FLAGS: a new file (O_CREAT, O_EXCL:
 * prof_write_new), or a device or FIFO (-o /dev/null, a pipe), which a
 * temporary renamed over it would replace with a file. A device's sink
 * has no path: the writers name it as they name stdout. */
static int write_in_place(const char *path, int flags, prof_fill_fn fill,
                          void *ctx, prof_error *err)
{
    bool create = (flags & O_CREAT) != 0;
    int fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0666);
    if (fd < 0)
        return prof_io_fail(err, path, create ? "cannot create"
                                              : "cannot open");
    int rc = write_to_sink(fill, ctx, fd, path, create ? path : NULL, err);
    if (close(fd) < 0 && rc == 0)
        rc = prof_io_fail(err, path, "cannot write");
    return rc;
}

/* PATH "-" is stdout; devices and FIFOs are written in place, files
 * atomically. */
static int write_path(const char *path, prof_fill_fn fill, void *ctx,
                      prof_error *err)
{
    if (!strcmp(path, "-"))
        return write_to_sink(fill, ctx, 1, "<stdout>", NULL, err);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_in_place(path, 0, fill, ctx, err);
    return prof_write_atomic(path, fill, ctx, err);
}

int prof_write_new(const char *path, prof_fill_fn fill, void *ctx,
                   prof_error *err)
{
    return write_in_place(path, O_CREAT | O_EXCL | O_NOFOLLOW, fill, ctx, err);
}

/* ---- directory output ---- */

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int rm_tree(const char *path)
{
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool dir_empty(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* May DIR be replaced? Absent (*EXISTS false), empty, or a covkit report
 * (holding PROF_DIR_MARKER). Anything else is refused with PROF_EINVAL:
 * the user named the wrong directory. */
static int dir_check(const char *dir, bool *exists, prof_error *err)
{
    struct stat st;
    *exists = false;
    if (lstat(dir, &st) < 0)
        return errno == ENOENT ? 0 : prof_io_fail(err, dir, "cannot stat");
    *exists = true;
    if (!S_ISDIR(st.st_mode))
        return prof_error_set(err, PROF_EINVAL, dir, 0,
                              "exists and is not a directory (%s); a report "
                              "needs a directory of its own",
                              S_ISLNK(st.st_mode) ? "a symbolic link"
                                                  : "a file");
    char marker[4200];
    snprintf(marker, sizeof marker, "%s/%s", dir, PROF_DIR_MARKER);
    if ((lstat(marker, &st) == 0 && S_ISREG(st.st_mode)) || dir_empty(dir))
        return 0;
    return prof_error_set(err, PROF_EINVAL, dir, 0,
                          "is neither empty nor a covkit report (no %s in "
                          "it); refusing to replace it",
                          PROF_DIR_MARKER);
}

static int fill_marker(prof_sink *s, void *ctx, prof_error *err)
{
    (void)ctx, (void)err;
    prof_sink_puts(s, "covkit report: covconv and covmerge replace this "
                      "directory as a whole\n");
    return 0;
}

/* Put the finished TMP at DIR. An existing DIR is exchanged atomically
 * (renameat2), so TMP then holds the old tree; without RENAME_EXCHANGE
 * support it is moved aside to TMP.old first. OLD receives where the old
 * tree is. Returns -1 with errno on failure (DIR unchanged). */
static int dir_swap(const char *tmp, const char *dir, bool exists,
                    char *old, size_t oldsz)
{
    snprintf(old, oldsz, "%s", tmp);
    if (!exists)
        return rename(tmp, dir);
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
    snprintf(old, oldsz, "%s.old", tmp);
    if (rename(dir, old) < 0)
        return -1;
    if (rename(tmp, dir) < 0) {
        int e = errno;
        rename(old, dir);
        errno = e;
        return -1;
    }
    return 0;
}

/* An error about a file in the temporary TMP names it under DIR instead:
 * the temporary is gone, DIR is what the user asked for. */
static void blame_dir(prof_error *err, const char *tmp, const char *dir)
{
    size_t n = strlen(tmp);
    if (!err || strncmp(err->path, tmp, n) ||
        (err->path[n] && err->path[n] != '/'))
        return;
    char rest[sizeof err->path];
    snprintf(rest, sizeof rest, "%s", err->path + n);
    snprintf(err->path, sizeof err->path, "%s%s", dir, rest);
}

/* Build the report in a fresh directory beside DIR; swap it into place
 * only when complete, then remove the old report. */
static int write_dir(const prof_profile *p, const char *dir,
                     const prof_format *fmt, const prof_write_opts *o,
                     prof_error *err)
{
    bool exists;
    PROF_TRY(dir_check(dir, &exists, err));
    char tmp[4200], dirbuf[4096], marker[4300], old[4300];
    snprintf(dirbuf, sizeof dirbuf, "%s", dir);
    snprintf(tmp, sizeof tmp, "%s/.covkit-tmp-XXXXXX", dirname(dirbuf));
    if (!mkdtemp(tmp))
        return prof_io_fail(err, dir, "cannot create a temporary directory "
                                 "beside it");
    mode_t um = umask(0);
    umask(um);
    chmod(tmp, 0777 & ~um);
    snprintf(marker, sizeof marker, "%s/%s", tmp, PROF_DIR_MARKER);
    int rc = fmt->write_dir(p, tmp, o, err);
    if (rc == 0)
        rc = prof_write_new(marker, fill_marker, NULL, err);
    if (rc == 0 && dir_swap(tmp, dir, exists, old, sizeof old) < 0)
        rc = prof_io_fail(err, dir, "cannot rename the report into place");
    if (rc < 0) {
        rm_tree(tmp);
        blame_dir(err, tmp, dir);
    } else if (exists && rm_tree(old) < 0 && o->warn) {
        prof_error w;
        prof_io_fail(&w, old, "cannot remove the old report");
        o->warn(o->warn_ctx, &w);
    }
    return rc;
}

int prof_write_file(const prof_profile *p, const char *path,
                    const prof_format *fmt, prof_error *err)
{
    return prof_write_file_opts(p, path, fmt, NULL, err);
}

int prof_write_file_opts(const prof_profile *p, const char *path,
                         const prof_format *fmt, const prof_write_opts *o,
                         prof_error *err)
{
    static const prof_write_opts defaults = {.lcov_version = 1};
    if (!o)
        o = &defaults;
    if (!fmt || !(fmt->write || fmt->write_dir))
        return prof_error_set(err, PROF_EINVAL, path, 0,
                              "format %s cannot be written",
                              fmt ? fmt->name : "(none)");
    if (fmt->write_dir && !strcmp(path, "-"))
        return prof_error_set(err, PROF_EINVAL, "", 0,
                              "format %s writes a directory: name it with "
                              "-o DIR", fmt->name);
    if (fmt->write_dir)
        return write_dir(p, path, fmt, o, err);
    format_fill ff = {p, fmt, o};
    return write_path(path, fill_format, &ff, err);
}

typedef struct buffer_fill {
    const void *data;
    size_t len;
} buffer_fill;

static int fill_buffer(prof_sink *s, void *ctx, prof_error *err)
{
    (void)err;
    const buffer_fill *bf = ctx;
    prof_sink_write(s, bf->data, bf->len);
    return 0;
}

int prof_write_buffer(const char *path, const void *data, size_t len,
                      prof_error *err)
{
    buffer_fill bf = {data, len};
    return write_path(path, fill_buffer, &bf, err);
}
