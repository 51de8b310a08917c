/* coveralls.c - Coveralls API job JSON writer (covkit-formats(5)). */
#include "../libprof/jscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * One job of the Coveralls API (POST /api/v1/jobs, form field json_file):
 *
 *   {
 *     "repo_token": "...", "service_name": "github", ...   job fields
 *     "parallel": true,                                    when asked
 *     "git": {"branch": "main", "head": {"id": "<sha>"}},  when known
 *     "source_files": [
 *       {"name": "pkg/a.go", "source_digest": "<md5>", "coverage":
 *        [null,1,0], "branches": [2,0,0,1,2,0,1,0]},
 *       ...
 *     ]
 *   }
 *
 * A job field is written only when it has a source, in this order: the
 * command line (service name, flag name, parallel), Coveralls' own
 * COVERALLS_* variables, the variables of the CI the job runs on (as
 * Coveralls' universal reporter reads them), and last the generic CI_*
 * variables its documentation lists. Nothing is guessed and git is not
 * run: a field without a source is left out.
 *
 * A source file is a file of the profile with lines or branches. Its name
 * is its path, relative to the source root when absolute and under it
 * (Go import paths were made repository paths by the go view). The
 * coverage array holds line L at index L-1: null for a line that is not
 * coverable, else its hits (prof_file_lines; counts exact to 2^64-1). It
 * reaches the source's last line when the source is found, else the last
 * line with data; source_digest is the MD5 of the source's bytes, and is
 * left out (one warning) when it is not found, as Coveralls' reporter
 * leaves it out. branches are quadruples [line, block, branch, hits] as
 * the lcov writer's BRDA records (never evaluated: 0 hits).
 */

/* Line numbers in the data past CV_MAX_LINES in a file, or adding up to
 * more than CV_MAX_ENTRIES over the files, are refused before anything is
 * written: a few bytes of lcov could ask for gigabytes of nulls. The same
 * bounds as a file's block span (SECURITY.md); a source found adds its
 * real length. */
#define CV_MAX_LINES (1u << 22)
#define CV_MAX_ENTRIES (1u << 26)

/* ---- the job's fields ------------------------------------------------- */

typedef enum {
    CV_REPO_TOKEN,
    CV_SERVICE_NAME,
    CV_SERVICE_NUMBER,
    CV_JOB_ID,
    CV_JOB_NUMBER,
    CV_PULL_REQUEST,
    CV_FLAG_NAME,
    CV_COMMIT,
    CV_RUN_AT,
    CV_BRANCH, /* from here on, in "git" */
    CV_AUTHOR_NAME, /* from here on, in "git"."head" */
    CV_AUTHOR_EMAIL,
    CV_COMMITTER_NAME,
    CV_COMMITTER_EMAIL,
    CV_MESSAGE,
    CV_NFIELDS
} cv_field;

static const char *const cv_keys[CV_NFIELDS] = {
    "repo_token",     "service_name",   "service_number",
    "service_job_id", "service_job_number", "service_pull_request",
    "flag_name",      "commit_sha",     "run_at",
    "branch",         "author_name",    "author_email",
    "committer_name", "committer_email", "message",
};

/* Coveralls' own variables: they come before any CI's. */
static const char *const cv_own[CV_NFIELDS] = {
    [CV_REPO_TOKEN] = "COVERALLS_REPO_TOKEN",
    [CV_SERVICE_NAME] = "COVERALLS_SERVICE_NAME",
    [CV_SERVICE_NUMBER] = "COVERALLS_SERVICE_NUMBER",
    [CV_JOB_ID] = "COVERALLS_SERVICE_JOB_ID",
    [CV_JOB_NUMBER] = "COVERALLS_SERVICE_JOB_NUMBER",
    [CV_PULL_REQUEST] = "COVERALLS_PULL_REQUEST",
    [CV_FLAG_NAME] = "COVERALLS_FLAG_NAME",
    [CV_COMMIT] = "COVERALLS_GIT_COMMIT",
    [CV_RUN_AT] = "COVERALLS_RUN_AT",
    [CV_BRANCH] = "COVERALLS_GIT_BRANCH",
};

/* The generic variables, for a CI Coveralls does not know: last. */
static const char *const cv_generic[CV_NFIELDS] = {
    [CV_SERVICE_NAME] = "CI_NAME",
    [CV_SERVICE_NUMBER] = "CI_BUILD_NUMBER",
    [CV_JOB_ID] = "CI_JOB_ID",
    [CV_PULL_REQUEST] = "CI_PULL_REQUEST",
    [CV_COMMIT] = "CI_COMMIT_ID",
    [CV_BRANCH] = "CI_BRANCH",
    [CV_AUTHOR_NAME] = "CI_AUTHOR_NAME",
    [CV_AUTHOR_EMAIL] = "CI_AUTHOR_EMAIL",
    [CV_COMMITTER_NAME] = "CI_COMMITTER_NAME",
    [CV_COMMITTER_EMAIL] = "CI_COMMITTER_EMAIL",
    [CV_MESSAGE] = "CI_COMMIT_MESSAGE",
};

/* A CI: set when one of DETECT's variables is; its service_name and the
 * variables of each field (space-separated: the first one set wins). */
typedef struct cv_ci {
    const char *detect;
    const char *name;
    const char *vars[CV_NFIELDS];
} cv_ci;

/* In the order Coveralls' universal reporter tries them. */
static const cv_ci cv_cis[] = {
    {"CIRCLECI", "circleci",
     {[CV_SERVICE_NUMBER] = "CIRCLE_WORKFLOW_ID",
      [CV_JOB_NUMBER] = "CIRCLE_BUILD_NUM",
      [CV_PULL_REQUEST] = "CI_PULL_REQUEST", [CV_BRANCH] = "CIRCLE_BRANCH",
      [CV_COMMIT] = "CIRCLE_SHA1"}},
    {"GITHUB_ACTIONS", "github",
     {[CV_SERVICE_NUMBER] = "GITHUB_RUN_ID", [CV_JOB_ID] = "GITHUB_JOB",
      [CV_PULL_REQUEST] = "GITHUB_REF",
      [CV_BRANCH] = "GITHUB_HEAD_REF GITHUB_REF_NAME",
      [CV_COMMIT] = "GITHUB_SHA"}},
    {"GITLAB_CI", "gitlab-ci",
     {[CV_SERVICE_NUMBER] = "CI_PIPELINE_IID", [CV_JOB_ID] = "CI_JOB_NAME",
      [CV_PULL_REQUEST] = "CI_MERGE_REQUEST_IID",
      [CV_BRANCH] = "CI_COMMIT_REF_NAME", [CV_COMMIT] = "CI_COMMIT_SHA"}},
    {"TRAVIS", "travis-ci",
     {[CV_SERVICE_NUMBER] = "TRAVIS_BUILD_NUMBER",
      [CV_JOB_ID] = "TRAVIS_JOB_NUMBER",
      [CV_PULL_REQUEST] = "TRAVIS_PULL_REQUEST",
      [CV_BRANCH] = "TRAVIS_BRANCH"}},
    {"SEMAPHORE", "semaphore",
     {[CV_SERVICE_NUMBER] = "SEMAPHORE_WORKFLOW_ID",
      [CV_JOB_ID] = "SEMAPHORE_JOB_ID",
      [CV_PULL_REQUEST] = "SEMAPHORE_GIT_PR_NUMBER",
      [CV_BRANCH] = "SEMAPHORE_GIT_WORKING_BRANCH",
      [CV_COMMIT] = "SEMAPHORE_GIT_SHA"}},
    {"JENKINS_URL JENKINS_HOME", "jenkins",
     {[CV_SERVICE_NUMBER] = "BUILD_NUMBER", [CV_JOB_ID] = "BUILD_ID",
      [CV_PULL_REQUEST] = "CHANGE_ID ghprbPullId",
      [CV_BRANCH] = "BRANCH_NAME CHANGE_BRANCH"}},
    {"APPVEYOR", "appveyor",
     {[CV_SERVICE_NUMBER] = "APPVEYOR_BUILD_VERSION",
      [CV_JOB_ID] = "APPVEYOR_BUILD_ID",
      [CV_JOB_NUMBER] = "APPVEYOR_BUILD_NUMBER",
      [CV_BRANCH] = "APPVEYOR_REPO_BRANCH",
      [CV_COMMIT] = "APPVEYOR_REPO_COMMIT"}},
    {"TF_BUILD", "Azure Pipelines",
     {[CV_JOB_ID] = "BUILD_BUILDID",
      [CV_PULL_REQUEST] = "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER",
      [CV_BRANCH] = "BUILD_SOURCEBRANCHNAME",
      [CV_COMMIT] = "BUILD_SOURCEVERSION"}},
    {"BUILDKITE", "buildkite",
     {[CV_JOB_ID] = "BUILDKITE_BUILD_ID",
      [CV_JOB_NUMBER] = "BUILDKITE_BUILD_NUMBER",
      [CV_PULL_REQUEST] = "BUILDKITE_PULL_REQUEST",
      [CV_BRANCH] = "BUILDKITE_BRANCH", [CV_COMMIT] = "BUILDKITE_COMMIT"}},
    {"DRONE", "drone",
     {[CV_JOB_ID] = "DRONE_BUILD_NUMBER",
      [CV_PULL_REQUEST] = "DRONE_PULL_REQUEST", [CV_BRANCH] = "DRONE_BRANCH",
      [CV_COMMIT] = "DRONE_COMMIT"}},
};

typedef struct cv_job {
    const char *v[CV_NFIELDS]; /* NULL: no source */
    bool parallel;
    char pull[24];   /* the pull request number */
    char run_at[32]; /* from SOURCE_DATE_EPOCH */
} cv_job;

typedef char *(*cv_env_fn)(const char *name);

/* The value of the first variable of the space-separated NAMES that is
 * set and not empty, or NULL. */
static const char *cv_var(cv_env_fn env, const char *names)
{
    char name[64];
    while (names && *names) {
        size_t n = strcspn(names, " ");
        if (n && n < sizeof name) {
            memcpy(name, names, n);
            name[n] = '\0';
            const char *v = env(name);
            if (v && *v)
                return v;
        }
        names += n + (names[n] == ' ');
    }
    return NULL;
}

static const cv_ci *cv_detect(cv_env_fn env)
{
    for (size_t i = 0; i < sizeof cv_cis / sizeof cv_cis[0]; i++)
        if (cv_var(env, cv_cis[i].detect))
            return &cv_cis[i];
    return NULL;
}

/* A pull request number from V: V when all digits, else the digits after
 * "pull/" (refs/pull/7/merge, a pull request URL); NULL for none (a
 * branch ref, "false"). */
static const char *cv_pull(const char *v, char *buf, size_t n)
{
    if (!v)
        return NULL;
    const char *p = strstr(v, "pull/");
    const char *d = strspn(v, "0123456789") == strlen(v) ? v
                    : p                                  ? p + 5
                                                         : "";
    size_t k = strspn(d, "0123456789");
    if (!k || k >= n)
        return NULL;
    memcpy(buf, d, k);
    buf[k] = '\0';
    return buf;
}

/* Field F from the variables: Coveralls' own, the CI's, the generic. */
static const char *cv_lookup(cv_env_fn env, const cv_ci *ci, cv_field f,
                             cv_job *job)
{
    const char *from[3] = {cv_own[f], ci ? ci->vars[f] : NULL,
                           cv_generic[f]};
    for (int i = 0; i < 3; i++) {
        const char *v = cv_var(env, from[i]);
        if (f == CV_PULL_REQUEST)
            v = cv_pull(v, job->pull, sizeof job->pull);
        if (v)
            return v;
        if (i == 0 && f == CV_SERVICE_NAME && ci)
            return ci->name;
    }
    return NULL;
}

static void cv_run_at(cv_job *job)
{
    int64_t secs;
    struct tm tm;
    time_t t;
    if (job->v[CV_RUN_AT] || !prof_source_date_epoch(&secs))
        return;
    t = (time_t)secs;
    if (gmtime_r(&t, &tm) &&
        strftime(job->run_at, sizeof job->run_at, "%Y-%m-%dT%H:%M:%SZ", &tm))
        job->v[CV_RUN_AT] = job->run_at;
}

static void cv_job_fields(const prof_write_opts *o, cv_job *job)
{
    cv_env_fn env = o->env ? o->env : getenv;
    const cv_ci *ci = cv_detect(env);
    memset(job, 0, sizeof *job);
    for (int f = 0; f < CV_NFIELDS; f++)
        job->v[f] = cv_lookup(env, ci, (cv_field)f, job);
    if (o->coveralls_service)
        job->v[CV_SERVICE_NAME] = o->coveralls_service;
    if (o->coveralls_flag)
        job->v[CV_FLAG_NAME] = o->coveralls_flag;
    const char *par = env("COVERALLS_PARALLEL");
    job->parallel = o->coveralls_parallel ||
                    (par && *par && strcmp(par, "false") && strcmp(par, "0"));
    cv_run_at(job);
}

/* SEP, then INDENT "KEY": "V" */
static void cv_put_field(prof_sink *out, const char *sep, const char *indent,
                         const char *key, const char *v)
{
    prof_sink_puts(out, sep);
    prof_sink_puts(out, indent);
    prof_sink_putc(out, '"');
    prof_sink_puts(out, key);
    prof_sink_puts(out, "\": ");
    prof_json_put_str(out, v);
}

/* "git": the branch, and the head when its commit is known. */
static void cv_put_git(prof_sink *out, const cv_job *job)
{
    const char *id = job->v[CV_COMMIT], *branch = job->v[CV_BRANCH];
    if (!id && !branch)
        return;
    prof_sink_puts(out, "\n  \"git\": {");
    if (branch)
        cv_put_field(out, "", "\n    ", "branch", branch);
    if (id) {
        prof_sink_puts(out, branch ? "," : "");
        prof_sink_puts(out, "\n    \"head\": {");
        cv_put_field(out, "", "\n      ", "id", id);
        for (int f = CV_AUTHOR_NAME; f < CV_NFIELDS; f++)
            if (job->v[f])
                cv_put_field(out, ",", "\n      ", cv_keys[f], job->v[f]);
        prof_sink_puts(out, "\n    }");
    }
    prof_sink_puts(out, "\n  },");
}

/* The job's fields, each followed by a comma: source_files comes last. */
static void cv_put_job(prof_sink *out, const cv_job *job)
{
    prof_sink_putc(out, '{');
    for (int f = 0; f < CV_BRANCH; f++)
        if (job->v[f]) {
            cv_put_field(out, "", "\n  ", cv_keys[f], job->v[f]);
            prof_sink_putc(out, ',');
        }
    if (job->parallel)
        prof_sink_puts(out, "\n  \"parallel\": true,");
    cv_put_git(out, job);
}

/* ---- source files ----------------------------------------------------- */

typedef struct cv_ctx {
    const prof_write_opts *o;
    const char *root; /* absolute: names are relative to it */
    prof_arena arena;
    prof_strmap names; /* name -> the path it came from */
    /* for the warnings at the end: how many, and the first */
    size_t nodigest, absolute, longer, zero;
    const char *first_nodigest, *first_absolute, *first_longer;
} cv_ctx;

/* The source of PATH: its line count and MD5 in HEX; false if not found
 * or unreadable. */
static bool cv_source(const cv_ctx *c, const char *path, uint64_t *nlines,
                      char hex[33])
{
    char *disk = prof_sources_find(c->o->sources, path);
    prof_input in;
    if (!disk || prof_input_load_raw(&in, disk, UINT32_MAX, NULL) < 0) {
        free(disk);
        return false;
    }
    free(disk);
    const unsigned char *d = in.data;
    uint64_t n = 0;
    for (const unsigned char *p = d; in.len &&
         (p = memchr(p, '\n', in.len - (size_t)(p - d))) != NULL; p++)
        n++;
    *nlines = n + (in.len && d[in.len - 1] != '\n');
    unsigned char md[16];
    prof_md5(d, in.len, md);
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    prof_input_release(&in);
    return true;
}

/* The name of F: unique in the job (two paths may become one). */
static int cv_name(cv_ctx *c, const prof_file *f, const char **name,
                   prof_error *err)
{
    *name = prof_path_under(c->root, prof_file_path(f));
    if (**name == '/' && !c->absolute++)
        c->first_absolute = prof_file_path(f);
    prof_strmap_slot *s = prof_strmap_get(&c->names, *name, strlen(*name),
                                          true);
    if (!s)
        return prof_error_oom(err, "");
    if (!s->value) {
        s->value = (void *)prof_file_path(f);
        return 0;
    }
    char qa[128], qb[128], qn[128];
    const char *a = s->value;
    return prof_error_set(
        err, PROF_EFORMAT, "", 0,
        "cannot write Coveralls: paths %s and %s both become source file "
        "%s (make them one path with --path-map)",
        prof_quote(qa, sizeof qa, a, strlen(a)),
        prof_quote(qb, sizeof qb, prof_file_path(f), strlen(prof_file_path(f))),
        prof_quote(qn, sizeof qn, *name, strlen(*name)));
}

/* "coverage": hits at index line - 1, null between, LEN entries. */
static void cv_put_coverage(prof_sink *out, const prof_line *lines, size_t nl,
                            uint64_t len)
{
    size_t i = 0;
    prof_sink_puts(out, "\"coverage\": [");
    for (uint64_t l = 1; l <= len; l++) {
        if (l > 1)
            prof_sink_putc(out, ',');
        while (i < nl && lines[i].line < l)
            i++;
        if (i < nl && lines[i].line == l)
            prof_sink_u64(out, lines[i].hits);
        else
            prof_sink_puts(out, "null");
    }
    prof_sink_putc(out, ']');
}

static void cv_put_branches(prof_sink *out, const prof_branch *br, size_t nb)
{
    bool first = true;
    prof_sink_puts(out, ", \"branches\": [");
    for (size_t i = 0; i < nb; i++) {
        if (!br[i].line)
            continue;
        uint64_t v[4] = {br[i].line, br[i].block, br[i].branch,
                         br[i].taken == PROF_NOT_EVALUATED ? 0 : br[i].taken};
        for (int k = 0; k < 4; k++) {
            prof_sink_puts(out, first ? "" : ",");
            prof_sink_u64(out, v[k]);
            first = false;
        }
    }
    prof_sink_putc(out, ']');
}

/* The last line with data (lines and branches are sorted), counting the
 * records at line 0, which no array index holds. */
static uint32_t cv_last(cv_ctx *c, const prof_line *lines, size_t nl,
                        const prof_branch *br, size_t nb)
{
    uint32_t last = 0;
    if (nl && lines[nl - 1].line > last)
        last = lines[nl - 1].line;
    if (nb && br[nb - 1].line > last)
        last = br[nb - 1].line;
    c->zero += nl && !lines[0].line;
    c->zero += nb && !br[0].line;
    return last;
}

/* The length of F's coverage array: to the source's end or the data's. */
static uint64_t cv_length(cv_ctx *c, const prof_file *f, uint32_t last,
                          uint64_t srclines)
{
    if (srclines && last > srclines && !c->longer++)
        c->first_longer = prof_file_path(f);
    return last > srclines ? last : srclines;
}

/* The largest line number of F's records (blocks end there at most). */
static uint32_t cv_bound(const prof_file *f)
{
    uint32_t b = 0;
    size_t nb, nbr;
    const prof_block *bl = prof_file_blocks(f, &nb);
    const prof_branch *br = prof_file_branches(f, &nbr);
    for (size_t i = 0; i < nb; i++)
        b = bl[i].end_line > b ? bl[i].end_line : b;
    for (size_t i = 0; i < nbr; i++)
        b = br[i].line > b ? br[i].line : b;
    return b;
}

/* The limits, checked on the data's line numbers before writing. */
static int cv_limits(const prof_profile *p, prof_error *err)
{
    uint64_t total = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        const prof_file *f = prof_profile_file(p, i);
        uint32_t b = cv_bound(f);
        if (b > CV_MAX_LINES)
            return prof_error_set(err, PROF_ELIMIT, prof_file_path(f), 0,
                                  "line %u is past the %u lines a Coveralls "
                                  "coverage array is written for",
                                  b, CV_MAX_LINES);
        if ((total += b) > CV_MAX_ENTRIES)
            return prof_error_set(err, PROF_ELIMIT, prof_file_path(f), 0,
                                  "the files' last lines add up to more "
                                  "than %u, the most a Coveralls job is "
                                  "written with", CV_MAX_ENTRIES);
    }
    return 0;
}

