/* cobertura.c - Cobertura XML reader (xmlTextReader) and format entry. */
#include "cobertura.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmlapi.h"

/* ---- detect ---------------------------------------------------------- */

/* Skip from B past the first END (a literal), or to E when absent. */
static const unsigned char *cob_skip_to(const unsigned char *b,
                                        const unsigned char *e,
                                        const char *end)
{
    size_t n = strlen(end);
    const unsigned char *hit = memmem(b, (size_t)(e - b), end, n);
    return hit ? hit + n : e;
}

/* Past a DOCTYPE: its internal subset [...] and quoted ids may hold '>'. */
static const unsigned char *cob_skip_doctype(const unsigned char *b,
                                             const unsigned char *e)
{
    int depth = 0;
    while (b < e) {
        unsigned char c = *b++;
        if (c == '"' || c == '\'') {
            const unsigned char *q = memchr(b, c, (size_t)(e - b));
            b = q ? q + 1 : e;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            return b;
        }
    }
    return e;
}

/* The root element is <coverage>, after a prolog of an XML declaration,
 * comments, processing instructions and a DOCTYPE. */
static int cob_detect(const unsigned char *buf, size_t len)
{
    const unsigned char *b = buf, *e = buf + len;
    if (len >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
        b += 3;
    for (;;) {
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n'))
            b++;
        size_t left = (size_t)(e - b);
        if (left >= 4 && !memcmp(b, "<!--", 4))
            b = cob_skip_to(b + 4, e, "-->");
        else if (left >= 2 && !memcmp(b, "<?", 2))
            b = cob_skip_to(b + 2, e, "?>");
        else if (left >= 9 && !memcmp(b, "<!DOCTYPE", 9))
            b = cob_skip_doctype(b + 9, e);
        else
            break;
    }
    if ((size_t)(e - b) < 10 || memcmp(b, "<coverage", 9))
        return 0;
    return strchr(" \t\r\n/>", b[9]) && b[9] ? 95 : 0;
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
    const xml_api *X; /* libxml2 (xmlapi.h) */
    xmlTextReaderPtr x;
    const unsigned char *buf;
    size_t len;
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
    int xcode;        /* first libxml2 error */
    unsigned long xline;
    char xmsg[300];
} cob_rd;

#define COB_MAX_CONDITIONS 65536u

#if LIBXML_VERSION >= 21200
static void cob_xml_error(void *ctx, const xmlError *e)
#else
static void cob_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
    cob_rd *rd = ctx;
    if (rd->xcode || e->level < XML_ERR_ERROR)
        return;
    rd->xcode = PROF_EFORMAT;
    rd->xline = e->line > 0 ? (unsigned long)e->line : 0;
    snprintf(rd->xmsg, sizeof rd->xmsg, "%s",
             e->message ? e->message : "unknown error");
    size_t n = strlen(rd->xmsg);
    while (n && (rd->xmsg[n - 1] == '\n' || rd->xmsg[n - 1] == ' '))
        rd->xmsg[--n] = '\0';
    for (char *c = rd->xmsg; *c; c++)
        if (*c == '\n')
            *c = ' '; /* one line: "... encoding ! Bytes: 0xFF ..." */
}

/* Line of the current node in the input. */
static unsigned long cob_lineno(cob_rd *rd)
{
    xmlNodePtr n = rd->X->xmlTextReaderCurrentNode(rd->x);
    long l = n ? rd->X->xmlGetLineNo(n) : -1;
    if (l <= 0)
        l = rd->X->xmlTextReaderGetParserLineNumber(rd->x);
    return l > 0 ? (unsigned long)l : 0;
}

/* An unsigned decimal between blanks; FRAC accepts a fraction, dropped
 * ("12.0", as some writers put hits). */
