/* test_gocover.c - unit tests of the Go text coverprofile reader and writer. */
#include "helpers.h"

#include <zlib.h>

/* The first block of the only file of P, checking there is just one. */
static const prof_block *only_block(const prof_profile *p, const char *path)
{
    assert_int_equal(prof_profile_nfiles(p), 1);
    const prof_file *f = prof_profile_file(p, 0);
    assert_string_equal(prof_file_path(f), path);
    size_t n;
    const prof_block *b = prof_file_blocks(f, &n);
    assert_int_equal(n, 1);
    return b;
}

/* Reading TEXT as Go must fail with CODE at LINE, the message holding
 * NEEDLE, the error naming the input "bad.out". */
static void expect_error(const char *text, size_t len, int code,
                         unsigned long line, const char *needle)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(p, text, len, "bad.out", NULL,
                              prof_format_find("go"), &err);
    if (rc != code)
        fail_msg("expected %d, got %d (%s) for %s", code, rc, err.msg, text);
    assert_int_equal(err.code, code);
    assert_int_equal(err.line, line);
    assert_string_equal(err.path, "bad.out");
    assert_contains(err.msg, needle);
    prof_profile_free(p);
}

#define EXPECT_ERROR(text, line, needle)                                       \
    expect_error(text, sizeof(text) - 1, PROF_EFORMAT, line, needle)

/* ---- grammar: what is accepted ---- */

static void test_parse_from_the_right(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\nC:\\x\\y.go:3.14,5.2 2 1\n");
    assert_block(only_block(p, "C:/x/y.go"), 3, 14, 5, 2, 2, 1);
    prof_profile_free(p);

    p = profile_of("mode: count\nmy dir/a,b.c d:e.go:10.1,12.30 0 42\n");
    assert_block(only_block(p, "my dir/a,b.c d:e.go"), 10, 1, 12, 30, 0, 42);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    prof_profile_free(p);
}

static void test_crlf_plus_and_no_final_newline(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: atomic\r\n"
                                 "a.go:+1.+2,+3.+4 +5 +6\r\n"
                                 "b.go:7.8,9.10 11 12");
    assert_int_equal(prof_profile_mode(p), PROF_MODE_ATOMIC);
    assert_int_equal(prof_profile_nfiles(p), 2);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 1, 2, 3, 4, 5, 6);
    b = blocks_of(p, "b.go", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 7, 8, 9, 10, 11, 12);
    prof_profile_free(p);
}

static void test_blank_lines_and_repeated_mode(void **state)
{
    (void)state;
    prof_profile *p = profile_of("\n\nmode: count\n\n"
                                 "a.go:1.1,1.9 1 2\n\r\n"
                                 "mode: count\n"
                                 "a.go:1.1,1.9 1 3\n\n");
    assert_block(only_block(p, "a.go"), 1, 1, 1, 9, 1, 5);
    prof_profile_free(p);
}

static void test_long_line(void **state)
{
    (void)state;
    size_t namelen = 70000;
    const char *head = "mode: set\n", *tail = ".go:1.1,2.2 1 1\n";
    char *text = malloc(strlen(head) + namelen + strlen(tail) + 1);
    assert_non_null(text);
    strcpy(text, head);
    memset(text + strlen(head), 'a', namelen);
    strcpy(text + strlen(head) + namelen, tail);
    prof_profile *p = profile_of(text);
    assert_int_equal(prof_profile_nfiles(p), 1);
    const char *path = prof_file_path(prof_profile_file(p, 0));
    assert_int_equal(strlen(path), namelen + 3);
    assert_memory_equal(path, text + strlen(head), namelen + 3);
    prof_profile_free(p);

    /* an error on such a line quotes only its start */
    strcpy(text + strlen(head) + namelen, ".go:1.1,2.2 1 x\n");
    prof_error err;
    memset(&err, 0, sizeof err);
    p = prof_profile_new();
    assert_int_equal(read_text(p, text, "long.out", NULL, &err), PROF_EFORMAT);
    assert_int_equal(err.line, 2);
    assert_contains(err.msg, "aaa...\"");
    prof_profile_free(p);
    free(text);
}

