/* test_merge.c - unit tests of the merge rules (DESIGN.md "Merge rules"). */
#include "helpers.h"
#include "../libprof/internal.h"

/* Read each of the N texts into P (inputs "in0.out", ...; label LABELS[i]
 * or the stem); every read must succeed. */
static void read_all(prof_profile *p, const char *const *texts,
                     const char *const *labels, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "in%zu.out", i);
        prof_error err;
        memset(&err, 0, sizeof err);
        int rc = read_text(p, texts[i], name, labels ? labels[i] : NULL, &err);
        if (rc != 0)
            fail_msg("%s:%lu: %s", err.path, err.line, err.msg);
    }
}

/* Merge the N texts into a new profile with forced mode FORCED. */
static prof_profile *merged(const char *const *texts, size_t n,
                            prof_mode forced)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    prof_profile_set_mode(p, forced);
    read_all(p, texts, NULL, n);
    return p;
}

/* ---- combining hits ---- */

static void test_set_ors(void **state)
{
    (void)state;
    const char *in[] = {
        "mode: set\na.go:1.1,1.9 1 1\na.go:2.1,2.9 1 0\na.go:3.1,3.9 1 1\n",
        "mode: set\na.go:1.1,1.9 1 1\na.go:2.1,2.9 1 0\na.go:3.1,3.9 1 0\n",
    };
    prof_profile *p = merged(in, 2, PROF_MODE_NONE);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_SET);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 3);
    assert_block(&b[0], 1, 1, 1, 9, 1, 1);
    assert_block(&b[1], 2, 1, 2, 9, 1, 0);
    assert_block(&b[2], 3, 1, 3, 9, 1, 1);
    prof_profile_free(p);
}

static void test_count_and_atomic_add(void **state)
{
    (void)state;
    const char *count[] = {"mode: count\na.go:1.1,1.9 1 3\n",
                           "mode: count\na.go:1.1,1.9 1 4\n"};
    const char *atomic[] = {"mode: atomic\na.go:1.1,1.9 1 3\n",
                            "mode: atomic\na.go:1.1,1.9 1 0\n",
                            "mode: atomic\na.go:1.1,1.9 1 10\n"};
    prof_profile *p = merged(count, 2, PROF_MODE_NONE);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    size_t n;
    assert_block(blocks_of(p, "a.go", &n), 1, 1, 1, 9, 1, 7);
    prof_profile_free(p);
    p = merged(atomic, 3, PROF_MODE_NONE);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_ATOMIC);
    assert_block(blocks_of(p, "a.go", &n), 1, 1, 1, 9, 1, 13);
    prof_profile_free(p);
}

static void test_saturation(void **state)
{
    (void)state;
    const char *in[] = {
        "mode: count\na.go:1.1,1.9 1 18446744073709551614\n"
        "a.go:2.1,2.9 1 18446744073709551615\n",
        "mode: count\na.go:1.1,1.9 1 5\na.go:2.1,2.9 1 18446744073709551615\n"
        "a.go:2.1,2.9 1 1\n",
    };
    prof_profile *p = merged(in, 2, PROF_MODE_NONE);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 1, 1, 1, 9, 1, UINT64_MAX);
    assert_block(&b[1], 2, 1, 2, 9, 1, UINT64_MAX);
    char *out = write_go(p);
    assert_string_equal(out, "mode: count\n"
                             "a.go:1.1,1.9 1 18446744073709551615\n"
                             "a.go:2.1,2.9 1 18446744073709551615\n");
    free(out);
    prof_profile_free(p);
}

/* go test -coverpkg repeats a block once per test binary in one file. */
static void test_duplicates_in_one_input(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\n"
                                 "a.go:1.1,1.9 1 2\n"
                                 "b.go:1.1,1.9 1 1\n"
                                 "a.go:1.1,1.9 1 0\n"
                                 "a.go:1.1,1.9 1 5\n");
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 1, 1, 1, 9, 1, 7);
    prof_profile_free(p);

    p = profile_of("mode: set\na.go:1.1,1.9 1 1\na.go:1.1,1.9 1 1\n"
                   "a.go:1.1,1.9 1 0\n");
    b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 1);
    assert_block(&b[0], 1, 1, 1, 9, 1, 1);
    prof_profile_free(p);
}

/* Duplicates are combined as they are read: in the same order (a
 * -coverpkg profile), in another order, and past the first index size;
 * the result must be what the sorted profile gives. */
