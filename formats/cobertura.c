/* cobertura.c - Cobertura XML reader (xmlTextReader) and format entry. */
#include "cobertura.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmlutil.h"

/* ---- detect ---------------------------------------------------------- */

/* The root element is <coverage>, after a prolog of an XML declaration,
 * comments, processing instructions and a DOCTYPE; one whose first child
 * is <file> is SonarQube generic coverage (sonarqube.c), not Cobertura. */
static int cob_detect(const unsigned char *buf, size_t len)
{
    const unsigned char *e = buf + len, *root = xml_root(buf, len);
    if (!root || !xml_tag_is(root, e, "coverage"))
        return 0;
    const unsigned char *child = xml_first_child(root, e);
    return child && xml_tag_is(child, e, "file") ? 0 : 95;
}

/* ---- reader ----------------------------------------------------------- */

/* One <line> of a class, before lines of the same file are combined. */
typedef struct cob_rec {
    prof_file *f;
    uint32_t line, xmlline;
    uint32_t bc, bt; /* conditions covered, total */
    uint64_t hits;
    bool method; /* under a <method> (not the class's own <lines>) */
} cob_rec;

typedef struct cob_rd {
    prof_reader *r;
    xml_doc doc;
    const xml_api *X; /* doc.X and doc.x, for short */
    xmlTextReaderPtr x;
    prof_file *f; /* file of the current class, NULL when skipped */
    bool in_class, in_method;
    const char *m_name; /* current method: name, lines seen */
    uint32_t m_first, m_last;
    uint64_t m_hits;
    bool m_seen;
    prof_strmap methods; /* (file, name, first line) -> funcs index + 1 */
    prof_arena marena;
    cob_rec *recs;
    size_t nrecs, cap;
    size_t class_rec; /* the current class's first record */
    bool class_lines; /* the current class has <line>s of its own */
    size_t pending;   /* record awaiting <condition>s, or SIZE_MAX */
    uint64_t nbranches, max_branches;
} cob_rd;

#define COB_MAX_CONDITIONS 65536u

static int cob_push(cob_rd *rd, const cob_rec *rec)
{
    if (prof_grow((void **)&rd->recs, &rd->cap, rd->nrecs, sizeof *rec) < 0)
        return prof_reader_oom(rd->r, 0);
    rd->recs[rd->nrecs++] = *rec;
    return 0;
}

/* "P% (C/T)": the (C/T) part; false when absent. */
static int cob_cc(cob_rd *rd, const char *s, uint32_t *c, uint32_t *t)
{
    const char *open = strchr(s, '(');
    if (!open)
        return 0;
    uint64_t vc, vt;
    char a[XML_AV], b[XML_AV];
    const char *slash = strchr(open, '/'), *close = strchr(open, ')');
    if (!slash || !close || slash > close || slash - open >= XML_AV ||
        close - slash >= XML_AV)
        return xml_doc_bad_attr(&rd->doc, "line", "condition-coverage",
                                "'P% (covered/total)'", s);
    snprintf(a, sizeof a, "%.*s", (int)(slash - open - 1), open + 1);
    snprintf(b, sizeof b, "%.*s", (int)(close - slash - 1), slash + 1);
    if (!xml_num(a, false, UINT32_MAX, &vc) ||
        !xml_num(b, false, COB_MAX_CONDITIONS, &vt) || vc > vt)
        return xml_doc_bad_attr(&rd->doc, "line", "condition-coverage",
                                "'P% (covered/total)' with covered <= total "
                                "<= 65536", s);
    *c = (uint32_t)vc;
    *t = (uint32_t)vt;
    return 1;
}

/* A <line>'s hits="..." S into *HITS by the reading policy: 0, 1 when
 * the line is skipped (not a whole number), or an error. */
