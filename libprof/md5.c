/* md5.c - the MD5 message digest of RFC 1321 (Coveralls' source_digest). */
#include "internal.h"

/*
 * Written from the algorithm in RFC 1321, section 3: the message is padded
 * to 56 bytes modulo 64 (a 0x80 byte, then zeros), its length in bits is
 * appended as 64 bits little-endian, and each 64-byte block goes through
 * four rounds of sixteen steps over the state words A, B, C and D. MD5 is
 * used here only as the file checksum Coveralls asks for, not for
 * security.
 */

/* The step constants T[i] = floor(2^32 * |sin(i + 1)|). */
static const uint32_t md5_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
    0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
    0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
    0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
    0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* The left rotations of each round's four steps. */
static const unsigned char md5_s[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

static uint32_t md5_rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* Fold the 64-byte block P into the state H. */
static void md5_block(uint32_t h[4], const unsigned char *p)
{
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
               (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
        int round = i / 16;
        uint32_t f;
        int k;
        if (round == 0) {
            f = (b & c) | (~b & d);
            k = i;
        } else if (round == 1) {
            f = (b & d) | (c & ~d);
            k = (5 * i + 1) % 16;
        } else if (round == 2) {
            f = b ^ c ^ d;
            k = (3 * i + 5) % 16;
        } else {
            f = c ^ (b | ~d);
            k = (7 * i) % 16;
        }
        uint32_t t = d;
        d = c;
        c = b;
        b = b + md5_rotl(a + f + x[k] + md5_t[i], md5_s[round][i % 4]);
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
}

void prof_md5(const void *data, size_t len, unsigned char out[16])
{
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    const unsigned char *p = data;
    size_t i = 0;
    for (; len - i >= 64; i += 64)
        md5_block(h, p + i);
    /* the tail, the 0x80 byte, zeros and the bit length: one or two
     * blocks */
    unsigned char last[128] = {0};
    size_t rest = len - i, n = rest < 56 ? 64 : 128;
    if (rest)
        memcpy(last, p + i, rest);
    last[rest] = 0x80;
    uint64_t bits = (uint64_t)len << 3;
    for (int b = 0; b < 8; b++)
        last[n - 8 + b] = (unsigned char)(bits >> (8 * b));
    for (size_t o = 0; o < n; o += 64)
        md5_block(h, last + o);
    for (int w = 0; w < 4; w++)
        for (int b = 0; b < 4; b++)
            out[4 * w + b] = (unsigned char)(h[w] >> (8 * b));
}