static void test_duplicates_any_order(void **state)
{
    (void)state;
    char fwd[8192] = "mode: count\n", mixed[8192] = "mode: count\n";
    char want[8192] = "mode: count\n";
    /* fwd: three copies in order; mixed: one in order, two reversed */
    for (int copy = 0; copy < 3; copy++)
        for (int i = 1; i <= 50; i++) {
            char l[64];
            int k = copy ? 51 - i : i;
            snprintf(l, sizeof l, "a.go:%d.2,%d.9 %d %d\n", i, i, i % 3 + 1,
                     copy * i);
            strcat(fwd, l);
            snprintf(l, sizeof l, "a.go:%d.2,%d.9 %d %d\n", k, k, k % 3 + 1,
                     copy * k);
            strcat(mixed, l);
            snprintf(l, sizeof l, "a.go:%d.2,%d.9 %d %d\n", i, i, i % 3 + 1,
                     3 * i);
            if (copy == 0)
                strcat(want, l);
        }
    const char *texts[] = {fwd, mixed};
    for (size_t t = 0; t < 2; t++) {
        prof_profile *p = profile_of(texts[t]);
        char *out = write_go(p);
        assert_string_equal(out, want);
        free(out);
        prof_profile_free(p);
    }
}

/* Inside one input, a range with several statement counts is several
 * blocks (//line directives map different blocks to one range): each
 * combines with its own repeats, in any order, and is written back as
 * its own line. */
static void test_one_input_stmts_distinct(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: set\n"
                                 "a.go:2.1,2.9 1 1\n"
                                 "a.go:1.1,1.9 1 0\n"
                                 "a.go:1.1,1.9 4 0\n"
                                 "a.go:2.1,2.9 2 0\n"
                                 "a.go:1.1,1.9 1 1\n"
                                 "a.go:1.1,1.9 4 0\n"
                                 "a.go:2.1,2.9 1 0\n");
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 4);
    assert_block(&b[0], 1, 1, 1, 9, 1, 1);
    assert_block(&b[1], 1, 1, 1, 9, 4, 0);
    assert_block(&b[2], 2, 1, 2, 9, 1, 1);
    assert_block(&b[3], 2, 1, 2, 9, 2, 0);
    char *out = write_go(p);
    assert_string_equal(out, "mode: set\n"
                             "a.go:1.1,1.9 1 1\n"
                             "a.go:1.1,1.9 4 0\n"
                             "a.go:2.1,2.9 1 1\n"
                             "a.go:2.1,2.9 2 0\n");
    assert_go_stable(out); /* read back: one input again, same blocks */
    free(out);
    prof_profile_free(p);
}

/* A statement mismatch between inputs is reported as the sorted merge
 * reports it: the smallest range first, naming the first line with that
 * range in the input that had it first. */
static void test_duplicates_mismatch_order(void **state)
{
    (void)state;
    prof_error err;
    memset(&err, 0, sizeof err);
    prof_profile *p = profile_of("mode: set\n"
                                 "a.go:2.1,2.9 1 1\n"
                                 "a.go:1.1,1.9 1 1\n"
                                 "a.go:1.1,1.9 1 0\n");
    assert_int_equal(read_text(p, "mode: set\n"
                                  "a.go:2.1,2.9 2 1\n"
                                  "a.go:1.1,1.9 4 1\n",
                               "two.out", NULL, &err),
                     PROF_EMERGE);
    assert_string_equal(err.path, "two.out");
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "a.go:1.1,1.9 has 4 statements here but 1 in "
                             "in.out:3");
    prof_profile_free(p);
}

/* The real -coverpkg profile with its lines in reverse order gives what
 * x/tools gives for it (recorded in the corpus). */
static void test_real_dedup_reversed(void **state)
{
    (void)state;
    char path[512];
    size_t len = 0, reflen = 0;
    snprintf(path, sizeof path, "%s/go/unit/unit.atomic.out", corpus_dir());
    char *in = slurp(path, &len);
    snprintf(path, sizeof path, "%s/go/ref/xtools/unit.atomic.dedup.out",
             corpus_dir());
    char *want = slurp(path, &reflen);
    if (!in || !want) {
        print_message("corpus files are missing\n");
        free(in);
        free(want);
        skip();
    }
    char *rev = malloc(len + 2), *o = rev;
    char *body = strchr(in, '\n') + 1;
    memcpy(o, in, (size_t)(body - in));
    o += body - in;
    for (char *end = in + len; end > body;) {
        char *b = end - 1;
        while (b > body && b[-1] != '\n')
            b--;
        memcpy(o, b, (size_t)(end - b));
        o += end - b;
        if (o[-1] != '\n')
            *o++ = '\n';
        end = b;
    }
    prof_profile *p = prof_profile_new();
    prof_error err;
    if (prof_read_buffer(p, rev, (size_t)(o - rev), "rev.out", NULL, NULL,
                         &err) != 0)
        fail_msg("%s:%lu: %s", err.path, err.line, err.msg);
    size_t n;
    char *got = write_text(p, "go", &n);
    assert_int_equal(n, reflen);
    assert_memory_equal(got, want, n);
    free(got);
    free(want);
    free(rev);
    free(in);
    prof_profile_free(p);
}

