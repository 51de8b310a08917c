/* fuzz_read.c - libFuzzer target for one reader, chosen at compile time.
 *
 * Built once per reader by the Makefile with -DFUZZ_FORMAT="NAME":
 *   - the name of a registered format that reads files ("go", "lcov",
 *     "gcov-json", "cobertura", ...): the input is read with that reader;
 *   - "covdata": the input is a GOCOVERDIR pod (see fz_dir_pair);
 *   - "gcda": the input is a .gcda and its .gcno (see fz_dir_pair);
 *   - "history": the input is a coverage history file, each entry
 *     written again and read back the same (see fz_history);
 *   - "exclude": the input is a source file (Go and C at once) whose
 *     exclusion markers apply to a profile with a block on each line and
 *     blocks across them (see fz_exclude);
 *   - "roundtrip": the input is read with the format sniffed, written in
 *     its own family (Go text or lcov), as Cobertura and as SonarQube,
 *     and read back: the model must come back the same (for Cobertura
 *     and SonarQube, what a first trip keeps, a second); and written as a
 *     Coveralls job, which must be valid JSON.
 * A failed read must fill the error record (code, input name, message);
 * anything else (a crash, a leak, UB, an error without a message, a
 * model that changes on a round trip) aborts. A parser that is not a
 * prof_format gets an entry in fz_targets.
 */
#include "../../libprof/jscan.h"
#include "../../libprof/internal.h" /* fz_blocks: a file's owner */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FUZZ_FORMAT
#error "compile with -DFUZZ_FORMAT=\"name\""
#endif

#define FZ_MAX_INPUT (64u << 20) /* decompressed; libFuzzer's RSS limit */
/* The round trip skips a profile whose blocks span more lines than this:
 * within the library's limits (4,194,304 a file) a few bytes of Go text
 * may ask for gigabytes of Cobertura, legal but past the fuzzer's time
 * limit under ASan. Coveralls' arrays, which reach each file's last line,
 * are bounded the same way (fz_reach). */
#define FZ_MAX_LINES (1u << 18)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Counts the warnings of the reading policy (code PROF_EFORMAT) when CTX
 * is a counter. */
static void fz_warn(void *ctx, const prof_error *w)
{
    if (ctx && w->code == PROF_EFORMAT)
        ++*(size_t *)ctx;
}

static void fz_die(const char *what, const prof_error *err)
{
    fprintf(stderr, "fuzz_read(%s): %s", FUZZ_FORMAT, what);
    if (err)
        fprintf(stderr, " [code %d, %s:%lu: %s]", err->code, err->path,
                err->line, err->msg);
    fputc('\n', stderr);
    abort();
}

static prof_profile *fz_profile(void)
{
    prof_profile *p = prof_profile_new();
    if (!p)
        fz_die("out of memory", NULL);
    prof_profile_set_warn(p, fz_warn, NULL);
    prof_profile_set_max_input(p, FZ_MAX_INPUT);
    return p;
}

/* A failure must say what and where: a code, a name and a message. */
static void fz_check_error(int rc, const prof_error *err)
{
    if (rc < 0 && (err->code != rc || !err->path[0] || !err->msg[0]))
        fz_die("error without a code, a name or a message", err);
    if (rc == PROF_EINVAL)
        fz_die("bad input data reported as a usage error", err);
}

/* ---- one reader ---- */

/* The input read by FMT, strictly or not; the policy's warnings are
 * counted in *DAMAGED. */
static int fz_read_as(const prof_format *fmt, const uint8_t *data,
                      size_t size, int strict, size_t *damaged,
                      prof_error *err)
{
    prof_profile *p = fz_profile();
    prof_profile_set_warn(p, fz_warn, damaged);
    prof_profile_set_strict(p, strict);
    memset(err, 0, sizeof *err);
    int rc = prof_read_buffer(p, data, size, "fuzz", "fuzz", fmt, err);
    fz_check_error(rc, err);
    prof_profile_free(p);
    return rc;
}

/* The reading policy: strict reading fails (a format error) exactly when
 * the same input read without it warned of damaged records, or failed. */
