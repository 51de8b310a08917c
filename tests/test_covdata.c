/* test_covdata.c - unit tests of the Go binary coverage (GOCOVERDIR) reader. */
#include "helpers.h"

#include <dirent.h>

#include "../libprof/internal.h"

/* formats/covdata.c: one pod from memory, as the directory reader does. */
int prof_covdata_read_pod(prof_reader *r, const char *meta_name,
                          const unsigned char *meta, size_t meta_len,
                          size_t n, const char *const *names,
                          const unsigned char *const *counters,
                          const size_t *lens);

#define TD "testdata/covdata/"
#define SMALL TD "small.count"
#define META "covmeta.c3611d3f4b8352567501670ae4a4cf44"
#define CTR1 "covcounters.c3611d3f4b8352567501670ae4a4cf44.20066." \
             "1795227927449243161"
#define CTR2 "covcounters.c3611d3f4b8352567501670ae4a4cf44.20070." \
             "1795227927451779418"

/* ---- helpers ---- */

typedef struct blob {
    unsigned char *d;
    size_t len;
} blob;

static blob load(const char *dir, const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    blob b;
    b.d = (unsigned char *)slurp(path, &b.len);
    if (!b.d)
        fail_msg("cannot read %s", path);
    return b;
}

static void put(const char *dir, const char *name, const void *d, size_t len)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(d, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void rm_tree(char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *de;
    char path[600];
    while ((de = readdir(dp)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        assert_int_equal(unlink(path), 0);
    }
    closedir(dp);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

/* Read DIRS (NULL-terminated) into a new profile; expect CODE. */
static prof_profile *read_dirs(const char *const *dirs, int code,
                               warn_log *log, prof_error *err)
{
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    if (log)
        prof_profile_set_warn(p, warn_collect, log);
    memset(err, 0, sizeof *err);
    int rc = 0;
    for (size_t i = 0; dirs[i] && rc == 0; i++)
        rc = prof_read_file(p, dirs[i], NULL, NULL, err);
    if (rc != code)
        fail_msg("expected %d, got %d: %s: %s", code, rc, err->path,
                 err->msg);
    return p;
}

/* The Go text of reading DIRS must equal the file EXPECTED. */
static void expect_text(const char *const *dirs, const char *expected)
{
    prof_error err;
    prof_profile *p = read_dirs(dirs, 0, NULL, &err);
    size_t len = 0, elen = 0;
    char *got = write_text(p, "go", &len);
    char *want = slurp(expected, &elen);
    if (!want)
        fail_msg("cannot read %s", expected);
    if (len != elen || memcmp(got, want, len))
        fail_msg("output differs from %s:\n%s", expected, got);
    free(got);
    free(want);
    prof_profile_free(p);
}

static void expect_dir(const char *dir, const char *expected)
{
    const char *dirs[] = {dir, NULL};
    expect_text(dirs, expected);
}

/* ---- real data: byte-identical to `go tool covdata textfmt` ---- */

static void test_small_textfmt(void **state)
{
    (void)state;
    expect_dir(SMALL, TD "small.count.out");
    expect_dir(SMALL "/", TD "small.count.out");
}

static void test_corpus_textfmt(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"covdata/A.count", "system/system.A.count.out"},
        {"covdata/B.count", "system/system.B.count.out"},
        {"covdata/S.set", "system/system.S.set.out"},
        {"covdata/T.atomic", "system/system.T.atomic.out"},
        {"covdata/unit.count", "system/unit-covdir.count.out"},
        {"ref/covdata/merged.A+B", "ref/covdata/merged.A+B.count.out"},
        {"ref/covdata/pcombine.unit+A",
         "ref/covdata/pcombine.unit+A.count.out"},
        {"ref/covdata/subtract.A-B", "ref/covdata/subtract.A-B.count.out"},
    };
    char dir[600], out[600];
    snprintf(dir, sizeof dir, "%s/go/covdata/A.count", corpus_dir());
    if (access(dir, R_OK) != 0)
        skip();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(dir, sizeof dir, "%s/go/%s", corpus_dir(), cases[i][0]);
        snprintf(out, sizeof out, "%s/go/%s", corpus_dir(), cases[i][1]);
        expect_dir(dir, out);
    }
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/go/covdata/A.count", corpus_dir());
    snprintf(b, sizeof b, "%s/go/covdata/B.count", corpus_dir());
    snprintf(out, sizeof out, "%s/go/system/system.AB.count.out",
             corpus_dir());
    const char *ab[] = {a, b, NULL};
    expect_text(ab, out);
}

