/* io.c - load inputs (mmap, stdin, gzip), sniff and dispatch, atomic writes. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* ---- loading ---- */

static int io_fail(prof_error *err, const char *path, const char *what)
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
        return prof_error_set(err, PROF_ENOMEM, path, 0, "out of memory");
    for (;;) {
        if (len == cap) {
            unsigned char *nb = cap * 2 > cap ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                return prof_error_set(err, PROF_ENOMEM, path, 0,
                                      "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return io_fail(err, path, "cannot read");
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
        return io_fail(err, path, "cannot stat");
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return io_fail(err, path, "cannot read");
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

static bool is_gzip(const unsigned char *b, size_t len)
{
    return len >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

bool prof_source_date_epoch(int64_t *secs)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e || strlen(e) > 18 || strspn(e, "0123456789") != strlen(e))
        return false;
    *secs = strtoll(e, NULL, 10);
    return true;
}

int prof_input_load_raw(prof_input *in, const char *path, uint64_t max,
                        prof_error *err)
{
    memset(in, 0, sizeof *in);
    bool std = !strcmp(path, "-");
    int fd = std ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_fail(err, path, "cannot open");
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
    if (rc < 0 || !is_gzip(in->data, in->len))
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
        return prof_error_set(err, PROF_ENOMEM, name, 0, "out of memory");
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
            if (len - next < 2 || !is_gzip(src + next, len - next)) {
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
            return prof_error_set(err, rc, name, 0, "out of memory");
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

/* ---- reading into a profile ---- */

const prof_format *prof_format_detect(const void *buf, size_t len)
{
    const prof_format *best = NULL;
    int score = 0;
    for (size_t i = 0; prof_formats[i]; i++) {
        const prof_format *f = prof_formats[i];
        int s = f->detect && f->read ? f->detect(buf, len) : 0;
        if (s > score) {
            score = s;
            best = f;
        }
    }
    return best;
}

static bool all_space(const unsigned char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n')
            return false;
    return true;
}

void prof_read_opts_of(const prof_profile *p, prof_read_opts *o)
{
    o->warn = p->warn;
    o->warn_ctx = p->warn_ctx;
    o->overlap_keep = p->overlap_keep;
    o->strict = p->strict;
    o->max_input = p->max_input;
    o->maps = p->maps;
    o->sizes = NULL;
    o->id = NULL;
}

/* A fresh profile holding one input, with options O. */
static prof_profile *input_profile(const prof_read_opts *o, const char *name,
                                   const char *label, bool named,
                                   prof_reader *r, prof_error *err)
{
    prof_profile *in = prof_profile_new();
    int suite = -1;
    if (!in || prof_profile_add_input(in, name) < 0 ||
        (suite = prof_profile_suite_index(in, label)) < 0 ||
        prof_suiteset_single(in, suite, &r->suites) < 0) {
        prof_profile_free(in);
        prof_error_set(err, PROF_ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    in->warn = o->warn;
    in->warn_ctx = o->warn_ctx;
    in->overlap_keep = o->overlap_keep;
    in->strict = o->strict;
    in->max_input = o->max_input;
    in->maps = (prof_pathmaps *)o->maps;
    in->maps_borrowed = true;
    in->sizes = o->sizes;
    if (named)
        prof_profile_suite_name(in, (size_t)suite);
    r->p = in;
    r->name = in->inputs[0];
    r->input = 0;
    r->err = err;
    return in;
}

/* The format to read DIR (NULL: a file) with: *FMT (NULL when sniffing
 * found none), or for a directory the first that reads directories. */
static int choose_format(const char *dir, const char *name,
                         const prof_format **fmt, prof_error *err)
{
    const prof_format *f = *fmt;
    if (!f && dir) {
        for (size_t i = 0; prof_formats[i] && !f; i++)
            if (prof_formats[i]->read_dir)
                f = prof_formats[i];
    }
    if (f && dir && !f->read_dir)
        return prof_error_set(err, PROF_EUNKNOWN_FORMAT, name, 0,
                              "is a directory, and format '%s' reads only "
                              "files", f->name);
    if (!f || !(dir ? f->read_dir != NULL : f->read != NULL))
        return prof_error_set(err, PROF_EUNKNOWN_FORMAT, name, 0,
                              dir ? "is a directory, and no reader for "
                                    "directories is built in"
                                  : "unknown input format (use --from to "
                                    "name it; --list-formats lists them)");
    *fmt = f;
    return 0;
}

/* Run the reader chosen by FMT or sniffing into a new profile *OUT,
 * normalised (NULL for an empty input, which adds nothing). */
static int parse_input(const prof_read_opts *o, const prof_input *data,
                       const char *dir, const char *name, const char *label,
                       bool named, const prof_format *fmt, prof_profile **out,
                       prof_error *err)
{
    *out = NULL;
    if (!fmt && !dir) {
        fmt = prof_format_detect(data->data, data->len);
        if (!fmt && all_space(data->data, data->len))
            return 0;
        if (!fmt) /* what is it? (sniff.c) */
            return prof_unknown_format(data->data, data->len, name, err);
    }
    PROF_TRY(choose_format(dir, name, &fmt, err));
    prof_reader r;
    prof_profile *in = input_profile(o, name, label, named, &r, err);
    if (!in)
        return PROF_ENOMEM;
    in->families = fmt->family;
    in->go_text = fmt == &prof_format_go;
    if (data && data->map) {
        in->map = data->data;
        in->maplen = data->len;
    }
    prof_damages damages;
    memset(&damages, 0, sizeof damages);
    r.damages = &damages;
    int rc = dir ? fmt->read_dir(&r, dir) : fmt->read(&r, data->data, data->len);
    in->map = NULL;
    if (rc == 0) /* the reading policy's warnings, at the end of the input */
        prof_damages_report(in, &damages, name);
    for (size_t i = 0; rc == 0 && i < in->nfiles; i++)
        in->files[i]->families = in->families; /* json's, once read */
    if (rc == 0)
        rc = prof_profile_normalize(in, err);
    in->sizes = NULL; /* the thread's, not the result's */
    if (rc == 0 && o->sizes)
        prof_sizes_learn(o->sizes, in);
    if (rc < 0)
        prof_profile_free(in);
    else
        *out = in;
    return rc;
}

/* Merge a parsed input IN (may be NULL) into P and free it. */
static int merge_input(prof_profile *p, prof_profile *in, int rc,
                       prof_error *err)
{
    if (rc == 0 && in)
        rc = prof_merge_move(p, in, err);
    prof_profile_free(in);
    return rc;
}

#define RELEASE_STEP (1u << 20)

void prof_reader_consumed(prof_reader *r, const void *at)
{
    prof_profile *p = r->p;
    const unsigned char *a = at;
    if (!p->map || a < p->map || a > p->map + p->maplen)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t off = (size_t)(a - p->map);
    if (off < p->release_lag)
        return;
    size_t upto = (off - p->release_lag) / page * page;
    if (upto < p->released + RELEASE_STEP)
        return;
    /* read-only private file pages: read again from the file if touched */
    madvise((void *)(p->map + p->released), upto - p->released,
            MADV_DONTNEED);
    p->released = upto;
}

static const char *stem(const char *path, char *buf, size_t bufsz)
{
    if (!strcmp(path, "-"))
        return "stdin";
    const char *base = strrchr(path, '/');
    base = base && base[1] ? base + 1 : path;
    snprintf(buf, bufsz, "%s", base);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
    return buf;
}

int prof_read_buffer(prof_profile *p, const void *buf, size_t len,
                     const char *name, const char *label,
                     const prof_format *fmt, prof_error *err)
{
    char sb[256];
    prof_input in = {buf, len, NULL, 0, NULL};
    prof_read_opts o;
    prof_profile *got;
    prof_read_opts_of(p, &o);
    bool named = label != NULL;
    if (!label)
        label = stem(name, sb, sizeof sb);
    if (!is_gzip(buf, len)) {
        int rc = parse_input(&o, &in, NULL, name, label, named, fmt, &got, err);
        return merge_input(p, got, rc, err);
    }
    PROF_TRY(prof_gunzip(buf, len, p->max_input, name, &in, err));
    int rc = parse_input(&o, &in, NULL, name, label, named, fmt, &got, err);
    prof_input_release(&in);
    return merge_input(p, got, rc, err);
}

int prof_parse_file(const prof_read_opts *o, const char *path,
                    const char *label, const prof_format *fmt,
                    prof_profile **out, prof_error *err)
{
    char sb[256];
    struct stat st;
    *out = NULL;
    bool named = label != NULL, std = !strcmp(path, "-");
    if (!label)
        label = stem(path, sb, sizeof sb);
    bool found = std ? o->id && fstat(0, &st) == 0 : stat(path, &st) == 0;
    if (o->id)
        prof_input_id_of(o->id, found, &st);
    if (!std && found && S_ISDIR(st.st_mode))
        return parse_input(o, NULL, path, path, label, named, fmt, out, err);
    prof_input in;
    PROF_TRY(prof_input_load(&in, path, o->max_input, err));
    if (o->id) /* before the reader gives parsed pages back */
        prof_input_id_bytes(o->id, in.data, in.len);
    int rc = parse_input(o, &in, NULL, std ? "<stdin>" : path, label, named,
                         fmt, out, err);
    prof_input_release(&in);
    return rc;
}

int prof_read_file(prof_profile *p, const char *path, const char *label,
                   const prof_format *fmt, prof_error *err)
{
    return prof_read_file_sized(p, path, label, fmt, NULL, NULL, err);
}

int prof_read_file_sized(prof_profile *p, const char *path, const char *label,
                         const prof_format *fmt, prof_sizes *sizes,
                         prof_input_id *id, prof_error *err)
{
    prof_read_opts o;
    prof_profile *got;
    prof_read_opts_of(p, &o);
    o.sizes = sizes;
    o.id = id;
    int rc = prof_parse_file(&o, path, label, fmt, &got, err);
    return merge_input(p, got, rc, err);
}

/* ---- sink ---- */

static void sink_drain(prof_sink *s)
{
    size_t off = 0;
    while (off < s->len && !s->err) {
        ssize_t n = write(s->fd, s->buf + off, s->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            s->err = errno;
        else
            off += (size_t)n;
    }
    s->len = 0;
}

void prof_sink_write_slow(prof_sink *s, const void *data, size_t n)
{
    if (s->len + n > s->cap)
        sink_drain(s);
    if (n > s->cap) {
        size_t keep = s->len;
        unsigned char *b = s->buf;
        s->buf = (unsigned char *)data;
        s->len = n;
        sink_drain(s);
        s->buf = b;
        s->len = keep;
        return;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
}

char *prof_u64_dec(char *p, uint64_t v)
{
    static const char pairs[] = "0001020304050607080910111213141516171819"
                                "2021222324252627282930313233343536373839"
                                "4041424344454647484950515253545556575859"
                                "6061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    int n = 1;
    for (uint64_t t = 10; n < 20 && v >= t; t *= 10)
        n++;
    char *end = p + n;
    for (; v >= 100; v /= 100) {
        const char *d = pairs + 2 * (v % 100);
        *--end = d[1];
        *--end = d[0];
    }
    if (v >= 10) {
        end[-1] = pairs[2 * v + 1];
        end[-2] = pairs[2 * v];
    } else {
        end[-1] = (char)('0' + v);
    }
    return p + n;
}

void prof_sink_printf(prof_sink *s, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        prof_sink_write(s, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        s->err = ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    prof_sink_write(s, big, (size_t)n);
    free(big);
}

int prof_sink_flush(prof_sink *s)
{
    sink_drain(s);
    return s->err ? PROF_EIO : 0;
}

/* ---- atomic output ---- */

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
    prof_sink s = {fd, malloc(1 << 16), 0, 1 << 16, 0, path};
    if (!s.buf)
        return prof_error_set(err, PROF_ENOMEM, name, 0, "out of memory");
    int rc = fill(&s, ctx, err);
    int frc = prof_sink_flush(&s);
    free(s.buf);
    if (rc < 0)
        return rc;
    if (frc < 0) {
        errno = s.err;
        return io_fail(err, name, "cannot write");
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
        return io_fail(err, path, "cannot create a temporary file beside it");
    int rc = write_to_sink(fill, ctx, fd, path, path, err);
    if (rc == 0 && fsync(fd) < 0 && errno != EINVAL)
        rc = io_fail(err, path, "cannot write");
    if (rc == 0 && tmp_commit(fd, path, tmpl, sizeof tmpl, named) < 0)
        rc = io_fail(err, path, "cannot rename the output into place");
    if (rc < 0 && named)
        unlink(tmpl);
    if (close(fd) < 0 && rc == 0)
        rc = io_fail(err, path, "cannot write");
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

/* A device or FIFO (-o /dev/null, a pipe) is written in place: renaming
 * a temporary over it would replace the device node with a file. */
static int write_special(const char *path, prof_fill_fn fill, void *ctx,
                         prof_error *err)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return io_fail(err, path, "cannot open");
    int rc = write_to_sink(fill, ctx, fd, path, NULL, err);
    if (close(fd) < 0 && rc == 0)
        rc = io_fail(err, path, "cannot write");
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
        return write_special(path, fill, ctx, err);
    return prof_write_atomic(path, fill, ctx, err);
}

int prof_write_new(const char *path, prof_fill_fn fill, void *ctx,
                   prof_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0666);
    if (fd < 0)
        return io_fail(err, path, "cannot create");
    int rc = write_to_sink(fill, ctx, fd, path, path, err);
    if (close(fd) < 0 && rc == 0)
        rc = io_fail(err, path, "cannot write");
    return rc;
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
        return errno == ENOENT ? 0 : io_fail(err, dir, "cannot stat");
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
        return io_fail(err, dir, "cannot create a temporary directory "
                                 "beside it");
    mode_t um = umask(0);
    umask(um);
    chmod(tmp, 0777 & ~um);
    snprintf(marker, sizeof marker, "%s/%s", tmp, PROF_DIR_MARKER);
    int rc = fmt->write_dir(p, tmp, o, err);
    if (rc == 0)
        rc = prof_write_new(marker, fill_marker, NULL, err);
    if (rc == 0 && dir_swap(tmp, dir, exists, old, sizeof old) < 0)
        rc = io_fail(err, dir, "cannot rename the report into place");
    if (rc < 0) {
        rm_tree(tmp);
        blame_dir(err, tmp, dir);
    } else if (exists && rm_tree(old) < 0 && o->warn) {
        prof_error w;
        io_fail(&w, old, "cannot remove the old report");
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
