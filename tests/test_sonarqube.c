/* test_sonarqube.c - unit tests of the SonarQube reader and writer. */
#include "helpers.h"

#define SQ_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* A new profile holding the SonarQube TEXT (sniffed); LOG collects the
 * warnings when not NULL. The read must succeed. */
static prof_profile *sq_of(const char *text, warn_log *log)
{
    return text_as(NULL, "in.xml", NULL, text, log);
}

/* P as SonarQube XML (in memory); LOG collects the writer's warnings. */
static char *sq_text(const prof_profile *p, warn_log *log, int *rc,
                     prof_error *err)
{
    size_t len;
    prof_write_opts o = {.warn = log ? warn_collect : NULL, .warn_ctx = log};
    return write_with(p, "sonarqube", &o, "out.xml", rc, err, &len);
}

/* P as SonarQube XML; the write must succeed. */
static char *sq_written(const prof_profile *p, warn_log *log)
{
    int rc;
    prof_error err;
    char *text = sq_text(p, log, &rc, &err);
    if (rc != 0)
        fail_msg("write failed: %s", err.msg);
    assert_non_null(text);
    return text;
}

/* ---- detection ---- */

static void test_detect(void **state)
{
    (void)state;
    const prof_format *sq = prof_format_find("sonarqube");
    const prof_format *cob = prof_format_find("cobertura");
    static const char *yes[] = {
        "<coverage version=\"1\"><file path=\"a\"/></coverage>",
        "<coverage version=\"1\"/>",
        "<coverage version='1'>\n</coverage>",
        "\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x > y -->\n<coverage "
        "version=\"1\">\n  <!-- <sources> -->\n  <file path=\"a\">",
        "<!DOCTYPE coverage><coverage version=\"7\"><?pi x?><file path='x'/>",
        "<coverage a='>' version=\"1\"><![CDATA[<sources>]]><file/>",
    };
    static const char *cobertura[] = {
        "<coverage/>",
        "<coverage line-rate=\"1\" version=\"1\"><sources/></coverage>",
        "<coverage version=\"gcovr 5.2\"><packages></packages></coverage>",
        "<coverage version=\"1\" line-rate=\"1\"><!-- <file> --><packages/>",
    };
    static const char *neither[] = {
        "<report><file path=\"a\"/></report>", "<coverages version=\"1\"/>",
        "<!-- <coverage version=\"1\"><file/> -->", "mode: set\n",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (prof_format_detect(yes[i], strlen(yes[i])) != sq)
            fail_msg("not detected as sonarqube: %s", yes[i]);
    for (size_t i = 0; i < sizeof cobertura / sizeof *cobertura; i++)
        if (prof_format_detect(cobertura[i], strlen(cobertura[i])) != cob)
            fail_msg("not detected as cobertura: %s", cobertura[i]);
    for (size_t i = 0; i < sizeof neither / sizeof *neither; i++) {
        const prof_format *f = prof_format_detect(neither[i],
                                                  strlen(neither[i]));
        if (f == sq || f == cob)
            fail_msg("wrongly detected: %s", neither[i]);
    }
}

/* ---- reader ---- */

/* testdata/sonarqube/hand.xml, checked by hand (see its README). */
static void test_read_hand(void **state)
{
    (void)state;
    size_t len, n;
    char *text = slurp("testdata/sonarqube/hand.xml", &len);
    assert_non_null(text);
    prof_profile *p = sq_of(text, NULL);
    assert_int_equal(prof_profile_nfiles(p), 3);
    const prof_block *b = blocks_of(p, "src/a.c", &n);
    static const uint32_t lines[] = {1, 2, 3, 4, 5, 6, 10};
    static const uint64_t hits[] = {1, 0, 1, 0, 1, 0, 1};
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        assert_block(&b[i], lines[i], 0, lines[i], 0, 1, hits[i]);
    const prof_branch *br = prof_file_branches(find_file(p, "src/a.c"), &n);
    /* line 3: 4 branches, 3 taken; 4: 2, none; 5: 2, none; 6: none */
    static const uint32_t bl[] = {3, 3, 3, 3, 4, 4, 5, 5};
    static const uint64_t bt[] = {1, 1, 1, 0, 0, 0, 0, 0};
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(br[i].line, bl[i]);
        assert_int_equal(br[i].block, 0);
        assert_int_equal(br[i].branch, i < 4 ? i : (i - 4) % 2);
        assert_int_equal(br[i].taken, bt[i]);
    }
    blocks_of(p, "src/b&c.c", &n); /* ./ removed, entity replaced */
    assert_int_equal(n, 0);
    b = blocks_of(p, "src/win.c", &n); /* \ made / */
    assert_int_equal(n, 1);
    assert_block(&b[0], 7, 0, 7, 0, 1, 1);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    free(text);
    prof_profile_free(p);
}

