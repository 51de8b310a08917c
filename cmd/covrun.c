/* covrun.c - run an instrumented program and fold its coverage into a profile. */
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run_opts {
    const char *output;
    const char *label;
    const char *keep;
    int test_binary; /* 1 --test-binary, 0 --no-test-binary, -1 detect */
    bool allow_empty; /* --allow-no-coverage */
    bool no_cover;    /* PROGRAM's Go build settings lack -cover=true */
    int verbosity;
    char **argv; /* PROGRAM ARGS... */
    const char **include, **exclude; /* compiled into FILTER */
    size_t ninclude, nexclude;
    prof_filter *filter;
    char *config_text; /* the settings file's, options point into it */
    /* exclusions in sources, applied to each fold */
    bool no_exclude_markers;
    prof_exclude_opts excl;
    const char **source_roots;
    size_t nsource_roots;
} run_opts;

static volatile sig_atomic_t child_pid;

static void usage(void)
{
    printf(
        "Usage: covrun -o OUTPUT [options] -- PROGRAM [ARGS...]\n"
        "Run a coverage-instrumented Go program (go build -cover, or go test "
        "-c\n-cover) with a fresh GOCOVERDIR and fold the coverage it writes "
        "into\nOUTPUT (created if missing), under a lock, so parallel runs "
        "may share\nOUTPUT. OUTPUT's directory is checked before PROGRAM "
        "starts.\n\n"
        "Options:\n"
        "  -o, --output FILE   the profile to fold coverage into (required)\n"
        "  -l, --label NAME    suite label of this run (default: PROGRAM's "
        "name)\n"
        "      --keep DIR      keep this run's GOCOVERDIR files in DIR (each\n"
        "                      run still folds only its own files)\n"
        "      --allow-no-coverage\n"
        "                      a run that exits 0 without writing coverage "
        "is\n"
        "                      not an error\n"
        "      --test-binary   PROGRAM is from 'go test -c -cover' (Go test\n"
        "                      binaries are found without it): pass it\n"
        "                      -test.gocoverdir and drop the testing "
        "package's\n"
        "                      PASS/FAIL and coverage: lines at the end of "
        "its\n"
        "                      standard output\n"
        "      --no-test-binary\n"
        "                      PROGRAM is not a test binary\n"
        "      --include REGEX keep only files whose path matches the PCRE2\n"
        "                      REGEX (repeatable; the path as OUTPUT shows "
        "it)\n"
        "      --exclude REGEX leave out files whose path matches REGEX\n"
        "                      (repeatable; wins over --include)\n"
        "      --config FILE   read options from FILE (default: "
        "./covkit.conf\n"
        "                      when it exists)\n"
        "      --no-config     read no settings file\n"
        "      --source-root DIR\n"
        "                      find source files under DIR (repeatable;\n"
        "                      default .), for the exclusions below\n"
        "      --no-exclude-markers\n"
        "                      ignore LCOV_EXCL_*, GCOVR_EXCL_* and Go's\n"
        "                      // coverage-ignore in the sources\n"
        "      --exclude-lines-by-pattern RE\n"
        "                      leave out source lines matching the PCRE2\n"
        "                      regex RE at their start\n"
        "      --exclude-branches-by-pattern RE\n"
        "                      leave out the branches of such lines\n"
        "      --exclude-generated\n"
        "                      leave out Go files marked '// Code "
        "generated\n"
        "                      ... DO NOT EDIT.'\n"
        "      --warn-excluded-hits\n"
        "                      warn about excluded code that was hit\n"
        "  -q, --quiet         no warnings (a run without coverage is still\n"
        "                      reported)\n"
        "  -v, --verbose       say what was folded\n"
        "  -h, --help          show this help and exit\n"
        "  -V, --version       show the version and exit\n\n"
        "Exit status: PROGRAM's own (128+N if killed by signal N, 127 if it "
        "could\nnot be run). When PROGRAM exited 0: 1 if it wrote no "
        "coverage or its\ncoverage is bad data, 3 on an I/O error. 2 is a "
        "usage error of covrun,\nand 2 or 3 before PROGRAM starts (see "
        "covrun(1)).\n");
}

