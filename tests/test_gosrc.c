/* test_gosrc.c - the Go scanner: top-level functions and their extents. */
#include "helpers.h"

#include "../libprof/internal.h"

typedef struct want_fn {
    const char *name;
    uint32_t line, col, end_line, end_col;
} want_fn;

/* Sources that trip a naive scanner, and what go/parser with
 * token.FileSet.Position gives for them (printed by tests/gofuncs, Go
 * 1.23: every FuncDecl with a body, Pos() and End()). tests/interop.sh
 * runs the same comparison over the whole Go tree. */
static const struct {
    const char *what, *src;
    want_fn want[12];
} cases[] = {
    {"plain",
     "package p\n"
     "\n"
     "func A() {}\n",
     {{"A", 3, 1, 3, 12}}},
    {"one line",
     "package p; func A() {}; func B() { _ = 1 }",
     {{"A", 1, 12, 1, 23}, {"B", 1, 25, 1, 43}}},
    {"methods and generics",
     "package p\n"
     "\n"
     "type T[K comparable] struct{}\n"
     "\n"
     "func (r *T[K]) Name(x K) (int, error) {\n"
     "\treturn 0, nil\n"
     "}\n"
     "\n"
     "func Map[K comparable, V any](m map[K]V) []K { return nil }\n"
     "\n"
     "func F[T interface{ ~int | ~string }](x T) {}\n",
     {{"Name", 5, 1, 7, 2}, {"Map", 9, 1, 9, 60}, {"F", 11, 1, 11, 46}}},
    {"comments",
     "package p\n"
     "\n"
     "// func Fake() {\n"
     "/* } */ func A() { // }\n"
     "}\n"
     "\n"
     "/*\n"
     "func Fake2() {\n"
     "*/\n"
     "func B() { /* } */ }\n",
     {{"A", 4, 9, 5, 2}, {"B", 10, 1, 10, 21}}},
    {"strings",
     "package p\n"
     "\n"
     "func A() string { return \"}\\\"{\" + `\n"
     "}\n"
     "func X() {\n"
     "` }\n"
     "\n"
     "func B() {}\n",
     {{"A", 3, 1, 6, 4}, {"B", 8, 1, 8, 12}}},
    {"runes",
     "package p\n"
     "\n"
     "func A() []rune {\n"
     "\treturn []rune{'\"', '\\'', '}', '{', '\\\\', '`'}\n"
     "}\n"
     "\n"
     "func B() {}\n",
     {{"A", 3, 1, 5, 2}, {"B", 7, 1, 7, 12}}},
    {"literals",
     "package p\n"
     "\n"
     "var f = func() {\n"
     "}\n"
     "\n"
     "var (\n"
     "\tg = func() {}\n"
     ")\n"
     "\n"
     "func A() func() {\n"
     "\treturn func() { f() }\n"
     "}\n",
     {{"A", 10, 1, 12, 2}}},
    {"no body",
     "package p\n"
     "\n"
     "func Asm(x int) int\n"
     "\n"
     "//go:noescape\n"
     "func g()\n"
     "\n"
     "func B() {}\n",
     {{"B", 8, 1, 8, 12}}},
    {"results with braces",
     "package p\n"
     "\n"
     "func A() struct{} { return struct{}{} }\n"
     "func B() interface{ M() } { return nil }\n"
     "func C() func() struct{} { return nil }\n"
     "func D() map[string]struct{} { return nil }\n"
     "func E() chan struct{} { return nil }\n"
     "func F() []struct{ a int } { return nil }\n"
     "func G() *struct{} { return nil }\n"
     "func H() (struct{}) { return struct{}{} }\n"
     "func I() [2]interface{} { return [2]interface{}{} }\n"
     "func J() <-chan struct{} { return nil }\n"
     "func K() (a struct{ x int }, b error) { return }\n",
     {{"A", 3, 1, 3, 40},
      {"B", 4, 1, 4, 41},
      {"C", 5, 1, 5, 40},
      {"D", 6, 1, 6, 44},
      {"E", 7, 1, 7, 38},
      {"F", 8, 1, 8, 42},
      {"G", 9, 1, 9, 34},
      {"H", 10, 1, 10, 42},
      {"I", 11, 1, 11, 52},
      {"J", 12, 1, 12, 40},
      {"K", 13, 1, 13, 49}}},
    {"line directives",
     "package p\n"
     "\n"
     "func A() {}\n"
     "//line x.go:10\n"
     "func B() {\n"
     "}\n"
     "/*line x.go:20:5*/func C() {}\n"
     "func D() {}\n"
     "//line :30:1\n"
     "func E() {\n"
     "}\n"
     "  //line x.go:40\n"
     "func F() {}\n"
     "//line nocolon\n"
     "func G() {}\n",
     {{"A", 3, 1, 3, 12},
      {"B", 10, 0, 11, 0},
      {"C", 20, 5, 20, 16},
      {"D", 21, 1, 21, 12},
      {"E", 30, 1, 31, 2},
      {"F", 33, 1, 33, 12},
      {"G", 35, 1, 35, 12}}},
    {"line directive crlf",
     "package p\r\n"
     "\r\n"
     "//line x.go:10\r\n"
     "func A() {\r\n"
     "}\r\n",
     {{"A", 10, 0, 11, 0}}},
    {"bom",
     "\xef"
     "\xbb"
     "\xbf"
     "package p\n"
     "\n"
     "func A() {}\n",
     {{"A", 3, 1, 3, 12}}},
    {"unicode",
     "package p\n"
     "\n"
     "var s = \"\xc3"
     "\xa9"
     "\"; func Gr\xc3"
     "\xb6"
     "\xc3"
     "\x9f"
     "e() { _ = \"\xc3"
     "\xbc"
     "\" }\n",
     {{"Gr\xc3\xb6\xc3\x9f"
       "e",
       3, 15, 3, 42}}},
    {"numbers",
     "package p\n"
     "\n"
     "var x = 0x1p-2 + 1e+5 + .5 + 0xe+1\n"
     "var y = 'x'\n"
     "func A() {}\n",
     {{"A", 5, 1, 5, 12}}},
    {"body at eof",
     "package p\n"
     "\n"
     "func A() {}",
     {{"A", 3, 1, 3, 12}}},
};