/* What a file's entry shows: its lines and branches. */
typedef struct cv_data {
    prof_line *lines;
    size_t nl;
    prof_branch *br;
    size_t nb;
} cv_data;

/* The source_files entry of F, whose data ends at line LAST. */
static int cv_put_entry(cv_ctx *c, prof_sink *out, const prof_file *f,
                        const cv_data *d, uint32_t last, bool *first,
                        prof_error *err)
{
    const char *name;
    uint64_t srclines = 0, len;
    char hex[33];
    bool found = cv_source(c, prof_file_path(f), &srclines, hex);
    PROF_TRY(cv_name(c, f, &name, err));
    len = cv_length(c, f, last, srclines);
    if (!found && !c->nodigest++)
        c->first_nodigest = prof_file_path(f);
    cv_put_field(out, *first ? "" : ",", "\n    {", "name", name);
    if (found)
        cv_put_field(out, ",", " ", "source_digest", hex);
    prof_sink_puts(out, ", ");
    cv_put_coverage(out, d->lines, d->nl, len);
    if (d->nb)
        cv_put_branches(out, d->br, d->nb);
    prof_sink_putc(out, '}');
    *first = false;
    return 0;
}

/* One source_files entry; none for a file without lines or branches. */
static int cv_put_file(cv_ctx *c, prof_sink *out, const prof_file *f,
                       bool *first, prof_error *err)
{
    cv_data d = {NULL, 0, NULL, 0};
    int rc = prof_file_lines(f, &d.lines, &d.nl);
    if (rc == 0)
        rc = prof_file_line_branches(f, d.lines, d.nl, &d.br, &d.nb);
    if (rc < 0)
        rc = prof_error_oom(err, "");
    uint32_t last = rc ? 0 : cv_last(c, d.lines, d.nl, d.br, d.nb);
    if (last)
        rc = cv_put_entry(c, out, f, &d, last, first, err);
    free(d.lines);
    free(d.br);
    return rc;
}

