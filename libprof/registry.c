/* registry.c - the table of formats: detection, --from/--to, --list-formats. */
#include "internal.h"

#include <string.h>

/* In the order of DESIGN.md's table: --list-formats and --help show it. */
const prof_format *const prof_formats[] = {
    &prof_format_go,     &prof_format_covdata, &prof_format_lcov,
    &prof_format_gcov_json, &prof_format_gcda, &prof_format_llvm_json,
    &prof_format_cobertura, &prof_format_sonarqube,
    &prof_format_json,
    &prof_format_func, &prof_format_percent, &prof_format_summary,
    &prof_format_html, &prof_format_coveralls, &prof_format_badge, NULL,
};

const prof_format *prof_format_find(const char *name)
{
    for (size_t i = 0; prof_formats[i]; i++)
        if (!strcmp(prof_formats[i]->name, name))
            return prof_formats[i];
    return NULL;
}

const prof_format *prof_format_at(size_t i)
{
    size_t n = sizeof prof_formats / sizeof prof_formats[0] - 1;
    return i < n ? prof_formats[i] : NULL;
}

const char *prof_format_name(const prof_format *f) { return f->name; }

const char *prof_format_description(const prof_format *f)
{
    return f->description;
}

unsigned prof_format_flags(const prof_format *f)
{
    return (f->read || f->read_dir ? PROF_FORMAT_READ : 0u) |
           (f->write || f->write_dir ? PROF_FORMAT_WRITE : 0u) |
           (f->write_dir ? PROF_FORMAT_DIR : 0u) | f->view;
}

/* ---- what the table decides ---- */

const prof_format *prof_format_detect(const void *buf, size_t len)
{
    const prof_format *best = NULL;
    int score = 0;
    for (size_t i = 0; prof_formats[i]; i++) {
        const prof_format *f = prof_formats[i];
        int s = f->detect && f->read ? f->detect(buf, len) : 0;
        if (s > score) {
            score = s;
            best = f;
        }
    }
    return best;
}

const prof_format *prof_format_dir_reader(const char *dir)
{
    const prof_format *first = NULL;
    for (size_t i = 0; prof_formats[i]; i++) {
        const prof_format *f = prof_formats[i];
        if (!f->read_dir)
            continue;
        if (f->detect_dir && f->detect_dir(dir))
            return f;
        if (!first)
            first = f;
    }
    return first; /* its reader says what it expected */
}

/* The first format with every trait of TRAITS, of family FAMILY (0: any). */
static const prof_format *with_traits(unsigned traits, unsigned family)
{
    for (size_t i = 0; prof_formats[i]; i++) {
        const prof_format *f = prof_formats[i];
        if ((f->traits & traits) == traits && (!family || f->family == family))
            return f;
    }
    return NULL;
}

const prof_format *prof_format_native(unsigned families)
{
    return families ? with_traits(PROF_TRAIT_NATIVE, families) : NULL;
}

const prof_format *prof_format_default(void)
{
    return with_traits(PROF_TRAIT_DEFAULT, 0);
}
