/* jscan.h - strict JSON scanner of the readers; the writers' string escape. */
#ifndef PROF_JSCAN_H
#define PROF_JSCAN_H

#include "format.h"

#include <string.h>

/*
 * One scanner for every JSON input (formats/json.c, formats/gcovjson.c):
 * it walks the bytes once, builds no tree and allocates only the buffer of
 * the last string read. Objects are read over tables of keys (prof_jkey),
 * arrays through a function called per element; values of keys a table
 * does not know are checked and skipped when the object is "open".
 *
 * Strict RFC 8259 syntax, plus covkit's rules for strings: valid UTF-8
 * only, no \u0000, and \udc80-\udcff stand for raw bytes (the covkit JSON
 * writer's escape of a byte that is not UTF-8); other lone surrogates are
 * refused. Arrays and objects nest at most PROF_JSCAN_MAX_DEPTH levels
 * (the recursion is bounded, whatever the input).
 *
 * Errors return PROF_EFORMAT with the reader's error set to the line of
 * the offending byte; with WHERE set (gcov JSON) the message starts with
 * "column C: " (bytes from the start of the line, 1-based) and what WHERE
 * writes, followed by ": ".
 */

#define PROF_JSCAN_MAX_DEPTH 512

typedef struct prof_jscan prof_jscan;
typedef struct prof_jkey prof_jkey;

struct prof_jscan {
    prof_reader *r;
    const unsigned char *s, *end;
    const unsigned char *bol; /* where the current line begins */
    unsigned long line;
    char *buf; /* the last string read, NUL-terminated */
    size_t len, cap;
    const char *what; /* the object being read, for messages */
    unsigned depth;   /* arrays and objects open */
    void *user;       /* the reader's own context */
    /* writes where in the document the scanner is (e.g. a JSON path) into
     * OUT; empty for nothing. NULL: messages hold no column either. */
    void (*where)(const prof_jscan *j, char *out, size_t outsz);
};

/* Reads the value of key K (the scanner is just after the ':') into OBJ. */
typedef int (*prof_jread_fn)(prof_jscan *j, const prof_jkey *k, void *obj);

#define PROF_JK_REQUIRED 1u /* a missing key is an error */
#define PROF_JK_FIRST 2u    /* must be the first key of its object */

/* One key of an object; a table ends with a NULL key. */
struct prof_jkey {
    const char *key;
    prof_jread_fn read;
    int kind;       /* for READ's own use */
    size_t off;     /* for READ's own use (often an offsetof) */
    unsigned flags; /* PROF_JK_* */
    const char *expect; /* "an integer": said when a required key is missing */
};

/* prof_jscan_object FLAGS: skip the values of unknown keys (otherwise an
 * unknown key is an error naming the known ones). */
#define PROF_JSCAN_OPEN 1u

/* Start scanning BUF[0..LEN) (a UTF-8 byte order mark is skipped) for R. */
void prof_jscan_init(prof_jscan *j, prof_reader *r, const unsigned char *buf,
                     size_t len);
void prof_jscan_free(prof_jscan *j);
/* Detection: the index just after the '{' that BUF[0..LEN) starts with
 * (after a UTF-8 byte order mark and JSON white space), or 0 when it does
 * not start with one. */
size_t prof_jscan_object_start(const unsigned char *buf, size_t len);
/* Detection: the index of the first byte at or after I of BUF[0..LEN) that
 * is not JSON white space (LEN if none). */
size_t prof_jscan_skip_ws(const unsigned char *buf, size_t len, size_t i);

/* Set the reader's error at the current position; returns PROF_EFORMAT. */
int prof_jscan_fail(prof_jscan *j, const char *fmt, ...) PROF_PRINTF(2, 3);
/* "out of memory" at the current position; returns PROF_ENOMEM. */
int prof_jscan_nomem(prof_jscan *j);
/* "expected WHAT, got TOKEN" at the next token. */
int prof_jscan_expected(prof_jscan *j, const char *what);