/* EXPECTED with every count above 1 made 1 and the mode "set". */
static char *clamp_to_set(const char *expected)
{
    size_t len = 0;
    char *in = slurp(expected, &len);
    assert_non_null(in);
    char *out = malloc(len + 16), *o = out;
    assert_non_null(out);
    for (char *line = strtok(in, "\n"); line; line = strtok(NULL, "\n")) {
        char *sp = strrchr(line, ' ');
        if (!strncmp(line, "mode:", 5))
            o += sprintf(o, "mode: set\n");
        else
            o += sprintf(o, "%.*s %d\n", (int)(sp - line), line,
                         strcmp(sp + 1, "0") != 0);
    }
    free(in);
    return out;
}

/* Two pods of one program, count and set mode, in one directory: set
 * mode with a notice, equal to covdata merge -pcombine made 0/1. */
static void test_mixed_modes_in_one_dir(void **state)
{
    (void)state;
    warn_log log = {0, {0, "", 0, ""}};
    prof_error err;
    const char *dirs[] = {TD "mixed", NULL};
    prof_profile *p = read_dirs(dirs, 0, &log, &err);
    assert_int_equal(prof_profile_mode(p), PROF_MODE_SET);
    assert_int_equal(log.n, 1);
    assert_contains(log.last.msg, "gives set mode");
    size_t len;
    char *got = write_text(p, "go", &len);
    char *want = clamp_to_set(TD "mixed.pcombine.out");
    assert_string_equal(got, want);
    size_t n, hit = 0; /* function hits are 0/1 as well */
    const prof_function *fn = prof_file_functions(
        find_file(p, "example.com/demo/main.go"), &n);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(fn[i].hits <= 1);
        hit += fn[i].hits;
    }
    assert_int_equal(hit, 2); /* *counter.add and main, not never */
    free(got);
    free(want);
    prof_profile_free(p);
}

/* Functions: the rows of `go tool covdata func`, same file and line; a
 * function is hit when its row is not 0.0%. */
static void test_functions(void **state)
{
    (void)state;
    prof_error err;
    const char *dirs[] = {SMALL, NULL};
    prof_profile *p = read_dirs(dirs, 0, NULL, &err);
    size_t len, rows = 0, total = 0;
    char *ref = slurp(TD "small.count.func.txt", &len);
    assert_non_null(ref);
    for (char *l = strtok(ref, "\n"); l; l = strtok(NULL, "\n")) {
        char file[256], name[128], pct[16];
        unsigned line;
        if (!strncmp(l, "total", 5))
            continue;
        assert_int_equal(sscanf(l, "%255[^:]:%u:\t%127s\t%15s", file, &line,
                                name, pct), 4);
        const prof_file *f = find_file(p, file);
        assert_non_null(f);
        size_t n, k;
        const prof_function *fn = prof_file_functions(f, &n);
        for (k = 0; k < n && strcmp(fn[k].name, name); k++)
            ;
        if (k == n)
            fail_msg("no function %s in %s", name, file);
        assert_int_equal(fn[k].start_line, line);
        assert_int_equal(fn[k].hits != 0, strcmp(pct, "0.0%") != 0);
        rows++;
    }
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t n;
        prof_file_functions(prof_profile_file(p, i), &n);
        total += n;
    }
    assert_int_equal(total, rows); /* the literal func.L22.C14 is left out */
    free(ref);
    prof_profile_free(p);
}

/* ---- flavors and segments Go's writers never produce ---- */