static const char *cv_s(size_t n)
{
    return n == 1 ? "" : "s";
}

static void cv_say(const cv_ctx *c, const cv_job *job)
{
    prof_warn_fn w = c->o->warn;
    void *ctx = c->o->warn_ctx;
    if (c->nodigest)
        prof_warnf(w, ctx, c->first_nodigest, 0,
                   "no source found for %zu source file%s (this one first; "
                   "see --source-root): no source_digest, and the coverage "
                   "array ends at the last line with data", c->nodigest,
                   cv_s(c->nodigest));
    if (c->longer)
        prof_warnf(w, ctx, c->first_longer, 0,
                   "%zu source%s shorter than the coverage data (this one "
                   "first): are they the sources that were run?", c->longer,
                   c->longer == 1 ? " is" : "s are");
    if (c->absolute)
        prof_warnf(w, ctx, c->first_absolute, 0,
                   "%zu source file name%s absolute (this one first), "
                   "outside the source root: Coveralls needs paths relative "
                   "to the repository (see --path-map)", c->absolute,
                   c->absolute == 1 ? " is" : "s are");
    if (c->zero)
        prof_warnf(w, ctx, NULL, 0,
                   "records at line 0 of %zu file%s left out: no coverage "
                   "array index holds them", c->zero, cv_s(c->zero));
    if (!job->v[CV_REPO_TOKEN] &&
        !(job->v[CV_SERVICE_NAME] && job->v[CV_JOB_ID]))
        prof_warnf(w, ctx, NULL, 0,
                   "no repo_token (COVERALLS_REPO_TOKEN is not set) and no "
                   "CI job (service_name and service_job_id): Coveralls "
                   "will refuse this job as it is");
}

