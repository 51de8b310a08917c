/* test_patch.c - unit tests of the diff reader, patch coverage, path
 * filters and totals, on hand-made diffs and profiles with hand-checked
 * answers. */
#include "helpers.h"

static void expect_lines(const prof_diff_file *f, const uint32_t *want,
                         size_t n)
{
    if (f->nadded != n)
        fail_msg("%zu added lines, expected %zu", f->nadded, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(f->added[i], want[i]);
}

static void expect_diff_error(const char *text, unsigned long line,
                              const char *needle)
{
    prof_diff *d = NULL;
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_diff_parse(text, strlen(text), "bad.diff", &d, &err);
    if (rc != PROF_EFORMAT)
        fail_msg("expected a format error, got %d for %s", rc, text);
    assert_null(d);
    assert_string_equal(err.path, "bad.diff");
    if (err.line != line)
        fail_msg("line %lu, expected %lu: %s", err.line, line, err.msg);
    assert_contains(err.msg, needle);
}

/* ---- the diff reader ---- */

/* git diff -M of a rename with an edit, a new file, a deletion, a binary
 * file and a mode change, in one diff. */
static const char git_diff[] =
    "diff --git a/pkg/old.go b/pkg/new.go\n"
    "similarity index 90%\n"
    "rename from pkg/old.go\n"
    "rename to pkg/new.go\n"
    "index 1111111..2222222 100644\n"
    "--- a/pkg/old.go\n"
    "+++ b/pkg/new.go\n"
    "@@ -1,4 +1,5 @@\n"
    " package pkg\n"
    "-func A() {}\n"
    "+func A() { x() }\n"
    "+func B() {}\n"
    " \n"
    " // end\n"
    "@@ -10 +11,2 @@ func C() {\n"
    "-\treturn\n"
    "+\tx()\n"
    "+\treturn\n"
    "diff --git a/pkg/added.go b/pkg/added.go\n"
    "new file mode 100644\n"
    "index 0000000..3333333\n"
    "--- /dev/null\n"
    "+++ b/pkg/added.go\n"
    "@@ -0,0 +1,3 @@\n"
    "+package pkg\n"
    "+\n"
    "+func D() {}\n"
    "\\ No newline at end of file\n"
    "diff --git a/pkg/gone.go b/pkg/gone.go\n"
    "deleted file mode 100644\n"
    "index 4444444..0000000\n"
    "--- a/pkg/gone.go\n"
    "+++ /dev/null\n"
    "@@ -1,2 +0,0 @@\n"
    "-package pkg\n"
    "-func E() {}\n"
    "diff --git a/logo.png b/logo.png\n"
    "index 5555555..6666666 100644\n"
    "Binary files a/logo.png and b/logo.png differ\n"
    "diff --git a/run.sh b/run.sh\n"
    "old mode 100644\n"
    "new mode 100755\n";

static void test_diff_git(void **state)
{
    (void)state;
    prof_diff *d = diff_of(git_diff);
    assert_int_equal(prof_diff_nfiles(d), 5);
    const prof_diff_file *f = prof_diff_file_at(d, 0);
    assert_string_equal(f->old_path, "pkg/old.go");
    assert_string_equal(f->new_path, "pkg/new.go");
    assert_int_equal(f->flags, PROF_DIFF_RENAMED);
    /* hunk 1: new lines 1 (ctx), 2 +, 3 +, 4, 5; hunk 2: +11, +12 */
    static const uint32_t want0[] = {2, 3, 11, 12};
    expect_lines(f, want0, 4);
    f = prof_diff_file_at(d, 1);
    assert_null(f->old_path);
    assert_string_equal(f->new_path, "pkg/added.go");
    assert_int_equal(f->flags, PROF_DIFF_NEW);
    static const uint32_t want1[] = {1, 2, 3};
    expect_lines(f, want1, 3);
    f = prof_diff_file_at(d, 2);
    assert_string_equal(f->old_path, "pkg/gone.go");
    assert_null(f->new_path);
    assert_int_equal(f->flags, PROF_DIFF_DELETED);
    assert_int_equal(f->nadded, 0);
    f = prof_diff_file_at(d, 3);
    assert_string_equal(f->new_path, "logo.png");
    assert_int_equal(f->flags, PROF_DIFF_BINARY);
    f = prof_diff_file_at(d, 4);
    assert_string_equal(f->new_path, "run.sh");
    assert_int_equal(f->flags, 0);
    assert_null(prof_diff_file_at(d, 5));
    prof_diff_free(d);
}

/* git quotes names with bytes outside ASCII: "b/sp\303\251cial.go". */
static void test_diff_quoted(void **state)
{
    (void)state;
    prof_diff *d = diff_of(
        "diff --git \"a/sp\\303\\251cial.go\" \"b/sp\\303\\251cial.go\"\n"
        "new file mode 100644\n"
        "--- /dev/null\n"
        "+++ \"b/sp\\303\\251cial.go\"\n"
        "@@ -0,0 +1 @@\n"
        "+x\n"
        "diff --git a/tab\\there b/with space.go\n"
        "similarity index 100%\n"
        "rename from \"tab\\there\"\n"
        "rename to with space.go\n");
    assert_int_equal(prof_diff_nfiles(d), 2);
    assert_string_equal(prof_diff_file_at(d, 0)->new_path,
                        "sp\xc3\xa9" "cial.go");
    static const uint32_t one[] = {1};
    expect_lines(prof_diff_file_at(d, 0), one, 1);
    assert_string_equal(prof_diff_file_at(d, 1)->old_path, "tab\there");
    assert_string_equal(prof_diff_file_at(d, 1)->new_path, "with space.go");
    prof_diff_free(d);
}

/* diff -u: no git header, timestamps after a tab, CRLF line ends,
 * preamble text, an empty context line (trailing space stripped). */
static void test_diff_plain_crlf(void **state)
{
    (void)state;
    prof_diff *d = diff_of(
        "Only in old: junk\r\n"
        "diff -u old/f.c new/f.c\r\n"
        "--- old/f.c\t2024-01-01 10:00:00.000000000 +0000\r\n"
        "+++ new/f.c\t2024-01-02 10:00:00.000000000 +0000\r\n"
        "@@ -5,3 +5,4 @@\r\n"
        " a\r\n"
        "\r\n"
        "+b\r\n"
        " c\r\n"
        "--- old/g.c\n"
        "+++ new/g.c\n"
        "@@ -1 +1 @@\n"
        "-x\n"
        "\\ No newline at end of file\n"
        "+y\n"
        "\\ No newline at end of file\n");
    assert_int_equal(prof_diff_nfiles(d), 2);
    const prof_diff_file *f = prof_diff_file_at(d, 0);
    assert_string_equal(f->old_path, "old/f.c");
    assert_string_equal(f->new_path, "new/f.c");
    static const uint32_t seven[] = {7}, one[] = {1};
    expect_lines(f, seven, 1);
    expect_lines(prof_diff_file_at(d, 1), one, 1);
    prof_diff_free(d);
}

static void test_diff_empty(void **state)
{
    (void)state;
    prof_diff *d = diff_of("");
    assert_int_equal(prof_diff_nfiles(d), 0);
    prof_diff_free(d);
    /* a commit message before the diff, with lines like diff syntax */
    d = diff_of("commit 123\n\n--- not a header\n    @@ nor this\n");
    assert_int_equal(prof_diff_nfiles(d), 0);
    prof_diff_free(d);
}

static void test_diff_errors(void **state)
{
    (void)state;
    expect_diff_error("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @\n", 3,
                      "'@@ -OLD[,COUNT] +NEW[,COUNT] @@'");
    expect_diff_error("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n x\n*y\n", 5,
                      "a hunk line starting with");
    expect_diff_error("--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n x\n+y\n", 5,
                      "expected 1 more old and 1 more new lines");
    expect_diff_error("@@ -1 +1 @@\n-a\n+b\n", 1,
                      "'--- OLD' and '+++ NEW' lines before the hunk");
    expect_diff_error("diff --cc f.c\n", 1, "combined diffs");
    expect_diff_error("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n-b\n", 5,
                      "old lines are used up");
    expect_diff_error("--- a/x\n+++ \"b/x\\q\"\n", 2, "valid C escapes");
    expect_diff_error("--- a/x\n+++ b/x\n@@ -1,0 +0,1 @@\n+a\n", 3,
                      "a new start line of 1 or more");
}

/* ---- patch coverage ---- */

/* Lines (blocks to lines): new.go 2 hit, 3 miss, 4 not coverable, 11-12
 * hit; added.go 1 miss, 3 hit; elsewhere/util.go and other/util.go. */
static const char profile_text[] =
    "mode: count\n"
    "example.com/m/pkg/new.go:2.1,2.20 1 5\n"
    "example.com/m/pkg/new.go:3.1,3.20 1 0\n"
    "example.com/m/pkg/new.go:10.14,12.3 2 7\n"
    "example.com/m/pkg/added.go:1.1,1.10 1 0\n"
    "example.com/m/pkg/added.go:3.1,3.14 1 1\n"
    "example.com/m/a/util.go:1.1,1.5 1 1\n"
    "example.com/m/b/util.go:1.1,1.5 1 1\n";

static prof_patch *patch_of(const prof_profile *p, const char *diff,
                            const prof_filter *f, unsigned flags,
                            prof_diff **d)
{
    *d = diff_of(diff);
    prof_patch *pt = NULL;
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_patch_compute(p, *d, NULL, f, flags, &pt, &err), 0);
    return pt;
}

