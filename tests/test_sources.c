/* test_sources.c - go.mod module paths and the source lookup (--source-root).
 */
#include "helpers.h"

#include "../libprof/internal.h"

/* go.mod texts and the module path Go 1.23's `go mod edit -json` printed
 * for each (NULL: it printed none, or refused the file). */
static const struct {
    const char *gomod, *want;
} gomods[] = {
    {"module example.com/m\n", "example.com/m"},
    {"module example.com/m // comment\n", "example.com/m"},
    {"module example.com/m//c\n", "example.com/m"},
    {"// comment\nmodule \"example.com/q/v2\"\n", "example.com/q/v2"},
    {"module (\n\texample.com/b // c\n)\n", "example.com/b"},
    {"module \"example.com/\\u00e9x\"\n", "example.com/\xc3\xa9x"},
    {"module \"example.com/\\x41\"\n", "example.com/A"},
    {"module\texample.com/crlf\r\n", "example.com/crlf"},
    {"  module   example.com/ws  \n", "example.com/ws"},
    {"require (\n\tmodule v1.0.0\n)\nmodule example.com/x\n", "example.com/x"},
    {"module (\n)\nmodule example.com/after\n", "example.com/after"},
    {"module example.com/noeol", "example.com/noeol"},
    {"module `example.com/raw`\n", NULL}, /* invalid quoted string */
    {"go 1.21\n", NULL},
    {"module a\nmodule b\n", NULL},         /* repeated module statement */
    {"module a b\n", NULL},                 /* usage: module module/path */
    {"module x/*c*/\n", NULL},              /* mod files must use // */
    {"module ()\n", NULL},                  /* an empty block */
    {"module 'x'\n", NULL},                 /* quote in unquoted string */
    {"modulex y\n", NULL},                  /* unknown directive */
    {"module \"example.com/open\n", NULL},  /* newline in string */
    {"module \"example.com/\\q\"\n", NULL}, /* unknown escape */
};

static void test_gomod_module(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof gomods / sizeof gomods[0]; i++) {
        char *got = NULL;
        int rc =
            prof_gomod_module(gomods[i].gomod, strlen(gomods[i].gomod), &got);
        if (!gomods[i].want) {
            if (rc != 0 || got)
                fail_msg("case %zu: got %d \"%s\", wanted none", i, rc,
                         got ? got : "");
            continue;
        }
        if (rc != 1)
            fail_msg("case %zu: got %d, wanted \"%s\"", i, rc, gomods[i].want);
        assert_string_equal(got, gomods[i].want);
        free(got);
    }
}

/* testdata/gomod (README.md there): a root module, a nested one in block
 * form, a quoted one, one under _tools, and decoys under vendor/,
 * testdata/ and .hidden/ that claim module paths they must not win. */
#define TREE "testdata/gomod"

static prof_sources *tree_sources(void)
{
    prof_sources *s = prof_sources_new();
    prof_error err;
    assert_non_null(s);
    assert_int_equal(prof_sources_add_root(s, TREE, &err), 0);
    return s;
}

static void expect_find(const prof_sources *s, const char *path,
                        const char *want)
{
    char *got = prof_sources_find(s, path);
    if (!want) {
        if (got)
            fail_msg("%s: found %s, wanted nothing", path, got);
        return;
    }
    if (!got)
        fail_msg("%s: not found, wanted %s", path, want);
    assert_string_equal(got, want);
    free(got);
}

static void test_find_modules(void **state)
{
    (void)state;
    prof_sources *s = tree_sources();
    expect_find(s, "example.com/root/root.go", TREE "/root.go");
    expect_find(s, "example.com/root/shapes/shapes.go",
                TREE "/shapes/shapes.go");
    expect_find(s, "example.com/root/nested/nested.go",
                TREE "/nested/nested.go");
    expect_find(s, "example.com/root/nested/deep/deep.go",
                TREE "/nested/deep/deep.go");
    expect_find(s, "example.com/quoted/v2/q.go", TREE "/quoted/q.go");
    expect_find(s, "example.com/tools/tools.go", TREE "/_tools/tools.go");
    /* no module path is a prefix: ROOT/PATH as it stands */
    expect_find(s, "shapes/lines.go", TREE "/shapes/lines.go");
    /* a module path must end at a '/' of PATH */
    expect_find(s, "example.com/rootx/root.go", NULL);
    expect_find(s, "example.com/root/missing.go", NULL);
    /* MODDIR/vendor/PATH for a dependency in vendor mode */
    expect_find(s, "example.com/nested/deep/deep.go",
                TREE "/vendor/example.com/nested/deep/deep.go");
    prof_sources_free(s);
}

/* The longest module path wins; roots are searched in order. */
static void test_find_order(void **state)
{
    (void)state;
    prof_sources *s = tree_sources();
    prof_error err;
    assert_int_equal(prof_sources_add_root(s, "testdata/gomod/nested", &err),
                     0);
    /* nested/deep/deep.go: the nested module, not the root's
     * (example.com/root + nested/deep/deep.go names the same file) */
    expect_find(s, "example.com/root/nested/deep/deep.go",
                TREE "/nested/deep/deep.go");
    /* the second root's ROOT/PATH */
    expect_find(s, "nested.go", "testdata/gomod/nested/nested.go");
    prof_sources_free(s);
}

static void test_find_absolute_and_default(void **state)
{
    (void)state;
    char *cwd = getcwd(NULL, 0);
    char abs[4096];
    assert_non_null(cwd);
    snprintf(abs, sizeof abs, "%s/" TREE "/root.go", cwd);
    prof_sources *s = tree_sources();
    expect_find(s, abs, abs);
    expect_find(s, "/nonexistent/x.go", NULL);
    prof_sources_free(s);
    /* NULL: ./PATH only; no roots: "." with its go.mod files (those
     * under testdata/ are skipped: tests/godemo's is found) */
    expect_find(NULL, TREE "/root.go", "./" TREE "/root.go");
    expect_find(NULL, "example.com/demo/main.go", NULL);
    s = prof_sources_new();
    assert_non_null(s);
    expect_find(s, "example.com/demo/main.go", "./tests/godemo/main.go");
    expect_find(s, "example.com/root/root.go", NULL);
    prof_sources_free(s);
    free(cwd);
}

static void test_bad_root(void **state)
{
    (void)state;
    prof_sources *s = prof_sources_new();
    prof_error err;
    memset(&err, 0, sizeof err);
    assert_non_null(s);
    assert_int_equal(prof_sources_add_root(s, TREE "/root.go", &err),
                     PROF_EINVAL);
    assert_contains(err.msg, "not a directory");
    prof_sources_free(s);
    prof_sources_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gomod_module),
        cmocka_unit_test(test_find_modules),
        cmocka_unit_test(test_find_order),
        cmocka_unit_test(test_find_absolute_and_default),
        cmocka_unit_test(test_bad_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
