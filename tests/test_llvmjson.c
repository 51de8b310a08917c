/* test_llvmjson.c - unit tests of the llvm-cov export JSON reader. */
#include "helpers.h"

/* Run from the top of the tree (make test does). */
#define TD "testdata/llvm-json/"

#define DOC(files, functions)                                                  \
    "{\"data\":[{\"files\":[" files "],\"functions\":[" functions              \
    "]}],\"type\":\"llvm.coverage.json.export\",\"version\":\"2.0.1\"}"
#define SEGS(segs) "{\"filename\":\"/s/a.c\",\"segments\":[" segs "]}"

/* TEXT read as llvm-json under label "t"; warnings go to LOG if given. */
static prof_profile *lj_of(const char *text, warn_log *log)
{
    return text_as("llvm-json", "t.json", "t", text, log);
}

/* The lcov covkit writes of P (the caller frees it). */
static char *lcov_of(const prof_profile *p)
{
    size_t len;
    return write_text(p, "lcov", &len);
}

/* ---- real exports against llvm-cov's lcov export of the same run ---- */

/* JSON read as llvm-json and INFO (llvm-cov export -format=lcov of the
 * same run) read as lcov make one model: their lcov is the same. */
static void assert_same_as_lcov(const char *json, const char *info)
{
    prof_profile *a = file_as(json, "llvm-json");
    prof_profile *b = file_as(info, "lcov");
    size_t n, nb = 0, nf = 0;
    for (size_t i = 0; i < prof_profile_nfiles(a); i++) {
        prof_file_branches(prof_profile_file(a, i), &n);
        nb += n;
        prof_file_functions(prof_profile_file(a, i), &n);
        nf += n;
    }
    assert_true(prof_profile_nfiles(a) > 0 && nb > 0 && nf > 0);
    char *x = lcov_of(a), *y = lcov_of(b);
    assert_string_equal(x, y);
    free(x);
    free(y);
    prof_profile_free(a);
    prof_profile_free(b);
}

static void test_real_exports(void **state)
{
    (void)state;
    assert_same_as_lcov(TD "c14.json", TD "c14.info");
    assert_same_as_lcov(TD "cpp19.json", TD "cpp19.info");
    assert_same_as_lcov(TD "mcdc19.json", TD "mcdc19.info");
}

/* ---- detection ---- */

static void test_detect(void **state)
{
    (void)state;
    const prof_format *lj = prof_format_find("llvm-json");
    size_t len = 0;
    char *real = slurp(TD "cpp19.json", &len);
    assert_non_null(real);
    assert_ptr_equal(prof_format_detect(real, len), lj);
    free(real);
    static const char first[] = "{ \"type\" : \"llvm.coverage.json.export\","
                                " \"data\": []}";
    assert_ptr_equal(prof_format_detect(first, strlen(first)), lj);
    /* gcov JSON and covkit JSON are not taken, nor the name as a value
     * of another key */
    static const char gcov[] = "{\"gcc_version\":\"12\",\"format_version\":"
                               "\"1\",\"files\":[{\"file\":"
                               "\"llvm.coverage.json.export\"}]}";
    assert_ptr_not_equal(prof_format_detect(gcov, strlen(gcov)), lj);
    static const char covkit[] = "{\"covkit\":1,\"type\":\"x\"}";
    assert_ptr_not_equal(prof_format_detect(covkit, strlen(covkit)), lj);
    /* the key must be near the start or the end */
    char big[12000];
    int k = snprintf(big, sizeof big, "{\"pad\":\"");
    memset(big + k, 'x', 5000);
    k += 5000;
    k += snprintf(big + k, sizeof big - (size_t)k,
                  "\",\"type\":\"llvm.coverage.json.export\",\"p\":\"");
    memset(big + k, 'x', 5000);
    snprintf(big + k + 5000, sizeof big - (size_t)k - 5000, "\"}");
    assert_ptr_not_equal(prof_format_detect(big, strlen(big)), lj);
}

/* ---- lines ---- */

/* Line L of P's only file has HITS (or is not mapped: HITS -1). */
static void assert_line(const prof_profile *p, uint32_t l, long long hits)
{
    size_t n;
    const prof_block *b = prof_file_blocks(prof_profile_file(p, 0), &n);
    for (size_t i = 0; i < n; i++)
        if (b[i].start_line == l) {
            assert_true(hits >= 0);
            assert_block(&b[i], l, 0, l, 0, 1, hits);
            return;
        }
    assert_true(hits < 0);
}

