/* test_gcovjson.c - unit tests of the gcov JSON reader, checked with lcov. */
#include "helpers.h"

/* Run from the top of the tree (make test does). */
#define TD "testdata/gcov-json/"

static const prof_format *gj(void)
{
    const prof_format *f = prof_format_find("gcov-json");
    assert_non_null(f);
    return f;
}

/* TEXT read as gcov-json under label "t"; warnings go to LOG if given. */
static prof_profile *gj_of(const char *text, warn_log *log)
{
    return text_as("gcov-json", "t.json", "t", text, log);
}

/* Offset of the first TOKEN in TEXT (NULL: the end of TEXT). */
static size_t at_of(const char *text, const char *token)
{
    const char *p = token ? strstr(text, token) : text + strlen(text);
    if (!p)
        fail_msg("no %s in %s", token, text);
    return (size_t)(p - text);
}

/* Reading TEXT must fail with PROF_EFORMAT and the message "column C: MSG"
 * on line L, where L and C (in bytes, from 1) are those of offset AT. */
static void expect_error_at(const char *text, size_t at, const char *msg)
{
    unsigned long line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < at; i++)
        if (text[i] == '\n') {
            line++;
            bol = i + 1;
        }
    char want[300];
    snprintf(want, sizeof want, "column %zu: %s", at - bol + 1, msg);
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(p, text, strlen(text), "bad.json", NULL, gj(),
                              &err);
    if (rc != PROF_EFORMAT)
        fail_msg("expected a format error, got %d (%s)", rc, err.msg);
    assert_string_equal(err.path, "bad.json");
    assert_string_equal(err.msg, want);
    assert_int_equal(err.line, line);
    prof_profile_free(p);
}

/* TEXT fails at the first TOKEN (NULL: at its end) with "column C: MSG". */
#define expect_error_tok(text, token, msg)                                     \
    expect_error_at((text), at_of((text), (token)), (msg))

#define HEAD "{\"gcc_version\":\"12.2.0\",\"format_version\":\"1\","

static const prof_branch *branches_of(const prof_profile *p, const char *path,
                                      size_t *n)
{
    const prof_file *f = find_file(p, path);
    if (!f)
        fail_msg("no file %s in the profile", path);
    return prof_file_branches(f, n);
}

#define assert_branch(br, l, bl, b, t)                                         \
    do {                                                                       \
        const prof_branch *br_ = (br);                                         \
        assert_int_equal(br_->line, (l));                                      \
        assert_int_equal(br_->block, (bl));                                    \
        assert_int_equal(br_->branch, (b));                                    \
        assert_int_equal(br_->taken, (uint64_t)(t));                           \
    } while (0)

/* The only block of PATH in P, checked: whole line LINE with HITS. */
static const prof_block *only_line(const prof_profile *p, const char *path,
                                   uint32_t line, uint64_t hits)
{
    size_t n;
    const prof_block *b = blocks_of(p, path, &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], line, 0, line, 0, 1, hits);
    return b;
}

/* ---- what is read ---- */

static const char v1_doc[] =
    HEAD "\"current_working_directory\":\"/src/proj\",\"data_file\":\"t.gcda\","
    "\"files\":[{\"file\":\"t.c\",\"functions\":["
    "{\"name\":\"f\",\"demangled_name\":\"f\",\"start_line\":3,"
    "\"start_column\":12,\"end_line\":7,\"end_column\":1,\"blocks\":5,"
    "\"blocks_executed\":5,\"execution_count\":5},"
    "{\"name\":\"never\",\"demangled_name\":\"never\",\"start_line\":9,"
    "\"start_column\":6,\"end_line\":11,\"end_column\":1,\"blocks\":2,"
    "\"blocks_executed\":0,\"execution_count\":0}],"
    "\"lines\":[{\"line_number\":4,\"count\":5,\"unexecuted_block\":false,"
    "\"function_name\":\"f\",\"branches\":["
    "{\"count\":2,\"fallthrough\":true,\"throw\":false},"
    "{\"count\":3,\"fallthrough\":false,\"throw\":false}]},"
    "{\"line_number\":10,\"count\":0,\"unexecuted_block\":true,"
    "\"function_name\":\"never\",\"branches\":["
    "{\"count\":0,\"fallthrough\":true,\"throw\":false},"
    "{\"count\":0,\"fallthrough\":false,\"throw\":true}]}]}]}";

static void test_v1_document(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = gj_of(v1_doc, &log);
    assert_int_equal(log.n, 0);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    assert_int_equal(prof_profile_nfiles(p), 1);
    size_t n;
    const prof_block *b = blocks_of(p, "/src/proj/t.c", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 4, 0, 4, 0, 1, 5);
    assert_block(&b[1], 10, 0, 10, 0, 1, 0);
    assert_true(prof_suites_has(p, b[0].suites, 0));
    assert_int_equal(b[1].suites, 0);

    const prof_file *f = find_file(p, "/src/proj/t.c");
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 2);
    assert_string_equal(fn[0].name, "f");
    assert_int_equal(fn[0].start_line, 3);
    assert_int_equal(fn[0].start_col, 12);
    assert_int_equal(fn[0].end_line, 7);
    assert_int_equal(fn[0].end_col, 1);
    assert_int_equal(fn[0].hits, 5);
    assert_true(prof_suites_has(p, fn[0].suites, 0));
    assert_string_equal(fn[1].name, "never");
    assert_int_equal(fn[1].hits, 0);
    assert_int_equal(fn[1].suites, 0);

    /* line 10 has unexecuted_block and count 0: lcov's '-' */
    const prof_branch *br = branches_of(p, "/src/proj/t.c", &n);
    assert_int_equal(n, 4);
    assert_branch(&br[0], 4, 0, 0, 2);
    assert_branch(&br[1], 4, 0, 1, 3);
    assert_branch(&br[2], 10, 0, 0, PROF_NOT_EVALUATED);
    assert_branch(&br[3], 10, 0, 1, PROF_NOT_EVALUATED);
    assert_int_equal(br[2].suites, 0);
    prof_profile_free(p);
}

