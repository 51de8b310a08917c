/* test_json.c - covkit JSON: exact counts, names, suites, family, errors. */
#include "helpers.h"

/* A hand-written document: keys in another order than the writer's (only
 * "covkit" must come first), Python-style \u escapes, a raw-byte escape,
 * the largest count, a never-evaluated and a taken branch, two suites. */
static const char hand[] =
    "{\"covkit\": 1, \"inputs\": [\"u.info\", \"s.info\"],\n"
    " \"suites\": [\"unit\", \"sys\"], \"family\": \"line\",\n"
    " \"mode\": \"count\", \"files\": [\n"
    " {\"blocks\": [\n"
    "   {\"hits\": 18446744073709551615, \"stmts\": 1, \"start_line\": 4,"
    " \"end_line\": 4, \"start_col\": 0, \"end_col\": 0,"
    " \"suites\": [1, 0], \"input\": 1, \"line\": 12},\n"
    "   {\"start_line\": 2, \"start_col\": 0, \"end_line\": 2,"
    " \"end_col\": 0, \"stmts\": 1, \"hits\": 0}],\n"
    "  \"path\": \"src/caf\\u00e9\\udcff.c\",\n"
    "  \"functions\": [{\"name\": \"f\\ud83d\\ude00\", \"start_line\": 2,"
    " \"hits\": 3, \"suites\": [0]}],\n"
    "  \"branches\": [{\"line\": 4, \"block\": 0, \"branch\": 0,"
    " \"taken\": null}, {\"line\": 4, \"block\": 0, \"branch\": 1,"
    " \"taken\": 18446744073709551614, \"suites\": [1]}]}]}\n";

static prof_profile *read_json(const char *text, const char *label)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    if (prof_read_buffer(p, text, strlen(text), "hand.json", label, NULL,
                         &err) != 0)
        fail_msg("read failed: %s:%lu: %s", err.path, err.line, err.msg);
    return p;
}

static void test_hand_document(void **state)
{
    (void)state;
    prof_profile *p = read_json(hand, "ignored");
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    assert_ptr_equal(prof_profile_native_format(p), prof_format_find("lcov"));
    assert_int_equal(prof_profile_nsuites(p), 2);
    assert_string_equal(prof_profile_suite(p, 0), "unit");
    assert_string_equal(prof_profile_suite(p, 1), "sys");
    assert_int_equal(prof_profile_ninputs(p), 2);
    assert_string_equal(prof_profile_input(p, 1), "s.info");
    size_t n;
    const prof_block *b = blocks_of(p, "src/caf\xc3\xa9\xff.c", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 2, 0, 2, 0, 1, 0);
    assert_block(&b[1], 4, 0, 4, 0, 1, UINT64_MAX);
    assert_int_equal(b[1].input, 1);
    assert_int_equal(b[1].line, 12);
    assert_true(prof_suites_has(p, b[1].suites, 0));
    assert_true(prof_suites_has(p, b[1].suites, 1));
    assert_false(prof_suites_has(p, b[0].suites, 0));
    const prof_function *fn =
        prof_file_functions(find_file(p, "src/caf\xc3\xa9\xff.c"), &n);
    assert_int_equal(n, 1);
    assert_string_equal(fn[0].name, "f\xf0\x9f\x98\x80");
    assert_int_equal(fn[0].hits, 3);
    const prof_branch *br =
        prof_file_branches(find_file(p, "src/caf\xc3\xa9\xff.c"), &n);
    assert_int_equal(n, 2);
    assert_true(br[0].taken == PROF_NOT_EVALUATED);
    assert_true(br[1].taken == UINT64_MAX - 1);
    assert_true(prof_suites_has(p, br[1].suites, 1));
    assert_false(prof_suites_has(p, br[1].suites, 0));
    prof_profile_free(p);
}

/* The writer gives the escapes back: raw UTF-8, \udcXX for the byte that
 * is not UTF-8, and every count digit for digit. */
