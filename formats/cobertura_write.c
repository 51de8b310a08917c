/* cobertura_write.c - Cobertura XML writer (coverage-04.dtd). */
#include "cobertura.h"
#include "xmlutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COB_DTD "http://cobertura.sourceforge.net/xml/coverage-04.dtd"

/* ---- writer: data ---------------------------------------------------- */

typedef struct cob_stats {
    uint64_t lines, lines_hit, branches, branches_hit;
} cob_stats;

/* Conditions of a line: C of T outcomes taken. */
typedef struct cob_conds {
    uint64_t c, t;
} cob_conds;

/* One <class>: one file. */
typedef struct cob_class {
    const prof_file *f;
    const char *filename; /* relative to the source when under it */
    const char *name;     /* filename without extension, '/' -> '.' */
    const char *pkg;      /* package name */
    prof_line *lines;
    cob_conds *conds; /* of each line */
    size_t nlines;
    cob_stats st;
    uint64_t size;   /* bytes of its element (when planning a split) */
    uint64_t pkg_ov; /* bytes of its package's element without classes */
    bool cleaned;    /* FILENAME had bytes XML cannot hold */
} cob_class;

typedef struct cob_doc {
    prof_arena arena;
    const char *source; /* absolute, no trailing '/' unless "/" */
    cob_class *cls;
    size_t ncls;
    uint64_t base; /* bytes of a report without packages (split) */
    char timestamp[24];
} cob_doc;

/* The hits a line with branches BR[0..N) and no line record of its own
 * (forge's lcov has them) is written with: its branches' outcomes taken
 * together, the most of one block (a block's outcomes add up to the
 * times the line's decision ran); 0 when none was evaluated. */
static uint64_t cob_branch_hits(const prof_branch *br, size_t n)
{
    uint64_t most = 0, sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && br[i].block != br[i - 1].block)
            sum = 0;
        if (br[i].taken != PROF_NOT_EVALUATED)
            sum = prof_sat_add(sum, br[i].taken);
        most = sum > most ? sum : most;
    }
    return most;
}

/* C's lines with the lines that have branches but no line record: Cobertura
 * holds branches only on a <line>, and dropping them would change the
 * branch totals. */
static int cob_branch_lines(cob_class *c)
{
    size_t nbr, extra = 0, li = 0;
    const prof_branch *br = prof_file_branches(c->f, &nbr);
    for (size_t i = 0; i < nbr; i++) {
        while (li < c->nlines && c->lines[li].line < br[i].line)
            li++;
        bool listed = li < c->nlines && c->lines[li].line == br[i].line;
        extra += !listed && (i == 0 || br[i - 1].line != br[i].line);
    }
    if (!extra)
        return 0;
    prof_line *all = malloc((c->nlines + extra) * sizeof *all);
    if (!all)
        return PROF_ENOMEM;
    size_t o = 0, bi = 0;
    li = 0;
    while (li < c->nlines || bi < nbr) {
        if (bi < nbr && (li == c->nlines || br[bi].line < c->lines[li].line)) {
            size_t b0 = bi;
            while (bi < nbr && br[bi].line == br[b0].line)
                bi++;
            all[o++] = (prof_line){br[b0].line,
                                   cob_branch_hits(br + b0, bi - b0), 0};
            continue;
        }
        while (bi < nbr && br[bi].line == c->lines[li].line)
            bi++;
        all[o++] = c->lines[li++];
    }
    free(c->lines);
    c->lines = all;
    c->nlines = o;
    return 0;
}

/* Conditions of each line of C. The file's branches are sorted by line;
 * a partial Go line is 1 of 2. */
static int cob_conds_init(cob_class *c)
{
    size_t nbr, bi = 0;
    const prof_branch *br = prof_file_branches(c->f, &nbr);
    c->conds = malloc((c->nlines ? c->nlines : 1) * sizeof *c->conds);
    if (!c->conds)
        return PROF_ENOMEM;
    for (size_t i = 0; i < c->nlines; i++) {
        const prof_line *l = &c->lines[i];
        cob_conds *k = &c->conds[i];
        k->c = k->t = 0;
        while (bi < nbr && br[bi].line < l->line)
            bi++;
        for (; bi < nbr && br[bi].line == l->line; bi++) {
            k->t++;
            k->c += br[bi].taken && br[bi].taken != PROF_NOT_EVALUATED;
        }
        if (k->t == 0 && l->partial) {
            k->t = 2;
            k->c = 1;
        }
    }
    return 0;
}