static void check_case(size_t i)
{
    prof_gofunc *f = NULL;
    size_t n = 0, want = 0;
    assert_int_equal(prof_go_funcs(cases[i].src, strlen(cases[i].src), &f, &n),
                     0);
    while (want < 12 && cases[i].want[want].name)
        want++;
    if (n != want)
        fail_msg("%s: %zu functions, wanted %zu", cases[i].what, n, want);
    for (size_t k = 0; k < n; k++) {
        const want_fn *w = &cases[i].want[k];
        if (f[k].name_len != strlen(w->name) ||
            memcmp(f[k].name, w->name, f[k].name_len) != 0 ||
            f[k].line != w->line || f[k].col != w->col ||
            f[k].end_line != w->end_line || f[k].end_col != w->end_col)
            fail_msg("%s: function %zu is %.*s %u.%u,%u.%u; wanted %s "
                     "%u.%u,%u.%u",
                     cases[i].what, k, (int)f[k].name_len, f[k].name, f[k].line,
                     f[k].col, f[k].end_line, f[k].end_col, w->name, w->line,
                     w->col, w->end_line, w->end_col);
    }
    free(f);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(i);
}

/* Not valid Go, which go/parser reports (go tool cover then fails): the
 * scanner still gives what it can. A method with type parameters keeps
 * its bare name; a body cut off by the end of the file is no function;
 * an empty source has none. */
static void test_invalid(void **state)
{
    (void)state;
    static const char method[] =
        "package p\nfunc (r *T[K]) Name[P any](x P) {}\nfunc Open() {\n";
    prof_gofunc *f = NULL;
    size_t n = 0;
    assert_int_equal(prof_go_funcs(method, strlen(method), &f, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(f[0].name_len, 4);
    assert_memory_equal(f[0].name, "Name", 4);
    assert_int_equal(f[0].line, 2);
    assert_int_equal(f[0].end_col, 35);
    free(f);
    f = NULL;
    assert_int_equal(prof_go_funcs("", 0, &f, &n), 0);
    assert_int_equal(n, 0);
    assert_null(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
