/* test_lcov.c - unit tests of the lcov tracefile reader and writer. */
#include "helpers.h"

/* TEXT read as lcov (forced) into a new profile, warnings into LOG. */
static prof_profile *lcov_of(const char *text, warn_log *log)
{
    return text_as("lcov", "in.info", NULL, text, log);
}

/* Reading TEXT must fail with PROF_EFORMAT at LINE, the message holding
 * NEEDLE. */
static void expect_error(const char *text, unsigned long line,
                         const char *needle)
{
    expect_format_error("lcov", "bad.info", text, line, needle);
}

static const prof_file *only_file(const prof_profile *p, const char *path)
{
    assert_int_equal(prof_profile_nfiles(p), 1);
    const prof_file *f = prof_profile_file(p, 0);
    assert_string_equal(prof_file_path(f), path);
    return f;
}

#define assert_line(b, l, hit)                                                 \
    assert_block((b), (l), 0, (l), 0, 1, (hit))

#define assert_fn(fn, nm, sl, el, hit)                                         \
    do {                                                                       \
        assert_string_equal((fn)->name, (nm));                                 \
        assert_int_equal((fn)->start_line, (sl));                              \
        assert_int_equal((fn)->end_line, (el));                                \
        assert_int_equal((fn)->hits, (uint64_t)(hit));                         \
    } while (0)

#define assert_br(br, l, bl, bn, tk)                                           \
    do {                                                                       \
        assert_int_equal((br)->line, (l));                                     \
        assert_int_equal((br)->block, (bl));                                   \
        assert_int_equal((br)->branch, (bn));                                  \
        assert_int_equal((br)->taken, (uint64_t)(tk));                         \
    } while (0)

/* ---- reader: records ---- */

static void test_lcov1_section(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("TN:\n"
                              "SF:/src/a.c\n"
                              "FN:3,main\n"
                              "FN:9,helper\n"
                              "FNDA:1,main\n"
                              "FNDA:0,helper\n"
                              "FNF:2\nFNH:1\n"
                              "BRDA:4,0,0,1\n"
                              "BRDA:4,0,1,0\n"
                              "BRDA:10,0,0,-\n"
                              "BRDA:10,0,1,-\n"
                              "BRF:4\nBRH:1\n"
                              "DA:3,1\n"
                              "DA:4,1,XU5qXh8ks2mUDw+T3n6mMw\n"
                              "DA:9,0\n"
                              "DA:10,0\n"
                              "LF:4\nLH:2\n"
                              "end_of_record\n",
                              &log);
    assert_int_equal(log.n, 0);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    const prof_file *f = only_file(p, "/src/a.c");
    size_t n;
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 4);
    assert_line(&b[0], 3, 1);
    assert_line(&b[1], 4, 1);
    assert_line(&b[2], 9, 0);
    assert_line(&b[3], 10, 0);
    assert_int_equal(b[1].line, 16); /* the DA's line in the input */
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 2);
    assert_fn(&fn[0], "main", 3, 0, 1);
    assert_fn(&fn[1], "helper", 9, 0, 0);
    const prof_branch *br = prof_file_branches(f, &n);
    assert_int_equal(n, 4);
    assert_br(&br[0], 4, 0, 0, 1);
    assert_br(&br[1], 4, 0, 1, 0);
    assert_br(&br[2], 10, 0, 0, PROF_NOT_EVALUATED);
    assert_br(&br[3], 10, 0, 1, PROF_NOT_EVALUATED);
    prof_profile_free(p);
}

static void test_function_names_and_end_lines(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("SF:x.cc\n"
                              "FN:5,operator,\n"
                              "FN:10,20,g<int, int>\n"
                              "FN:30,40,\n"
                              "FNDA:7,g<int, int>\n"
                              "FNDA:2,operator,\n"
                              "FNDA:3,40,\n"
                              "end_of_record\n",
                              NULL);
    size_t n;
    const prof_function *fn =
        prof_file_functions(only_file(p, "x.cc"), &n);
    assert_int_equal(n, 3);
    assert_fn(&fn[0], "operator,", 5, 0, 2);
    assert_fn(&fn[1], "g<int, int>", 10, 20, 7);
    /* as lcov's ^FN:(\d+),((\d+),)?(.+)$: "40," is the name */
    assert_fn(&fn[2], "40,", 30, 0, 3);
    prof_profile_free(p);
}

