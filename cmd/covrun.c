/* covrun.c - run an instrumented program and fold its coverage into a profile. */
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run_opts {
    const char *output;
    const char *label;
    const char *keep;
    bool test_binary;
    int verbosity;
    char **argv; /* PROGRAM ARGS... */
} run_opts;

static volatile sig_atomic_t child_pid;

static void usage(void)
{
    printf(
        "Usage: covrun -o OUTPUT [options] -- PROGRAM [ARGS...]\n"
        "Run a coverage-instrumented Go program (go build -cover) with a "
        "fresh\nGOCOVERDIR and fold the coverage it writes into OUTPUT "
        "(created if\nmissing), under a lock, so parallel runs may share "
        "OUTPUT.\n\n"
        "Options:\n"
        "  -o, --output FILE   the profile to fold coverage into (required)\n"
        "  -l, --label NAME    suite label of this run (default: PROGRAM's "
        "name)\n"
        "      --keep DIR      keep this run's GOCOVERDIR files in DIR (each\n"
        "                      run still folds only its own files)\n"
        "      --test-binary   PROGRAM is from 'go test -c -coverpkg=...': "
        "pass\n"
        "                      -test.coverprofile and read that profile\n"
        "  -q, --quiet         no warnings (a run without coverage is still\n"
        "                      reported)\n"
        "  -v, --verbose       say what was folded\n"
        "  -h, --help          show this help and exit\n"
        "  -V, --version       show the version and exit\n\n"
        "Exit status: PROGRAM's own (128+N if killed by signal N); when "
        "PROGRAM\nsucceeded but its coverage could not be folded: 1 bad "
        "data, 3 I/O\nerror. 2 is a usage error of covrun itself.\n");
}

enum { OPT_KEEP = 256, OPT_TEST_BINARY };

