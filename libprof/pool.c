/* pool.c - read several inputs on threads, merge them in input order. */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One input: what its worker produced, kept until it is merged. */
typedef struct pool_job {
    const char *path, *label;
    prof_profile *prof; /* the parsed input; NULL if empty or failed */
    int rc;
    prof_error err;
    prof_error *warns; /* warnings of the parse, to replay in order */
    size_t nwarns, cap_warns;
    prof_opts opts; /* the profile's, warning into WARNS: the input's */
    bool done;
} pool_job;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    pool_job *jobs;
    size_t n, next, merged, ahead;
    bool stop;
    const prof_format *fmt;
    prof_read_opts opts;
    prof_input_id *ids; /* the profile's prof_profile_set_input_ids */
} pool;

static void job_warn(void *ctx, const prof_error *w)
{
    pool_job *j = ctx;
    if (prof_grow((void **)&j->warns, &j->cap_warns, j->nwarns,
                  sizeof *w) == 0)
        j->warns[j->nwarns++] = *w;
}

static void job_parse(const pool *pl, pool_job *j, prof_sizes *sizes)
{
    prof_read_opts o = pl->opts;
    o.sizes = sizes;
    o.id = pl->ids ? &pl->ids[j - pl->jobs] : NULL;
    if (o.opts->warn) {
        j->opts = *o.opts;
        j->opts.warn = job_warn;
        j->opts.warn_ctx = j;
        o.opts = &j->opts;
    }
    j->rc = prof_parse_file(&o, j->path, j->label, pl->fmt, &j->prof,
                            &j->err);
}

/* Is there an input to take, at most AHEAD inputs past the merge? (The
 * mutex is held.) */
static bool pool_can_take(const pool *pl)
{
    return !pl->stop && pl->next < pl->n &&
           pl->next < pl->merged + pl->ahead;
}

/* Parse the next input (the mutex is held, and released meanwhile);
 * SIZES are the taking thread's. */
static void pool_take(pool *pl, prof_sizes *sizes)
{
    pool_job *j = &pl->jobs[pl->next++];
    pthread_mutex_unlock(&pl->mu);
    job_parse(pl, j, sizes);
    pthread_mutex_lock(&pl->mu);
    j->done = true;
    pthread_cond_broadcast(&pl->done);
}

/* Take the next input, staying at most AHEAD inputs past the merge. */
static void *pool_worker(void *arg)
{
    pool *pl = arg;
    prof_sizes sizes = {0};
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        while (!pl->stop && pl->next < pl->n && !pool_can_take(pl))
            pthread_cond_wait(&pl->work, &pl->mu);
        if (!pool_can_take(pl))
            break;
        pool_take(pl, &sizes);
    }
    pthread_mutex_unlock(&pl->mu);
    prof_sizes_free(&sizes);
    return NULL;
}

/* Replay J's warnings into P, then merge it (or return its error). */
static int job_merge(prof_profile *p, pool_job *j, prof_error *err)
{
    for (size_t i = 0; i < j->nwarns && p->opts->warn; i++)
        p->opts->warn(p->opts->warn_ctx, &j->warns[i]);
    if (j->rc < 0) {
        if (err)
            *err = j->err;
        return j->rc;
    }
    int rc = j->prof ? prof_merge_move(p, j->prof, err) : 0;
    prof_profile_free(j->prof);
    j->prof = NULL;
    return rc;
}

static int merge_in_order(prof_profile *p, pool *pl, prof_sizes *sizes,
                          prof_progress_fn fn, void *ctx, prof_error *err)
{
    for (size_t i = 0; i < pl->n; i++) {
        pool_job *j = &pl->jobs[i];
        pthread_mutex_lock(&pl->mu);
        while (!j->done) /* the merging thread is one of the workers */
            if (pool_can_take(pl))
                pool_take(pl, sizes);
            else
                pthread_cond_wait(&pl->done, &pl->mu);
        pthread_mutex_unlock(&pl->mu);
        PROF_TRY(job_merge(p, j, err));
        if (fn)
            fn(ctx, i, p);
        pthread_mutex_lock(&pl->mu);
        pl->merged = i + 1;
        pthread_cond_broadcast(&pl->work);
        pthread_mutex_unlock(&pl->mu);
    }
    return 0;
}

/* Start up to JOBS workers; returns how many started. */
static size_t pool_start(pool *pl, pthread_t *tids, size_t jobs)
{
    size_t k = 0;
    while (k < jobs && pthread_create(&tids[k], NULL, pool_worker, pl) == 0)
        k++;
    return k;
}

