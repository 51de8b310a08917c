/* gcovjson.c - gcc gcov JSON reader (gcov --json-format, .gcov.json.gz). */
#include "../libprof/jscan.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Input: one JSON document (what gcov -j writes, gzip handled by input.c) or
 * several, one per line (gcov -j -t) or simply concatenated. Mapping to the
 * model (formats.md section 4), chosen to agree with lcov 1.16's geninfo:
 *  - path: "file" joined with "current_working_directory" when relative,
 *    then "." and ".." resolved lexically (lcov's solve_relative_path,
 *    gcovr's normpath); pseudo files such as "<built-in>" are kept as is;
 *  - lines[]: a whole-line block per entry; repeated entries for one line
 *    (templates, inlining, headers in several units) are summed;
 *  - functions[]: the mangled "name" (as lcov and gcovr key them), start
 *    and end positions, hits = execution_count;
 *  - branches: line = the entry's line, block = how many earlier entries
 *    of that line (consecutive, as gcc writes them) had branches, branch =
 *    index in the entry. So a line whose branches come from one entry gets
 *    block 0, as lcov 1.16 writes it; two template instances that both
 *    branch on a line stay two blocks, as lcov 2 keeps them. taken =
 *    count, or "not evaluated" when the entry has unexecuted_block set and
 *    count 0 (lcov's '-'). "throw" (exception) edges are kept as ordinary
 *    branches, as lcov 1.16 writes them: the model has no exception flag;
 *  - damaged records follow the reading policy (policy.c): counts that
 *    gcc 9 and 10 print with %g (1.37297e+06) are read as the integers
 *    they are; negative counts (gcc PR 68080) become 0; a count that is
 *    not whole skips its line, branch or function; a line_number or
 *    start_line 0 skips its record, an empty function name its function,
 *    an empty "file" its file object;
 *  - format_version "1" and "2" are read; another value is read as "2"
 *    with a warning; unknown keys (gcc_version, data_file, demangled_name,
 *    blocks, calls, conditions, block_ids, ...) are checked as JSON and
 *    skipped; a known key twice in one object is an error.
 *
 * Reading is one pass of the shared scanner (libprof/jscan.c): no tree,
 * no allocation per value. Key order is free, and gcc <= 13 writes
 * "format_version" and "current_working_directory" after "files", and
 * "file" after "lines" and "functions". So the records of a document wait
 * in three arrays, each file object's raw "file" beside them, until the
 * document ends; then each path is joined with the working directory and
 * its records are added to the model. A pre-scan for the top-level keys
 * would read every document twice (and still not give "file" before its
 * records); waiting costs one copy of each record and the memory of one
 * document's records (gcov writes one document per translation unit).
 *
 * Errors name the line and column of the offending value and where it is
 * in the document (files[0].lines[3]).
 */

typedef struct gj_pend { /* a file object of the document being read */
    size_t name, name_len;  /* its "file", in gj_ctx.names */
    size_t block, func, br; /* its first records in gj_ctx's arrays */
    bool skip;              /* "file" is empty: its records left out */
} gj_pend;

typedef struct gj_ctx {
    prof_jscan j;
    prof_reader *r;
    /* the document being read: names, file objects and their records */
    char *names; /* "file" strings and the working directory */
    size_t nnames, cap_names;
    size_t cwd, cwd_len; /* in NAMES */
    bool have_cwd;
    gj_pend *pend;
    size_t npend, cap_pend;
    prof_block *blocks;
    size_t nblocks, cap_blocks;
    prof_function *funcs;
    size_t nfuncs, cap_funcs;
    prof_branch *brs;
    size_t nbrs, cap_brs;
    uint32_t prev, nbr; /* last lines[] entry's line; its branching ones */
    /* where the scanner is: files[fi] .lines[li] or .functions[li]
     * .branches[bi]; -1 when outside */
    long fi, li, bi;
    const char *list; /* "lines" or "functions", NULL at file level */
    char *path;       /* scratch for joined paths */
    size_t path_cap;
    bool skip;      /* the record being read is damaged: dropped */
    bool version_warned;
} gj_ctx;

/* One lines[] entry, or one branches[] element, while it is read. */
typedef struct gj_line {
    prof_block b;
    bool unexec;
} gj_line;

typedef struct gj_branch {
    prof_branch br;
    bool thr;
} gj_branch;

static int gj_detect(const unsigned char *buf, size_t len)
{
    size_t head = len < 4096 ? len : 4096;
    if (!prof_jscan_object_start(buf, len))
        return 0;
    bool gcc = memmem(buf, head, "\"gcc_version\"", 13) != NULL;
    bool fmt = memmem(buf, head, "\"format_version\"", 16) != NULL;
    if (gcc && fmt)
        return 95;
    return gcc ? 85 : 0; /* gcc <= 13 writes format_version after files */
}

/* ---- messages ---- */

/* "files[1].lines[7].branches[0]": where the reader is in the document
 * (nothing at its top level). */
static void gj_where(const prof_jscan *j, char *out, size_t outsz)
{
    const gj_ctx *c = j->user;
    if (c->fi < 0)
        out[0] = '\0';
    else if (!c->list || c->li < 0)
        snprintf(out, outsz, "files[%ld]", c->fi);
    else if (c->bi < 0)
        snprintf(out, outsz, "files[%ld].%s[%ld]", c->fi, c->list, c->li);
    else
        snprintf(out, outsz, "files[%ld].%s[%ld].branches[%ld]", c->fi,
                 c->list, c->li, c->bi);
}

/* ---- fields ---- */

enum {
    GJ_LINE,  /* uint32_t, 1 to UINT32_MAX */
    GJ_COL,   /* uint32_t, 0 to UINT32_MAX */
    GJ_COUNT, /* uint64_t; negative read as 0 */
    GJ_BOOL   /* bool */
};

/* A count into AT: integers as they are; the rest by the reading policy
 * (a record whose count is not whole is skipped: C->skip). */
static int gj_count(prof_jscan *j, const prof_jkey *k, char *at)
{
    gj_ctx *c = j->user;
    uint64_t v;
    PROF_TRY(prof_jscan_policy_count(j, k->key, &v, &c->skip));
    memcpy(at, &v, sizeof v);
    return 0;
}

/* A number or boolean of kind K->kind into OBJ at K->off. */
static int gj_field(prof_jscan *j, const prof_jkey *k, void *obj)
{
    char *at = (char *)obj + k->off;
    bool neg;
    uint64_t v;
    if (k->kind == GJ_BOOL)
        return prof_jscan_bool(j, k->key, (bool *)(void *)at);
    if (k->kind == GJ_COUNT)
        return gj_count(j, k, at);
    prof_jscan_ws(j);
    const unsigned char *start = j->s;
    PROF_TRY(prof_jscan_int(j, k->key, UINT64_MAX, &neg, &v));
    neg = neg && v;
    if (neg || v > UINT32_MAX) {
        j->s = start;
        return prof_jscan_fail(j, "expected \"%s\" to be a number from %u "
                                  "to 4294967295, got %s%llu", k->key,
                               k->kind == GJ_LINE, neg ? "-" : "",
                               (unsigned long long)v);
    }
    if (v == 0 && k->kind == GJ_LINE) { /* line 0: the record skipped */
        PROF_TRY(prof_jscan_damage(j, PROF_DMG_LINE0, k->key, start));
        ((gj_ctx *)j->user)->skip = true;
    }
    uint32_t u = (uint32_t)v;
    memcpy(at, &u, sizeof u);
    return 0;
}

/* A string for K into j->buf; an empty one is damage KIND (C->skip). */
static int gj_name_string(prof_jscan *j, const prof_jkey *k,
                          prof_damage kind)
{
    char what[96];
    prof_jscan_ws(j);
    const unsigned char *start = j->s;
    snprintf(what, sizeof what, "a string for \"%s\"", k->key);
    PROF_TRY(prof_jscan_string(j, what));
    if (j->len)
        return 0;
    ((gj_ctx *)j->user)->skip = true;
    return prof_jscan_damage(j, kind, k->key, start);
}

/* Keep j->buf in C->names: *OFF, *LEN. */
static int gj_keep(gj_ctx *c, size_t *off, size_t *len)
{
    prof_jscan *j = &c->j;
    *off = c->nnames;
    *len = 0;
    if (!j->len)
        return 0;
    if (prof_grow((void **)&c->names, &c->cap_names, c->nnames + j->len - 1,
                  1) < 0)
        return prof_jscan_nomem(j);
    memcpy(c->names + c->nnames, j->buf, j->len);
    *len = j->len;
    c->nnames += j->len;
    if (j->cap > (1u << 20)) /* a huge name: not three copies at once */
        prof_jscan_free(j);
    return 0;
}

/* One object of KEYS, named WHAT in messages, into X (SIZE bytes, zeroed
 * first); *INDEX counts it. */
static int gj_object(prof_jscan *j, const prof_jkey *keys, const char *what,
                     long *index, void *x, size_t size)
{
    memset(x, 0, size);
    ++*index;
    j->what = what;
    return prof_jscan_object(j, keys, PROF_JSCAN_OPEN, x);
}

/* ---- records ---- */

static const prof_jkey gj_branch_keys[] = {
    {"count", gj_field, GJ_COUNT, offsetof(gj_branch, br.taken),
     PROF_JK_REQUIRED, "an integer"},
    {"throw", gj_field, GJ_BOOL, offsetof(gj_branch, thr), 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int gj_branch_item(prof_jscan *j, void *ctx)
{
    gj_ctx *c = ctx;
    gj_branch x;
    bool line_skip = c->skip;
    c->skip = false;
    PROF_TRY(gj_object(j, gj_branch_keys, "a branch", &c->bi, &x, sizeof x));
    bool skip = c->skip;
    c->skip = line_skip;
    if (skip) /* a count that is not whole: this branch left out */
        return 0;
    /* line, block and suites once the entry is read; "throw" checked and
     * kept as an ordinary branch */
    x.br.branch = (uint32_t)c->bi;
    if ((unsigned long)c->bi > UINT32_MAX)
        return prof_jscan_nomem(j);
    return prof_jscan_push(j, (void **)&c->brs, &c->cap_brs, &c->nbrs,
                           &x.br, sizeof x.br);
}

static int gj_branches(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = j->user;
    (void)obj;
    c->bi = -1;
    PROF_TRY(prof_jscan_array(j, k->key, gj_branch_item, c));
    c->bi = -1;
    return 0;
}

static const prof_jkey gj_line_keys[] = {
    {"line_number", gj_field, GJ_LINE, offsetof(gj_line, b.start_line),
     PROF_JK_REQUIRED, "an integer"},
    {"count", gj_field, GJ_COUNT, offsetof(gj_line, b.hits),
     PROF_JK_REQUIRED, "an integer"},
    {"unexecuted_block", gj_field, GJ_BOOL, offsetof(gj_line, unexec), 0,
     NULL},
    {"branches", gj_branches, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

/* The branches of an entry (C->brs from BR0) get its line, their block
 * number, and "not evaluated" when the entry never ran. */
static void gj_line_branches(gj_ctx *c, const gj_line *x, size_t br0)
{
    uint32_t line = x->b.start_line, suites = c->r->suites;
    if (line != c->prev)
        c->nbr = 0;
    c->prev = line;
    if (br0 == c->nbrs)
        return;
    uint32_t block = c->nbr++;
    bool unevaluated = x->unexec && x->b.hits == 0;
    for (size_t i = br0; i < c->nbrs; i++) {
        prof_branch *br = &c->brs[i];
        br->line = line;
        br->block = block;
        if (unevaluated)
            br->taken = PROF_NOT_EVALUATED;
        br->suites = br->taken && !unevaluated ? suites : 0;
    }
}

static int gj_line_item(prof_jscan *j, void *ctx)
{
    gj_ctx *c = ctx;
    gj_line x;
    size_t br0 = c->nbrs;
    prof_jscan_ws(j);
    unsigned long line = j->line;
    c->bi = -1;
    c->skip = false;
    PROF_TRY(gj_object(j, gj_line_keys, "a line", &c->li, &x, sizeof x));
    if (c->skip) { /* damaged: the line and its branches left out */
        c->nbrs = br0;
        return 0;
    }
    x.b.end_line = x.b.start_line;
    x.b.stmts = 1;
    x.b.input = c->r->input;
    x.b.line = line > UINT32_MAX ? 0 : (uint32_t)line;
    x.b.suites = x.b.hits ? c->r->suites : 0;
    gj_line_branches(c, &x, br0);
    return prof_jscan_push(j, (void **)&c->blocks, &c->cap_blocks,
                           &c->nblocks, &x.b, sizeof x.b);
}

static int gj_name(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = j->user;
    PROF_TRY(gj_name_string(j, k, PROF_DMG_NO_NAME));
    if (!j->len)
        return 0;
    const char *name = prof_profile_intern(c->r->p, j->buf, j->len);
    if (!name)
        return prof_jscan_nomem(j);
    memcpy((char *)obj + k->off, &name, sizeof name);
    return 0;
}

static const prof_jkey gj_function_keys[] = {
    {"name", gj_name, 0, offsetof(prof_function, name), PROF_JK_REQUIRED,
     "a string"},
    {"start_line", gj_field, GJ_LINE, offsetof(prof_function, start_line),
     PROF_JK_REQUIRED, "an integer"},
    {"start_column", gj_field, GJ_COL, offsetof(prof_function, start_col), 0,
     NULL},
    {"end_line", gj_field, GJ_COL, offsetof(prof_function, end_line), 0,
     NULL},
    {"end_column", gj_field, GJ_COL, offsetof(prof_function, end_col), 0,
     NULL},
    {"execution_count", gj_field, GJ_COUNT, offsetof(prof_function, hits),
     PROF_JK_REQUIRED, "an integer"},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int gj_function_item(prof_jscan *j, void *ctx)
{
    gj_ctx *c = ctx;
    prof_function fn;
    c->skip = false;
    PROF_TRY(gj_object(j, gj_function_keys, "a function", &c->li, &fn,
                       sizeof fn));
    if (c->skip) /* damaged: left out */
        return 0;
    if (fn.end_line < fn.start_line) /* also when there is none */
        fn.end_line = fn.start_line;
    fn.input = c->r->input;
    fn.suites = fn.hits ? c->r->suites : 0;
    return prof_jscan_push(j, (void **)&c->funcs, &c->cap_funcs,
                           &c->nfuncs, &fn, sizeof fn);
}

/* ---- files ---- */

/* "lines" (K->off 0) or "functions" (1) of a file object. */
static int gj_list(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = j->user;
    (void)obj;
    c->list = k->key;
    c->li = -1;
    PROF_TRY(prof_jscan_array(j, k->key,
                              k->off ? gj_function_item : gj_line_item, c));
    c->list = NULL;
    return 0;
}

static int gj_file_name(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_pend *pd = obj;
    gj_ctx *c = j->user;
    bool inner = c->skip; /* (after "lines": a damaged last line's) */
    c->skip = false;
    PROF_TRY(gj_name_string(j, k, PROF_DMG_NO_PATH));
    pd->skip = c->skip;
    c->skip = inner;
    return gj_keep(c, &pd->name, &pd->name_len);
}

static const prof_jkey gj_file_keys[] = {
    {"file", gj_file_name, 0, 0, PROF_JK_REQUIRED, "a string"},
    {"lines", gj_list, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"functions", gj_list, 0, 1, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int gj_file_item(prof_jscan *j, void *ctx)
{
    gj_ctx *c = ctx;
    gj_pend pd;
    size_t block = c->nblocks, func = c->nfuncs, br = c->nbrs;
    c->list = NULL;
    c->prev = c->nbr = 0;
    PROF_TRY(gj_object(j, gj_file_keys, "a file", &c->fi, &pd, sizeof pd));
    if (pd.skip) { /* no path: its records are dropped */
        c->nblocks = block;
        c->nfuncs = func;
        c->nbrs = br;
        return 0;
    }
    pd.block = block;
    pd.func = func;
    pd.br = br;
    return prof_jscan_push(j, (void **)&c->pend, &c->cap_pend,
                           &c->npend, &pd, sizeof pd);
}

/* The model's file for file object PD: its name joined with the working
 * directory (in a scratch buffer) or alone (in place), normalised. */
static int gj_file_path(gj_ctx *c, const gj_pend *pd, prof_file **out)
{
    char *s = c->names + pd->name, *p = s;
    size_t n = pd->name_len, len = n;
    if (c->have_cwd && c->cwd_len && !prof_path_is_abs(s, n)) {
        size_t need = c->cwd_len + 1 + n;
        if (need > c->path_cap) {
            char *np = realloc(c->path, need);
            if (!np)
                return PROF_ENOMEM;
            c->path = np;
            c->path_cap = need;
        }
        p = c->path;
        memcpy(p, c->names + c->cwd, c->cwd_len);
        p[c->cwd_len] = '/';
        memcpy(p + c->cwd_len + 1, s, n);
        len = need;
    }
    if (s[0] != '<')
        len = prof_path_lexical(p, len);
    *out = prof_profile_file_get(c->r->p, p, len);
    return *out ? 0 : PROF_ENOMEM;
}

/* The document is read: its records go to their files. */
static int gj_flush(gj_ctx *c)
{
    for (size_t i = 0; i < c->npend; i++) {
        const gj_pend *pd = &c->pend[i];
        bool last = i + 1 == c->npend;
        size_t nb = (last ? c->nblocks : pd[1].block) - pd->block;
        size_t nf = (last ? c->nfuncs : pd[1].func) - pd->func;
        size_t nr = (last ? c->nbrs : pd[1].br) - pd->br;
        prof_file *f; /* (the arrays are NULL while nothing is in them) */
        if (gj_file_path(c, pd, &f) < 0 ||
            prof_file_append(f, nb ? c->blocks + pd->block : NULL, nb,
                             nf ? c->funcs + pd->func : NULL, nf,
                             nr ? c->brs + pd->br : NULL, nr) < 0)
            return prof_jscan_nomem(&c->j);
    }
    c->npend = c->nblocks = c->nfuncs = c->nbrs = c->nnames = 0;
    c->have_cwd = false;
    prof_reader_set_mode(c->r, PROF_MODE_COUNT);
    return 0;
}

/* ---- documents ---- */

static int gj_files(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = obj;
    c->fi = -1;
    PROF_TRY(prof_jscan_array(j, k->key, gj_file_item, c));
    c->fi = -1;
    return 0;
}

static int gj_cwd(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = obj;
    PROF_TRY(prof_jscan_string(j, "a string for \"current_working_"
                                  "directory\""));
    (void)k;
    c->have_cwd = true;
    return gj_keep(c, &c->cwd, &c->cwd_len);
}

static int gj_version(prof_jscan *j, const prof_jkey *k, void *obj)
{
    gj_ctx *c = obj;
    char q[80];
    (void)k;
    PROF_TRY(prof_jscan_string(j, "a string (\"1\" or \"2\") for "
                                  "\"format_version\""));
    if (!strcmp(j->buf, "1") || !strcmp(j->buf, "2") || c->version_warned)
        return 0;
    c->version_warned = true;
    prof_profile_warnf(c->r->p, c->r->name, j->line,
                       "unknown gcov JSON format_version %s (known: \"1\", "
                       "\"2\"); reading it as version 2",
                       prof_quote(q, sizeof q, j->buf, j->len));
    return 0;
}

static const prof_jkey gj_doc_keys[] = {
    {"format_version", gj_version, 0, 0, PROF_JK_REQUIRED,
     "a string (\"1\" or \"2\")"},
    {"files", gj_files, 0, 0, PROF_JK_REQUIRED, "an array"},
    {"current_working_directory", gj_cwd, 0, 0, 0, NULL},
    {NULL, NULL, 0, 0, 0, NULL},
};

static int gj_stream(gj_ctx *c)
{
    prof_jscan *j = &c->j;
    for (;;) {
        c->fi = c->li = c->bi = -1;
        c->list = NULL;
        prof_jscan_ws(j);
        if (j->s >= j->end)
            return 0;
        if (*j->s != '{')
            return prof_jscan_expected(j, "a JSON object (gcov "
                                          "--json-format output)");
        j->what = "the document";
        PROF_TRY(prof_jscan_object(j, gj_doc_keys, PROF_JSCAN_OPEN, c));
        PROF_TRY(gj_flush(c));
        prof_reader_consumed(c->r, j->s);
    }
}

static int gj_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    gj_ctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    prof_jscan_init(&c.j, r, buf, len);
    c.j.user = &c;
    c.j.where = gj_where;
    int rc = gj_stream(&c);
    prof_jscan_free(&c.j);
    free(c.names);
    free(c.pend);
    free(c.blocks);
    free(c.funcs);
    free(c.brs);
    free(c.path);
    return rc;
}

const prof_format prof_format_gcov_json = {
    .name = "gcov-json",
    .description = "gcc gcov JSON (gcov --json-format, .gcov.json.gz)",
    .family = PROF_FAMILY_LINE,
    .detect = gj_detect,
    .read = gj_read,
};
