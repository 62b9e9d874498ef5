/* totp: SHA-1, HMAC-SHA-1, RFC 6238 codes and base32 (see totp.h for why they are here). */
#include "core/totp.h"

#include <string.h>

enum { SHA1_BLOCK = 64 };

typedef struct sha1_ctx {
    uint32_t h[5];
    unsigned char block[SHA1_BLOCK];
    size_t used;     /* bytes in block */
    uint64_t length; /* bytes hashed so far */
} sha1_ctx;

static uint32_t rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_compress(uint32_t h[5], const unsigned char b[SHA1_BLOCK])
{
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
               (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20)
            f = (bb & c) | (~bb & d), k = 0x5A827999u;
        else if (i < 40)
            f = bb ^ c ^ d, k = 0x6ED9EBA1u;
        else if (i < 60)
            f = (bb & c) | (bb & d) | (c & d), k = 0x8F1BBCDCu;
        else
            f = bb ^ c ^ d, k = 0xCA62C1D6u;
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d, d = c, c = rol(bb, 30), bb = a, a = t;
    }
    h[0] += a, h[1] += bb, h[2] += c, h[3] += d, h[4] += e;
}

static void sha1_init(sha1_ctx *c)
{
    *c = (sha1_ctx){{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u}, {0}, 0, 0};
}

static void sha1_update(sha1_ctx *c, const unsigned char *data, size_t len)
{
    c->length += len;
    while (len > 0) {
        size_t take = SHA1_BLOCK - c->used < len ? SHA1_BLOCK - c->used : len;
        memcpy(c->block + c->used, data, take);
        c->used += take, data += take, len -= take;
        if (c->used == SHA1_BLOCK) {
            sha1_compress(c->h, c->block);
            c->used = 0;
        }
    }
}

static void sha1_final(sha1_ctx *c, unsigned char out[SHA1_BYTES])
{
    uint64_t bits = c->length * 8;
    unsigned char pad = 0x80, zero = 0, len_be[8];
    sha1_update(c, &pad, 1);
    while (c->used != SHA1_BLOCK - 8)
        sha1_update(c, &zero, 1);
    for (int i = 0; i < 8; i++)
        len_be[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(c, len_be, 8);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (unsigned char)(c->h[i] >> (24 - 8 * j));
}

void sha1(const unsigned char *data, size_t len, unsigned char out[SHA1_BYTES])
{
    sha1_ctx c;
    sha1_init(&c);
    sha1_update(&c, data, len);
    sha1_final(&c, out);
}

void hmac_sha1(const unsigned char *key, size_t key_len, const unsigned char *msg, size_t msg_len,
               unsigned char out[SHA1_BYTES])
{
    unsigned char k[SHA1_BLOCK] = {0}, pad[SHA1_BLOCK], inner[SHA1_BYTES];
    if (key_len > SHA1_BLOCK)
        sha1(key, key_len, k); /* long keys are hashed first (RFC 2104) */
    else
        memcpy(k, key, key_len);
    sha1_ctx c;
    for (int i = 0; i < SHA1_BLOCK; i++)
        pad[i] = k[i] ^ 0x36;
    sha1_init(&c);
    sha1_update(&c, pad, SHA1_BLOCK);
    sha1_update(&c, msg, msg_len);
    sha1_final(&c, inner);
    for (int i = 0; i < SHA1_BLOCK; i++)
        pad[i] = k[i] ^ 0x5c;
    sha1_init(&c);
    sha1_update(&c, pad, SHA1_BLOCK);
    sha1_update(&c, inner, SHA1_BYTES);
    sha1_final(&c, out);
}

int64_t totp_step(int64_t unix_seconds)
{
    return unix_seconds < 0 ? 0 : unix_seconds / TOTP_PERIOD_SECONDS;
}

uint32_t totp_code(const unsigned char *key, size_t key_len, int64_t step)
{
    unsigned char counter[8], mac[SHA1_BYTES];
    for (int i = 0; i < 8; i++)
        counter[i] = (unsigned char)((uint64_t)step >> (56 - 8 * i));
    hmac_sha1(key, key_len, counter, sizeof counter, mac);
    unsigned offset = mac[SHA1_BYTES - 1] & 0x0f; /* dynamic truncation (RFC 4226 5.3) */
    uint32_t bin = (uint32_t)(mac[offset] & 0x7f) << 24 | (uint32_t)mac[offset + 1] << 16 |
                   (uint32_t)mac[offset + 2] << 8 | mac[offset + 3];
    return bin % 1000000u;
}

/* The code as a number, or -1 unless it is exactly six digits. */
static long parse_code(const char *code)
{
    if (!code || strlen(code) != TOTP_DIGITS)
        return -1;
    long v = 0;
    for (const char *p = code; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

bool totp_verify(const unsigned char *key, size_t key_len, int64_t now_step, int64_t last_step,
                 const char *code, int64_t *accepted)
{
    long want = parse_code(code);
    if (want < 0)
        return false;
    /* Every candidate is computed, so the time taken does not tell which step matched. */
    bool found = false;
    for (int64_t step = now_step - 1; step <= now_step + 1; step++) {
        bool match = totp_code(key, key_len, step) == (uint32_t)want;
        if (match && step > last_step && !found) {
            found = true;
            *accepted = step;
        }
    }
    return found;
}

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

bool base32_encode(const unsigned char *data, size_t len, char *out, size_t out_size)
{
    size_t need = (len * 8 + 4) / 5 + 1, o = 0;
    if (out_size < need)
        return false;
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = B32[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[o++] = B32[(buffer << (5 - bits)) & 31];
    out[o] = '\0';
    return true;
}

static int b32_value(char ch)
{
    if (ch >= 'a' && ch <= 'z')
        ch = (char)(ch - 'a' + 'A');
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= '2' && ch <= '7')
        return ch - '2' + 26;
    return -1;
}

long base32_decode(const char *text, unsigned char *out, size_t out_size)
{
    uint32_t buffer = 0;
    int bits = 0;
    size_t o = 0;
    const char *end = text + strlen(text);
    while (end > text && end[-1] == '=')
        end--;
    for (const char *p = text; p < end; p++) {
        if (*p == ' ')
            continue;
        int v = b32_value(*p);
        if (v < 0)
            return -1;
        buffer = (buffer << 5) | (uint32_t)v;
        bits += 5;
        if (bits >= 8) {
            if (o >= out_size)
                return -1;
            out[o++] = (unsigned char)(buffer >> (bits - 8));
            bits -= 8;
        }
    }
    return (long)o;
}