enum {
    OPT_KEEP = 256,
    OPT_TEST_BINARY,
    OPT_NO_TEST_BINARY,
    OPT_ALLOW,
    OPT_SOURCE_ROOT
};

static const struct option run_long[] = {
    {"output", required_argument, NULL, 'o'},
    {"label", required_argument, NULL, 'l'},
    {"keep", required_argument, NULL, OPT_KEEP},
    {"allow-no-coverage", no_argument, NULL, OPT_ALLOW},
    {"test-binary", no_argument, NULL, OPT_TEST_BINARY},
    {"no-test-binary", no_argument, NULL, OPT_NO_TEST_BINARY},
    {"source-root", required_argument, NULL, OPT_SOURCE_ROOT},
    /* filters, the settings file, exclusions in sources */
    CLI_SHARED_LONG_OPTS,
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* --source-root and the exclusion options; returns an exit code. */
static int parse_exclusion(run_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_SOURCE_ROOT:
        return cli_add_arg(&o->source_roots, &o->nsource_roots, arg);
    default:
        return cli_exclusion_opt(&o->excl, &o->no_exclude_markers, c, arg);
    }
}

/* One option, from the command line or the settings file; returns
 * EXIT_OK to go on, -1 when done (help, version), else a code. */
static int run_option(void *ctx, int c, char *arg)
{
    run_opts *o = ctx;
    switch (c) {
    case 'o': o->output = arg; break;
    case 'l': o->label = arg; break;
    case OPT_KEEP: o->keep = arg; break;
    case OPT_ALLOW: o->allow_empty = true; break;
    case OPT_TEST_BINARY: o->test_binary = 1; break;
    case OPT_NO_TEST_BINARY: o->test_binary = 0; break;
    case CLI_OPT_INCLUDE:
        return cli_add_pattern(&o->include, &o->ninclude, "--include", arg);
    case CLI_OPT_EXCLUDE:
        return cli_add_pattern(&o->exclude, &o->nexclude, "--exclude", arg);
    case CLI_OPT_CONFIG:
    case CLI_OPT_NO_CONFIG: break; /* cli_config_load's */
    case OPT_SOURCE_ROOT:
    case CLI_OPT_NO_EXCL_MARKERS:
    case CLI_OPT_EXCL_LINES:
    case CLI_OPT_EXCL_BRANCHES:
    case CLI_OPT_EXCL_GENERATED:
    case CLI_OPT_WARN_EXCL_HITS: return parse_exclusion(o, c, arg);
    case 'q': o->verbosity = 0; break;
    case 'v': o->verbosity = 2; break;
    case 'h': usage(); return -1;
    case 'V': printf("covrun (covkit) %s\n", PROF_VERSION); return -1;
    case ':': return cli_usage_error("%s", "an option needs an argument");
    default: return cli_usage_error("%s", "unknown option");
    }
    return EXIT_OK;
}

static int parse_args(int argc, char **argv, run_opts *o)
{
    int c, rc;
    /* '+': stop at the first non-option, PROGRAM's own options follow */
    static const char shorts[] = "+:o:l:qvhV";
    rc = cli_config_load("covrun", run_long, shorts, argc, argv, run_option,
                         o, &o->config_text);
    opterr = 0;
    while (rc == EXIT_OK &&
           (c = getopt_long(argc, argv, shorts, run_long, NULL)) != -1)
        rc = run_option(o, c, optarg);
    if (rc != EXIT_OK)
        return rc;
    prof_error err;
    if (prof_filter_new(o->include, o->ninclude, o->exclude, o->nexclude,
                        &o->filter, &err) < 0)
        return cli_report(&err);
    if (optind >= argc)
        return cli_usage_error("%s", "no PROGRAM given (covrun -o OUT -- "
                                     "PROGRAM ...)");
    if (!o->output)
        return cli_usage_error("%s", "-o OUTPUT is required");
    o->argv = argv + optind;
    return EXIT_OK;
}

/* ---- before the program starts ---- */

