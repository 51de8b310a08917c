/* lcov.c - LCOV tracefile reader (see geninfo(1)) and format entry. */
#include "lcov.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Reader. One line is one record; sections run [TN:] SF: ... end_of_record.
 * DA lines become whole-line blocks, FN/FNDA and FNL/FNA functions, BRDA
 * branches. Summary records (LF, LH, FNF, FNH, BRF, BRH) are recomputed
 * and ignored here. Duplicate records and sections are appended as they
 * are; prof_profile_normalize sums them (lcov -a semantics).
 *
 * lcov 2 branch ids that are not numbers (expressions such as "!enable")
 * are numbered by their position among the consecutive BRDA records of
 * the same line and block. Excluded ('U') branches are dropped, as lcov
 * leaves them out of BRF/BRH; the 'e' and 'f' flags are dropped.
 */

typedef struct lcov_line {
    const char *s;
    size_t len;
    unsigned long no;
} lcov_line;

/* Lookup table from 64-bit keys to indices (a prof_htab over V). */
typedef struct lcov_ent {
    uint64_t key;
    uint32_t val;
} lcov_ent;

typedef struct lcov_table {
    prof_htab index;
    lcov_ent *v;
    size_t n, cap;
} lcov_table;

typedef struct lcov_fnldef {
    uint32_t start, end;
} lcov_fnldef;

#define LCOV_MAX_KINDS 16

typedef struct lcov_state {
    prof_reader *r;
    prof_file *f;          /* the open section's file, NULL outside */
    unsigned long sf_line; /* where it began */
    size_t fn_base;        /* f->nfuncs when it began */
    uint32_t suites;       /* suite set given to hit records */
    const char *tn;        /* interned current test name, NULL if none */
    lcov_table names;      /* FN/FNDA: interned name -> f->funcs index */
    /* (file, interned name) mixed -> f->funcs index of the functions of
     * sections closed before: lcov keys a file's functions by name */
    lcov_table file_fns;
    lcov_table fnl;        /* FNL index -> fnls index */
    lcov_fnldef *fnls;
    size_t nfnls, cap_fnls;
    uint32_t br_line, br_block, br_seq; /* numbering expression branches */
    bool skipping; /* in a section skipped for its empty SF path */
    char kinds[LCOV_MAX_KINDS][64]; /* record kinds warned about */
    size_t nkinds;
} lcov_state;

/* ---- small helpers ---- */

/* A new section: T forgets its keys (at the cost of what they took). */
static void lcov_table_reset(lcov_table *t)
{
    prof_htab_clear(&t->index);
    t->n = 0;
}

static void lcov_table_free(lcov_table *t)
{
    prof_htab_free(&t->index);
    free(t->v);
}

/* The value of KEY, or NULL. */
static const uint32_t *lcov_table_find(const lcov_table *t, uint64_t key)
{
    uint64_t h = prof_hash_u64(key);
    size_t i = prof_htab_first(&t->index, h);
    for (uint32_t ix1; (ix1 = prof_htab_probe(&t->index, h, &i)) != 0;)
        if (t->v[ix1 - 1].key == key)
            return &t->v[ix1 - 1].val;
    return NULL;
}

/* KEY (absent) with value VAL: 0, or PROF_ENOMEM. */
static int lcov_table_put(lcov_table *t, uint64_t key, uint32_t val)
{
    if (t->n == t->cap)
        PROF_TRY(prof_grow((void **)&t->v, &t->cap, t->n, sizeof *t->v));
    PROF_TRY(prof_htab_add(&t->index, prof_hash_u64(key), t->n));
    t->v[t->n++] = (lcov_ent){key, val};
    return 0;
}

static int lcov_oom(lcov_state *st, const lcov_line *l)
{
    return prof_reader_oom(st->r, l->no);
}

static int lcov_bad(lcov_state *st, const lcov_line *l, const char *syntax,
                    const char *why)
{
    char q[128];
    return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                            "expected '%s', got %s (%s)", syntax,
                            prof_quote(q, sizeof q, l->s, l->len), why);
}

/* Decimal digits S[*I..] up to MAX; false if none or out of range (then
 * *I is at a digit). */
static inline bool lcov_uint(const char *s, size_t n, size_t *i,
                             uint64_t max, uint64_t *out)
{
    size_t b = *i;
    uint64_t v;
    bool fits;
    size_t j = b + prof_digits(s + b, n - b, max, &v, &fits);
    *i = j;
    if (j == b)
        return false;
    if (!fits) {
        *i = j - 1;
        return false;
    }
    *out = v;
    return true;
}

