/* test_pool.c - prof_read_files: inputs parsed on threads, merged in order. */
#include "helpers.h"

/* Inputs written to files under a temporary directory. */
typedef struct files {
    char *dir;
    char *paths[8];
    size_t n;
} files;

static void files_add(files *fs, const char *name, const char *text)
{
    if (!fs->dir)
        fs->dir = temp_dir();
    char path[700];
    snprintf(path, sizeof path, "%s/%s", fs->dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
    assert_int_equal(fclose(fp), 0);
    fs->paths[fs->n] = strdup(path);
    assert_non_null(fs->paths[fs->n]);
    fs->n++;
}

static void files_free(files *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        unlink(fs->paths[i]);
        free(fs->paths[i]);
    }
    if (fs->dir)
        rmdir(fs->dir);
    free(fs->dir);
}

typedef struct progress_log {
    size_t calls, last;
    int in_order;
} progress_log;

static void on_progress(void *ctx, size_t i, const prof_profile *p)
{
    progress_log *l = ctx;
    (void)p;
    l->in_order &= i == l->calls;
    l->last = i;
    l->calls++;
}

/* The warnings received, in order. */
typedef struct seq_log {
    int n;
    prof_error w[8];
} seq_log;

static void seq_collect(void *ctx, const prof_error *w)
{
    seq_log *l = ctx;
    if (l->n < 8)
        l->w[l->n] = *w;
    l->n++;
}

/* Read PATHS with JOBS threads; the output in format FMT, or NULL after
 * an error (then *ERR holds it). Warnings go to LOG when not NULL. */
static char *read_with(const char *const *paths, size_t n, unsigned jobs,
                       const char *fmt, seq_log *log, prof_error *err)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    if (log)
        prof_profile_set_warn(p, seq_collect, log);
    progress_log pl = {0, 0, 1};
    memset(err, 0, sizeof *err);
    char *out = NULL;
    int rc = prof_read_files(p, paths, NULL, n, NULL, jobs, on_progress, &pl,
                             err);
    if (rc == 0) {
        size_t len;
        out = write_text(p, fmt, &len);
        assert_int_equal(pl.calls, n);
    } else {
        assert_int_equal(rc, err->code);
    }
    assert_true(pl.in_order);
    prof_profile_free(p);
    return out;
}

/* Real data, many inputs: any number of threads gives what one gives, and
 * the Go merge is x/tools' (recorded in the corpus). */