static int cob_hits(cob_rd *rd, unsigned long xl, const char *s,
                    uint64_t *hits)
{
    size_t n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1]))
        n--;
    size_t b = strspn(s, " \t\r\n");
    bool neg;
    prof_num k = b < n ? prof_count_parse(s + b, n - b, hits, &neg)
                       : PROF_NUM_BAD;
    if (k == PROF_NUM_BAD)
        return xml_doc_bad_attr(&rd->doc, "line", "hits", "a count", s);
    return prof_reader_count(rd->r, k, neg, hits, xl, "<line>", NULL);
}

/* A method's line NO with HITS: its first and last lines, and the hits of
 * its first (the function's count). */
static void cob_method_line(cob_rd *rd, uint64_t no, uint64_t hits)
{
    if (!rd->m_seen || no < rd->m_first) {
        rd->m_first = (uint32_t)no;
        rd->m_hits = hits;
    }
    if (!rd->m_seen || no > rd->m_last)
        rd->m_last = (uint32_t)no;
    rd->m_seen = true;
}

/* <line>'s number and hits into *NO and *HITS: 0, 1 when the line is
 * skipped (the reading policy), or an error. */
static int cob_line_attrs(cob_rd *rd, unsigned long xl, char (*v)[XML_AV],
                          const bool *set, uint64_t *no, uint64_t *hits)
{
    *hits = 0;
    if (set[0] && !strcmp(v[0], "undefined")) { /* istanbul */
        PROF_TRY(prof_reader_damage(rd->r, PROF_DMG_LINE_TEXT, xl, "<line>",
                                    NULL));
        return 1;
    }
    if (!set[0] || !xml_num(v[0], false, UINT32_MAX, no))
        return xml_doc_bad_attr(&rd->doc, "line", "number", "a line number >= 1",
                            set[0] ? v[0] : "nothing");
    if (*no == 0) {
        PROF_TRY(prof_reader_damage(rd->r, PROF_DMG_LINE0, xl, "<line>",
                                    NULL));
        return 1;
    }
    if (!set[1] || !v[1][strspn(v[1], " \t\r\n")]) /* none, or hits="" */
        return prof_reader_damage(rd->r, PROF_DMG_NO_COUNT, xl, "<line>",
                                  NULL);
    return cob_hits(rd, xl, v[1], hits);
}

/* <line number hits branch condition-coverage>, of a class or a method
 * (kept until the class ends: cob_class_end). */
static int cob_line_start(cob_rd *rd)
{
    static const char *const names[] = {"number", "hits", "branch",
                                        "condition-coverage"};
    char v[4][XML_AV];
    bool set[4];
    xml_doc_attrs(&rd->doc, names, 4, v, set);
    uint64_t no, hits;
    unsigned long xl = xml_doc_line(&rd->doc);
    if (!rd->in_class)
        return prof_reader_fail(rd->r, PROF_EFORMAT, xl,
                                "expected <line> inside a <class>");
    int rc = cob_line_attrs(rd, xl, v, set, &no, &hits);
    if (rc != 0)
        return rc < 0 ? rc : 0;
    if (rd->in_method)
        cob_method_line(rd, no, hits);
    rd->class_lines = rd->class_lines || !rd->in_method;
    if (!rd->f)
        return 0;
    cob_rec rec = {rd->f, (uint32_t)no, (uint32_t)(xl > UINT32_MAX ? 0 : xl),
                   0, 0, hits, rd->in_method};
    int has = set[3] ? cob_cc(rd, v[3], &rec.bc, &rec.bt) : 0;
    PROF_TRY(has);
    PROF_TRY(cob_push(rd, &rec));
    bool branch = set[2] && !strcasecmp(v[2], "true");
    if (branch && !has && !rd->X->xmlTextReaderIsEmptyElement(rd->x))
        rd->pending = rd->nrecs - 1;
    return 0;
}

/* A <condition> of a branch line without "(c/t)": one outcome, covered
 * when its coverage ("50%", "1") is above zero. */
