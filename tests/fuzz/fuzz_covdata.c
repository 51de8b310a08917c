/* fuzz_covdata.c - libFuzzer target: a fuzzed GOCOVERDIR read back. */
#include "../../libprof/prof.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The input is one pod: bytes 0-1 are the meta-data file's length L
 * (little-endian), the next L bytes (or what is there) the meta-data
 * file, the rest one counter file. L = 0xffff leaves the meta-data file
 * out (an orphan counter file). Both go into a directory made once per
 * process, which is read with the covdata reader; it must fail with a
 * message or succeed, never crash or leak.
 */

#define FZ_META "covmeta.0123456789abcdef0123456789abcdef"
#define FZ_CTR "covcounters.0123456789abcdef0123456789abcdef.1.2"

static char fz_dir[64];
static char fz_meta[128];
static char fz_ctr[128];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_cleanup(void)
{
    unlink(fz_meta);
    unlink(fz_ctr);
    rmdir(fz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(fz_dir, sizeof fz_dir, "%s/fuzz-covdata-XXXXXX",
             tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(fz_dir)) {
        perror("fuzz_covdata: mkdtemp");
        exit(1);
    }
    snprintf(fz_meta, sizeof fz_meta, "%s/%s", fz_dir, FZ_META);
    snprintf(fz_ctr, sizeof fz_ctr, "%s/%s", fz_dir, FZ_CTR);
    atexit(fz_cleanup);
    return 0;
}

static void fz_write(const char *path, const uint8_t *d, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, d, n) != (ssize_t)n) {
        perror(path);
        abort();
    }
    close(fd);
}

static void fz_warn(void *ctx, const prof_error *w)
{
    (void)ctx;
    (void)w;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t mlen = (size_t)data[0] | (size_t)data[1] << 8;
    data += 2;
    size -= 2;
    if (mlen == 0xffff) {
        unlink(fz_meta);
        mlen = 0;
    } else {
        if (mlen > size)
            mlen = size;
        fz_write(fz_meta, data, mlen);
    }
    fz_write(fz_ctr, data + mlen, size - mlen);
    prof_profile *p = prof_profile_new();
    if (!p)
        return 0;
    prof_profile_set_warn(p, fz_warn, NULL);
    prof_error err;
    int rc = prof_read_file(p, fz_dir, NULL, prof_format_find("covdata"),
                            &err);
    /* a failure must say what and where: a code, a file and a message */
    if (rc < 0 && (err.code == 0 || !err.path[0] || !err.msg[0])) {
        fprintf(stderr, "fuzz_covdata: error %d without a message\n", rc);
        abort();
    }
    prof_profile_free(p);
    return 0;
}