static int fz_format(const uint8_t *data, size_t size)
{
    const prof_format *fmt = prof_format_find(FUZZ_FORMAT);
    if (!fmt || !fmt->read)
        fz_die("not a format that reads files", NULL);
    prof_error err;
    size_t damaged = 0, none = 0;
    int rc = fz_read_as(fmt, data, size, 0, &damaged, &err);
    int src = fz_read_as(fmt, data, size, 1, &none, &err);
    if (none)
        fz_die("strict reading warned of a damaged record", &err);
    if (rc == 0 && damaged && src != PROF_EFORMAT)
        fz_die("strict reading accepted a damaged record", &err);
    if (rc == 0 && !damaged && src != 0)
        fz_die("strict reading refused an input without damage", &err);
    if (rc < 0 && src == 0)
        fz_die("strict reading accepted a refused input", &err);
    return 0;
}

/* ---- a directory of two files: a GOCOVERDIR, a build directory ---- */

/*
 * The input is two files: bytes 0-1 are the first file's length L
 * (little-endian), the next L bytes (or what is there) the first file,
 * the rest the second. L = 0xffff leaves the first file out. Both go
 * into a directory made once per process, which is read as a directory:
 *  - covdata: a pod, the meta-data file then one counter file (without
 *    the meta-data file: an orphan counter file);
 *  - gcda: a unit, the .gcda then its .gcno (without the .gcda: notes of
 *    code that never ran).
 */
#define FZ_META "covmeta.0123456789abcdef0123456789abcdef"
#define FZ_CTR "covcounters.0123456789abcdef0123456789abcdef.1.2"

static char fz_dir[64], fz_meta[128], fz_ctr[128];

static void fz_cleanup(void)
{
    unlink(fz_meta);
    unlink(fz_ctr);
    rmdir(fz_dir);
}

static void fz_make_dir(void)
{
    /* tmpfs when there is one: a disk makes this ten times slower */
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    if (!tmp || !*tmp || strlen(tmp) >= 32)
        tmp = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
                      access("/dev/shm", W_OK) == 0
                  ? "/dev/shm"
                  : "/tmp";
    snprintf(fz_dir, sizeof fz_dir, "%s/fuzz-covdata-XXXXXX", tmp);
    if (!mkdtemp(fz_dir)) {
        perror("fuzz_read: mkdtemp");
        exit(1);
    }
    bool gcda = !strcmp(FUZZ_FORMAT, "gcda");
    bool src = !strcmp(FUZZ_FORMAT, "exclude");
    snprintf(fz_meta, sizeof fz_meta, "%s/%s", fz_dir,
             gcda ? "u.gcda" : src ? "src.go" : FZ_META);
    snprintf(fz_ctr, sizeof fz_ctr, "%s/%s", fz_dir,
             gcda ? "u.gcno" : src ? "src.c" : FZ_CTR);
    atexit(fz_cleanup);
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

static int fz_dir_pair(const uint8_t *data, size_t size)
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
    prof_profile *p = fz_profile();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_file(p, fz_dir, NULL, prof_format_find(FUZZ_FORMAT),
                            &err);
    fz_check_error(rc, &err);
    prof_profile_free(p);
    return 0;
}

/* ---- exclusions in sources ---- */

#define FZ_EXCL_LINES 512u /* lines of the profile the source is read for */

/* The records of a profile for the source at PATH: a block (Go) or a line
 * with a branch (lcov) on each of its first lines, and blocks across them. */
static int fz_excl_profile(prof_profile *p, const char *path, bool go)
{
    char *buf = malloc(FZ_EXCL_LINES * 160 + 64);
    size_t o = 0;
    if (!buf)
        fz_die("out of memory", NULL);
    o += (size_t)sprintf(buf + o, go ? "mode: count\n" : "SF:%s\n", path);
    for (unsigned l = 1; l <= FZ_EXCL_LINES; l++)
        o += (size_t)(go ? sprintf(buf + o, "%s:%u.1,%u.%u 1 %u\n%s:%u.5,%u.9 "
                                   "1 %u\n", path, l, l, 2 + l % 7, l % 3,
                                   path, l, l + 1 + l % 4, l % 5)
                         : sprintf(buf + o, "DA:%u,%u\nBRDA:%u,0,0,%u\n"
                                   "FN:%u,f%u\nFNDA:%u,f%u\n", l, l % 3, l,
                                   l % 2, l, l, l % 2, l));
    if (!go)
        o += (size_t)sprintf(buf + o, "end_of_record\n");
    prof_error err;
    int rc = prof_read_buffer(p, buf, o, "fuzz", NULL,
                              prof_format_find(go ? "go" : "lcov"), &err);
    free(buf);
    return rc;
}