static size_t uleb(const unsigned char *d, size_t *pos, size_t end)
{
    size_t v = 0;
    unsigned shift = 0;
    while (*pos < end) {
        unsigned char b = d[(*pos)++];
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
        shift += 7;
    }
    fail_msg("bad ULEB128 in the test data");
    return 0;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* A one-segment ULEB counter file re-encoded with raw u32 values. */
static blob to_raw(blob in, int big)
{
    size_t pre = 32 + 16 + get32(in.d + 40) + get32(in.d + 44);
    size_t end = in.len - 16, pos = pre, o = pre;
    blob out = {malloc(in.len * 4), 0};
    assert_non_null(out.d);
    memcpy(out.d, in.d, pre);
    out.d[24] = 1;
    out.d[25] = (unsigned char)big;
    while (pos < end) {
        uint32_t v = (uint32_t)uleb(in.d, &pos, end);
        for (int i = 0; i < 4; i++)
            out.d[o + (size_t)i] = (unsigned char)(v >> (big ? 24 - 8 * i
                                                             : 8 * i));
        o += 4;
    }
    memcpy(out.d + o, in.d + end, 16);
    out.len = o + 16;
    return out;
}

/* A and B as the two segments of one file, with a footer after each. */
static blob two_segments(blob a, blob b)
{
    blob out = {malloc(a.len + b.len), 0};
    assert_non_null(out.d);
    memcpy(out.d, a.d, a.len);
    memcpy(out.d + a.len, b.d + 32, b.len - 32);
    out.len = a.len + b.len - 32;
    out.d[out.len - 8] = 2; /* NumSegments of the final footer */
    return out;
}

/* SMALL's meta file with the counter files FILES in a fresh directory. */
static char *small_dir_with(const blob *files, const char *const *names,
                            size_t n)
{
    char *dir = temp_dir();
    blob meta = load(SMALL, META);
    put(dir, META, meta.d, meta.len);
    free(meta.d);
    for (size_t i = 0; i < n; i++)
        put(dir, names[i], files[i].d, files[i].len);
    return dir;
}

static void test_raw_flavor_both_byte_orders(void **state)
{
    (void)state;
    blob c1 = load(SMALL, CTR1), c2 = load(SMALL, CTR2);
    const char *names[] = {CTR1, CTR2};
    for (int big = 0; big < 2; big++) {
        blob raw[2] = {to_raw(c1, big), to_raw(c2, big)};
        assert_int_equal(raw[0].d[24], 1);
        char *dir = small_dir_with(raw, names, 2);
        expect_dir(dir, TD "small.count.out");
        rm_tree(dir);
        free(raw[0].d);
        free(raw[1].d);
    }
    free(c1.d);
    free(c2.d);
}

static void test_two_segments(void **state)
{
    (void)state;
    blob c1 = load(SMALL, CTR1), c2 = load(SMALL, CTR2);
    assert_int_not_equal(c1.len % 4, 0); /* segment 2 starts unaligned */
    blob r1 = to_raw(c1, 1), r2 = to_raw(c2, 1);
    blob both[2] = {two_segments(c1, c2), two_segments(r2, r1)};
    const char *names[] = {CTR1};
    for (int i = 0; i < 2; i++) {
        char *dir = small_dir_with(&both[i], names, 1);
        expect_dir(dir, TD "small.count.out");
        rm_tree(dir);
    }
    free(both[0].d);
    free(both[1].d);
    free(r1.d);
    free(r2.d);
    free(c1.d);
    free(c2.d);
}

/* ---- the directory ---- */

/* tmp.* files and strangers are ignored; an orphan counter file (no meta
 * file of its hash) is skipped with a warning. */
static void test_ignored_and_orphan_files(void **state)
{
    (void)state;
    blob c[2] = {load(SMALL, CTR1), load(SMALL, CTR2)};
    const char *names[] = {CTR1, CTR2};
    char *dir = small_dir_with(c, names, 2);
    put(dir, "tmp.covmeta.c3611d3f4b8352567501670ae4a4cf44123", "junk", 4);
    put(dir, "tmp.covcounters.c3611d3f4b8352567501670ae4a4cf44.1.2", "x", 1);
    put(dir, "metafiles.txt", "junk", 4);
    put(dir, "covcounters.c3611d3f4b8352567501670ae4a4cf44.12x.3", "x", 1);
    put(dir, "covcounters.00000000000000000000000000000000.5.6", c[0].d,
        c[0].len);
    warn_log log = {0, {0, "", 0, ""}};
    prof_error err;
    const char *dirs[] = {dir, NULL};
    prof_profile *p = read_dirs(dirs, 0, &log, &err);
    assert_int_equal(log.n, 1);
    assert_contains(log.last.path, "covcounters.0000000000000000000000000000"
                                   "0000.5.6");
    assert_contains(log.last.msg, "no meta-data file");
    prof_profile_free(p);
    expect_dir(dir, TD "small.count.out");
    rm_tree(dir);
    free(c[0].d);
    free(c[1].d);
}

/* A pod without counter files: every unit with 0 hits. */
static void test_meta_only(void **state)
{
    (void)state;
    char *dir = small_dir_with(NULL, NULL, 0);
    prof_error err;
    const char *dirs[] = {dir, NULL};
    prof_profile *p = read_dirs(dirs, 0, NULL, &err);
    size_t nblocks = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t n;
        const prof_block *b = prof_file_blocks(prof_profile_file(p, i), &n);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(b[k].hits, 0);
        nblocks += n;
    }
    assert_int_equal(nblocks, 19); /* the lines of small.count.out - 1 */
    assert_int_equal(prof_profile_mode(p), PROF_MODE_COUNT);
    prof_profile_free(p);
    rm_tree(dir);
}