static void test_fnl_fna(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("SF:k.cc\n"
                              "FNL:0,12,20\n"
                              "FNA:0,3,_ZN1KC1Ev\n"
                              "FNA:0,4,_ZN1KC2Ev\n"
                              "FNL:7,30\n"
                              "FNA:7,0,f(int, char)\n"
                              "FNF:2\nFNH:1\n"
                              "DA:12,7\n"
                              "end_of_record\n",
                              NULL);
    size_t n;
    const prof_function *fn = prof_file_functions(only_file(p, "k.cc"), &n);
    assert_int_equal(n, 3);
    assert_fn(&fn[0], "_ZN1KC1Ev", 12, 20, 3);
    assert_fn(&fn[1], "_ZN1KC2Ev", 12, 20, 4);
    assert_fn(&fn[2], "f(int, char)", 30, 0, 0);
    prof_profile_free(p);
}

/* An end before the start is unknown (0) in FN and FNL alike (found by
 * fuzz_roundtrip: FNL kept it, and lcov 2 output then left it out). */
static void test_end_before_start_unknown(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("SF:e.c\n"
                              "FN:9,2,f\n"
                              "FNDA:1,f\n"
                              "FNL:0,3,1\n"
                              "FNA:0,20,g\n"
                              "end_of_record\n",
                              NULL);
    size_t n;
    const prof_function *fn = prof_file_functions(only_file(p, "e.c"), &n);
    assert_int_equal(n, 2);
    assert_fn(&fn[0], "g", 3, 0, 20);
    assert_fn(&fn[1], "f", 9, 0, 1);
    prof_profile_free(p);
}

static void test_lcov2_branches(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("SF:b.c\n"
                              "BRDA:10,0,0,5\n"
                              "BRDA:10,e0,1,1\n"
                              "BRDA:11,0,!enable,0\n"
                              "BRDA:11,0,f(a, b),3\n"
                              "BRDA:11,0,x,-\n"
                              "BRDA:12,U0,0,4\n"
                              "BRDA:12,1,1,2\n"
                              "end_of_record\n",
                              &log);
    assert_int_equal(log.n, 0);
    size_t n;
    const prof_branch *br = prof_file_branches(only_file(p, "b.c"), &n);
    assert_int_equal(n, 6); /* the excluded 'U' branch is dropped */
    assert_br(&br[0], 10, 0, 0, 5);
    assert_br(&br[1], 10, 0, 1, 1);
    /* expressions are numbered by position within line 11, block 0 */
    assert_br(&br[2], 11, 0, 0, 0);
    assert_br(&br[3], 11, 0, 1, 3);
    assert_br(&br[4], 11, 0, 2, PROF_NOT_EVALUATED);
    assert_br(&br[5], 12, 1, 1, 2);
    prof_profile_free(p);
}

/* lcov -a semantics inside one tracefile: DA and FNDA summed, BRDA summed
 * with '-' giving way to a number and '-' + '-' staying '-'. */