/* lcov_lineno's answer for a well-formed line number 0: a damaged record
 * (the reading policy), which the caller skips. */
static const char lcov_line0[] = "line 0";

/* A line number field: digits, 0 .. 2^32-1, then SEP (or the end when
 * SEP is 0). Returns the reason it is not, lcov_line0 for 0, or NULL. */
static const char *lcov_lineno(const char *s, size_t n, size_t *i, char sep,
                               uint32_t *out)
{
    uint64_t v;
    size_t b = *i;
    if (!lcov_uint(s, n, i, UINT32_MAX, &v))
        return *i < n && s[*i] >= '0' && s[*i] <= '9'
                   ? "line number out of range"
               : b < n && s[b] == '-' ? "negative line number"
                                      : "bad line number";
    if (sep ? *i >= n || s[*i] != sep : *i != n)
        return sep ? "missing field" : "unexpected text after the number";
    if (sep)
        (*i)++;
    *out = (uint32_t)v;
    return v ? NULL : lcov_line0;
}

/* ---- the reading policy ---- */

/* A damaged record of KIND at L (TAG: its record name; WHERE: more, or
 * NULL): 0 to skip or normalise it, or the strict reading's error. */
static int lcov_damage(lcov_state *st, const lcov_line *l, prof_damage kind,
                       const char *tag, const char *where)
{
    return prof_reader_damage(st->r, kind, l->no, tag, where);
}

/* The damage of a line number field's answer WHY (lcov_lineno): 0 to
 * skip the record at line 0, or an error (bad syntax or strict). */
static int lcov_line_damage(lcov_state *st, const lcov_line *l,
                            const char *why, const char *syntax,
                            const char *tag)
{
    if (why != lcov_line0)
        return lcov_bad(st, l, syntax, why);
    return lcov_damage(st, l, PROF_DMG_LINE0, tag, NULL);
}

/* An execution count of record TAG: an integer, or what real generators
 * also write (prof_count_parse): a whole decimal such as
 * "1.84467440737096e+19" (lcov itself, for huge counts) is read as the
 * integer; a negative one (gcc bug 68080) or "NaN" as 0; values past
 * 2^64-1 saturate. Returns 0, 1 when the record is to be skipped (its
 * count is not a whole number), or an error. */
static int lcov_count(lcov_state *st, const lcov_line *l, const char *s,
                      size_t n, const char *syntax, const char *tag,
                      uint64_t *out)
{
    bool neg;
    uint64_t v = 0;
    size_t i = 0;
    if (n - 1 < 19) { /* the usual: 1 to 19 plain digits */
        while (i < n && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (uint64_t)(s[i++] - '0');
        if (i == n) {
            *out = v;
            return 0;
        }
    }
    prof_num k = prof_count_parse(s, n, out, &neg);
    if (k == PROF_NUM_BAD)
        return lcov_bad(st, l, syntax, "bad count");
    return prof_reader_count(st->r, k, neg, out, l->no, tag, NULL);
}

/* ---- sections ---- */

static int lcov_tn(lcov_state *st, const lcov_line *l, const char *v,
                   size_t n)
{
    if (n == 0) {
        st->tn = NULL;
        st->suites = st->r->suites;
        return 0;
    }
    const char *tn = prof_profile_intern(st->r->p, v, n);
    if (!tn)
        return lcov_oom(st, l);
    if (tn == st->tn)
        return 0;
    int s = prof_profile_suite_index(st->r->p, tn);
    if (s < 0 || prof_suiteset_single(st->r->p, s, &st->suites) < 0)
        return lcov_oom(st, l);
    prof_profile_suite_name(st->r->p, (size_t)s);
    st->tn = tn;
    return 0;
}

static int lcov_sf(lcov_state *st, const lcov_line *l, const char *v,
                   size_t n)
{
    if (st->f || st->skipping)
        return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                                "expected 'end_of_record' before the next "
                                "SF (the section for %s began at line %lu)",
                                st->f ? prof_file_path(st->f) : "an empty path",
                                st->sf_line);
    st->sf_line = l->no;
    if (n == 0) { /* gcovr has written "SF:" (drive-subst): skip it */
        st->skipping = true;
        return lcov_damage(st, l, PROF_DMG_NO_PATH, "SF", NULL);
    }
    st->f = prof_profile_file_get(st->r->p, v, n);
    if (!st->f)
        return lcov_oom(st, l);
    prof_file_functions(st->f, &st->fn_base);
    st->nfnls = 0;
    st->br_line = 0;
    lcov_table_reset(&st->names);
    lcov_table_reset(&st->fnl);
    return 0;
}