static int cob_condition(cob_rd *rd)
{
    static const char *const names[] = {"coverage"};
    char v[1][XML_AV];
    bool set[1];
    if (rd->pending == SIZE_MAX)
        return 0;
    cob_rec *rec = &rd->recs[rd->pending];
    if (rec->bt >= COB_MAX_CONDITIONS)
        return prof_reader_fail(rd->r, PROF_EFORMAT, xml_doc_line(&rd->doc),
                                "more than %u conditions on one line",
                                COB_MAX_CONDITIONS);
    xml_doc_attrs(&rd->doc, names, 1, v, set);
    rec->bt++;
    if (set[0] && strspn(v[0], " 0.%") != strlen(v[0]))
        rec->bc++;
    return 0;
}

static int cob_class_start(cob_rd *rd)
{
    xmlChar *fn =
        rd->X->xmlTextReaderGetAttribute(rd->x, BAD_CAST "filename");
    rd->in_class = true;
    rd->f = NULL;
    rd->class_rec = rd->nrecs;
    rd->class_lines = false;
    if (!fn || !fn[0]) {
        (*rd->X->xmlFree)(fn);
        return prof_reader_damage(rd->r, PROF_DMG_NO_PATH,
                                  xml_doc_line(&rd->doc), "<class>", NULL);
    }
    rd->f = prof_profile_file_get(rd->r->p, (const char *)fn,
                                  strlen((const char *)fn));
    (*rd->X->xmlFree)(fn);
    return rd->f ? 0 : prof_reader_oom(rd->r, 0);
}

static int cob_method_start(cob_rd *rd)
{
    xmlChar *name =
        rd->X->xmlTextReaderGetAttribute(rd->x, BAD_CAST "name");
    rd->in_method = true;
    rd->m_seen = false;
    rd->m_name = prof_profile_intern(rd->r->p, name ? (char *)name : "",
                                     name ? strlen((char *)name) : 0);
    (*rd->X->xmlFree)(name);
    return rd->m_name ? 0 : prof_reader_oom(rd->r, 0);
}

/* A method becomes a function from its first to its last line, with the
 * hits of its first line; one without lines is dropped. A method listed
 * again (same file, name and first line) is the same function, its hits
 * those of the same line: it takes the largest, as repeated lines do. */
static int cob_method_end(cob_rd *rd)
{
    rd->in_method = false;
    if (!rd->m_seen || !rd->f)
        return 0;
    if (!rd->m_name[0])
        return prof_reader_damage(rd->r, PROF_DMG_NO_NAME, xml_doc_line(&rd->doc),
                                  "<method>", NULL);
    struct {
        const void *file, *name;
        uint32_t line;
    } key;
    memset(&key, 0, sizeof key);
    key.file = rd->f;
    key.name = rd->m_name;
    key.line = rd->m_first;
    prof_strmap_slot *slot = prof_strmap_get(&rd->methods, (const char *)&key,
                                             sizeof key, true);
    if (!slot)
        return prof_reader_oom(rd->r, 0);
    uint32_t suites = rd->m_hits ? rd->r->suites : 0;
    if (slot->value) {
        size_t nf;
        prof_function *fn =
            &prof_file_functions_mut(rd->f, &nf)[(uintptr_t)slot->value - 1];
        if (rd->m_hits > fn->hits) {
            fn->hits = rd->m_hits;
            fn->suites = suites;
        }
        fn->end_line = rd->m_last > fn->end_line ? rd->m_last : fn->end_line;
        return 0;
    }
    prof_function fn = {rd->m_name, rd->m_first, 0, rd->m_last, 0,
                        rd->r->input, suites, rd->m_hits};
    if (prof_file_add_function(rd->f, &fn) < 0)
        return prof_reader_oom(rd->r, 0);
    size_t nf;
    prof_file_functions(rd->f, &nf);
    slot->value = (void *)(uintptr_t)nf;
    return 0;
}