static void test_duplicate_sections_merge(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("TN:\nSF:./d.c\nFN:1,f\nFNDA:2,f\n"
                              "BRDA:2,0,0,-\nBRDA:2,0,1,-\nBRDA:3,0,0,1\n"
                              "DA:1,2\nDA:2,0\nend_of_record\n"
                              "TN:\nSF:d.c\nFN:1,f\nFNDA:3,f\n"
                              "BRDA:2,0,0,4\nBRDA:2,0,1,-\nBRDA:3,0,0,0\n"
                              "DA:2,5\nDA:7,0\nLF:99\nLH:99\nend_of_record\n",
                              NULL);
    const prof_file *f = only_file(p, "d.c");
    size_t n;
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 3);
    assert_line(&b[0], 1, 2);
    assert_line(&b[1], 2, 5);
    assert_line(&b[2], 7, 0);
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 1);
    assert_fn(&fn[0], "f", 1, 0, 5);
    const prof_branch *br = prof_file_branches(f, &n);
    assert_int_equal(n, 3);
    assert_br(&br[0], 2, 0, 0, 4);
    assert_br(&br[1], 2, 0, 1, PROF_NOT_EVALUATED);
    assert_br(&br[2], 3, 0, 0, 1);
    prof_profile_free(p);
}

/* ---- reader: tolerance ---- */

static void test_crlf_bom_comments(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("\xef\xbb\xbf# made by hand\r\n"
                              "\r\n"
                              "TN:  \r\n"
                              "SF:C:\\src\\w.c \t\r\n"
                              "DA:1,3  \r\n"
                              "\n"
                              "end_of_record\r\n",
                              &log);
    assert_int_equal(log.n, 0);
    size_t n;
    const prof_block *b = prof_file_blocks(only_file(p, "C:/src/w.c"), &n);
    assert_int_equal(n, 1);
    assert_line(&b[0], 1, 3);
    prof_profile_free(p);
}

static void test_missing_end_of_record(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("SF:e.c\nDA:1,1\nDA:2,0", &log);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.last.msg, "read 1 section still open at the end "
                                      "of the input (SF; the first here)");
    assert_int_equal(log.last.line, 1);
    size_t n;
    prof_file_blocks(only_file(p, "e.c"), &n);
    assert_int_equal(n, 2);
    prof_profile_free(p);
}

static void test_unknown_records_warn_once(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("VER:abc123\nSF:u.c\nMCDC:3,2,t,1,0,a\n"
                              "MCDC:3,2,f,0,0,a\nMCF:2\nMCH:1\n"
                              "MCDC:4,2,t,1,0,b\nDA:3,1\nend_of_record\n",
                              &log);
    assert_int_equal(log.n, 3); /* MCDC, MCF, MCH */
    assert_contains(log.last.msg, "\"MCH\"");
    assert_int_equal(log.last.line, 6);
    size_t n;
    prof_file_blocks(only_file(p, "u.c"), &n);
    assert_int_equal(n, 1);
    prof_profile_free(p);
}

static void test_counts(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("SF:n.c\n"
                              "DA:1,-5\n"
                              "DA:2,-1\n"
                              "DA:3,1.5e3\n"
                              "DA:4,1.84467440737096e+19\n"
                              "DA:5,99999999999999999999999\n"
                              "DA:6,18446744073709551615\n"
                              "DA:7,2.9\n"
                              "DA:8,+12\n"
                              "DA:9,25E-1\n"
                              "FN:1,f\nFNDA:-3,f\n"
                              "BRDA:1,0,0,1e30\n"
                              "BRDA:1,0,1,18446744073709551615\n"
                              "end_of_record\n",
                              &log);
    /* negative, decimal (1.5e3), not whole (2.9, 25E-1: lines skipped) */
    assert_int_equal(log.n, 3);
    assert_contains(log.last.msg, "skipped 2 records whose count is not a "
                                  "whole number (DA; the first here)");
    assert_int_equal(log.last.line, 8);
    size_t n;
    const prof_file *f = only_file(p, "n.c");
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 7);
    static const uint64_t want[] = {0, 0, 1500, UINT64_MAX, UINT64_MAX,
                                    UINT64_MAX, 0, 12};
    for (size_t i = 0; i < n; i++)
        assert_line(&b[i], i + 1 + (i >= 6), want[i + (i >= 6)]);
    const prof_function *fn = prof_file_functions(f, &n);
    assert_fn(&fn[0], "f", 1, 0, 0);
    const prof_branch *br = prof_file_branches(f, &n);
    assert_br(&br[0], 1, 0, 0, UINT64_MAX - 1); /* a count, not '-' */
    assert_br(&br[1], 1, 0, 1, UINT64_MAX - 1); /* plain digits too */
    prof_profile_free(p);
}