static void test_empty_and_mode_only(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_read_buffer(p, "", 0, "e.out", NULL, NULL, &err), 0);
    assert_int_equal(prof_read_buffer(p, "", 0, "e.out", NULL,
                                      prof_format_find("go"), &err), 0);
    assert_int_equal(prof_profile_nfiles(p), 0);
    prof_profile_free(p);

    p = profile_of("mode: count\n");
    assert_int_equal(prof_profile_nfiles(p), 0);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    char *out = write_go(p);
    assert_string_equal(out, "mode: count\n");
    free(out);
    prof_profile_free(p);

    p = profile_of("mode: atomic");
    assert_int_equal(prof_profile_nfiles(p), 0);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_ATOMIC);
    prof_profile_free(p);
}

static void test_bom(void **state)
{
    (void)state;
    const char *text = "\xef\xbb\xbfmode: count\na.go:1.1,1.9 1 2\n";
    assert_ptr_equal(prof_format_detect(text, strlen(text)),
                     prof_format_find("go"));
    prof_profile *p = profile_of(text);
    assert_block(only_block(p, "a.go"), 1, 1, 1, 9, 1, 2);
    prof_profile_free(p);
}

static void test_max_count(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "a.go:1.1,1.9 4294967295 "
                                 "18446744073709551615\n");
    assert_block(only_block(p, "a.go"), 1, 1, 1, 9, 4294967295u, UINT64_MAX);
    prof_profile_free(p);
}

/* Lines of the usual shape take a fast path; every other shape, mixed in
 * with them, must read as before. */
static void test_fast_and_slow_lines_mixed(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "a.go:1.1,1.9 1 2\n"
                                 "a.go:x.go:1.1,1.9 1 4\n"
                                 "a.go:1.1,1.9 1 +8\n"
                                 "a.go:1.1,1.9 1 00000000000000000000016\n"
                                 "a.go:2.1,2.9 00000000001 32\r\n"
                                 "a.go:2.1,2.9 1 64\n"
                                 "./a.go:2.1,2.9 1 128\n"
                                 "a.go:1.1,1.9 1 1");
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 1, 1, 1, 9, 1, 2 + 8 + 16 + 1);
    assert_block(&b[1], 2, 1, 2, 9, 1, 32 + 64 + 128);
    b = blocks_of(p, "a.go:x.go", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 1, 1, 1, 9, 1, 4);
    prof_profile_free(p);

    /* a path that is a prefix of the last one, a 'mode' path, limits */
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\nmode:1.1,1.9 1 1\n", 3,
                 "expected 'mode: set|count|atomic'");
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\na.go:1.1,1.9 4294967296 1\n",
                 3, "statement count out of range");
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\na.go:0.1,1.9 1 1\n", 3,
                 "line numbers start at 1");
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\na.go:1.1,1.9 1 1 \n", 3,
                 "expected 'FILE:SL.SC,EL.EC NSTMT COUNT'");
}

/* ---- grammar: what is refused, and where ---- */

static void test_mode_errors(void **state)
{
    (void)state;
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\n\nmode: count\n", 4,
                 "differs");
    EXPECT_ERROR("mode:set\na.go:1.1,1.9 1 1\n", 1, "mode: set|count");
    EXPECT_ERROR("mode: \n", 1, "mode: set|count");
    EXPECT_ERROR("mode: bogus\na.go:1.1,1.9 1 1\n", 1, "unknown mode");
    EXPECT_ERROR("a.go:1.1,1.9 1 1\nmode: set\n", 1, "first");
}

static void test_func_output_rejected(void **state)
{
    (void)state;
    EXPECT_ERROR("mode: set\na.go:1.1,1.9 1 1\n"
                 "example.com/a.go:5:\tsmall\t\t100.0%\n",
                 3, "go tool cover -func");
}

