/* goview.c - Go data for line outputs: functions from sources, repository paths. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A Go text profile has blocks only; a GOCOVERDIR has functions too, but
 * their hits are its own runs'. Line outputs (lcov FN/FNDA, Cobertura
 * methods, summary, HTML, covcheck) want the functions of the merged data,
 * counted as go tool cover -func counts them: its rows are the top-level
 * functions with a body of each source file, a row's statements are those
 * of the blocks that meet the function's extent, and a function is covered
 * when its row is above 0.0%. So the functions are derived here, after the
 * merge, from the sources (gosrc.c) and the merged blocks.
 *
 * Line outputs are also read from a repository's root (genhtml, Codecov,
 * GitLab, Jenkins), where an import path names no file: those paths are
 * rewritten through the go.mod files found under the source roots.
 */

/* ---- functions ---------------------------------------------------------- */

/* What the blocks meeting a function's extent add up to. */
typedef struct gv_cov {
    uint64_t cov, tot;
    uint64_t entry; /* hits of the first block with statements */
    bool have_entry;
    bool any;
    bool prev_hit; /* the last counted block was hit */
    uint32_t input;  /* of the first block */
    uint32_t suites; /* union over the hit blocks */
} gv_cov;

/* Walk the blocks B[0..NB) (sorted by start) that meet F's extent, as
 * cmd/cover's FuncExtent.coverage selects them; P NULL: no suite sets. */
static int gv_walk(prof_profile *p, const prof_gofunc *f, const prof_block *b,
                   size_t nb, gv_cov *c)
{
    for (size_t i = 0; i < nb; i++) {
        if (b[i].start_line > f->end_line ||
            (b[i].start_line == f->end_line && b[i].start_col >= f->end_col))
            break; /* past the end of the function */
        if (b[i].end_line < f->line ||
            (b[i].end_line == f->line && b[i].end_col <= f->col))
            continue; /* before its beginning */
        if (!c->any)
            c->input = b[i].input;
        c->any = true;
        if (b[i].stmts && !c->have_entry) {
            c->entry = b[i].hits;
            c->have_entry = true;
        }
        if (i > 0 && !prof_block_cmp(&b[i - 1], &b[i]) &&
            b[i - 1].stmts == b[i].stmts) {
            /* GOCOVERDIR units of several functions at one range: one
             * block of the Go text profile covkit writes for them */
            c->cov += b[i].hits && !c->prev_hit ? b[i].stmts : 0;
            c->prev_hit = c->prev_hit || b[i].hits;
        } else {
            c->prev_hit = b[i].hits > 0;
            c->tot += b[i].stmts;
            c->cov += c->prev_hit ? b[i].stmts : 0;
        }
        if (p && b[i].hits)
            PROF_TRY(prof_suiteset_union(p, c->suites, b[i].suites,
                                         &c->suites));
    }
    return 0;
}

bool prof_gofunc_cover(const prof_gofunc *f, const prof_block *b, size_t nb,
                       uint64_t *cov, uint64_t *tot)
{
    gv_cov c = {0};
    gv_walk(NULL, f, b, nb, &c);
    *cov += c.cov;
    *tot += c.tot;
    return c.any;
}

bool prof_pct_above_zero(uint64_t cov, uint64_t tot)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f",
             100.0 * (double)cov / (double)(tot ? tot : 1));
    return strcmp(buf, "0.0") != 0;
}

/* The function record of F given the blocks meeting its extent. */
static prof_function gv_record(const prof_gofunc *f, const gv_cov *c)
{
    bool hit = prof_pct_above_zero(c->cov, c->tot);
    uint64_t hits = c->entry ? c->entry : 1;
    return (prof_function){NULL, f->line, f->col, f->end_line, f->end_col,
                           c->input, hit ? c->suites : 0, hit ? hits : 0};
}

