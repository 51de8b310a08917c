/* test_cobertura.c - unit tests of the Cobertura XML reader and writer. */
#include "helpers.h"

#include <time.h>

#define TD "testdata/cobertura/"

/* Read BUF (LEN bytes) as Cobertura into P; returns the status. */
static int cob_read(prof_profile *p, const char *buf, size_t len,
                    prof_error *err)
{
    memset(err, 0, sizeof *err);
    return prof_read_buffer(p, buf, len, "in.xml", NULL,
                            prof_format_find("cobertura"), err);
}

/* A new profile holding the Cobertura TEXT; the read must succeed. */
static prof_profile *cob_of(const char *text, warn_log *log)
{
    return text_as("cobertura", "in.xml", NULL, text, log);
}

/* Reading TEXT must fail with CODE at LINE, the message holding NEEDLE. */
static void expect_error(const char *text, int code, unsigned long line,
                         const char *needle)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    int rc = cob_read(p, text, strlen(text), &err);
    if (rc != code)
        fail_msg("expected error %d, got %d (%s) for %s", code, rc, err.msg,
                 text);
    assert_int_equal(err.line, line);
    assert_string_equal(err.path, "in.xml");
    assert_contains(err.msg, needle);
    prof_profile_free(p);
}

/* P written as Cobertura to DIR/NAME with SOURCE and SPLIT; returns the
 * status and the content of the file (NULL if none). */
static char *cob_write(const prof_profile *p, const char *dir,
                       const char *name, const char *source, uint64_t split,
                       int *rc, prof_error *err)
{
    char path[700];
    size_t len;
    prof_write_opts o = {.lcov_version = 1, .split_size = split,
                         .source_root = source};
    snprintf(path, sizeof path, "%s/%s", dir, name);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    memset(err, 0, sizeof *err);
    *rc = prof_write_file_opts(p, path, prof_format_find("cobertura"), &o,
                               err);
    return slurp(path, &len);
}

/* P as a Cobertura report (in memory) with <source> SOURCE. */
static char *cob_text(const prof_profile *p, const char *source)
{
    prof_write_opts o = {.lcov_version = 1, .source_root = source};
    size_t len;
    int rc;
    prof_error err;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    char *text = write_with(p, "cobertura", &o, "out.xml", &rc, &err, &len);
    if (rc != 0)
        fail_msg("write failed: %s: %s", err.path, err.msg);
    assert_non_null(text);
    return text;
}

/* The number in attribute NAME="..." of the first element holding it. */
static unsigned long long attr_num(const char *xml, const char *name)
{
    char pat[64];
    snprintf(pat, sizeof pat, " %s=\"", name);
    const char *at = strstr(xml, pat);
    if (!at)
        fail_msg("no attribute %s", name);
    return strtoull(at + strlen(pat), NULL, 10);
}

#define assert_line(b, l, hit) assert_block((b), (l), 0, (l), 0, 1, (hit))

/* ---- detect ---- */

