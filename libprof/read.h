/* read.h - reading inputs into profiles (private). */
/* Read options, gunzip, record-count hints, input identity, unknown
 * formats (input.c, read.c, pool.c, sizes.c, same.c, sniff.c); for
 * libprof/ through internal.h. */
#ifndef PROF_READ_H
#define PROF_READ_H

#include "model.h"

/* INPUT gunzipped into OUT, within MAX bytes as prof_input_load says. */
int prof_gunzip(const unsigned char *src, size_t len, uint64_t max,
                const char *name, prof_input *out, prof_error *err);
/* Do the LEN bytes at B start as gzip data? */
bool prof_is_gzip(const unsigned char *b, size_t len);
/* PROF_EIO "WHAT: strerror(errno)" about PATH (input.c, output.c). */
int prof_io_fail(prof_error *err, const char *path, const char *what);

/* What reading one input takes from the profile it will be merged into. */
typedef struct prof_read_opts {
    const prof_opts *opts;    /* borrowed by the input: the profile's */
    struct prof_sizes *sizes; /* NULL, or the reading thread's (sizes.c) */
    prof_input_id *id;         /* NULL, or where to say what the input is */
} prof_read_opts;

void prof_read_opts_of(const prof_profile *p, prof_read_opts *o);
/* prof_read_file with the sizes of the inputs read before (NULL: none),
 * filling ID (NULL: not wanted). */
int prof_read_file_sized(prof_profile *p, const char *path, const char *label,
                         const prof_format *fmt, struct prof_sizes *sizes,
                         prof_input_id *id, prof_error *err);

/* sizes.c: a file's record counts in the inputs a thread read before, by
 * path, so that the next input's arrays are reserved, not grown. */
typedef struct prof_file_sizes {
    uint64_t key; /* hash of the path */
    size_t blocks, funcs, branches;
} prof_file_sizes;

typedef struct prof_sizes {
    prof_htab index; /* over V */
    prof_file_sizes *v;
    size_t n, cap;
} prof_sizes;

/* Remember the sizes of P's files (a normalised input). */
void prof_sizes_learn(prof_sizes *h, const prof_profile *p);
/* Give new, empty F arrays of the sizes H knows for its path (H: NULL
 * or empty does nothing; so does an allocation failure). */
void prof_sizes_reserve(const prof_sizes *h, prof_file *f);
void prof_sizes_free(prof_sizes *h);
/* prof_read_file without the merge: PATH read into a new normalised
 * profile *OUT (NULL when the input is empty and adds nothing); O->id, when
 * set, says what the input is (same.c). */
int prof_parse_file(const prof_read_opts *o, const char *path,
                    const char *label, const prof_format *fmt,
                    prof_profile **out, prof_error *err);

/* same.c: fill ID for an input found or not as FOUND says, ST its stat;
 * then for the LEN bytes B read from it (after decompression). */
struct stat;
void prof_input_id_of(prof_input_id *id, bool found, const struct stat *st);
void prof_input_id_bytes(prof_input_id *id, const unsigned char *b,
                         size_t len);

/* sniff.c: the error for data BUF[0..LEN) of input NAME that no reader
 * detects: PROF_EUNKNOWN_FORMAT, saying what it looks like (another
 * tool's coverage format, XML with its root, the first line of text). */
int prof_unknown_format(const unsigned char *buf, size_t len,
                        const char *name, prof_error *err);

#endif