static void test_number_errors(void **state)
{
    (void)state;
    EXPECT_ERROR("mode: count\na.go:1.1,1.9 1 -3\n", 2, "negative count");
    EXPECT_ERROR("mode: count\na.go:-1.1,1.9 1 3\n", 2,
                 "negative start line");
    EXPECT_ERROR("mode: count\r\n\r\na.go:1.1,1.9 1 x\r\n", 3,
                 "got \"a.go:1.1,1.9 1 x\"");
    EXPECT_ERROR("mode: count\na.go:1.1,1.9 1 18446744073709551616\n", 2,
                 "count out of range");
    EXPECT_ERROR("mode: count\na.go:1.1,1.9 4294967296 1\n", 2,
                 "statement count out of range");
    EXPECT_ERROR("mode: count\na.go:0.1,1.9 1 1\n", 2, "start at 1");
}

static void test_shape_errors(void **state)
{
    (void)state;
    EXPECT_ERROR("mode: count\na.go:1.1,1.9 1\n", 2, "before the statement");
    EXPECT_ERROR("mode: count\na.go:1.1 1 1\n", 2, "before the end line");
    EXPECT_ERROR("mode: count\na.go 1 1\n", 2, "expected 'FILE:");
    EXPECT_ERROR("mode: count\n:1.1,1.9 1 1\n", 2, "empty file name");
    EXPECT_ERROR("mode: count\na.go:1.1,1.9 1 1 \n", 2,
                 "got \"a.go:1.1,1.9 1 1 \"");
}

/* What Go writes for code under //line directives (goyacc): columns 0,
 * a block that ends on a line before its start (in another file), one
 * range with two statement counts, overlapping blocks. All are read as
 * written, by the slow and the fast path alike, and written back. */
static void test_line_directive_shapes(void **state)
{
    (void)state;
    static const char text[] = "mode: count\n"
                               "m/yaccpar:22.0,26.0 2 1\n"
                               "m/yaccpar:25.0,27.0 1 0\n"
                               "m/yaccpar:41.0,41.0 2 3\n"
                               "m/yaccpar:41.0,41.0 1 0\n"
                               "m/yaccpar:331.0,19.0 2 4\n"
                               "m/yaccpar:5.9,5.3 1 1\n"
                               "m/yaccpar:331.0,19.0 2 1";
    static const char want[] = "mode: count\n"
                               "m/yaccpar:5.9,5.3 1 1\n"
                               "m/yaccpar:22.0,26.0 2 1\n"
                               "m/yaccpar:25.0,27.0 1 0\n"
                               "m/yaccpar:41.0,41.0 1 0\n"
                               "m/yaccpar:41.0,41.0 2 3\n"
                               "m/yaccpar:331.0,19.0 2 5\n";
    prof_profile *p = profile_of(text);
    size_t n;
    const prof_block *b = blocks_of(p, "m/yaccpar", &n);
    assert_int_equal(n, 6);
    assert_block(&b[5], 331, 0, 19, 0, 2, 5);
    char *out = write_go(p);
    assert_string_equal(out, want);
    assert_go_stable(out);
    free(out);
    prof_profile_free(p);
}

static void test_error_leaves_profile_unchanged(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\na.go:1.1,1.9 1 2\n");
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, "mode: count\nb.go:1.1,1.9 1 1\nx\n",
                               "b.out", NULL, &err),
                     PROF_EFORMAT);
    assert_int_equal(err.line, 3);
    assert_block(only_block(p, "a.go"), 1, 1, 1, 9, 1, 2);
    prof_profile_free(p);
}

/* ---- gzip ---- */