static void test_fnda_without_fn_dropped(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("SF:o.c\nFNDA:4,ghost\nFNDA:1,real\n"
                              "FN:2,real\nDA:2,1\nend_of_record\n",
                              &log);
    assert_int_equal(log.n, 1);
    assert_contains(log.last.msg, "skipped 1 function count without its "
                                  "function (FNDA; the first here: "
                                  "\"ghost\")");
    assert_int_equal(log.last.line, 2);
    size_t n;
    const prof_function *fn = prof_file_functions(only_file(p, "o.c"), &n);
    assert_int_equal(n, 1);
    assert_fn(&fn[0], "real", 2, 0, 1);
    prof_profile_free(p);
}

/* The reading policy (covkit-formats(5)): what real generators write out
 * of range is skipped or normalised, one warning per kind (code
 * PROF_EFORMAT) in the order their first records came; strict reading
 * makes the first one the error. */
static void test_damaged_records(void **state)
{
    (void)state;
    static const char text[] =
        "SF:d.c\n"                        /* 1 */
        "FN:0,top-level\nFNDA:2,top-level\n" /* Firefox: not an orphan */
        "DA:0,1\nBRDA:0,0,0,1\n"          /* 4, 5 */
        "FNL:7,0\nFNA:7,1,z\n"             /* FNA of a skipped FNL */
        "FN:3,\nFNDA:1,\n"                 /* 8, 9: no name */
        "FN:4,2,g\nFNDA:1,g\n"             /* 10: end before start */
        "FN:5,g\n"                         /* 12: defined again */
        "DA:4,NaN\nDA:5,1\nBRDA:5,0,0,nan\n" /* 13, 15 */
        "  continued text of a path\n"     /* 16 */
        "end_of_record\n"
        "SF:\nDA:1,1\nend_of_record\n"     /* 18: no path */
        "SF:e.c\nDA:1,1\n";               /* 21: not ended */
    warn_all log = {0};
    prof_profile *p = prof_profile_new();
    prof_error err;
    prof_profile_set_warn(p, warn_keep, &log);
    assert_int_equal(prof_read_buffer(p, text, strlen(text), "d.info", NULL,
                                      prof_format_find("lcov"), &err), 0);
    assert_int_equal(prof_profile_nfiles(p), 2);
    size_t n;
    const prof_file *f = find_file(p, "d.c");
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 2);
    assert_line(&b[0], 4, 0);
    assert_line(&b[1], 5, 1);
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 1);
    assert_fn(&fn[0], "g", 4, 0, 1);
    const prof_branch *br = prof_file_branches(f, &n);
    assert_int_equal(n, 1);
    assert_br(&br[0], 5, 0, 0, 0);
    static const want_warn want[] = {
        {2, "skipped 4 records at line 0 (FN, DA, BRDA, FNL; the first "
            "here)"},
        {8, "skipped 2 functions with an empty name (FN, FNDA; the first "
            "here)"},
        {10, "read 1 function ending before its start with an unknown end "
             "(FN; the first here)"},
        {12, "kept the first line of 1 function defined again at another "
             "line (FN; the first here: \"g\" at line 5, first at line 4)"},
        {13, "read 2 counts that are not numbers (NaN) as 0 (DA, BRDA; the "
             "first here)"},
        {16, "skipped 1 line in a section that is no record (text; the "
             "first here)"},
        {18, "skipped 1 section without a file path, records and all (SF; "
             "the first here)"},
        {21, "read 1 section still open at the end of the input (SF; the "
             "first here)"},
    };
    assert_warnings(&log, want, 8);
    prof_profile_free(p);

    p = prof_profile_new();
    prof_profile_set_strict(p, 1);
    assert_int_equal(prof_read_buffer(p, text, strlen(text), "d.info", NULL,
                                      prof_format_find("lcov"), &err),
                     PROF_EFORMAT);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.path, "d.info");
    assert_string_equal(err.msg, "a record at line 0 (FN), refused by strict "
                                 "reading");
    prof_profile_free(p);
}