static void cob_range_stats(const cob_class *c, size_t i0, size_t i1,
                            cob_stats *st)
{
    memset(st, 0, sizeof *st);
    for (size_t i = i0; i < i1; i++) {
        st->lines++;
        st->lines_hit += c->lines[i].hits > 0;
        st->branches += c->conds[i].t;
        st->branches_hit += c->conds[i].c;
    }
}

static void cob_stats_add(cob_stats *a, const cob_stats *b)
{
    a->lines += b->lines;
    a->lines_hit += b->lines_hit;
    a->branches += b->branches;
    a->branches_hit += b->branches_hit;
}

/* HIT/ALL in 0..1 with at most 6 decimals, truncated (never shows 1 for
 * less than all), '.' as decimal point whatever the locale. Nothing to
 * cover counts as fully covered, as Cobertura itself writes it. */
static const char *cob_rate(char *buf, uint64_t hit, uint64_t all)
{
    if (all == 0 || hit >= all)
        return "1";
    while (all > UINT64_MAX / 10) {
        all /= 10;
        hit /= 10;
    }
    char *o = buf;
    *o++ = '0';
    *o++ = '.';
    uint64_t r = hit;
    for (int i = 0; i < 6; i++) {
        r *= 10;
        *o++ = (char)('0' + r / all);
        r %= all;
    }
    while (o[-1] == '0')
        o--;
    if (o[-1] == '.')
        return "0";
    *o = '\0';
    return buf;
}

/* ---- writer: paths and names ------------------------------------------ */

static bool cob_is_go(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && !strcmp(path + n - 3, ".go");
}

/* PATH as class@filename: relative to the source when under it. A
 * relative path is written as it is: the tools make Go import paths
 * relative to the source root first (prof_profile_go_view). */
static const char *cob_filename(const cob_doc *d, const char *path)
{
    return prof_path_under(d->source, path);
}

/* Package: a Go file's import-path directory ("go/ast"); else the
 * directory of the filename with '/' -> '.' (as gcovr writes it). */
static const char *cob_package(prof_arena *a, const char *path,
                               const char *filename)
{
    bool go = cob_is_go(path) && path[0] != '/';
    const char *s = go ? path : filename;
    while (!go && *s == '/')
        s++;
    const char *slash = strrchr(s, '/');
    char *pkg = prof_arena_strndup(a, s, slash ? (size_t)(slash - s) : 0);
    for (char *c = pkg; c && !go && *c; c++)
        if (*c == '/')
            *c = '.';
    return pkg;
}

/* Class name: the filename without extension, '/' -> '.'. */
static const char *cob_class_name(prof_arena *a, const char *filename)
{
    while (*filename == '/')
        filename++;
    const char *base = strrchr(filename, '/');
    base = base ? base + 1 : filename;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - filename)
                                  : strlen(filename);
    char *name = prof_arena_strndup(a, filename, n);
    for (char *c = name; c && *c; c++)
        if (*c == '/')
            *c = '.';
    return name;
}

static int cob_class_cmp(const void *va, const void *vb)
{
    const cob_class *a = va, *b = vb;
    int c = strcmp(a->pkg, b->pkg);
    return c ? c : strcmp(a->filename, b->filename);
}

static int cob_class_init(cob_doc *d, cob_class *c, const prof_file *f)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    const char *fn = cob_filename(d, prof_file_path(f));
    c->filename = xml_clean(&d->arena, fn);
    c->cleaned = c->filename != fn;
    c->pkg = xml_clean(&d->arena,
                       cob_package(&d->arena, prof_file_path(f), fn));
    c->name = xml_clean(&d->arena, cob_class_name(&d->arena, fn));
    if (!c->filename || !c->pkg || !c->name)
        return PROF_ENOMEM;
    PROF_TRY(prof_file_lines(f, &c->lines, &c->nlines));
    PROF_TRY(cob_branch_lines(c));
    PROF_TRY(cob_conds_init(c));
    cob_range_stats(c, 0, c->nlines, &c->st);
    return 0;
}

