/* test_func.c - unit tests of the func and percent report writers. */
#include "helpers.h"

/* Functions whose names cross multiples of 8 (1, 7, 8 and 16 characters),
 * with known and unknown end lines, in two directories whose files sort
 * differently by path (src/sub/y.c) and by package (src, then src/sub). */
static const char lcov_in[] =
    "TN:\nSF:src/x.c\nFN:1,4,f\nFN:6,9,name_of_width_16\nFN:20,abcdefg\n"
    "FN:30,abcdefgh\nFNDA:1,f\nFNDA:0,name_of_width_16\nFNDA:2,abcdefg\n"
    "FNDA:0,abcdefgh\nDA:1,1\nDA:2,0\nDA:3,1\nDA:4,1\nDA:6,0\nDA:7,0\n"
    "DA:20,2\nDA:30,0\nend_of_record\n"
    "SF:src/sub/y.c\nFN:3,5,g\nFNDA:1,g\nDA:3,1\nDA:4,1\nDA:5,0\n"
    "end_of_record\n"
    "SF:src/z.c\nDA:1,5\nend_of_record\n";

/* The cells (file:line:, name, P) written through Go 1.23's
 * text/tabwriter.NewWriter(w, 1, 8, 1, '\t', 0) gave exactly this. P: f
 * 3 of lines 1-4 hit; name_of_width_16 none of 6-9; abcdefg / abcdefgh
 * have no end line, so entered or not; g 2 of 3; total 7 of 12 lines. */
static const char func_out[] =
    "src/x.c:1:\tf\t\t\t75.0%\n"
    "src/x.c:6:\tname_of_width_16\t0.0%\n"
    "src/x.c:20:\tabcdefg\t\t\t100.0%\n"
    "src/x.c:30:\tabcdefgh\t\t0.0%\n"
    "src/sub/y.c:3:\tg\t\t\t66.7%\n"
    "total\t\t(statements)\t\t58.3%\n";

static void test_layout(void **state)
{
    (void)state;
    prof_profile *p = profile_of(lcov_in);
    size_t len;
    char *text = write_text(p, "func", &len);
    assert_string_equal(text, func_out);
    free(text);
    prof_profile_free(p);
}

/* A profile with no function has only the total row (formats.md 1.4). */
static void test_no_functions(void **state)
{
    (void)state;
    prof_profile *p = profile_of("SF:a.c\nDA:1,1\nDA:2,0\nend_of_record\n");
    size_t len;
    char *text = write_text(p, "func", &len);
    assert_string_equal(text, "total\t(statements)\t50.0%\n");
    free(text);
    prof_profile_free(p);
}

/* 1/16 and 3/16 give the ties 6.25 and 18.75: Go's %.1f prints 6.2 and
 * 18.8 (checked with Go 1.23's fmt), as glibc does. A package whose
 * blocks have no statement gets no figure and no newline, as covdata
 * percent prints it (testdata/func/README.md). */
static void test_percent(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\n"
                                 "m/a/a.go:1.1,2.2 1 1\n"
                                 "m/a/a.go:3.1,4.2 15 0\n"
                                 "m/b/b.go:1.1,2.2 3 1\n"
                                 "m/b/b.go:3.1,4.2 13 0\n"
                                 "m/c/c.go:1.1,1.2 0 1\n"
                                 "m/d.go:1.1,1.9 1 1\n");
    size_t len;
    char *text = write_text(p, "percent", &len);
    assert_string_equal(text, "\tm\t\tcoverage: 100.0% of statements\n"
                              "\tm/a\t\tcoverage: 6.2% of statements\n"
                              "\tm/b\t\tcoverage: 18.8% of statements\n"
                              "\tm/c\t\t");
    free(text);
    prof_profile_free(p);
}

/* PATH's text written as func with source roots ROOT (NULL: none) and
 * the warnings into LOG. */