/* What a document whose root is <ROOT> (with CHILD under <coverage>)
 * looks like, when it is a coverage format that is not Cobertura; NULL
 * when it is none of those. */
static const char *cob_other(const char *root, const char *child)
{
    static const char *const known[][3] = {
        {"coverage", "file", "SonarQube generic coverage XML (<coverage "
                             "version=\"1\"> of <file path=...>: "
                             "--from sonarqube)"},
        {"coverage", "project", "Clover XML (<coverage> of <project>)"},
        {"report", NULL, "JaCoCo XML (<report>)"},
        {"CoverageSession", NULL, "OpenCover XML (<CoverageSession>)"},
        {"results", NULL, "Visual Studio or dotCover XML (<results>)"},
        {"CoverageDSPriv", NULL, "Visual Studio coverage XML "
                                 "(<CoverageDSPriv>)"},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(root, known[i][0]) &&
            (known[i][1] ? child && !strcmp(child, known[i][1]) : !child))
            return known[i][2];
    return NULL;
}

/* The root element NAME (DEPTH 0), or one of its children (1), is not
 * Cobertura's: refused, saying what the file looks like. */
static int cob_not_cobertura(cob_rd *rd, const char *name, int depth)
{
    const char *other = cob_other(depth ? "coverage" : name,
                                  depth ? name : NULL);
    if (depth && !other)
        return 0;
    return prof_reader_fail(rd->r, PROF_EFORMAT, xml_doc_line(&rd->doc),
                            "expected %s, got <%.60s>%s%s%s",
                            depth ? "<sources> or <packages> in <coverage>"
                                  : "the root element <coverage>",
                            name, other ? ": this is " : "",
                            other ? other : "", other ? ", not Cobertura" : "");
}

static int cob_element(cob_rd *rd, const char *name, int depth)
{
    bool empty = rd->X->xmlTextReaderIsEmptyElement(rd->x) == 1;
    if ((depth == 0 && strcmp(name, "coverage")) || depth == 1)
        PROF_TRY(cob_not_cobertura(rd, name, depth));
    if (!strcmp(name, "class")) {
        PROF_TRY(cob_class_start(rd));
        rd->in_class = !empty;
    } else if (!strcmp(name, "method") && rd->in_class) {
        PROF_TRY(cob_method_start(rd));
        if (empty)
            return cob_method_end(rd);
    } else if (!strcmp(name, "line")) {
        return cob_line_start(rd);
    } else if (!strcmp(name, "condition")) {
        return cob_condition(rd);
    }
    return 0;
}

/* A class's lines are its own <lines>; a class that has none (Slather's
 * Swift classes list lines only under <methods>) has its methods' lines,
 * each once (a line under two methods is combined as repeated lines
 * are). A class with lines of its own keeps only those: istanbul lists a
 * function's declaration line under its <method>, which its statement
 * lines (and the header's lines-valid) do not count. */
static void cob_class_end(cob_rd *rd)
{
    size_t n = rd->nrecs - rd->class_rec, o = 0;
    rd->in_class = false;
    if (!rd->class_lines || !n)
        return;
    cob_rec *r = rd->recs + rd->class_rec;
    for (size_t i = 0; i < n; i++)
        if (!r[i].method)
            r[o++] = r[i];
    rd->nrecs = rd->class_rec + o;
}

static int cob_element_end(cob_rd *rd, const char *name)
{
    if (!strcmp(name, "line"))
        rd->pending = SIZE_MAX;
    else if (!strcmp(name, "method") && rd->in_method)
        return cob_method_end(rd);
    else if (!strcmp(name, "class") && rd->in_class)
        cob_class_end(rd);
    return 0;
}