static void cob_doc_free(cob_doc *d)
{
    for (size_t i = 0; i < d->ncls; i++) {
        free(d->cls[i].lines);
        free(d->cls[i].conds);
    }
    free(d->cls);
    prof_arena_free(&d->arena);
}

/* Seconds since the epoch; SOURCE_DATE_EPOCH (digits) overrides the
 * clock, for reproducible output. */
static void cob_timestamp(char *buf, size_t n)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e && strlen(e) < 20 && strspn(e, "0123456789") == strlen(e)) {
        snprintf(buf, n, "%s", e);
        return;
    }
    snprintf(buf, n, "%lld", (long long)time(NULL));
}

/* Two files whose filenames became one when bytes XML cannot hold were
 * written as '?' would be read back as one file: refuse, naming both.
 * (Files that share a filename without it, an absolute and a relative
 * path of one source, stay as before: they are the same file.) */
static int cob_unique(cob_doc *d, prof_error *err)
{
    bool any = false;
    for (size_t i = 0; i < d->ncls && !any; i++)
        any = d->cls[i].cleaned;
    if (!any)
        return 0;
    xml_names seen;
    xml_names_init(&seen, &d->arena);
    int rc = 0;
    for (size_t i = 0; i < d->ncls && !rc; i++)
        rc = xml_names_add(&seen, prof_file_path(d->cls[i].f),
                           d->cls[i].filename,
                           d->cls[i].cleaned, "Cobertura", "filename", err);
    xml_names_free(&seen);
    return rc;
}

static int cob_doc_init(cob_doc *d, const prof_profile *p,
                        const prof_write_opts *o, prof_error *err)
{
    memset(d, 0, sizeof *d);
    prof_arena_init(&d->arena);
    d->source = prof_path_abs(&d->arena, o ? o->source_root : NULL, err);
    if (d->source)
        d->source = xml_clean(&d->arena, d->source);
    if (!d->source)
        return err && err->code ? err->code : PROF_ENOMEM;
    cob_timestamp(d->timestamp, sizeof d->timestamp);
    size_t n = prof_profile_nfiles(p);
    d->cls = n ? calloc(n, sizeof *d->cls) : NULL;
    if (n && !d->cls)
        return prof_error_oom(err, "");
    for (size_t i = 0; i < n; i++) {
        d->ncls++; /* freed by cob_doc_free even if half made */
        if (cob_class_init(d, &d->cls[i], prof_profile_file(p, i)) < 0)
            return prof_error_oom(err, "");
    }
    if (d->ncls)
        qsort(d->cls, d->ncls, sizeof *d->cls, cob_class_cmp);
    return cob_unique(d, err);
}

/* ---- writer: XML ----------------------------------------------------- */

/* The XML is written by the XML writers' emitter (xmlout.c), byte for
 * byte as libxml2 2.9.14's xmlTextWriter (indent "  ") wrote it before;
 * testdata/cli/cobertura-escape.sh pins those bytes. Elements nest
 * coverage packages package classes class methods method lines, within
 * XML_DEPTH; <line> elements, most of a report, are written at once. */
#define COB_LINE_MAX 512 /* bytes of the longest <line> element */

static void cob_rates(xml_out *o, const cob_stats *st)
{
    char buf[16];
    xml_attr(o, "line-rate", cob_rate(buf, st->lines_hit, st->lines));
    xml_attr(o, "branch-rate", cob_rate(buf, st->branches_hit, st->branches));
}

/* A <line> (inside the open <lines>) of L, with conditions K. Written
 * at once, not element by element: these are most of a report. */