/* Damaged records: skipped or ignored, one warning per kind with the
 * count, at the first. */
static void test_read_damaged(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = sq_of(
        SQ_HEAD "<coverage version=\"1\">\n<file path=\"a.c\">\n"
                "<lineToCover lineNumber=\"1\" covered=\"true\"/>\n"
                "<lineToCover lineNumber=\"0\" covered=\"true\"/>\n"
                "<lineToCover lineNumber=\"0\" covered=\"false\"/>\n"
                "<lineToCover lineNumber=\"000\" covered=\"false\" "
                "branchesToCover=\"2\"/>\n"
                "</file></coverage>\n",
        &log);
    size_t n;
    blocks_of(p, "a.c", &n);
    assert_int_equal(n, 1);
    prof_file_branches(find_file(p, "a.c"), &n);
    assert_int_equal(n, 0);
    assert_int_equal(log.n, 1);
    assert_int_equal(log.last.line, 5);
    assert_string_equal(log.last.path, "in.xml");
    assert_contains(log.last.msg, "3 <lineToCover> with lineNumber=\"0\"");
    prof_profile_free(p);
}

/* A line listed twice (two <file> elements of one path) is merged as
 * the model merges repeated records: hits added, branches by id. */
static void test_read_repeated(void **state)
{
    (void)state;
    prof_profile *p = sq_of(
        "<coverage version=\"1\">"
        "<file path=\"a.c\"><lineToCover lineNumber=\"4\" covered=\"true\" "
        "branchesToCover=\"2\" coveredBranches=\"1\"/></file>"
        "<file path=\"./a.c\"><lineToCover lineNumber=\"4\" covered=\"true\" "
        "branchesToCover=\"4\" coveredBranches=\"2\"/></file></coverage>",
        NULL);
    size_t n;
    const prof_block *b = blocks_of(p, "a.c", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 4, 0, 4, 0, 1, 2);
    const prof_branch *br = prof_file_branches(find_file(p, "a.c"), &n);
    assert_int_equal(n, 4);
    assert_int_equal(br[0].taken, 2);
    assert_int_equal(br[1].taken, 1);
    assert_int_equal(br[2].taken, 0);
    prof_profile_free(p);
}

static void test_read_errors(void **state)
{
    (void)state;
    expect_format_error("sonarqube", "e.xml",
                        "<coverage version=\"1\">\n<file path=\"a\">\n"
                        "<lineToCover lineNumber=\"2\" covered=\"true\" "
                        "branchesToCover=\"1\" coveredBranches=\"2\"/>",
                        3, "at most branchesToCover (1)");
    expect_format_error("sonarqube", "e.xml",
                        "<coverage version=\"1\">\n<file path=\"a\">\n"
                        "<lineToCover lineNumber=\"2\" covered=\"true\" "
                        "branchesToCover=\"0\" coveredBranches=\"1\"/>",
                        3, "at most branchesToCover (0)");
    expect_format_error("sonarqube", "e.xml",
                        "<coverage version=\"1\">\n<file path=\"a\">\n\n"
                        "<lineToCover lineNumber=\"1.5\" covered=\"true\"/>",
                        4, "got \"1.5\"");
    expect_format_error("sonarqube", "e.xml", "<coverage version=\"01x\"/>",
                        1, "in <coverage version=");
    expect_format_error("sonarqube", "e.xml",
                        "<coverage version=\"1\">\n<file path=\"a\">\n"
                        "<lineToCover lineNumber=\"1\" covered=\"\"/>",
                        3, "expected true or false");
    expect_format_error("sonarqube", "e.xml",
                        "<?xml version=\"1.0\"?>\n<coverage version=\"1\">"
                        "<file path=\"a\"></coverage>",
                        2, "malformed XML");
}

/* ---- writer ---- */

/* A Go profile: a partial line is 2 branches, 1 covered; a line with only
 * a closing brace is no line. */
static void test_write_go(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "/abs/a.go:3.14,5.2 2 4\n"
                                 "/abs/a.go:7.20,8.10 1 0\n"
                                 "/abs/a.go:8.10,10.3 1 3\n");
    char *text = sq_written(p, NULL);
    assert_string_equal(
        text, SQ_HEAD "<coverage version=\"1\">\n"
                      "  <file path=\"/abs/a.go\">\n"
                      "    <lineToCover lineNumber=\"3\" covered=\"true\"/>\n"
                      "    <lineToCover lineNumber=\"4\" covered=\"true\"/>\n"
                      "    <lineToCover lineNumber=\"7\" covered=\"false\"/>\n"
                      "    <lineToCover lineNumber=\"8\" covered=\"true\" "
                      "branchesToCover=\"2\" coveredBranches=\"1\"/>\n"
                      "    <lineToCover lineNumber=\"9\" covered=\"true\"/>\n"
                      "    <lineToCover lineNumber=\"10\" covered=\"true\"/>\n"
                      "  </file>\n"
                      "</coverage>\n");
    free(text);
    prof_profile_free(p);
}

