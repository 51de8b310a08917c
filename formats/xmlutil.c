/* xmlutil.c - what the XML formats share: detection, reading, escaping. */
#include "xmlutil.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- detection -------------------------------------------------------- */

/* Skip from B past the first END (a literal), or to E when absent. */
static const unsigned char *xml_skip_to(const unsigned char *b,
                                        const unsigned char *e,
                                        const char *end)
{
    size_t n = strlen(end);
    const unsigned char *hit = memmem(b, (size_t)(e - b), end, n);
    return hit ? hit + n : e;
}

/* Past a DOCTYPE: its internal subset [...] and quoted ids may hold '>'. */
static const unsigned char *xml_skip_doctype(const unsigned char *b,
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

static bool xml_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past comments and processing instructions at B, and blanks between
 * them; in a prolog (!CONTENT) a DOCTYPE too, in content any text and
 * CDATA. */
static const unsigned char *xml_skip_misc(const unsigned char *b,
                                          const unsigned char *e,
                                          bool content)
{
    for (;;) {
        while (b < e && (content ? *b != '<' : xml_blank(*b)))
            b++;
        size_t left = (size_t)(e - b);
        if (left >= 4 && !memcmp(b, "<!--", 4))
            b = xml_skip_to(b + 4, e, "-->");
        else if (left >= 2 && !memcmp(b, "<?", 2))
            b = xml_skip_to(b + 2, e, "?>");
        else if (!content && left >= 9 && !memcmp(b, "<!DOCTYPE", 9))
            b = xml_skip_doctype(b + 9, e);
        else if (content && left >= 9 && !memcmp(b, "<![CDATA[", 9))
            b = xml_skip_to(b + 9, e, "]]>");
        else
            return b;
    }
}

const unsigned char *xml_root(const unsigned char *buf, size_t len)
{
    const unsigned char *b = buf, *e = buf + len;
    b += prof_bom_len(b, len);
    b = xml_skip_misc(b, e, false);
    return b < e && *b == '<' ? b : NULL;
}

bool xml_tag_is(const unsigned char *tag, const unsigned char *end,
                const char *name)
{
    size_t n = strlen(name);
    return (size_t)(end - tag) >= n + 2 && tag[0] == '<' &&
           !memcmp(tag + 1, name, n) && tag[n + 1] &&
           strchr(" \t\r\n/>", tag[n + 1]);
}

/* Past the '>' of the start tag at TAG (quoted values may hold '>'), or
 * NULL when the input ends first; *EMPTY: it ends with "/>". */
static const unsigned char *xml_tag_end(const unsigned char *tag,
                                        const unsigned char *e, bool *empty)
{
    for (const unsigned char *b = tag + 1; b < e; b++) {
        if (*b == '"' || *b == '\'') {
            b = memchr(b + 1, *b, (size_t)(e - b - 1));
            if (!b)
                return NULL;
        } else if (*b == '>') {
            *empty = b[-1] == '/';
            return b + 1;
        }
    }
    return NULL;
}

const unsigned char *xml_first_child(const unsigned char *tag,
                                     const unsigned char *end)
{
    bool empty;
    const unsigned char *b = xml_tag_end(tag, end, &empty);
    if (!b || empty)
        return NULL;
    b = xml_skip_misc(b, end, true);
    return end - b >= 2 && b[1] != '/' && b[1] != '!' ? b : NULL;
}

bool xml_tag_attr(const unsigned char *tag, const unsigned char *end,
                  const char *name, const unsigned char **val, size_t *n)
{
    size_t want = strlen(name);
    const unsigned char *b = tag + 1;
    while (b < end && !xml_blank(*b) && *b != '>' && *b != '/')
        b++; /* the element's name */
    for (;;) {
        while (b < end && xml_blank(*b))
            b++;
        const unsigned char *an = b;
        while (b < end && !xml_blank(*b) && *b != '=' && *b != '>' &&
               *b != '/')
            b++;
        size_t alen = (size_t)(b - an);
        while (b < end && xml_blank(*b))
            b++;
        if (!alen || b == end || *b != '=')
            return false;
        for (b++; b < end && xml_blank(*b); b++)
            ;
        if (b == end || (*b != '"' && *b != '\''))
            return false;
        const unsigned char *q = memchr(b + 1, *b, (size_t)(end - b - 1));
        if (!q)
            return false;
        if (alen == want && !memcmp(an, name, want)) {
            *val = b + 1;
            *n = (size_t)(q - b - 1);
            return true;
        }
        b = q + 1;
    }
}

/* ---- reading ----------------------------------------------------------- */

#if LIBXML_VERSION >= 21200
static void xml_doc_error(void *ctx, const xmlError *e)
#else
static void xml_doc_error(void *ctx, xmlErrorPtr e)
#endif
{
    xml_doc *d = ctx;
    if (d->xcode || e->level < XML_ERR_ERROR)
        return;
    d->xcode = PROF_EFORMAT;
    d->xline = e->line > 0 ? (unsigned long)e->line : 0;
    snprintf(d->xmsg, sizeof d->xmsg, "%s",
             e->message ? e->message : "unknown error");
    size_t n = strlen(d->xmsg);
    while (n && (d->xmsg[n - 1] == '\n' || d->xmsg[n - 1] == ' '))
        d->xmsg[--n] = '\0';
    for (char *c = d->xmsg; *c; c++)
        if (*c == '\n')
            *c = ' '; /* one line: "... encoding ! Bytes: 0xFF ..." */
}

int xml_doc_open(xml_doc *d, prof_reader *r, const unsigned char *buf,
                 size_t len, const char *what)
{
    memset(d, 0, sizeof *d);
    if (len > INT_MAX)
        return prof_reader_fail(r, PROF_ELIMIT, 0, "%s larger than 2 GiB",
                                what);
    char why[300];
    const xml_api *X = xml_api_get(why, sizeof why);
    if (!X)
        return prof_reader_fail(r, PROF_EIO, 0,
                                "cannot read %s without libxml2: %s", what,
                                why);
    d->r = r;
    d->X = X;
    d->buf = buf;
    d->len = len;
    d->first = true;
    d->x = X->xmlReaderForMemory((const char *)buf, (int)len, r->name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    if (!d->x)
        return prof_reader_oom(r, 0);
    X->xmlTextReaderSetStructuredErrorHandler(d->x, xml_doc_error, d);
    return 0;
}

void xml_doc_close(xml_doc *d)
{
    if (d->x)
        d->X->xmlFreeTextReader(d->x);
    d->x = NULL;
}

unsigned long xml_doc_line(xml_doc *d)
{
    xmlNodePtr n = d->X->xmlTextReaderCurrentNode(d->x);
    long l = n ? d->X->xmlGetLineNo(n) : -1;
    if (l <= 0)
        l = d->X->xmlTextReaderGetParserLineNumber(d->x);
    return l > 0 ? (unsigned long)l : 0;
}

/* Entities are refused outright: a coverage report never needs them, and
 * this closes XXE and entity-expansion attacks whatever libxml2 does. */
static int xml_doc_check_dtd(xml_doc *d)
{
    /* not xmlTextReaderCurrentDoc(): it would keep the whole tree */
    xmlNodePtr node = d->X->xmlTextReaderCurrentNode(d->x);
    xmlDocPtr doc = node ? node->doc : NULL;
    xmlDtdPtr dtd = doc ? doc->intSubset : NULL;
    if (!dtd || (!dtd->entities && !dtd->pentities))
        return 0;
    const char *s = (const char *)d->buf, *decl;
    decl = memmem(s, d->len, "<!ENTITY", 8);
    unsigned long line = 1;
    for (const char *c = s; decl && c < decl; c++)
        line += *c == '\n';
    return prof_reader_fail(d->r, PROF_EFORMAT, decl ? line : 0,
                            "the DOCTYPE declares entities "
                            "(<!ENTITY>), which are refused");
}

int xml_doc_next(xml_doc *d)
{
    int more = d->X->xmlTextReaderRead(d->x);
    if (more == 1 && !d->xcode) {
        if (d->first) {
            d->first = false;
            PROF_TRY(xml_doc_check_dtd(d));
        }
        return 1;
    }
    if (d->xcode || more < 0)
        return prof_reader_fail(d->r, PROF_EFORMAT, d->xline,
                                "malformed XML: %s",
                                d->xcode ? d->xmsg : "parse error");
    return 0;
}

void xml_doc_attrs(xml_doc *d, const char *const *names, size_t n,
                   char (*vals)[XML_AV], bool *set)
{
    for (size_t i = 0; i < n; i++)
        set[i] = false;
    if (d->X->xmlTextReaderMoveToFirstAttribute(d->x) != 1)
        return;
    do {
        const char *an =
            (const char *)d->X->xmlTextReaderConstLocalName(d->x);
        for (size_t i = 0; an && i < n; i++) {
            if (strcmp(an, names[i]))
                continue;
            const char *v =
                (const char *)d->X->xmlTextReaderConstValue(d->x);
            snprintf(vals[i], XML_AV, "%s", v ? v : "");
            set[i] = true;
        }
    } while (d->X->xmlTextReaderMoveToNextAttribute(d->x) == 1);
    d->X->xmlTextReaderMoveToElement(d->x);
}

int xml_doc_bad_attr(xml_doc *d, const char *elem, const char *attr,
                     const char *what, const char *got)
{
    char q[128];
    return prof_reader_fail(d->r, PROF_EFORMAT, xml_doc_line(d),
                            "expected %s in <%s %s=\"...\">, got %s", what,
                            elem, attr,
                            got ? prof_quote(q, sizeof q, got, strlen(got))
                                : "nothing");
}

bool xml_num(const char *s, bool frac, uint64_t max, uint64_t *out)
{
    s += strspn(s, " \t\r\n");
    uint64_t v = 0;
    size_t nd = 0;
    for (; *s >= '0' && *s <= '9'; s++, nd++) {
        uint64_t dg = (uint64_t)(*s - '0');
        if (dg > max || v > (max - dg) / 10)
            return false;
        v = v * 10 + dg;
    }
    if (frac && nd && *s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    s += strspn(s, " \t\r\n");
    *out = v;
    return nd > 0 && *s == '\0';
}
