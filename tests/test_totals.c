/* test_totals.c - unit tests of per-suite totals (prof_profile_suite_totals). */
#include "helpers.h"

/* P's totals after prof_profile_keep_suite(NAME) on a fresh read of the
 * same inputs: READ fills a new profile the way P was filled. */
typedef prof_profile *(*totals_read_fn)(void);

static prof_totals kept_totals(totals_read_fn read, const char *name)
{
    prof_profile *p = read();
    prof_error err;
    assert_int_equal(prof_profile_keep_suite(p, name, &err), 0);
    prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        assert_int_equal(prof_file_totals(prof_profile_file(p, i), &t), 0);
    prof_profile_free(p);
    return t;
}

static void assert_count(prof_count a, prof_count b)
{
    assert_int_equal(a.found, b.found);
    assert_int_equal(a.hit, b.hit);
}

/* Every suite of READ's profile: suite totals equal keep_suite's totals. */
static void check_suites(totals_read_fn read, size_t want_suites)
{
    prof_profile *p = read();
    assert_int_equal(prof_profile_nsuites(p), want_suites);
    uint64_t hit_sum = 0;
    for (size_t s = 0; s < prof_profile_nsuites(p); s++) {
        prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
        assert_int_equal(prof_profile_suite_totals(p, s, &t), 0);
        prof_totals k = kept_totals(read, prof_profile_suite(p, s));
        assert_count(t.lines, k.lines);
        assert_count(t.branches, k.branches);
        assert_count(t.functions, k.functions);
        assert_count(t.stmts, k.stmts);
        hit_sum += t.lines.hit;
    }
    assert_true(hit_sum > 0); /* not all zero: the test can fail */
    prof_totals none = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    assert_int_equal(prof_profile_suite_totals(p, want_suites, &none),
                     PROF_EINVAL);
    prof_profile_free(p);
}

static void read_into(prof_profile *p, const char *text, const char *name,
                      const char *label)
{
    prof_error err;
    if (read_text(p, text, name, label, &err) != 0)
        fail_msg("%s:%lu: %s", err.path, err.line, err.msg);
}

/* Two lcov inputs: lines, branches (one never evaluated), functions. */
static prof_profile *two_lcov(void)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    read_into(p,
              "SF:a.c\nFN:1,f\nFN:5,g\nFNDA:3,f\nFNDA:0,g\n"
              "DA:1,3\nDA:2,3\nDA:3,0\nDA:5,0\nDA:6,0\n"
              "BRDA:2,0,0,3\nBRDA:2,0,1,0\nBRDA:6,0,0,-\nBRDA:6,0,1,-\n"
              "end_of_record\nSF:b.c\nDA:1,1\nDA:2,0\nend_of_record\n",
              "unit.info", "unit");
    read_into(p,
              "SF:a.c\nFN:1,f\nFN:5,g\nFNDA:0,f\nFNDA:2,g\n"
              "DA:1,0\nDA:2,0\nDA:3,0\nDA:5,2\nDA:6,2\n"
              "BRDA:2,0,0,0\nBRDA:2,0,1,0\nBRDA:6,0,0,2\nBRDA:6,0,1,0\n"
              "end_of_record\n",
              "system.info", "system");
    return p;
}

/* Two Go inputs with multi-line blocks (lines derived from blocks, a
 * line hit by one suite's block and missed by another's). */
static prof_profile *two_go(void)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    read_into(p,
              "mode: count\nm/a.go:3.10,5.2 2 1\nm/a.go:5.2,7.3 1 0\n"
              "m/a.go:9.1,9.20 1 4\n",
              "unit.out", "unit");
    read_into(p,
              "mode: count\nm/a.go:3.10,5.2 2 0\nm/a.go:5.2,7.3 1 5\n"
              "m/a.go:9.1,9.20 1 0\n",
              "e2e.out", "e2e");
    return p;
}

/* jq's real tracefiles of two runs (testdata/corpus). */
static prof_profile *two_jq(void)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    const char *names[] = {"A", "B"};
    for (int i = 0; i < 2; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/c/jq/lcov/%s.branch.info",
                 corpus_dir(), names[i]);
        prof_error err;
        if (prof_read_file(p, path, names[i], NULL, &err) != 0)
            fail_msg("%s: %s", err.path, err.msg);
    }
    return p;
}

static void test_lcov_suites(void **state)
{
    (void)state;
    check_suites(two_lcov, 2);
    prof_profile *p = two_lcov();
    prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    assert_int_equal(prof_profile_suite_totals(p, 1, &t), 0); /* system */
    assert_int_equal(t.lines.found, 7);
    assert_int_equal(t.lines.hit, 2);
    assert_int_equal(t.functions.hit, 1);
    assert_int_equal(t.branches.found, 4);
    assert_int_equal(t.branches.hit, 1);
    prof_profile_free(p);
}

static void test_go_suites(void **state)
{
    (void)state;
    check_suites(two_go, 2);
}

static void test_jq_suites(void **state)
{
    (void)state;
    check_suites(two_jq, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lcov_suites),
        cmocka_unit_test(test_go_suites),
        cmocka_unit_test(test_jq_suites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