/* A malloc'd copy of PATH's directory part ("." for none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    return slash == path ? strdup("/")
                         : strndup(path, (size_t)(slash - path));
}

/* DIR exists, is a directory, and files can be created in it. */
static int check_dir(const char *what, const char *dir)
{
    struct stat st;
    int e = stat(dir, &st) < 0              ? errno
            : !S_ISDIR(st.st_mode)          ? ENOTDIR
            : access(dir, W_OK | X_OK) < 0 ? errno
                                            : 0;
    if (e) {
        cli_error("cannot write %s: %s: %s (the program was not started)",
                  what, dir, strerror(e));
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* OUTPUT's directory can take the new output; an existing OUTPUT is a
 * file that can be read. */
static int check_output(const run_opts *o)
{
    char *dir = dir_of(o->output);
    if (!dir) {
        cli_oom();
        return EXIT_IO;
    }
    int code = check_dir(o->output, dir);
    free(dir);
    struct stat st;
    if (code != EXIT_OK || stat(o->output, &st) < 0)
        return code;
    if (!S_ISREG(st.st_mode))
        return cli_usage_error("-o %s is %s: covrun folds into a profile "
                               "file", o->output, S_ISDIR(st.st_mode)
                               ? "a directory" : "not a regular file");
    int fd = open(o->output, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        cli_error("cannot read %s: %s (the program was not started)",
                  o->output, strerror(errno));
        return EXIT_IO;
    }
    close(fd);
    return EXIT_OK;
}

static int prepare_keep(const run_opts *o)
{
    if (o->keep && mkdir(o->keep, 0777) < 0 && errno != EEXIST) {
        cli_error("cannot create %s: %s (the program was not started)",
                  o->keep, strerror(errno));
        return EXIT_IO;
    }
    return o->keep ? check_dir(o->keep, o->keep) : EXIT_OK;
}

/* ---- what PROGRAM is: Go build information ---- */

/*
 * A Go executable embeds the build information `go version -m` prints: a
 * 32-byte header at a 16-byte aligned offset starting with the 14 bytes
 * "\xff Go buildinf:", then a pointer size and a flags byte; with flag 2
 * (Go 1.18 on) the Go version and the module information follow the
 * header as uvarint-length-prefixed strings. Since Go 1.23 the module
 * information's build settings hold "-cover=true" for a binary built with
 * -cover. A test binary (go test -c) links testing.MainStart, whose name
 * is in the binary's function-name table even when it is stripped.
 */
typedef struct go_exe {
    bool is_go;
    bool is_test;
    int cover; /* 1 built with -cover, 0 without, -1 unknown */
} go_exe;

#define GO_MAGIC "\xff Go buildinf:"
#define GO_MAGIC_LEN 14
#define GO_HEADER 32
#define GO_TESTMAIN "\0testing.MainStart"

static bool go_string(const unsigned char **p, const unsigned char *end,
                      const char **s, size_t *n)
{
    uint64_t len = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (*p >= end || shift > 63)
            return false;
        unsigned char b = *(*p)++;
        len |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    if (len > (uint64_t)(end - *p))
        return false;
    *s = (const char *)*p;
    *n = (size_t)len;
    *p += len;
    return true;
}

/* Whether the module information MOD holds the line LINE. */
static bool go_has_line(const char *mod, size_t n, const char *line)
{
    size_t k = strlen(line);
    for (size_t i = 0; i + k <= n; i++)
        if ((i == 0 || mod[i - 1] == '\n') && !memcmp(mod + i, line, k) &&
            (i + k == n || mod[i + k] == '\n'))
            return true;
    return false;
}

/* "go1.N..." or "devel go1.N...": N, else -1. */
static long go_minor(const char *v, size_t n)
{
    if (n > 6 && !memcmp(v, "devel ", 6))
        v += 6, n -= 6;
    if (n < 5 || memcmp(v, "go1.", 4))
        return -1;
    long m = 0;
    for (size_t i = 4; i < n && v[i] >= '0' && v[i] <= '9' && m < 1000; i++)
        m = m * 10 + (v[i] - '0');
    return m;
}

/* Decode the build information at P (the magic); false if it is none. */
static bool go_decode(const unsigned char *p, const unsigned char *end,
                      go_exe *g)
{
    if (end - p < GO_HEADER || (p[14] != 4 && p[14] != 8))
        return false;
    if (!(p[15] & 2)) { /* before Go 1.18: pointers, nothing more known */
        g->is_go = true;
        return true;
    }
    const unsigned char *q = p + GO_HEADER;
    const char *ver, *mod;
    size_t nver, nmod;
    if (!go_string(&q, end, &ver, &nver) || !go_string(&q, end, &mod, &nmod) ||
        go_minor(ver, nver) < 0)
        return false;
    g->is_go = true;
    if (nmod >= 33 && mod[nmod - 17] == '\n') { /* 16-byte sentinels */
        mod += 16;
        nmod -= 32;
    }
    /* the go command is a launcher (go run -cover): no judgement */
    if (go_has_line(mod, nmod, "build\t-cover=true"))
        g->cover = 1;
    else if (go_minor(ver, nver) >= 23 && memmem(mod, nmod, "build\t", 6) &&
             !go_has_line(mod, nmod, "path\tcmd/go"))
        g->cover = 0;
    return true;
}

static void go_scan(const unsigned char *d, size_t n, go_exe *g)
{
    const unsigned char *p = d, *end = d + n;
    while ((p = memmem(p, (size_t)(end - p), GO_MAGIC, GO_MAGIC_LEN))) {
        if ((size_t)(p - d) % 16 == 0 && go_decode(p, end, g))
            break;
        p++;
    }
    g->is_test = g->is_go && memmem(d, n, GO_TESTMAIN, sizeof GO_TESTMAIN);
}

/* PROG as execvp finds it (malloc'd), NULL if not found. */
static char *locate(const char *prog)
{
    if (strchr(prog, '/'))
        return strdup(prog);
    const char *path = getenv("PATH");
    for (const char *s = path ? path : "/bin:/usr/bin"; s;) {
        const char *colon = strchr(s, ':');
        int len = colon ? (int)(colon - s) : (int)strlen(s);
        char buf[4096];
        struct stat st;
        snprintf(buf, sizeof buf, "%.*s%s%s", len, s, len ? "/" : "", prog);
        if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
            access(buf, X_OK) == 0)
            return strdup(buf);
        s = colon ? colon + 1 : NULL;
    }
    return NULL;
}

static void go_inspect(const char *prog, go_exe *g)
{
    *g = (go_exe){false, false, -1};
    char *path = locate(prog);
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void *d = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
                       0);
        if (d != MAP_FAILED) {
            go_scan(d, (size_t)st.st_size, g);
            munmap(d, (size_t)st.st_size);
        }
    }
    close(fd);
}

