/* gocover.c - Go text coverprofile reader/writer (go test -coverprofile). */
#include "../libprof/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of the profile without its terminator (and one '\r'). */
typedef struct gc_line {
    const char *s;
    size_t len;
    unsigned long no;
} gc_line;

static int gc_detect(const unsigned char *buf, size_t len)
{
    size_t i = prof_bom_len(buf, len);
    while (i < len && (buf[i] == '\n' || buf[i] == '\r'))
        i++;
    return len - i >= 5 && !memcmp(buf + i, "mode:", 5) ? 90 : 0;
}

/* Parse the digits S[*I..] backwards down to a separator; ok <=> digits,
 * optional '+', value within MAX. */
static bool gc_num_back(const char *s, size_t *end, uint64_t max,
                        uint64_t *out)
{
    size_t e = *end, b = e;
    while (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')
        b--;
    if (b == e || !prof_digits_fit(s + b, e - b, max, out))
        return false;
    if (b > 0 && s[b - 1] == '+')
        b--;
    *end = b;
    return true;
}

static int gc_bad(prof_reader *r, const gc_line *l, const char *what)
{
    char q[128];
    return prof_reader_fail(r, PROF_EFORMAT, l->no,
                            "expected 'FILE:SL.SC,EL.EC NSTMT COUNT', got %s "
                            "(%s)",
                            prof_quote(q, sizeof q, l->s, l->len), what);
}

/* One field, read from the right, preceded by SEP. */
typedef struct gc_field {
    char sep;
    const char *name;
    uint64_t max;
} gc_field;

static const gc_field gc_fields[] = {
    {' ', "count", UINT64_MAX}, {' ', "statement count", UINT32_MAX},
    {'.', "end column", UINT32_MAX}, {',', "end line", UINT32_MAX},
    {'.', "start column", UINT32_MAX}, {':', "start line", UINT32_MAX},
};

static bool gc_is_sep(char c)
{
    return c == ':' || c == '.' || c == ',' || c == ' ' || c == '\t';
}

/* The text of field FD, ending at END, is not a number: quote it. */
static int gc_not_number(prof_reader *r, const gc_line *l, size_t end,
                         const gc_field *fd)
{
    char q[128], why[192];
    size_t b = end;
    while (b > 0 && !gc_is_sep(l->s[b - 1]))
        b--;
    if (b == 0)
        snprintf(why, sizeof why, "no '%c' before the %s", fd->sep,
                 fd->name);
    else if (b == end)
        snprintf(why, sizeof why, "nothing where the %s should be",
                 fd->name);
    else
        snprintf(why, sizeof why, "%s where the %s should be",
                 prof_quote(q, sizeof q, l->s + b, end - b), fd->name);
    return gc_bad(r, l, why);
}

static int gc_field_error(prof_reader *r, const gc_line *l, size_t at,
                          const gc_field *fd)
{
    char why[96];
    if (at > 0 && l->s[at - 1] == '-')
        snprintf(why, sizeof why, "negative %s", fd->name);
    else if (at > 0 && l->s[at - 1] >= '0' && l->s[at - 1] <= '9')
        snprintf(why, sizeof why, "%s out of range, largest is %llu",
                 fd->name, (unsigned long long)fd->max);
    else
        return gc_not_number(r, l, at, fd);
    return gc_bad(r, l, why);
}

static int gc_func_output(prof_reader *r, const gc_line *l)
{
    char q[128];
    return prof_reader_fail(r, PROF_EFORMAT, l->no,
                            "expected %s, got %s (this looks like 'go tool "
                            "cover -func' output; pass the file written by "
                            "-coverprofile)",
                            prof_profile_mode(r->p) == PROF_MODE_NONE
                                ? "'mode: set|count|atomic'"
                                : "'FILE:SL.SC,EL.EC NSTMT COUNT'",
                            prof_quote(q, sizeof q, l->s, l->len));
}

/* The block of fields V (count, statements, end column, end line, start
 * column, start line) read at line NO, or why it is not one. A block may
 * end before it starts: Go gives the end as a //line directive maps it,
 * which may be a line of another file (goyacc's yaccpar:331.0,19.0). */
static inline const char *gc_check(const prof_reader *r, prof_mode mode,
                                   const uint64_t v[6], unsigned long no,
                                   prof_block *b)
{
    *b = (prof_block){(uint32_t)v[5], (uint32_t)v[4], (uint32_t)v[3],
                      (uint32_t)v[2], (uint32_t)v[1], r->input,
                      (uint32_t)(no > UINT32_MAX ? 0 : no), 0, v[0], NULL};
    if (b->start_line == 0 || b->end_line == 0)
        return "line numbers start at 1";
    if (mode == PROF_MODE_SET && b->hits > 1)
        b->hits = 1;
    b->suites = b->hits ? r->suites : 0;
    return NULL;
}

static int gc_block(prof_reader *r, const gc_line *l)
{
    const char *nul = memchr(l->s, '\0', l->len);
    if (nul) {
        char why[64];
        snprintf(why, sizeof why, "a NUL byte at column %zu",
                 (size_t)(nul - l->s) + 1);
        return gc_bad(r, l, why);
    }
    uint64_t v[6];
    size_t at = l->len;
    for (size_t i = 0; i < 6; i++) {
        size_t end = at;
        if (!gc_num_back(l->s, &at, gc_fields[i].max, &v[i]))
            return gc_field_error(r, l, at, &gc_fields[i]);
        if (at > 0 && l->s[at - 1] == '-') {
            char why[96];
            snprintf(why, sizeof why, "negative %s", gc_fields[i].name);
            return gc_bad(r, l, why);
        }
        if (at > 0 && !gc_is_sep(l->s[at - 1]))
            return gc_not_number(r, l, end, &gc_fields[i]);
        if (at == 0 || l->s[at - 1] != gc_fields[i].sep) {
            char why[96];
            snprintf(why, sizeof why, "no '%c' before the %s",
                     gc_fields[i].sep, gc_fields[i].name);
            return gc_bad(r, l, why);
        }
        at--;
    }
    if (at == 0)
        return gc_bad(r, l, "empty file name");
    prof_block b;
    const char *why = gc_check(r, prof_profile_mode(r->p), v, l->no, &b);
    if (why)
        return gc_bad(r, l, why);
    prof_file *f = prof_profile_file_get(r->p, l->s, at);
    if (!f || prof_file_add_block(f, &b) < 0)
        return prof_reader_oom(r, l->no);
    return 0;
}

static int gc_mode(prof_reader *r, const gc_line *l)
{
    char q[128];
    const char *m = l->s + 5;
    size_t n = l->len - 5;
    if (n < 2 || m[0] != ' ')
        return prof_reader_fail(r, PROF_EFORMAT, l->no,
                                "expected 'mode: set|count|atomic', got %s",
                                prof_quote(q, sizeof q, l->s, l->len));
    char name[16];
    snprintf(name, sizeof name, "%.*s", (int)(n - 1 < 15 ? n - 1 : 15), m + 1);
    prof_mode mode = n - 1 < 15 ? prof_mode_parse(name) : PROF_MODE_NONE;
    if (mode == PROF_MODE_NONE)
        return prof_reader_fail(r, PROF_EFORMAT, l->no,
                                "unknown mode %s (expected set, count or "
                                "atomic)",
                                prof_quote(q, sizeof q, m + 1, n - 1));
    prof_mode was = prof_profile_mode(r->p);
    if (was != PROF_MODE_NONE && was != mode)
        return prof_reader_fail(r, PROF_EFORMAT, l->no,
                                "mode %s differs from the earlier 'mode: %s' "
                                "in the same file",
                                name, prof_mode_name(was));
    prof_reader_set_mode(r, mode);
    return 0;
}

static int gc_line_parse(prof_reader *r, const gc_line *l)
{
    if (l->len >= 5 && !memcmp(l->s, "mode:", 5))
        return gc_mode(r, l);
    if (l->len && l->s[l->len - 1] == '%')
        return gc_func_output(r, l);
    if (prof_profile_mode(r->p) == PROF_MODE_NONE) {
        char q[128];
        return prof_reader_fail(r, PROF_EFORMAT, l->no,
                                "expected 'mode: set|count|atomic' first, "
                                "got %s",
                                prof_quote(q, sizeof q, l->s, l->len));
    }
    return gc_block(r, l);
}

/* ---- the fast path ---- */

/* The path of the last line read fast, and its file. */
typedef struct gc_last {
    const char *path;
    size_t len;
    prof_file *f;
    const char *base; /* the input's first byte (memo offsets) */
    bool memo;        /* F was met before: note where its blocks are */
    prof_mode mode;   /* of the data, once the mode line was read */
    size_t hint;      /* F's hinted block (prof_file_hinted), when MEMO */
    const char *live; /* input before it was released (NULL: none) */
    const char *fast; /* the end of the lines that end with '\n' */
    const char *miss; /* a line found to repeat no memo (a run's end) */
    struct gc_memo *m; /* F's memos */
    prof_arena arena;  /* the memos' table */
    prof_strmap memos; /* file (its address as key) -> gc_memo */
} gc_last;

/* A plain decimal at S, not above MAX (UINT32_MAX or UINT64_MAX), or
 * NULL. Digits are read up to the first byte that is not one (every line
 * the fast path reads ends with '\n'), so no bound is checked per digit. */
static inline const char *gc_dec(const char *s, uint64_t max, uint64_t *out)
{
    bool fits;
    size_t n = prof_digits_scan(s, 0, false, max, out, &fits);
    return n && fits ? s + n : NULL;
}

/* "COUNT\n" (or "\r\n") at S into *COUNT: the start of the next line,
 * or NULL. */
static const char *gc_fast_count(const char *s, uint64_t *count)
{
    s = gc_dec(s, UINT64_MAX, count);
    if (s && *s == '\r')
        s++;
    return s && *s == '\n' ? s + 1 : NULL;
}

/* "SL.SC,EL.EC NSTMT COUNT\n" at S; returns the start of the next line,
 * or NULL when the text is anything else. *COUNT is where COUNT starts. */
static const char *gc_fast_fields(const char *s, uint64_t v[6],
                                  const char **count)
{
    static const char seps[] = ".,.  ";
    for (int i = 5; i > 0; i--) {
        s = gc_dec(s, UINT32_MAX, &v[i]);
        if (!s || *s != seps[5 - i])
            return NULL;
        s++;
    }
    *count = s;
    return gc_fast_count(s, &v[0]);
}

/* ---- memo: a block's line seen again ---- */

/* A -coverpkg profile repeats every block once per test binary, in the
 * same order. For a file met again, its memo k (in the reader's own
 * table, by file) keeps where block k's line was last seen: its offset
 * << 20 | the length of its path << 10 | the length of the fields after
 * the colon, up to the count. When the text there equals the new line's,
 * path and fields, the line is block k of the same file with a new
 * count: one memcmp, and only the count is parsed. */
#define GC_MEMO_BITS 10
#define GC_MEMO_MAX ((1u << GC_MEMO_BITS) - 1)
/* Input kept in memory behind the reader while memos are in use: the
 * previous occurrence of a block is one test binary's profile back. */
#define GC_MEMO_LAG (8u << 20)

/* A file's memos, per block: the reader's scratch, freed when done. */
typedef struct gc_memo {
    uint64_t *v;
    size_t cap;
} gc_memo;

/* The memos of F (created empty), or NULL when out of memory. */
static gc_memo *gc_memo_of(gc_last *last, const prof_file *f)
{
    prof_strmap_slot *s =
        prof_strmap_get(&last->memos, (const char *)&f, sizeof f, true);
    if (s && !s->value && (s->value = prof_arena_alloc(&last->arena,
                                                       sizeof(gc_memo))))
        *(gc_memo *)s->value = (gc_memo){NULL, 0};
    return s ? s->value : NULL;
}

/* Note that block K of the file of M was read from the line at LINE
 * (colon and count where they are in it). */
static int gc_memo_note(gc_memo *m, const char *base, const char *line,
                        const char *colon, const char *count, size_t k)
{
    size_t plen = (size_t)(colon - line), flen = (size_t)(count - colon - 1);
    if (plen > GC_MEMO_MAX || flen > GC_MEMO_MAX)
        return 0;
    if (k >= m->cap) {
        size_t old = m->cap;
        PROF_TRY(prof_grow((void **)&m->v, &m->cap, k, sizeof *m->v));
        memset(m->v + old, 0, (m->cap - old) * sizeof *m->v);
    }
    m->v[k] = (uint64_t)(line - base) << (2 * GC_MEMO_BITS) |
              plen << GC_MEMO_BITS | flen;
    return 0;
}

/* Lines matched to memos before their counts are folded in at once. */
#define GC_RUN 32

/* Does the line at P (up to END) repeat, up to the count, the line memo
 * K of LAST's file was noted at? Then its count is in *N, the start of
 * the next line in *NEXT and the length of its path in *PLEN. */
static bool gc_memo_match(const gc_last *last, size_t k, const char *p,
                          const char *end, uint64_t *n, const char **next,
                          size_t *plen)
{
    if (p >= last->fast || k >= last->m->cap || !last->m->v[k])
        return false;
    uint64_t m = last->m->v[k];
    *plen = (size_t)(m >> GC_MEMO_BITS & GC_MEMO_MAX);
    size_t len = *plen + 1 + (size_t)(m & GC_MEMO_MAX);
    const char *seen = last->base + (m >> (2 * GC_MEMO_BITS));
    return (size_t)(end - p) > len && (!last->live || seen >= last->live) &&
           !memcmp(p, seen, len) && (*next = gc_fast_count(p + len, n));
}

/* Fold the counts HITS[0..N) of the lines from NO on into LAST's file's
 * hinted block and those after it; a block whose count needs another
 * suite set is added (same range, other suites). Returns how many lines
 * were folded: all, or up to the first whose block the hint then does
 * not point past (the rest is read again); < 0 on OOM. */
static int gc_memo_fold(prof_reader *r, gc_last *last, const uint64_t *hits,
                        size_t n, unsigned long no)
{
    prof_file *f = last->f;
    size_t done = 0;
    for (;;) {
        size_t k = prof_file_fold_run(f, hits + done, n - done, r->suites);
        last->hint += k;
        if ((done += k) == n)
            return (int)done;
        size_t nb, where, want = last->hint + 1;
        prof_block b = prof_file_blocks(f, &nb)[last->hint];
        b.input = r->input;
        b.line = (uint32_t)(no + done > UINT32_MAX ? 0 : no + done);
        b.suites = hits[done] ? r->suites : 0;
        b.hits = hits[done];
        if (prof_file_add_block_at(f, &b, &where, &last->hint) < 0)
            return prof_reader_oom(r, no + done);
        if (++done == n || last->hint != want)
            return (int)done;
    }
}

/* The lines from P (up to END; line NO on) that are LAST's file's hinted
 * block and the blocks after it again, up to the count: their counts
 * folded in (up to GC_RUN lines, stopping before line 4096k + 1, where
 * gc_scan releases input) and *S moved past them. Returns how many
 * lines were read: 0 when none, < 0 on OOM. */
static int gc_memo_run(prof_reader *r, gc_last *last, const char *p,
                       const char *end, unsigned long no, const char **s)
{
    uint64_t hits[GC_RUN];
    const char *at[GC_RUN + 1];
    size_t plen[GC_RUN], n = 0, max = 4096 - ((no - 1) & 4095);
    max = max < GC_RUN ? max : GC_RUN;
    if (p == last->miss)
        return 0;
    at[0] = p;
    while (n < max && gc_memo_match(last, last->hint + n, at[n], end,
                                    &hits[n], &at[n + 1], &plen[n])) {
        if (last->mode == PROF_MODE_SET && hits[n] > 1)
            hits[n] = 1;
        n++;
    }
    if (!n)
        return 0;
    if (n < max)
        last->miss = at[n];
    int done = gc_memo_fold(r, last, hits, n, no);
    if (done < 0)
        return done;
    last->path = at[done - 1];
    last->len = plen[done - 1];
    *s = at[done];
    return (int)done;
}

/* Read the block line at *S (line NO, ending with '\n') when it has the
 * usual shape and is valid: returns 1 (or the lines of a run of
 * repeats, gc_memo_run) and moves *S past it; 0 leaves it
 * to gc_line_parse (which reads the unusual shapes and words the errors);
 * < 0 on OOM. */
static int gc_fast(prof_reader *r, gc_last *last, const char **s,
                   const char *end, unsigned long no)
{
    const char *p = *s, *colon, *next, *count = NULL;
    uint64_t v[6];
    prof_block b;
    int rc = last->memo ? gc_memo_run(r, last, p, end, no, s) : 0;
    if (rc)
        return rc;
    bool same = last->f && (size_t)(end - p) > last->len &&
                p[last->len] == ':' && !memcmp(p, last->path, last->len);
    if (same) {
        colon = p + last->len;
    } else {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        colon = nl ? memrchr(p, ':', (size_t)(nl - p)) : NULL;
        if (!colon || colon == p || (colon - p == 4 && !memcmp(p, "mode", 4)))
            return 0; /* a 'mode:' line is never a block */
        if (memchr(p, '\0', (size_t)(colon - p)))
            return 0; /* the parser words the NUL error */
    }
    next = gc_fast_fields(colon + 1, v, &count);
    if (!next || gc_check(r, last->mode, v, no, &b))
        return 0;
    if (!same) {
        prof_file *f = prof_profile_file_get(r->p, p, (size_t)(colon - p));
        if (!f)
            return prof_reader_oom(r, no);
        if (last->f && last->f != f)
            prof_file_trim(last->f); /* most likely done with it */
        /* a file met again: its blocks will likely repeat */
        size_t nb;
        prof_file_blocks(f, &nb);
        last->memo = nb > 0;
        if (last->memo)
            prof_reader_set_lag(r, GC_MEMO_LAG);
        if (!(last->m = gc_memo_of(last, f)))
            return prof_reader_oom(r, no);
        last->f = f;
    }
    last->path = p;
    last->len = (size_t)(colon - p);
    prof_file *f = last->f;
    size_t at;
    if (last->memo ? prof_file_add_block_at(f, &b, &at, &last->hint) < 0 ||
                         gc_memo_note(last->m, last->base, p, colon, count,
                                      at) < 0
                   : prof_file_add_block(f, &b) < 0)
        return prof_reader_oom(r, no);
    *s = next;
    return 1;
}

/* The memos are scratch of one read. */
static void gc_memo_free(gc_last *last)
{
    for (size_t i = 0; i < last->memos.count; i++)
        if (last->memos.ents[i].value)
            free(((gc_memo *)last->memos.ents[i].value)->v);
    prof_strmap_free(&last->memos);
    prof_arena_free(&last->arena);
}

static int gc_scan(prof_reader *r, gc_last *last, const unsigned char *buf,
                   size_t len)
{
    const char *s = (const char *)buf, *end = s + len;
    gc_line l = {s, 0, 0};
    s += prof_bom_len(s, len);
    /* the fast path reads lines that end with '\n': up to FAST */
    const char *fast = s < end ? memrchr(s, '\n', (size_t)(end - s)) : NULL;
    fast = fast ? fast + 1 : s;
    last->fast = fast;
    while (s < end) {
        if ((l.no & 4095) == 0) {
            prof_reader_consumed(r, s);
            last->live = prof_reader_live_from(r);
        }
        if (s < fast && last->mode != PROF_MODE_NONE) {
            int rc = gc_fast(r, last, &s, end, l.no + 1);
            if (rc < 0)
                return rc;
            if (rc) {
                l.no += (unsigned long)rc;
                continue;
            }
        }
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        l.s = s;
        l.len = (size_t)(e - s);
        l.no++;
        if (l.len && s[l.len - 1] == '\r')
            l.len--;
        s = nl ? nl + 1 : end;
        if (l.len == 0)
            continue;
        PROF_TRY(gc_line_parse(r, &l));
        last->mode = prof_profile_mode(r->p);
        if (last->memo) /* the line may have been a block of F */
            prof_file_hinted(last->f, &last->hint);
    }
    return 0;
}

static int gc_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    gc_last last = {.base = (const char *)buf,
                    .mode = prof_profile_mode(r->p)};
    prof_arena_init(&last.arena);
    prof_strmap_init(&last.memos, &last.arena);
    int rc = gc_scan(r, &last, buf, len);
    gc_memo_free(&last);
    return rc;
}