static void test_detect(void **state)
{
    (void)state;
    const prof_format *cob = prof_format_find("cobertura");
    static const char *yes[] = {
        "<coverage/>",
        "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<coverage line-rate=\"1\">",
        "<?xml version='1.0'?>\r\n<!-- a > comment -->\n<!DOCTYPE coverage "
        "SYSTEM 'x.dtd' [ <!ATTLIST coverage a CDATA \"]>\"> ]>\n<coverage>",
        "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/"
        "coverage-04.dtd\"><coverage\n>",
    };
    static const char *no[] = {
        "", "<report name=\"jacoco\"/>", "<coverages/>", "mode: set\n",
        "<?xml version=\"1.0\"?><!-- <coverage> -->", "SF:a.c\n<coverage>",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (prof_format_detect(yes[i], strlen(yes[i])) != cob)
            fail_msg("not detected: %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (prof_format_detect(no[i], strlen(no[i])) == cob)
            fail_msg("wrongly detected: %s", no[i]);
}

/* ---- reader ---- */

/* testdata/cobertura/hand.xml, checked by hand: two classes of one file
 * (max per line), methods, both condition styles, oddities. */
static void test_read_hand(void **state)
{
    (void)state;
    size_t len, n;
    char *text = slurp(TD "hand.xml", &len);
    assert_non_null(text);
    warn_log log = {0};
    prof_profile *p = cob_of(text, &log);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    assert_int_equal(prof_profile_nfiles(p), 2);
    /* one warning per kind: number="undefined", hits="3.0", no hits */
    assert_int_equal(log.n, 3);
    assert_int_equal(log.last.line, 63);

    const prof_block *b = blocks_of(p, "lib/util.c", &n);
    assert_int_equal(n, 5);
    assert_line(&b[0], 3, 5);
    assert_line(&b[1], 4, 5);
    assert_line(&b[2], 5, 2); /* 0 and 2 in two classes: the max */
    assert_line(&b[3], 10, 0);
    assert_line(&b[4], 11, 1);
    const prof_file *f = find_file(p, "lib/util.c");
    const prof_branch *br = prof_file_branches(f, &n);
    assert_int_equal(n, 4); /* line 4: (1/2); line 11: two conditions */
    assert_int_equal(br[0].line, 4);
    assert_int_equal(br[0].taken, 1);
    assert_int_equal(br[1].taken, 0);
    assert_int_equal(br[2].line, 11); /* coverage="0" and "1" */
    assert_int_equal(br[2].taken + br[3].taken, 1);
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 2);
    assert_string_equal(fn[0].name, "util_init");
    assert_int_equal(fn[0].start_line, 3);
    assert_int_equal(fn[0].end_line, 4);
    assert_int_equal(fn[0].hits, 5);
    assert_string_equal(fn[1].name, "util_free");
    assert_int_equal(fn[1].start_line, 10);
    assert_int_equal(fn[1].end_line, 11);
    assert_int_equal(fn[1].hits, 0);

    b = blocks_of(p, "main.c", &n);
    assert_int_equal(n, 5);
    assert_line(&b[1], 2, 12345678901234ull);
    assert_line(&b[2], 7, 3); /* "3.0" */
    assert_line(&b[3], 8, 0); /* no hits */
    br = prof_file_branches(find_file(p, "main.c"), &n);
    assert_int_equal(n, 3); /* 66% (2/3) */
    assert_int_equal(br[0].taken + br[1].taken + br[2].taken, 2);
    prof_profile_free(p);
    free(text);
}

/* Lines of <method>s are not counted again as lines of the class. */
static void test_read_method_lines_not_doubled(void **state)
{
    (void)state;
    size_t n;
    prof_profile *p = cob_of(
        "<coverage><packages><package name=\"p\"><classes>"
        "<class name=\"T\" filename=\"p/t.go\"><methods>"
        "<method name=\"Get\" signature=\"\"><lines>"
        "<line number=\"5\" hits=\"7\"/><line number=\"6\" hits=\"0\"/>"
        "</lines></method><method name=\"Empty\" signature=\"\"/>"
        "</methods><lines>"
        "<line number=\"5\" hits=\"7\"/><line number=\"6\" hits=\"0\"/>"
        "</lines></class></classes></package></packages></coverage>",
        NULL);
    const prof_block *b = blocks_of(p, "p/t.go", &n);
    assert_int_equal(n, 2);
    assert_line(&b[0], 5, 7);
    assert_line(&b[1], 6, 0);
    const prof_function *fn =
        prof_file_functions(find_file(p, "p/t.go"), &n);
    assert_int_equal(n, 1); /* a method without lines has no position */
    assert_string_equal(fn[0].name, "Get");
    assert_int_equal(fn[0].hits, 7);
    prof_profile_free(p);
}

/* The reading policy (covkit-formats(5)) in Cobertura: line 0 and a
 * fraction skip a line; hits missing, empty, negative or NaN are 0; a
 * decimal or exponent form is the integer; a class without a filename and
 * a method without a name are skipped; one warning per kind, in the order
 * their first records came. Strict reading refuses the first. */
static void test_read_damaged(void **state)
{
    (void)state;
    static const char text[] =
        "<?xml version=\"1.0\"?>\n<coverage>\n<packages><package><classes>\n"
        "<class filename=\"a.c\"><methods>\n"
        "<method name=\"\"><lines><line number=\"3\" hits=\"2\"/></lines>"
        "</method></methods><lines>\n"      /* 5 */
        "<line number=\"0\" hits=\"1\"/>\n"     /* 6 */
        "<line number=\"2\" hits=\"\"/>\n"       /* 7 */
        "<line number=\"3\" hits=\"1.0E7\"/>\n"  /* 8 */
        "<line number=\"4\" hits=\"-1\"/>\n"     /* 9 */
        "<line number=\"5\" hits=\"2.5\"/>\n"    /* 10 */
        "<line number=\"6\" hits=\"NaN\"/>\n"    /* 11 */
        "</lines></class>\n"
        "<class filename=\"\"><lines><line number=\"1\" hits=\"1\"/>"
        "</lines></class>\n"                     /* 13 */
        "</classes></package></packages></coverage>\n";
    warn_all log = {0};
    prof_profile *p = prof_profile_new();
    prof_error err;
    prof_profile_set_warn(p, warn_keep, &log);
    assert_int_equal(prof_read_buffer(p, text, strlen(text), "d.xml", NULL,
                                      prof_format_find("cobertura"), &err),
                     0);
    size_t n;
    const prof_block *b = blocks_of(p, "a.c", &n);
    assert_int_equal(n, 4);
    assert_line(&b[0], 2, 0);
    assert_line(&b[1], 3, 10000000);
    assert_line(&b[2], 4, 0);
    assert_line(&b[3], 6, 0);
    prof_file_functions(find_file(p, "a.c"), &n);
    assert_int_equal(n, 0);
    static const want_warn want[] = {
        {5, "skipped 1 function with an empty name (<method>; the first "
            "here)"},
        {6, "skipped 1 record at line 0 (<line>; the first here)"},
        {7, "read 1 line without a count as 0 hits (<line>; the first "
            "here)"},
        {8, "read 1 whole count in decimal or exponent form as integers "
            "(<line>; the first here)"},
        {9, "read 1 negative count as 0 (<line>; the first here)"},
        {10, "skipped 1 record whose count is not a whole number (<line>; "
            "the first here)"},
        {11, "read 1 count that is not a number (NaN) as 0 (<line>; the "
             "first here)"},
        {13, "skipped 1 section without a file path, records and all "
             "(<class>; the first here)"},
    };
    assert_warnings(&log, want, 8);
    prof_profile_free(p);
    p = prof_profile_new();
    prof_profile_set_strict(p, 1);
    assert_int_equal(prof_read_buffer(p, text, strlen(text), "d.xml", NULL,
                                      prof_format_find("cobertura"), &err),
                     PROF_EFORMAT);
    assert_int_equal(err.line, 5);
    assert_string_equal(err.msg, "a function with an empty name (<method>), "
                                 "refused by strict reading");
    prof_profile_free(p);
}

static void test_read_errors(void **state)
{
    (void)state;
#define CLS(x)                                                                 \
    "<?xml version=\"1.0\"?>\n<coverage>\n<packages><package><classes>\n"      \
    "<class filename=\"a.c\"><methods/><lines>\n" x                           \
    "\n</lines></class></classes></package></packages></coverage>\n"
    expect_error(CLS("<line number=\"1\" hits=\"1\"/>\n<line number=\"2x\" "
                     "hits=\"1\"/>"),
                 PROF_EFORMAT, 6, "expected a line number >= 1 in <line "
                                  "number=\"...\">, got \"2x\"");
    expect_error(CLS("<line number=\"2\" hits=\"lots\"/>"), PROF_EFORMAT, 5,
                 "expected a count in <line hits=\"...\">, got \"lots\"");
    expect_error(CLS("<line number=\"2\" hits=\"1\" condition-coverage=\"50% "
                     "(1/x)\"/>"),
                 PROF_EFORMAT, 5, "(covered/total)");
    expect_error("<?xml version=\"1.0\"?>\n<report/>\n", PROF_EFORMAT, 2,
                 "expected the root element <coverage>, got <report>: this "
                 "is JaCoCo XML (<report>), not Cobertura");
    expect_error("<?xml version=\"1.0\"?>\n<coverage version=\"1\">\n"
                 "<file path=\"a.c\"><lineToCover lineNumber=\"2\" "
                 "covered=\"true\"/></file></coverage>\n",
                 PROF_EFORMAT, 3,
                 "expected <sources> or <packages> in <coverage>, got "
                 "<file>: this is SonarQube generic coverage XML");
    expect_error("<coverage clover=\"4.4.1\" generated=\"1\">\n"
                 "<project timestamp=\"1\"/></coverage>\n", PROF_EFORMAT,
                 2, "got <project>: this is Clover XML (<coverage> of "
                    "<project>), not Cobertura");
    expect_error("<coverage>\n<packages>\n</coverage>\n", PROF_EFORMAT, 3,
                 "malformed XML: Opening and ending tag mismatch");
    expect_error("<coverage>\n<line number=\"1\" hits=\"1\"/></coverage>",
                 PROF_EFORMAT, 2, "expected <line> inside a <class>");
    expect_error("<?xml version=\"1.0\"?>\n<!-- only a comment -->\n",
                 PROF_EFORMAT, 3, "malformed XML: ");
#undef CLS
}

/* XXE: a report naming a local file in an entity must fail, and the
 * file's content must never reach the profile or the message. */
static void test_xxe_never_leaks(void **state)
{
    (void)state;
    char *dir = temp_dir(), secret[700], doc[2048];
    snprintf(secret, sizeof secret, "%s/secret.txt", dir);
    FILE *fp = fopen(secret, "w");
    assert_non_null(fp);
    fputs("TOP-SECRET-42\n", fp);
    fclose(fp);
    static const char *const uses[] = {
        "<class filename=\"&x;\"><methods/><lines/></class>",
        "<class filename=\"a.c\">&x;<methods/><lines/></class>",
    };
    for (int pe = 0; pe < 2; pe++)
        for (size_t i = 0; i < 2; i++) {
            snprintf(doc, sizeof doc,
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE coverage [\n"
                     "<!ENTITY %sx SYSTEM \"file://%s\">%s]>\n"
                     "<coverage><packages><package><classes>%s"
                     "</classes></package></packages></coverage>\n",
                     pe ? "% " : "", secret, pe ? "%x;" : "", uses[i]);
            prof_profile *p = prof_profile_new();
            prof_error err;
            assert_int_equal(cob_read(p, doc, strlen(doc), &err),
                             PROF_EFORMAT);
            if (strstr(err.msg, "SECRET"))
                fail_msg("leaked: %s", err.msg);
            for (size_t k = 0; k < prof_profile_nfiles(p); k++)
                assert_null(strstr(prof_file_path(prof_profile_file(p, k)),
                                   "SECRET"));
            prof_profile_free(p);
        }
    assert_int_equal(unlink(secret), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

/* Billion laughs: refused (never expanded), and fast. */
static void test_entity_bomb(void **state)
{
    (void)state;
    char doc[8192];
    size_t o = (size_t)snprintf(doc, sizeof doc,
                                "<?xml version=\"1.0\"?>\n<!DOCTYPE coverage "
                                "[\n<!ENTITY e0 \"lol\">\n");
    for (int i = 1; i < 10; i++) {
        o += (size_t)snprintf(doc + o, sizeof doc - o, "<!ENTITY e%d \"", i);
        for (int k = 0; k < 10; k++)
            o += (size_t)snprintf(doc + o, sizeof doc - o, "&e%d;", i - 1);
        o += (size_t)snprintf(doc + o, sizeof doc - o, "\">\n");
    }
    /* padding: the first node comes back before the reference is parsed */
    o += (size_t)snprintf(doc + o, sizeof doc - o, "]>\n<coverage>\n<!--");
    memset(doc + o, '.', 3000);
    o += 3000;
    snprintf(doc + o, sizeof doc - o,
             "-->\n<packages><package name=\"&e9;\"/></packages>"
             "</coverage>\n");
    clock_t t0 = clock();
    expect_error(doc, PROF_EFORMAT, 3,
                 "the DOCTYPE declares entities (<!ENTITY>), which are "
                 "refused");
    /* without padding libxml2's own loop detection stops it */
    char *small = strstr(doc, "<!--");
    memmove(small, strstr(small, "-->") + 3, strlen(strstr(small, "-->") + 3)
                                                 + 1);
    prof_profile *p = prof_profile_new();
    prof_error err;
    assert_int_equal(cob_read(p, doc, strlen(doc), &err), PROF_EFORMAT);
    prof_profile_free(p);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

/* The real gcovr report of zlib: line totals as gcovr's summary gives
 * them (TOTAL 3953 2229), per file as well. */
static void test_read_gcovr(void **state)
{
    (void)state;
    prof_profile *p = file_as(TD "zlib-A.gcovr.xml.gz", NULL);
    size_t len, files = 0;
    char *sum = slurp(TD "zlib-A.gcovr-summary.txt", &len);
    assert_non_null(sum);
    unsigned long tl = 0, th = 0;
    for (char *l = strtok(sum, "\n"); l; l = strtok(NULL, "\n")) {
        char name[128];
        unsigned long nl, nh;
        if (sscanf(l, "%127s %lu %lu", name, &nl, &nh) != 3)
            continue;
        if (!strcmp(name, "TOTAL")) {
            assert_int_equal(tl, nl);
            assert_int_equal(th, nh);
            assert_int_equal(nl, 3953);
            assert_int_equal(nh, 2229);
            continue;
        }
        prof_line *lines;
        size_t n, hit = 0;
        const prof_file *f = find_file(p, name);
        if (!f)
            fail_msg("no %s", name);
        assert_int_equal(prof_file_lines(f, &lines, &n), 0);
        for (size_t i = 0; i < n; i++)
            hit += lines[i].hits > 0;
        free(lines);
        if (n != nl || hit != nh)
            fail_msg("%s: %zu/%zu lines, gcovr says %lu/%lu", name, hit, n,
                     nh, nl);
        tl += nl;
        th += nh;
        files++;
    }
    assert_int_equal(files, prof_profile_nfiles(p));
    free(sum);
    prof_profile_free(p);
}

/* ---- writer ---- */

static void test_write_golden(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {TD "go-small.out", "/src", TD "go-small.expected.xml"},
        {TD "hand.xml", "/home/ci/src", TD "hand.expected.xml"},
    };
    for (size_t i = 0; i < 2; i++) {
        prof_profile *p = file_as(cases[i][0], NULL);
        char *got = cob_text(p, cases[i][1]);
        size_t len;
        char *want = slurp(cases[i][2], &len);
        assert_non_null(want);
        assert_string_equal(got, want);
        free(got);
        free(want);
        prof_profile_free(p);
    }
}

/* Totals of the sample, as computed independently from the Go blocks
 * with the rule of DESIGN.md (a Python script, see the README). */
static void test_write_totals(void **state)
{
    (void)state;
    prof_profile *p = file_as("testdata/sample/unit.out", NULL);
    char *x = cob_text(p, "/src");
    assert_int_equal(attr_num(x, "lines-valid"), 1106);
    assert_int_equal(attr_num(x, "lines-covered"), 1066);
    assert_int_equal(attr_num(x, "branches-valid"), 18);
    assert_int_equal(attr_num(x, "branches-covered"), 9);
    assert_contains(x, "<coverage line-rate=\"0.963833\" branch-rate=\"0.5\"");
    assert_contains(x, "timestamp=\"1700000000\"");
    free(x);
    prof_profile_free(p);
}

/* Go -> Cobertura -> model keeps every line's hits; partial lines come
 * back as one of two conditions taken. */
static void test_roundtrip_lines(void **state)
{
    (void)state;
    prof_profile *p = file_as("testdata/sample/unit.out", NULL);
    char *x = cob_text(p, "/src");
    prof_profile *q = cob_of(x, NULL);
    assert_int_equal(prof_profile_nfiles(q), prof_profile_nfiles(p));
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        const prof_file *a = prof_profile_file(p, i);
        const prof_file *b = prof_profile_file(q, i);
        assert_string_equal(prof_file_path(a), prof_file_path(b));
        prof_line *la, *lb;
        size_t na, nb, nbr, bi = 0;
        assert_int_equal(prof_file_lines(a, &la, &na), 0);
        assert_int_equal(prof_file_lines(b, &lb, &nb), 0);
        assert_int_equal(na, nb);
        const prof_branch *br = prof_file_branches(b, &nbr);
        for (size_t k = 0; k < na; k++) {
            assert_int_equal(la[k].line, lb[k].line);
            assert_int_equal(la[k].hits, lb[k].hits);
            if (!la[k].partial)
                continue;
            assert_true(bi + 1 < nbr);
            assert_int_equal(br[bi].line, la[k].line);
            assert_int_equal(br[bi].taken + br[bi + 1].taken, 1);
            bi += 2;
        }
        assert_int_equal(bi, nbr);
        free(la);
        free(lb);
    }
    free(x);
    prof_profile_free(q);
    prof_profile_free(p);
}

/* <source> is absolute (made so lexically), rates keep '.', names are
 * escaped and bytes XML cannot hold become '?'. */
static void test_write_source_and_names(void **state)
{
    (void)state;
    char cwd[4096], want[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    prof_profile *p = profile_of("mode: set\n"
                                 "/abs/x.go:1.1,1.5 1 1\n"
                                 "/abs/x.go:2.1,2.5 1 0\n"
                                 "/abs/x.go:3.1,3.5 1 0\n"
                                 "a&b/<c>\"q\"\x01\xff.c:1.1,1.2 1 1\n");
    char *x = cob_text(p, "rel/./x/../y/");
    snprintf(want, sizeof want, "<source>%s/rel/y</source>", cwd);
    assert_contains(x, want);
    assert_contains(x, "filename=\"a&amp;b/&lt;c&gt;&quot;q&quot;??.c\"");
    assert_contains(x, "<class name=\"abs.x\" filename=\"/abs/x.go\" "
                       "line-rate=\"0.333333\" branch-rate=\"1\"");
    prof_profile *q = cob_of(x, NULL); /* well-formed */
    assert_non_null(find_file(q, "a&b/<c>\"q\"??.c"));
    prof_profile_free(q);
    free(x);
    x = cob_text(p, "/abs");
    assert_contains(x, "<class name=\"x\" filename=\"x.go\"");
    free(x);
    prof_profile_free(p);
}

/* --split-size: parts OUT, OUT-2.xml, ... each within the size and
 * complete; together they hold every line; stale parts are removed. */
static void test_split(void **state)
{
    (void)state;
    prof_profile *p = file_as("testdata/sample/unit.out", NULL);
    char *dir = temp_dir(), path[800];
    int rc;
    prof_error err;
    snprintf(path, sizeof path, "%s/cov-9.xml", dir);
    FILE *fp = fopen(path, "w"); /* not next after the parts: kept */
    assert_non_null(fp);
    fclose(fp);
    char *x = cob_write(p, dir, "cov-3.xml", "/s", 1000, &rc, &err);
    assert_int_equal(rc, PROF_EINVAL);
    assert_null(x);
    x = cob_write(p, dir, "cov.xml", "/s", 43008, &rc, &err);
    assert_int_equal(rc, 0);
    unsigned long long lines = 0;
    size_t k;
    for (k = 1;; k++) {
        size_t len;
        char *part = x;
        if (k > 1) {
            snprintf(path, sizeof path, "%s/cov-%zu.xml", dir, k);
            part = slurp(path, &len);
            if (!part)
                break;
        } else {
            len = strlen(x);
        }
        assert_true(len <= 43008);
        assert_contains(part, "</coverage>\n");
        lines += attr_num(part, "lines-valid");
        prof_profile_free(cob_of(part, NULL));
        free(part);
    }
    assert_int_equal(k - 1, 3);
    assert_int_equal(lines, 1106);
    x = cob_write(p, dir, "cov.xml", "/s", 61440, &rc, &err);
    assert_int_equal(rc, 0);
    free(x);
    snprintf(path, sizeof path, "%s/cov-3.xml", dir);
    assert_int_not_equal(access(path, F_OK), 0); /* stale part removed */
    static const char *const left[] = {"cov.xml", "cov-2.xml", "cov-9.xml"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, left[i]);
        assert_int_equal(unlink(path), 0);
    }
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_read_hand),
        cmocka_unit_test(test_read_method_lines_not_doubled),
        cmocka_unit_test(test_read_damaged),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_xxe_never_leaks),
        cmocka_unit_test(test_entity_bomb),
        cmocka_unit_test(test_read_gcovr),
        cmocka_unit_test(test_write_golden),
        cmocka_unit_test(test_write_totals),
        cmocka_unit_test(test_roundtrip_lines),
        cmocka_unit_test(test_write_source_and_names),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
