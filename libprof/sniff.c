/* sniff.c - what an input no reader detects looks like, for its refusal. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/*
 * The reading policy (covkit-formats(5)): a file that is not a format
 * covkit reads is refused with a message that says what it is. Coverage
 * formats other tools write are named, with the way to a format covkit
 * reads; anything else is described by its first line.
 */

#define SNIFF_HEAD 4096

typedef struct sniff_sig {
    const char *needle; /* in the first SNIFF_HEAD bytes */
    const char *what;
} sniff_sig;

/* JSON documents, by a key only their format has. */
static const sniff_sig sniff_json[] = {
    {"\"gcovr/format_version\"",
     "gcovr's JSON report (gcovr --json), which covkit does not read: "
     "gcovr --lcov or --cobertura writes what it reads"},
    {"\"source_files\"", "a Coveralls JSON report, which covkit does not "
                         "read"},
    {"\"statementMap\"", "istanbul's coverage-final.json, which covkit does "
                         "not read: its lcov reporter (lcov.info) writes "
                         "what it reads"},
    {"llvm.coverage.json.export",
     "llvm-cov's JSON export, which covkit does not read: llvm-cov export "
     "-format=lcov writes what it reads"},
    {"\"totals\"", "a JSON coverage summary (coverage.py's coverage json, "
                   "or another tool's), which covkit does not read"},
};

/* XML roots (the first element after the prolog). */
static const sniff_sig sniff_xml[] = {
    {"report", "JaCoCo XML, which covkit does not read"},
    {"CoverageSession", "OpenCover XML, which covkit does not read"},
    {"CoverageDSPriv", "Visual Studio coverage XML, which covkit does not "
                       "read"},
    {"results", "Visual Studio or dotCover XML, which covkit does not read"},
    {"scoverage", "scoverage XML, which covkit does not read"},
};

static const unsigned char *sniff_skip_ws(const unsigned char *s,
                                          const unsigned char *e)
{
    s += prof_bom_len(s, (size_t)(e - s));
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++;
    return s;
}

/* The name of the first element of XML at S (past "<?...?>", comments
 * and a DOCTYPE) into NAME; false when there is none in the head. */
static bool sniff_root(const unsigned char *s, const unsigned char *e,
                       char *name, size_t sz)
{
    while ((s = sniff_skip_ws(s, e)) < e && *s == '<') {
        if (e - s > 1 && (s[1] == '?' || s[1] == '!')) {
            const unsigned char *gt = memchr(s, '>', (size_t)(e - s));
            if (!gt)
                return false;
            s = gt + 1;
            continue;
        }
        size_t n = 0;
        for (s++; s < e && n + 1 < sz && !strchr(" \t\r\n/>", *s); s++)
            name[n++] = (char)*s;
        name[n] = '\0';
        return n > 0;
    }
    return false;
}

/* WHAT for the data BUF[0..LEN) into OUT. */
static void sniff_describe(const unsigned char *buf, size_t len, char *out,
                           size_t sz)
{
    const unsigned char *e = buf + (len < SNIFF_HEAD ? len : SNIFF_HEAD);
    const unsigned char *s = sniff_skip_ws(buf, e);
    const char *what = NULL;
    char root[64];
    for (size_t i = 0; s < e && *s == '{' && !what &&
                       i < sizeof sniff_json / sizeof *sniff_json; i++)
        if (memmem(s, (size_t)(e - s), sniff_json[i].needle,
                   strlen(sniff_json[i].needle)))
            what = sniff_json[i].what;
    if (!what && s < e && *s == '<' && sniff_root(s, e, root, sizeof root)) {
        for (size_t i = 0; i < sizeof sniff_xml / sizeof *sniff_xml; i++)
            if (!strcmp(root, sniff_xml[i].needle))
                what = sniff_xml[i].what;
        if (!what) {
            snprintf(out, sz, "XML whose root is <%s>, none of the formats "
                              "covkit reads", root);
            return;
        }
    }
    if (what) {
        snprintf(out, sz, "%s", what);
        return;
    }
    if (s < e && (*s == '{' || *s == '[')) {
        snprintf(out, sz, "JSON that is none of the formats covkit reads");
        return;
    }
    if (memchr(buf, '\0', (size_t)(e - buf))) {
        snprintf(out, sz, "binary data that is none of the formats covkit "
                          "reads");
        return;
    }
    const unsigned char *nl = memchr(s, '\n', (size_t)(e - s));
    char q[80];
    snprintf(out, sz, "text whose first line is %s, none of the formats "
                      "covkit reads",
             prof_quote(q, sizeof q, (const char *)s,
                        (size_t)((nl ? nl : e) - s)));
}

int prof_unknown_format(const unsigned char *buf, size_t len,
                        const char *name, prof_error *err)
{
    char what[300];
    sniff_describe(buf, len, what, sizeof what);
    return prof_error_set(err, PROF_EUNKNOWN_FORMAT, name, 0,
                          "unknown input format: this is %s (use --from to "
                          "name a format; --list-formats lists them)",
                          what);
}