/* ---- conflicts ---- */

static void test_numstmt_mismatch(void **state)
{
    (void)state;
    prof_profile *p = profile_of("mode: count\na.go:1.1,1.9 1 2\n");
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, "mode: count\n\na.go:1.1,1.9 2 2\n",
                               "other.out", NULL, &err),
                     PROF_EMERGE);
    assert_int_equal(err.code, PROF_EMERGE);
    assert_string_equal(err.path, "other.out");
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "in.out:2");
    assert_contains(err.msg, "a.go:1.1,1.9");
    prof_profile_free(p);

    /* the first input gives the range two counts: a later input may give
     * either, or both, and nothing else */
    static const char first[] = "mode: count\na.go:1.1,1.9 1 1\n"
                                "a.go:1.1,1.9 3 1\n";
    const char *ok[] = {first, "mode: count\na.go:1.1,1.9 3 5\n",
                        "mode: count\na.go:1.1,1.9 3 1\na.go:1.1,1.9 1 0\n"};
    p = merged(ok, 3, PROF_MODE_NONE);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 1, 1, 1, 9, 1, 1);
    assert_block(&b[1], 1, 1, 1, 9, 3, 7);
    assert_int_equal(read_text(p, "mode: count\na.go:1.1,1.9 3 1\n"
                                  "a.go:1.1,1.9 2 1\n",
                               "third.out", NULL, &err),
                     PROF_EMERGE);
    assert_string_equal(err.path, "third.out");
    assert_int_equal(err.line, 3);
    assert_contains(err.msg, "has 2 statements here but 1 or 3 in in0.out:2");
    prof_profile_free(p);

    /* a later input alone cannot add a second count either */
    const char *one[] = {"mode: count\na.go:1.1,1.9 1 1\n"};
    p = merged(one, 1, PROF_MODE_NONE);
    assert_int_equal(read_text(p, "mode: count\na.go:1.1,1.9 1 1\n"
                                  "a.go:1.1,1.9 3 1\n",
                               "two.out", NULL, &err),
                     PROF_EMERGE);
    assert_int_equal(err.line, 3);
    prof_profile_free(p);
}

static void test_overlap(void **state)
{
    (void)state;
    static const char a[] = "mode: count\na.go:1.1,5.2 3 1\n";
    static const char b[] = "mode: count\na.go:3.1,4.2 1 1\n";
    prof_profile *p = profile_of(a);
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, b, "b.out", NULL, &err), PROF_EMERGE);
    assert_string_equal(err.path, "b.out");
    assert_contains(err.msg, "a.go");
    assert_contains(err.msg, "3.1,4.2");
    assert_contains(err.msg, "1.1,5.2");
    assert_contains(err.msg, "in.out");
    prof_profile_free(p);

    /* same start, different end, from two inputs: also an overlap */
    p = profile_of("mode: set\na.go:1.1,2.9 1 1\n");
    assert_int_equal(read_text(p, "mode: set\na.go:1.1,3.9 1 1\n", "x.out",
                               NULL, &err),
                     PROF_EMERGE);
    assert_string_equal(err.path, "x.out");
    prof_profile_free(p);

    /* ends are exclusive: touching blocks do not overlap */
    p = profile_of("mode: set\na.go:1.1,2.5 1 1\na.go:2.5,3.1 1 0\n");
    size_t n;
    blocks_of(p, "a.go", &n);
    assert_int_equal(n, 2);
    prof_profile_free(p);

    p = prof_profile_new();
    prof_profile_set_overlap_keep(p, 1);
    const char *both[] = {a, b};
    read_all(p, both, NULL, 2);
    const prof_block *bl = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 2);
    assert_block(&bl[0], 1, 1, 5, 2, 3, 1);
    assert_block(&bl[1], 3, 1, 4, 2, 1, 1);
    prof_profile_free(p);
}

/* Overlapping blocks of one input are what its producer wrote (//line
 * directives make them): kept, and an input repeating them combines; a
 * range of another input overlapping one of them is still refused. */