/* gcc 14 (format_version "2"): calls, conditions, block ids are ignored. */
static void test_v2_document(void **state)
{
    (void)state;
    static const char doc[] =
        "{\"format_version\":\"2\",\"gcc_version\":\"14.2.0\","
        "\"current_working_directory\":\"/b\",\"data_file\":\"x.gcda\","
        "\"files\":[{\"file\":\"/s/x.c\",\"functions\":[{\"name\":\"m\","
        "\"demangled_name\":\"m\",\"start_line\":1,\"start_column\":5,"
        "\"end_line\":9,\"end_column\":1,\"blocks\":4,\"blocks_executed\":3,"
        "\"execution_count\":1}],\"lines\":[{\"line_number\":2,\"count\":1,"
        "\"unexecuted_block\":true,\"block_ids\":[2,3],\"branches\":["
        "{\"count\":1,\"throw\":false,\"fallthrough\":true,"
        "\"source_block_id\":2,\"destination_block_id\":3},"
        "{\"count\":0,\"throw\":false,\"fallthrough\":false,"
        "\"source_block_id\":2,\"destination_block_id\":4}],"
        "\"calls\":[{\"source_block_id\":3,\"destination_block_id\":5,"
        "\"returned\":1}],\"conditions\":[{\"count\":4,\"covered\":1,"
        "\"not_covered_true\":[0,1],\"not_covered_false\":[1]}]}]}]}";
    warn_log log = {0};
    assert_ptr_equal(prof_format_detect(doc, strlen(doc)), gj());
    prof_profile *p = gj_of(doc, &log);
    assert_int_equal(log.n, 0);
    size_t n;
    only_line(p, "/s/x.c", 2, 1);
    /* unexecuted_block with count > 0: the branches were evaluated */
    const prof_branch *br = branches_of(p, "/s/x.c", &n);
    assert_int_equal(n, 2);
    assert_branch(&br[0], 2, 0, 0, 1);
    assert_branch(&br[1], 2, 0, 1, 0);
    prof_profile_free(p);
}

/* Repeated line entries (template instances, inlining) are summed; the
 * branches of a second branching entry of a line form block 1. */
static void test_duplicate_lines(void **state)
{
    (void)state;
    static const char doc[] =
        HEAD "\"files\":[{\"file\":\"/t.cc\",\"lines\":["
        "{\"line_number\":2,\"count\":0,\"branches\":[]},"
        "{\"line_number\":2,\"count\":1,\"branches\":[{\"count\":1},"
        "{\"count\":0}]},"
        "{\"line_number\":2,\"count\":2,\"branches\":[{\"count\":2},"
        "{\"count\":2}]},"
        "{\"line_number\":5,\"count\":7},"
        "{\"line_number\":2,\"count\":4,\"branches\":[{\"count\":5},"
        "{\"count\":5}]}],"
        "\"functions\":[{\"name\":\"_ZN1AIiEC2Ev\",\"start_line\":2,"
        "\"execution_count\":1},{\"name\":\"_ZN1AIiEC2Ev\","
        "\"start_line\":2,\"execution_count\":3}]}]}";
    prof_profile *p = gj_of(doc, NULL);
    size_t n;
    const prof_block *b = blocks_of(p, "/t.cc", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 2, 0, 2, 0, 1, 7);
    assert_block(&b[1], 5, 0, 5, 0, 1, 7);
    const prof_branch *br = branches_of(p, "/t.cc", &n);
    assert_int_equal(n, 4);
    /* the last entry repeats line 2 after line 5: block 0 again */
    assert_branch(&br[0], 2, 0, 0, 6);
    assert_branch(&br[1], 2, 0, 1, 5);
    assert_branch(&br[2], 2, 1, 0, 2);
    assert_branch(&br[3], 2, 1, 1, 2);
    const prof_function *fn = prof_file_functions(find_file(p, "/t.cc"), &n);
    assert_int_equal(n, 1);
    assert_int_equal(fn[0].hits, 4);
    assert_int_equal(fn[0].end_line, 2);
    prof_profile_free(p);
}

/* Negative counts are read as 0 (one warning), their magnitude exact up
 * to 2^64-1 ("-0" is not negative). */
static void test_negative_counts(void **state)
{
    (void)state;
    static const char doc[] =
        HEAD "\"files\":[{\"file\":\"/n.c\",\"lines\":["
        "{\"line_number\":1,\"count\":-3,\"branches\":[{\"count\":-1},"
        "{\"count\":4}]},{\"line_number\":2,\"count\":9},"
        "{\"line_number\":3,\"count\":-0},"
        "{\"line_number\":4,\"count\":-18446744073709551615},"
        "{\"line_number\":5,\"count\":18446744073709551615}],"
        "\"functions\":[{\"name\":\"g\",\"start_line\":1,"
        "\"execution_count\":-2}]}]}";
    warn_log log = {0};
    prof_profile *p = gj_of(doc, &log);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.last.path, "t.json");
    assert_int_equal(log.last.line, 1);
    assert_contains(log.last.msg, "4 negative counts");
    assert_contains(log.last.msg, "files[0].lines[0].count = -3");
    size_t n;
    const prof_block *b = blocks_of(p, "/n.c", &n);
    assert_int_equal(n, 5);
    assert_block(&b[0], 1, 0, 1, 0, 1, 0);
    assert_block(&b[1], 2, 0, 2, 0, 1, 9);
    assert_int_equal(b[2].hits, 0);
    assert_int_equal(b[3].hits, 0);
    assert_int_equal(b[4].hits, UINT64_MAX);
    const prof_branch *br = branches_of(p, "/n.c", &n);
    assert_branch(&br[0], 1, 0, 0, 0);
    assert_branch(&br[1], 1, 0, 1, 4);
    const prof_function *fn = prof_file_functions(find_file(p, "/n.c"), &n);
    assert_int_equal(fn[0].hits, 0);
    prof_profile_free(p);
}