static int fz_exclude(const uint8_t *data, size_t size)
{
    fz_write(fz_meta, data, size);
    fz_write(fz_ctr, data, size);
    prof_profile *p = fz_profile();
    prof_profile_set_overlap_keep(p, 1);
    if (fz_excl_profile(p, fz_meta, true) < 0 ||
        fz_excl_profile(p, fz_ctr, false) < 0)
        fz_die("the profile of the source was not read", NULL);
    prof_totals before = {{0, 0}, {0, 0}, {0, 0}, {0, 0}}, after = before;
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        prof_file_totals(prof_profile_file(p, i), &before);
    prof_exclude_opts o = {PROF_EXCLUDE_MARKERS | PROF_EXCLUDE_GENERATED |
                               PROF_EXCLUDE_WARN_HITS,
                           "\\s*(if|for)\\b", ".*BR"};
    prof_error err;
    memset(&err, 0, sizeof err);
    if (prof_profile_exclude(p, NULL, &o, &err) < 0)
        fz_die("exclusion failed", &err);
    for (size_t i = 0; i < prof_profile_nfiles(p); i++)
        prof_file_totals(prof_profile_file(p, i), &after);
    const prof_totals *x = prof_profile_excluded(p, NULL);
    if (after.lines.found + x->lines.found != before.lines.found ||
        after.stmts.found + x->stmts.found != before.stmts.found ||
        after.functions.found + x->functions.found != before.functions.found)
        fz_die("the excluded counts do not add up", NULL);
    prof_profile_free(p);
    return 0;
}

/* ---- round trip ---- */

static int fz_memfd = -1;

static char *fz_noenv(const char *name)
{
    (void)name;
    return NULL;
}

/* P written as FMT into the memory file, mapped into *OUT (*LEN bytes,
 * NULL when empty); false when the writer refused P (with a message). */
static bool fz_put(const prof_profile *p, const char *name, int lcov_version,
                   void **out, size_t *len)
{
    const prof_format *fmt = prof_format_find(name);
    prof_write_opts o = {.lcov_version = lcov_version, .source_root = "/",
                         .env = fz_noenv};
    prof_error err;
    memset(&err, 0, sizeof err);
    if (ftruncate(fz_memfd, 0) < 0 || lseek(fz_memfd, 0, SEEK_SET) < 0)
        fz_die("cannot reset the memory file", NULL);
    unsigned char sbuf[1 << 12];
    prof_sink s = {.fd = fz_memfd, .buf = sbuf, .cap = sizeof sbuf,
                   .path = "fuzz.out"};
    int rc = fmt->write(p, &s, &o, &err);
    if (prof_sink_flush(&s) < 0)
        fz_die("cannot write the memory file", NULL);
    if (rc < 0) {
        if (!err.msg[0] || rc == PROF_EINVAL)
            fz_die("writer failed without a message", &err);
        return false;
    }
    off_t end = lseek(fz_memfd, 0, SEEK_END);
    void *m = end > 0 ? mmap(NULL, (size_t)end, PROT_READ, MAP_PRIVATE,
                             fz_memfd, 0)
                      : NULL;
    if (m == MAP_FAILED)
        fz_die("cannot map the memory file", NULL);
    *out = m;
    *len = end > 0 ? (size_t)end : 0;
    return true;
}

/* P written as FMT into memory and read back as FMT; NULL when the
 * writer refused P (with a message). */
static prof_profile *fz_trip(const prof_profile *p, const char *name,
                             int lcov_version)
{
    void *m;
    size_t len;
    if (!fz_put(p, name, lcov_version, &m, &len))
        return NULL;
    prof_profile *q = fz_profile();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(q, m ? m : "", len, "fuzz.out", "fuzz",
                              prof_format_find(name), &err);
    if (m)
        munmap(m, len);
    if (rc < 0) {
        fprintf(stderr, "fuzz_read: %s output not read back\n", name);
        fz_die("round trip", &err);
    }
    return q;
}

