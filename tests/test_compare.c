/* test_compare.c - unit tests of the line mapping through a diff, moved
 * code and the base/head categories, on a hand-made diff and lcov
 * profiles where every category occurs; answers derived by hand below. */
#include "helpers.h"

/*
 * The diff, file by file (diff file index in brackets):
 * [0] m/a.c modified. Hunk 1 "@@ -2,4 +2,5 @@": old 2 = new 2 (context),
 *     old 3 and 4 deleted, new 3, 4, 5 added, old 5 = new 6. After it the
 *     shift is +1: old 6 = new 7, old 7 = new 8. Hunk 2 "@@ -8,3 +9,2 @@":
 *     old 8 = new 9, old 9 deleted, old 10 = new 10; shift back to 0:
 *     old 11 = new 11.
 * [1] m/b.c: "@@ -1,2 +1,5 @@" adds new 2-4, the three lines (other
 *     indentation) that [2] deletes: 3 lines, 45 alphanumeric characters,
 *     so moved: new 2, 3, 4 of b.c come from old 2, 3, 4 of c.c.
 *     Old 2 = new 5.
 * [2] m/c.c: "@@ -1,5 +1,2 @@" deletes old 2-4 (moved), old 5 = new 2.
 * [3] m/new.c created (2 lines); [4] m/old.c deleted (2 lines).
 * Not in the diff: m/d.c, m/e.c (both profiles), m/gone.c (base only),
 * m/fresh.c (head only).
 */
static const char diff_text[] =
    "diff --git a/m/a.c b/m/a.c\n"
    "--- a/m/a.c\n"
    "+++ b/m/a.c\n"
    "@@ -2,4 +2,5 @@\n"
    " line2\n"
    "-line3\n"
    "-line4\n"
    "+line3x\n"
    "+line3y\n"
    "+line3z\n"
    " line5\n"
    "@@ -8,3 +9,2 @@\n"
    " line8\n"
    "-line9\n"
    " line10\n"
    "diff --git a/m/b.c b/m/b.c\n"
    "--- a/m/b.c\n"
    "+++ b/m/b.c\n"
    "@@ -1,2 +1,5 @@\n"
    " int b(void) {\n"
    "+  int alpha = compute_alpha();\n"
    "+  int beta = compute_beta();\n"
    "+  return alpha + beta;\n"
    " }\n"
    "diff --git a/m/c.c b/m/c.c\n"
    "--- a/m/c.c\n"
    "+++ b/m/c.c\n"
    "@@ -1,5 +1,2 @@\n"
    " int c(void) {\n"
    "-    int alpha = compute_alpha();\n"
    "-    int beta = compute_beta();   \n"
    "-    return alpha + beta;\n"
    " }\n"
    "diff --git a/m/new.c b/m/new.c\n"
    "new file mode 100644\n"
    "--- /dev/null\n"
    "+++ b/m/new.c\n"
    "@@ -0,0 +1,2 @@\n"
    "+int n(void) {\n"
    "+}\n"
    "diff --git a/m/old.c b/m/old.c\n"
    "deleted file mode 100644\n"
    "--- a/m/old.c\n"
    "+++ /dev/null\n"
    "@@ -1,2 +0,0 @@\n"
    "-void o(void) {\n"
    "-}\n";

