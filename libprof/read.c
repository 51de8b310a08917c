/* read.c - read an input into a profile: the reader the registry names,
 * normalised, merged; mapped pages given back as the reader goes. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static bool all_space(const unsigned char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n')
            return false;
    return true;
}

void prof_read_opts_of(const prof_profile *p, prof_read_opts *o)
{
    o->opts = p->opts;
    o->sizes = NULL;
    o->id = NULL;
}

/* A fresh profile holding one input, borrowing the options O names. */
static prof_profile *input_profile(const prof_read_opts *o, const char *name,
                                   const char *label, bool named,
                                   prof_reader *r, prof_error *err)
{
    prof_profile *in = prof_profile_new();
    int suite = -1;
    if (!in || prof_profile_add_input(in, name) < 0 ||
        (suite = prof_profile_suite_index(in, label)) < 0 ||
        prof_suiteset_single(in, suite, &r->suites) < 0) {
        prof_profile_free(in);
        prof_error_oom(err, name);
        return NULL;
    }
    in->opts = o->opts;
    in->sizes = o->sizes;
    if (named)
        prof_profile_suite_name(in, (size_t)suite);
    r->p = in;
    r->name = in->inputs[0];
    r->input = 0;
    r->err = err;
    return in;
}

/* The format to read DIR (NULL: a file) with: *FMT (NULL when sniffing
 * found none), or for a directory the registry's directory reader. */
static int choose_format(const char *dir, const char *name,
                         const prof_format **fmt, prof_error *err)
{
    const prof_format *f = *fmt;
    if (!f && dir)
        f = prof_format_dir_reader(dir);
    if (f && dir && !f->read_dir)
        return prof_error_set(err, PROF_EUNKNOWN_FORMAT, name, 0,
                              "is a directory, and format '%s' reads only "
                              "files", f->name);
    if (!f || !(dir ? f->read_dir != NULL : f->read != NULL))
        return prof_error_set(err, PROF_EUNKNOWN_FORMAT, name, 0,
                              dir ? "is a directory, and no reader for "
                                    "directories is built in"
                                  : "unknown input format (use --from to "
                                    "name it; --list-formats lists them)");
    *fmt = f;
    return 0;
}

/* Run the reader chosen by FMT or sniffing into a new profile *OUT,
 * normalised (NULL for an empty input, which adds nothing). */
static int parse_input(const prof_read_opts *o, const prof_input *data,
                       const char *dir, const char *name, const char *label,
                       bool named, const prof_format *fmt, prof_profile **out,
                       prof_error *err)
{
    *out = NULL;
    if (!fmt && !dir) {
        fmt = prof_format_detect(data->data, data->len);
        if (!fmt && all_space(data->data, data->len))
            return 0;
        if (!fmt) /* what is it? (sniff.c) */
            return prof_unknown_format(data->data, data->len, name, err);
    }
    PROF_TRY(choose_format(dir, name, &fmt, err));
    prof_reader r;
    prof_profile *in = input_profile(o, name, label, named, &r, err);
    if (!in)
        return PROF_ENOMEM;
    in->families = fmt->family;
    in->go_text = (fmt->traits & PROF_TRAIT_FUNCS_IN_SOURCES) != 0;
    if (data && data->map) {
        in->map = data->data;
        in->maplen = data->len;
    }
    prof_damages damages;
    memset(&damages, 0, sizeof damages);
    r.damages = &damages;
    int rc = dir ? fmt->read_dir(&r, dir)
                 : fmt->read(&r, data->data, data->len);
    in->map = NULL;
    if (rc == 0) /* the reading policy's warnings, at the end of the input */
        prof_damages_report(in, &damages, name);
    for (size_t i = 0; rc == 0 && i < in->nfiles; i++)
        in->files[i]->families = in->families; /* json's, once read */
    if (rc == 0)
        rc = prof_profile_normalize(in, err);
    in->sizes = NULL; /* the thread's, not the result's */
    if (rc == 0 && o->sizes)
        prof_sizes_learn(o->sizes, in);
    if (rc < 0)
        prof_profile_free(in);
    else
        *out = in;
    return rc;
}