/* A function name is one function of its file, as lcov and grcov key
 * them: Firefox writes "top-level" for every script of a file, at another
 * line in each TN section; the first line is kept (one warning), the
 * counts add up. */
static void test_function_name_per_file(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of("TN:a\nSF:x.js\nFN:41,top-level\n"
                              "FNDA:1,top-level\nDA:41,1\nend_of_record\n"
                              "TN:b\nSF:x.js\nFN:541,top-level\n"
                              "FNDA:2,top-level\nFN:9,f\nFNDA:0,f\n"
                              "DA:541,2\nend_of_record\n",
                              &log);
    assert_int_equal(log.n, 1);
    assert_int_equal(log.last.line, 9);
    assert_string_equal(log.last.msg,
                        "kept the first line of 1 function defined again "
                        "at another line (FN; the first here: "
                        "\"top-level\" at line 541, first at line 41)");
    size_t n;
    const prof_function *fn = prof_file_functions(only_file(p, "x.js"), &n);
    assert_int_equal(n, 2);
    assert_fn(&fn[0], "f", 9, 0, 0);
    assert_fn(&fn[1], "top-level", 41, 0, 3);
    prof_profile_free(p);
}

/* TN names become suites; records under an empty TN get the input's. */
static void test_test_names_are_suites(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("TN:unit\nSF:s.c\nFN:1,f\nFNDA:1,f\n"
                              "DA:1,1\nDA:2,0\nDA:3,4\nend_of_record\n"
                              "TN:e2e\nSF:s.c\nFN:1,f\nFNDA:2,f\n"
                              "DA:1,0\nDA:2,0\nDA:3,1\nBRDA:3,0,0,1\n"
                              "end_of_record\n"
                              "TN:\nSF:s.c\nDA:4,1\nend_of_record\n",
                              NULL);
    long unit = suite_index(p, "unit"), e2e = suite_index(p, "e2e");
    long in = suite_index(p, "in");
    assert_true(unit >= 0 && e2e >= 0 && in >= 0);
    size_t n;
    const prof_file *f = only_file(p, "s.c");
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 4);
    assert_line(&b[0], 1, 1);
    assert_true(prof_suites_has(p, b[0].suites, (size_t)unit));
    assert_false(prof_suites_has(p, b[0].suites, (size_t)e2e));
    assert_line(&b[1], 2, 0);
    assert_int_equal(b[1].suites, 0);
    assert_line(&b[2], 3, 5);
    assert_true(prof_suites_has(p, b[2].suites, (size_t)unit));
    assert_true(prof_suites_has(p, b[2].suites, (size_t)e2e));
    assert_false(prof_suites_has(p, b[2].suites, (size_t)in));
    assert_true(prof_suites_has(p, b[3].suites, (size_t)in));
    const prof_function *fn = prof_file_functions(f, &n);
    assert_true(prof_suites_has(p, fn[0].suites, (size_t)unit));
    assert_true(prof_suites_has(p, fn[0].suites, (size_t)e2e));
    const prof_branch *br = prof_file_branches(f, &n);
    assert_true(prof_suites_has(p, br[0].suites, (size_t)e2e));
    assert_false(prof_suites_has(p, br[0].suites, (size_t)unit));
    prof_profile_free(p);
}

/* ---- reader: errors ---- */

