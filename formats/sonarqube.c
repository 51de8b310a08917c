/* sonarqube.c - SonarQube generic test coverage XML: detect, read, write. */
#include "xmlutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * The format, as SonarQube's "Generic test data" page documents it (its
 * sonar-generic-coverage.xsd) and its importer reads it:
 *
 *   <coverage version="1">
 *     <file path="src/a.c">
 *       <lineToCover lineNumber="12" covered="true"/>
 *       <lineToCover lineNumber="13" covered="false" branchesToCover="2"
 *                    coveredBranches="0"/>
 *     </file>
 *   </coverage>
 *
 * The root is <coverage> with version 1, its children <file> elements with
 * a path, theirs <lineToCover> elements: lineNumber (>= 1) and covered
 * required, branchesToCover (>= 0) optional, coveredBranches (at most
 * branchesToCover) read only with branchesToCover. What SonarQube refuses
 * is an error here too, with two exceptions read as damaged records (one
 * warning per kind and input, with the count, at the first): lineNumber 0,
 * skipped with its branches, and coveredBranches without branchesToCover,
 * ignored as SonarQube ignores it. A <file> with an empty path is skipped
 * (with a warning), as SonarQube skips a path it cannot find. covered also
 * takes XML Schema's 1 and 0, and any case.
 *
 * Model: a lineToCover is a line record (one statement) with hits 1 when
 * covered, else 0; B branchesToCover with C coveredBranches are branches
 * 0 .. B-1 of block 0 on that line, the first C taken once. A line listed
 * twice is merged as the model merges any repeated record (hits added).
 */

#define SQ_MAX_BRANCHES 65536u /* on one line */

/* Damaged records of one kind: how many, and the first's line. */
typedef struct sq_damage {
    uint64_t n;
    unsigned long first;
} sq_damage;

typedef struct sq_rd {
    prof_reader *r;
    xml_doc doc;
    prof_file *f; /* file of the current <file>, NULL when skipped */
    uint64_t nbranches, max_branches;
    sq_damage line0, lone_covered, no_path;
} sq_rd;

/* ---- detect ------------------------------------------------------------ */

/* The root is <coverage> and its first child <file>, or it has no child
 * and version="1". Above Cobertura's 95: its root is <coverage> too. */
static int sq_detect(const unsigned char *buf, size_t len)
{
    const unsigned char *e = buf + len, *root = xml_root(buf, len);
    if (!root || !xml_tag_is(root, e, "coverage"))
        return 0;
    const unsigned char *child = xml_first_child(root, e), *v;
    size_t n;
    if (child)
        return xml_tag_is(child, e, "file") ? 98 : 0;
    return xml_tag_attr(root, e, "version", &v, &n) && n == 1 && v[0] == '1'
               ? 98
               : 0;
}

/* ---- reader ------------------------------------------------------------- */

static void sq_damaged(sq_rd *rd, sq_damage *d)
{
    if (d->n++ == 0)
        d->first = xml_doc_line(&rd->doc);
}

static void sq_warn(sq_rd *rd, const sq_damage *d, const char *what)
{
    if (d->n)
        prof_profile_warnf(rd->r->p, rd->r->name, d->first, "%llu %s",
                           (unsigned long long)d->n, what);
}

static int sq_root(sq_rd *rd, const char *name)
{
    static const char *const names[] = {"version"};
    char v[1][XML_AV];
    bool set[1];
    uint64_t version;
    if (strcmp(name, "coverage"))
        return prof_reader_fail(rd->r, PROF_EFORMAT, xml_doc_line(&rd->doc),
                                "expected the root element <coverage>, got "
                                "<%.60s>", name);
    xml_doc_attrs(&rd->doc, names, 1, v, set);
    if (!set[0] || !xml_num(v[0], false, 1, &version) || version != 1)
        return xml_doc_bad_attr(&rd->doc, "coverage", "version",
                                "1 (SonarQube generic coverage has no other "
                                "version)", set[0] ? v[0] : NULL);
    return 0;
}