/* F's name as `go build -cover` gives it: F, T.F or *T.F. */
static const char *gv_name(prof_profile *p, const prof_gofunc *f)
{
    size_t n = f->recv ? f->recv_star + f->recv_len + 1 : 0;
    char *buf = malloc(n + f->name_len + 1);
    if (!buf)
        return NULL;
    if (f->recv) {
        buf[0] = '*'; /* overwritten by the type when there is no star */
        memcpy(buf + f->recv_star, f->recv, f->recv_len);
        buf[n - 1] = '.';
    }
    memcpy(buf + n, f->name, f->name_len);
    const char *r = prof_profile_intern(p, buf, n + f->name_len);
    free(buf);
    return r;
}

/* F's functions: those of its source SRC[0..LEN). */
static int gv_from_source(prof_profile *p, prof_file *f, const char *src,
                          size_t len)
{
    prof_gofunc *fn;
    size_t nf;
    PROF_TRY(prof_go_funcs(src, len, &fn, &nf));
    f->nfuncs = 0;
    f->dirty = true;
    int rc = 0;
    for (size_t k = 0; k < nf && rc == 0; k++) {
        gv_cov c = {0};
        rc = gv_walk(p, &fn[k], f->blocks, f->nblocks, &c);
        prof_function r = gv_record(&fn[k], &c);
        if (rc == 0 && !(r.name = gv_name(p, &fn[k])))
            rc = PROF_ENOMEM;
        if (rc == 0)
            rc = prof_file_add_function(f, &r);
    }
    free(fn);
    return rc;
}

/* F's functions as it has them (a GOCOVERDIR's), hits from its blocks. */
static int gv_from_model(prof_profile *p, prof_file *f)
{
    for (size_t k = 0; k < f->nfuncs; k++) {
        prof_function *m = &f->funcs[k];
        prof_gofunc g = {m->name, strlen(m->name), NULL, 0, false,
                         m->start_line, m->start_col, m->end_line,
                         m->end_col};
        gv_cov c = {0};
        PROF_TRY(gv_walk(p, &g, f->blocks, f->nblocks, &c));
        prof_function r = gv_record(&g, &c);
        m->hits = r.hits;
        m->suites = r.suites;
    }
    return 0;
}

static bool gv_is_go(const prof_file *f)
{
    return (f->families & PROF_FAMILY_GO) != 0;
}

static bool gv_go_source(const prof_file *f)
{
    return f->path_len > 3 && !strcmp(f->path + f->path_len - 3, ".go");
}

/* Functions of Go file F from its source; *FOUND tells if there was one. */
static int gv_file_functions(prof_profile *p, prof_file *f,
                             const prof_sources *s, bool *found)
{
    char *path = gv_go_source(f) ? prof_sources_find(s, f->path) : NULL;
    prof_input in;
    *found = path && prof_input_load(&in, path, UINT32_MAX, NULL) == 0;
    free(path);
    if (!*found)
        return gv_from_model(p, f);
    int rc = gv_from_source(p, f, (const char *)in.data, in.len);
    prof_input_release(&in);
    return rc;
}

/* What the two passes met, for the warnings at the end. */
typedef struct gv_seen {
    size_t go;     /* .go files of Go data */
    size_t meta;   /* of them without source, with a GOCOVERDIR's table */
    size_t none;   /* without source or functions */
    const char *first_missing;
    size_t in_module; /* Go files whose module was found */
    size_t unknown;   /* module guesses without a go.mod */
    const char *first_unknown;
} gv_seen;

static int gv_functions(prof_profile *p, const prof_sources *s, gv_seen *w)
{
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        bool found = false;
        if (!gv_is_go(f))
            continue;
        PROF_TRY(gv_file_functions(p, f, s, &found));
        if (found || !gv_go_source(f))
            continue; /* a //line directive's file keeps its functions */
        f->nfuncs ? w->meta++ : w->none++;
        w->first_missing = w->first_missing ? w->first_missing : f->path;
    }
    return 0;
}

/* ---- repository paths ---------------------------------------------------- */

enum { GV_KEEP, GV_MOVE, GV_DROP };