/* lcov branches: never evaluated is to cover, not covered; branches on a
 * line without DA become a line (covered when one was taken), warned;
 * a file without records is an empty <file>. */
static void test_write_branches(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = profile_of("SF:b.c\nend_of_record\n"
                                 "SF:a.c\nDA:2,5\nBRDA:2,0,0,-\n"
                                 "BRDA:2,0,1,-\nBRDA:2,1,0,3\n"
                                 "BRDA:6,0,0,0\nBRDA:6,0,1,1\n"
                                 "BRDA:7,0,0,0\nDA:9,0\nend_of_record\n");
    char *text = sq_written(p, &log);
    assert_string_equal(
        text, SQ_HEAD "<coverage version=\"1\">\n"
                      "  <file path=\"a.c\">\n"
                      "    <lineToCover lineNumber=\"2\" covered=\"true\" "
                      "branchesToCover=\"3\" coveredBranches=\"1\"/>\n"
                      "    <lineToCover lineNumber=\"6\" covered=\"true\" "
                      "branchesToCover=\"2\" coveredBranches=\"1\"/>\n"
                      "    <lineToCover lineNumber=\"7\" covered=\"false\" "
                      "branchesToCover=\"1\" coveredBranches=\"0\"/>\n"
                      "    <lineToCover lineNumber=\"9\" covered=\"false\"/>\n"
                      "  </file>\n"
                      "  <file path=\"b.c\"/>\n"
                      "</coverage>\n");
    assert_int_equal(log.n, 1);
    assert_string_equal(log.last.path, "a.c");
    assert_int_equal(log.last.line, 6);
    assert_contains(log.last.msg, "2 lines with branches but no line");
    free(text);
    prof_profile_free(p);
}

/* Paths escaped; bytes XML cannot hold as '?'; two paths that become one
 * refused; an empty profile is an empty <coverage>. */
static void test_write_paths(void **state)
{
    (void)state;
    prof_profile *p = profile_of("SF:x<&>\"'\t.c\nDA:1,1\nend_of_record\n"
                                 "SF:bad\x01.c\nDA:1,1\nend_of_record\n");
    char *text = sq_written(p, NULL);
    assert_contains(text, "<file path=\"bad?.c\">");
    assert_contains(text, "<file path=\"x&lt;&amp;&gt;&quot;'&#9;.c\">");
    free(text);
    prof_profile_free(p);
    p = profile_of("SF:a\x01.c\nDA:1,1\nend_of_record\n"
                   "SF:a?.c\nDA:2,1\nend_of_record\n");
    int rc;
    prof_error err;
    text = sq_text(p, NULL, &rc, &err);
    assert_int_equal(rc, PROF_EFORMAT);
    assert_null(text); /* nothing written */
    assert_contains(err.msg, "both become path \"a?.c\"");
    prof_profile_free(p);
    p = prof_profile_new();
    text = sq_written(p, NULL);
    assert_string_equal(text, SQ_HEAD "<coverage version=\"1\"/>\n");
    free(text);
    prof_profile_free(p);
}

/* Written and read back: the same lines (hits as 0/1), and the same
 * branch totals per line. */
static void test_roundtrip(void **state)
{
    (void)state;
    prof_profile *p = profile_of("SF:m.c\nDA:1,7\nDA:2,0\nDA:3,1\n"
                                 "BRDA:3,0,0,1\nBRDA:3,0,1,0\nBRDA:3,1,0,-\n"
                                 "end_of_record\n");
    char *text = sq_written(p, NULL);
    prof_profile *q = sq_of(text, NULL);
    prof_totals a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_int_equal(prof_file_totals(prof_profile_file(p, 0), &a), 0);
    assert_int_equal(prof_file_totals(prof_profile_file(q, 0), &b), 0);
    assert_int_equal(a.lines.found, b.lines.found);
    assert_int_equal(a.lines.hit, b.lines.hit);
    assert_int_equal(a.branches.found, 3);
    assert_int_equal(b.branches.found, 3);
    assert_int_equal(a.branches.hit, b.branches.hit);
    size_t n;
    const prof_block *bl = blocks_of(q, "m.c", &n);
    assert_int_equal(n, 3);
    assert_block(&bl[0], 1, 0, 1, 0, 1, 1);
    char *again = sq_written(q, NULL);
    assert_string_equal(text, again);
    free(again);
    free(text);
    prof_profile_free(q);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_read_hand),
        cmocka_unit_test(test_read_damaged),
        cmocka_unit_test(test_read_repeated),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_write_go),
        cmocka_unit_test(test_write_branches),
        cmocka_unit_test(test_write_paths),
        cmocka_unit_test(test_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
