/* input.c - load an input whole: a file (mmap), stdin, gunzip, size limits. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

int prof_io_fail(prof_error *err, const char *path, const char *what)
{
    return prof_error_set(err, PROF_EIO, path, 0, "%s: %s", what,
                          strerror(errno));
}

static int read_all(int fd, const char *path, uint64_t max, prof_input *in,
                    prof_error *err)
{
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return prof_error_oom(err, path);
    for (;;) {
        if (len == cap) {
            unsigned char *nb = cap * 2 > cap ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                return prof_error_oom(err, path);
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return prof_io_fail(err, path, "cannot read");
        }
        if (n == 0)
            break;
        len += (size_t)n;
        if (len > max) {
            free(buf);
            return prof_error_set(err, PROF_ELIMIT, path, 0,
                                  "input larger than the limit of %llu "
                                  "bytes", (unsigned long long)max);
        }
    }
    in->owned = buf;
    in->data = buf;
    in->len = len;
    return 0;
}

static int load_fd(prof_input *in, int fd, const char *path, uint64_t max,
                   prof_error *err)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return prof_io_fail(err, path, "cannot stat");
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return prof_io_fail(err, path, "cannot read");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uint64_t)st.st_size > max)
            return prof_error_set(err, PROF_ELIMIT, path, 0,
                                  "input larger than the limit of %llu "
                                  "bytes", (unsigned long long)max);
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
                       0);
        if (m != MAP_FAILED) {
            in->map = m;
            in->maplen = (size_t)st.st_size;
            in->data = m;
            in->len = in->maplen;
            return 0;
        }
    }
    return read_all(fd, path, max, in, err);
}

bool prof_is_gzip(const unsigned char *b, size_t len)
{
    return len >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

int prof_input_load_raw(prof_input *in, const char *path, uint64_t max,
                        prof_error *err)
{
    memset(in, 0, sizeof *in);
    bool std = !strcmp(path, "-");
    int fd = std ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return prof_io_fail(err, path, "cannot open");
    int rc = load_fd(in, fd, std ? "<stdin>" : path,
                     max ? max : PROF_MAX_INPUT, err);
    if (!std)
        close(fd);
    return rc;
}

int prof_input_load(prof_input *in, const char *path, uint64_t max,
                    prof_error *err)
{
    bool std = !strcmp(path, "-");
    int rc = prof_input_load_raw(in, path, max, err);
    if (rc < 0 || !prof_is_gzip(in->data, in->len))
        return rc;
    prof_input raw = *in;
    rc = prof_gunzip(raw.data, raw.len, max, std ? "<stdin>" : path, in, err);
    prof_input_release(&raw);
    return rc;
}

void prof_input_release(prof_input *in)
{
    if (in->map)
        munmap(in->map, in->maplen);
    free(in->owned);
    memset(in, 0, sizeof *in);
}

static int gz_grow(unsigned char **buf, size_t *cap, uint64_t max)
{
    size_t ncap = *cap * 2;
    if (ncap > max + 1)
        ncap = (size_t)max + 1;
    if (ncap <= *cap)
        return PROF_ELIMIT;
    unsigned char *nb = realloc(*buf, ncap);
    if (!nb)
        return PROF_ENOMEM;
    *buf = nb;
    *cap = ncap;
    return 0;
}

/* The first room for what gzip data SRC inflates to: its last member's
 * size field (ISIZE, the size mod 2^32) when plausible (up to 64 times
 * the input, 256 MB), so most inputs inflate without a copy; else 64 KB,
 * or 4 times a big input, grown by doubling. */
static size_t gz_first_cap(const unsigned char *src, size_t len, uint64_t max)
{
    size_t cap = len < (1u << 20) ? (1u << 16) : len * 4;
    if (len >= 18) {
        const unsigned char *t = src + len - 4;
        uint64_t isize = t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 |
                         (uint32_t)t[3] << 24;
        if (isize / 64 <= len && isize < (256u << 20))
            cap = (size_t)isize + 1;
    }
    return cap > max + 1 ? (size_t)max + 1 : cap;
}