static void test_patch_known(void **state)
{
    (void)state;
    prof_profile *p = profile_of(profile_text);
    prof_diff *d;
    /* renamed file: 2 (hit), 3 (miss), 11, 12 (hit); block 10.14,12.3
     * gives lines 10-12 (end column 3). New file: 1 miss, 2 blank, 3
     * hit. Deleted and binary files are skipped. */
    prof_patch *pt = patch_of(p, git_diff, NULL, 0, &d);
    assert_int_equal(prof_patch_nfiles(pt), 2);
    const prof_patch_file *f = prof_patch_file_at(pt, 0);
    assert_string_equal(f->path, "pkg/new.go");
    assert_string_equal(f->profile_path, "example.com/m/pkg/new.go");
    assert_int_equal(f->status, PROF_PATCH_MATCHED);
    assert_int_equal(f->added, 4);
    assert_int_equal(f->coverable, 4);
    assert_int_equal(f->covered, 3);
    assert_int_equal(f->nuncovered, 1);
    assert_int_equal(f->uncovered[0], 3);
    f = prof_patch_file_at(pt, 1);
    assert_string_equal(f->profile_path, "example.com/m/pkg/added.go");
    assert_int_equal(f->coverable, 2);
    assert_int_equal(f->covered, 1);
    assert_int_equal(f->uncovered[0], 1);
    prof_count t = prof_patch_total(pt);
    assert_int_equal(t.found, 6);
    assert_int_equal(t.hit, 4);
    prof_patch_free(pt);
    prof_diff_free(d);
    prof_profile_free(p);
}

