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

char *prof_quote(char *out, size_t outsz, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, limit = 60;
    if (outsz < 8)
        return out;
    out[o++] = '"';
    for (size_t i = 0; i < len && i < limit && o + 6 < outsz; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    if (len > limit && o + 5 < outsz) {
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