static const struct option run_long[] = {
    {"output", required_argument, NULL, 'o'},
    {"label", required_argument, NULL, 'l'},
    {"keep", required_argument, NULL, OPT_KEEP},
    {"test-binary", no_argument, NULL, OPT_TEST_BINARY},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* Returns EXIT_OK to go on, -1 when done (help, version), else a code. */
static int parse_args(int argc, char **argv, run_opts *o)
{
    int c;
    opterr = 0;
    /* '+': stop at the first non-option, PROGRAM's own options follow */
    while ((c = getopt_long(argc, argv, "+:o:l:qvhV", run_long, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'l': o->label = optarg; break;
        case OPT_KEEP: o->keep = optarg; break;
        case OPT_TEST_BINARY: o->test_binary = true; break;
        case 'q': o->verbosity = 0; break;
        case 'v': o->verbosity = 2; break;
        case 'h': usage(); return -1;
        case 'V': printf("covrun (covkit) %s\n", PROF_VERSION); return -1;
        case ':':
            return cli_usage_error("%s", "an option needs an argument");
        default: return cli_usage_error("%s", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("%s", "no PROGRAM given (covrun -o OUT -- "
                                     "PROGRAM ...)");
    if (!o->output)
        return cli_usage_error("%s", "-o OUTPUT is required");
    o->argv = argv + optind;
    return EXIT_OK;
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

/* Child's argv: PROGRAM [-test.coverprofile=DIR/cover.out] ARGS... */
static char **child_argv(const run_opts *o, const char *profile)
{
    size_t n = 0;
    while (o->argv[n])
        n++;
    char **av = calloc(n + 2, sizeof *av);
    if (!av)
        return NULL;
    size_t k = 0;
    av[k++] = o->argv[0];
    if (o->test_binary)
        av[k++] = (char *)profile;
    for (size_t i = 1; i < n; i++)
        av[k++] = o->argv[i];
    return av;
}

/* Run the program with GOCOVERDIR=DIR; returns its exit code. */
static int run_program(const run_opts *o, const char *dir, const char *flag)
{
    char **av = child_argv(o, flag);
    if (!av || setenv("GOCOVERDIR", dir, 1) < 0) {
        free(av);
        cli_error("cannot prepare the environment: %s", strerror(errno));
        return EXIT_IO;
    }
    fflush(NULL);
    set_forwarding(forward);
    pid_t pid = fork();
    if (pid == 0) {
        set_forwarding(SIG_DFL);
        execvp(av[0], av);
        fprintf(stderr, "covrun: cannot run %s: %s\n", av[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    free(av);
    if (pid < 0) {
        cli_error("cannot start %s: %s", o->argv[0], strerror(errno));
        return EXIT_IO;
    }
    child_pid = pid;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return EXIT_IO;
    child_pid = 0;
    set_forwarding(SIG_DFL);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* ---- folding the coverage ---- */

static bool has_counters(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;
    while (d && !found && (e = readdir(d)))
        found = !strncmp(e->d_name, "covcounters.", 12);
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
    if (rc == 0) {
        const prof_format *to = prof_profile_native_format(p);
        rc = prof_write_file(p, o->output, to ? to : prof_format_find("go"),
                             &err);
    }
    if (rc == 0 && o->verbosity > 1)
        fprintf(stderr, "covrun: folded %s into %s (%zu files)\n", input,
                o->output, prof_profile_nfiles(p));
    prof_profile_free(p);
    return rc < 0 ? cli_report(&err) : EXIT_OK;
}

/* Fold under an exclusive lock on OUT.lock, so parallel covruns queue. */
static int fold_locked(const run_opts *o, const char *input, const char *label)
{
    size_t n = strlen(o->output) + 6;
    char *lockname = malloc(n);
    if (!lockname)
        return EXIT_IO;
    snprintf(lockname, n, "%s.lock", o->output);
    int fd = open(lockname, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0 || flock(fd, LOCK_EX) < 0) {
        cli_error("cannot lock %s: %s", lockname, strerror(errno));
        free(lockname);
        if (fd >= 0)
            close(fd);
        return EXIT_IO;
    }
    int code = fold(o, input, label);
    close(fd); /* the lock file stays: removing it would race other runs */
    free(lockname);
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
    if (o->keep && mkdir(o->keep, 0777) < 0 && errno != EEXIST) {
        cli_error("cannot create %s: %s", o->keep, strerror(errno));
        return EXIT_IO;
    }
    snprintf(dir, dirsz, "%s/%scovrun-XXXXXX",
             o->keep ? o->keep : tmp && *tmp ? tmp : "/tmp",
             o->keep ? "." : "");
    if (!mkdtemp(dir)) {
        cli_error("cannot create a temporary directory: %s", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static int run(const run_opts *o)
{
    char dir[4096], profile[4200], flag[4300];
    int code = make_dir(o, dir, sizeof dir);
    if (code != EXIT_OK)
        return code;
    snprintf(profile, sizeof profile, "%s/covrun-profile.out", dir);
    snprintf(flag, sizeof flag, "-test.coverprofile=%s", profile);
    int prog = run_program(o, dir, flag);
    const char *input = o->test_binary ? profile : dir;
    bool have = o->test_binary ? access(profile, F_OK) == 0 : has_counters(dir);
    const char *label = o->label ? o->label : default_label(o->argv[0]);
    if (!have)
        fprintf(stderr,
                "covrun: %s wrote no coverage %s (exit %d): was it built "
                "with -cover, and did it exit normally (no panic, kill or "
                "os.Exit before Go 1.20)?\n",
                o->argv[0], o->test_binary ? "profile" : "counter file", prog);
    else
        code = fold_locked(o, input, label);
    finish_dir(dir, o->keep);
    return prog != 0 ? prog : code;
}

int main(int argc, char **argv)
{
    cli_progname = "covrun";
    run_opts o = {.verbosity = 1};
    int code = parse_args(argc, argv, &o);
    if (code == EXIT_OK)
        code = run(&o);
    else if (code < 0)
        code = EXIT_OK;
    return cli_finish_stdout(code);
}