static int cv_write(const prof_profile *p, prof_sink *out,
                    const prof_write_opts *o, prof_error *err)
{
    cv_ctx c = {.o = o};
    cv_job job;
    prof_arena_init(&c.arena);
    prof_strmap_init(&c.names, &c.arena);
    c.root = prof_path_abs(&c.arena, o->source_root, err);
    int rc = c.root ? 0 : err ? err->code : PROF_EIO;
    if (!rc)
        rc = cv_limits(p, err);
    cv_job_fields(o, &job);
    cv_put_job(out, &job);
    prof_sink_puts(out, "\n  \"source_files\": [");
    bool first = true;
    for (size_t i = 0; !rc && i < prof_profile_nfiles(p); i++)
        rc = cv_put_file(&c, out, prof_profile_file(p, i), &first, err);
    prof_sink_puts(out, first ? "]\n}\n" : "\n  ]\n}\n");
    if (!rc)
        cv_say(&c, &job);
    prof_strmap_free(&c.names);
    prof_arena_free(&c.arena);
    return rc;
}

const prof_format prof_format_coveralls = {
    .name = "coveralls",
    .description = "Coveralls API job JSON (POST to /api/v1/jobs)",
    .family = PROF_FAMILY_LINE,
    .write = cv_write,
    /* repository paths; no functions: Coveralls has no place for them */
    .view = PROF_FORMAT_REPO_PATHS | PROF_FORMAT_FILES,
};