/* The reading policy (covkit-formats(5)): gcc 9/10's %g counts are read
 * as the integers they are (exact to 2^53 and past, saturated past
 * 2^64-1); a count that is not whole, a line_number or start_line 0, an
 * empty name or "file" drop their record; one warning per kind (code
 * PROF_EFORMAT), in the order of their first records. Strict reading
 * makes the first one the error. */
static void test_damaged_records(void **state)
{
    (void)state;
    static const char doc[] =
        HEAD "\"files\":[{\"file\":\"/d.c\",\"lines\":["
        "{\"line_number\":1,\"count\":1.37297e+06,\"branches\":["
        "{\"count\":1.5},{\"count\":4.0}]},"
        "{\"line_number\":2,\"count\":2.5,\"branches\":[{\"count\":1}]},"
        "{\"line_number\":0,\"count\":7},"
        "{\"line_number\":3,\"count\":9007199254740993.0},"
        "{\"line_number\":4,\"count\":1e+300}],"
        "\"functions\":[{\"name\":\"\",\"start_line\":1,"
        "\"execution_count\":1},{\"name\":\"z\",\"start_line\":0,"
        "\"execution_count\":1},{\"name\":\"f\",\"start_line\":1,"
        "\"execution_count\":1.26337E6}]},"
        "{\"file\":\"\",\"lines\":[{\"line_number\":5,\"count\":1}]}]}";
    warn_all log = {0};
    prof_profile *p = prof_profile_new();
    prof_error err;
    prof_profile_set_warn(p, warn_keep, &log);
    assert_int_equal(prof_read_buffer(p, doc, strlen(doc), "d.json", NULL,
                                      gj(), &err), 0);
    assert_int_equal(prof_profile_nfiles(p), 1);
    size_t n;
    const prof_block *b = blocks_of(p, "/d.c", &n);
    assert_int_equal(n, 3);
    assert_block(&b[0], 1, 0, 1, 0, 1, 1372970);
    assert_block(&b[1], 3, 0, 3, 0, 1, 9007199254740993ull);
    assert_block(&b[2], 4, 0, 4, 0, 1, UINT64_MAX);
    const prof_branch *br = branches_of(p, "/d.c", &n);
    assert_int_equal(n, 1); /* 1.5 dropped; line 2's with its line */
    assert_branch(&br[0], 1, 0, 1, 4);
    const prof_function *fn = prof_file_functions(find_file(p, "/d.c"), &n);
    assert_int_equal(n, 1);
    assert_string_equal(fn[0].name, "f");
    assert_int_equal(fn[0].hits, 1263370);
    /* all on line 1: in the order their first records came */
    assert_int_equal(log.n, 5);
    static const char *const want[] = {
        "read 5 whole counts in decimal or exponent form as integers "
        "(count, execution_count; the first here: column 104, "
        "files[0].lines[0].count = 1.37297e+06)",
        "skipped 2 records whose count is not a whole number (count; the "
        "first here: column 137, files[0].lines[0].branches[0].count = 1.5)",
        "skipped 2 records at line 0 (line_number, start_line; the first "
        "here: column ",
        "skipped 1 function with an empty name (name; the first here",
        "skipped 1 section without a file path, records and all (file;",
    };
    for (int i = 0; i < 5; i++) {
        assert_int_equal(log.w[i].code, PROF_EFORMAT);
        assert_int_equal(log.w[i].line, 1);
        assert_string_equal(log.w[i].path, "d.json");
        assert_contains(log.w[i].msg, want[i]);
    }
    prof_profile_free(p);

    p = prof_profile_new();
    prof_profile_set_strict(p, 1);
    log.n = 0;
    prof_profile_set_warn(p, warn_keep, &log);
    assert_int_equal(prof_read_buffer(p, doc, strlen(doc), "d.json", NULL,
                                      gj(), &err), PROF_EFORMAT);
    assert_int_equal(log.n, 0);
    assert_int_equal(err.line, 1);
    assert_string_equal(err.msg,
                        "a whole count in decimal or exponent form (count; "
                        "column 104, files[0].lines[0].count = 1.37297e+06), "
                        "refused by strict reading");
    assert_int_equal(prof_profile_nfiles(p), 0);
    prof_profile_free(p);
}

