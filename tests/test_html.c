/* test_html.c - unit tests of the HTML report writer (libprof level). */
#include "helpers.h"
#include "../formats/html.h"

#include <ftw.h>

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A temporary directory holding source file NAME with TEXT; returns it. */
static char *source_tree(const char *name, const char *text)
{
    char *dir = temp_dir(), path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    return dir;
}

/* P as an HTML report into a fresh directory with sources under ROOT
 * (NULL: none); returns the page of its only file, NUL-terminated. */
static char *render(const prof_profile *p, const char *root, warn_log *log)
{
    char *out = temp_dir(), dir[600], cmd[1000];
    snprintf(dir, sizeof dir, "%s/report", out);
    prof_sources *s = prof_sources_new();
    prof_error err;
    assert_non_null(s);
    if (root)
        assert_int_equal(prof_sources_add_root(s, root, &err), 0);
    prof_write_opts o = {.sources = s, .warn = warn_collect, .warn_ctx = log};
    if (prof_write_file_opts(p, dir, prof_format_find("html"), &o, &err))
        fail_msg("html: %s: %s", err.path, err.msg);
    prof_sources_free(s);
    snprintf(cmd, sizeof cmd, "%s/f", dir);
    struct stat st;
    assert_int_equal(stat(cmd, &st), 0);
    /* the one page in f/ */
    snprintf(cmd, sizeof cmd, "ls %s/f", dir);
    FILE *ls = popen(cmd, "r");
    char name[300] = "";
    assert_non_null(fgets(name, sizeof name, ls));
    pclose(ls);
    name[strcspn(name, "\n")] = '\0';
    snprintf(cmd, sizeof cmd, "%s/f/%s", dir, name);
    size_t len;
    char *page = slurp(cmd, &len);
    assert_non_null(page);
    rm_tree(out);
    free(out);
    return page;
}

static prof_profile *overlapping(const char *text)
{
    prof_profile *p = prof_profile_new();
    prof_error err;
    assert_non_null(p);
    prof_profile_set_overlap_keep(p, 1);
    if (read_text(p, text, "in.out", "t", &err))
        fail_msg("read: %s", err.msg);
    return p;
}

/* Nested blocks: the innermost shades its bytes, the outer block the rest
 * (columns are 1-based, end exclusive: 1.1,1.21 is bytes 0..19); a span
 * whose count is not the line's shows it as a tooltip. */
static void test_innermost(void **state)
{
    (void)state;
    char *src = source_tree("a.go", "abcdefghijklmnopqrst\n");
    prof_profile *p = overlapping("mode: count\n"
                                  "a.go:1.1,1.21 1 0\na.go:1.5,1.10 1 3\n");
    warn_log log = {0};
    char *page = render(p, src, &log);
    assert_int_equal(log.n, 0);
    assert_contains(page, "<td class=\"s\"><span class=\"m k0\" title=\"0\">"
                          "abcd</span><span class=\"c k1\">efghi</span>"
                          "<span class=\"m k0\" title=\"0\">jklmnopqrst"
                          "</span></td>");
    /* hit and missed contributions: a partial line of 3 hits */
    assert_contains(page, "<tr id=\"L1\" class=\"p\" data-k=\"0 1\">");
    assert_contains(page, "<td class=\"h\">3</td>");
    free(page);
    prof_profile_free(p);
    rm_tree(src);
    free(src);
}

/* CRLF line ends are not text; a profile line past the end of the source
 * still gets a row; untracked bytes stay unshaded. */
static void test_crlf_and_past_end(void **state)
{
    (void)state;
    char *src = source_tree("b.go", "x := 1\r\ny := 2\r\n");
    prof_profile *p = profile_of("mode: set\nb.go:2.1,2.4 1 1\n"
                                 "b.go:9.1,9.4 1 0\n");
    warn_log log = {0};
    char *page = render(p, src, &log);
    assert_contains(page, "<td class=\"s\">x := 1</td>");
    assert_contains(page, "<span class=\"c k1\">y :</span>= 2</td>");
    assert_contains(page, "<tr id=\"L9\" class=\"m\" data-k=\"0\">");
    assert_null(strstr(page, "\r"));
    assert_null(strstr(page, "id=\"L3\""));
    free(page);
    prof_profile_free(p);
    rm_tree(src);
    free(src);
}

/* Go blocks under //line directives: one that ends before it starts
 * shades its start line from its start column on, and counts for that
 * line alone; one that ends at column 0 (no column) counts for and shades
 * the lines before its end line, not that line. */
static void test_line_directive_blocks(void **state)
{
    (void)state;
    char *src = source_tree("c.y", "aaaa\nbbbb\ncccc\ndddd\n");
    prof_profile *p = profile_of("mode: count\nc.y:3.2,1.0 1 5\n"
                                 "c.y:1.0,2.0 1 0\n");
    warn_log log = {0};
    char *page = render(p, src, &log);
    assert_int_equal(log.n, 0);
    assert_contains(page, "<tr id=\"L1\" class=\"m\" data-k=\"0\">");
    assert_contains(page, "<span class=\"m k0\">aaaa</span></td>");
    assert_contains(page, "<tr id=\"L2\"><td class=\"n\">2</td>");
    assert_contains(page, "<td class=\"s\">bbbb</td>");
    assert_contains(page, "<tr id=\"L3\" class=\"c\" data-k=\"1\">");
    assert_contains(page, "<td class=\"s\">c<span class=\"c k1\">ccc"
                          "</span></td>");
    assert_contains(page, "<td class=\"s\">dddd</td>");
    free(page);
    prof_profile_free(p);
    rm_tree(src);
    free(src);
}