static int cob_rec_cmp(const void *va, const void *vb)
{
    const cob_rec *a = va, *b = vb;
    if (a->f != b->f)
        return (uintptr_t)a->f < (uintptr_t)b->f ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static int cob_add_line(cob_rd *rd, const cob_rec *rec)
{
    prof_block b = {rec->line, 0, rec->line, 0, 1, rd->r->input,
                    rec->xmlline, rec->hits ? rd->r->suites : 0, rec->hits,
                    NULL};
    if (prof_file_add_block(rec->f, &b) < 0)
        return prof_reader_oom(rd->r, 0);
    rd->nbranches += rec->bt;
    if (rd->nbranches > rd->max_branches)
        return prof_reader_fail(rd->r, PROF_ELIMIT, rec->xmlline,
                                "more conditions than the input's size can "
                                "hold (%llu)",
                                (unsigned long long)rd->nbranches);
    for (uint32_t i = 0; i < rec->bt; i++) {
        prof_branch br = {rec->line, 0, i, i < rec->bc ? rd->r->suites : 0,
                          i < rec->bc ? 1 : 0};
        if (prof_file_add_branch(rec->f, &br) < 0)
            return prof_reader_oom(rd->r, 0);
    }
    return 0;
}

/* A line listed more than once for a file (several classes of one file,
 * as gocover-cobertura writes per receiver type) is one measurement: it
 * keeps the largest hits and condition counts rather than their sum. */
static int cob_flush_lines(cob_rd *rd)
{
    if (rd->nrecs)
        qsort(rd->recs, rd->nrecs, sizeof *rd->recs, cob_rec_cmp);
    size_t o = 0;
    for (size_t i = 0; i < rd->nrecs; i++) {
        cob_rec *a = o ? &rd->recs[o - 1] : NULL, *b = &rd->recs[i];
        if (a && !cob_rec_cmp(a, b)) {
            a->hits = b->hits > a->hits ? b->hits : a->hits;
            a->bt = b->bt > a->bt ? b->bt : a->bt;
            a->bc = b->bc > a->bc ? b->bc : a->bc;
            continue;
        }
        rd->recs[o++] = *b;
    }
    for (size_t i = 0; i < o; i++)
        PROF_TRY(cob_add_line(rd, &rd->recs[i]));
    return 0;
}

static int cob_node(cob_rd *rd)
{
    int type = rd->X->xmlTextReaderNodeType(rd->x);
    const char *name =
        (const char *)rd->X->xmlTextReaderConstLocalName(rd->x);
    if (!name)
        return 0;
    if (type == XML_READER_TYPE_ELEMENT)
        return cob_element(rd, name, rd->X->xmlTextReaderDepth(rd->x));
    if (type == XML_READER_TYPE_END_ELEMENT)
        return cob_element_end(rd, name);
    return 0;
}

static int cob_read(prof_reader *r, const unsigned char *buf, size_t len)
{
    cob_rd rd;
    memset(&rd, 0, sizeof rd);
    PROF_TRY(xml_doc_open(&rd.doc, r, buf, len, "Cobertura XML"));
    rd.r = r;
    rd.X = rd.doc.X;
    rd.x = rd.doc.x;
    rd.pending = SIZE_MAX;
    rd.max_branches = (uint64_t)len * 4 + COB_MAX_CONDITIONS;
    prof_arena_init(&rd.marena);
    prof_strmap_init(&rd.methods, &rd.marena);
    prof_reader_set_mode(r, PROF_MODE_COUNT);
    int rc;
    while ((rc = xml_doc_next(&rd.doc)) == 1 && (rc = cob_node(&rd)) == 0)
        ;
    if (rc == 0)
        rc = cob_flush_lines(&rd);
    xml_doc_close(&rd.doc);
    free(rd.recs);
    prof_strmap_free(&rd.methods);
    prof_arena_free(&rd.marena);
    return rc;
}

const prof_format prof_format_cobertura = {
    .name = "cobertura",
    .description = "Cobertura XML (coverage-04.dtd)",
    .family = PROF_FAMILY_LINE,
    .detect = cob_detect,
    .read = cob_read,
    .write = prof_cobertura_write,
    .view = PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES,
};