/* gcov -t writes one document per line; concatenated documents work too. */
static void test_documents_per_line(void **state)
{
    (void)state;
    static const char docs[] =
        HEAD "\"current_working_directory\":\"/w\",\"files\":[{\"file\":"
        "\"h.h\",\"lines\":[{\"line_number\":1,\"count\":2}]}]}\r\n"
        "\n" HEAD "\"current_working_directory\":\"/w\",\"files\":[{\"file\":"
        "\"h.h\",\"lines\":[{\"line_number\":1,\"count\":3}]},{\"file\":"
        "\"b.c\",\"lines\":[{\"line_number\":4,\"count\":1}]}]}\n"
        HEAD "\"files\":[]}" HEAD "\"files\":[{\"file\":\"/w/h.h\","
        "\"lines\":[{\"line_number\":1,\"count\":10}]}]}\n";
    prof_profile *p = gj_of(docs, NULL);
    assert_int_equal(prof_profile_nfiles(p), 2);
    size_t n;
    const prof_block *b = blocks_of(p, "/w/h.h", &n);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].hits, 15);
    b = blocks_of(p, "/w/b.c", &n);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].hits, 1);
    assert_int_equal(b[0].line, 3); /* the line of its document */
    prof_profile_free(p);

    /* errors are placed on the line and column of the offending value */
    static const char third[] = HEAD "\"files\":[]}\n" HEAD "\"files\":[]}\n"
                                HEAD "\"files\":[{\"lines\":[]}]}\n";
    expect_error_at(third, at_of(third, "{\"lines\""),
                    "files[0]: a file has no \"file\" (expected a string)");
    expect_error_tok(HEAD "\"files\":[]}\n{\"a\": x}\n", "x}",
                     "expected a value, got \"x\"");
    expect_error_tok(HEAD "\"files\":[]} {\"a\": x}\n", "x}",
                     "expected a value, got \"x\"");
    expect_error_tok(HEAD "\"files\":[]} x", "x",
                     "expected a JSON object (gcov --json-format output), got "
                     "\"x\"");
}