static int sq_file(sq_rd *rd)
{
    xmlChar *path =
        rd->doc.X->xmlTextReaderGetAttribute(rd->doc.x, BAD_CAST "path");
    rd->f = NULL;
    if (!path)
        return xml_doc_bad_attr(&rd->doc, "file", "path", "a path", NULL);
    size_t n = strlen((const char *)path);
    if (n == 0)
        sq_damaged(rd, &rd->no_path);
    else
        rd->f = prof_profile_file_get(rd->r->p, (const char *)path, n);
    (*rd->doc.X->xmlFree)(path);
    return n == 0 || rd->f ? 0 : prof_reader_oom(rd->r, 0);
}

/* covered="true" or "false" (any case; XML Schema's 1 and 0 too). */
static int sq_covered(sq_rd *rd, const char *v, bool set, bool *covered)
{
    if (!set)
        return xml_doc_bad_attr(&rd->doc, "lineToCover", "covered",
                                "true or false", NULL);
    size_t b = strspn(v, " \t\r\n"), n = strlen(v + b);
    while (n && strchr(" \t\r\n", v[b + n - 1]))
        n--;
    bool t = (n == 4 && !strncasecmp(v + b, "true", 4)) ||
             (n == 1 && v[b] == '1');
    bool f = (n == 5 && !strncasecmp(v + b, "false", 5)) ||
             (n == 1 && v[b] == '0');
    *covered = t;
    return t || f ? 0
                  : xml_doc_bad_attr(&rd->doc, "lineToCover", "covered",
                                     "true or false", v);
}

/* branchesToCover and coveredBranches into *B and *C (0 when absent). */
static int sq_branches(sq_rd *rd, char (*v)[XML_AV], const bool *set,
                       uint64_t *b, uint64_t *c)
{
    *b = *c = 0;
    if (!set[2]) {
        if (set[3])
            sq_damaged(rd, &rd->lone_covered);
        return 0;
    }
    if (!xml_num(v[2], false, SQ_MAX_BRANCHES, b))
        return xml_doc_bad_attr(&rd->doc, "lineToCover", "branchesToCover",
                                "a branch count (0 to 65536)", v[2]);
    if (set[3] && !xml_num(v[3], false, *b, c)) {
        char what[64];
        snprintf(what, sizeof what, "a count of at most branchesToCover (%u)",
                 (unsigned)*b);
        return xml_doc_bad_attr(&rd->doc, "lineToCover", "coveredBranches",
                                what, v[3]);
    }
    rd->nbranches += *b;
    if (rd->nbranches > rd->max_branches)
        return prof_reader_fail(rd->r, PROF_ELIMIT, xml_doc_line(&rd->doc),
                                "more branches than the input's size can "
                                "hold (%llu)",
                                (unsigned long long)rd->nbranches);
    return 0;
}

static int sq_line(sq_rd *rd)
{
    static const char *const names[] = {"lineNumber", "covered",
                                        "branchesToCover", "coveredBranches"};
    char v[4][XML_AV];
    bool set[4], covered;
    uint64_t no, b, c;
    xml_doc_attrs(&rd->doc, names, 4, v, set);
    if (!set[0] || !xml_num(v[0], false, UINT32_MAX, &no))
        return xml_doc_bad_attr(&rd->doc, "lineToCover", "lineNumber",
                                "a line number (1 to 4294967295)",
                                set[0] ? v[0] : NULL);
    PROF_TRY(sq_covered(rd, v[1], set[1], &covered));
    PROF_TRY(sq_branches(rd, v, set, &b, &c));
    if (no == 0)
        sq_damaged(rd, &rd->line0);
    if (no == 0 || !rd->f)
        return 0;
    unsigned long xl = xml_doc_line(&rd->doc);
    uint32_t suites = rd->r->suites;
    prof_block blk = {(uint32_t)no, 0, (uint32_t)no, 0, 1, rd->r->input,
                      (uint32_t)(xl > UINT32_MAX ? 0 : xl),
                      covered ? suites : 0, covered, NULL};
    if (prof_file_add_block(rd->f, &blk) < 0)
        return prof_reader_oom(rd->r, 0);
    for (uint32_t i = 0; i < b; i++) {
        prof_branch br = {(uint32_t)no, 0, i, i < c ? suites : 0, i < c};
        if (prof_file_add_branch(rd->f, &br) < 0)
            return prof_reader_oom(rd->r, 0);
    }
    return 0;
}

