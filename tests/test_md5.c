/* test_md5.c - prof_md5 against the test suite of RFC 1321 (appendix A.5). */
#include "helpers.h"

#include "../libprof/internal.h"

static void md5_hex(const void *data, size_t len, char hex[33])
{
    unsigned char d[16];
    prof_md5(data, len, d);
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* RFC 1321, A.5: the digests of its seven test strings. */
static void test_rfc1321_suite(void **state)
{
    (void)state;
    static const char *const v[][2] = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"a", "0cc175b9c0f1b6a831c399e269772661"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
         "d174ab98d277d9f5a5611c2c9f419d9f"},
        {"1234567890123456789012345678901234567890123456789012345678901234"
         "5678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"},
    };
    char hex[33];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        md5_hex(v[i][0], strlen(v[i][0]), hex);
        assert_string_equal(hex, v[i][1]);
    }
}

/* Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes, where
 * the length moves to a second final block or a whole block is added)
 * and a million bytes, against digests from coreutils' md5sum. */
static void test_padding_boundaries(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        const char *hex;
    } v[] = {
        {55, "ef1772b6dff9a122358552954ad0df65"},
        {56, "3b0c8ac703f828b04c6c197006d17218"},
        {63, "b06521f39153d618550606be297466d5"},
        {64, "014842d480b571495a4a0363793f7367"},
        {65, "c743a45e0d2e6a95cb859adae0248435"},
        {1000000, "7707d6ae4e027c70eea2a935c2296f21"},
    };
    char *buf = malloc(1000000), hex[33];
    assert_non_null(buf);
    memset(buf, 'a', 1000000);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        md5_hex(buf, v[i].n, hex);
        assert_string_equal(hex, v[i].hex);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc1321_suite),
        cmocka_unit_test(test_padding_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