static void test_paths(void **state)
{
    (void)state;
    static const char doc[] =
        HEAD "\"current_working_directory\":\"/w/build\",\"files\":["
        "{\"file\":\"../src/a.c\",\"lines\":[]},"
        "{\"file\":\"./b.c\",\"lines\":[]},"
        "{\"file\":\"/abs//c.c\",\"lines\":[]},"
        "{\"file\":\"<built-in>\",\"lines\":[]},"
        "{\"file\":\"x/../../../d.c\",\"lines\":[]},"
        "{\"file\":\"../../../../e.c\",\"lines\":[]},"
        "{\"file\":\"C:\\\\x\\\\y.c\",\"lines\":[]},"
        "{\"file\":\"sub/./\\u00e9.c\",\"lines\":[]}]}\n" HEAD
        "\"files\":[{\"file\":\"rel/./f.c\",\"lines\":[]},"
        "{\"file\":\"../up/g.c\",\"lines\":[]}]}";
    static const char *const want[] = {
        "../up/g.c", "/abs/c.c", "/d.c", "/e.c", "/w/build/b.c",
        "/w/build/sub/\xc3\xa9.c", "/w/src/a.c", "<built-in>", "C:/x/y.c",
        "rel/f.c",
    };
    prof_profile *p = gj_of(doc, NULL);
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(prof_profile_nfiles(p), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(prof_file_path(prof_profile_file(p, i)), want[i]);
    prof_profile_free(p);
}

static void test_unknown_version(void **state)
{
    (void)state;
    static const char docs[] =
        "{\"gcc_version\":\"16\",\"format_version\":\"3\",\"files\":[{"
        "\"file\":\"/v.c\",\"lines\":[{\"line_number\":1,\"count\":1,"
        "\"new_key\":{\"x\":[1]}}]}]}\n"
        "{\"gcc_version\":\"16\",\"format_version\":\"3\",\"files\":[]}\n";
    warn_log log = {0};
    prof_profile *p = gj_of(docs, &log);
    assert_int_equal(log.n, 1);
    assert_contains(log.last.msg, "unknown gcov JSON format_version \"3\"");
    size_t n;
    blocks_of(p, "/v.c", &n);
    assert_int_equal(n, 1);
    prof_profile_free(p);
}

static void test_empty_input(void **state)
{
    (void)state;
    prof_profile *p = gj_of("", NULL);
    assert_int_equal(prof_profile_nfiles(p), 0);
    prof_profile_free(p);
    p = gj_of(" \r\n\n\t", NULL);
    assert_int_equal(prof_profile_nfiles(p), 0);
    prof_profile_free(p);
    p = gj_of(HEAD "\"files\":[]}", NULL);
    assert_int_equal(prof_profile_nfiles(p), 0);
    prof_profile_free(p);
}

static void test_detect(void **state)
{
    (void)state;
    char big[6000];
    assert_ptr_equal(prof_format_detect(v1_doc, strlen(v1_doc)), gj());
    /* gcc 12 writes format_version last: gcc_version alone is enough */
    static const char v1[] = "\xef\xbb\xbf\n {\"gcc_version\": \"12.2.0\", "
                             "\"files\": []}";
    assert_ptr_equal(prof_format_detect(v1, strlen(v1)), gj());
    static const char other[] = "{\"format_version\":\"1\",\"files\":[]}";
    assert_ptr_not_equal(prof_format_detect(other, strlen(other)), gj());
    static const char go[] = "mode: set\na.go:1.1,2.2 1 1\n";
    assert_ptr_not_equal(prof_format_detect(go, strlen(go)), gj());
    /* the key must be near the start */
    int k = snprintf(big, sizeof big, "{\"pad\":\"");
    memset(big + k, 'x', 5000);
    snprintf(big + k + 5000, sizeof big - (size_t)k - 5000,
             "\",\"gcc_version\":\"12\"}");
    assert_ptr_not_equal(prof_format_detect(big, strlen(big)), gj());
}

/* ---- what is refused ---- */

/* TEXT must fail at the first AT (NULL: at its end) with "column C: MSG". */
typedef struct bad_case {
    const char *text, *at, *msg;
} bad_case;

static void expect_errors(const bad_case *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        expect_error_tok(v[i].text, v[i].at, v[i].msg);
}

static void test_errors_document(void **state)
{
    (void)state;
    static const bad_case v[] = {
        {"[1]", "[", "expected a JSON object (gcov --json-format output), "
                     "got \"[1\""},
        {"{\"gcc_version\":\"12\",\"files\":[]}", "{",
         "the document has no \"format_version\" (expected a string (\"1\" "
         "or \"2\"))"},
        {"{\"format_version\":1,\"files\":[]}", "1,",
         "expected a string (\"1\" or \"2\") for \"format_version\", got "
         "\"1\""},
        {HEAD "\"x\":1}", "{",
         "the document has no \"files\" (expected an array)"},
        {HEAD "\"files\":{}}", "{}",
         "expected an array for \"files\", got \"{\""},
        {HEAD "\"files\":[3]}", "3]",
         "files[0]: expected '{' to start a file, got \"3\""},
        {HEAD "\"current_working_directory\":7,\"files\":[]}", "7,",
         "expected a string for \"current_working_directory\", got \"7\""},
        {HEAD "\"files\":[{\"file\":\"a\",\"lines\":\"x\"}]}", "\"x\"",
         "files[0]: expected an array for \"lines\", got \"\\\"x\\\"\""},
        {HEAD "\"files\":[{\"file\":\"a\"}]}", "{\"file\"",
         "files[0]: a file has no \"lines\" (expected an array)"},
        {HEAD "\"files\":[{\"file\":\"a\",\"lines\":[],\"functions\":null}]}",
         "null", "files[0]: expected an array for \"functions\", got "
                 "\"null\""},
        /* gcc writes a key once; a second one would add its records twice */
        {HEAD "\"files\":[],\"files\":[]}", "\"files\":[]}",
         "key \"files\" appears twice in the document"},
    };
    expect_errors(v, sizeof v / sizeof v[0]);
}

#define LINES HEAD "\"files\":[{\"file\":\"a\",\"lines\":[{"
#define FUNCS HEAD "\"files\":[{\"file\":\"a\",\"lines\":[],\"functions\":[{"

static void test_errors_records(void **state)
{
    (void)state;
    static const bad_case v[] = {
        {LINES "\"line_number\":4294967296,\"count\":1}]}]}", "4294967296",
         "files[0].lines[0]: expected \"line_number\" to be a number from 1 "
         "to 4294967295, got 4294967296"},
        {LINES "\"line_number\":-4,\"count\":1}]}]}", "-4",
         "files[0].lines[0]: expected \"line_number\" to be a number from 1 "
         "to 4294967295, got -4"},
        {LINES "\"line_number\":\"4\",\"count\":1}]}]}", "\"4\"",
         "files[0].lines[0]: expected an integer for \"line_number\", got "
         "\"\\\"4\\\"\""},
        {LINES "\"line_number\":4,\"count\":-01}]}]}", "1}",
         "files[0].lines[0]: expected ',' or '}' in a line, got \"1\""},
        {LINES "\"line_number\":4,\"count\":-}]}]}", "-}",
         "files[0].lines[0]: expected a number for \"count\", got \"-\""},
        {LINES "\"line_number\":4,\"count\":1.}]}]}", "1.}",
         "files[0].lines[0]: expected a number for \"count\", got \"1.\""},
        {LINES "\"line_number\":4,\"count\":NaN}]}]}", "NaN",
         "files[0].lines[0]: expected a number for \"count\", got \"NaN\""},
        {LINES "\"line_number\":4}]}]}", "{\"line_number\"",
         "files[0].lines[0]: a line has no \"count\" (expected an integer)"},
        {LINES "\"line_number\":4,\"count\":1,\"count\":2}]}]}", "\"count\":2",
         "files[0].lines[0]: key \"count\" appears twice in a line"},
        {LINES "\"line_number\":4,\"count\":1,\"unexecuted_block\":1}]}]}",
         "1}", "files[0].lines[0]: expected true or false for "
               "\"unexecuted_block\", got \"1\""},
        {LINES "\"line_number\":4,\"count\":1,\"branches\":[{},{\"count\":1}"
               "]}]}]}",
         "{},", "files[0].lines[0].branches[0]: a branch has no \"count\" "
                "(expected an integer)"},
        {LINES "\"line_number\":4,\"count\":1,\"branches\":[{\"count\":1},"
               "{\"count\":1,\"throw\":\"no\"}]}]}]}",
         "\"no\"", "files[0].lines[0].branches[1]: expected true or false "
                   "for \"throw\", got \"\\\"no\\\"\""},
        {FUNCS "\"start_line\":1,\"execution_count\":1}]}]}",
         "{\"start_line\"", "files[0].functions[0]: a function has no "
                            "\"name\" (expected a string)"},
        {FUNCS "\"name\":\"f\",\"start_line\":3,\"end_column\":-1,"
               "\"execution_count\":1}]}]}",
         "-1", "files[0].functions[0]: expected \"end_column\" to be a "
               "number from 0 to 4294967295, got -1"},
        {HEAD "\"files\":[{\"file\":\"a\",\n\"lines\":[{\"line_number\":4,"
              "\"count\":1}]\n",
         NULL, "files[0]: expected ',' or '}' in a file, got the end of the "
               "input"},
        {HEAD "\"files\":[{\"file\":\"a\\u0000b\",\"lines\":[]}]}", "\\u0000",
         "files[0]: \\u0000 in a string (names cannot hold NUL)"},
    };
    expect_errors(v, sizeof v / sizeof v[0]);
}

/* gcc <= 13 writes "file" after the records and "format_version" and
 * "current_working_directory" after "files"; gcc 14 writes them first. A
 * document's directory is not used for the next one. */
static void test_key_order(void **state)
{
    (void)state;
    static const char docs[] =
        "{\"gcc_version\": \"12.2.0\", \"files\": [{\"lines\": [{\"branches\": "
        "[{\"fallthrough\": true, \"count\": 2, \"throw\": false}, "
        "{\"fallthrough\": false, \"count\": 0, \"throw\": false}], \"count\": "
        "2, \"line_number\": 3, \"unexecuted_block\": false, "
        "\"function_name\": \"main\"}], \"functions\": [{\"blocks\": 2, "
        "\"end_column\": 1, \"start_line\": 2, \"name\": \"main\", "
        "\"blocks_executed\": 2, \"execution_count\": 1, \"demangled_name\": "
        "\"main\", \"start_column\": 5, \"end_line\": 4}], \"file\": "
        "\"src/m.c\"}, {\"file\": \"/abs/h.h\", \"lines\": [{\"count\": 7, "
        "\"line_number\": 9}]}], \"format_version\": \"1\", "
        "\"current_working_directory\": \"/b\", \"data_file\": \"m.gcda\"}"
        "{\"format_version\":\"2\",\"current_working_directory\":\"/c/d\","
        "\"files\":[{\"file\":\"../x.c\",\"lines\":[{\"line_number\":1,"
        "\"count\":1}]}]}\n"
        "{\"files\":[{\"lines\":[{\"line_number\":5,\"count\":0}],\"file\":"
        "\"rel.c\"}],\"format_version\":\"1\"}";
    warn_log log = {0};
    prof_profile *p = gj_of(docs, &log);
    assert_int_equal(log.n, 0);
    assert_int_equal(prof_profile_nfiles(p), 4);
    size_t n;
    only_line(p, "/b/src/m.c", 3, 2);
    const prof_branch *br = branches_of(p, "/b/src/m.c", &n);
    assert_int_equal(n, 2);
    assert_branch(&br[0], 3, 0, 0, 2);
    assert_branch(&br[1], 3, 0, 1, 0);
    const prof_function *fn =
        prof_file_functions(find_file(p, "/b/src/m.c"), &n);
    assert_int_equal(n, 1);
    assert_string_equal(fn[0].name, "main");
    assert_int_equal(fn[0].start_line, 2);
    assert_int_equal(fn[0].start_col, 5);
    assert_int_equal(fn[0].end_line, 4);
    assert_int_equal(fn[0].end_col, 1);
    assert_int_equal(fn[0].hits, 1);
    only_line(p, "/abs/h.h", 9, 7);
    /* the input line of a record: second document on the first line */
    assert_int_equal(only_line(p, "/c/x.c", 1, 1)->line, 1);
    assert_int_equal(only_line(p, "rel.c", 5, 0)->line, 2);
    prof_profile_free(p);

    /* an unknown format_version after "files" is still noticed */
    static const char late[] =
        "{\"files\":[{\"lines\":[],\"file\":\"/v.c\"}],\"format_version\":"
        "\"9\"}";
    p = gj_of(late, &log);
    assert_int_equal(log.n, 1);
    assert_contains(log.last.msg, "unknown gcov JSON format_version \"9\"");
    prof_profile_free(p);
}

/* Every kind of JSON value under unknown keys, at every level. */
static void test_skip_values(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "0", "-0", "12", "-12", "1.5", "-0.25e+10", "1E9", "2e-3", "true",
        "false", "null", "\"\"",
        "\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\udcff\"",
        "\"\xc3\xa9\xf0\x9f\x98\x80\"", "[]", "{}", " [ 1 , 2 ] ",
        "[1,[2,[3,{}]],{\"k\":null,\"files\":7}]",
        "{\"a\":{\"b\":[true,false]},\"c\":\"d\",\"a\":1}",
        "\n{\n\"a\"\n:\n[\r\n1\t]\n}\n",
    };
    char text[1024];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        const char *v = ok[i];
        snprintf(text, sizeof text,
                 HEAD "\"x\":%s,\"files\":[{\"y\":%s,\"file\":\"/a.c\","
                      "\"lines\":[{\"line_number\":1,\"z\":%s,\"count\":1,"
                      "\"branches\":[{\"w\":%s,\"count\":3}]}],\"functions\":"
                      "[{\"name\":\"f\",\"v\":%s,\"start_line\":1,"
                      "\"execution_count\":1}]}],\"u\":%s}",
                 v, v, v, v, v, v);
        prof_profile *p = gj_of(text, NULL);
        size_t n;
        blocks_of(p, "/a.c", &n);
        assert_int_equal(n, 1);
        const prof_branch *br = branches_of(p, "/a.c", &n);
        assert_int_equal(n, 1);
        assert_branch(&br[0], 1, 0, 0, 3);
        prof_file_functions(find_file(p, "/a.c"), &n);
        assert_int_equal(n, 1);
        prof_profile_free(p);
    }

    /* VALUE fails at its byte AT with MSG */
    static const struct {
        const char *value;
        size_t at;
        const char *msg;
    } bad[] = {
        {"01", 1, "expected ',' or '}' in the document, got \"1\""},
        {"1.", 0, "expected a value, got \"1.\""},
        {"-", 0, "expected a value, got \"-\""},
        {".5", 0, "expected a value, got \".5\""},
        {"1e+", 0, "expected a value, got \"1e+\""},
        {"+1", 0, "expected a value, got \"+1\""},
        {"tru", 0, "expected a value, got \"tru\""},
        {"NaN", 0, "expected a value, got \"NaN\""},
        {"[1,]", 3, "expected a value, got \"]\""},
        {"[1 2]", 3, "expected ',' or ']' in an array, got \"2\""},
        {"[[]", 3, "expected ',' or ']' in an array, got \"}\""},
        {"[", 1, "expected a value, got \"}\""},
        {"{\"a\" 1}", 5, "expected ':', got \"1\""},
        {"{1:2}", 1, "expected a key in double quotes, got \"1\""},
        {"{\"a\":1,}", 7, "expected a key in double quotes, got \"}\""},
        {"{\"a\":}", 5, "expected a value, got \"}\""},
        {"\"\\x\"", 1, "unknown escape '\\x' in a string"},
        {"\"\\u12\"", 1, "expected 4 hex digits after \\u"},
        {"\"\\uD800\"", 1,
         "expected a low surrogate \\uDC00-\\uDFFF after \\uD800"},
        {"\"\\uDC00\"", 1, "lone surrogate \\uDC00 in a string (only "
                           "\\uDC80-\\uDCFF stand for raw bytes)"},
        {"\"a\tb\"", 2, "control byte 0x09 in a string (write it as "
                        "\\u0009)"},
        {"\"\xff\"", 1, "a string is not UTF-8 (write a raw byte XX as "
                        "\\udcXX)"},
        {"\"\xc0\xaf\"", 1, "a string is not UTF-8 (write a raw byte XX as "
                            "\\udcXX)"},
        {"\"abc", 5, "unterminated string"},
    };
    size_t head = strlen(HEAD "\"x\":");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, HEAD "\"x\":%s}", bad[i].value);
        expect_error_at(text, head + bad[i].at, bad[i].msg);
    }
}