static void test_same_as_serial(void **state)
{
    (void)state;
    char lc[4][512], go[2][512], ref[512];
    const char *names[] = {"jq/lcov/A.info", "jq/lcov/B.info",
                           "zlib/lcov/A.branch.info", "jq/lcov/A.tn.info"};
    const char *lpaths[12];
    for (size_t i = 0; i < 4; i++)
        snprintf(lc[i], sizeof lc[i], "%s/c/%s", corpus_dir(), names[i]);
    for (size_t i = 0; i < 12; i++)
        lpaths[i] = lc[i % 4];
    snprintf(go[0], sizeof go[0], "%s/go/unit/unit.count.out", corpus_dir());
    snprintf(go[1], sizeof go[1], "%s/go/system/system.AB.count.out",
             corpus_dir());
    snprintf(ref, sizeof ref,
             "%s/go/ref/xtools/unit+system.AB.count.merged.out",
             corpus_dir());
    size_t reflen;
    char *want = slurp(ref, &reflen);
    if (!want) {
        print_message("corpus file %s is missing\n", ref);
        skip();
    }
    prof_error err;
    char *one = read_with(lpaths, 12, 1, "lcov", NULL, &err);
    assert_non_null(one);
    for (unsigned jobs = 2; jobs <= 5; jobs += 3) {
        char *many = read_with(lpaths, 12, jobs, "lcov", NULL, &err);
        assert_non_null(many);
        assert_string_equal(one, many);
        free(many);
    }
    free(one);
    const char *gpaths[] = {go[0], go[1]};
    char *got = read_with(gpaths, 2, 2, "go", NULL, &err);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

/* The error reported is the first in input order, whichever thread
 * finishes first; a merge conflict comes before a later parse error. */
static void test_first_error_in_input_order(void **state)
{
    (void)state;
    files fs = {0};
    files_add(&fs, "a.out", "mode: count\na.go:1.1,1.9 1 2\n");
    files_add(&fs, "b.out", "mode: count\na.go:1.1,1.9 2 2\n");
    files_add(&fs, "c.out", "mode: count\na.go:1.1,1.9 1 x\n");
    const char *missing = "/nonexistent/covkit/d.out";
    const char *in1[] = {fs.paths[0], fs.paths[1], fs.paths[2], missing};
    const char *in2[] = {fs.paths[0], fs.paths[2], missing, fs.paths[1]};
    const char *in3[] = {missing, fs.paths[2], fs.paths[1]};
    prof_error e1, e4;
    const struct {
        const char *const *paths;
        size_t n;
        int code;
        const char *path;
    } cases[] = {{in1, 4, PROF_EMERGE, fs.paths[1]},
                 {in2, 4, PROF_EFORMAT, fs.paths[2]},
                 {in3, 3, PROF_EIO, missing}};
    for (size_t c = 0; c < 3; c++) {
        assert_null(read_with(cases[c].paths, cases[c].n, 1, "go", NULL, &e1));
        assert_null(read_with(cases[c].paths, cases[c].n, 4, "go", NULL, &e4));
        assert_int_equal(e1.code, cases[c].code);
        assert_string_equal(e1.path, cases[c].path);
        assert_int_equal(e1.code, e4.code);
        assert_string_equal(e1.path, e4.path);
        assert_int_equal(e1.line, e4.line);
        assert_string_equal(e1.msg, e4.msg);
    }
    files_free(&fs);
}

/* Warnings from the readers and from merging arrive in input order, from
 * the calling thread, as with one thread (lcov and Go inputs mixed, so
 * the result is written as lcov). */
static void test_warnings_in_order(void **state)
{
    (void)state;
    files fs = {0};
    files_add(&fs, "n1.info", "SF:a.c\nDA:1,-1\nDA:2,-3\nend_of_record\n");
    files_add(&fs, "n2.info", "SF:b.c\nDA:1,4\nDA:2,-1\nend_of_record\n");
    files_add(&fs, "g1.out", "mode: count\na.go:1.1,1.9 1 2\n");
    files_add(&fs, "g2.out", "mode: set\na.go:1.1,1.9 1 1\n");
    const char *lin[] = {fs.paths[0], fs.paths[1], fs.paths[2], fs.paths[3]};
    for (unsigned jobs = 1; jobs <= 4; jobs += 3) {
        seq_log l = {0};
        prof_error err;
        free(read_with(lin, 4, jobs, "lcov", &l, &err));
        assert_int_equal(err.code, 0);
        assert_int_equal(l.n, 3);
        /* n1's and n2's negative counts, then the set-mode notice */
        assert_string_equal(l.w[0].path, fs.paths[0]);
        assert_int_equal(l.w[0].line, 2);
        assert_string_equal(l.w[1].path, fs.paths[1]);
        assert_int_equal(l.w[1].line, 3);
        assert_string_equal(l.w[2].path, fs.paths[3]);
        assert_contains(l.w[2].msg, "set mode");
    }
    files_free(&fs);
}

/* prof_profile_set_input_ids: what each input is, with one thread and
 * with two; prof_inputs_same tells one file (a path given twice), a copy
 * (equal bytes) and a file of the same size and sampled bytes that differs
 * between the samples (read again and compared) apart; the ids stay set
 * for the next call. */
static void test_input_ids(void **state)
{
    (void)state;
    char text[4096], *t = text;
    t += sprintf(t, "mode: count\n");
    for (int i = 1; t - text < 3000; i++)
        t += sprintf(t, "p/f.go:%d.1,%d.5 1 0\n", 1000 + i, 1000 + i);
    files fs = {0};
    files_add(&fs, "a.out", text);
    files_add(&fs, "copy.out", text);
    /* samples of 128 bytes every (len - 128) / 7 bytes: byte 300 is
     * between the first two; its line's count becomes 1 */
    char *nl = strchr(text + 300, '\n');
    assert_true(nl[-1] == '0' && nl - text < 400);
    nl[-1] = '1';
    files_add(&fs, "other.out", text);
    const char *paths[] = {fs.paths[0], fs.paths[1], fs.paths[2],
                           fs.paths[0]};
    for (unsigned jobs = 1; jobs <= 2; jobs++) {
        prof_input_id ids[4];
        memset(ids, 0, sizeof ids);
        prof_profile *p = prof_profile_new();
        prof_profile_set_input_ids(p, ids);
        prof_error err;
        assert_int_equal(prof_read_files(p, paths, NULL, 4, NULL, jobs, NULL,
                                         NULL, &err),
                         0);
        for (size_t i = 0; i < 4; i++)
            assert_true(ids[i].known && ids[i].bytes &&
                        ids[i].size == strlen(text));
        assert_true(ids[2].sample == ids[0].sample);
        assert_int_equal(prof_inputs_same(paths[0], &ids[0], paths[3],
                                          &ids[3]), 1);
        assert_int_equal(prof_inputs_same(paths[0], &ids[0], paths[1],
                                          &ids[1]), 2);
        assert_int_equal(prof_inputs_same(paths[0], &ids[0], paths[2],
                                          &ids[2]), 0);
        /* the ids are the profile's option: a second call fills them too
         * (not lost when the first input's data moved into P) */
        memset(ids, 0, sizeof ids);
        assert_int_equal(prof_read_files(p, paths, NULL, 4, NULL, jobs, NULL,
                                         NULL, &err),
                         0);
        for (size_t i = 0; i < 4; i++)
            assert_true(ids[i].known && ids[i].size == strlen(text));
        prof_profile_free(p);
    }
    files_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_serial),
        cmocka_unit_test(test_first_error_in_input_order),
        cmocka_unit_test(test_warnings_in_order),
        cmocka_unit_test(test_input_ids),
    };
    return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