/* P as a Coveralls job must be one JSON value, as strict as covkit's
 * scanner is (RFC 8259; \udcXX for bytes that are not UTF-8). */
static void fz_coveralls(const prof_profile *p)
{
    void *m;
    size_t len;
    if (!fz_put(p, "coveralls", 0, &m, &len))
        return;
    prof_profile *q = fz_profile();
    prof_error err;
    memset(&err, 0, sizeof err);
    prof_reader r = {.p = q, .name = "fuzz.json", .err = &err};
    prof_jscan j;
    prof_jscan_init(&j, &r, m ? m : (void *)"", len);
    int rc = prof_jscan_skip(&j);
    prof_jscan_ws(&j);
    if (rc < 0 || j.s != j.end)
        fz_die("coveralls output is not one JSON value", &err);
    prof_jscan_free(&j);
    if (m)
        munmap(m, len);
    prof_profile_free(q);
}

/* What a format carries, for comparing two models. */
enum { FZ_ENDS_NONE, FZ_ENDS_EACH, FZ_ENDS_BY_START };
typedef struct fz_carries {
    bool cols, stmts, functions;
    int func_ends; /* FZ_ENDS_*: BY_START: the largest of a start line
                    * (lcov 2 writes one FNL per start line) */
    bool branches, mode;
    bool trims; /* the reader drops blanks at line ends (lcov): names and
                 * paths compare without their trailing blanks */
    bool blocks_only; /* a file is written only with blocks (Go text) */
    bool by_stmts; /* one block per (range, statements): the units of
                    * several functions at one range are one (Go text) */
} fz_carries;

/* A and B equal, or (TRIM) equal but for trailing ' ', '\t' and '\r'. */
static bool fz_same_text(const char *a, const char *b, bool trim)
{
    size_t na = strlen(a), nb = strlen(b);
    while (trim && na && strchr(" \t\r", a[na - 1]))
        na--;
    while (trim && nb && strchr(" \t\r", b[nb - 1]))
        nb--;
    return na == nb && !memcmp(a, b, na);
}

static void fz_differ(const char *fmt, const char *path, const char *what)
{
    fprintf(stderr, "fuzz_read: %s round trip changed %s of '%s'\n", fmt,
            what, path);
    abort();
}

