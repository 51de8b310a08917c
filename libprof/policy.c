/* policy.c - the reading policy: damaged records and the counts readers accept. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/*
 * A record a real generator writes but that is out of range (line 0, an
 * empty function name, a negative count, ...) is skipped or normalised
 * by the reader, which reports it here by kind; the input's tally gives
 * one warning per kind at the end of the input (covkit-formats(5),
 * READING POLICY). Under prof_profile_set_strict the first one is the
 * input's error instead.
 */

/* What a kind says: VERB N ONE|MANY TAIL (...); strict: "a ONE (...)". */
typedef struct policy_text {
    const char *verb, *one, *many, *tail;
} policy_text;

static const policy_text policy_texts[PROF_DMG_KINDS] = {
    [PROF_DMG_LINE0] = {"skipped", "record at line 0", "records at line 0",
                        ""},
    [PROF_DMG_LINE_TEXT] = {"skipped",
                            "record whose line number is a word",
                            "records whose line number is a word", ""},
    [PROF_DMG_NEGATIVE] = {"read", "negative count", "negative counts",
                           " as 0"},
    [PROF_DMG_DECIMAL] = {"read", "whole count in decimal or exponent form",
                          "whole counts in decimal or exponent form",
                          " as integers"},
    [PROF_DMG_FRACTION] = {"skipped",
                           "record whose count is not a whole number",
                           "records whose count is not a whole number", ""},
    [PROF_DMG_NAN] = {"read", "count that is not a number (NaN)",
                      "counts that are not numbers (NaN)", " as 0"},
    [PROF_DMG_NO_COUNT] = {"read", "line without a count",
                           "lines without a count", " as 0 hits"},
    [PROF_DMG_NO_NAME] = {"skipped", "function with an empty name",
                          "functions with an empty name", ""},
    [PROF_DMG_NO_PATH] = {"skipped", "section without a file path",
                          "sections without a file path",
                          ", records and all"},
    [PROF_DMG_ORPHAN] = {"skipped", "function count without its function",
                         "function counts without their function", ""},
    [PROF_DMG_REDEFINED] = {"kept the first line of",
                            "function defined again at another line",
                            "functions defined again at another line", ""},
    [PROF_DMG_END_BEFORE] = {"read", "function ending before its start",
                             "functions ending before their start",
                             " with an unknown end"},
    [PROF_DMG_UNENDED] = {"read", "section still open at the end of the "
                          "input", "sections still open at the end of the "
                          "input", ""},
    [PROF_DMG_NOT_RECORD] = {"skipped", "line in a section that is no record",
                             "lines in a section that are no records", ""},
};

/* Add TAG to the comma-separated list TAGS (SZ bytes) unless there. */
static void policy_add_tag(char *tags, size_t sz, const char *tag)
{
    size_t n = strlen(tags), k = strlen(tag);
    for (const char *t = tags; *t;) {
        size_t len = strcspn(t, ",");
        if (len == k && !memcmp(t, tag, k))
            return;
        t += len;
        t += strspn(t, ", ");
    }
    if (n + k + 3 > sz) {
        if (n + 5 <= sz && strcmp(tags + (n >= 3 ? n - 3 : 0), "..."))
            memcpy(tags + n, ", ...", 6);
        return;
    }
    snprintf(tags + n, sz - n, "%s%s", n ? ", " : "", tag);
}

int prof_reader_damage(prof_reader *r, prof_damage kind, unsigned long line,
                       const char *tag, const char *where)
{
    const policy_text *t = &policy_texts[kind];
    if (where && !*where)
        where = NULL;
    if (r->p->opts->strict)
        return prof_error_set(r->err, PROF_EFORMAT, r->name, line,
                              "a %s (%s%s%s), refused by strict reading",
                              t->one, tag, where ? "; " : "",
                              where ? where : "");
    prof_damages *d = r->damages;
    if (!d)
        return 0;
    prof_damage_tally *k = &d->kinds[kind];
    if (k->n++ == 0) {
        k->line = line;
        k->order = ++d->nkinds;
        snprintf(k->where, sizeof k->where, "%s", where ? where : "");
    }
    if (k->n == UINT64_MAX)
        k->n--;
    policy_add_tag(k->tags, sizeof k->tags, tag);
    return 0;
}