/* Decide whether PROGRAM is a test binary, and whether it is a Go binary
 * built without -cover. */
static int check_program(run_opts *o)
{
    const char *prog = o->argv[0];
    go_exe g;
    go_inspect(prog, &g);
    if (o->test_binary < 0)
        o->test_binary = g.is_test;
    /* a warning only: a Go program may start the instrumented one */
    o->no_cover = g.cover == 0;
    if (o->no_cover && !o->allow_empty && o->verbosity > 0)
        fprintf(stderr, "covrun: warning: %s was built without -cover (go "
                "version -m %s shows no -cover=true): the run fails unless "
                "it starts an instrumented program\n", prog, prog);
    for (char **a = o->argv + 1; o->test_binary > 0 && *a; a++)
        if (!strncmp(*a, "-test.gocoverdir", 16) ||
            !strncmp(*a, "--test.gocoverdir", 17))
            return cli_usage_error("%s: covrun passes -test.gocoverdir "
                                   "itself (use --keep DIR to keep the "
                                   "run's files)", *a);
    if (o->verbosity > 1 && o->test_binary > 0)
        fprintf(stderr, "covrun: %s is a Go test binary: it gets "
                "-test.gocoverdir, and its PASS/FAIL and coverage: lines "
                "are dropped\n", prog);
    return EXIT_OK;
}

/* ---- test binaries: the testing package's last lines ---- */

/*
 * A test binary ends its standard output with "PASS" or "FAIL", then
 * "coverage: N% of statements[ in PKGS]" (or "coverage: [no
 * statements]"). Those lines are held back while they are the last ones
 * and dropped at the end; any later byte sends them on. HELD holds the
 * complete lines held back (KIND: 0 none, 1 PASS/FAIL, 2 coverage, 3
 * both), then from LINE the current line while it may become one of them.
 */
typedef struct trailer {
    int out;
    bool broken; /* writing OUT failed: relay no more */
    bool passing; /* the current line is not a trailer line: passed on */
    int kind;
    char *held;
    size_t n, cap, line;
} trailer;