static void test_empty_dir_is_an_error(void **state)
{
    (void)state;
    char *dir = temp_dir();
    prof_error err;
    const char *dirs[] = {dir, NULL};
    prof_profile_free(read_dirs(dirs, PROF_EFORMAT, NULL, &err));
    assert_string_equal(err.path, dir);
    assert_contains(err.msg, "no Go coverage data");
    /* only an orphan: a warning, then the same error */
    blob c = load(SMALL, CTR1);
    put(dir, CTR1, c.d, c.len);
    warn_log log = {0, {0, "", 0, ""}};
    prof_profile_free(read_dirs(dirs, PROF_EFORMAT, &log, &err));
    assert_int_equal(log.n, 1);
    free(c.d);
    rm_tree(dir);
}

/* A counter file whose header hash is not its pod's (renamed). */
static void test_counter_hash_must_match(void **state)
{
    (void)state;
    blob c = load(TD "mixed", "covcounters.f8407158605715c2cf952e733efb14ac."
                              "20078.1795227927456183640");
    const char *names[] = {CTR1};
    char *dir = small_dir_with(&c, names, 1);
    prof_error err;
    const char *dirs[] = {dir, NULL};
    prof_profile_free(read_dirs(dirs, PROF_EFORMAT, NULL, &err));
    assert_contains(err.path, CTR1);
    assert_contains(err.msg, "at byte 8: the meta-data hash differs");
    rm_tree(dir);
    free(c.d);
}

/* ---- corrupt data: an error naming the file and a byte, never a crash;
 * the pieces are exact-size heap copies so that ASan sees any over-read */

typedef struct pod_files {
    blob f[3]; /* meta, counters 1, counters 2 */
} pod_files;

static const char *const pod_names[3] = {META, CTR1, CTR2};

/* Read the pod from exact-size copies; return the status. */
static int read_pod(const pod_files *pf, prof_error *err)
{
    unsigned char *copy[3];
    for (int i = 0; i < 3; i++) {
        copy[i] = malloc(pf->f[i].len ? pf->f[i].len : 1);
        assert_non_null(copy[i]);
        memcpy(copy[i], pf->f[i].d, pf->f[i].len);
    }
    prof_profile *p = prof_profile_new();
    assert_non_null(p);
    prof_reader r = {p, "small.count", 0, 0, err, NULL};
    const unsigned char *const ctrs[] = {copy[1], copy[2]};
    const size_t lens[] = {pf->f[1].len, pf->f[2].len};
    memset(err, 0, sizeof *err);
    int rc = prof_covdata_read_pod(&r, META, copy[0], pf->f[0].len, 2,
                                   pod_names + 1, ctrs, lens);
    if (rc == 0)
        rc = prof_profile_normalize(p, err);
    prof_profile_free(p);
    for (int i = 0; i < 3; i++)
        free(copy[i]);
    return rc;
}