/* TEXT deflated with a gzip header; *N gets the size. */
static unsigned char *gzip_of(const char *text, size_t *n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
                                  Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t cap = deflateBound(&z, strlen(text)) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    *n = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static const char gz_text[] = "mode: count\n"
                              "b.go:3.1,4.2 1 7\n"
                              "a.go:1.1,2.2 2 0\n"
                              "a.go:1.1,2.2 2 5\n";

static void test_gzip_buffer(void **state)
{
    (void)state;
    size_t n;
    unsigned char *gz = gzip_of(gz_text, &n);
    assert_int_equal(gz[0], 0x1f);
    assert_int_equal(gz[1], 0x8b);
    prof_profile *plain = profile_of(gz_text), *zp = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_read_buffer(zp, gz, n, "g.out.gz", NULL, NULL, &err),
                     0);
    char *a = write_go(plain), *b = write_go(zp);
    assert_string_equal(a, b);
    assert_string_equal(a, "mode: count\na.go:1.1,2.2 2 5\nb.go:3.1,4.2 1 7\n");
    free(a);
    free(b);

    /* truncated gzip data is an error, not a short read */
    prof_profile *tp = prof_profile_new();
    assert_int_equal(prof_read_buffer(tp, gz, n - 10, "t.gz", NULL, NULL,
                                      &err),
                     PROF_EFORMAT);
    assert_string_equal(err.path, "t.gz");
    prof_profile_free(tp);
    prof_profile_free(plain);
    prof_profile_free(zp);
    free(gz);
}

static void test_gzip_file_two_members(void **state)
{
    (void)state;
    size_t n1, n2;
    unsigned char *g1 = gzip_of("mode: count\nb.go:3.1,4.2 1 7\n", &n1);
    unsigned char *g2 = gzip_of("a.go:1.1,2.2 2 0\na.go:1.1,2.2 2 5\n", &n2);
    char *dir = temp_dir(), path[600];
    snprintf(path, sizeof path, "%s/in.out", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(g1, 1, n1, fp), n1);
    assert_int_equal(fwrite(g2, 1, n2, fp), n2);
    assert_int_equal(fclose(fp), 0);

    prof_profile *p = prof_profile_new(), *plain = profile_of(gz_text);
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_read_file(p, path, NULL, NULL, &err), 0);
    assert_int_equal(prof_profile_nsuites(p), 1);
    assert_string_equal(prof_profile_suite(p, 0), "in");
    char *a = write_go(plain), *b = write_go(p);
    assert_string_equal(a, b);
    free(a);
    free(b);
    prof_profile_free(p);
    prof_profile_free(plain);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    free(g1);
    free(g2);
}

/* ---- writer ---- */

static void test_writer_round_trip(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\n"
                                 "z.go:9.1,9.5 1 1\n"
                                 "C:\\w\\x y.go:3.14,5.2 2 1\n"
                                 "z.go:1.1,2.3 0 0\n");
    char *out = write_go(p);
    assert_string_equal(out, "mode: set\n"
                             "C:/w/x y.go:3.14,5.2 2 1\n"
                             "z.go:1.1,2.3 0 0\n"
                             "z.go:9.1,9.5 1 1\n");
    assert_go_stable(out);
    free(out);
    prof_profile_free(p);
}

static void test_write_errors(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\na.go:1.1,1.9 1 1\n");
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_write_file(p, "/nonexistent-dir/x/out",
                                     prof_format_find("go"), &err),
                     PROF_EIO);
    assert_string_equal(err.path, "/nonexistent-dir/x/out");
    assert_int_equal(prof_write_file(p, "out", NULL, &err), PROF_EINVAL);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_from_the_right),
        cmocka_unit_test(test_crlf_plus_and_no_final_newline),
        cmocka_unit_test(test_blank_lines_and_repeated_mode),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_empty_and_mode_only),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_max_count),
        cmocka_unit_test(test_fast_and_slow_lines_mixed),
        cmocka_unit_test(test_mode_errors),
        cmocka_unit_test(test_func_output_rejected),
        cmocka_unit_test(test_number_errors),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_line_directive_shapes),
        cmocka_unit_test(test_error_leaves_profile_unchanged),
        cmocka_unit_test(test_gzip_buffer),
        cmocka_unit_test(test_gzip_file_two_members),
        cmocka_unit_test(test_writer_round_trip),
        cmocka_unit_test(test_write_errors),
    };
    return cmocka_run_group_tests_name("gocover", tests, NULL, NULL);
}
