/* reader.c - what a reader may do to the profile it fills (format.h). */
#include "internal.h"

#include <stdlib.h>

void prof_reader_set_mode(prof_reader *r, prof_mode m)
{
    r->p->mode = m;
}

void prof_reader_apply_mode(prof_reader *r, prof_mode m)
{
    prof_profile_apply_mode(r->p, m);
}

unsigned prof_profile_families(const prof_profile *p)
{
    return p->families;
}

void prof_reader_set_families(prof_reader *r, unsigned families)
{
    r->p->families = families;
}

unsigned prof_file_families(const prof_file *f)
{
    return f->families;
}

bool prof_profile_go_text(const prof_profile *p)
{
    return p->go_text;
}

void prof_reader_clear_names(prof_reader *r)
{
    r->p->nsuites = 0;
    r->p->ninputs = 0;
}

bool prof_reader_damage_first(const prof_reader *r, prof_damage kind)
{
    return r->p->opts->strict || (r->damages && !r->damages->kinds[kind].n);
}

void prof_reader_set_lag(prof_reader *r, size_t lag)
{
    r->p->release_lag = lag;
}

const void *prof_reader_live_from(const prof_reader *r)
{
    return r->p->map ? r->p->map + r->p->released : NULL;
}

uint64_t prof_reader_max_input(const prof_reader *r)
{
    return r->p->opts->max_input;
}

int prof_reader_load(prof_reader *r, prof_input *in, const char *path)
{
    return prof_input_load(in, path, r->p->opts->max_input, r->err);
}

int prof_suiteset_add(prof_profile *p, uint32_t a, uint32_t b, uint32_t *id)
{
    return prof_suiteset_union(p, a, b, id);
}

size_t prof_file_path_len(const prof_file *f)
{
    return f->path_len;
}

prof_function *prof_file_functions_mut(prof_file *f, size_t *n)
{
    *n = f->nfuncs;
    return f->funcs;
}

void prof_file_functions_keep(prof_file *f, size_t n)
{
    if (n < f->nfuncs)
        f->nfuncs = n;
}

prof_file *prof_file_detached(const prof_profile *owner, const char *path)
{
    prof_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->owner = (prof_profile *)owner;
    f->path = path;
    f->path_len = path ? strlen(path) : 0;
    return f;
}

void prof_file_detached_free(prof_file *f)
{
    if (!f)
        return;
    prof_htab_free(&f->index);
    free(f->blocks);
    free(f->funcs);
    free(f->branches);
    free(f);
}

prof_file *prof_reader_file_at(prof_reader *r, size_t i)
{
    return r->p->files[i];
}