static void tr_emit(trailer *t, const char *p, size_t n)
{
    while (n > 0 && !t->broken) {
        ssize_t w = write(t->out, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            t->broken = true;
        else
            p += w, n -= (size_t)w;
    }
}

static bool tr_append(trailer *t, const char *p, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        size_t cap = (t->n + n + 1) * 2;
        char *h = realloc(t->held, cap);
        if (!h)
            return false;
        t->held = h;
        t->cap = cap;
    }
    memcpy(t->held + t->n, p, n);
    t->n += n;
    return true;
}

/* Send the complete lines held back on; the current line stays. */
static void tr_release(trailer *t)
{
    tr_emit(t, t->held, t->line);
    memmove(t->held, t->held + t->line, t->n - t->line);
    t->n -= t->line;
    t->line = 0;
    t->kind = 0;
}

static bool tr_is_coverage(const char *s, size_t n)
{
    static const char pre[] = "coverage: ", tail[] = "% of statements";
    size_t k = sizeof pre - 1, i = k;
    if (n < k || memcmp(s, pre, k))
        return false;
    if (n - k == 15 && !memcmp(s + k, "[no statements]", 15))
        return true;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == k || i + 2 > n || s[i] != '.' || s[i + 1] < '0' ||
        s[i + 1] > '9')
        return false;
    i += 2;
    return n - i >= sizeof tail - 1 && !memcmp(s + i, tail, sizeof tail - 1);
}

/* Whether the incomplete line S may still become a trailer line. */
static bool tr_may_be(const char *s, size_t n)
{
    static const char *const lines[] = {"PASS", "FAIL", "coverage: "};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(lines[i]);
        if (!memcmp(s, lines[i], n < k ? n : k) && (n <= k || i == 2))
            return true;
    }
    return false;
}

/* The current line is complete (its newline not yet in HELD). */
static void tr_end_line(trailer *t)
{
    const char *s = t->held + t->line;
    size_t n = t->n - t->line;
    int kind = (n == 4 && (!memcmp(s, "PASS", 4) || !memcmp(s, "FAIL", 4)))
                   ? 1
               : tr_is_coverage(s, n) ? 2
                                      : 0;
    tr_append(t, "\n", 1); /* room for it was kept */
    if (kind == 0) {
        t->line = t->n;
        tr_release(t);
        return;
    }
    if (!(kind == 2 && t->kind == 1))
        tr_release(t);
    t->kind = t->kind == 1 && kind == 2 ? 3 : kind;
    t->line = t->n;
}

static void tr_feed(trailer *t, const char *p, size_t n)
{
    while (n > 0 && !t->broken) {
        const char *nl = memchr(p, '\n', n);
        size_t k = nl ? (size_t)(nl - p) : n;
        if (t->passing) {
            tr_emit(t, p, nl ? k + 1 : k);
            t->passing = !nl;
        } else if (!tr_append(t, p, k)) { /* out of memory: pass it on */
            tr_emit(t, t->held, t->n);
            tr_emit(t, p, nl ? k + 1 : k);
            t->n = t->line = 0;
            t->kind = 0;
            t->passing = !nl;
        } else if (!tr_may_be(t->held + t->line, t->n - t->line)) {
            tr_emit(t, t->held, t->n); /* not a trailer line: all goes */
            if (nl)
                tr_emit(t, "\n", 1);
            t->n = t->line = 0;
            t->kind = 0;
            t->passing = !nl;
        } else if (nl) {
            tr_end_line(t);
        }
        p += nl ? k + 1 : k;
        n -= nl ? k + 1 : k;
    }
}

/* At the end of the output: an incomplete last line sends everything on;
 * otherwise what is held back is the trailer, and is dropped. */
static void tr_finish(trailer *t)
{
    if (t->n > t->line)
        tr_emit(t, t->held, t->n);
    free(t->held);
}

/* Pass the program's output on from FD until it ends, or until the
 * program (PID) has ended and nothing more is waiting; *STATUS is set
 * when the program was reaped. */