/* Pretty-printed input: the line and column of the value, and where. */
static void test_error_positions(void **state)
{
    (void)state;
    static const char doc[] =
        "{\n"
        "  \"gcc_version\": \"12.2.0\",\n"
        "  \"files\": [\n"
        "    {\n"
        "      \"file\": \"a.c\",\n"
        "      \"lines\": [\n"
        "        {\"line_number\": 1, \"count\": 1},\n"
        "        {\"line_number\": 2, \"count\": tru}\n"
        "      ]\n"
        "    }\n"
        "  ],\n"
        "  \"format_version\": \"1\"\n"
        "}\n";
    expect_error_tok(doc, "tru", "files[0].lines[1]: expected a number for "
                                 "\"count\", got \"tru\"");
    static const char missing[] =
        "{\"format_version\": \"1\",\n\"files\": [\n{\"file\": \"a.c\",\n"
        "\"lines\": [\n\n   {\"line_number\": 1,\n    \"unexecuted_block\":"
        " false}\n]}]}";
    expect_error_tok(missing, "{\"line_number\"",
                     "files[0].lines[0]: a line has no \"count\" (expected "
                     "an integer)");
}

/* Values of unknown keys are checked as JSON and skipped, at any depth up
 * to the limit, without a stack overflow past it. */