/* An element: <coverage> at depth 0, <file> at 1, <lineToCover> at 2, as
 * SonarQube reads them; what is inside a <lineToCover> is ignored. */
static int sq_element(sq_rd *rd, const char *name, int depth)
{
    static const char *const want[] = {"coverage", "file", "lineToCover"};
    if (depth == 0)
        return sq_root(rd, name);
    if (depth > 2)
        return 0;
    if (strcmp(name, want[depth]))
        return prof_reader_fail(rd->r, PROF_EFORMAT, xml_doc_line(&rd->doc),
                                "expected <%s> in <%s>, got <%.60s>%s",
                                want[depth], want[depth - 1], name,
                                depth == 1 && (!strcmp(name, "packages") ||
                                               !strcmp(name, "sources"))
                                    ? " (Cobertura XML: --from cobertura)"
                                    : "");
    return depth == 1 ? sq_file(rd) : sq_line(rd);
}

static int sq_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    sq_rd rd;
    memset(&rd, 0, sizeof rd);
    PROF_TRY(xml_doc_open(&rd.doc, r, buf, len, "SonarQube XML"));
    rd.r = r;
    rd.max_branches = (uint64_t)len * 4 + SQ_MAX_BRANCHES;
    prof_reader_set_mode(r, PROF_MODE_COUNT);
    int rc;
    const xml_api *X = rd.doc.X;
    while ((rc = xml_doc_next(&rd.doc)) == 1) {
        const char *name =
            (const char *)X->xmlTextReaderConstLocalName(rd.doc.x);
        if (name && X->xmlTextReaderNodeType(rd.doc.x) ==
                        XML_READER_TYPE_ELEMENT &&
            (rc = sq_element(&rd, name, X->xmlTextReaderDepth(rd.doc.x))))
            break;
    }
    xml_doc_close(&rd.doc);
    if (rc < 0)
        return rc;
    sq_warn(&rd, &rd.line0,
            "<lineToCover> with lineNumber=\"0\" skipped (no source has a "
            "line 0; SonarQube refuses it)");
    sq_warn(&rd, &rd.lone_covered,
            "coveredBranches without branchesToCover ignored (as SonarQube "
            "ignores them)");
    sq_warn(&rd, &rd.no_path, "<file path=\"\"> skipped with its lines");
    return 0;
}

/* ---- writer ------------------------------------------------------------- */

/*
 * <coverage version="1">, then one <file> per file in path order (the
 * path as the model has it: repository-relative for Go data, see GO DATA
 * IN LINE OUTPUTS), one <lineToCover> per line of prof_file_lines:
 * covered when its hits are above 0, with branchesToCover and
 * coveredBranches when the line has branches (a branch never evaluated is
 * to cover, not covered). A partial Go line without branches of its own is
 * 2 branches, 1 covered, as lcov writes it. A line with branches but no
 * line record (SonarQube has no branches outside lines) becomes a line,
 * covered when a branch was taken, with one warning. Bytes XML cannot hold
 * are written as '?' (and two paths that become one are refused).
 */

#define SQ_LINE_MAX 160 /* bytes of the longest <lineToCover> element */

typedef struct sq_out {
    xml_out x;
    uint64_t added;    /* lines made for branches */
    const char *first; /* the file and line of the first */
    uint32_t first_line;
} sq_out;

/* A <lineToCover> (inside the open <file>), written at once: these are
 * most of a report. */
static void sq_line_out(xml_out *o, uint32_t line, bool covered, uint64_t t,
                        uint64_t c)
{
    char *p = xml_indent(xml_room(o, SQ_LINE_MAX), o->depth);
    p = prof_u64_dec(XML_LIT(p, "<lineToCover lineNumber=\""), line);
    p = covered ? XML_LIT(p, "\" covered=\"true\"")
                : XML_LIT(p, "\" covered=\"false\"");
    if (t) {
        p = prof_u64_dec(XML_LIT(p, " branchesToCover=\""), t);
        p = prof_u64_dec(XML_LIT(p, "\" coveredBranches=\""), c);
        p = XML_LIT(p, "\"");
    }
    xml_wrote(o, XML_LIT(p, "/>\n"));
}