static void gc_write_block(const char *path, size_t plen, const prof_block *b,
                           uint64_t hits, prof_sink *out)
{
    prof_sink_write(out, path, plen);
    prof_sink_putc(out, ':');
    prof_sink_u64(out, b->start_line);
    prof_sink_putc(out, '.');
    prof_sink_u64(out, b->start_col);
    prof_sink_putc(out, ',');
    prof_sink_u64(out, b->end_line);
    prof_sink_putc(out, '.');
    prof_sink_u64(out, b->end_col);
    prof_sink_putc(out, ' ');
    prof_sink_u64(out, b->stmts);
    prof_sink_putc(out, ' ');
    prof_sink_u64(out, hits);
    prof_sink_putc(out, '\n');
}

/* One line per (range, statements): units of several functions at one
 * range (GOCOVERDIR data through //line) are one block in this format,
 * as go tool cover and this reader combine such lines; a range with
 * several statement counts is a line per count. */
static void gc_write_file(const prof_profile *p, const prof_file *f,
                          prof_sink *out)
{
    size_t n, plen = prof_file_path_len(f);
    const prof_block *b = prof_file_blocks(f, &n);
    const char *path = prof_file_path(f);
    prof_mode m = prof_profile_mode(p);
    for (size_t i = 0, j; i < n; i = j) {
        uint64_t hits = b[i].hits;
        for (j = i + 1; j < n && !prof_block_cmp(&b[i], &b[j]) &&
                        b[j].stmts == b[i].stmts;
             j++)
            hits = prof_hits_combine(m, hits, b[j].hits);
        gc_write_block(path, plen, &b[i], hits, out);
    }
}

static int gc_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    (void)o;
    (void)err;
    prof_mode m = prof_profile_mode(p);
    prof_sink_puts(out, "mode: ");
    prof_sink_puts(out, prof_mode_name(m == PROF_MODE_NONE ? PROF_MODE_SET : m));
    prof_sink_putc(out, '\n');
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        gc_write_file(p, prof_profile_file(p, i), out);
    return 0;
}

const prof_format prof_format_go = {
    .name = "go",
    .description = "Go text coverprofile (go test -coverprofile)",
    .family = PROF_FAMILY_GO,
    .traits = PROF_TRAIT_NATIVE | PROF_TRAIT_DEFAULT |
              PROF_TRAIT_FUNCS_IN_SOURCES,
    .detect = gc_detect,
    .read = gc_read,
    .write = gc_write,
};