static void cob_line(xml_out *o, const prof_line *l, const cob_conds *k)
{
    uint64_t c = k->c, t = k->t;
    char *p = xml_indent(xml_room(o, COB_LINE_MAX), o->depth);
    p = prof_u64_dec(XML_LIT(p, "<line number=\""), l->line);
    p = prof_u64_dec(XML_LIT(p, "\" hits=\""), l->hits);
    if (!t) {
        xml_wrote(o, XML_LIT(p, "\" branch=\"false\"/>\n"));
        return;
    }
    unsigned pct = (unsigned)(c * 100 / t);
    p = XML_LIT(p, "\" branch=\"true\" condition-coverage=\"");
    p = prof_u64_dec(p, pct);
    p = prof_u64_dec(XML_LIT(p, "% ("), c);
    p = prof_u64_dec(XML_LIT(p, "/"), t);
    p = xml_indent(XML_LIT(p, ")\">\n"), o->depth + 1);
    p = xml_indent(XML_LIT(p, "<conditions>\n"), o->depth + 2);
    p = XML_LIT(p, "<condition number=\"0\" type=\"jump\" coverage=\"");
    p = xml_indent(XML_LIT(prof_u64_dec(p, pct), "%\"/>\n"), o->depth + 1);
    p = xml_indent(XML_LIT(p, "</conditions>\n"), o->depth);
    xml_wrote(o, XML_LIT(p, "</line>\n"));
}

/* <lines> of C's lines [I0, I1). */
static void cob_lines(xml_out *o, const cob_class *c, size_t i0, size_t i1)
{
    xml_start(o, "lines");
    if (i0 < i1 && !o->bad) {
        xml_children(o);
        for (size_t i = i0; i < i1; i++)
            cob_line(o, &c->lines[i], &c->conds[i]);
    }
    xml_end(o);
}