static void test_deep_nesting(void **state)
{
    (void)state;
    size_t limit = 512, big = 200000, n = strlen(HEAD "\"x\":");
    char *s = malloc(n + 3 * big + 32);
    assert_non_null(s);
    /* the document is level 1: 511 arrays in it are read, 512 are not */
    for (size_t depth = limit - 1; depth <= limit; depth++) {
        memcpy(s, HEAD "\"x\":", n);
        memset(s + n, '[', depth);
        memset(s + n + depth, ']', depth);
        strcpy(s + n + 2 * depth, ",\"files\":[]}");
        if (depth < limit) {
            prof_profile_free(gj_of(s, NULL));
            continue;
        }
        expect_error_at(s, n + limit - 1, "arrays and objects nested deeper "
                                          "than 512 levels");
    }
    /* 200,000 levels of objects and arrays (cut short): the same error at
     * the 512th, a '[' */
    for (size_t i = 0; i < big / 2; i++)
        memcpy(s + n + 6 * i, "{\"a\":[", 6);
    s[n + 6 * (big / 2)] = '\0';
    expect_error_at(s, n + 6 * 255 + 5, "arrays and objects nested deeper "
                                        "than 512 levels");
    free(s);
}

/* ---- real gcc output against lcov's capture of the same run ---- */

typedef struct lrec {
    char kind; /* 'D' line, 'B' branch, 'F' function */
    char path[200];
    char name[100];
    uint32_t a, b, c;
    uint32_t start; /* 'F': the FN line */
    uint64_t v;
} lrec;

typedef struct lset {
    lrec *r;
    size_t n, cap;
} lset;

/* The record (KIND, PATH, NAME, A, B, C), made if new. */
static lrec *lset_get(lset *s, char kind, const char *path, const char *name,
                      uint32_t a, uint32_t b, uint32_t c, int create)
{
    for (size_t i = 0; i < s->n; i++) {
        lrec *r = &s->r[i];
        if (r->kind == kind && !strcmp(r->path, path) &&
            !strcmp(r->name, name) && r->a == a && r->b == b && r->c == c)
            return r;
    }
    if (!create)
        return NULL;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->r = realloc(s->r, s->cap * sizeof *s->r);
        assert_non_null(s->r);
    }
    lrec *r = &s->r[s->n++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    snprintf(r->path, sizeof r->path, "%s", path);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->a = a;
    r->b = b;
    r->c = c;
    r->v = kind == 'B' ? PROF_NOT_EVALUATED : 0;
    return r;
}

/* An lcov tracefile's DA, BRDA, FN and FNDA records; repeated ones are
 * combined as lcov does (sum; '-' plus a count gives the count). */