static void test_errors(void **state)
{
    (void)state;
    expect_error("TN:\nDA:1,1\n", 2, "expected 'SF:<path>' before");
    expect_error("SF:a.c\nDA:x,1\n", 2, "bad line number");
    expect_error("SF:a.c\nDA:1,lots\n", 2, "bad count");
    expect_error("SF:a.c\nDA:4294967296,1\n", 2, "line number out of range");
    expect_error("SF:a.c\nDA:-3,1\n", 2, "negative line number");
    expect_error("SF:a.c\nDA:3\n", 2, "missing field");
    expect_error("SF:a.c\nSF:b.c\n", 2, "began at line 1");
    expect_error("SF:a.c\nend_of_record\nend_of_record\n", 3,
                 "without an SF");
    expect_error("SF:a.c\nFN:3\n", 2, "missing function name");
    expect_error("SF:a.c\nFNDA:1\n", 2, "missing function name");
    expect_error("SF:a.c\nFN:x,f\n", 2, "bad line number");
    expect_error("SF:a.c\nFNA:0,1,f\n", 2, "no FNL with this index");
    expect_error("SF:a.c\nFNL:0,1\nFNL:0,2\n", 3, "index already defined");
    expect_error("SF:a.c\nBRDA:1,0,0\n", 2, "missing field");
    expect_error("SF:a.c\nBRDA:1,x,0,1\n", 2, "bad block number");
    expect_error("SF:a.c\nBRDA:1,0,0,maybe\n", 2, "bad count");
    expect_error("SF:a.c\nDA:1,1\nend_of_record\nhello world\n", 4,
                 "\"hello world\"");
    expect_error("SF:a.c\nDA:0,x\n", 2, "bad count");
    expect_error("SF:a.c\nFNA:0,1,\n", 2, "no FNL with this index");
}

/* The index of an FNL is per section: a new SF forgets it. */
static void test_fnl_index_per_section(void **state)
{
    (void)state;
    expect_error("SF:a.c\nFNL:0,1\nend_of_record\nSF:b.c\nFNA:0,1,f\n", 5,
                 "no FNL with this index");
}