typedef struct gv_plan {
    prof_profile *p;
    const prof_sources *s;
    unsigned char *act; /* per file: GV_* */
    size_t at;          /* prof_profile_retain's cursor */
    size_t ndrop;
    uint64_t drop_stmts;
    const char *first_drop;
    prof_arena arena; /* new paths; module paths without a go.mod */
    prof_strmap warned;
    gv_seen *w;
    bool files; /* PROF_FORMAT_FILES: no names of files that are none */
} gv_plan;

/* What the go command would call PATH's module when no go.mod says: its
 * first three elements when the first is a host name (github.com/o/r),
 * else its first; never more than its directory. */
static size_t gv_module_guess(const char *path)
{
    size_t dir = prof_path_dirlen(path), n = 0, elems = 0;
    const char *slash = strchr(path, '/');
    size_t want = slash && memchr(path, '.', (size_t)(slash - path)) ? 3 : 1;
    while (n < dir && elems < want) {
        const char *next = memchr(path + n, '/', dir - n);
        n = next ? (size_t)(next - path) + 1 : dir;
        elems++;
    }
    if (!n)
        return strlen(path); /* a file at the top: its own name */
    return path[n - 1] == '/' ? n - 1 : n;
}

/* F's module has no go.mod: count its module once, for the warning. */
static int gv_unknown(gv_plan *g, const prof_file *f)
{
    size_t n = gv_module_guess(f->path);
    prof_strmap_slot *slot = prof_strmap_get(&g->warned, f->path, n, true);
    if (!slot)
        return PROF_ENOMEM;
    if (!slot->value) {
        slot->value = g;
        g->w->unknown++;
        g->w->first_unknown = g->w->first_unknown ? g->w->first_unknown
                                                  : slot->key;
    }
    return 0;
}

static uint64_t gv_stmts(const prof_file *f)
{
    uint64_t n = 0;
    for (size_t i = 0; i < f->nblocks; i++)
        n += f->blocks[i].stmts;
    return n;
}

/* The repository path of F's import path into *TO (arena), or what to do
 * with it instead. */
static int gv_classify(gv_plan *g, const prof_file *f, const char **to)
{
    const char *root;
    size_t modlen;
    const char *dir = prof_sources_module(g->s, f->path, &root, &modlen);
    if (!dir) {
        if (prof_sources_in_root(g->s, f->path))
            return GV_KEEP; /* already relative to a root */
        return gv_unknown(g, f) < 0 ? PROF_ENOMEM : GV_KEEP;
    }
    g->w->in_module++;
    const char *rel = dir + strlen(root), *rest = f->path + modlen + 1;
    while (*rel == '/')
        rel++;
    size_t rl = strlen(rel), n = strlen(rest), dl = strlen(dir);
    char *full = prof_arena_alloc(&g->arena, dl + rl + 2 * n + 3);
    if (!full)
        return PROF_ENOMEM;
    snprintf(full, dl + n + 2, "%s/%s", dir, rest);
    if (g->files && !prof_is_file(full) && !gv_go_source(f))
        return GV_DROP; /* a //line directive's name for generated code */
    char *out = full + dl + n + 2;
    snprintf(out, rl + n + 2, "%s%s%s", rel, rl ? "/" : "", rest);
    *to = out;
    return strcmp(out, f->path) ? GV_MOVE : GV_KEEP;
}

/* Give F the path TO; its records join the file of that path if P has
 * one (normalize combines them). */
static int gv_move(gv_plan *g, size_t i, const char *to)
{
    prof_profile *p = g->p;
    prof_file *f = p->files[i];
    prof_strmap_slot *slot =
        prof_strmap_get(&p->files_by_path, to, strlen(to), false);
    if (!slot || !slot->value) {
        if (!(f->path = prof_profile_intern(p, to, strlen(to))))
            return PROF_ENOMEM;
        f->path_len = strlen(to);
        /* later files meet it under its new path (reindex drops the old) */
        slot = prof_strmap_get(&p->files_by_path, to, f->path_len, true);
        if (!slot)
            return PROF_ENOMEM;
        slot->value = f;
        return 0;
    }
    g->act[i] = GV_DROP;
    return prof_file_absorb(slot->value, f);
}

