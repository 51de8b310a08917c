/* sink.c - the output sink writers write through: buffering, numbers. */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void prof_sink_drain(prof_sink *s)
{
    size_t off = 0;
    s->out += s->len;
    while (off < s->len && !s->err && s->fd >= 0) {
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
        prof_sink_drain(s);
    if (n > s->cap) {
        size_t keep = s->len;
        unsigned char *b = s->buf;
        s->buf = (unsigned char *)data;
        s->len = n;
        prof_sink_drain(s);
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

void prof_sink_count(prof_sink *s, void *buf, size_t cap)
{
    *s = (prof_sink){-1, buf, 0, cap, 0, NULL, 0};
}

int prof_sink_flush(prof_sink *s)
{
    prof_sink_drain(s);
    return s->err ? PROF_EIO : 0;
}

/* SOURCE_DATE_EPOCH, for the writers that stamp a date (reproducible
 * builds). */
bool prof_source_date_epoch(int64_t *secs)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e || strlen(e) > 18 || strspn(e, "0123456789") != strlen(e))
        return false;
    *secs = strtoll(e, NULL, 10);
    return true;
}

