/* test_roundtrip.c - lcov and Cobertura: read, write, read back losslessly. */
#include "helpers.h"

/* A tracefile with what lcov carries: two files, functions with end lines
 * (hit and not), a zero and a huge count, branches taken, not taken and
 * not evaluated ('-'), in two blocks of one line. */
static const char hand_info[] =
    "TN:\n"
    "SF:/src/lib/util.c\n"
    "FN:3,9,util_init\n"
    "FN:12,20,util_free\n"
    "FNDA:7,util_init\n"
    "FNDA:0,util_free\n"
    "DA:3,7\n"
    "DA:4,7\n"
    "DA:5,18446744073709551615\n"
    "DA:9,7\n"
    "DA:12,0\n"
    "DA:13,0\n"
    "BRDA:4,0,0,5\n"
    "BRDA:4,0,1,2\n"
    "BRDA:4,1,0,0\n"
    "BRDA:4,1,1,7\n"
    "BRDA:13,0,0,-\n"
    "BRDA:13,0,1,-\n"
    "end_of_record\n"
    "SF:/src/main.c\n"
    "FN:1,main\n"
    "FNDA:1,main\n"
    "DA:1,1\n"
    "DA:2,1\n"
    "DA:4,0\n"
    "BRDA:2,0,0,1\n"
    "BRDA:2,0,1,0\n"
    "end_of_record\n";

/* Fail unless A and B hold the same files, blocks (range, hits),
 * functions (name, start line, hits; end line too with ENDS: lcov 1's
 * 'FN:<line>,<name>' has none) and branches (all fields). */
static void assert_same_model(const prof_profile *a, const prof_profile *b,
                              int ends)
{
    assert_int_equal(prof_profile_nfiles(a), prof_profile_nfiles(b));
    for (size_t i = 0; i < prof_profile_nfiles(a); i++) {
        const prof_file *fa = prof_profile_file(a, i);
        const prof_file *fb = prof_profile_file(b, i);
        assert_string_equal(prof_file_path(fa), prof_file_path(fb));
        size_t na, nb;
        const prof_block *ba = prof_file_blocks(fa, &na);
        const prof_block *bb = prof_file_blocks(fb, &nb);
        assert_int_equal(na, nb);
        for (size_t k = 0; k < na; k++)
            assert_block(&bb[k], ba[k].start_line, ba[k].start_col,
                         ba[k].end_line, ba[k].end_col, ba[k].stmts,
                         ba[k].hits);
        const prof_function *ua = prof_file_functions(fa, &na);
        const prof_function *ub = prof_file_functions(fb, &nb);
        assert_int_equal(na, nb);
        for (size_t k = 0; k < na; k++) {
            assert_string_equal(ua[k].name, ub[k].name);
            assert_int_equal(ua[k].start_line, ub[k].start_line);
            if (ends)
                assert_int_equal(ua[k].end_line, ub[k].end_line);
            assert_int_equal(ua[k].hits, ub[k].hits);
        }
        const prof_branch *ra = prof_file_branches(fa, &na);
        const prof_branch *rb = prof_file_branches(fb, &nb);
        assert_int_equal(na, nb);
        for (size_t k = 0; k < na; k++) {
            assert_int_equal(ra[k].line, rb[k].line);
            assert_int_equal(ra[k].block, rb[k].block);
            assert_int_equal(ra[k].branch, rb[k].branch);
            assert_int_equal(ra[k].taken, rb[k].taken);
        }
    }
}

/* P written as FMT (lcov VERSION for lcov) to a temporary directory and
 * read back as FMT; the caller frees the result. */
static prof_profile *round_trip(const prof_profile *p, const char *fmt,
                                int version)
{
    char *dir = temp_dir(), path[700];
    prof_write_opts o;
    prof_error err;
    memset(&o, 0, sizeof o);
    memset(&err, 0, sizeof err);
    o.lcov_version = version;
    o.source_root = "/";
    snprintf(path, sizeof path, "%s/out", dir);
    if (prof_write_file_opts(p, path, prof_format_find(fmt), &o, &err) != 0)
        fail_msg("write %s failed: %s: %s", fmt, err.path, err.msg);
    prof_profile *q = file_as(path, fmt);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    return q;
}

/* The number of branches of P with TAKEN (or all with ALL). */
static size_t count_branches(const prof_profile *p, uint64_t taken, int all)
{
    size_t total = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t n;
        const prof_branch *br =
            prof_file_branches(prof_profile_file(p, i), &n);
        for (size_t k = 0; k < n; k++)
            total += all || br[k].taken == taken;
    }
    return total;
}

/* lcov -> model -> lcov (version 1 and 2) -> model keeps everything. */
static void test_lcov_hand(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_read_buffer(p, hand_info, strlen(hand_info),
                                      "hand.info", NULL,
                                      prof_format_find("lcov"), &err),
                     0);
    /* the input really has what the round trip must keep */
    assert_int_equal(count_branches(p, 0, 1), 8);
    assert_int_equal(count_branches(p, PROF_NOT_EVALUATED, 0), 2);
    size_t n;
    const prof_block *b = blocks_of(p, "/src/lib/util.c", &n);
    assert_int_equal(n, 6);
    assert_int_equal(b[2].hits, UINT64_MAX);
    for (int version = 1; version <= 2; version++) {
        prof_profile *q = round_trip(p, "lcov", version);
        assert_same_model(p, q, version == 2);
        prof_profile *r = round_trip(q, "lcov", version);
        assert_same_model(q, r, 1);
        prof_profile_free(r);
        prof_profile_free(q);
    }
    prof_profile_free(p);
}

/* The same on lcov 1.16's own tracefiles of zlib (with branches). */
static void test_lcov_zlib(void **state)
{
    (void)state;
    static const char *const in[] = {"testdata/lcov/zlib-A.branch.info.gz",
                                     "testdata/lcov/zlib-B.branch.info.gz"};
    for (size_t i = 0; i < 2; i++) {
        prof_profile *p = file_as(in[i], "lcov");
        assert_true(prof_profile_nfiles(p) > 10);
        assert_true(count_branches(p, 0, 1) > 1000);
        for (int version = 1; version <= 2; version++) {
            prof_profile *q = round_trip(p, "lcov", version);
            assert_same_model(p, q, version == 2);
            prof_profile_free(q);
        }
        prof_profile_free(p);
    }
}

/* Cobertura -> model -> Cobertura -> model keeps everything: the first
 * read is the reference (Cobertura carries no block ids or per-branch
 * counts, so the model read from Cobertura is what must survive). */
static void test_cobertura(void **state)
{
    (void)state;
    static const char *const in[] = {"testdata/cobertura/hand.xml",
                                     "testdata/cobertura/hand.expected.xml",
                                     "testdata/cobertura/go-small.expected.xml",
                                     "testdata/cobertura/zlib-A.gcovr.xml.gz"};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        prof_profile *p = file_as(in[i], "cobertura");
        assert_true(prof_profile_nfiles(p) > 0);
        prof_profile *q = round_trip(p, "cobertura", 0);
        assert_same_model(p, q, 1);
        prof_profile *r = round_trip(q, "cobertura", 0);
        assert_same_model(q, r, 1);
        prof_profile_free(r);
        prof_profile_free(q);
        prof_profile_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lcov_hand),
        cmocka_unit_test(test_lcov_zlib),
        cmocka_unit_test(test_cobertura),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