static void test_write_exact(void **state)
{
    (void)state;
    prof_profile *p = read_json(hand, NULL);
    size_t len;
    char *out = write_text(p, "json", &len);
    assert_contains(out, "\"path\": \"src/caf\xc3\xa9\\udcff.c\"");
    assert_contains(out, "\"hits\": 18446744073709551615");
    assert_contains(out, "\"taken\": 18446744073709551614");
    assert_contains(out, "\"taken\": null");
    assert_contains(out, "\"suites\": [0, 1], \"input\": 1, \"line\": 12}");
    assert_contains(out, "\"name\": \"f\xf0\x9f\x98\x80\"");
    /* and reads back to the same bytes */
    prof_profile *q = read_json(out, NULL);
    char *again = write_text(q, "json", &len);
    assert_string_equal(out, again);
    free(again);
    free(out);
    prof_profile_free(q);
    prof_profile_free(p);
}

/* Merged after another input, the document's suites and inputs are
 * appended and its suite sets remapped to the profile's indexes. */
static void test_merge_remaps_suites(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_error err;
    assert_int_equal(read_text(p, "TN:\nSF:src/other.c\nDA:1,1\n"
                                  "end_of_record\n",
                               "x.info", "sys", &err),
                     0);
    assert_int_equal(prof_read_buffer(p, hand, strlen(hand), "hand.json",
                                      NULL, NULL, &err),
                     0);
    assert_int_equal(prof_profile_nsuites(p), 2);
    assert_string_equal(prof_profile_suite(p, 0), "sys");
    assert_string_equal(prof_profile_suite(p, 1), "unit");
    assert_int_equal(prof_profile_ninputs(p), 3);
    size_t n;
    const prof_block *b = blocks_of(p, "src/caf\xc3\xa9\xff.c", &n);
    assert_int_equal(b[1].input, 2); /* s.info, after x.info */
    const prof_branch *br =
        prof_file_branches(find_file(p, "src/caf\xc3\xa9\xff.c"), &n);
    assert_true(prof_suites_has(p, br[1].suites, 0)); /* doc's "sys" */
    assert_false(prof_suites_has(p, br[1].suites, 1));
    assert_ptr_equal(prof_profile_native_format(p), prof_format_find("lcov"));
    prof_profile_free(p);
}

/* A Go document counts as Go: merged with a line input the family is
 * mixed; with a Go text profile it stays Go. */
static void test_family(void **state)
{
    (void)state;
    static const char go_doc[] =
        "{\"covkit\": 1, \"mode\": \"set\", \"family\": \"go\","
        " \"suites\": [], \"inputs\": [], \"files\": []}";
    prof_profile *p = read_json(go_doc, NULL);
    assert_ptr_equal(prof_profile_native_format(p), prof_format_find("go"));
    prof_error err;
    assert_int_equal(read_text(p, "mode: set\na.go:1.1,2.2 1 1\n", "a.out",
                               NULL, &err),
                     0);
    assert_ptr_equal(prof_profile_native_format(p), prof_format_find("go"));
    assert_int_equal(read_text(p, "SF:b.c\nDA:1,1\nend_of_record\n",
                               "b.info", NULL, &err),
                     0);
    assert_null(prof_profile_native_format(p));
    prof_profile_free(p);
}

static void test_errors(void **state)
{
    (void)state;
    expect_format_error("json", "x.json", "{\"covkit\": 3}", 1,
                        "unsupported covkit JSON version 3");
    expect_format_error("json", "x.json",
                        "{\"covkit\": 1,\n\"mode\": \"count\",\n"
                        "\"family\": \"go\",\n\"suites\": [],\n"
                        "\"inputs\": [\"a\"],\n\"files\": [{\"path\": \"a\","
                        "\n\"blocks\": [{\"start_line\": 1, \"start_col\": 1,"
                        " \"end_line\": 1, \"end_col\": 2, \"stmts\": 1,"
                        " \"hits\": 99999999999999999999}],\n"
                        "\"functions\": [], \"branches\": []}]}",
                        7, "\"hits\" is out of range");
    expect_format_error("json", "x.json", "{\"covkit\": 1, \"mode\": 1}", 1,
                        "expected a string for \"mode\", got \"1\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_document),
        cmocka_unit_test(test_write_exact),
        cmocka_unit_test(test_merge_remaps_suites),
        cmocka_unit_test(test_family),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