/* Merge a parsed input IN (may be NULL) into P and free it. */
static int merge_input(prof_profile *p, prof_profile *in, int rc,
                       prof_error *err)
{
    if (rc == 0 && in)
        rc = prof_merge_move(p, in, err);
    prof_profile_free(in);
    return rc;
}

#define RELEASE_STEP (1u << 20)

void prof_reader_consumed(prof_reader *r, const void *at)
{
    prof_profile *p = r->p;
    const unsigned char *a = at;
    if (!p->map || a < p->map || a > p->map + p->maplen)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t off = (size_t)(a - p->map);
    if (off < p->release_lag)
        return;
    size_t upto = (off - p->release_lag) / page * page;
    if (upto < p->released + RELEASE_STEP)
        return;
    /* read-only private file pages: read again from the file if touched */
    madvise((void *)(p->map + p->released), upto - p->released,
            MADV_DONTNEED);
    p->released = upto;
}

static const char *stem(const char *path, char *buf, size_t bufsz)
{
    if (!strcmp(path, "-"))
        return "stdin";
    const char *base = strrchr(path, '/');
    base = base && base[1] ? base + 1 : path;
    snprintf(buf, bufsz, "%s", base);
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
    return buf;
}

int prof_read_buffer(prof_profile *p, const void *buf, size_t len,
                     const char *name, const char *label,
                     const prof_format *fmt, prof_error *err)
{
    char sb[256];
    prof_input in = {buf, len, NULL, 0, NULL};
    prof_read_opts o;
    prof_profile *got;
    prof_read_opts_of(p, &o);
    bool named = label != NULL;
    if (!label)
        label = stem(name, sb, sizeof sb);
    if (!prof_is_gzip(buf, len)) {
        int rc = parse_input(&o, &in, NULL, name, label, named, fmt, &got, err);
        return merge_input(p, got, rc, err);
    }
    PROF_TRY(prof_gunzip(buf, len, p->opts->max_input, name, &in, err));
    int rc = parse_input(&o, &in, NULL, name, label, named, fmt, &got, err);
    prof_input_release(&in);
    return merge_input(p, got, rc, err);
}

int prof_parse_file(const prof_read_opts *o, const char *path,
                    const char *label, const prof_format *fmt,
                    prof_profile **out, prof_error *err)
{
    char sb[256];
    struct stat st;
    *out = NULL;
    bool named = label != NULL, std = !strcmp(path, "-");
    if (!label)
        label = stem(path, sb, sizeof sb);
    bool found = std ? o->id && fstat(0, &st) == 0 : stat(path, &st) == 0;
    if (o->id)
        prof_input_id_of(o->id, found, &st);
    if (!std && found && S_ISDIR(st.st_mode))
        return parse_input(o, NULL, path, path, label, named, fmt, out, err);
    prof_input in;
    PROF_TRY(prof_input_load(&in, path, o->opts->max_input, err));
    if (o->id) /* before the reader gives parsed pages back */
        prof_input_id_bytes(o->id, in.data, in.len);
    int rc = parse_input(o, &in, NULL, std ? "<stdin>" : path, label, named,
                         fmt, out, err);
    prof_input_release(&in);
    return rc;
}

int prof_read_file(prof_profile *p, const char *path, const char *label,
                   const prof_format *fmt, prof_error *err)
{
    return prof_read_file_sized(p, path, label, fmt, NULL, NULL, err);
}

int prof_read_file_sized(prof_profile *p, const char *path, const char *label,
                         const prof_format *fmt, prof_sizes *sizes,
                         prof_input_id *id, prof_error *err)
{
    prof_read_opts o;
    prof_profile *got;
    prof_read_opts_of(p, &o);
    o.sizes = sizes;
    o.id = id;
    int rc = prof_parse_file(&o, path, label, fmt, &got, err);
    return merge_input(p, got, rc, err);
}