static const char outside_diff[] =
    "diff --git a/README.md b/README.md\n"
    "--- a/README.md\n+++ b/README.md\n"
    "@@ -1 +1,2 @@\n x\n+y\n"
    "diff --git a/util.go b/util.go\n"
    "--- a/util.go\n+++ b/util.go\n"
    "@@ -1 +1 @@\n-a\n+b\n"
    "diff --git a/src/example.com/m/b/util.go b/src/example.com/m/b/util.go\n"
    "--- a/src/example.com/m/b/util.go\n+++ b/src/example.com/m/b/util.go\n"
    "@@ -1 +1 @@\n-a\n+b\n";

static void test_patch_outside(void **state)
{
    (void)state;
    prof_profile *p = profile_of(profile_text);
    prof_diff *d;
    /* README.md: not in the profile; util.go: ends a/util.go and
     * b/util.go (ambiguous); src/example.com/m/b/util.go ends with the
     * profile path b/util.go, so it matches that one. */
    prof_patch *pt = patch_of(p, outside_diff, NULL, 0, &d);
    assert_int_equal(prof_patch_nfiles(pt), 3);
    assert_int_equal(prof_patch_file_at(pt, 0)->status, PROF_PATCH_MISSING);
    assert_int_equal(prof_patch_file_at(pt, 0)->coverable, 0);
    assert_int_equal(prof_patch_file_at(pt, 1)->status,
                     PROF_PATCH_AMBIGUOUS);
    assert_null(prof_patch_file_at(pt, 1)->profile_path);
    assert_string_equal(prof_patch_file_at(pt, 2)->profile_path,
                        "example.com/m/b/util.go");
    assert_int_equal(prof_patch_total(pt).found, 1);
    assert_int_equal(prof_patch_total(pt).hit, 1);
    prof_patch_free(pt);
    prof_diff_free(d);
    /* missing as uncovered: README.md's added line 2 counts, not hit;
     * the ambiguous file still does not count */
    pt = patch_of(p, outside_diff, NULL, PROF_PATCH_MISSING_UNCOVERED, &d);
    assert_int_equal(prof_patch_file_at(pt, 0)->coverable, 1);
    assert_int_equal(prof_patch_file_at(pt, 0)->uncovered[0], 2);
    assert_int_equal(prof_patch_file_at(pt, 1)->coverable, 0);
    assert_int_equal(prof_patch_total(pt).found, 2);
    assert_int_equal(prof_patch_total(pt).hit, 1);
    prof_patch_free(pt);
    prof_diff_free(d);
    /* an exclude drops README.md by its diff path, b/util.go by its
     * profile path */
    const char *ex[] = {"\\.md$", "/b/"};
    prof_filter *f;
    prof_error err;
    assert_int_equal(prof_filter_new(NULL, 0, ex, 2, &f, &err), 0);
    pt = patch_of(p, outside_diff, f, PROF_PATCH_MISSING_UNCOVERED, &d);
    assert_int_equal(prof_patch_nfiles(pt), 1);
    assert_string_equal(prof_patch_file_at(pt, 0)->path, "util.go");
    prof_patch_free(pt);
    prof_diff_free(d);
    prof_filter_free(f);
    prof_profile_free(p);
}