static int fz_func_cmp(const void *va, const void *vb)
{
    const prof_function *a = va, *b = vb;
    if (a->start_line != b->start_line)
        return a->start_line < b->start_line ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* F's functions, in the order a format without columns gives them. */
static prof_function *fz_funcs(const prof_file *f, const fz_carries *c,
                               size_t *n)
{
    const prof_function *fn = prof_file_functions(f, n);
    prof_function *copy = malloc(*n * sizeof *copy + 1);
    if (!copy)
        fz_die("out of memory", NULL);
    size_t m = 0;
    for (size_t i = 0; i < *n; i++) /* lcov needs a line: none, not kept */
        if (c->cols || fn[i].start_line)
            copy[m++] = fn[i];
    *n = m;
    if (!c->cols && *n) {
        /* functions that differ only in columns become one */
        qsort(copy, *n, sizeof *copy, fz_func_cmp);
        size_t o = 0;
        for (size_t i = 1; i < *n; i++) {
            if (!fz_func_cmp(&copy[o], &copy[i])) {
                copy[o].hits = prof_sat_add(copy[o].hits, copy[i].hits);
                if (copy[i].end_line > copy[o].end_line)
                    copy[o].end_line = copy[i].end_line;
            } else {
                copy[++o] = copy[i];
            }
        }
        *n = o + 1;
    }
    for (size_t i = 0, j; c->func_ends == FZ_ENDS_BY_START && i < *n; i = j) {
        uint32_t end = 0;
        for (j = i; j < *n && copy[j].start_line == copy[i].start_line; j++)
            end = copy[j].end_line > end ? copy[j].end_line : end;
        for (size_t k = i; k < j; k++)
            copy[k].end_line = end;
    }
    return copy;
}

/* F's blocks as a format gives them back: with BY_STMTS, blocks of one
 * range and statement count (units of several functions) are one. */
static prof_block *fz_blocks(const prof_file *f, const fz_carries *c,
                             size_t *n)
{
    const prof_block *b = prof_file_blocks(f, n);
    prof_block *copy = malloc(*n * sizeof *copy + 1);
    if (!copy)
        fz_die("out of memory", NULL);
    size_t o = 0;
    for (size_t i = 0; i < *n; i++) {
        prof_block *last = o ? &copy[o - 1] : NULL;
        if (c->by_stmts && last && !prof_block_cmp(last, &b[i]) &&
            last->stmts == b[i].stmts) {
            last->hits = prof_hits_combine(prof_profile_mode(f->owner),
                                           last->hits, b[i].hits);
            continue;
        }
        copy[o++] = b[i];
    }
    *n = o;
    return copy;
}

static void fz_same_file(const prof_file *a, const prof_file *b,
                         const fz_carries *c, const char *fmt)
{
    const char *path = prof_file_path(a);
    if (!fz_same_text(path, prof_file_path(b), c->trims))
        fz_differ(fmt, path, "the path");
    size_t na, nb;
    prof_block *ba = fz_blocks(a, c, &na);
    prof_block *bb = fz_blocks(b, c, &nb);
    if (na != nb)
        fz_differ(fmt, path, "the number of blocks");
    for (size_t k = 0; k < na; k++)
        if (ba[k].start_line != bb[k].start_line ||
            ba[k].end_line != bb[k].end_line || ba[k].hits != bb[k].hits ||
            (c->cols && (ba[k].start_col != bb[k].start_col ||
                         ba[k].end_col != bb[k].end_col)) ||
            (c->stmts && ba[k].stmts != bb[k].stmts))
            fz_differ(fmt, path, "a block");
    free(ba);
    free(bb);
    if (c->functions) {
        prof_function *fa = fz_funcs(a, c, &na);
        prof_function *fb = fz_funcs(b, c, &nb);
        if (na != nb)
            fz_differ(fmt, path, "the number of functions");
        for (size_t k = 0; k < na; k++)
            if (!fz_same_text(fa[k].name, fb[k].name, c->trims) ||
                fa[k].start_line != fb[k].start_line ||
                fa[k].hits != fb[k].hits ||
                (c->func_ends != FZ_ENDS_NONE &&
                 fa[k].end_line != fb[k].end_line))
                fz_differ(fmt, path, "a function");
        free(fa);
        free(fb);
    }
    if (c->branches) {
        const prof_branch *ra = prof_file_branches(a, &na);
        const prof_branch *rb = prof_file_branches(b, &nb);
        if (na != nb)
            fz_differ(fmt, path, "the number of branches");
        for (size_t k = 0; k < na; k++)
            if (ra[k].line != rb[k].line || ra[k].block != rb[k].block ||
                ra[k].branch != rb[k].branch || ra[k].taken != rb[k].taken)
                fz_differ(fmt, path, "a branch");
    }
}

static void fz_same(const prof_profile *a, const prof_profile *b,
                    const fz_carries *c, const char *fmt)
{
    if (c->mode && prof_profile_mode(a) != prof_profile_mode(b))
        fz_differ(fmt, "", "the mode");
    size_t j = 0;
    for (size_t i = 0; i < prof_profile_nfiles(a); i++) {
        const prof_file *f = prof_profile_file(a, i);
        size_t nb;
        prof_file_blocks(f, &nb);
        if (c->blocks_only && nb == 0)
            continue; /* a file of functions alone: not in Go text */
        if (j == prof_profile_nfiles(b))
            fz_differ(fmt, "", "the number of files");
        fz_same_file(f, prof_profile_file(b, j++), c, fmt);
    }
    if (j != prof_profile_nfiles(b))
        fz_differ(fmt, "", "the number of files");
}

/* P -> FMT -> Q must equal P in what FMT carries. */
static void fz_trip_same(const prof_profile *p, const char *fmt, int ver,
                         const fz_carries *c)
{
    prof_profile *q = fz_trip(p, fmt, ver);
    if (q)
        fz_same(p, q, c, fmt);
    prof_profile_free(q);
}

/* Lines the blocks of P span, counted up to past FZ_MAX_LINES. */
static uint64_t fz_span(const prof_profile *p)
{
    uint64_t n = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p) && n <= FZ_MAX_LINES; i++) {
        size_t nb;
        const prof_block *b = prof_file_blocks(prof_profile_file(p, i), &nb);
        for (size_t k = 0; k < nb && n <= FZ_MAX_LINES; k++)
            n += b[k].end_line < b[k].start_line /* //line: its start */
                     ? 1
                     : (uint64_t)b[k].end_line - b[k].start_line + 1;
    }
    return n;
}