int prof_reader_count(prof_reader *r, prof_num kind, bool neg, uint64_t *v,
                      unsigned long line, const char *tag, const char *where)
{
    if (kind == PROF_NUM_INT && !neg)
        return 0;
    prof_damage d = neg                         ? PROF_DMG_NEGATIVE
                    : kind == PROF_NUM_NAN      ? PROF_DMG_NAN
                    : kind == PROF_NUM_FRACTION ? PROF_DMG_FRACTION
                                                : PROF_DMG_DECIMAL;
    if (d != PROF_DMG_DECIMAL)
        *v = 0;
    PROF_TRY(prof_reader_damage(r, d, line, tag, where));
    return d == PROF_DMG_FRACTION;
}

void prof_damages_report(prof_profile *p, const prof_damages *d,
                         const char *name)
{
    for (unsigned i = 1; p->opts->warn && i <= d->nkinds; i++) {
        int k = 0;
        while (k < PROF_DMG_KINDS && d->kinds[k].order != i)
            k++;
        if (k == PROF_DMG_KINDS)
            break;
        const prof_damage_tally *t = &d->kinds[k];
        const policy_text *x = &policy_texts[k];
        prof_error w;
        prof_error_set(&w, PROF_EFORMAT, name, t->line,
                       "%s %llu %s%s (%s; the first here%s%s)", x->verb,
                       (unsigned long long)t->n, t->n == 1 ? x->one : x->many,
                       x->tail, t->tags, t->where[0] ? ": " : "", t->where);
        p->opts->warn(p->opts->warn_ctx, &w);
    }
}

/* ---- counts ---------------------------------------------------------- */

/* "NaN", "nan", "NAN" (what printf and JavaScript write). */
static bool policy_is_nan(const char *s, size_t n)
{
    return n == 3 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a' &&
           (s[2] | 0x20) == 'n';
}

/* Digits of S[*I..N), then an optional '.' and digits, into M * 10^E10:
 * at most 19 or 20 significant digits are kept; past them a digit before
 * the point counts in *E10 (its value is dropped), one after it that is
 * not 0 sets *LOST. Returns how many digits there were. */
static size_t policy_mantissa(const char *s, size_t n, size_t *i,
                              uint64_t *m, long *e10, bool *lost,
                              bool *point)
{
    size_t digits = 0;
    for (int frac = 0; frac < 2; frac++) {
        for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; ++*i, digits++) {
            uint64_t d = (uint64_t)(s[*i] - '0');
            if (*m > (UINT64_MAX - d) / 10) {
                *e10 += !frac;
                *lost = *lost || (frac && d);
                continue;
            }
            *m = *m * 10 + d;
            *e10 -= frac;
        }
        if (frac || *i >= n || s[*i] != '.')
            break;
        ++*i;
        *point = true;
    }
    return digits;
}

/* M * 10^E10 into *OUT, saturated; false when it is not a whole number. */
static bool policy_scale(uint64_t m, long e10, bool lost, uint64_t *out)
{
    bool whole = !lost;
    for (; e10 < 0 && m; e10++) {
        whole = whole && m % 10 == 0;
        m /= 10;
    }
    for (; e10 > 0 && m; e10--) {
        if (m > UINT64_MAX / 10) {
            m = UINT64_MAX;
            break;
        }
        m *= 10;
    }
    *out = m;
    return whole;
}

prof_num prof_count_parse(const char *s, size_t n, uint64_t *out, bool *neg)
{
    uint64_t m = 0;
    long e10 = 0;
    bool lost = false, point = false, fits;
    bool minus = n > 0 && s[0] == '-';
    size_t i = n > 0 && (s[0] == '-' || s[0] == '+');
    *out = 0;
    *neg = false;
    if (i < n && i + prof_digits(s + i, n - i, UINT64_MAX, &m, &fits) == n) {
        *out = fits ? m : UINT64_MAX; /* the usual: an integer */
        *neg = minus && *out;
        return PROF_NUM_INT;
    }
    m = 0;
    if (policy_is_nan(s + i, n - i))
        return PROF_NUM_NAN;
    if (!policy_mantissa(s, n, &i, &m, &e10, &lost, &point))
        return PROF_NUM_BAD;
    bool expo = i < n && (s[i] == 'e' || s[i] == 'E');
    if (expo) {
        bool eneg = ++i < n && s[i] == '-';
        i += i < n && (s[i] == '-' || s[i] == '+');
        size_t b = i;
        long x = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            x = x < 100000 ? x * 10 + (s[i] - '0') : x;
        if (i == b)
            return PROF_NUM_BAD;
        e10 += eneg ? -x : x;
    }
    if (i != n)
        return PROF_NUM_BAD;
    bool whole = policy_scale(m, e10, lost, out);
    *neg = minus && (m != 0 || lost);
    if (!whole)
        return PROF_NUM_FRACTION;
    return point || expo ? PROF_NUM_DECIMAL : PROF_NUM_INT;
}