static void test_overlap_one_input(void **state)
{
    (void)state;
    static const char a[] = "mode: count\na.go:1.1,9.1 3 1\n"
                            "a.go:2.1,12.1 1 1\na.go:1.1,3.1 1 0\n";
    const char *twice[] = {a, a};
    prof_profile *p = merged(twice, 2, PROF_MODE_NONE);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 3);
    assert_block(&b[0], 1, 1, 3, 1, 1, 0);
    assert_block(&b[1], 1, 1, 9, 1, 3, 2);
    assert_block(&b[2], 2, 1, 12, 1, 1, 2);
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, "mode: count\na.go:1.1,9.1 3 1\n"
                                  "a.go:10.1,11.1 1 1\n",
                               "c.out", NULL, &err),
                     PROF_EMERGE);
    assert_string_equal(err.path, "c.out");
    assert_int_equal(err.line, 3);
    assert_contains(err.msg,
                    "block 10.1,11.1 overlaps 2.1,12.1 from in0.out:3");
    prof_profile_free(p);
}

/* A block that ends before it starts (Go through //line) is kept as it
 * is written, combines with its repeats, and takes no part in overlap
 * checks: its end is a line of another file. */
static void test_inverted(void **state)
{
    (void)state;
    const char *in[] = {"mode: count\na.go:331.0,19.0 2 4\n"
                        "a.go:300.1,340.1 5 1\n",
                        "mode: count\na.go:331.0,19.0 2 3\n"
                        "a.go:300.1,340.1 5 0\na.go:5.9,5.3 1 1\n"};
    prof_profile *p = merged(in, 2, PROF_MODE_NONE);
    size_t n;
    const prof_block *b = blocks_of(p, "a.go", &n);
    assert_int_equal(n, 3);
    assert_block(&b[0], 5, 9, 5, 3, 1, 1);
    assert_block(&b[1], 300, 1, 340, 1, 5, 1);
    assert_block(&b[2], 331, 0, 19, 0, 2, 7);
    prof_line *lines;
    assert_int_equal(prof_file_lines(prof_profile_file(p, 0), &lines, &n),
                     0);
    assert_int_equal(n, 41); /* 5, 300..339; 331 from both blocks */
    assert_int_equal(lines[0].line, 5);
    assert_int_equal(lines[32].line, 331);
    assert_int_equal(lines[32].hits, 7);
    free(lines);
    prof_profile_free(p);
}

/* GOCOVERDIR units name their function: two functions' units at one
 * range and statement count (//line) are two blocks, combined with
 * their own function's units only; a text block (no function) joins the
 * first of them. The Go text writer gives the range one line. */