/* The entries of P's Coveralls coverage arrays: each file's last line
 * with data, added up to past FZ_MAX_LINES. One block at line 4,000,000
 * spans one line but is written after 3,999,999 nulls. */
static uint64_t fz_reach(const prof_profile *p)
{
    uint64_t n = 0;
    for (size_t i = 0; i < prof_profile_nfiles(p) && n <= FZ_MAX_LINES; i++) {
        const prof_file *f = prof_profile_file(p, i);
        size_t nb, nr;
        const prof_block *b = prof_file_blocks(f, &nb);
        const prof_branch *r = prof_file_branches(f, &nr);
        uint32_t last = 0;
        for (size_t k = 0; k < nb; k++) {
            last = b[k].start_line > last ? b[k].start_line : last;
            last = b[k].end_line > last ? b[k].end_line : last;
        }
        for (size_t k = 0; k < nr; k++)
            last = r[k].line > last ? r[k].line : last;
        n += last;
    }
    return n;
}

/* Are all blocks of P line records (what lcov holds)? A Go-like range
 * in a line-family profile (covkit JSON can say so) is written as the
 * lines it covers, so only its lines can come back. */
static bool fz_lines_only(const prof_profile *p)
{
    for (size_t i = 0; i < prof_profile_nfiles(p); i++) {
        size_t nb;
        const prof_block *b = prof_file_blocks(prof_profile_file(p, i), &nb);
        for (size_t k = 0; k < nb; k++)
            if (b[k].start_col || b[k].end_col)
                return false;
    }
    return true;
}

/* P -> FMT -> Q must equal P in what FMT carries; when P holds what FMT
 * cannot (ALL false), what one trip keeps a second must keep exactly. */
static void fz_trip_kept(const prof_profile *p, const char *fmt, int ver,
                         const fz_carries *c, bool all)
{
    if (all) {
        fz_trip_same(p, fmt, ver, c);
        return;
    }
    prof_profile *q = fz_trip(p, fmt, ver);
    if (q)
        fz_trip_same(q, fmt, ver, c);
    prof_profile_free(q);
}

static int fz_roundtrip(const uint8_t *data, size_t size)
{
    static const fz_carries go = {true, true, false, FZ_ENDS_NONE, false,
                                  true, false, true, true};
    static const fz_carries lcov2 = {false, true, true, FZ_ENDS_BY_START,
                                     true, false, true, false, false};
    static const fz_carries cobertura = {true, true, true, FZ_ENDS_EACH,
                                         true, false, false, false, false};
    static const fz_carries sonarqube = {true, true, false, FZ_ENDS_NONE,
                                         true, false, false, false, false};
    prof_profile *p = fz_profile();
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_read_buffer(p, data, size, "fuzz", "fuzz", NULL, &err);
    fz_check_error(rc, &err);
    if (rc == 0 && fz_span(p) > FZ_MAX_LINES)
        rc = -1; /* huge but legal: not tripped (see FZ_MAX_LINES) */
    const prof_format *native = rc == 0 ? prof_profile_native_format(p)
                                        : NULL;
    if (native == &prof_format_go)
        fz_trip_same(p, "go", 0, &go);
    else if (native == &prof_format_lcov)
        fz_trip_kept(p, "lcov", 2, &lcov2, fz_lines_only(p));
    if (rc == 0) /* Cobertura keeps lines, not Go blocks or branch ids */
        fz_trip_kept(p, "cobertura", 0, &cobertura, false);
    if (rc == 0) /* SonarQube keeps lines as hit or not, branch counts */
        fz_trip_kept(p, "sonarqube", 0, &sonarqube, false);
    if (rc == 0 && fz_reach(p) <= FZ_MAX_LINES)
        fz_coveralls(p);
    prof_profile_free(p);
    return 0;
}

/* ---- a unified diff (covcheck --diff) ---- */

/* The line mapping of diff file I: every diff file it names exists, a
 * new line has no origin. */