/* Index of the first line of C at or after LINE. */
static size_t cob_line_from(const cob_class *c, uint32_t line)
{
    size_t lo = 0, hi = c->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->lines[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One <method> per function: its lines run from its start to its end
 * line, or when the end is unknown (lcov FN) up to the next function.
 * Functions that differ only in columns (which Cobertura lacks) are one
 * method: a reader gives a method the hits of its first line, and two
 * would count them twice. */
static void cob_methods(xml_out *o, prof_arena *a, const cob_class *c)
{
    size_t n;
    const prof_function *fn = prof_file_functions(c->f, &n);
    prof_fnout *plan = malloc((n ? n : 1) * sizeof *plan);
    if (!plan || prof_function_plan(fn, n, true, plan) < 0) {
        free(plan);
        o->bad = true;
        return;
    }
    xml_start(o, "methods");
    for (size_t i = 0; i < n && !o->bad; i++) {
        if (!plan[i].keep)
            continue;
        uint32_t end = fn[i].end_line;
        if (end < fn[i].start_line) {
            end = UINT32_MAX;
            for (size_t j = i + 1; j < n && end == UINT32_MAX; j++)
                if (fn[j].start_line > fn[i].start_line)
                    end = fn[j].start_line - 1;
        }
        size_t i0 = cob_line_from(c, fn[i].start_line);
        size_t i1 = end == UINT32_MAX ? c->nlines : cob_line_from(c, end + 1);
        if (i0 == i1)
            continue; /* a method is known by its lines: none, no method */
        cob_stats st;
        cob_range_stats(c, i0, i1, &st);
        const char *name = xml_clean(a, fn[i].name);
        if (!name)
            o->bad = true;
        xml_start(o, "method");
        xml_attr(o, "name", name ? name : "");
        xml_attr(o, "signature", "");
        cob_rates(o, &st);
        xml_attr(o, "complexity", "0");
        cob_lines(o, c, i0, i1);
        xml_end(o);
    }
    xml_end(o);
    free(plan);
}

static void cob_class_emit(xml_out *o, prof_arena *a, const cob_class *c)
{
    xml_start(o, "class");
    xml_attr(o, "name", c->name);
    xml_attr(o, "filename", c->filename);
    cob_rates(o, &c->st);
    xml_attr(o, "complexity", "0");
    cob_methods(o, a, c);
    cob_lines(o, c, 0, c->nlines);
    xml_end(o);
}

static void cob_header(xml_out *o, const cob_doc *d, const cob_stats *st)
{
    prof_sink_puts(o->s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<!DOCTYPE coverage SYSTEM \"" COB_DTD "\">\n");
    xml_start(o, "coverage");
    cob_rates(o, st);
    xml_attr_u64(o, "lines-covered", st->lines_hit);
    xml_attr_u64(o, "lines-valid", st->lines);
    xml_attr_u64(o, "branches-covered", st->branches_hit);
    xml_attr_u64(o, "branches-valid", st->branches);
    xml_attr(o, "complexity", "0");
    xml_attr(o, "version", "covkit " PROF_VERSION);
    xml_attr(o, "timestamp", d->timestamp);
    xml_start(o, "sources");
    xml_start(o, "source");
    xml_text(o, d->source);
    xml_end(o);
    xml_end(o);
    xml_start(o, "packages");
}

/* Classes [A, B) of D as one report. MEASURE records the size of each
 * class and package element, and of the rest, for planning a split. */
static void cob_emit(xml_out *o, cob_doc *d, size_t a, size_t b,
                     bool measure)
{
    cob_stats st = {0, 0, 0, 0};
    for (size_t i = a; i < b; i++)
        cob_stats_add(&st, &d->cls[i].st);
    cob_header(o, d, &st);
    uint64_t pkgs = 0;
    for (size_t i = a, j; i < b && !o->bad; i = j) {
        cob_stats ps = d->cls[i].st;
        for (j = i + 1; j < b && !strcmp(d->cls[j].pkg, d->cls[i].pkg); j++)
            cob_stats_add(&ps, &d->cls[j].st);
        uint64_t p0 = measure ? xml_tell(o) : 0, inner = 0;
        xml_start(o, "package");
        xml_attr(o, "name", d->cls[i].pkg);
        cob_rates(o, &ps);
        xml_attr(o, "complexity", "0");
        xml_start(o, "classes");
        for (size_t k = i; k < j; k++) {
            uint64_t c0 = measure ? xml_tell(o) : 0;
            cob_class_emit(o, &d->arena, &d->cls[k]);
            if (measure)
                inner += d->cls[k].size = xml_tell(o) - c0;
        }
        xml_end(o);
        xml_end(o);
        uint64_t whole = measure ? xml_tell(o) - p0 : 0;
        for (size_t k = i; k < j; k++)
            d->cls[k].pkg_ov = whole - inner;
        pkgs += whole;
    }
    xml_end(o);
    xml_end(o);
    if (measure)
        d->base = xml_tell(o) - pkgs;
}

/* ---- writer: splitting ------------------------------------------------ */

/* Slack for what differs between the measured full report and a part:
 * rates may grow from "1" to "0.123456" (two per element), and the
 * indentation around the first class of a package. */
#define COB_SLACK_ROOT 32u
#define COB_SLACK_PKG 32u
#define COB_SLACK_CLASS 4u

/* Greedy: parts of consecutive classes, each within LIMIT. CUTS receives
 * the first class of every part after the first; returns the count. */
static int cob_plan(const cob_doc *d, uint64_t limit, size_t *cuts,
                    size_t *nparts, prof_error *err)
{
    uint64_t root = d->base + COB_SLACK_ROOT, used = root;
    size_t start = 0, n = 1;
    if (root > limit)
        return prof_error_set(err, PROF_EINVAL, "", 0,
                              "--split-size %llu is smaller than an empty "
                              "Cobertura report (%llu bytes)",
                              (unsigned long long)limit,
                              (unsigned long long)root);
    for (size_t k = 0; k < d->ncls; k++) {
        const cob_class *c = &d->cls[k];
        bool newpkg = k == start || strcmp(c->pkg, d->cls[k - 1].pkg);
        uint64_t need = c->size + COB_SLACK_CLASS +
                        (newpkg ? c->pkg_ov + COB_SLACK_PKG : 0);
        if (used + need > limit && k > start) {
            cuts[n++ - 1] = start = k;
            used = root;
            need = c->size + COB_SLACK_CLASS + c->pkg_ov + COB_SLACK_PKG;
        }
        if (used + need > limit)
            return prof_error_set(err, PROF_EINVAL, "", 0,
                                  "%s alone needs %llu bytes of Cobertura "
                                  "XML, more than --split-size %llu",
                                  prof_file_path(c->f),
                                  (unsigned long long)(root + need),
                                  (unsigned long long)limit);
        used += need;
    }
    *nparts = n;
    return 0;
}

/* Name of part K (2, 3, ...) of OUT: "-K" before the extension of the
 * file name (cov.xml -> cov-2.xml), or at the end when it has none. */
static void cob_part_name(char *buf, size_t n, const char *out, size_t k)
{
    const char *base = strrchr(out, '/');
    base = base ? base + 1 : out;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - out) : strlen(out);
    snprintf(buf, n, "%.*s-%zu%s", (int)stem, out, k, out + stem);
}

typedef struct cob_part {
    cob_doc *d;
    size_t a, b;
    uint64_t limit;
    const char *name;
} cob_part;

static int cob_part_write(prof_sink *s, void *ctx, prof_error *err)
{
    cob_part *pt = ctx;
    xml_out o;
    xml_out_open(&o, s);
    cob_emit(&o, pt->d, pt->a, pt->b, false);
    if (xml_out_close(&o) < 0)
        return prof_error_oom(err, pt->name);
    if (pt->limit && xml_tell(&o) > pt->limit)
        return prof_error_set(err, PROF_ELIMIT, pt->name, 0,
                              "part has %llu bytes, more than --split-size "
                              "%llu (please report this bug)",
                              (unsigned long long)xml_tell(&o),
                              (unsigned long long)pt->limit);
    return 0;
}

/* Parts 2..N go beside the output, each written atomically; stale parts
 * of an earlier, longer run (OUT-(N+1)...) are removed so that a glob
 * such as cov*.xml does not pick them up. */
static int cob_write_split(cob_doc *d, prof_sink *s, uint64_t limit,
                           prof_error *err)
{
    unsigned char buf[1 << 14];
    prof_sink count;
    prof_sink_count(&count, buf, sizeof buf);
    xml_out o;
    xml_out_open(&o, &count);
    cob_emit(&o, d, 0, d->ncls, true);
    if (xml_out_close(&o) < 0)
        return prof_error_oom(err, "");
    size_t *cuts = malloc((d->ncls + 1) * sizeof *cuts), n = 0;
    if (!cuts)
        return prof_error_oom(err, "");
    int rc = cob_plan(d, limit, cuts, &n, err);
    if (rc == 0 && n > 1 && !s->path)
        rc = prof_error_set(err, PROF_EINVAL, "<stdout>", 0,
                            "the report needs %zu files of at most %llu "
                            "bytes: name the output with -o", n,
                            (unsigned long long)limit);
    char name[4200];
    for (size_t k = 1; rc == 0 && k < n; k++) {
        cob_part_name(name, sizeof name, s->path, k + 1);
        cob_part pt = {d, cuts[k - 1], k + 1 < n ? cuts[k] : d->ncls, limit,
                       name};
        rc = prof_write_atomic(name, cob_part_write, &pt, err);
    }
    for (size_t k = n + 1; rc == 0 && s->path; k++) {
        cob_part_name(name, sizeof name, s->path, k);
        if (unlink(name) < 0)
            break;
    }
    cob_part first = {d, 0, n > 1 ? cuts[0] : d->ncls, limit,
                      s->path ? s->path : "<stdout>"};
    free(cuts);
    return rc < 0 ? rc : cob_part_write(s, &first, err);
}

int prof_cobertura_write(const prof_profile *p, prof_sink *out,
                         const prof_write_opts *o, prof_error *err)
{
    cob_doc d;
    int rc = cob_doc_init(&d, p, o, err);
    if (rc == 0 && o && o->split_size)
        rc = cob_write_split(&d, out, o->split_size, err);
    else if (rc == 0) {
        cob_part all = {&d, 0, d.ncls, 0, out->path ? out->path : "<stdout>"};
        rc = cob_part_write(out, &all, err);
    }
    cob_doc_free(&d);
    return rc;
}