static void test_units_by_function(void **state)
{
    (void)state;
    prof_profile *p = prof_profile_new();
    prof_file *f = prof_profile_file_get(p, "m/yaccpar", 9);
    const char *parse = prof_profile_intern(p, "Parse", 5);
    const char *tok = prof_profile_intern(p, "yyTokname", 9);
    prof_block u[] = {{37, 0, 39, 0, 1, 0, 0, 0, 1, parse},
                      {37, 0, 39, 0, 1, 0, 0, 0, 0, tok},
                      {37, 0, 39, 0, 1, 0, 0, 0, 2, parse},
                      {37, 0, 39, 0, 1, 0, 0, 0, 5, NULL}};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(prof_file_add_block(f, &u[i]), 0);
    p->mode = PROF_MODE_COUNT;
    p->families = PROF_FAMILY_GO;
    prof_error err;
    assert_int_equal(prof_profile_normalize(p, &err), 0);
    size_t n;
    const prof_block *b = blocks_of(p, "m/yaccpar", &n);
    assert_int_equal(n, 2);
    assert_block(&b[0], 37, 0, 39, 0, 1, 8);
    assert_string_equal(b[0].func, "Parse");
    assert_block(&b[1], 37, 0, 39, 0, 1, 0);
    assert_string_equal(b[1].func, "yyTokname");
    char *out = write_go(p);
    assert_string_equal(out, "mode: count\nm/yaccpar:37.0,39.0 1 8\n");
    free(out);
    /* lines: one block, as in that Go text (not a partial line) */
    prof_line *lines;
    assert_int_equal(prof_file_lines(prof_profile_file(p, 0), &lines, &n),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(lines[0].line, 37);
    assert_int_equal(lines[0].hits, 8);
    assert_false(lines[0].partial);
    free(lines);
    /* merged into another profile: names re-interned, units kept */
    prof_profile *q = prof_profile_new();
    assert_int_equal(prof_merge(q, p, &err), 0);
    assert_int_equal(prof_merge(q, p, &err), 0);
    b = blocks_of(q, "m/yaccpar", &n);
    assert_int_equal(n, 2);
    assert_int_equal(b[0].hits, 16);
    assert_string_equal(b[1].func, "yyTokname");
    assert_ptr_equal(b[0].func, prof_profile_intern(q, "Parse", 5));
    prof_profile_free(q);
    prof_profile_free(p);
}

/* ---- modes ---- */

static void test_mode_equal_and_count_atomic(void **state)
{
    (void)state;
    const char *ca[] = {"mode: count\na.go:1.1,1.9 1 3\n",
                        "mode: atomic\na.go:1.1,1.9 1 4\n"};
    const char *ac[] = {ca[1], ca[0]};
    size_t n;
    for (int order = 0; order < 2; order++) {
        warn_log log = {0};
        prof_profile *p = prof_profile_new();
        prof_profile_set_warn(p, warn_collect, &log);
        read_all(p, order ? ac : ca, NULL, 2);
        assert_int_equal(prof_profile_mode(p), PROF_MODE_ATOMIC);
        assert_block(blocks_of(p, "a.go", &n), 1, 1, 1, 9, 1, 7);
        assert_int_equal(log.n, 0);
        prof_profile_free(p);
    }
}

static void test_mode_set_with_count(void **state)
{
    (void)state;
    const char *sc[] = {"mode: set\na.go:1.1,1.9 1 1\na.go:2.1,2.9 1 0\n",
                        "mode: count\na.go:1.1,1.9 1 5\na.go:2.1,2.9 1 9\n"
                        "a.go:3.1,3.9 1 0\n"};
    const char *cs[] = {sc[1], sc[0]};
    for (int order = 0; order < 2; order++) {
        warn_log log = {0};
        prof_profile *p = prof_profile_new();
        prof_profile_set_warn(p, warn_collect, &log);
        read_all(p, order ? cs : sc, NULL, 2);
        assert_int_equal(prof_profile_mode(p), PROF_MODE_SET);
        size_t n;
        const prof_block *b = blocks_of(p, "a.go", &n);
        assert_int_equal(n, 3);
        assert_block(&b[0], 1, 1, 1, 9, 1, 1);
        assert_block(&b[1], 2, 1, 2, 9, 1, 1);
        assert_block(&b[2], 3, 1, 3, 9, 1, 0);
        assert_int_equal(log.n, 1);
        assert_int_equal(log.last.code, PROF_OK);
        assert_contains(log.last.msg, "set mode");
        assert_null(strchr(log.last.msg, '\n'));
        char *out = write_go(p);
        assert_string_equal(out, "mode: set\na.go:1.1,1.9 1 1\n"
                                 "a.go:2.1,2.9 1 1\na.go:3.1,3.9 1 0\n");
        free(out);
        prof_profile_free(p);
    }
}

/* Many counting inputs with a set one: still one notice, not one each. */
static void test_mode_one_notice(void **state)
{
    (void)state;
    const char *in[] = {"mode: count\na.go:1.1,1.9 1 5\n",
                        "mode: set\na.go:1.1,1.9 1 0\n",
                        "mode: count\na.go:1.1,1.9 1 3\n",
                        "mode: atomic\na.go:1.1,1.9 1 0\n"};
    warn_log log = {0};
    prof_profile *p = prof_profile_new();
    prof_profile_set_warn(p, warn_collect, &log);
    read_all(p, in, NULL, 4);
    assert_int_equal(log.n, 1);
    assert_string_equal(log.last.path, "in1.out");
    assert_int_equal(prof_profile_mode(p), PROF_MODE_SET);
    size_t n;
    assert_block(blocks_of(p, "a.go", &n), 1, 1, 1, 9, 1, 1);
    prof_profile_free(p);
}

static void test_mode_forced(void **state)
{
    (void)state;
    const char *in[] = {"mode: set\na.go:1.1,1.9 1 1\na.go:2.1,2.9 1 1\n",
                        "mode: count\na.go:1.1,1.9 1 5\na.go:2.1,2.9 1 0\n"
                        "a.go:3.1,3.9 1 7\n",
                        "mode: atomic\na.go:3.1,3.9 1 2\n"};
    warn_log log = {0};
    prof_profile *p = prof_profile_new();
    prof_profile_set_warn(p, warn_collect, &log);
    prof_profile_set_mode(p, PROF_MODE_COUNT);
    read_all(p, in, NULL, 3);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    char *out = write_go(p);
    assert_string_equal(out, "mode: count\na.go:1.1,1.9 1 6\n"
                             "a.go:2.1,2.9 1 1\na.go:3.1,3.9 1 9\n");
    free(out);
    assert_int_equal(log.n, 0);
    prof_profile_free(p);

    p = prof_profile_new();
    prof_profile_set_warn(p, warn_collect, &log);
    prof_profile_set_mode(p, PROF_MODE_SET);
    read_all(p, in + 1, NULL, 2);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_SET);
    out = write_go(p);
    assert_string_equal(out, "mode: set\na.go:1.1,1.9 1 1\n"
                             "a.go:2.1,2.9 1 0\na.go:3.1,3.9 1 1\n");
    free(out);
    assert_int_equal(log.n, 0);
    prof_profile_free(p);
}