static void fz_diff_map(const prof_diff *d, size_t i)
{
    size_t n = prof_diff_nfiles(d), to, from;
    uint32_t old;
    for (uint32_t l = 0; l < 64; l++) {
        uint32_t h = prof_diff_map_old(d, i, l, &to);
        if (to >= n)
            fz_die("an old line mapped to no diff file", NULL);
        prof_diff_line_kind k = prof_diff_origin(d, i, l, &from, &old);
        if (from >= n || (k == PROF_DIFF_LINE_NEW && old))
            fz_die("a new line with an origin", NULL);
        if (k == PROF_DIFF_LINE_MOVED) {
            (void)prof_diff_map_old(d, from, old, &to);
            if (to >= n)
                fz_die("a moved line's origin maps to no diff file", NULL);
        }
        (void)h;
    }
}

/* Parsed files must be well formed: a path on a side that exists, added
 * lines ascending without duplicates, deleted ones ascending; the line
 * mapping holds (fz_diff_map). */
static int fz_diff(const uint8_t *data, size_t size)
{
    prof_diff *d = NULL;
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_diff_parse(data, size, "fuzz", &d, &err);
    fz_check_error(rc, &err);
    for (size_t i = 0; rc == 0 && i < prof_diff_nfiles(d); i++) {
        const prof_diff_file *f = prof_diff_file_at(d, i);
        if (!f || (!f->old_path && !f->new_path))
            fz_die("a diff file without a path", NULL);
        for (size_t j = 1; j < f->nadded; j++)
            if (f->added[j] <= f->added[j - 1])
                fz_die("added lines out of order", NULL);
        for (size_t j = 1; j < f->ndeleted; j++)
            if (f->deleted[j] < f->deleted[j - 1])
                fz_die("deleted lines out of order", NULL);
        fz_diff_map(d, i);
    }
    prof_diff_free(d);
    return 0;
}

/* ---- a coverage history (covcheck --history) ---- */

static bool fz_same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Every entry read is written again (prof_history_line, without suites)
 * and read back the same. */
static int fz_history(const uint8_t *data, size_t size)
{
    prof_history *h = NULL;
    prof_error err;
    memset(&err, 0, sizeof err);
    int rc = prof_history_parse(data, size, "fuzz", &h, &err);
    fz_check_error(rc, &err);
    for (size_t i = 0; rc == 0 && i < prof_history_count(h); i++) {
        const prof_history_entry *e = prof_history_entry_at(h, i);
        char *line;
        size_t len;
        prof_history *back = NULL;
        if (prof_history_line(e, NULL, NULL, 0, &line, &len) < 0)
            fz_die("out of memory", NULL);
        if (prof_history_parse(line, len, "again", &back, &err) < 0)
            fz_die("a history line written is not read back", &err);
        const prof_history_entry *b = prof_history_entry_at(back, 0);
        if (prof_history_count(back) != 1 ||
            !fz_same_str(e->commit, b->commit) ||
            !fz_same_str(e->branch, b->branch) ||
            strcmp(e->time, b->time) ||
            memcmp(&e->totals, &b->totals, sizeof e->totals))
            fz_die("a history entry changed on a round trip", NULL);
        prof_history_free(back);
        free(line);
    }
    prof_history_free(h);
    return 0;
}

/* ---- dispatch ---- */

typedef struct fz_target {
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
} fz_target;

static const fz_target fz_targets[] = {
    {"covdata", fz_dir_pair},
    {"gcda", fz_dir_pair},
    {"roundtrip", fz_roundtrip},
    {"diff", fz_diff},
    {"history", fz_history},
    {"exclude", fz_exclude},
};

static int (*fz_run)(const uint8_t *, size_t) = fz_format;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t i = 0; i < sizeof fz_targets / sizeof *fz_targets; i++)
        if (!strcmp(fz_targets[i].name, FUZZ_FORMAT))
            fz_run = fz_targets[i].run;
    if (fz_run == fz_dir_pair || fz_run == fz_exclude)
        fz_make_dir();
    if (fz_run == fz_roundtrip &&
        (fz_memfd = memfd_create("fuzz-roundtrip", MFD_CLOEXEC)) < 0) {
        perror("fuzz_read: memfd_create");
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_run(data, size);
}
