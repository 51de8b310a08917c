/* error.c - status names and the caller-owned error record. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

const char *prof_strerror(int code)
{
    static const char *const names[] = {
        "success",        "out of memory",         "I/O error",
        "malformed input", "unknown input format", "merge conflict",
        "invalid argument", "input exceeds a limit",
    };
    if (code > 0 || -code >= (int)(sizeof names / sizeof names[0]))
        return "unknown error";
    return names[-code];
}

int prof_error_vset(prof_error *err, int code, const char *path,
                    unsigned long line, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return code;
}

int prof_error_set(prof_error *err, int code, const char *path,
                   unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    prof_error_vset(err, code, path, line, fmt, ap);
    va_end(ap);
    return code;
}

int prof_error_vat(prof_error *err, const char *path, size_t at,
                   const char *ctx, const char *fmt, va_list ap)
{
    char msg[384];
    vsnprintf(msg, sizeof msg, fmt, ap);
    bool c = ctx && ctx[0];
    return prof_error_set(err, PROF_EFORMAT, path, 0, "at byte %zu%s%s%s: %s",
                          at, c ? " (" : "", c ? ctx : "", c ? ")" : "", msg);
}

int prof_error_oom(prof_error *err, const char *path)
{
    return prof_error_set(err, PROF_ENOMEM, path, 0, "%s",
                          prof_strerror(PROF_ENOMEM));
}

size_t prof_utf8_len(const unsigned char *s, size_t n)
{
    size_t k = s[0] >= 0xf0 && s[0] <= 0xf4   ? 4
               : s[0] >= 0xe0 && s[0] <= 0xef ? 3
               : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
                                              : 0;
    if (k == 0 || k > n)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
        return 0; /* overlong, surrogate or beyond U+10FFFF */
    return k;
}

size_t prof_utf8_put(unsigned long cp, char *out)
{
    size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = {0, 0, 0xc0, 0xe0, 0xf0};
    out[0] = (char)(n == 1 ? cp : lead[n] | cp >> 6 * (n - 1));
    for (size_t i = 1; i < n; i++)
        out[i] = (char)(0x80 | (cp >> 6 * (n - 1 - i) & 0x3f));
    return n;
}

char *prof_quote(char *out, size_t outsz, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0, limit = 60;
    if (outsz < 8)
        return out;
    out[o++] = '"';
    for (; i < len && i < limit; i++) {
        size_t k = u[i] >= 0x80 ? prof_utf8_len(u + i, len - i) : 0;
        if (o + (k > 4 ? k : 4) + 5 >= outsz || i + k > limit)
            break; /* keep room for ..." and NUL */
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k - 1;
        } else if (u[i] == '"' || u[i] == '\\') {
            out[o++] = '\\';
            out[o++] = (char)u[i];
        } else if (u[i] < 0x20 || u[i] >= 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[u[i] >> 4];
            out[o++] = hex[u[i] & 15];
        } else {
            out[o++] = (char)u[i];
        }
    }
    if (i < len) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

int prof_reader_fail(prof_reader *r, int code, unsigned long line,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    prof_error_vset(r->err, code, r->name, line, fmt, ap);
    va_end(ap);
    return code;
}

int prof_reader_oom(prof_reader *r, unsigned long line)
{
    return prof_reader_fail(r, PROF_ENOMEM, line, "%s",
                            prof_strerror(PROF_ENOMEM));
}

void prof_vwarnf(prof_warn_fn fn, void *ctx, const char *path,
                 unsigned long line, const char *fmt, va_list ap)
{
    if (!fn)
        return;
    prof_error w;
    prof_error_vset(&w, PROF_OK, path ? path : "", line, fmt, ap);
    fn(ctx, &w);
}

void prof_warnf(prof_warn_fn fn, void *ctx, const char *path,
                unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    prof_vwarnf(fn, ctx, path, line, fmt, ap);
    va_end(ap);
}