/* Skip blanks, counting lines. */
static inline void prof_jscan_ws(prof_jscan *j)
{
    while (j->s < j->end && *j->s <= ' ') {
        unsigned char ch = *j->s;
        if (ch == '\n') {
            j->line++;
            j->bol = j->s + 1;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
            return;
        }
        j->s++;
    }
}

/* Consume CH after blanks if it is next. */
static inline bool prof_jscan_eat(prof_jscan *j, char ch)
{
    prof_jscan_ws(j);
    if (j->s < j->end && *j->s == (unsigned char)ch) {
        j->s++;
        return true;
    }
    return false;
}

/* CH must come next. */
int prof_jscan_need(prof_jscan *j, char ch);
/* Consume the literal WORD (true, false, null) if it is next. */
static inline bool prof_jscan_literal(prof_jscan *j, const char *word)
{
    size_t n = strlen(word);
    prof_jscan_ws(j);
    if ((size_t)(j->end - j->s) < n || memcmp(j->s, word, n))
        return false;
    j->s += n;
    return true;
}
/* A string into j->buf (j->len bytes); WHAT names it for messages. */
int prof_jscan_string(prof_jscan *j, const char *what);
/* An integer without fraction or exponent, up to MAX, for key KEY:
 * unsigned, or with SIGNED an optional '-' (*NEG) before the magnitude. */
int prof_jscan_uint(prof_jscan *j, const char *key, uint64_t max,
                    uint64_t *out);
int prof_jscan_int(prof_jscan *j, const char *key, uint64_t max, bool *neg,
                   uint64_t *mag);
/* A count for key KEY: an integer (saturated past UINT64_MAX), or any
 * JSON number (gcc 9 and 10 print counts with %g: 1.37297e+06), which
 * *KIND tells (prof_count_parse); *NEG: below 0, *OUT its magnitude. */
int prof_jscan_count(prof_jscan *j, const char *key, uint64_t *out,
                     bool *neg, prof_num *kind);
/* true or false for key KEY. */
int prof_jscan_bool(prof_jscan *j, const char *key, bool *out);
/* '[' ITEM (',' ITEM)* ']' for key KEY, ITEM called at each element. */
int prof_jscan_array(prof_jscan *j, const char *key,
                     int (*item)(prof_jscan *j, void *ctx), void *ctx);
/* '{' "key": value, ... '}' over the table KEYS (at most 32 keys), each
 * value read by its key's READ into OBJ; j->what names the object in
 * messages (and is restored after each value). Keys may come in any order
 * but once each; PROF_JK_REQUIRED ones must be there. */
int prof_jscan_object(prof_jscan *j, const prof_jkey *keys, unsigned flags,
                      void *obj);
/* Check and skip any one value. */
int prof_jscan_skip(prof_jscan *j);

/* The reading policy (format.h) for damaged values: a damaged value of
 * KEY (its text from START, just read) of kind KIND: 0 (tallied, with
 * where the first one is: "column C, WHERE.KEY = VALUE"), or the strict
 * reading's error. */
int prof_jscan_damage(prof_jscan *j, prof_damage kind, const char *key,
                      const unsigned char *start);
/* A count for KEY into *V: an integer as it is; any other number by the
 * reading policy (prof_reader_count), *SKIP set when its record is to be
 * skipped (a count that is not whole); or the strict reading's error. */
int prof_jscan_policy_count(prof_jscan *j, const char *key, uint64_t *v,
                            bool *skip);
/* Append REC (SIZE bytes) to the array *ARR of *N records, room *CAP
 * (a reader's records while they wait); PROF_ENOMEM reported at J. */
int prof_jscan_push(prof_jscan *j, void **arr, size_t *cap, size_t *n,
                    const void *rec, size_t size);

/* S as a JSON string, quotes included, for the JSON writers (covkit
 * JSON, Coveralls): '"', '\\' and control bytes escaped, valid UTF-8 as
 * it is, and a byte that is not part of valid UTF-8 as \udcXX, which this
 * scanner reads back as that byte. */
void prof_json_put_str(prof_sink *out, const char *s);

#endif
