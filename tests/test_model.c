/* test_model.c - unit tests of the model: paths, order, lines, names. */
#include "helpers.h"

/* ---- paths ---- */

static void test_path_normalisation(void **state)
{
    (void)state;
    static const char *const same[] = {"./a/b.go", "a\\b.go", "a/./b.go",
                                       "a//b.go", ".\\a\\.\\b.go",
                                       "a/b.go"};
    char text[128];
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        snprintf(text, sizeof text, "mode: count\n%s:1.1,1.5 1 %zu\n",
                 same[i], i + 1);
        prof_profile *p = profile_of(text);
        assert_int_equal(prof_profile_nfiles(p), 1);
        const char *got = prof_file_path(prof_profile_file(p, 0));
        if (strcmp(got, "a/b.go"))
            fail_msg("%s normalised to %s, expected a/b.go", same[i], got);
        prof_profile_free(p);
    }
    /* all spellings are one file, their blocks merged */
    prof_profile *p = prof_profile_new();
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        snprintf(text, sizeof text, "mode: count\n%s:1.1,1.5 1 %zu\n",
                 same[i], i + 1);
        prof_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(read_text(p, text, "x.out", NULL, &err), 0);
    }
    assert_int_equal(prof_profile_nfiles(p), 1);
    size_t n;
    assert_block(blocks_of(p, "a/b.go", &n), 1, 1, 1, 5, 1, 21);
    prof_profile_free(p);
}

static void test_paths_left_alone(void **state)
{
    (void)state;
    static const char *const kept[] = {".hidden/x.go", "x./y.go", "a/b./c.go",
                                       "/abs/p.go", "example.com/m/v2/z.go"};
    char text[128];
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        snprintf(text, sizeof text, "mode: set\n%s:1.1,1.5 1 1\n", kept[i]);
        prof_profile *p = profile_of(text);
        assert_string_equal(prof_file_path(prof_profile_file(p, 0)), kept[i]);
        prof_profile_free(p);
    }
}

/* ---- order ---- */

static void test_files_sorted_bytewise(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\n"
                                 "b.go:1.1,1.5 1 1\n"
                                 "\xc3\xa9.go:1.1,1.5 1 1\n"
                                 "a/z.go:1.1,1.5 1 1\n"
                                 "a.go:1.1,1.5 1 1\n"
                                 "B.go:1.1,1.5 1 1\n"
                                 "a-b/x.go:1.1,1.5 1 1\n"
                                 "z.go:1.1,1.5 1 1\n");
    static const char *const want[] = {"B.go",   "a-b/x.go", "a.go",
                                       "a/z.go", "b.go",     "z.go",
                                       "\xc3\xa9.go"};
    assert_int_equal(prof_profile_nfiles(p), 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(prof_file_path(prof_profile_file(p, i)), want[i]);
    assert_null(prof_profile_file(p, 7));
    prof_profile_free(p);
}

static void test_blocks_sorted(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_profile_set_overlap_keep(p, 1);
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, "mode: count\n"
                                  "a.go:10.1,12.2 1 1\n"
                                  "a.go:2.5,2.9 1 2\n"
                                  "a.go:2.1,3.1 1 3\n"
                                  "a.go:2.1,2.4 1 4\n"
                                  "a.go:1.20,1.30 1 5\n"
                                  "a.go:1.3,1.10 1 6\n",
                               "s.out", NULL, &err),
                     0);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 6);
    assert_block(&b[0], 1, 3, 1, 10, 1, 6);
    assert_block(&b[1], 1, 20, 1, 30, 1, 5);
    assert_block(&b[2], 2, 1, 2, 4, 1, 4);
    assert_block(&b[3], 2, 1, 3, 1, 1, 3);
    assert_block(&b[4], 2, 5, 2, 9, 1, 2);
    assert_block(&b[5], 10, 1, 12, 2, 1, 1);
    prof_profile_free(p);
}

/* ---- blocks to lines ---- */

static void test_file_lines(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "l.go:1.10,1.30 1 2\n"  /* one line */
                                 "l.go:3.10,6.2 3 4\n"   /* end col 2 */
                                 "l.go:6.2,6.20 1 0\n"   /* only it on 6 */
                                 "l.go:8.10,10.3 2 0\n"  /* end col 3 */
                                 "l.go:10.5,10.20 1 6\n" /* partial 10 */
                                 "l.go:12.1,12.5 1 3\n"  /* max on 12 */
                                 "l.go:12.6,12.9 1 8\n"
                                 "l.go:14.1,14.5 1 0\n" /* both missed */
                                 "l.go:14.6,14.9 1 0\n"
                                 "l.go:16.1,16.5 1 0\n" /* 0, 5, 1 */
                                 "l.go:16.6,16.9 1 5\n"
                                 "l.go:16.10,17.1 1 1\n");
    static const prof_line want[] = {
        {1, 2, 0},  {3, 4, 0},  {4, 4, 0},  {5, 4, 0},  {6, 0, 0},
        {8, 0, 0},  {9, 0, 0},  {10, 6, 1}, {12, 8, 0}, {14, 0, 0},
        {16, 5, 1},
    };
    prof_line *lines;
    size_t n;
    assert_int_equal(prof_file_lines(prof_profile_file(p, 0), &lines, &n), 0);
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(lines[i].line, want[i].line);
        assert_int_equal(lines[i].hits, want[i].hits);
        assert_int_equal(lines[i].partial != 0, want[i].partial);
    }
    free(lines);
    prof_profile_free(p);
}

