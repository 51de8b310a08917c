/* failwrite.c - LD_PRELOAD shim that makes output system calls fail, for
 * tests/faults.sh. FAILWRITE is a comma-separated list of
 *   CALL:ERRNO     CALL (write, fsync, rename, linkat) fails with ERRNO
 *                  (ENOSPC, EIO, EDQUOT or EROFS); write fails only on
 *                  descriptors above 2 (stderr stays usable) and only once
 *                  FAILWRITE_AFTER bytes (default 0) went to such files
 *   tmpfile        open(..., O_TMPFILE) fails with EOPNOTSUPP, as on a
 *                  file system without it (the named-temporary fallback)
 *   flockdir       flock on a directory fails with ENOLCK, as on a file
 *                  system that cannot lock one (covrun's lock file)
 * Built by the Makefile as build/tests/shim/failwrite.so.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n);
int fsync(int fd);
int rename(const char *from, const char *to);
int linkat(int fd1, const char *p1, int fd2, const char *p2, int flags);
int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int flock(int fd, int op);

static const struct {
    const char *name;
    int value;
} fw_errnos[] = {
    {"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EDQUOT", EDQUOT}, {"EROFS", EROFS},
};

/* The errno CALL must fail with, 0 if it must not. */
static int fw_errno(const char *call)
{
    const char *spec = getenv("FAILWRITE");
    size_t n = strlen(call);
    for (const char *s = spec; s && *s;) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > n && !strncmp(s, call, n) && s[n] == ':')
            for (size_t i = 0; i < sizeof fw_errnos / sizeof *fw_errnos;
                 i++)
                if (strlen(fw_errnos[i].name) == len - n - 1 &&
                    !strncmp(s + n + 1, fw_errnos[i].name, len - n - 1))
                    return fw_errnos[i].value;
        if (len == n && !strncmp(s, call, n))
            return EOPNOTSUPP;
        s = end ? end + 1 : NULL;
    }
    return 0;
}

/* Whether CALL must fail now; errno is set when it must. */
static bool fw_fails(const char *call)
{
    int e = fw_errno(call);
    if (e)
        errno = e;
    return e != 0;
}

/* The real function NAME into *FN (memcpy: ISO C has no cast from an
 * object pointer to a function pointer). */
static void fw_next(const char *name, void *fn, size_t size)
{
    void *sym = dlsym(RTLD_NEXT, name);
    memcpy(fn, &sym, size);
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*fsync_fn)(int);
typedef int (*rename_fn)(const char *, const char *);
typedef int (*linkat_fn)(int, const char *, int, const char *, int);
typedef int (*open_fn)(const char *, int, ...);
typedef int (*flock_fn)(int, int);

ssize_t write(int fd, const void *buf, size_t n)
{
    static unsigned long long written;
    write_fn next;
    fw_next("write", &next, sizeof next);
    int e = fd > 2 ? fw_errno("write") : 0;
    if (e) {
        const char *after = getenv("FAILWRITE_AFTER");
        unsigned long long limit = after ? strtoull(after, NULL, 10) : 0;
        if (written >= limit) {
            errno = e;
            return -1;
        }
        if (n > limit - written)
            n = (size_t)(limit - written);
    }
    ssize_t r = next(fd, buf, n);
    if (r > 0 && fd > 2)
        written += (unsigned long long)r;
    return r;
}

int fsync(int fd)
{
    if (fw_fails("fsync"))
        return -1;
    fsync_fn next;
    fw_next("fsync", &next, sizeof next);
    return next(fd);
}

int rename(const char *from, const char *to)
{
    if (fw_fails("rename"))
        return -1;
    rename_fn next;
    fw_next("rename", &next, sizeof next);
    return next(from, to);
}

int linkat(int fd1, const char *p1, int fd2, const char *p2, int flags)
{
    if (fw_fails("linkat"))
        return -1;
    linkat_fn next;
    fw_next("linkat", &next, sizeof next);
    return next(fd1, p1, fd2, p2, flags);
}

/* open and open64 alike: O_TMPFILE may fail, the rest goes through. */
static int fw_vopen(const char *name, const char *path, int flags,
                    va_list ap)
{
    bool tmpfile = (flags & O_TMPFILE) == O_TMPFILE;
    mode_t mode = (flags & O_CREAT) || tmpfile ? va_arg(ap, mode_t) : 0;
    if (tmpfile && fw_errno("tmpfile")) {
        errno = EOPNOTSUPP;
        return -1;
    }
    open_fn next;
    fw_next(name, &next, sizeof next);
    return next(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int fd = fw_vopen("open", path, flags, ap);
    va_end(ap);
    return fd;
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    int fd = fw_vopen("open64", path, flags, ap);
    va_end(ap);
    return fd;
}

int flock(int fd, int op)
{
    struct stat st;
    if (fw_errno("flockdir") && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = ENOLCK;
        return -1;
    }
    flock_fn next;
    fw_next("flock", &next, sizeof next);
    return next(fd, op);
}