/* One after another, as prof_read_file calls. */
static int read_serial(prof_profile *p, const pool *pl, prof_sizes *sizes,
                       prof_progress_fn fn, void *ctx, prof_error *err)
{
    for (size_t i = 0; i < pl->n; i++) {
        PROF_TRY(prof_read_file_sized(p, pl->jobs[i].path, pl->jobs[i].label,
                                      pl->fmt, sizes,
                                      pl->ids ? &pl->ids[i] : NULL, err));
        if (fn)
            fn(ctx, i, p);
    }
    return 0;
}

static int read_parallel(prof_profile *p, pool *pl, size_t jobs,
                         prof_progress_fn fn, void *ctx, prof_error *err)
{
    /* JOBS threads in all: the caller's merges and parses too */
    pthread_t *tids = malloc(jobs * sizeof *tids);
    size_t started = tids ? pool_start(pl, tids, jobs - 1) : 0;
    prof_sizes sizes = {0};
    int rc = started ? merge_in_order(p, pl, &sizes, fn, ctx, err)
                     : read_serial(p, pl, &sizes, fn, ctx, err);
    pthread_mutex_lock(&pl->mu);
    pl->stop = true;
    pthread_cond_broadcast(&pl->work);
    pthread_mutex_unlock(&pl->mu);
    for (size_t k = 0; k < started; k++)
        pthread_join(tids[k], NULL);
    free(tids);
    prof_sizes_free(&sizes);
    return rc;
}

/* Several workers reading one stdin would split it: read serially. */
static bool stdin_twice(const char *const *paths, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !strcmp(paths[i], "-");
    return k > 1;
}

int prof_read_files(prof_profile *p, const char *const *paths,
                    const char *const *labels, size_t n,
                    const prof_format *fmt, unsigned jobs,
                    prof_progress_fn progress, void *ctx, prof_error *err)
{
    if (jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus > 0 ? (unsigned)cpus : 1;
    }
    if (jobs > n)
        jobs = (unsigned)n;
    pool pl;
    memset(&pl, 0, sizeof pl);
    pl.jobs = calloc(n ? n : 1, sizeof *pl.jobs);
    if (!pl.jobs)
        return prof_error_oom(err, "");
    for (size_t i = 0; i < n; i++) {
        pl.jobs[i].path = paths[i];
        pl.jobs[i].label = labels ? labels[i] : NULL;
    }
    pl.n = n;
    pl.ahead = 2 * (size_t)jobs;
    pl.fmt = fmt;
    pl.ids = p->opts->input_ids;
    if (jobs <= 1 || stdin_twice(paths, n)) {
        prof_sizes sizes = {0};
        int rc = read_serial(p, &pl, &sizes, progress, ctx, err);
        prof_sizes_free(&sizes);
        free(pl.jobs);
        return rc;
    }
    prof_read_opts_of(p, &pl.opts);
    pthread_mutex_init(&pl.mu, NULL);
    pthread_cond_init(&pl.work, NULL);
    pthread_cond_init(&pl.done, NULL);
    int rc = read_parallel(p, &pl, jobs, progress, ctx, err);
    for (size_t i = 0; i < n; i++) {
        prof_profile_free(pl.jobs[i].prof);
        free(pl.jobs[i].warns);
    }
    free(pl.jobs);
    pthread_mutex_destroy(&pl.mu);
    pthread_cond_destroy(&pl.work);
    pthread_cond_destroy(&pl.done);
    return rc;
}

/* ---- prof_parallel: independent jobs on all cores ---- */

typedef struct par {
    size_t n, next;
    void (*fn)(void *ctx, size_t i);
    void *ctx;
} par;

static void *par_worker(void *arg)
{
    par *p = arg;
    size_t i;
    while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
        p->fn(p->ctx, i);
    return NULL;
}

void prof_parallel(size_t n, void (*fn)(void *ctx, size_t i), void *ctx)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t threads = cpus > 1 ? (size_t)cpus : 1;
    if (threads > n)
        threads = n;
    if (threads > 64)
        threads = 64;
    par p = {n, 0, fn, ctx};
    pthread_t tids[64];
    size_t started = 0;
    for (size_t t = 1; t < threads; t++)
        if (pthread_create(&tids[started], NULL, par_worker, &p) == 0)
            started++;
    par_worker(&p); /* this thread too: also when none could start */
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
}