static void test_file_lines_empty(void **state)
{
    (void)state;
    /* a set-mode block spanning just "{" + "}" lines counts its first */
    prof_profile *p = profile_of("mode: set\ne.go:7.14,8.2 0 1\n");
    prof_line *lines;
    size_t n;
    assert_int_equal(prof_file_lines(prof_profile_file(p, 0), &lines, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(lines[0].line, 7);
    assert_int_equal(lines[0].hits, 1);
    assert_int_equal(lines[0].partial, 0);
    free(lines);
    prof_profile_free(p);
}

/* ---- names ---- */

static void test_strerror(void **state)
{
    (void)state;
    static const int codes[] = {PROF_OK,     PROF_ENOMEM,
                                PROF_EIO,    PROF_EFORMAT,
                                PROF_EUNKNOWN_FORMAT, PROF_EMERGE,
                                PROF_EINVAL, PROF_ELIMIT};
    size_t nc = sizeof codes / sizeof codes[0];
    const char *unknown = prof_strerror(-1000);
    assert_string_equal(prof_strerror(1), unknown);
    for (size_t i = 0; i < nc; i++) {
        const char *s = prof_strerror(codes[i]);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
        assert_string_not_equal(s, unknown);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(s, prof_strerror(codes[j]));
    }
    assert_string_equal(prof_strerror(PROF_EFORMAT), "malformed input");
    assert_string_equal(prof_strerror(PROF_ENOMEM), "out of memory");
}

static void test_mode_names(void **state)
{
    (void)state;
    static const prof_mode modes[] = {PROF_MODE_SET, PROF_MODE_COUNT,
                                      PROF_MODE_ATOMIC};
    static const char *const names[] = {"set", "count", "atomic"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(prof_mode_name(modes[i]), names[i]);
        assert_int_equal(prof_mode_parse(names[i]), modes[i]);
    }
    assert_int_equal(prof_mode_parse("none"), PROF_MODE_NONE);
    assert_int_equal(prof_mode_parse(""), PROF_MODE_NONE);
    assert_int_equal(prof_mode_parse("Set"), PROF_MODE_NONE);
    assert_int_equal(prof_mode_parse("count "), PROF_MODE_NONE);
}

static void test_formats(void **state)
{
    (void)state;
    const prof_format *go = prof_format_find("go");
    assert_non_null(go);
    assert_string_equal(prof_format_name(go), "go");
    assert_true(strlen(prof_format_description(go)) > 0);
    assert_int_equal(prof_format_flags(go),
                     PROF_FORMAT_READ | PROF_FORMAT_WRITE);
    assert_null(prof_format_find("no-such-format"));
    int seen = 0;
    for (size_t i = 0; prof_format_at(i); i++)
        seen += prof_format_at(i) == go;
    assert_int_equal(seen, 1);

    static const char *const goish[] = {
        "mode: set\n", "mode: count\na.go:1.1,1.5 1 1\n",
        "\r\n\nmode: atomic\n", "\xef\xbb\xbfmode: set\n"};
    for (size_t i = 0; i < 4; i++)
        assert_ptr_equal(prof_format_detect(goish[i], strlen(goish[i])), go);
    static const char *const other[] = {"", "hello\n", "mode", "x mode: set\n"};
    for (size_t i = 0; i < 4; i++)
        assert_null(prof_format_detect(other[i], strlen(other[i])));
}

static void test_unknown_format(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, "hello world\n", "h.txt", NULL, &err),
                     PROF_EUNKNOWN_FORMAT);
    assert_string_equal(err.path, "h.txt");
    assert_int_equal(prof_profile_nfiles(p), 0);
    /* whitespace only is an empty input, not an error */
    assert_int_equal(read_text(p, " \n\r\n", "w.txt", NULL, &err), 0);
    assert_null(prof_profile_native_format(p));
    assert_int_equal(read_text(p, "mode: set\n", "m.out", NULL, &err), 0);
    assert_ptr_equal(prof_profile_native_format(p), prof_format_find("go"));
    prof_profile_free(p);
}

/* ---- percentages ---- */

/* Values worked out by hand from 100*c/t as a double and %.1f's rule
 * (nearest, an exact tie to even); tests/percent.sh compares every c of
 * t <= 80 with Go's fmt. */
static void test_percent(void **state)
{
    (void)state;
    static const struct {
        uint64_t c, t;
        const char *s;
        uint64_t tenths;
    } v[] = {
        {2, 3, "66.7", 667},      /* 66.66..: rounded, not cut */
        {1, 16, "6.2", 62},       /* 6.25 exactly: tie to even */
        {3, 16, "18.8", 188},     /* 18.75 exactly: tie to even */
        {9, 14, "64.3", 643},     /* 64.2857.. */
        {1999, 2000, "100.0", 1000}, /* 99.95 is 99.950000000000003 */
        {0, 0, "0.0", 0},         /* a total of 0 counts as 1 */
        {7, 7, "100.0", 1000},
        {UINT64_MAX, UINT64_MAX, "100.0", 1000},
        {UINT64_MAX, 1, "1844674407370955161600.0", UINT64_MAX},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char b[PROF_PERCENT_SIZE];
        assert_string_equal(prof_percent(b, v[i].c, v[i].t), v[i].s);
        assert_true(prof_percent_tenths(v[i].c, v[i].t) == v[i].tenths);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_normalisation),
        cmocka_unit_test(test_paths_left_alone),
        cmocka_unit_test(test_files_sorted_bytewise),
        cmocka_unit_test(test_blocks_sorted),
        cmocka_unit_test(test_file_lines),
        cmocka_unit_test(test_file_lines_empty),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_mode_names),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_unknown_format),
        cmocka_unit_test(test_percent),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