static void lset_read(lset *s, const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[512], sf[512] = "", name[100];
    unsigned a, b, c;
    unsigned long long v;
    if (!fp)
        fail_msg("cannot open %s", path);
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (!strncmp(line, "SF:", 3)) {
            snprintf(sf, sizeof sf, "%s", line + 3);
        } else if (sscanf(line, "DA:%u,%llu", &a, &v) == 2) {
            lset_get(s, 'D', sf, "", a, 0, 0, 1)->v += v;
        } else if (sscanf(line, "BRDA:%u,%u,%u,", &a, &b, &c) == 3) {
            lrec *r = lset_get(s, 'B', sf, "", a, b, c, 1);
            const char *t = strrchr(line, ',') + 1;
            if (strcmp(t, "-"))
                r->v = (r->v == PROF_NOT_EVALUATED ? 0 : r->v) +
                       strtoull(t, NULL, 10);
        } else if (sscanf(line, "FN:%u,%99[^\n]", &a, name) == 2) {
            lset_get(s, 'F', sf, name, 0, 0, 0, 1)->start = a;
        } else if (sscanf(line, "FNDA:%llu,%99[^\n]", &v, name) == 2) {
            lset_get(s, 'F', sf, name, 0, 0, 0, 1)->v += v;
        }
    }
    fclose(fp);
}

static size_t lset_count(const lset *s, char kind)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += s->r[i].kind == kind;
    return n;
}

static lrec *lset_must(lset *s, char kind, const char *path, const char *name,
                       uint32_t a, uint32_t b, uint32_t c)
{
    lrec *r = lset_get(s, kind, path, name, a, b, c, 0);
    if (!r)
        fail_msg("%s: %c %s %u,%u,%u is not in lcov's capture", path, kind,
                 name, a, b, c);
    return r;
}

/* P holds exactly the lines, branches and functions of lcov tracefile
 * INFO, with equal counts; at least MIN_BRANCHES branches. */
static void compare_with_lcov(const prof_profile *p, const char *info,
                              size_t min_branches)
{
    lset s = {0};
    size_t nd = 0, nb = 0, nf = 0, n;
    lset_read(&s, info);
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        const prof_file *f = prof_profile_file(p, i);
        const char *path = prof_file_path(f);
        const prof_block *b = prof_file_blocks(f, &n);
        for (size_t j = 0; j < n; j++, nd++) {
            assert_block(&b[j], b[j].start_line, 0, b[j].start_line, 0, 1,
                         lset_must(&s, 'D', path, "", b[j].start_line, 0, 0)
                             ->v);
        }
        const prof_branch *br = prof_file_branches(f, &n);
        for (size_t j = 0; j < n; j++, nb++)
            assert_int_equal(br[j].taken,
                             lset_must(&s, 'B', path, "", br[j].line,
                                       br[j].block, br[j].branch)->v);
        const prof_function *fn = prof_file_functions(f, &n);
        for (size_t j = 0; j < n; j++, nf++) {
            lrec *r = lset_must(&s, 'F', path, fn[j].name, 0, 0, 0);
            assert_int_equal(fn[j].start_line, r->start);
            assert_int_equal(fn[j].hits, r->v);
        }
    }
    assert_int_equal(nd, lset_count(&s, 'D'));
    assert_int_equal(nb, lset_count(&s, 'B'));
    assert_int_equal(nf, lset_count(&s, 'F'));
    assert_true(nd > 0 && nf > 0 && nb >= min_branches);
    free(s.r);
}

/* The files IN read with sniffing into one profile. */
static prof_profile *read_files(const char *const *in, size_t n)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    for (size_t i = 0; i < n; i++)
        if (prof_read_file(p, in[i], "A", NULL, &err) != 0)
            fail_msg("%s:%lu: %s", err.path, err.line, err.msg);
    return p;
}

static void test_zlib_matches_lcov(void **state)
{
    (void)state;
    static const char *const in[] = {
        TD "zlib-A-adler32.gcov.json.gz", TD "zlib-A-compress.gcov.json.gz",
        TD "zlib-A-gzclose.gcov.json.gz", TD "zlib-A-zutil.gcov.json.gz",
    };
    prof_profile *p = read_files(in, 4);
    assert_int_equal(prof_profile_nfiles(p), 4);
    assert_string_equal(prof_file_path(prof_profile_file(p, 0)),
                        "/home/ci/source/zlib-1.2.13.dfsg/adler32.c");
    compare_with_lcov(p, TD "zlib-A.branch.info", 50);
    prof_profile_free(p);
}

/* C++: repeated line entries (templates) and a throw branch. */
static void test_cpp_matches_lcov(void **state)
{
    (void)state;
    static const char *const in[] = {TD "cpp-tpl.gcov.json.gz"};
    prof_profile *p = read_files(in, 1);
    compare_with_lcov(p, TD "cpp-tpl.info", 10);
    prof_profile_free(p);
}

/* gcov -j -t: two documents; a header in both units is summed. */
static void test_stdout_form_matches_lcov(void **state)
{
    (void)state;
    static const char *const in[] = {TD "multi-stdout.json"};
    prof_profile *p = read_files(in, 1);
    assert_int_equal(prof_profile_nfiles(p), 3);
    compare_with_lcov(p, TD "multi.info", 2);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_document),
        cmocka_unit_test(test_v2_document),
        cmocka_unit_test(test_duplicate_lines),
        cmocka_unit_test(test_negative_counts),
        cmocka_unit_test(test_damaged_records),
        cmocka_unit_test(test_documents_per_line),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_unknown_version),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_errors_document),
        cmocka_unit_test(test_errors_records),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_skip_values),
        cmocka_unit_test(test_error_positions),
        cmocka_unit_test(test_zlib_matches_lcov),
        cmocka_unit_test(test_cpp_matches_lcov),
        cmocka_unit_test(test_stdout_form_matches_lcov),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
