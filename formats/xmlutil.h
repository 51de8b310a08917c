/* xmlutil.h - what the XML formats (Cobertura, SonarQube) share (private). */
#ifndef XMLUTIL_H
#define XMLUTIL_H

#include "../libprof/format.h"
#include "xmlapi.h"

/* ---- detection: a look at the first tags, without libxml2 ------------ */

/* The start tag ('<') of the root element of BUF[0..LEN), after a BOM and
 * a prolog of an XML declaration, comments, processing instructions and
 * a DOCTYPE; NULL when there is none. */
const unsigned char *xml_root(const unsigned char *buf, size_t len);
/* Is the start tag at TAG (END: the end of the input) element NAME? */
bool xml_tag_is(const unsigned char *tag, const unsigned char *end,
                const char *name);
/* The start tag of the first child element of the element whose start
 * tag is TAG (comments, processing instructions and text skipped); NULL
 * when it has none, or the input ends first. */
const unsigned char *xml_first_child(const unsigned char *tag,
                                     const unsigned char *end);
/* The value of attribute NAME in the start tag TAG, as written (entities
 * not replaced), in *VAL and *N; false when the tag has none. */
bool xml_tag_attr(const unsigned char *tag, const unsigned char *end,
                  const char *name, const unsigned char **val, size_t *n);

/* ---- reading: one libxml2 text reader over the input ------------------ */

/* An input read node by node: no network, no DTD loaded, a DOCTYPE that
 * declares entities refused; the first libxml2 error is kept with its
 * line and reported as "malformed XML: ...". */
typedef struct xml_doc {
    prof_reader *r;
    const xml_api *X; /* libxml2 (xmlapi.h) */
    xmlTextReaderPtr x;
    const unsigned char *buf;
    size_t len;
    bool first;       /* no node read yet */
    int xcode;        /* first libxml2 error */
    unsigned long xline;
    char xmsg[300];
} xml_doc;

/* Start reading BUF[0..LEN) for R; WHAT names the format in messages
 * ("Cobertura XML"). 0, or the error reported through R. */
int xml_doc_open(xml_doc *d, prof_reader *r, const unsigned char *buf,
                 size_t len, const char *what);
/* The next node: 1, 0 at the end, or the error reported through R. */
int xml_doc_next(xml_doc *d);
void xml_doc_close(xml_doc *d);
/* Line of the current node in the input (0 if unknown). */
unsigned long xml_doc_line(xml_doc *d);

/* Values of the attributes of the current element named in NAMES (at
 * most XML_AV - 1 bytes kept: longer is never a valid number); SET[i]
 * says whether NAMES[i] is there. */
#define XML_AV 64
void xml_doc_attrs(xml_doc *d, const char *const *names, size_t n,
                   char (*vals)[XML_AV], bool *set);
/* Report "expected WHAT in <ELEM ATTR="...">, got GOT" (GOT quoted, or
 * NULL: "nothing") at the current node; returns PROF_EFORMAT. */
int xml_doc_bad_attr(xml_doc *d, const char *elem, const char *attr,
                     const char *what, const char *got);
/* An unsigned decimal of at most MAX between blanks into *OUT; FRAC
 * accepts a fraction, dropped ("12.0", as some writers put hits). */
bool xml_num(const char *s, bool frac, uint64_t max, uint64_t *out);

/* ---- writing (xmlout.c) ------------------------------------------------ */

/* Elements written through a sink: each start tag on its own line,
 * indented two spaces a level; an element without children or text
 * closes as "/>". Attribute values and text are escaped (& < > " CR;
 * TAB and LF too in attributes); other bytes go as they are (xml_clean
 * them first). */
#define XML_DEPTH 8 /* elements open at most */
typedef struct xml_out {
    prof_sink *s;
    uint64_t start; /* prof_sink_tell when opened */
    int depth;      /* elements open */
    bool open;      /* the last start tag still lacks its '>' */
    bool text;      /* the innermost element holds text */
    bool bad;       /* something could not be written (out of memory) */
    const char *stack[XML_DEPTH];
} xml_out;

void xml_out_open(xml_out *o, prof_sink *s);
/* 0, or PROF_ENOMEM when O went bad. */
int xml_out_close(const xml_out *o);
/* Bytes written since xml_out_open. */
uint64_t xml_tell(const xml_out *o);
/* Element NAME (a literal, or kept until its end), attributes follow. */
void xml_start(xml_out *o, const char *name);
void xml_attr(xml_out *o, const char *name, const char *value);
void xml_attr_u64(xml_out *o, const char *name, uint64_t v);
/* TEXT as the content of the open element. */
void xml_text(xml_out *o, const char *text);
/* The '>' of an open start tag: children follow (xml_start does it). */
void xml_children(xml_out *o);
/* The end of the innermost element. */
void xml_end(xml_out *o);

/* A writer's most numerous elements, written at once: N bytes of room
 * (a few hundred; the sink's buffer is larger) at the returned pointer,
 * filled with XML_LIT, xml_indent and prof_u64_dec, then xml_wrote with
 * the end. */
static inline char *xml_room(xml_out *o, size_t n)
{
    return prof_sink_room(o->s, n);
}
static inline void xml_wrote(xml_out *o, const char *end)
{
    prof_sink_wrote(o->s, end);
}
/* Literal S at P; the end. */
#define XML_LIT(p, s) ((char *)memcpy((p), (s), sizeof(s) - 1) + sizeof(s) - 1)
/* DEPTH (at most XML_DEPTH + 2) levels of indentation at P; the end. */
extern const char xml_spaces[];
static inline char *xml_indent(char *p, int depth)
{
    memcpy(p, xml_spaces, 2 * (size_t)depth);
    return p + 2 * depth;
}

/* S with the bytes XML 1.0 cannot hold (invalid UTF-8, most control
 * bytes, U+FFFE, U+FFFF) as '?': S itself when clean, else a copy in A;
 * NULL when out of memory. */
const char *xml_clean(prof_arena *a, const char *s);

/* Names given to paths, to refuse two paths that one name would merge
 * when read back because xml_clean changed one of them. */
typedef struct xml_names {
    prof_strmap seen; /* name -> xml_named */
    prof_arena *arena;
} xml_names;

void xml_names_init(xml_names *u, prof_arena *a);
void xml_names_free(xml_names *u);
/* PATH is written as NAME (CLEANED: xml_clean changed it). PROF_EFORMAT
 * in ERR ("cannot write FMT: paths A and B both become ATTR NAME ...")
 * when another path became NAME too and either was cleaned. */
int xml_names_add(xml_names *u, const char *path, const char *name,
                  bool cleaned, const char *fmt, const char *attr,
                  prof_error *err);

#endif
