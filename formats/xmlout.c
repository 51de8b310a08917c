/* xmlout.c - the XML writers' emitter (through the sink), escaping, names. */
#include "xmlutil.h"

#include <string.h>

/* ---- emitter ----------------------------------------------------------- */

/* Indentation of the deepest element and the two levels a writer may put
 * at once below it (Cobertura's <condition> inside <line>). */
const char xml_spaces[] = "                    ";
_Static_assert(sizeof xml_spaces > 2 * (XML_DEPTH + 2), "indentation");

/* The escape of byte C in an attribute value (ATTR) or in text; NULL
 * when it goes as it is. */
static const char *xml_escape(unsigned char c, bool attr)
{
    if (c > '>')
        return NULL;
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\r':
        return "&#13;";
    case '\n':
        return attr ? "&#10;" : NULL;
    case '\t':
        return attr ? "&#9;" : NULL;
    default:
        return NULL;
    }
}

/* S into OUT escaped for an attribute value (ATTR: & < > " TAB LF CR) or
 * for text (& < > " CR); other bytes (made safe by xml_clean) go as they
 * are. */
static void xml_escaped(prof_sink *out, const char *s, bool attr)
{
    const char *run = s;
    for (; *s; s++) {
        const char *e = xml_escape((unsigned char)*s, attr);
        if (!e)
            continue;
        prof_sink_write(out, run, (size_t)(s - run));
        prof_sink_puts(out, e);
        run = s + 1;
    }
    prof_sink_write(out, run, (size_t)(s - run));
}

void xml_out_open(xml_out *o, prof_sink *s)
{
    o->s = s;
    o->start = prof_sink_tell(s);
    o->depth = 0;
    o->open = o->text = o->bad = false;
}

int xml_out_close(const xml_out *o)
{
    return o->bad ? PROF_ENOMEM : 0;
}

uint64_t xml_tell(const xml_out *o)
{
    return prof_sink_tell(o->s) - o->start;
}

void xml_children(xml_out *o)
{
    if (o->open)
        prof_sink_write(o->s, ">\n", 2);
    o->open = false;
}

void xml_start(xml_out *o, const char *name)
{
    if (o->depth == XML_DEPTH) {
        o->bad = true; /* a writer nests deeper than it said */
        return;
    }
    xml_children(o);
    char *p = xml_indent(xml_room(o, 2 * XML_DEPTH + 1), o->depth);
    *p++ = '<';
    xml_wrote(o, p);
    prof_sink_puts(o->s, name);
    o->stack[o->depth++] = name;
    o->open = true;
}

void xml_end(xml_out *o)
{
    if (o->depth == 0)
        return;
    const char *name = o->stack[--o->depth];
    if (o->open) {
        prof_sink_write(o->s, "/>\n", 3);
    } else {
        char *p = xml_room(o, 2 * XML_DEPTH + 2);
        p = o->text ? p : xml_indent(p, o->depth);
        xml_wrote(o, XML_LIT(p, "</"));
        prof_sink_puts(o->s, name);
        prof_sink_write(o->s, ">\n", 2);
    }
    o->open = o->text = false;
}

void xml_attr(xml_out *o, const char *name, const char *value)
{
    prof_sink_putc(o->s, ' ');
    prof_sink_puts(o->s, name);
    prof_sink_write(o->s, "=\"", 2);
    xml_escaped(o->s, value, true);
    prof_sink_putc(o->s, '"');
}

void xml_attr_u64(xml_out *o, const char *name, uint64_t v)
{
    char buf[24];
    *prof_u64_dec(buf, v) = '\0';
    xml_attr(o, name, buf);
}

void xml_text(xml_out *o, const char *text)
{
    if (o->open)
        prof_sink_putc(o->s, '>');
    o->open = false;
    xml_escaped(o->s, text, false);
    o->text = true;
}

/* ---- names XML can hold ---------------------------------------------- */

/* Whether the bytes at S (N there) start a character XML 1.0 can hold;
 * *LEN receives its length. */
static bool xml_char(const unsigned char *s, size_t n, size_t *len)
{
    *len = 1;
    if (s[0] < 0x80)
        return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r';
    size_t k = prof_utf8_len(s, n);
    if (!k)
        return false;
    *len = k;
    return !(k == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe);
}

const char *xml_clean(prof_arena *a, const char *s)
{
    size_t n = strlen(s), i = 0, len;
    char *copy = NULL;
    while (i < n) {
        if (xml_char((const unsigned char *)s + i, n - i, &len)) {
            i += len;
            continue;
        }
        if (!copy && !(copy = prof_arena_strndup(a, s, n)))
            return NULL;
        copy[i++] = '?';
        s = copy;
    }
    return s;
}

typedef struct xml_named {
    const char *path;
    bool cleaned;
} xml_named;

void xml_names_init(xml_names *u, prof_arena *a)
{
    prof_strmap_init(&u->seen, a);
    u->arena = a;
}

void xml_names_free(xml_names *u)
{
    prof_strmap_free(&u->seen);
}

int xml_names_add(xml_names *u, const char *path, const char *name,
                  bool cleaned, const char *fmt, const char *attr,
                  prof_error *err)
{
    prof_strmap_slot *s = prof_strmap_get(&u->seen, name, strlen(name),
                                          true);
    xml_named *prev = s ? s->value : NULL;
    if (!s)
        return prof_error_oom(err, "");
    if (!prev) {
        xml_named *nm = prof_arena_alloc(u->arena, sizeof *nm);
        if (!nm)
            return prof_error_oom(err, "");
        *nm = (xml_named){path, cleaned};
        s->value = nm;
        return 0;
    }
    if (!cleaned && !prev->cleaned)
        return 0; /* one source named twice (absolute and relative) */
    char qa[128], qb[128], qc[128];
    return prof_error_set(
        err, PROF_EFORMAT, "", 0,
        "cannot write %s: paths %s and %s both become %s %s (bytes XML "
        "cannot hold are written as '?')",
        fmt, prof_quote(qa, sizeof qa, prev->path, strlen(prev->path)),
        prof_quote(qb, sizeof qb, path, strlen(path)), attr,
        prof_quote(qc, sizeof qc, name, strlen(name)));
}