/*
 * While a section is open, a function's end_col (always 0 in lcov data)
 * holds the line of its first FNDA, for the warning about an FNDA without
 * an FN; a function whose FN was at line 0 (skipped and reported) has
 * LCOV_AT_LINE0 as its end_line until an FN gives it a line.
 */
#define LCOV_AT_LINE0 UINT32_MAX

/* The key of function NAME of file F in lcov_state.file_fns: the two
 * pointers mixed. Two pairs may share one (a lookup checks the name it
 * finds, so a shared key can only make a function look new). */
static uint64_t lcov_fnkey(const prof_file *f, const char *name)
{
    return (uint64_t)(uintptr_t)f * 0x9E3779B97F4A7C15ull ^
           (uint64_t)(uintptr_t)name;
}

/* The function NAME of the open section's file in a section closed
 * before, or NULL. */
static const prof_function *lcov_earlier(lcov_state *st, const char *name)
{
    if (!st->fn_base) /* the file's first section with functions */
        return NULL;
    const uint32_t *at = lcov_table_find(&st->file_fns,
                                         lcov_fnkey(st->f, name));
    size_t n;
    const prof_function *fns = prof_file_functions(st->f, &n);
    if (!at || *at >= st->fn_base || fns[*at].name != name)
        return NULL;
    return &fns[*at];
}

/* Remember the functions of the section closing (FN_BASE on) by name. */
static int lcov_remember(lcov_state *st, const lcov_line *l)
{
    prof_file *f = st->f;
    size_t n;
    const prof_function *fns = prof_file_functions(f, &n);
    for (size_t i = st->fn_base; i < n; i++) {
        uint64_t key = lcov_fnkey(f, fns[i].name);
        if (!lcov_table_find(&st->file_fns, key) &&
            lcov_table_put(&st->file_fns, key, (uint32_t)i) < 0)
            return lcov_oom(st, l);
    }
    return 0;
}

/* Drop the section's functions that had FNDA but no FN (no line). */
static int lcov_close(lcov_state *st, const lcov_line *l)
{
    prof_file *f = st->f;
    size_t o = st->fn_base, n;
    prof_function *fns = prof_file_functions_mut(f, &n);
    int rc = 0;
    for (size_t i = st->fn_base; i < n; i++) {
        prof_function *fn = &fns[i];
        uint32_t fnda = fn->end_col;
        fn->end_col = 0;
        if (fn->start_line) {
            fns[o++] = *fn;
            continue;
        }
        if (fn->end_line == LCOV_AT_LINE0 || rc < 0)
            continue;
        char w[128], q[72];
        snprintf(w, sizeof w, "%s",
                 prof_quote(q, sizeof q, fn->name, strlen(fn->name)));
        lcov_line at = {NULL, 0, fnda};
        rc = lcov_damage(st, &at, PROF_DMG_ORPHAN, "FNDA", w);
    }
    prof_file_functions_keep(f, o);
    if (rc == 0)
        rc = lcov_remember(st, l);
    st->f = NULL;
    return rc;
}

/* ---- function records ---- */

/* The section's function NAME; created with no line if new. */
static prof_function *lcov_func(lcov_state *st, const char *name)
{
    const uint32_t *at = lcov_table_find(&st->names, (uintptr_t)name);
    size_t n;
    prof_function *fns;
    if (at) {
        fns = prof_file_functions_mut(st->f, &n);
        return &fns[*at];
    }
    prof_function fn = {name, 0, 0, 0, 0, st->r->input, 0, 0};
    if (prof_file_add_function(st->f, &fn) < 0)
        return NULL;
    fns = prof_file_functions_mut(st->f, &n);
    if (lcov_table_put(&st->names, (uintptr_t)name, (uint32_t)(n - 1)) < 0)
        return NULL;
    return &fns[n - 1];
}

#define LCOV_FN "FN:<line>[,<end line>],<name>"

/* An end line E of a function starting at START: E, or 0 (unknown) when
 * it is before the start (a damaged record). */