static void test_lines(void **state)
{
    (void)state;
    /* 1-3: a region with count 5 from line 1, 4 between regions and
     * wrapped by a region without count, 5 a skipped region's start
     * with a counted entry after it, 6 a gap region's entry alone
     * (wrapped count 7), 7 two entries (the larger), 9 wrapped by a
     * counted region without an entry of its own, nothing after the last
     * segment's line */
    prof_profile *p = lj_of(DOC(SEGS("[1,1,5,true,true,false],"
                                     "[3,9,0,false,false,false],"
                                     "[5,1,0,false,true,false],"
                                     "[5,4,3,true,true,false],"
                                     "[5,9,7,true,false,false],"
                                     "[6,2,0,true,true,true],"
                                     "[7,1,2,true,true,false],"
                                     "[7,5,9,true,true,false],"
                                     "[10,1,0,false,false,false]"),
                                ""),
                            NULL);
    assert_line(p, 1, 5);
    assert_line(p, 2, 5);
    assert_line(p, 3, 5);
    assert_line(p, 4, -1);
    assert_line(p, 5, 3);
    assert_line(p, 6, 7);
    assert_line(p, 7, 9);
    assert_line(p, 8, 9);
    assert_line(p, 9, 9);
    assert_line(p, 10, 9);
    assert_line(p, 11, -1);
    prof_profile_free(p);
    /* a skipped region alone (no count): its line is not mapped */
    p = lj_of(DOC(SEGS("[2,1,0,false,true,false],[4,1,0,false,false,false]"),
                  ""),
              NULL);
    assert_int_equal(prof_profile_nfiles(p), 1);
    assert_line(p, 2, -1);
    assert_line(p, 3, -1);
    prof_profile_free(p);
}

/* ---- branches and functions ---- */

#define BR_FILE                                                                \
    "{\"filename\":\"/s/a.c\",\"branches\":[[3,5,3,9,0,0,0,0,4],"              \
    "[2,5,2,9,4,1,0,0,4],[3,12,3,20,0,0,0,0,4],[2,12,2,20,0,2,0,0,4]],"        \
    "\"expansions\":[{\"source_region\":[2,30,2,40,6,0,1,1],\"branches\":"     \
    "[[9,1,9,5,6,0,1,0,4]],\"filenames\":[\"/s/a.c\",\"/s/m.h\"]}]}"
#define BR_FN                                                                  \
    "{\"name\":\"f\",\"count\":4,\"filenames\":[\"/s/a.c\"],\"regions\":"      \
    "[[1,10,4,2,4,0,0,0],[2,5,2,9,4,0,0,0]],\"branches\":"                     \
    "[[3,12,3,20,0,0,0,0,4]]},"                                                \
    "{\"name\":\"g\",\"count\":0,\"filenames\":[\"/s/other.c\"],"              \
    "\"regions\":[[8,1,9,2,0,0,0,0]]}"

/* Branch I of F is (LINE, BLOCK, BRANCH) taken TAKEN. */
static void assert_branch(const prof_file *f, size_t i, uint32_t line,
                          uint32_t block, uint32_t branch, uint64_t taken)
{
    size_t n;
    const prof_branch *b = prof_file_branches(f, &n);
    assert_true(i < n);
    assert_int_equal(b[i].line, line);
    assert_int_equal(b[i].block, block);
    assert_int_equal(b[i].branch, branch);
    assert_int_equal(b[i].taken, taken);
}

static void test_branches_functions(void **state)
{
    (void)state;
    /* line 3's first 0-0 branch is in no function: folded, left out; the
     * expansion's goes to line 2, ordered there by its column in the
     * macro (1) as the lcov export orders it; g's file is not listed: g
     * is left out */
    prof_profile *p = lj_of(DOC(BR_FILE, BR_FN), NULL);
    assert_int_equal(prof_profile_nfiles(p), 1);
    const prof_file *f = prof_profile_file(p, 0);
    size_t n;
    prof_file_branches(f, &n);
    assert_int_equal(n, 8);
    assert_branch(f, 0, 2, 0, 0, 6);
    assert_branch(f, 1, 2, 0, 1, 0);
    assert_branch(f, 2, 2, 1, 2, 4);
    assert_branch(f, 3, 2, 1, 3, 1);
    assert_branch(f, 4, 2, 2, 4, 0);
    assert_branch(f, 5, 2, 2, 5, 2);
    assert_branch(f, 6, 3, 0, 0, PROF_NOT_EVALUATED);
    assert_branch(f, 7, 3, 0, 1, PROF_NOT_EVALUATED);
    const prof_function *fn = prof_file_functions(f, &n);
    assert_int_equal(n, 1);
    assert_string_equal(fn[0].name, "f");
    assert_int_equal(fn[0].start_line, 1);
    assert_int_equal(fn[0].start_col, 10);
    assert_int_equal(fn[0].end_line, 4);
    assert_int_equal(fn[0].hits, 4);
    prof_profile_free(p);
    /* without "functions", no branch can be told folded: all are kept */
    static const char nofn[] = "{\"data\":[{\"files\":[" BR_FILE "]}]}";
    p = lj_of(nofn, NULL);
    prof_file_branches(prof_profile_file(p, 0), &n);
    assert_int_equal(n, 10);
    prof_profile_free(p);
}

/* ---- damaged records ---- */

static void test_damaged(void **state)
{
    (void)state;
    warn_log log = {0};
    /* a segment at line 0 skipped, a negative count read as 0, a function
     * without a name skipped */
    prof_profile *p = lj_of(DOC(SEGS("[0,1,5,true,true,false],"
                                     "[2,1,-4,true,true,false],"
                                     "[3,1,0,false,false,false]"),
                                "{\"name\":\"\",\"count\":1,\"filenames\":"
                                "[\"/s/a.c\"],\"regions\":[[2,1,3,1,1,0,0,"
                                "0]]}"),
                            &log);
    assert_int_equal(log.n, 3);
    assert_line(p, 1, -1);
    assert_line(p, 2, 0);
    size_t n;
    prof_file_functions(prof_profile_file(p, 0), &n);
    assert_int_equal(n, 0);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_exports),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_branches_functions),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
