/* util.h - errors, text and number helpers (private). */
/* error.c and inline helpers (md5.c's prof_md5 is public, in prof.h);
 * included through format.h and internal.h. */
#ifndef PROF_UTIL_H
#define PROF_UTIL_H

#include "prof.h"

#include <stdint.h>

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#if defined(__GNUC__)
#define PROF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PROF_PRINTF(a, b)
#endif

/* ---- errors (error.c) ------------------------------------------------ */

/* Fill ERR (may be NULL) and return CODE. */
int prof_error_set(prof_error *err, int code, const char *path,
                   unsigned long line, const char *fmt, ...) PROF_PRINTF(5, 6);
int prof_error_vset(prof_error *err, int code, const char *path,
                    unsigned long line, const char *fmt, va_list ap)
    PROF_PRINTF(5, 0);
/* PROF_EFORMAT for binary input PATH: "at byte AT (CTX): MESSAGE", the
 * parenthesis only when CTX is not empty (CTX may be NULL). */
int prof_error_vat(prof_error *err, const char *path, size_t at,
                   const char *ctx, const char *fmt, va_list ap)
    PROF_PRINTF(5, 0);
/* "out of memory" (prof_strerror(PROF_ENOMEM)) for PATH ("" for none)
 * into ERR (may be NULL); returns PROF_ENOMEM. */
int prof_error_oom(prof_error *err, const char *path);
/* A warning (PATH may be NULL; LINE 0 for none) to FN, if any. */
void prof_warnf(prof_warn_fn fn, void *ctx, const char *path,
                unsigned long line, const char *fmt, ...) PROF_PRINTF(5, 6);
void prof_vwarnf(prof_warn_fn fn, void *ctx, const char *path,
                 unsigned long line, const char *fmt, va_list ap)
    PROF_PRINTF(5, 0);
/* Quote at most 60 bytes of S (LEN bytes) into OUT as "...", escaping
 * control bytes and bytes that are not UTF-8, for messages. Returns OUT. */
char *prof_quote(char *out, size_t outsz, const char *s, size_t len);
/* Length of the valid UTF-8 sequence at S (N > 0 bytes available), 0 if
 * none (bad lead or continuation, overlong, surrogate, past U+10FFFF). */
size_t prof_utf8_len(const unsigned char *s, size_t n);
/* Code point CP (at most U+10FFFF) as UTF-8 into OUT (4 bytes of room);
 * returns the bytes written. */
size_t prof_utf8_put(unsigned long cp, char *out);
/* The value of hex digit C, or -1. */
static inline int prof_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

#define PROF_TRY(expr)                                                         \
    do {                                                                       \
        int prof_try_rc_ = (expr);                                             \
        if (prof_try_rc_ < 0)                                                  \
            return prof_try_rc_;                                               \
    } while (0)

/* saturating add */
static inline uint64_t prof_sat_add(uint64_t a, uint64_t b)
{
    uint64_t r = a + b;
    return r < a ? UINT64_MAX : r;
}

/* Hits A and B of one range combined in mode M: added (saturating), or
 * ORed in set mode. */
static inline uint64_t prof_hits_combine(prof_mode m, uint64_t a, uint64_t b)
{
    uint64_t r = prof_sat_add(a, b);
    return m == PROF_MODE_SET && r > 1 ? 1 : r;
}

/* Order of ranges: start, then end; 0 when equal. */
static inline int prof_block_cmp(const prof_block *a, const prof_block *b)
{
    if (a->start_line != b->start_line)
        return a->start_line < b->start_line ? -1 : 1;
    if (a->start_col != b->start_col)
        return a->start_col < b->start_col ? -1 : 1;
    if (a->end_line != b->end_line)
        return a->end_line < b->end_line ? -1 : 1;
    if (a->end_col != b->end_col)
        return a->end_col < b->end_col ? -1 : 1;
    return 0;
}

/* Order of branches: line, then block, then branch; 0 when equal. */
static inline int prof_branch_cmp(const prof_branch *a, const prof_branch *b)
{
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->block != b->block)
        return a->block < b->block ? -1 : 1;
    return a->branch < b->branch ? -1 : a->branch > b->branch;
}

/* The value of the N decimal digits at S if at most MAX, checked digit by
 * digit: for the numbers too long for prof_digits' unchecked loop. */
static inline bool prof_digits_fit(const char *s, size_t n, uint64_t max,
                                   uint64_t *out)
{
    uint64_t v = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t d = (uint64_t)(s[k] - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}
/* The length of the UTF-8 byte order mark at the start of the LEN bytes
 * at B: 3, or 0 when there is none. Every reader skips one. */
static inline size_t prof_bom_len(const void *b, size_t len)
{
    return len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3) ? 3 : 0;
}
/* The decimal digits at the start of S[0..N) (S up to the first byte that
 * is not a digit when !BOUNDED: the text is known to go on to one, as a
 * line to its '\n'): returns how many there are, their value in *OUT and
 * whether it is at most MAX in *FITS (*OUT is then meaningless). The
 * readers' hot loop: a multiply-add per digit, the range checked after
 * (exactly past 19 digits, which may have wrapped). */
static inline size_t prof_digits_scan(const char *s, size_t n, bool bounded,
                                      uint64_t max, uint64_t *out, bool *fits)
{
    size_t j = 0;
    uint64_t v = 0;
    unsigned d;
    while ((!bounded || j < n) && (d = (unsigned char)s[j] - '0') < 10) {
        v = v * 10 + d;
        j++;
    }
    /* 9 digits fit any MAX of 10^9 - 1 or more (a constant MAX decides
     * this when inlined) */
    *fits = (j <= 9 && max >= 999999999u) ||
            (j <= 19 ? v <= max : prof_digits_fit(s, j, max, &v));
    *out = v;
    return j;
}
/* prof_digits_scan of S[0..N). */
static inline size_t prof_digits(const char *s, size_t n, uint64_t max,
                                 uint64_t *out, bool *fits)
{
    return prof_digits_scan(s, n, true, max, out, fits);
}

#endif