static char *func_with_sources(const prof_profile *p, const char *root,
                               warn_log *log)
{
    char *dir = temp_dir();
    char path[600];
    snprintf(path, sizeof path, "%s/out", dir);
    prof_error err;
    memset(&err, 0, sizeof err);
    prof_sources *s = prof_sources_new();
    assert_non_null(s);
    if (root)
        assert_int_equal(prof_sources_add_root(s, root, &err), 0);
    prof_write_opts o;
    memset(&o, 0, sizeof o);
    o.sources = s;
    o.warn = warn_collect;
    o.warn_ctx = log;
    if (prof_write_file_opts(p, path, prof_format_find("func"), &o, &err))
        fail_msg("write failed: %s: %s", err.path, err.msg);
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(text);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    prof_sources_free(s);
    return text;
}

static prof_profile *read_files(const char *const *paths, size_t n)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        if (prof_read_file(p, paths[i], NULL, NULL, &err))
            fail_msg("read failed: %s: %s", err.path, err.msg);
    return p;
}

/* The inputs IN[0..N) as func with the sources of testdata/gomod must give
 * cover.func.txt, which go tool cover -func printed for its cover.out
 * (testdata/gomod/README.md), with WARNINGS warnings. */
static void expect_gomod_table(const char *const *in, size_t n, int warnings)
{
    prof_profile *p = read_files(in, n);
    warn_log log = {0};
    char *text = func_with_sources(p, "testdata/gomod", &log);
    size_t rlen;
    char *ref = slurp("testdata/gomod/cover.func.txt", &rlen);
    assert_non_null(ref);
    assert_string_equal(text, ref);
    assert_int_equal(log.n, warnings);
    free(text);
    free(ref);
    prof_profile_free(p);
}

/* A Go text profile: go tool cover -func's table from the sources, here
 * the multi-module tree. */
static void test_go_text(void **state)
{
    (void)state;
    static const char *const in[] = {"testdata/gomod/cover.out"};
    expect_gomod_table(in, 1, 0);
}

/* A source that is not found: one warning naming the file, no rows for
 * it, and its statements out of the total (go tool cover fails). */
static void test_go_text_missing_source(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\n"
                                 "example.com/root/gone.go:3.1,4.2 5 1\n"
                                 "example.com/root/gone.go:5.1,6.2 5 1\n"
                                 "example.com/root/root.go:7.22,9.25 2 1\n"
                                 "example.com/root/root.go:9.25,11.3 1 0\n"
                                 "example.com/root/root.go:12.2,12.14 1 1\n");
    warn_log log = {0};
    char *text = func_with_sources(p, "testdata/gomod", &log);
    assert_string_equal(text, "example.com/root/root.go:7:\tArea\t\t75.0%\n"
                              "example.com/root/root.go:15:\tunused\t\t0.0%\n"
                              "total:\t\t\t\t(statements)\t75.0%\n");
    assert_int_equal(log.n, 1);
    assert_string_equal(log.last.path, "example.com/root/gone.go");
    assert_contains(log.last.msg, "source not found");
    free(text);
    prof_profile_free(p);
}

/* Text merged with a GOCOVERDIR: the text profile's table (what go tool
 * cover -func prints for covmerge's output), not covdata's: the covdata
 * files' sources are looked up as well, and are missing here (a.go,
 * b/b.go, c.go, d/d.go: four warnings). */
static void test_go_text_with_covdata(void **state)
{
    (void)state;
    static const char *const in[] = {"testdata/gomod/cover.out",
                                     "testdata/func/edge.count"};
    expect_gomod_table(in, 2, 4);
}

/* The covdata reader's functions give covdata func's rows: the demo of
 * testdata/covdata against `go tool covdata func` on it. */
static void test_covdata_dir(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_non_null(p);
    if (prof_read_file(p, "testdata/func/edge.count", NULL, NULL, &err))
        fail_msg("read failed: %s: %s", err.path, err.msg);
    size_t len, rlen;
    char *text = write_text(p, "func", &len);
    char *ref = slurp("testdata/func/edge.func.txt", &rlen);
    assert_non_null(ref);
    assert_string_equal(text, ref);
    free(text);
    free(ref);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_no_functions),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_go_text),
        cmocka_unit_test(test_go_text_missing_source),
        cmocka_unit_test(test_go_text_with_covdata),
        cmocka_unit_test(test_covdata_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