/*
 * Base and head, line by line, with each line's category:
 * a.c  base 1:1 2:0 3:1 4:0 5:1 6:0 7:1 8:0   head 1:1 2:0 3:1 4:0 6:0
 *      7:3 10:1 11:0.
 *      head 1 <- base 1, 1 -> 1: CBC; head 2 <- 2, 0 -> 0: UBC;
 *      head 3 new, hit: GNC; head 4 new, 0: UNC; head 6 <- 5, 1 -> 0: LBC;
 *      head 7 <- 6, 0 -> 3: GBC; head 10 <- 10, not coverable: GIC;
 *      head 11 <- 11, not coverable: UIC; base 3 (1) deleted: DCB;
 *      base 4 (0) deleted: DUB; base 7 (1) -> head 8, not coverable: ECB;
 *      base 8 (0) -> head 9, not coverable: EUB.
 * b.c  base 1:1 2:1   head 1:1 2:1 3:2 4:1 5:1.  head 1 <- 1: CBC;
 *      head 2, 3, 4 moved from c.c 2 (1), 3 (0), 4 (1): CBC, GBC, CBC;
 *      head 5 <- 2: CBC.  CBC 4, GBC 1.
 * c.c  base 1:1 2:1 3:0 4:1 5:1   head 1:1 2:1.  head 1 <- 1: CBC;
 *      head 2 <- 5: CBC; base 2-4 moved to coverable b.c lines: none.
 * d.c  base 1:1 2:1   head 1:1 2:0: CBC, LBC (indirect change).
 * e.c  base 1:1   head 1:1: CBC (unchanged: not listed).
 * new.c head 1:1 2:0 (created): GNC, UNC.
 * old.c base 1:1 2:0 (deleted): DCB, DUB.
 * gone.c base 1:1, not in head, not deleted: ECB.
 * fresh.c head 1:0, not in base, not created: UIC.
 * Totals: GNC 2 UNC 2 GBC 2 LBC 2 CBC 9 UBC 1 GIC 1 UIC 2 DCB 2 DUB 2
 * ECB 2 EUB 1. Lines: base 15 of 21, head 14 of 21.
 */
static const char base_text[] =
    "SF:m/a.c\nDA:1,1\nDA:2,0\nDA:3,1\nDA:4,0\nDA:5,1\nDA:6,0\nDA:7,1\n"
    "DA:8,0\nend_of_record\n"
    "SF:m/b.c\nDA:1,1\nDA:2,1\nend_of_record\n"
    "SF:m/c.c\nDA:1,1\nDA:2,1\nDA:3,0\nDA:4,1\nDA:5,1\nend_of_record\n"
    "SF:m/d.c\nDA:1,1\nDA:2,1\nend_of_record\n"
    "SF:m/e.c\nDA:1,1\nend_of_record\n"
    "SF:m/gone.c\nDA:1,1\nend_of_record\n"
    "SF:m/old.c\nDA:1,1\nDA:2,0\nend_of_record\n";

static const char head_text[] =
    "SF:m/a.c\nDA:1,1\nDA:2,0\nDA:3,1\nDA:4,0\nDA:6,0\nDA:7,3\nDA:10,1\n"
    "DA:11,0\nend_of_record\n"
    "SF:m/b.c\nDA:1,1\nDA:2,1\nDA:3,2\nDA:4,1\nDA:5,1\nend_of_record\n"
    "SF:m/c.c\nDA:1,1\nDA:2,1\nend_of_record\n"
    "SF:m/d.c\nDA:1,1\nDA:2,0\nend_of_record\n"
    "SF:m/e.c\nDA:1,1\nend_of_record\n"
    "SF:m/fresh.c\nDA:1,0\nend_of_record\n"
    "SF:m/new.c\nDA:1,1\nDA:2,0\nend_of_record\n";

static void test_map_old(void **state)
{
    (void)state;
    prof_diff *d = diff_of(diff_text);
    static const uint32_t want[] = {0, 1, 2, 0, 0, 6, 7, 8, 9, 0, 10, 11, 12};
    size_t to;
    for (uint32_t l = 1; l <= 12; l++) {
        uint32_t got = prof_diff_map_old(d, 0, l, &to);
        if (got != want[l])
            fail_msg("a.c old %u -> %u, expected %u", l, got, want[l]);
        assert_int_equal(to, 0);
    }
    /* c.c's deleted lines moved to b.c (diff file 1) */
    assert_int_equal(prof_diff_map_old(d, 2, 3, &to), 3);
    assert_int_equal(to, 1);
    assert_int_equal(prof_diff_map_old(d, 2, 5, &to), 2);
    assert_int_equal(to, 2);
    /* the deleted file */
    assert_int_equal(prof_diff_map_old(d, 4, 1, &to), 0);
    const prof_diff_file *f = prof_diff_file_at(d, 0);
    assert_int_equal(f->ndeleted, 3);
    assert_int_equal(f->deleted[2], 9);
    prof_diff_free(d);
}