/* Inflate every gzip member of SRC (concatenated members are one stream,
 * as gzip -d reads them). MAX 0: the default limits (prof_input_load). */
int prof_gunzip(const unsigned char *src, size_t len, uint64_t max,
                const char *name, prof_input *out, prof_error *err)
{
    bool ratio = max == 0, bomb = false;
    if (!max)
        max = PROF_MAX_INPUT;
    z_stream z;
    memset(&z, 0, sizeof z);
    memset(out, 0, sizeof *out);
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return prof_error_oom(err, name);
    size_t cap = gz_first_cap(src, len, max), olen = 0;
    unsigned char *buf = malloc(cap);
    int rc = buf ? 0 : PROF_ENOMEM;
    z.next_in = (unsigned char *)src;
    z.avail_in = 0;
    size_t consumed = 0;
    bool trailing = false; /* non-gzip bytes after a complete member */
    while (rc == 0) {
        if (olen == cap && (rc = gz_grow(&buf, &cap, max)) < 0)
            break;
        if (z.avail_in == 0) {
            size_t chunk = len - consumed > (1u << 30) ? (1u << 30)
                                                       : len - consumed;
            z.next_in = (unsigned char *)src + consumed;
            z.avail_in = (uInt)chunk;
            consumed += chunk;
        }
        z.next_out = buf + olen;
        z.avail_out = (uInt)((cap - olen) > (1u << 30) ? (1u << 30)
                                                        : (cap - olen));
        size_t before = z.avail_out;
        int zr = inflate(&z, Z_NO_FLUSH);
        olen += before - z.avail_out;
        if (olen > max) {
            rc = PROF_ELIMIT;
            break;
        }
        if (ratio && olen > PROF_GZ_RATIO_FROM &&
            olen / PROF_GZ_RATIO > (size_t)(z.next_in - src)) {
            rc = PROF_ELIMIT;
            bomb = true;
            break;
        }
        if (zr == Z_STREAM_END) {
            /* another member? skip trailing zero padding */
            while (z.avail_in && *z.next_in == 0) {
                z.next_in++;
                z.avail_in--;
            }
            if (z.avail_in == 0 && consumed == len)
                break;
            size_t next = (size_t)(z.next_in - src);
            if (len - next < 2 || !prof_is_gzip(src + next, len - next)) {
                trailing = true;
                rc = PROF_EFORMAT;
                break;
            }
            if (inflateReset(&z) != Z_OK)
                rc = PROF_EFORMAT;
            continue;
        }
        if (zr == Z_BUF_ERROR && z.avail_in == 0 && consumed == len) {
            rc = PROF_EFORMAT; /* truncated */
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR)
            rc = zr == Z_MEM_ERROR ? PROF_ENOMEM : PROF_EFORMAT;
    }
    size_t at = (size_t)(z.next_in - src);
    inflateEnd(&z);
    if (rc < 0) {
        free(buf);
        if (bomb)
            return prof_error_set(err, rc, name, 0,
                                  "gzip data inflates more than %u times "
                                  "(%zu bytes from the first %zu; a "
                                  "decompression bomb?): give a size limit "
                                  "(--max-input-size) to accept it",
                                  PROF_GZ_RATIO, olen, at);
        if (rc == PROF_ELIMIT)
            return prof_error_set(err, rc, name, 0,
                                  "decompressed input larger than the limit "
                                  "of %llu bytes", (unsigned long long)max);
        if (rc == PROF_ENOMEM)
            return prof_error_oom(err, name);
        return prof_error_set(err, rc, name, 0,
                              trailing ? "expected another gzip member or "
                                         "the end at byte %zu, got data "
                                         "that is not gzip"
                                       : "corrupt or truncated gzip data at "
                                         "byte %zu",
                              at);
    }
    out->owned = buf;
    out->data = buf;
    out->len = olen;
    return 0;
}