/* Same file on disk when the names do not match: the profile names
 * DIR/real/x.c, the diff alias/x.c, alias a symlink to real. */
static void test_patch_disk(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char real[600], path[700], alias[600], text[1400], cwd[4096];
    snprintf(real, sizeof real, "%s/real", dir);
    snprintf(path, sizeof path, "%s/x.c", real);
    snprintf(alias, sizeof alias, "%s/alias", dir);
    assert_int_equal(mkdir(real, 0777), 0);
    assert_int_equal(symlink("real", alias), 0);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("int x;\n", fp);
    fclose(fp);
    snprintf(text, sizeof text, "TN:\nSF:%s\nDA:1,0\nend_of_record\n", path);
    prof_profile *p = profile_of(text);
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    prof_diff *d;
    prof_patch *pt = patch_of(
        p, "--- a/alias/x.c\n+++ b/alias/x.c\n@@ -1 +1 @@\n-a\n+b\n", NULL, 0,
        &d);
    assert_int_equal(chdir(cwd), 0);
    assert_string_equal(prof_patch_file_at(pt, 0)->profile_path, path);
    assert_int_equal(prof_patch_total(pt).found, 1);
    assert_int_equal(prof_patch_total(pt).hit, 0);
    prof_patch_free(pt);
    prof_diff_free(d);
    prof_profile_free(p);
    unlink(path);
    unlink(alias);
    rmdir(real);
    rmdir(dir);
    free(dir);
}