static void test_origin(void **state)
{
    (void)state;
    prof_diff *d = diff_of(diff_text);
    size_t from;
    uint32_t old;
    /* a.c: new 3-5 added; 6 is old 5; 9 old 8; 11 old 11 */
    for (uint32_t l = 3; l <= 5; l++)
        assert_int_equal(prof_diff_origin(d, 0, l, &from, &old),
                         PROF_DIFF_LINE_NEW);
    static const uint32_t kept[][2] = {{1, 1}, {2, 2}, {6, 5}, {7, 6},
                                       {9, 8}, {10, 10}, {11, 11}};
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        assert_int_equal(prof_diff_origin(d, 0, kept[i][0], &from, &old),
                         PROF_DIFF_LINE_KEPT);
        assert_int_equal(old, kept[i][1]);
        assert_int_equal(from, 0);
    }
    assert_int_equal(prof_diff_origin(d, 1, 4, &from, &old),
                     PROF_DIFF_LINE_MOVED);
    assert_int_equal(from, 2);
    assert_int_equal(old, 4);
    assert_int_equal(prof_diff_origin(d, 3, 1, &from, &old),
                     PROF_DIFF_LINE_NEW);
    prof_diff_free(d);
}

/* Below the thresholds: 3 lines of 2 alphanumeric characters, then 2
 * lines of many; neither moved. Exactly at them: 3 lines, 20 characters
 * ("abcdefg" 7 + "hijklmn" 7 + "opqrst" 6), moved. */
static void test_move_thresholds(void **state)
{
    (void)state;
    prof_diff *d = diff_of("--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n"
                           "-a();\n-b();\n-}\n+a();\n+b();\n+}\n"
                           "--- a/y.c\n+++ b/y.c\n@@ -1,2 +1,2 @@\n"
                           "-long_name_one();\n-long_name_two();\n"
                           "+long_name_one();\n+long_name_two();\n"
                           "--- a/z.c\n+++ b/z.c\n@@ -1,3 +1,3 @@\n"
                           "-abcdefg\n-hijklmn\n-opqrst\n"
                           "+ abcdefg\n+\thijklmn\n+opqrst  \n");
    size_t from;
    uint32_t old;
    assert_int_equal(prof_diff_origin(d, 0, 1, &from, &old),
                     PROF_DIFF_LINE_NEW);
    assert_int_equal(prof_diff_origin(d, 1, 2, &from, &old),
                     PROF_DIFF_LINE_NEW);
    assert_int_equal(prof_diff_origin(d, 2, 3, &from, &old),
                     PROF_DIFF_LINE_MOVED);
    assert_int_equal(old, 3);
    prof_diff_free(d);
}

static const prof_compare_file *file_named(const prof_compare *c,
                                           const char *path)
{
    for (size_t i = 0; i < prof_compare_nfiles(c); i++)
        if (!strcmp(prof_compare_file_at(c, i)->path, path))
            return prof_compare_file_at(c, i);
    return NULL;
}

/* The comparison of head_text with base_text through D; the profiles
 * (whose paths it borrows) in P[0] and P[1]. */
static prof_compare *compare_of(const prof_diff *d, prof_profile *p[2])
{
    p[0] = text_as("lcov", "base.info", NULL, base_text, NULL);
    p[1] = text_as("lcov", "head.info", NULL, head_text, NULL);
    prof_compare *c = NULL;
    prof_error err;
    assert_int_equal(prof_compare_compute(p[0], p[1], d, NULL, NULL, &c,
                                          &err), 0);
    return c;
}