/* A missing source is one warning naming the file (code PROF_OK, not an
 * error) and a page of the profile's lines only. */
static void test_missing_source(void **state)
{
    (void)state;
    prof_profile *p = profile_of("TN:\nSF:gone/c.c\nDA:3,2\nDA:7,0\n"
                                 "end_of_record\n");
    warn_log log = {0};
    char *page = render(p, "/", &log);
    assert_int_equal(log.n, 1);
    assert_int_equal(log.last.code, PROF_OK);
    assert_string_equal(log.last.path, "gone/c.c");
    assert_contains(log.last.msg, "source file not found");
    assert_contains(page, "Source file not found");
    assert_contains(page, "<tr id=\"L3\" class=\"c\"");
    assert_contains(page, "<tr id=\"L7\" class=\"m\"");
    assert_null(strstr(page, "id=\"L1\""));
    free(page);
    prof_profile_free(p);
}

/* Branch markers: taken, not taken, never evaluated. */
static void test_branches(void **state)
{
    (void)state;
    prof_profile *p = profile_of("TN:\nSF:gone/d.c\nDA:1,4\nBRDA:1,0,0,4\n"
                                 "BRDA:1,0,1,0\nBRDA:1,1,0,-\n"
                                 "end_of_record\n");
    warn_log log = {0};
    char *page = render(p, NULL, &log);
    assert_contains(page, "<td class=\"b\"><span class=\"bt\" title=\"block 0 "
                          "branch 0: taken 4\">+</span><span class=\"bn\" "
                          "title=\"block 0 branch 1: not taken\">-</span>"
                          "<span class=\"bx\" title=\"block 1 branch 0: "
                          "never evaluated\">#</span></td>");
    free(page);
    prof_profile_free(p);
}

/* html is a write-only directory format: no stdout, no reading. */
static void test_needs_directory(void **state)
{
    (void)state;
    const prof_format *f = prof_format_find("html");
    assert_non_null(f);
    assert_int_equal(prof_format_flags(f),
                     PROF_FORMAT_WRITE | PROF_FORMAT_DIR |
                         PROF_FORMAT_GO_FUNCS | PROF_FORMAT_REPO_PATHS |
                         PROF_FORMAT_FILES);
    assert_int_equal(prof_format_flags(prof_format_find("lcov")) &
                         PROF_FORMAT_DIR, 0);
    prof_profile *p = profile_of("mode: set\na.go:1.1,1.2 1 1\n");
    prof_error err;
    assert_int_equal(prof_write_file(p, "-", f, &err), PROF_EINVAL);
    assert_contains(err.msg, "writes a directory");
    prof_profile_free(p);
}

/* html_esc on every byte alone: tab and printable ASCII as is, the five
 * HTML specials as entities, anything else as a visible \xNN (its byte
 * table, esc_look, must agree with these rules). */
static void test_escape_every_byte(void **state)
{
    (void)state;
    unsigned char buf[256];
    for (unsigned c = 0; c < 256; c++) {
        prof_sink s = {.fd = -1, .buf = buf, .cap = sizeof buf};
        char in = (char)c, want[32];
        const char *ent = c == '&'    ? "&amp;"
                          : c == '<'  ? "&lt;"
                          : c == '>'  ? "&gt;"
                          : c == '"'  ? "&quot;"
                          : c == '\'' ? "&#39;"
                                       : NULL;
        if (ent)
            snprintf(want, sizeof want, "%s", ent);
        else if (c == '\t' || (c >= 0x20 && c < 0x7f))
            snprintf(want, sizeof want, "%c", (char)c);
        else
            snprintf(want, sizeof want, "\\x%02x", c);
        html_esc(&s, &in, 1, false);
        if (s.len != strlen(want) || memcmp(buf, want, s.len))
            fail_msg("byte 0x%02x: got '%.*s', want '%s'", c, (int)s.len,
                     (const char *)buf, want);
    }
    /* valid UTF-8 passes as is, a lone continuation byte does not */
    prof_sink s = {.fd = -1, .buf = buf, .cap = sizeof buf};
    html_esc(&s, "a\xc3\xa9\xa9<", 5, true);
    const char *want = "a\xc3\xa9<span class=\"x\">\\xa9</span>&lt;";
    assert_int_equal(s.len, strlen(want));
    assert_memory_equal(buf, want, s.len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_innermost),
        cmocka_unit_test(test_crlf_and_past_end),
        cmocka_unit_test(test_line_directive_blocks),
        cmocka_unit_test(test_missing_source),
        cmocka_unit_test(test_branches),
        cmocka_unit_test(test_needs_directory),
        cmocka_unit_test(test_escape_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