static int lcov_end_line(lcov_state *st, const lcov_line *l, uint32_t start,
                         uint64_t e, const char *tag, uint32_t *end)
{
    *end = e >= start ? (uint32_t)e : 0;
    if (e >= start || !start)
        return 0;
    return lcov_damage(st, l, PROF_DMG_END_BEFORE, tag, NULL);
}

/* FN of NAME at START, when FIRST (the function's line in this section
 * or one closed before) differs: the first line is kept. */
static int lcov_redefined(lcov_state *st, const lcov_line *l,
                          const char *name, uint32_t start, uint32_t first)
{
    char w[128], q[72];
    snprintf(w, sizeof w, "%s at line %u, first at line %u",
             prof_quote(q, sizeof q, name, strlen(name)), start, first);
    return lcov_damage(st, l, PROF_DMG_REDEFINED, "FN", w);
}

/* FN's function NAME at START (0: the record was at line 0), END. A name
 * is one function of its file, as lcov and grcov key them: defined again
 * at another line, in this section or another, it keeps its first line. */
static int lcov_fn_define(lcov_state *st, const lcov_line *l,
                          const char *name, uint32_t start, uint32_t end)
{
    prof_function *fn = lcov_func(st, name);
    if (!fn)
        return lcov_oom(st, l);
    const prof_function *old = start && !fn->start_line
                                   ? lcov_earlier(st, name)
                                   : NULL;
    if (old && old->start_line != start) {
        fn->start_line = old->start_line;
        fn->end_line = old->end_line;
        return lcov_redefined(st, l, name, start, old->start_line);
    }
    if (!start) {
        if (!fn->start_line)
            fn->end_line = LCOV_AT_LINE0;
    } else if (!fn->start_line) {
        fn->start_line = start;
        fn->end_line = end;
    } else if (fn->start_line == start) {
        fn->end_line = end > fn->end_line ? end : fn->end_line;
    } else {
        return lcov_redefined(st, l, name, start, fn->start_line);
    }
    return 0;
}

static int lcov_fn(lcov_state *st, const lcov_line *l, const char *v,
                   size_t n)
{
    size_t i = 0, j;
    uint32_t start, end = 0;
    const char *why = lcov_lineno(v, n, &i, ',', &start);
    if (why && why != lcov_line0)
        return lcov_bad(st, l, LCOV_FN, i == n && n ? "missing function name"
                                                     : why);
    j = i;
    uint64_t e;
    if (lcov_uint(v, n, &j, UINT32_MAX, &e) && j + 1 < n && v[j] == ',') {
        PROF_TRY(lcov_end_line(st, l, start, e, "FN", &end));
        i = j + 1;
    }
    if (i >= n)
        return lcov_damage(st, l, PROF_DMG_NO_NAME, "FN", NULL);
    if (why) /* line 0 (Firefox's JS "top-level"): reported, then skipped */
        PROF_TRY(lcov_damage(st, l, PROF_DMG_LINE0, "FN", NULL));
    const char *name = prof_profile_intern(st->r->p, v + i, n - i);
    if (!name)
        return lcov_oom(st, l);
    return lcov_fn_define(st, l, name, start, end);
}

static int lcov_fnda(lcov_state *st, const lcov_line *l, const char *v,
                     size_t n)
{
    const char *c = memchr(v, ',', n);
    if (!c)
        return lcov_bad(st, l, "FNDA:<count>,<name>",
                        "missing function name");
    uint64_t hits;
    int rc = lcov_count(st, l, v, (size_t)(c - v), "FNDA:<count>,<name>",
                        "FNDA", &hits);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if (c + 1 == v + n)
        return lcov_damage(st, l, PROF_DMG_NO_NAME, "FNDA", NULL);
    size_t off = (size_t)(c + 1 - v);
    const char *name = prof_profile_intern(st->r->p, v + off, n - off);
    prof_function *fn = name ? lcov_func(st, name) : NULL;
    if (!fn)
        return lcov_oom(st, l);
    if (!fn->start_line && !fn->end_col)
        fn->end_col = (uint32_t)(l->no > UINT32_MAX ? 0 : l->no);
    fn->hits = prof_sat_add(fn->hits, hits);
    if (fn->hits)
        fn->suites = st->suites;
    return 0;
}

#define LCOV_FNL "FNL:<index>,<line>[,<end line>]"