static pod_files load_pod(void)
{
    pod_files pf;
    for (int i = 0; i < 3; i++)
        pf.f[i] = load(SMALL, pod_names[i]);
    return pf;
}

static void free_pod(pod_files *pf)
{
    for (int i = 0; i < 3; i++)
        free(pf->f[i].d);
}

/* Every proper prefix of each file is a format error at a byte offset of
 * that file. */
static void test_every_truncation(void **state)
{
    (void)state;
    pod_files pf = load_pod();
    prof_error err;
    assert_int_equal(read_pod(&pf, &err), 0);
    for (int i = 0; i < 3; i++) {
        size_t full = pf.f[i].len;
        for (size_t len = 0; len < full; len++) {
            pf.f[i].len = len;
            int rc = read_pod(&pf, &err);
            if (rc != PROF_EFORMAT)
                fail_msg("%s cut to %zu bytes: got %d", pod_names[i], len,
                         rc);
            assert_string_equal(err.path, pod_names[i]);
            assert_contains(err.msg, "at byte ");
        }
        pf.f[i].len = full;
    }
    free_pod(&pf);
}

/* Every byte of each file flipped three ways: success or a clean error. */
static void test_every_byte_flipped(void **state)
{
    (void)state;
    static const unsigned char masks[] = {0xff, 0x01, 0x80};
    pod_files pf = load_pod();
    prof_error err;
    size_t fails = 0, oks = 0;
    for (int i = 0; i < 3; i++) {
        for (size_t at = 0; at < pf.f[i].len; at++) {
            for (size_t m = 0; m < sizeof masks; m++) {
                pf.f[i].d[at] ^= masks[m];
                int rc = read_pod(&pf, &err);
                pf.f[i].d[at] ^= masks[m];
                if (rc == 0) {
                    oks++;
                    continue;
                }
                if (rc != PROF_EFORMAT && rc != PROF_EMERGE)
                    fail_msg("%s byte %zu ^ %#x: got %d (%s)", pod_names[i],
                             at, masks[m], rc, err.msg);
                if (rc == PROF_EFORMAT)
                    assert_contains(err.msg, "at byte ");
                fails++;
            }
        }
    }
    assert_true(fails > 0 && oks > 0);
    free_pod(&pf);
}

/* A few exact messages (the CLI goldens check more). */
static void test_messages(void **state)
{
    (void)state;
    pod_files pf = load_pod();
    prof_error err;
    pf.f[0].d[48] = 7; /* counter mode */
    assert_int_equal(read_pod(&pf, &err), PROF_EFORMAT);
    assert_string_equal(err.msg, "at byte 48: counter mode 7 is not set (1), "
                                 "count (2) or atomic (3)");
    pf.f[0].d[48] = 2;
    pf.f[1].d[24] = 3; /* flavor */
    assert_int_equal(read_pod(&pf, &err), PROF_EFORMAT);
    assert_string_equal(err.path, CTR1);
    assert_contains(err.msg, "at byte 24: counter flavor 3");
    free_pod(&pf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_textfmt),
        cmocka_unit_test(test_corpus_textfmt),
        cmocka_unit_test(test_mixed_modes_in_one_dir),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_raw_flavor_both_byte_orders),
        cmocka_unit_test(test_two_segments),
        cmocka_unit_test(test_ignored_and_orphan_files),
        cmocka_unit_test(test_meta_only),
        cmocka_unit_test(test_empty_dir_is_an_error),
        cmocka_unit_test(test_counter_hash_must_match),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_every_byte_flipped),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