/* ---- suites ---- */

static void test_suites(void **state)
{
    (void)state;
    const char *in[] = {"mode: count\nx.go:1.1,2.2 1 0\nx.go:3.1,4.2 1 5\n"
                        "x.go:5.1,6.2 1 0\nx.go:7.1,8.2 1 1\n",
                        "mode: count\nx.go:1.1,2.2 1 7\nx.go:3.1,4.2 1 0\n"
                        "x.go:5.1,6.2 1 0\nx.go:7.1,8.2 1 2\n"};
    const char *labels[] = {"unit", "system"};
    prof_profile *p = prof_profile_new();
    read_all(p, in, labels, 2);
    assert_int_equal(prof_profile_nsuites(p), 2);
    long unit = suite_index(p, "unit"), sys = suite_index(p, "system");
    assert_true(unit >= 0 && sys >= 0);
    size_t n;
    const prof_block *b = blocks_of(p, "x.go", &n);
    assert_int_equal(n, 4);
    static const int want[4][2] = {{0, 1}, {1, 0}, {0, 0}, {1, 1}};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(prof_suites_has(p, b[i].suites, (size_t)unit),
                         want[i][0]);
        assert_int_equal(prof_suites_has(p, b[i].suites, (size_t)sys),
                         want[i][1]);
    }
    assert_int_equal(b[0].hits, 7);
    assert_int_equal(b[3].hits, 3);
    prof_profile_free(p);
}

static void test_same_label_is_one_suite(void **state)
{
    (void)state;
    const char *in[] = {"mode: set\nx.go:1.1,2.2 1 1\nx.go:3.1,4.2 1 0\n",
                        "mode: set\nx.go:1.1,2.2 1 0\nx.go:3.1,4.2 1 1\n"};
    const char *labels[] = {"e2e", "e2e"};
    prof_profile *p = prof_profile_new();
    read_all(p, in, labels, 2);
    assert_int_equal(prof_profile_nsuites(p), 1);
    assert_string_equal(prof_profile_suite(p, 0), "e2e");
    assert_int_equal(prof_profile_ninputs(p), 2);
    size_t n;
    const prof_block *b = blocks_of(p, "x.go", &n);
    assert_int_equal(n, 2);
    assert_true(prof_suites_has(p, b[0].suites, 0));
    assert_true(prof_suites_has(p, b[1].suites, 0));
    assert_false(prof_suites_has(p, b[1].suites, 1));
    prof_profile_free(p);

    /* without a label, the suite is the input's stem */
    p = prof_profile_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(read_text(p, in[0], "out/unit.cover.out", NULL, &err), 0);
    assert_string_equal(prof_profile_suite(p, 0), "unit.cover");
    prof_profile_free(p);
}

/* ---- prof_merge of whole profiles ---- */

static void test_merge_profiles(void **state)
{
    (void)state;
    prof_profile *a = profile_of("mode: count\na.go:1.1,1.9 1 2\n");
    prof_profile *b = profile_of("mode: count\na.go:1.1,1.9 1 3\n"
                                 "b.go:1.1,1.9 1 1\n");
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(prof_merge(a, b, &err), 0);
    size_t n;
    assert_block(blocks_of(a, "a.go", &n), 1, 1, 1, 9, 1, 5);
    assert_int_equal(prof_profile_nfiles(a), 2);
    assert_int_equal(prof_profile_ninputs(a), 2);
    /* the source is left as it was */
    assert_block(blocks_of(b, "a.go", &n), 1, 1, 1, 9, 1, 3);
    assert_int_equal(prof_merge(a, a, &err), PROF_EINVAL);
    assert_int_equal(err.code, PROF_EINVAL);
    prof_profile_free(a);
    prof_profile_free(b);
}

/* ---- determinism ---- */