/* The lines of F, merged by line number with its branches. */
static void sq_lines(sq_out *o, const prof_file *f, const prof_line *lines,
                     size_t nl)
{
    size_t nb, bi = 0, li = 0;
    const prof_branch *br = prof_file_branches(f, &nb);
    while (li < nl || bi < nb) {
        uint32_t line = li < nl ? lines[li].line : UINT32_MAX;
        if (bi < nb && br[bi].line < line)
            line = br[bi].line;
        uint64_t t = 0, c = 0;
        for (; bi < nb && br[bi].line == line; bi++) {
            t++;
            c += br[bi].taken && br[bi].taken != PROF_NOT_EVALUATED;
        }
        if (li < nl && lines[li].line == line) {
            const prof_line *l = &lines[li++];
            if (!t && l->partial) {
                t = 2;
                c = 1;
            }
            sq_line_out(&o->x, line, l->hits > 0, t, c);
            continue;
        }
        if (o->added++ == 0) {
            o->first = prof_file_path(f);
            o->first_line = line;
        }
        sq_line_out(&o->x, line, c > 0, t, c);
    }
}

static int sq_file_out(sq_out *o, const prof_file *f, const char *name)
{
    prof_line *lines;
    size_t nl, nb;
    if (prof_file_lines(f, &lines, &nl) < 0)
        return PROF_ENOMEM;
    prof_file_branches(f, &nb);
    xml_start(&o->x, "file");
    xml_attr(&o->x, "path", name);
    if (nl || nb) {
        xml_children(&o->x);
        sq_lines(o, f, lines, nl);
    }
    xml_end(&o->x);
    free(lines);
    return 0;
}

/* The path each file is written as, in NAMES (in A); clashes refused. */
static int sq_names(const prof_profile *p, prof_arena *a, const char **names,
                    prof_error *err)
{
    xml_names seen;
    xml_names_init(&seen, a);
    int rc = 0;
    bool any = false;
    size_t n = prof_profile_nfiles(p);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *path = prof_file_path(prof_profile_file(p, i));
        if (!(names[i] = xml_clean(a, path)))
            rc = prof_error_oom(err, "");
        any = any || names[i] != path;
    }
    for (size_t i = 0; i < n && rc == 0 && any; i++) {
        const char *path = prof_file_path(prof_profile_file(p, i));
        rc = xml_names_add(&seen, path, names[i], names[i] != path,
                           "SonarQube XML", "path", err);
    }
    xml_names_free(&seen);
    return rc;
}

static void sq_warn_added(const sq_out *o, const prof_write_opts *wo)
{
    if (!o->added || !wo || !wo->warn)
        return;
    prof_error w;
    prof_error_set(&w, PROF_OK, o->first, o->first_line,
                   "%llu line%s with branches but no line record written "
                   "as lines, covered when a branch was taken (SonarQube "
                   "has no branches outside lines)",
                   (unsigned long long)o->added, o->added > 1 ? "s" : "");
    wo->warn(wo->warn_ctx, &w);
}

static int sq_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *wo, prof_error *err)
{
    size_t n = prof_profile_nfiles(p);
    const char **names = malloc((n ? n : 1) * sizeof *names);
    prof_arena a;
    prof_arena_init(&a);
    int rc = names ? sq_names(p, &a, names, err)
                   : prof_error_oom(err, "");
    sq_out o = {.added = 0};
    xml_out_open(&o.x, out);
    if (rc == 0) {
        prof_sink_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml_start(&o.x, "coverage");
        xml_attr(&o.x, "version", "1");
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        if (sq_file_out(&o, prof_profile_file(p, i), names[i]) < 0)
            rc = prof_error_oom(err, "");
    if (rc == 0)
        xml_end(&o.x);
    if (rc == 0 && xml_out_close(&o.x) < 0)
        rc = prof_error_oom(err, "");
    if (rc == 0)
        sq_warn_added(&o, wo);
    free(names);
    prof_arena_free(&a);
    return rc;
}

const prof_format prof_format_sonarqube = {
    .name = "sonarqube",
    .description = "SonarQube generic test coverage XML",
    .family = PROF_FAMILY_LINE,
    .detect = sq_detect,
    .read = sq_read,
    .write = sq_write,
    .view = PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES,
};