static int lcov_fnl(lcov_state *st, const lcov_line *l, const char *v,
                    size_t n)
{
    size_t i = 0;
    uint64_t idx;
    uint32_t start, end = 0;
    if (!lcov_uint(v, n, &i, UINT64_MAX, &idx) || i >= n || v[i++] != ',')
        return lcov_bad(st, l, LCOV_FNL, "bad index");
    const char *why = memchr(v + i, ',', n - i)
                          ? lcov_lineno(v, n, &i, ',', &start)
                          : lcov_lineno(v, n, &i, 0, &start);
    uint64_t e = 0;
    if ((!why || why == lcov_line0) && i < n &&
        (!lcov_uint(v, n, &i, UINT32_MAX, &e) || i != n))
        why = "bad end line";
    if (why && why != lcov_line0)
        return lcov_bad(st, l, LCOV_FNL, why);
    if (why) /* kept with start 0: its FNA records are skipped */
        PROF_TRY(lcov_damage(st, l, PROF_DMG_LINE0, "FNL", NULL));
    else if (e)
        PROF_TRY(lcov_end_line(st, l, start, e, "FNL", &end));
    if (lcov_table_find(&st->fnl, idx))
        return lcov_bad(st, l, LCOV_FNL, "index already defined in this "
                                         "section");
    if (prof_grow((void **)&st->fnls, &st->cap_fnls, st->nfnls,
                  sizeof *st->fnls) < 0 ||
        lcov_table_put(&st->fnl, idx, (uint32_t)st->nfnls) < 0)
        return lcov_oom(st, l);
    st->fnls[st->nfnls++] = (lcov_fnldef){start, end};
    return 0;
}

#define LCOV_FNA "FNA:<index>,<count>,<name>"

static int lcov_fna(lcov_state *st, const lcov_line *l, const char *v,
                    size_t n)
{
    size_t i = 0;
    uint64_t idx, hits;
    if (!lcov_uint(v, n, &i, UINT64_MAX, &idx) || i >= n || v[i++] != ',')
        return lcov_bad(st, l, LCOV_FNA, "bad index");
    const char *c = memchr(v + i, ',', n - i);
    if (!c)
        return lcov_bad(st, l, LCOV_FNA, "missing field");
    int rc = lcov_count(st, l, v + i, (size_t)(c - v) - i, LCOV_FNA, "FNA",
                        &hits);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    const uint32_t *at = lcov_table_find(&st->fnl, idx);
    if (!at)
        return lcov_bad(st, l, LCOV_FNA, "no FNL with this index before "
                                         "it in the section");
    lcov_fnldef d = st->fnls[*at];
    if (!d.start) /* its FNL was at line 0: reported there */
        return 0;
    if (c + 1 == v + n)
        return lcov_damage(st, l, PROF_DMG_NO_NAME, "FNA", NULL);
    size_t off = (size_t)(c + 1 - v);
    const char *name = prof_profile_intern(st->r->p, v + off, n - off);
    if (!name)
        return lcov_oom(st, l);
    prof_function fn = {name, d.start, 0, d.end, 0, st->r->input,
                        hits ? st->suites : 0, hits};
    if (prof_file_add_function(st->f, &fn) < 0)
        return lcov_oom(st, l);
    return 0;
}

/* ---- line and branch records ---- */

#define LCOV_DA "DA:<line>,<count>[,<checksum>]"

/* What a DA record adds (the fast path in lcov_parse adds the same). */
static int lcov_add_line(lcov_state *st, const lcov_line *l, uint32_t line,
                         uint64_t hits)
{
    prof_block b = {line, 0, line, 0, 1, st->r->input,
                    (uint32_t)(l->no > UINT32_MAX ? 0 : l->no),
                    hits ? st->suites : 0, hits, NULL};
    if (prof_file_add_block(st->f, &b) < 0)
        return lcov_oom(st, l);
    return 0;
}

static int lcov_da(lcov_state *st, const lcov_line *l, const char *v,
                   size_t n)
{
    size_t i = 0;
    uint32_t line;
    uint64_t hits;
    const char *why = lcov_lineno(v, n, &i, ',', &line);
    const char *c = memchr(v + i, ',', n - i);
    size_t cn = c ? (size_t)(c - v) - i : n - i;
    bool neg;
    if (why == lcov_line0 &&
        prof_count_parse(v + i, cn, &hits, &neg) == PROF_NUM_BAD)
        return lcov_bad(st, l, LCOV_DA, "bad count");
    if (why)
        return lcov_line_damage(st, l, why, LCOV_DA, "DA");
    int rc = lcov_count(st, l, v + i, cn, LCOV_DA, "DA", &hits);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    return lcov_add_line(st, l, line, hits);
}