static void test_any_order_same_output(void **state)
{
    (void)state;
    const char *in[] = {"mode: count\nb.go:3.1,4.2 1 1\na.go:1.1,2.2 2 0\n"
                        "b.go:1.1,2.2 1 4\na.go:1.1,2.2 2 3\n",
                        "mode: count\nc/d.go:1.1,1.9 1 2\nb.go:1.1,2.2 1 1\n"
                        "a.go:5.1,6.2 1 0\n",
                        "mode: atomic\na.go:5.1,6.2 1 9\nb.go:3.1,4.2 1 0\n"
                        ".\\c\\d.go:1.1,1.9 1 1\n"};
    static const int perm[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                   {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    char *first = NULL;
    for (size_t i = 0; i < 6; i++) {
        const char *order[3];
        for (size_t j = 0; j < 3; j++)
            order[j] = in[perm[i][j]];
        prof_profile *p = merged(order, 3, PROF_MODE_NONE);
        char *out = write_go(p);
        if (!first)
            first = out;
        else {
            assert_string_equal(first, out);
            free(out);
        }
        prof_profile_free(p);
    }
    assert_string_equal(first, "mode: atomic\n"
                               "a.go:1.1,2.2 2 3\n"
                               "a.go:5.1,6.2 1 9\n"
                               "b.go:1.1,2.2 1 5\n"
                               "b.go:3.1,4.2 1 1\n"
                               "c/d.go:1.1,1.9 1 3\n");
    free(first);
}

/* ---- real data: x/tools' merge of unit and system profiles ---- */

/* Merge the corpus files IN (relative to corpus_dir()/go), write Go text
 * and compare it with corpus_dir()/go/REF byte for byte. */
static void check_against_ref(const char *const *in, size_t n,
                              const char *ref)
{
    char path[512];
    snprintf(path, sizeof path, "%s/go/%s", corpus_dir(), ref);
    size_t reflen;
    char *want = slurp(path, &reflen);
    if (!want) {
        print_message("corpus file %s is missing\n", path);
        skip();
    }
    prof_profile *p = prof_profile_new();
    for (size_t i = 0; i < n; i++) {
        prof_error err;
        memset(&err, 0, sizeof err);
        snprintf(path, sizeof path, "%s/go/%s", corpus_dir(), in[i]);
        if (prof_read_file(p, path, NULL, NULL, &err) != 0)
            fail_msg("%s:%lu: %s", err.path, err.line, err.msg);
    }
    size_t len;
    char *got = write_text(p, "go", &len);
    assert_int_equal(len, reflen);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
    prof_profile_free(p);
}

static void test_real_unit_plus_system(void **state)
{
    (void)state;
    const char *in[] = {"unit/unit.count.out", "system/system.AB.count.out"};
    check_against_ref(in, 2, "ref/xtools/unit+system.AB.count.merged.out");
    const char *rev[] = {in[1], in[0]};
    check_against_ref(rev, 2, "ref/xtools/unit+system.AB.count.merged.out");
}

static void test_real_system_a_plus_b(void **state)
{
    (void)state;
    const char *in[] = {"system/system.A.count.out",
                        "system/system.B.count.out"};
    check_against_ref(in, 2, "ref/xtools/system.A+B.count.merged.out");
}

static void test_real_dedup(void **state)
{
    (void)state;
    const char *set[] = {"unit/unit.set.out"};
    check_against_ref(set, 1, "ref/xtools/unit.set.dedup.out");
    const char *atomic[] = {"unit/unit.atomic.out"};
    check_against_ref(atomic, 1, "ref/xtools/unit.atomic.dedup.out");
}

/* Merging many inputs makes a suite set for every step of every growing
 * set; compaction drops those no record uses, renumbers the rest and
 * keeps their suites. */
static void test_suitesets_compact(void **state)
{
    (void)state;
    enum { N = 12000 };
    prof_profile *p = prof_profile_new();
    prof_file *f = prof_profile_file_get(p, "a.go", 4);
    assert_non_null(f);
    uint32_t all = 0, odd = 0, one;
    for (long s = 0; s < N; s++) {
        char label[24];
        snprintf(label, sizeof label, "s%ld", s);
        assert_int_equal(prof_profile_suite_index(p, label), s);
        assert_int_equal(prof_suiteset_single(p, s, &one), 0);
        assert_int_equal(prof_suiteset_union(p, all, one, &all), 0);
        if (s % 2)
            assert_int_equal(prof_suiteset_union(p, odd, one, &odd), 0);
    }
    prof_block a = {1, 1, 2, 2, 1, 0, 0, all, 5, NULL};
    prof_block b = {3, 1, 4, 2, 1, 0, 0, odd, 7, NULL};
    assert_int_equal(prof_file_add_block(f, &a), 0);
    assert_int_equal(prof_file_add_block(f, &b), 0);
    assert_true(p->nsets > N);
    assert_int_equal(prof_suitesets_compact(p), 0);
    assert_int_equal(p->nsets, 3); /* the empty set, ALL and ODD */
    const prof_block *bl = f->blocks;
    assert_int_equal(bl[0].hits, 5);
    assert_int_equal(bl[1].hits, 7);
    for (size_t s = 0; s < N; s++) {
        assert_true(prof_suites_has(p, bl[0].suites, s));
        assert_int_equal(!!prof_suites_has(p, bl[1].suites, s), s % 2);
    }
    /* the table finds the kept sets again */
    assert_int_equal(prof_suiteset_union(p, bl[1].suites, bl[0].suites,
                                         &one), 0);
    assert_int_equal(one, bl[0].suites);
    assert_int_equal(prof_suiteset_single(p, 0, &one), 0);
    assert_int_equal(p->nsets, 4);
    assert_int_equal(prof_suitesets_compact(p), 0); /* nothing to drop */
    assert_int_equal(p->nsets, 4);
    prof_profile_free(p);
}

/* Unions come from a small cache once made: every answer, cached or
 * not, and whatever the slots collide on, is the union. */
static void test_unions_cached(void **state)
{
    (void)state;
    enum { N = 100 }; /* more sets than cache slots */
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    uint32_t one[N];
    for (size_t s = 0; s < N; s++) {
        char name[16];
        snprintf(name, sizeof name, "s%zu", s);
        assert_int_equal(prof_profile_suite_index(p, name), (int)s);
        assert_int_equal(prof_suiteset_single(p, (long)s, &one[s]), 0);
    }
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < N; i++)
            for (size_t j = 0; j < N; j++) {
                uint32_t u;
                assert_int_equal(prof_suiteset_union(p, one[i], one[j], &u),
                                 0);
                for (size_t s = 0; s < N; s++)
                    assert_int_equal(!!prof_suites_has(p, u, s),
                                     s == i || s == j);
            }
    prof_profile_free(p);
}

/* A file new to an input gets arrays of the sizes it had in the inputs
 * read before (prof_sizes); a wrong guess still reads right. */
static void test_sizes_reserved(void **state)
{
    (void)state;
    prof_profile *a = prof_profile_new();
    assert_non_null(a);
    const char *first[] = {"mode: count\na.go:1.1,1.9 1 1\na.go:2.1,2.9 1 0\n"
                           "a.go:3.1,3.9 1 2\n"};
    read_all(a, first, NULL, 1);
    prof_sizes h = {0};
    prof_sizes_learn(&h, a);
    prof_profile *b = prof_profile_new();
    assert_non_null(b);
    b->sizes = &h;
    prof_file *f = prof_profile_file_get(b, "a.go", 4);
    assert_non_null(f);
    assert_int_equal(f->cap_blocks, 3);
    assert_int_equal(f->cap_funcs, 0);
    prof_file *g = prof_profile_file_get(b, "b.go", 4);
    assert_non_null(g);
    assert_int_equal(g->cap_blocks, 0);
    /* more blocks than learned: the array grows as usual */
    for (uint32_t line = 1; line <= 5; line++) {
        prof_block bl = {line, 1, line, 9, 1, 0, line, 0, line, NULL};
        assert_int_equal(prof_file_add_block(f, &bl), 0);
    }
    b->sizes = NULL;
    prof_error err;
    assert_int_equal(prof_profile_normalize(b, &err), 0);
    size_t n;
    const prof_block *bl = blocks_of(b, "a.go", &n);
    assert_int_equal(n, 5);
    assert_block(&bl[4], 5, 1, 5, 9, 1, 5);
    prof_profile_free(b);
    prof_profile_free(a);
    prof_sizes_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_ors),
        cmocka_unit_test(test_count_and_atomic_add),
        cmocka_unit_test(test_saturation),
        cmocka_unit_test(test_duplicates_in_one_input),
        cmocka_unit_test(test_duplicates_any_order),
        cmocka_unit_test(test_one_input_stmts_distinct),
        cmocka_unit_test(test_duplicates_mismatch_order),
        cmocka_unit_test(test_real_dedup_reversed),
        cmocka_unit_test(test_numstmt_mismatch),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_overlap_one_input),
        cmocka_unit_test(test_inverted),
        cmocka_unit_test(test_units_by_function),
        cmocka_unit_test(test_mode_equal_and_count_atomic),
        cmocka_unit_test(test_mode_set_with_count),
        cmocka_unit_test(test_mode_one_notice),
        cmocka_unit_test(test_mode_forced),
        cmocka_unit_test(test_suites),
        cmocka_unit_test(test_same_label_is_one_suite),
        cmocka_unit_test(test_merge_profiles),
        cmocka_unit_test(test_any_order_same_output),
        cmocka_unit_test(test_real_unit_plus_system),
        cmocka_unit_test(test_real_system_a_plus_b),
        cmocka_unit_test(test_real_dedup),
        cmocka_unit_test(test_suitesets_compact),
        cmocka_unit_test(test_unions_cached),
        cmocka_unit_test(test_sizes_reserved),
    };
    return cmocka_run_group_tests_name("merge", tests, NULL, NULL);
}