static void test_detect(void **state)
{
    (void)state;
    const prof_format *lcov = prof_format_find("lcov");
    static const char *const yes[] = {
        "TN:\nSF:a.c\n",
        "\xef\xbb\xbf\n# comment\nSF:a.c\nDA:1,1\n",
        "VER:1\nSF:a.c\n",
        "FN:1,f\nDA:1,1\nSF:b.c\nDA:2,0\nend_of_record\n",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_ptr_equal(prof_format_detect(yes[i], strlen(yes[i])), lcov);
    static const char *const no[] = {"mode: set\na.go:1.1,2.2 1 1\n",
                                     "DA:1,1\n", "hello\n"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_ptr_not_equal(prof_format_detect(no[i], strlen(no[i])), lcov);
}

/* ---- writer ---- */

static char *lcov_text(const prof_profile *p, int version)
{
    prof_write_opts o = {.lcov_version = version};
    size_t len;
    return written_as(p, "lcov", &o, &len);
}

static const char writer_in[] =
    "TN:\nSF:z.c\nFN:9,g\nFN:2,10,f\nFN:12,f\nFN:2,f2\nFNDA:1,g\n"
    "FNDA:3,f\nFNDA:0,f2\nBRDA:3,0,1,-\nBRDA:3,0,0,2\nDA:3,2\nDA:2,3\n"
    "DA:9,0\nend_of_record\nSF:a.c\nDA:1,0\nend_of_record\n";

static void test_write_lcov1(void **state)
{
    (void)state;
    warn_log log = {0};
    prof_profile *p = lcov_of(writer_in, &log);
    assert_int_equal(log.n, 1); /* f at 12 after f at 2 */
    char *text = lcov_text(p, 0);
    assert_string_equal(text,
                        "TN:\nSF:a.c\nFNF:0\nFNH:0\nDA:1,0\nLF:1\nLH:0\n"
                        "end_of_record\n"
                        "TN:\nSF:z.c\nFN:2,f\nFN:2,f2\nFN:9,g\n"
                        "FNDA:3,f\nFNDA:0,f2\nFNDA:1,g\nFNF:3\nFNH:2\n"
                        "BRDA:3,0,0,2\nBRDA:3,0,1,-\nBRF:2\nBRH:1\n"
                        "DA:2,3\nDA:3,2\nDA:9,0\nLF:3\nLH:2\n"
                        "end_of_record\n");
    /* read back: the same model */
    prof_profile *q = lcov_of(text, NULL);
    char *again = lcov_text(q, 1);
    assert_string_equal(again, text);
    free(again);
    free(text);
    prof_profile_free(q);
    prof_profile_free(p);
}

static void test_write_lcov2(void **state)
{
    (void)state;
    prof_profile *p = lcov_of(writer_in, NULL);
    char *text = lcov_text(p, 2);
    assert_string_equal(text,
                        "TN:\nSF:a.c\nFNF:0\nFNH:0\nDA:1,0\nLF:1\nLH:0\n"
                        "end_of_record\n"
                        "TN:\nSF:z.c\nFNL:0,2,10\nFNA:0,3,f\nFNA:0,0,f2\n"
                        "FNL:1,9\nFNA:1,1,g\nFNF:2\nFNH:2\n"
                        "BRDA:3,0,0,2\nBRDA:3,0,1,-\nBRF:2\nBRH:1\n"
                        "DA:2,3\nDA:3,2\nDA:9,0\nLF:3\nLH:2\n"
                        "end_of_record\n");
    prof_profile *q = lcov_of(text, NULL);
    char *again = lcov_text(q, 2);
    assert_string_equal(again, text);
    free(again);
    free(text);
    prof_profile_free(q);
    prof_profile_free(p);
}

/* Go blocks: line 3 has a run block and a missed one (partial), line 5
 * only a missed one; the closing-brace line 6 does not count. */
static void test_write_go_partial_lines(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "m/p.go:3.10,3.20 1 4\n"
                                 "m/p.go:3.20,5.8 2 0\n"
                                 "m/p.go:5.8,6.2 1 0\n");
    char *text = lcov_text(p, 1);
    assert_string_equal(text, "TN:\nSF:m/p.go\nFNF:0\nFNH:0\n"
                              "BRDA:3,0,0,4\nBRDA:3,0,1,0\nBRF:2\nBRH:1\n"
                              "DA:3,4\nDA:4,0\nDA:5,0\nLF:3\nLH:1\n"
                              "end_of_record\n");
    free(text);
    prof_profile_free(p);
}

static void test_write_rejects_line_breaks(void **state)
{
    (void)state;
    prof_profile *p = lcov_of("SF:a.c\nFN:1,x\\ny\nDA:1,1\nend_of_record\n",
                              NULL);
    char *text = lcov_text(p, 1); /* a backslash is fine */
    assert_contains(text, "FN:1,x\\ny\n");
    free(text);
    prof_profile_free(p);
    p = profile_of("mode: set\nbad\rname.go:1.1,1.5 1 1\n");
    char *dir = temp_dir(), path[600];
    snprintf(path, sizeof path, "%s/out.info", dir);
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_write_file(p, path, prof_format_find("lcov"), &err),
                     PROF_EFORMAT);
    assert_contains(err.msg, "line break");
    assert_int_equal(access(path, F_OK), -1); /* nothing left behind */
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lcov1_section),
        cmocka_unit_test(test_function_names_and_end_lines),
        cmocka_unit_test(test_fnl_fna),
        cmocka_unit_test(test_end_before_start_unknown),
        cmocka_unit_test(test_lcov2_branches),
        cmocka_unit_test(test_duplicate_sections_merge),
        cmocka_unit_test(test_crlf_bom_comments),
        cmocka_unit_test(test_missing_end_of_record),
        cmocka_unit_test(test_unknown_records_warn_once),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_damaged_records),
        cmocka_unit_test(test_function_name_per_file),
        cmocka_unit_test(test_fnda_without_fn_dropped),
        cmocka_unit_test(test_test_names_are_suites),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fnl_index_per_section),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_write_lcov1),
        cmocka_unit_test(test_write_lcov2),
        cmocka_unit_test(test_write_go_partial_lines),
        cmocka_unit_test(test_write_rejects_line_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
