/* dupes.c - the same input given twice: one file, or two with equal bytes. */
#include "common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Merging an input twice doubles every count, silently. prof_read_files
 * says what each input is (prof_input_id: its device and inode from the
 * stat reading does anyway, and the size and a sampled hash of its bytes):
 * two inputs with one device and inode are one input (a path spelt twice,
 * a link, a GOCOVERDIR named twice, standard input twice); two files with
 * the same size and sample are read again and compared in full. Two hash
 * tables keep this linear in the inputs; nothing is read again unless two
 * inputs agree in size and sample. A pipe is known by itself only, and a
 * compressed copy of a file is the same bytes once decompressed.
 */

#define DUP_SHOWN 10 /* repeats named; then a count */

typedef struct dup_in {
    size_t same_as; /* the earlier input it repeats; SIZE_MAX: none */
    int how;        /* prof_inputs_same's answer */
} dup_in;

/* Open addressing: slots hold an input's index + 1 (0: empty), in a table
 * of MASK + 1 >= 2n slots; the first input with a key comes first in its
 * chain, so a repeat is matched with the earliest input it repeats. */
typedef struct dup_table {
    size_t *slots, mask;
} dup_table;

static size_t dup_slot(uint64_t a, uint64_t b, size_t mask)
{
    uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15u)) * 0xff51afd7ed558ccdu;
    return (size_t)(h ^ h >> 32) & mask;
}

/* Input I's identity against the earlier ones: a repeat is marked, a new
 * identity is added. */
static void dup_same_file(dup_table *t, const prof_input_id *ids, size_t i,
                          dup_in *v)
{
    const prof_input_id *id = &ids[i];
    size_t s = dup_slot(id->dev, id->ino, t->mask);
    for (; t->slots[s]; s = (s + 1) & t->mask) {
        const prof_input_id *e = &ids[t->slots[s] - 1];
        if (e->dev == id->dev && e->ino == id->ino) {
            v[i] = (dup_in){t->slots[s] - 1, 1};
            return;
        }
    }
    t->slots[s] = i + 1;
}

/* Input I's bytes against the earlier files of its size and sample
 * (prof_inputs_same reads both again and compares them). */
static void dup_same_bytes(dup_table *t, const cli_opts *o,
                           const prof_input_id *ids, size_t i, dup_in *v)
{
    const prof_input_id *id = &ids[i];
    size_t s = dup_slot(id->size, id->sample, t->mask);
    for (; t->slots[s]; s = (s + 1) & t->mask) {
        size_t j = t->slots[s] - 1;
        if (ids[j].size != id->size || ids[j].sample != id->sample)
            continue;
        int how = prof_inputs_same(o->inputs[j], &ids[j], o->inputs[i], id);
        if (how) {
            v[i] = (dup_in){j, how};
            return;
        }
    }
    t->slots[s] = i + 1;
}

static void dup_report(cli_opts *o, const dup_in *v)
{
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < o->ninputs; i++) {
        if (v[i].same_as == SIZE_MAX)
            continue;
        if (shown++ >= DUP_SHOWN) {
            more++;
            continue;
        }
        const char *a = o->inputs[v[i].same_as], *b = o->inputs[i];
        if (!strcmp(a, "-") && !strcmp(b, "-"))
            cli_input_problem(o, "- (standard input) is given twice");
        else if (!strcmp(a, b))
            cli_input_problem(o, "%s is given twice: merging it twice "
                              "doubles its counts", a);
        else if (v[i].how == 1)
            cli_input_problem(o, "%s and %s are the same input: merging it "
                              "twice doubles its counts", a, b);
        else
            cli_input_problem(o, "%s and %s have the same content: merging "
                              "both doubles the counts", a, b);
    }
    if (more)
        cli_input_problem(o, "%zu more input%s repeat%s an earlier one", more,
                          more == 1 ? "" : "s", more == 1 ? "s" : "");
}

int cli_same_inputs(cli_opts *o, const prof_input_id *ids)
{
    if (o->ninputs < 2)
        return EXIT_OK;
    size_t cap = 4;
    while (cap < 2 * o->ninputs)
        cap *= 2;
    dup_in *v = malloc(o->ninputs * sizeof *v);
    dup_table byid = {calloc(cap, sizeof(size_t)), cap - 1};
    dup_table bybytes = {calloc(cap, sizeof(size_t)), cap - 1};
    if (v && byid.slots && bybytes.slots) {
        for (size_t i = 0; i < o->ninputs; i++) {
            v[i] = (dup_in){SIZE_MAX, 0};
            if (ids[i].known)
                dup_same_file(&byid, ids, i, v);
            if (v[i].same_as == SIZE_MAX && ids[i].bytes && ids[i].size)
                dup_same_bytes(&bybytes, o, ids, i, v);
        }
        dup_report(o, v);
    }
    bool done = v && byid.slots && bybytes.slots;
    free(v);
    free(byid.slots);
    free(bybytes.slots);
    if (!done) {
        cli_oom();
        return EXIT_IO;
    }
    return o->input_error ? EXIT_DATA : EXIT_OK;
}
