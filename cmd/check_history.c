/* check_history.c - covcheck --history: one JSON line appended per run. */
#include "check_history.h"
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The entry's commit: --commit, else the CI's variable, else `git
 * rev-parse HEAD` in a git work tree, else null; its branch the same way
 * (GitHub's head ref of a pull request before its ref name). The file is
 * opened O_APPEND and the line goes out in one write(2), so concurrent
 * runs append whole lines; an existing file must read as a history
 * (prof_history_read) and end with a newline, else it is left untouched.
 */

static const char *const hist_commit_vars[] = {
    "GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "CIRCLE_SHA1",
    "GIT_COMMIT", NULL};
static const char *const hist_branch_vars[] = {
    "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME",
    "BUILDKITE_BRANCH", "CIRCLE_BRANCH", "GIT_BRANCH", NULL};

static const char *hist_env(const char *const *vars)
{
    for (size_t i = 0; vars[i]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

/* The first line git prints for CMD (stderr dropped) into BUF, or NULL
 * when git fails or is not there. */
static const char *hist_git(const char *cmd, char *buf, size_t n)
{
    FILE *fp = popen(cmd, "r");
    if (!fp)
        return NULL;
    bool ok = fgets(buf, (int)n, fp) != NULL;
    if (pclose(fp) != 0 || !ok)
        return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    return buf[0] ? buf : NULL;
}

static void hist_identify(const char *commit, prof_history_entry *e,
                          char *cbuf, char *bbuf, size_t n)
{
    e->commit = commit ? commit : hist_env(hist_commit_vars);
    if (!e->commit)
        e->commit = hist_git("git rev-parse --verify -q HEAD 2>/dev/null",
                             cbuf, n);
    e->branch = hist_env(hist_branch_vars);
    if (!e->branch) {
        e->branch = hist_git("git rev-parse --abbrev-ref HEAD 2>/dev/null",
                             bbuf, n);
        if (e->branch && !strcmp(e->branch, "HEAD")) /* detached */
            e->branch = NULL;
    }
}

/* An existing PATH must be a history ending with a newline; returns an
 * exit code. */
static int hist_check_file(const char *path)
{
    if (access(path, F_OK) != 0)
        return EXIT_OK; /* created by the append */
    prof_history *h;
    prof_error err;
    if (prof_history_read(path, &h, &err) < 0)
        return cli_report(&err);
    size_t n = prof_history_count(h);
    prof_history_free(h);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char last = '\n';
    if (fd < 0 || (n && (lseek(fd, -1, SEEK_END) < 0 || read(fd, &last, 1)
                                                            != 1))) {
        cli_error("%s: cannot read: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return EXIT_IO;
    }
    close(fd);
    if (last != '\n') {
        cli_error("%s:%zu: the last line has no newline (an interrupted "
                  "write?): nothing appended", path, n);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

static int hist_write(const char *path, const char *line, size_t len)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    ssize_t w = fd < 0 ? -1 : write(fd, line, len);
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && w >= 0) {
        e = errno;
        w = -1;
    }
    if (w < 0 || (size_t)w != len) {
        cli_error("%s: cannot append the history entry: %s", path,
                  w < 0 ? strerror(e) : "short write");
        return EXIT_IO;
    }
    return EXIT_OK;
}

int check_history_append(const char *path, const char *commit,
                         const check_result *r)
{
    int code = hist_check_file(path);
    if (code != EXIT_OK)
        return code;
    char cbuf[256], bbuf[256], when[PROF_HISTORY_TIME_SIZE];
    prof_history_entry e = {.totals = r->totals, .time = when};
    prof_history_time(when);
    hist_identify(commit, &e, cbuf, bbuf, sizeof cbuf);
    char *line = NULL;
    size_t len = 0;
    if (prof_history_line(&e, r->suite_names, r->suite_totals, r->nsuites,
                          &line, &len) < 0) {
        cli_oom();
        code = EXIT_IO;
    }
    if (code == EXIT_OK)
        code = hist_write(path, line, len);
    free(line);
    return code;
}