static bool relay(int fd, pid_t pid, int *status)
{
    trailer t = {.out = STDOUT_FILENO};
    char buf[1 << 16];
    bool reaped = false;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, reaped ? 0 : 200);
        if (r > 0) {
            ssize_t n = read(fd, buf, sizeof buf);
            if (n > 0)
                tr_feed(&t, buf, (size_t)n);
            if (n == 0 || t.broken || (n < 0 && errno != EINTR))
                break;
        } else if (reaped || (r < 0 && errno != EINTR)) {
            break;
        } else if (r == 0 && waitpid(pid, status, WNOHANG) == pid) {
            reaped = true;
        }
    }
    if (!t.broken)
        tr_finish(&t);
    else
        free(t.held);
    close(fd); /* a program still writing gets EPIPE, as it would have */
    return reaped;
}

/* ---- running the program ---- */

static void forward(int sig)
{
    if (child_pid > 0)
        kill((pid_t)child_pid, sig);
}

static void set_forwarding(void (*handler)(int))
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
                               SIGUSR2};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

/* Child's argv: PROGRAM [-test.gocoverdir=DIR] ARGS... */
static char **child_argv(const run_opts *o, const char *flag)
{
    size_t n = 0;
    while (o->argv[n])
        n++;
    char **av = calloc(n + 2, sizeof *av);
    if (!av)
        return NULL;
    size_t k = 0;
    av[k++] = o->argv[0];
    if (o->test_binary > 0)
        av[k++] = (char *)flag;
    for (size_t i = 1; i < n; i++)
        av[k++] = o->argv[i];
    return av;
}

/* In the child: stdout to OUT (if >= 0), then exec; an exec failure's
 * errno goes to the parent through ERRFD. */