#define LCOV_BRDA "BRDA:<line>,<block>,<branch>,<taken>"

/* The position of this branch among the consecutive branches of LINE and
 * BLOCK: the id of a branch whose id is an expression. */
static uint32_t lcov_branch_seq(lcov_state *st, uint32_t line, uint32_t block)
{
    if (st->br_line == line && st->br_block == block)
        st->br_seq++;
    else
        st->br_seq = 0;
    st->br_line = line;
    st->br_block = block;
    return st->br_seq;
}

/* The branch id S[0..N): a number, or its position (lcov_branch_seq). */
static uint32_t lcov_branch_id(lcov_state *st, uint32_t line, uint32_t block,
                               const char *s, size_t n)
{
    uint64_t v;
    size_t i = 0;
    uint32_t seq = lcov_branch_seq(st, line, block);
    if (lcov_uint(s, n, &i, UINT32_MAX, &v) && i == n)
        return (uint32_t)v;
    return seq;
}

/* What a BRDA record adds (the fast path in lcov_parse adds the same). */
static int lcov_add_branch(lcov_state *st, const lcov_line *l, uint32_t line,
                           uint32_t block, uint32_t id, uint64_t taken)
{
    bool hit = taken != PROF_NOT_EVALUATED && taken > 0;
    prof_branch br = {line, block, id, hit ? st->suites : 0, taken};
    if (prof_file_add_branch(st->f, &br) < 0)
        return lcov_oom(st, l);
    return 0;
}

static int lcov_brda(lcov_state *st, const lcov_line *l, const char *v,
                     size_t n)
{
    size_t i = 0;
    uint32_t line;
    uint64_t block, taken;
    const char *why = lcov_lineno(v, n, &i, ',', &line);
    if (why)
        return lcov_line_damage(st, l, why, LCOV_BRDA, "BRDA");
    i += i < n && (v[i] == 'e' || v[i] == 'f');
    bool excluded = i < n && v[i] == 'U';
    i += excluded;
    if (!lcov_uint(v, n, &i, UINT32_MAX, &block) || i >= n || v[i++] != ',')
        return lcov_bad(st, l, LCOV_BRDA, "bad block number");
    const char *c = memrchr(v + i, ',', n - i);
    if (!c || c == v + i || c + 1 == v + n)
        return lcov_bad(st, l, LCOV_BRDA, "missing field");
    size_t t = (size_t)(c + 1 - v);
    int rc = 0;
    if (n - t == 1 && v[t] == '-')
        taken = PROF_NOT_EVALUATED;
    else
        rc = lcov_count(st, l, v + t, n - t, LCOV_BRDA, "BRDA", &taken);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if (taken == PROF_NOT_EVALUATED && v[t] != '-')
        taken--; /* saturated: keep it a count */
    uint32_t id = lcov_branch_id(st, line, (uint32_t)block, v + i,
                                 (size_t)(c - v) - i);
    if (excluded)
        return 0;
    return lcov_add_branch(st, l, line, (uint32_t)block, id, taken);
}

static int lcov_skip(lcov_state *st, const lcov_line *l, const char *v,
                     size_t n)
{
    (void)st, (void)l, (void)v, (void)n;
    return 0;
}

/* ---- dispatch ---- */

typedef int (*lcov_fn_t)(lcov_state *, const lcov_line *, const char *,
                         size_t);

typedef struct lcov_record {
    const char *key;
    bool in_section; /* needs an open SF section */
    lcov_fn_t fn;
} lcov_record;

static const lcov_record lcov_records[] = {
    {"DA", true, lcov_da},     {"BRDA", true, lcov_brda},
    {"FN", true, lcov_fn},     {"FNDA", true, lcov_fnda},
    {"FNL", true, lcov_fnl},   {"FNA", true, lcov_fna},
    {"SF", false, lcov_sf},    {"KF", false, lcov_sf},
    {"TN", false, lcov_tn},    {"VER", false, lcov_skip},
    {"LF", true, lcov_skip},   {"LH", true, lcov_skip},
    {"FNF", true, lcov_skip},  {"FNH", true, lcov_skip},
    {"BRF", true, lcov_skip},  {"BRH", true, lcov_skip},
};