static void test_categories(void **state)
{
    (void)state;
    prof_diff *d = diff_of(diff_text);
    prof_profile *p[2];
    prof_compare *c = compare_of(d, p);
    static const uint64_t want[PROF_CAT_COUNT] = {2, 2, 2, 2, 9, 1,
                                                  1, 2, 2, 2, 2, 1};
    const uint64_t *got = prof_compare_counts(c);
    for (int k = 0; k < PROF_CAT_COUNT; k++)
        if (got[k] != want[k])
            fail_msg("%s: %llu, expected %llu",
                     prof_category_name((prof_category)k),
                     (unsigned long long)got[k],
                     (unsigned long long)want[k]);
    static const char *const listed[] = {"m/a.c", "m/b.c", "m/c.c",
                                         "m/d.c", "m/fresh.c", "m/gone.c",
                                         "m/new.c", "m/old.c"};
    static const int direct[] = {1, 1, 1, 0, 0, 0, 1, 1};
    assert_int_equal(prof_compare_nfiles(c), 8);
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(prof_compare_file_at(c, i)->path, listed[i]);
        assert_int_equal(prof_compare_file_at(c, i)->direct, direct[i]);
    }
    const prof_compare_file *a = file_named(c, "m/a.c");
    assert_int_equal(a->nlines[PROF_CAT_LBC], 1);
    assert_int_equal(a->lines[PROF_CAT_LBC][0], 6);
    assert_int_equal(a->lines[PROF_CAT_ECB][0], 7); /* a base line */
    assert_int_equal(a->lines[PROF_CAT_EUB][0], 8);
    assert_int_equal(a->lines[PROF_CAT_UIC][0], 11);
    assert_int_equal(file_named(c, "m/b.c")->count[PROF_CAT_GBC], 1);
    assert_int_equal(file_named(c, "m/b.c")->lines[PROF_CAT_GBC][0], 3);
    assert_int_equal(file_named(c, "m/gone.c")->status,
                     PROF_COMPARE_REMOVED);
    assert_int_equal(file_named(c, "m/new.c")->status, PROF_COMPARE_ADDED);
    const prof_totals *bt = prof_compare_base_totals(c),
                      *ht = prof_compare_head_totals(c);
    assert_int_equal(bt->lines.hit, 15);
    assert_int_equal(bt->lines.found, 21);
    assert_int_equal(ht->lines.hit, 14);
    assert_int_equal(ht->lines.found, 21);
    prof_compare_free(c);
    prof_diff_free(d);
    prof_profile_free(p[0]);
    prof_profile_free(p[1]);
}

/* Without a diff: identity. a.c head 3 <- base 3 (1 -> 1) CBC, 4 UBC,
 * 6 <- 6 (0 -> 0) UBC, 7 <- 7 (1 -> 3) CBC, 10 and 11 UIC, base 5 and 8
 * not coverable in head: ECB, EUB; b.c 3-5 UIC-or-GIC: 3 (2) GIC, 4 and
 * 5 GIC; c.c base 3-5: EUB, ECB, ECB; new.c GIC, UIC; old.c ECB, EUB
 * (no diff: not deleted). direct is -1 everywhere. */
static void test_no_diff(void **state)
{
    (void)state;
    prof_profile *p[2];
    prof_compare *c = compare_of(NULL, p);
    const uint64_t *got = prof_compare_counts(c);
    assert_int_equal(got[PROF_CAT_GNC] + got[PROF_CAT_UNC], 0);
    assert_int_equal(got[PROF_CAT_DCB] + got[PROF_CAT_DUB], 0);
    /* GIC: a.c 10, b.c 3 4 5, new.c 1 */
    assert_int_equal(got[PROF_CAT_GIC], 5);
    /* UIC: a.c 11, new.c 2, fresh.c 1 */
    assert_int_equal(got[PROF_CAT_UIC], 3);
    /* ECB: a.c 5, c.c 4 5, old.c 1, gone.c 1; EUB: a.c 8, c.c 3, old.c 2 */
    assert_int_equal(got[PROF_CAT_ECB], 5);
    assert_int_equal(got[PROF_CAT_EUB], 3);
    for (size_t i = 0; i < prof_compare_nfiles(c); i++)
        assert_int_equal(prof_compare_file_at(c, i)->direct, -1);
    prof_compare_free(c);
    prof_profile_free(p[0]);
    prof_profile_free(p[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_old),
        cmocka_unit_test(test_origin),
        cmocka_unit_test(test_move_thresholds),
        cmocka_unit_test(test_categories),
        cmocka_unit_test(test_no_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