static void exec_child(char **av, int out, int errfd)
{
    set_forwarding(SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    if (out < 0 || dup2(out, STDOUT_FILENO) >= 0)
        execvp(av[0], av);
    int e = errno;
    free(av);
    if (write(errfd, &e, sizeof e) < 0)
        _exit(126);
    _exit(e == ENOENT ? 127 : 126);
}

/* The child's exec failure (its errno), 0 once it runs PROGRAM. */
static int exec_result(int fd)
{
    int e = 0;
    ssize_t n;
    while ((n = read(fd, &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(fd);
    return n == (ssize_t)sizeof e ? e : 0;
}

static int wait_child(const char *name, pid_t pid, int out)
{
    int status = 0;
    bool reaped = out >= 0 && relay(out, pid, &status);
    while (!reaped && waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            cli_error("cannot wait for %s: %s", name, strerror(errno));
            return EXIT_IO;
        }
    child_pid = 0;
    set_forwarding(SIG_DFL);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* Run the program with GOCOVERDIR=DIR; returns its exit code. *RAN is 0
 * when it could not be started (the message is printed). */
static int run_program(const run_opts *o, const char *dir, int *ran)
{
    char flag[4200];
    snprintf(flag, sizeof flag, "-test.gocoverdir=%s", dir);
    char **av = child_argv(o, flag);
    int ep[2], op[2] = {-1, -1};
    *ran = 0;
    if (!av || setenv("GOCOVERDIR", dir, 1) < 0 || pipe2(ep, O_CLOEXEC) < 0 ||
        (o->test_binary > 0 && pipe2(op, O_CLOEXEC) < 0)) {
        free(av);
        cli_error("cannot prepare to run %s: %s", o->argv[0], strerror(errno));
        return EXIT_IO;
    }
    fflush(NULL);
    set_forwarding(forward);
    pid_t pid = fork();
    if (pid == 0)
        exec_child(av, op[1], ep[1]);
    int e = pid < 0 ? errno : 0;
    free(av);
    close(ep[1]);
    if (op[1] >= 0)
        close(op[1]);
    if (pid > 0 && !(e = exec_result(ep[0]))) {
        child_pid = pid;
        *ran = 1;
        return wait_child(o->argv[0], pid, op[0]);
    }
    if (pid < 0)
        close(ep[0]);
    if (op[0] >= 0)
        close(op[0]);
    cli_error("cannot run %s: %s", o->argv[0], strerror(e));
    if (pid > 0)
        waitpid(pid, NULL, 0);
    set_forwarding(SIG_DFL);
    return e == ENOENT ? 127 : 126;
}

/* ---- folding the coverage ---- */

static bool dir_has(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;
    while (d && !found && (e = readdir(d)))
        found = !strncmp(e->d_name, prefix, strlen(prefix));
    if (d)
        closedir(d);
    return found;
}

static void on_warning(void *ctx, const prof_error *w)
{
    const run_opts *o = ctx;
    if (o->verbosity > 0)
        cli_warning(w);
}

/* Leave out of P what the sources exclude (covkit-formats(5),
 * EXCLUSIONS). */
static int exclude(const run_opts *o, prof_profile *p, prof_error *err)
{
    prof_sources *s = prof_sources_new();
    if (!s) {
        err->code = PROF_ENOMEM;
        err->path[0] = '\0';
        err->line = 0;
        snprintf(err->msg, sizeof err->msg, "%s", prof_strerror(PROF_ENOMEM));
        return PROF_ENOMEM;
    }
    prof_sources_set_warn(s, on_warning, (void *)o);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o->nsource_roots; i++)
        rc = prof_sources_add_root(s, o->source_roots[i], err);
    prof_exclude_opts x = o->excl;
    if (!o->no_exclude_markers)
        x.flags |= PROF_EXCLUDE_MARKERS;
    if (rc == 0)
        rc = prof_profile_exclude(p, s, &x, err);
    prof_sources_free(s);
    return rc;
}

/* Read the existing OUT (if any) and this run's data, write OUT. */
static int fold(const run_opts *o, const char *input, const char *label)
{
    prof_profile *p = prof_profile_new();
    if (!p)
        return EXIT_IO;
    prof_profile_set_warn(p, on_warning, (void *)o);
    prof_error err;
    int rc = 0;
    if (access(o->output, F_OK) == 0)
        rc = prof_read_file(p, o->output, NULL, NULL, &err);
    if (rc == 0)
        rc = prof_read_file(p, input, label, NULL, &err);
    int code = rc < 0 ? cli_report(&err)
                      : cli_filter(p, o->filter, o->verbosity);
    if (code == EXIT_OK && exclude(o, p, &err) < 0)
        code = cli_report(&err);
    const prof_format *to = prof_profile_native_format(p);
    if (code == EXIT_OK &&
        prof_write_file(p, o->output, to ? to : prof_format_default(),
                        &err) < 0)
        code = cli_report(&err);
    if (code == EXIT_OK && o->verbosity > 1)
        fprintf(stderr, "covrun: folded %s into %s (%zu files)\n", input,
                o->output, prof_profile_nfiles(p));
    prof_profile_free(p);
    return code;
}

/* Lock OUTPUT for a fold; returns the descriptor holding the lock. The
 * output is replaced by rename, so the lock is on its directory (Linux
 * flocks a directory opened read-only), which leaves no file behind. A
 * file system that cannot lock a directory gets OUTPUT.lock instead, which
 * must then stay: removing it would let a waiting run and a new one each
 * lock a different file. */
static int lock_fd(int fd)
{
    int rc;
    while ((rc = flock(fd, LOCK_EX)) < 0 && errno == EINTR)
        ;
    return rc;
}

static int lock_output(const char *output)
{
    char *dir = dir_of(output);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    free(dir);
    if (fd >= 0 && lock_fd(fd) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    size_t n = strlen(output) + 6;
    char *name = malloc(n);
    if (name)
        snprintf(name, n, "%s.lock", output);
    fd = name ? open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0666) : -1;
    if (fd < 0 || lock_fd(fd) < 0) {
        cli_error("cannot lock %s: %s", name ? name : output,
                  strerror(errno));
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    free(name);
    return fd;
}

static int fold_locked(const run_opts *o, const char *input, const char *label)
{
    int fd = lock_output(o->output);
    if (fd < 0)
        return EXIT_IO;
    int code = fold(o, input, label);
    close(fd);
    return code;
}

/* Remove DIR and its files; with KEEP, move the files into KEEP first. */
static void finish_dir(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096 + 256 + 2], dest[4096 + 256 + 2];
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(dest, sizeof dest, "%s/%s", keep ? keep : "", e->d_name);
        if (!keep || rename(path, dest) < 0)
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static const char *default_label(const char *prog)
{
    const char *slash = strrchr(prog, '/');
    return slash && slash[1] ? slash + 1 : prog;
}

/* A fresh GOCOVERDIR for this run only: inside --keep DIR (so its files
 * can be moved there by rename), else under $TMPDIR. */
static int make_dir(const run_opts *o, char *dir, size_t dirsz)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dirsz, "%s/%scovrun-XXXXXX",
             o->keep ? o->keep : tmp && *tmp ? tmp : "/tmp",
             o->keep ? "." : "");
    if (!mkdtemp(dir)) {
        cli_error("cannot create a temporary directory: %s (the program "
                  "was not started)", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* The run wrote no counter file; returns covrun's exit code for it. */
static int no_coverage(const run_opts *o, int prog, bool meta)
{
    const char *name = o->argv[0];
    if (prog != 0) {
        if (o->no_cover)
            fprintf(stderr, "covrun: %s wrote no coverage counter file "
                    "(exit %d): it was built without -cover\n", name, prog);
        else
            fprintf(stderr, "covrun: %s wrote no coverage counter file "
                    "(exit %d): was it built with -cover, and did it exit "
                    "normally (no panic, kill or os.Exit before Go 1.20)?\n",
                    name, prog);
        return prog;
    }
    if (o->no_cover)
        fprintf(stderr, "covrun: %s exited 0 but wrote no coverage data: it "
                "was built without -cover (go version -m %s shows no "
                "-cover=true); build it with go build -cover "
                "-coverpkg=./...", name, name);
    else if (meta)
        fprintf(stderr, "covrun: %s exited 0 and wrote coverage meta-data "
                "but no counter file: it ended without running Go's exit "
                "hooks (syscall.Exit, or a C exit)", name);
    else
        fprintf(stderr, "covrun: %s exited 0 but wrote no coverage data: "
                "build it with -cover (go build -cover -coverpkg=./..., a "
                "test binary with go test -c -cover -coverpkg=./... and, if "
                "covrun does not recognise it, --test-binary), and let a "
                "wrapper pass GOCOVERDIR on", name);
    fprintf(stderr, "%s\n", o->allow_empty
                                ? ""
                                : "; --allow-no-coverage accepts such a "
                                  "run");
    return o->allow_empty ? EXIT_OK : EXIT_DATA;
}

/* Fold DIR into OUTPUT, then remove it (its files moved to --keep DIR);
 * when the fold fails, DIR stays and the message says where. */
static int fold_run(const run_opts *o, const char *dir)
{
    const char *label = o->label ? o->label : default_label(o->argv[0]);
    int code = fold_locked(o, dir, label);
    if (code != EXIT_OK) {
        fprintf(stderr, "covrun: this run's coverage files are kept in %s\n",
                dir);
        return code;
    }
    finish_dir(dir, o->keep);
    if (o->keep && cli_keep_mark(o->keep, o->output) < 0 && o->verbosity)
        fprintf(stderr, "covrun: warning: cannot note in %s that its runs "
                "are folded into %s: %s\n", o->keep, o->output,
                strerror(errno));
    return EXIT_OK;
}

static int run(run_opts *o)
{
    char dir[4096];
    int code = check_output(o);
    if (code == EXIT_OK)
        code = prepare_keep(o);
    if (code == EXIT_OK)
        code = check_program(o);
    if (code == EXIT_OK)
        code = make_dir(o, dir, sizeof dir);
    if (code != EXIT_OK)
        return code;
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is the program's to see */
    int ran;
    int prog = run_program(o, dir, &ran);
    if (!ran || !dir_has(dir, "covcounters.")) {
        code = ran ? no_coverage(o, prog, dir_has(dir, "covmeta.")) : prog;
        finish_dir(dir, ran ? o->keep : NULL);
        return prog != 0 ? prog : code;
    }
    code = fold_run(o, dir);
    return prog != 0 ? prog : code;
}

int main(int argc, char **argv)
{
    cli_progname = "covrun";
    run_opts o = {.verbosity = 1, .test_binary = -1};
    int code = parse_args(argc, argv, &o);
    if (code == EXIT_OK)
        code = cli_check_patterns(&o.excl);
    if (code == EXIT_OK)
        code = run(&o);
    else if (code < 0)
        code = EXIT_OK;
    free(o.include);
    free(o.exclude);
    prof_filter_free(o.filter);
    free(o.config_text);
    free(o.source_roots);
    return cli_finish_stdout(code);
}