static bool gv_keep(const prof_file *f, void *ctx)
{
    gv_plan *g = ctx;
    (void)f;
    return g->act[g->at++] != GV_DROP;
}

static int gv_plan_files(gv_plan *g)
{
    prof_profile *p = g->p;
    for (size_t i = 0; i < p->nfiles; i++) {
        prof_file *f = p->files[i];
        const char *to = NULL;
        int a = gv_is_go(f) && f->path[0] != '/' ? gv_classify(g, f, &to)
                                                 : GV_KEEP;
        if (a < 0)
            return a;
        g->act[i] = (unsigned char)a;
        if (a == GV_DROP) {
            g->ndrop++;
            g->drop_stmts += gv_stmts(f);
            g->first_drop = g->first_drop ? g->first_drop : f->path;
        }
        if (a == GV_MOVE)
            PROF_TRY(gv_move(g, i, to));
    }
    return 0;
}

static void gv_say_dropped(const gv_plan *g)
{
    if (!g->ndrop)
        return;
    prof_profile_warnf(g->p, g->first_drop, 0,
                       "left out %zu file%s that //line directives name "
                       "but that are not in the module's directory (this "
                       "one first; generated code such as goyacc's "
                       "yaccpar): %llu statement%s",
                       g->ndrop, g->ndrop == 1 ? "" : "s",
                       (unsigned long long)g->drop_stmts,
                       g->drop_stmts == 1 ? "" : "s");
}

static int gv_paths(prof_profile *p, const prof_sources *s, gv_seen *w,
                    bool files)
{
    gv_plan g = {.p = p, .s = s, .act = calloc(p->nfiles + 1, 1), .w = w,
                 .files = files};
    prof_arena_init(&g.arena);
    prof_strmap_init(&g.warned, &g.arena);
    int rc = g.act ? gv_plan_files(&g) : PROF_ENOMEM;
    if (rc == 0)
        rc = prof_profile_retain(p, gv_keep, &g);
    if (rc == 0)
        rc = prof_profile_reindex(p);
    if (rc == 0)
        gv_say_dropped(&g);
    if (rc == 0 && w->unknown) /* before the arena holding its text goes */
        prof_profile_warnf(p, "", 0,
                           "no go.mod under --source-root declares the "
                           "module of %s%s (%zu module%s): their files "
                           "keep their import paths",
                           w->first_unknown, w->unknown > 1 ? " and others"
                                                            : "",
                           w->unknown, w->unknown == 1 ? "" : "s");
    prof_strmap_free(&g.warned);
    prof_arena_free(&g.arena);
    free(g.act);
    p->files_sorted = false;
    return rc;
}

/* The warnings of the functions pass; when no Go source was found at
 * all, one line for both passes. */
static void gv_warn(prof_profile *p, const gv_seen *w)
{
    size_t missing = w->meta + w->none;
    if (!missing)
        return;
    prof_profile_warnf(p, w->first_missing, 0,
                       "no source found for %zu Go file%s (this one "
                       "first; see --source-root): functions are partial "
                       "(%zu with a GOCOVERDIR's function table, %zu "
                       "without)",
                       missing, missing == 1 ? "" : "s", w->meta, w->none);
}

int prof_profile_go_view(prof_profile *p, const prof_sources *s,
                         unsigned view, prof_error *err)
{
    prof_sources *own = NULL; /* the default: "." with its go.mod files */
    if (!s && !(s = own = prof_sources_new()))
        return prof_error_oom(err, "");
    gv_seen w = {0};
    int rc = 0;
    if (view & PROF_FORMAT_GO_FUNCS)
        rc = gv_functions(p, s, &w);
    if (rc == 0)
        gv_warn(p, &w);
    if (rc == 0 && (view & PROF_FORMAT_REPO_PATHS))
        rc = gv_paths(p, s, &w, view & PROF_FORMAT_FILES);
    prof_sources_free(own);
    if (rc < 0)
        return prof_error_set(err, rc, "", 0, "out of memory");
    return prof_profile_normalize(p, err);
}