/* One warning per unknown record kind. */
static void lcov_unknown(lcov_state *st, const lcov_line *l, size_t klen)
{
    char q[64];
    prof_quote(q, sizeof q, l->s, klen);
    for (size_t i = 0; i < st->nkinds; i++)
        if (!strcmp(st->kinds[i], q))
            return;
    if (st->nkinds == LCOV_MAX_KINDS)
        return;
    snprintf(st->kinds[st->nkinds++], sizeof st->kinds[0], "%s", q);
    prof_profile_warnf(st->r->p, st->r->name, l->no,
                       "unsupported record %s skipped (and any more of "
                       "its kind)", q);
}

/* Is S up to COLON a record name (letters, digits, '_')? Inside a
 * section, a line that is not a record is the rest of an SF path written
 * over several lines (Firefox's "SF:data:,new function() {" and the
 * source after it): skipped, as lcov 1.16 and grcov skip it. */
static bool lcov_is_key(const char *s, const char *colon)
{
    if (!colon || colon == s)
        return false;
    for (; s < colon; s++)
        if (!((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') && *s != '_' &&
            !(*s >= '0' && *s <= '9'))
            return false;
    return true;
}

static int lcov_record_line(lcov_state *st, const lcov_line *l)
{
    const char *nul = memchr(l->s, '\0', l->len);
    if (nul) {
        char q[128];
        return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                                "expected a text record, got %s (a NUL "
                                "byte at column %zu)",
                                prof_quote(q, sizeof q, l->s, l->len),
                                (size_t)(nul - l->s) + 1);
    }
    if (l->len == 13 && !memcmp(l->s, "end_of_record", 13)) {
        if (st->skipping) {
            st->skipping = false;
            return 0;
        }
        if (!st->f)
            return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                                    "'end_of_record' without an SF record "
                                    "before it");
        return lcov_close(st, l);
    }
    const char *colon = memchr(l->s, ':', l->len);
    if (!colon && (st->f || st->skipping))
        return lcov_damage(st, l, PROF_DMG_NOT_RECORD, "text", NULL);
    if (!colon) {
        char q[128];
        return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                                "expected a record such as 'SF:<path>' or "
                                "'DA:<line>,<count>', or 'end_of_record', "
                                "got %s",
                                prof_quote(q, sizeof q, l->s, l->len));
    }
    size_t klen = (size_t)(colon - l->s), off = klen + 1;
    for (size_t i = 0; i < sizeof lcov_records / sizeof *lcov_records; i++) {
        const lcov_record *rec = &lcov_records[i];
        if (strlen(rec->key) != klen || memcmp(rec->key, l->s, klen))
            continue;
        if (rec->in_section && st->skipping)
            return 0;
        if (rec->in_section && !st->f) {
            char q[128];
            return prof_reader_fail(st->r, PROF_EFORMAT, l->no,
                                    "expected 'SF:<path>' before %s",
                                    prof_quote(q, sizeof q, l->s, l->len));
        }
        return rec->fn(st, l, l->s + off, l->len - off);
    }
    if ((st->f || st->skipping) && !lcov_is_key(l->s, colon))
        return lcov_damage(st, l, PROF_DMG_NOT_RECORD, "text", NULL);
    lcov_unknown(st, l, klen);
    return 0;
}

static bool lcov_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Fast path: digits at *P up to MAX and then SEP, their value in *OUT;
 * *P moves past SEP. False (and *P unmoved) for anything else. */
static inline bool lcov_fast_uint(const char **p, const char *end,
                                  uint64_t max, char sep, uint64_t *out)
{
    size_t i = 0, n = (size_t)(end - *p);
    if (!lcov_uint(*p, n, &i, max, out) || i >= n || (*p)[i] != sep)
        return false;
    *p += i + 1;
    return true;
}

/* The common lines in their plain form, "DA:<line>,<count>\n" and
 * "BRDA:<line>,<block>,<branch>,<taken or ->\n" (counts within 64 bits,
 * taken below the "-" value; line, block and branch within 32 bits),
 * read without the record table; anything else (checksums, flags, spaces,
 * errors) returns false and goes the general way, which accepts these
 * lines too and gives the same records. On true, *S is past the line. */