/* ---- filters and totals ---- */

static void test_profile_filter(void **state)
{
    (void)state;
    prof_profile *p = profile_of(profile_text);
    const char *in[] = {"/pkg/", "util"}, *ex[] = {"added"};
    prof_filter *f;
    prof_error err;
    assert_int_equal(prof_filter_new(in, 2, ex, 1, &f, &err), 0);
    assert_int_equal(prof_profile_filter(p, f, &err), 0);
    assert_int_equal(prof_profile_nfiles(p), 3);
    assert_null(find_file(p, "example.com/m/pkg/added.go"));
    assert_non_null(find_file(p, "example.com/m/a/util.go"));
    /* the path index still works: reading again merges into kept files */
    assert_int_equal(read_text(p, "mode: count\nexample.com/m/a/util.go:"
                                  "1.1,1.5 1 2\n", "2.out", NULL, &err), 0);
    size_t n;
    assert_int_equal(blocks_of(p, "example.com/m/a/util.go", &n)->hits, 3);
    prof_filter_free(f);
    const char *bad[] = {"("};
    assert_int_equal(prof_filter_new(bad, 1, NULL, 0, &f, &err), PROF_EINVAL);
    assert_contains(err.msg, "bad --include regex '('");
    prof_profile_free(p);
}

/* lcov --summary counts: '-' is found, not hit (formats.md, lcov
 * section); a Go partial line is a two-way branch, one way hit. */
static void test_totals(void **state)
{
    (void)state;
    prof_profile *p = profile_of("TN:\nSF:a.c\nFN:1,f\nFN:5,g\nFNDA:3,f\n"
                                 "FNDA:0,g\nBRDA:2,0,0,1\nBRDA:2,0,1,0\n"
                                 "BRDA:6,0,0,-\nBRDA:6,0,1,-\nDA:1,3\n"
                                 "DA:2,3\nDA:5,0\nDA:6,0\nend_of_record\n");
    prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    assert_int_equal(prof_file_totals(prof_profile_file(p, 0), &t), 0);
    assert_int_equal(t.lines.found, 4);
    assert_int_equal(t.lines.hit, 2);
    assert_int_equal(t.branches.found, 4);
    assert_int_equal(t.branches.hit, 1);
    assert_int_equal(t.functions.found, 2);
    assert_int_equal(t.functions.hit, 1);
    assert_int_equal(t.stmts.found, 4);
    prof_profile_free(p);
    p = profile_of("mode: set\nm/a.go:1.1,1.9 2 1\nm/a.go:1.9,2.4 3 0\n");
    memset(&t, 0, sizeof t);
    assert_int_equal(prof_file_totals(prof_profile_file(p, 0), &t), 0);
    assert_int_equal(t.lines.found, 2); /* 1 partial (hit), 2 not hit */
    assert_int_equal(t.lines.hit, 1);
    assert_int_equal(t.branches.found, 2);
    assert_int_equal(t.branches.hit, 1);
    assert_int_equal(t.stmts.found, 5);
    assert_int_equal(t.stmts.hit, 2);
    prof_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_git),
        cmocka_unit_test(test_diff_quoted),
        cmocka_unit_test(test_diff_plain_crlf),
        cmocka_unit_test(test_diff_empty),
        cmocka_unit_test(test_diff_errors),
        cmocka_unit_test(test_patch_known),
        cmocka_unit_test(test_patch_outside),
        cmocka_unit_test(test_patch_disk),
        cmocka_unit_test(test_profile_filter),
        cmocka_unit_test(test_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
