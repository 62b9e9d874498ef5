/* seal: a sealed field opens only with its key and its field name, and any altered byte makes it
 * fail to open (util/seal.h). */
#include "check.h"

#include "util/seal.h"
#include "util/secret.h"

#include <sodium.h>

static unsigned char key[32], other_key[32];
static arena a;

static const char *sealed_of(const char *plain)
{
    const char *out = NULL;
    CHECK(seal_text(key, "signals.text", plain, &a, &out));
    return out;
}

static void a_sealed_value_opens_to_the_same_text(void)
{
    const char *plain = "Bron meldt: ontmoeting bij de haven, woensdag 21:00 \xe2\x82\xac 500";
    const char *s = sealed_of(plain);
    CHECK(s && seal_is_sealed(s));
    CHECK(s && strstr(s, "haven") == NULL);
    const char *opened = NULL;
    CHECK(unseal_text(key, "signals.text", s, &a, &opened));
    CHECK_STR(opened, plain);
}

static void the_empty_text_round_trips(void)
{
    const char *opened = NULL;
    CHECK(unseal_text(key, "signals.text", sealed_of(""), &a, &opened));
    CHECK_STR(opened, "");
}

static void two_seals_of_one_text_differ(void)
{
    const char *x = sealed_of("zelfde tekst"), *y = sealed_of("zelfde tekst");
    CHECK(x && y && strcmp(x, y) != 0);
}

static void an_altered_byte_does_not_open(void)
{
    const char *s = sealed_of("gevoelige tekst van een informant");
    size_t n = strlen(s);
    /* Every position after the prefix: nonce, ciphertext and tag are all covered. */
    int opened_any = 0;
    for (size_t i = strlen("sealed:v1:"); i < n; i++) {
        char *copy = arena_strdup(&a, s);
        copy[i] = copy[i] == 'A' ? 'B' : 'A';
        const char *out = NULL;
        if (unseal_text(key, "signals.text", copy, &a, &out))
            opened_any++;
    }
    CHECK(opened_any == 0);
    char *cut = arena_strndup(&a, s, n - 1);
    const char *out = NULL;
    CHECK(!unseal_text(key, "signals.text", cut, &a, &out));
}

static void a_value_of_another_field_does_not_open(void)
{
    const char *out = NULL;
    CHECK(!unseal_text(key, "care.notes", sealed_of("zorgnotitie"), &a, &out));
}

static void another_key_does_not_open(void)
{
    const char *out = NULL;
    CHECK(!unseal_text(other_key, "signals.text", sealed_of("geheim"), &a, &out));
}

static void plain_or_malformed_text_is_not_sealed_and_does_not_open(void)
{
    const char *out = NULL;
    CHECK(!seal_is_sealed("gewone tekst"));
    CHECK(!seal_is_sealed(NULL));
    CHECK(!unseal_text(key, "signals.text", "gewone tekst", &a, &out));
    CHECK(seal_is_sealed("sealed:v1:"));
    CHECK(!unseal_text(key, "signals.text", "sealed:v1:", &a, &out));
    CHECK(!unseal_text(key, "signals.text", "sealed:v1:!!!not base64!!!", &a, &out));
    CHECK(!unseal_text(key, "signals.text", "sealed:v1:AAAA", &a, &out));
    CHECK(
        !unseal_text(key, "signals.text", "sealed:v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &a, &out));
}

int main(void)
{
    if (!secret_init())
        return 2;
    randombytes_buf(key, sizeof key);
    randombytes_buf(other_key, sizeof other_key);
    arena_init(&a, 1 << 20);
    RUN(a_sealed_value_opens_to_the_same_text);
    RUN(the_empty_text_round_trips);
    RUN(two_seals_of_one_text_differ);
    RUN(an_altered_byte_does_not_open);
    RUN(a_value_of_another_field_does_not_open);
    RUN(another_key_does_not_open);
    RUN(plain_or_malformed_text_is_not_sealed_and_does_not_open);
    arena_clear(&a);
    return check_summary();
}