static bool lcov_fast(lcov_state *st, const lcov_line *l, const char **s,
                      const char *end, int *rc)
{
    const char *p = *s;
    uint64_t line, block, branch, n;
    if (!st->f || end - p < 5)
        return false;
    if (p[0] == 'D' && p[1] == 'A' && p[2] == ':') {
        p += 3;
        if (!lcov_fast_uint(&p, end, UINT32_MAX, ',', &line) || !line ||
            !lcov_fast_uint(&p, end, UINT64_MAX, '\n', &n))
            return false;
        *rc = lcov_add_line(st, l, (uint32_t)line, n);
    } else if (!memcmp(p, "BRDA:", 5)) {
        p += 5;
        if (!lcov_fast_uint(&p, end, UINT32_MAX, ',', &line) || !line ||
            !lcov_fast_uint(&p, end, UINT32_MAX, ',', &block))
            return false;
        if (!lcov_fast_uint(&p, end, UINT32_MAX, ',', &branch))
            return false;
        if (end - p >= 2 && p[0] == '-' && p[1] == '\n') {
            n = PROF_NOT_EVALUATED;
            p += 2;
        } else if (!lcov_fast_uint(&p, end, PROF_NOT_EVALUATED - 1, '\n',
                                   &n)) { /* the most is "-" */
            return false;
        }
        lcov_branch_seq(st, (uint32_t)line, (uint32_t)block); /* a number */
        *rc = lcov_add_branch(st, l, (uint32_t)line, (uint32_t)block,
                              (uint32_t)branch, n);
    } else {
        return false;
    }
    *s = p;
    return true;
}

static int lcov_parse(lcov_state *st, const char *s, const char *end)
{
    lcov_line l = {s, 0, 0};
    int rc = 0;
    s += prof_bom_len(s, (size_t)(end - s));
    while (s < end) {
        l.no++;
        l.s = s;
        if (lcov_fast(st, &l, &s, end, &rc)) {
            PROF_TRY(rc);
            continue;
        }
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        while (e > s && lcov_space(e[-1]))
            e--;
        l.len = (size_t)(e - s);
        s = nl ? nl + 1 : end;
        if (l.len == 0 || l.s[0] == '#')
            continue;
        PROF_TRY(lcov_record_line(st, &l));
    }
    if (st->f || st->skipping) {
        lcov_line at = {NULL, 0, st->sf_line};
        PROF_TRY(lcov_damage(st, &at, PROF_DMG_UNENDED, "SF", NULL));
    }
    return st->f ? lcov_close(st, &l) : 0;
}

static int lcov_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    lcov_state st;
    memset(&st, 0, sizeof st);
    st.r = r;
    st.suites = r->suites;
    prof_reader_set_mode(r, PROF_MODE_COUNT);
    const char *s = (const char *)buf;
    int rc = lcov_parse(&st, s, s + len);
    lcov_table_free(&st.file_fns);
    lcov_table_free(&st.names);
    lcov_table_free(&st.fnl);
    free(st.fnls);
    return rc;
}

/* Do lines of [S, END) (after the first) begin with "SF:" and with
 * "end_of_record"? Line by line with memchr: a detector runs on every
 * input of every format (memmem took 5% of a gcov JSON conversion). */
static bool lcov_lines_begin(const char *s, const char *end)
{
    bool sf = false, eor = false;
    while (!(sf && eor) && (s = memchr(s, '\n', (size_t)(end - s)))) {
        size_t n = (size_t)(end - ++s);
        sf = sf || (n >= 3 && !memcmp(s, "SF:", 3));
        eor = eor || (n >= 13 && !memcmp(s, "end_of_record", 13));
    }
    return sf && eor;
}

/* Score: the first record is TN:, SF: or VER:, or an SF record and an
 * end_of_record appear near the start. */
static int lcov_detect(const unsigned char *buf, size_t len)
{
    const char *s = (const char *)buf, *end = s + len;
    s += prof_bom_len(s, len);
    while (s < end && (*s == '\n' || lcov_space(*s) || *s == '#')) {
        if (*s == '#') {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            s = nl ? nl : end;
        } else {
            s++;
        }
    }
    size_t n = (size_t)(end - s);
    if ((n >= 3 && (!memcmp(s, "TN:", 3) || !memcmp(s, "SF:", 3))) ||
        (n >= 4 && !memcmp(s, "VER:", 4)))
        return 90;
    return lcov_lines_begin(s, end - s < 65536 ? end : s + 65536) ? 70 : 0;
}

const prof_format prof_format_lcov = {
    .name = "lcov",
    .description = "LCOV tracefile (lcov, geninfo, genhtml, Codecov)",
    .family = PROF_FAMILY_LINE,
    .traits = PROF_TRAIT_NATIVE,
    .detect = lcov_detect,
    .read = lcov_read,
    .write = prof_lcov_write,
    .view = PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES,
};