static bool cob_num(const char *s, bool frac, uint64_t max, uint64_t *out)
{
    s += strspn(s, " \t\r\n");
    uint64_t v = 0;
    size_t nd = 0;
    for (; *s >= '0' && *s <= '9'; s++, nd++) {
        uint64_t d = (uint64_t)(*s - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (frac && nd && *s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    s += strspn(s, " \t\r\n");
    *out = v;
    return nd > 0 && *s == '\0';
}

static int cob_bad_attr(cob_rd *rd, const char *elem, const char *attr,
                        const char *what, const char *got)
{
    char q[128];
    return prof_reader_fail(rd->r, PROF_EFORMAT, cob_lineno(rd),
                            "expected %s in <%s %s=\"...\">, got %s", what,
                            elem, attr,
                            prof_quote(q, sizeof q, got, strlen(got)));
}

/* Values of the attributes of the current element named in NAMES (at
 * most 63 bytes kept: longer is never a valid number). */
#define COB_AV 64
static void cob_attrs(cob_rd *rd, const char *const *names, size_t n,
                      char (*vals)[COB_AV], bool *set)
{
    for (size_t i = 0; i < n; i++)
        set[i] = false;
    if (rd->X->xmlTextReaderMoveToFirstAttribute(rd->x) != 1)
        return;
    do {
        const char *an =
            (const char *)rd->X->xmlTextReaderConstLocalName(rd->x);
        for (size_t i = 0; an && i < n; i++) {
            if (strcmp(an, names[i]))
                continue;
            const char *v =
                (const char *)rd->X->xmlTextReaderConstValue(rd->x);
            snprintf(vals[i], COB_AV, "%s", v ? v : "");
            set[i] = true;
        }
    } while (rd->X->xmlTextReaderMoveToNextAttribute(rd->x) == 1);
    rd->X->xmlTextReaderMoveToElement(rd->x);
}

static int cob_push(cob_rd *rd, const cob_rec *rec)
{
    if (prof_grow((void **)&rd->recs, &rd->cap, rd->nrecs, sizeof *rec) < 0)
        return prof_reader_fail(rd->r, PROF_ENOMEM, 0, "out of memory");
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
    char a[COB_AV], b[COB_AV];
    const char *slash = strchr(open, '/'), *close = strchr(open, ')');
    if (!slash || !close || slash > close || slash - open >= COB_AV ||
        close - slash >= COB_AV)
        return cob_bad_attr(rd, "line", "condition-coverage",
                            "'P% (covered/total)'", s);
    snprintf(a, sizeof a, "%.*s", (int)(slash - open - 1), open + 1);
    snprintf(b, sizeof b, "%.*s", (int)(close - slash - 1), slash + 1);
    if (!cob_num(a, false, UINT32_MAX, &vc) ||
        !cob_num(b, false, COB_MAX_CONDITIONS, &vt) || vc > vt)
        return cob_bad_attr(rd, "line", "condition-coverage",
                            "'P% (covered/total)' with covered <= total <= "
                            "65536", s);
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
        return cob_bad_attr(rd, "line", "hits", "a count", s);
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
static int cob_line_attrs(cob_rd *rd, unsigned long xl, char (*v)[COB_AV],
                          const bool *set, uint64_t *no, uint64_t *hits)
{
    *hits = 0;
    if (set[0] && !strcmp(v[0], "undefined")) { /* istanbul */
        PROF_TRY(prof_reader_damage(rd->r, PROF_DMG_LINE_TEXT, xl, "<line>",
                                    NULL));
        return 1;
    }
    if (!set[0] || !cob_num(v[0], false, UINT32_MAX, no))
        return cob_bad_attr(rd, "line", "number", "a line number >= 1",
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
    char v[4][COB_AV];
    bool set[4];
    cob_attrs(rd, names, 4, v, set);
    uint64_t no, hits;
    unsigned long xl = cob_lineno(rd);
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
    char v[1][COB_AV];
    bool set[1];
    if (rd->pending == SIZE_MAX)
        return 0;
    cob_rec *rec = &rd->recs[rd->pending];
    if (rec->bt >= COB_MAX_CONDITIONS)
        return prof_reader_fail(rd->r, PROF_EFORMAT, cob_lineno(rd),
                                "more than %u conditions on one line",
                                COB_MAX_CONDITIONS);
    cob_attrs(rd, names, 1, v, set);
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
        return prof_reader_damage(rd->r, PROF_DMG_NO_PATH, cob_lineno(rd),
                                  "<class>", NULL);
    }
    rd->f = prof_profile_file_get(rd->r->p, (const char *)fn,
                                  strlen((const char *)fn));
    (*rd->X->xmlFree)(fn);
    return rd->f ? 0 : prof_reader_fail(rd->r, PROF_ENOMEM, 0,
                                        "out of memory");
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
    return rd->m_name ? 0 : prof_reader_fail(rd->r, PROF_ENOMEM, 0,
                                             "out of memory");
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
        return prof_reader_damage(rd->r, PROF_DMG_NO_NAME, cob_lineno(rd),
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
        return prof_reader_fail(rd->r, PROF_ENOMEM, 0, "out of memory");
    uint32_t suites = rd->m_hits ? rd->r->suites : 0;
    if (slot->value) {
        prof_function *fn = &rd->f->funcs[(uintptr_t)slot->value - 1];
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
        return prof_reader_fail(rd->r, PROF_ENOMEM, 0, "out of memory");
    slot->value = (void *)(uintptr_t)rd->f->nfuncs;
    return 0;
}

/* What a document whose root is <ROOT> (with CHILD under <coverage>)
 * looks like, when it is a coverage format that is not Cobertura; NULL
 * when it is none of those. */
static const char *cob_other(const char *root, const char *child)
{
    static const char *const known[][3] = {
        {"coverage", "file", "SonarQube generic coverage XML (<coverage "
                             "version=\"1\"> of <file path=...>)"},
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
    return prof_reader_fail(rd->r, PROF_EFORMAT, cob_lineno(rd),
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

/* Entities are refused outright: a coverage report never needs them, and
 * this closes XXE and entity-expansion attacks whatever libxml2 does. */
static int cob_check_dtd(cob_rd *rd)
{
    /* not xmlTextReaderCurrentDoc(): it would keep the whole tree */
    xmlNodePtr node = rd->X->xmlTextReaderCurrentNode(rd->x);
    xmlDocPtr doc = node ? node->doc : NULL;
    xmlDtdPtr dtd = doc ? doc->intSubset : NULL;
    if (!dtd || (!dtd->entities && !dtd->pentities))
        return 0;
    const char *s = (const char *)rd->buf, *decl;
    decl = memmem(s, rd->len, "<!ENTITY", 8);
    unsigned long line = 1;
    for (const char *c = s; decl && c < decl; c++)
        line += *c == '\n';
    return prof_reader_fail(rd->r, PROF_EFORMAT, decl ? line : 0,
                                "the DOCTYPE declares entities "
                                "(<!ENTITY>), which are refused");
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
                    rec->xmlline, rec->hits ? rd->r->suites : 0, rec->hits};
    if (prof_file_add_block(rec->f, &b) < 0)
        return prof_reader_fail(rd->r, PROF_ENOMEM, 0, "out of memory");
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
            return prof_reader_fail(rd->r, PROF_ENOMEM, 0, "out of memory");
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

static int cob_node(cob_rd *rd, bool *first)
{
    int type = rd->X->xmlTextReaderNodeType(rd->x);
    if (*first) {
        *first = false;
        PROF_TRY(cob_check_dtd(rd));
    }
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
    if (len > INT_MAX)
        return prof_reader_fail(r, PROF_ELIMIT, 0,
                                "Cobertura XML larger than 2 GiB");
    char why[300];
    const xml_api *X = xml_api_get(why, sizeof why);
    if (!X)
        return prof_reader_fail(r, PROF_EIO, 0,
                                "cannot read Cobertura XML without libxml2: "
                                "%s", why);
    cob_rd rd;
    memset(&rd, 0, sizeof rd);
    rd.r = r;
    rd.X = X;
    rd.buf = buf;
    rd.len = len;
    rd.pending = SIZE_MAX;
    rd.max_branches = (uint64_t)len * 4 + COB_MAX_CONDITIONS;
    prof_arena_init(&rd.marena);
    prof_strmap_init(&rd.methods, &rd.marena);
    r->p->mode = PROF_MODE_COUNT;
    rd.x = X->xmlReaderForMemory((const char *)buf, (int)len, r->name, NULL,
                              XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!rd.x) {
        prof_arena_free(&rd.marena);
        return prof_reader_fail(r, PROF_ENOMEM, 0, "out of memory");
    }
    X->xmlTextReaderSetStructuredErrorHandler(rd.x, cob_xml_error, &rd);
    int rc = 0, more;
    bool first = true;
    while (rc == 0 && (more = X->xmlTextReaderRead(rd.x)) == 1 && !rd.xcode)
        rc = cob_node(&rd, &first);
    if (rc == 0 && (rd.xcode || more < 0))
        rc = prof_reader_fail(r, PROF_EFORMAT, rd.xline,
                              "malformed XML: %s",
                              rd.xcode ? rd.xmsg : "parse error");
    if (rc == 0)
        rc = cob_flush_lines(&rd);
    X->xmlFreeTextReader(rd.x);
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
    .view = PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS,
};
